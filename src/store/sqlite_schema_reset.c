/*
 * Migration: one-time password resets. An administrator issues a link for a
 * user who lost the password; the link's token is random and only its
 * SHA-256 is kept, so a copy of the database gives no working link. A reset
 * expires, is used once, and a newer one replaces the older ones.
 */
#include "sqlite_schema.h"

const char sqlite_migration_reset[] =
    "CREATE TABLE password_reset ("
    " token_hash TEXT PRIMARY KEY CHECK (length(token_hash) = 64"
    "   AND token_hash NOT GLOB '*[^0-9a-f]*'),"
    " user_id INTEGER NOT NULL REFERENCES user (id),"
    " created INTEGER NOT NULL,"
    " expires INTEGER NOT NULL CHECK (expires > created),"
    " used INTEGER NOT NULL DEFAULT 0 CHECK (used IN (0, 1)));"
    "CREATE INDEX password_reset_by_user ON password_reset (user_id);";
