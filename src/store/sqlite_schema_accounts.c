/*
 * Migration 2: accounts, sessions, login throttling, the audit log and the
 * state's review of a matrix version. As in migration 1, what must hold
 * whatever a caller does is a constraint or a trigger here: a user name's
 * alphabet, a point of contact has a state and nobody else has one, a session
 * keeps only the hash of its token, and the audit log is append-only (the
 * hash chain over it, which catches edits made around these triggers, is in
 * core/audit.c).
 */
#include "sqlite_schema.h"

#define REFUSE(msg) "SELECT RAISE(ABORT, 'r1540: " msg "');"
#define APPEND_ONLY "the audit log is append-only"

const char sqlite_migration_accounts[] =
    "CREATE TABLE user ("
    " id INTEGER PRIMARY KEY,"
    " name TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 64"
    "   AND name NOT GLOB '*[^A-Za-z0-9._@-]*'),"
    " role TEXT NOT NULL CHECK (role IN ('admin','committee','expert','poc','provider')),"
    " state TEXT REFERENCES state (alpha3),"
    " org TEXT NOT NULL DEFAULT '',"
    " pw_hash TEXT NOT NULL CHECK (length(pw_hash) > 0),"
    " disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0,1)),"
    " created TEXT NOT NULL,"
    " CHECK ((role = 'poc') = (state IS NOT NULL)));"

    /* The token itself is only ever in the browser's cookie: a copy of this
     * table (a backup, say) does not let anyone sign in. */
    "CREATE TABLE session ("
    " token_hash TEXT PRIMARY KEY CHECK (length(token_hash) = 64),"
    " user_id INTEGER NOT NULL REFERENCES user (id) ON DELETE CASCADE,"
    " csrf TEXT NOT NULL,"
    " created INTEGER NOT NULL, last_seen INTEGER NOT NULL) WITHOUT ROWID;"
    "CREATE INDEX session_by_user ON session (user_id);"

    "CREATE TABLE login_failure (key TEXT NOT NULL, at INTEGER NOT NULL);"
    "CREATE INDEX login_failure_by_key ON login_failure (key, at);"

    "CREATE TABLE audit ("
    " seq INTEGER PRIMARY KEY CHECK (seq > 0),"
    " at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,"
    " object TEXT NOT NULL, detail TEXT NOT NULL,"
    " prev_hash TEXT NOT NULL CHECK (length(prev_hash) = 64),"
    " hash TEXT NOT NULL CHECK (length(hash) = 64));"
    "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit"
    " BEGIN " REFUSE(APPEND_ONLY) " END;"
    "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit"
    " BEGIN " REFUSE(APPEND_ONLY) " END;"

    "CREATE TABLE matrix_comment ("
    " id INTEGER PRIMARY KEY,"
    " version_id INTEGER NOT NULL REFERENCES matrix_version (id),"
    " item TEXT NOT NULL,"
    " user_id INTEGER NOT NULL REFERENCES user (id),"
    " text TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 4000),"
    " created TEXT NOT NULL);"
    "CREATE INDEX matrix_comment_by_version ON matrix_comment (version_id, id);"

    "CREATE TABLE matrix_review ("
    " version_id INTEGER PRIMARY KEY REFERENCES matrix_version (id),"
    " response TEXT NOT NULL CHECK (response IN ('accepted','commented')),"
    " user_id INTEGER NOT NULL REFERENCES user (id),"
    " at TEXT NOT NULL);";
