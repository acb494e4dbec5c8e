/*
 * PostgreSQL migration: what signs people and programs in, kept in the
 * database so that every server sharing it sees the same (issue 14, item 4):
 * web sessions and password resets (sqlite_schema_accounts.c,
 * sqlite_schema_reset.c), sign-in attempts for the throttle
 * (sqlite_schema_signin.c, which replaced SQLite's login_failure: there is no
 * such table here) and API tokens (sqlite_schema_tokens.c). Names, columns
 * and checks are SQLite's, so a copy between backends maps table to table.
 * Times in unix seconds are bigint (SQLite's INTEGER is 64-bit); dates are
 * text, as there. Only hashes of tokens are ever stored: a copy of these
 * tables opens no session and gives no working link or API token.
 */
#include "postgres_schema.h"

#define T PG_TEXT
/* a hex SHA-256, as SQLite's length check and NOT GLOB '*[^0-9a-f]*' */
#define HEX64(col) "CHECK (length(" col ") = 64 AND " col " ~ '^[0-9a-f]*$')"

const char postgres_migration_sessions[] =
    "CREATE TABLE session ("
    " token_hash " T " PRIMARY KEY CHECK (length(token_hash) = 64),"
    " user_id bigint NOT NULL REFERENCES \"user\" (id) ON DELETE CASCADE,"
    " csrf " T " NOT NULL,"
    " created bigint NOT NULL, last_seen bigint NOT NULL);"
    "CREATE INDEX session_by_user ON session (user_id);"

    "CREATE TABLE signin_attempt ("
    " id bigint PRIMARY KEY,"
    " name " T " NOT NULL CHECK (length(name) BETWEEN 1 AND 64"
    "   AND name ~ '^[A-Za-z0-9._@-]+$'),"
    " address " T " NOT NULL CHECK (length(address) BETWEEN 1 AND 64),"
    " at bigint NOT NULL,"
    /* pending: being checked, and counted meanwhile; failed; lifted: no
     * longer counted (sqlite_schema_signin.c) */
    " outcome " T " NOT NULL CHECK (outcome IN ('pending','failed','lifted')));"
    "CREATE INDEX signin_by_name ON signin_attempt (name, at);"
    "CREATE INDEX signin_by_address ON signin_attempt (address, at);"
    "CREATE INDEX signin_by_at ON signin_attempt (at);"

    "CREATE TABLE api_token ("
    " id bigint PRIMARY KEY,"
    " user_id bigint NOT NULL REFERENCES \"user\" (id),"
    " token_hash " T " NOT NULL UNIQUE " HEX64("token_hash") ","
    " scope " T " NOT NULL CHECK (scope IN ('read','write')),"
    /* SQLite counts the label's bytes (CAST AS BLOB) */
    " label " T " NOT NULL DEFAULT '' CHECK (octet_length(label) <= 100),"
    " created " T " NOT NULL,"
    " expires " T " NOT NULL DEFAULT '' CHECK (expires = ''"
    "   OR expires ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),"
    " revoked " T " NOT NULL DEFAULT '');"
    "CREATE INDEX api_token_by_user ON api_token (user_id);"

    "CREATE TABLE password_reset ("
    " token_hash " T " PRIMARY KEY " HEX64("token_hash") ","
    " user_id bigint NOT NULL REFERENCES \"user\" (id),"
    " created bigint NOT NULL,"
    " expires bigint NOT NULL CHECK (expires > created),"
    " used integer NOT NULL DEFAULT 0 CHECK (used IN (0, 1)));"
    "CREATE INDEX password_reset_by_user ON password_reset (user_id);";
