/*
 * PostgreSQL migration 4: user accounts, and the state's review of a matrix
 * version (sqlite_schema_accounts.c's user, matrix_comment with the draft
 * columns of sqlite_schema_comment_draft.c, and matrix_review; its session
 * table is in postgres_schema_sessions.c, and its login_failure was replaced
 * by signin_attempt in SQLite's migration 5). The
 * table keeps SQLite's name, "user", quoted: USER is reserved in PostgreSQL.
 */
#include "postgres_schema.h"

#define T PG_TEXT

const char postgres_migration_accounts[] =
    "CREATE TABLE \"user\" ("
    " id bigint PRIMARY KEY,"
    " name " T " NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 64"
    "   AND name ~ '^[A-Za-z0-9._@-]+$'),"
    " role " T " NOT NULL CHECK (role IN ('admin','committee','expert','poc','provider')),"
    " state " T " REFERENCES state (alpha3),"
    " org " T " NOT NULL DEFAULT '',"
    " pw_hash " T " NOT NULL CHECK (length(pw_hash) > 0),"
    " disabled integer NOT NULL DEFAULT 0 CHECK (disabled IN (0,1)),"
    " created " T " NOT NULL,"
    " CHECK ((role = 'poc') = (state IS NOT NULL)));"

    "CREATE TABLE matrix_comment ("
    " id bigint PRIMARY KEY,"
    " version_id bigint NOT NULL REFERENCES matrix_version (id),"
    " item " T " NOT NULL,"
    " user_id bigint NOT NULL REFERENCES \"user\" (id),"
    " text " T " NOT NULL CHECK (length(text) BETWEEN 1 AND 4000),"
    " created " T " NOT NULL,"
    /* sqlite_schema_comment_draft.c's columns, in its order: a draft until
     * sent with the others of its round, then marked answered by an expert */
    " sent integer NOT NULL DEFAULT 1 CHECK (sent IN (0, 1)),"
    " answered " T ","
    " answered_by bigint REFERENCES \"user\" (id));"
    "CREATE INDEX matrix_comment_by_version ON matrix_comment (version_id, id);"

    "CREATE TABLE matrix_review ("
    " version_id bigint PRIMARY KEY REFERENCES matrix_version (id),"
    " response " T " NOT NULL CHECK (response IN ('accepted','commented')),"
    " user_id bigint NOT NULL REFERENCES \"user\" (id),"
    " at " T " NOT NULL);";
