/*
 * API tokens (core/token.h): one row per token a user made for a program.
 * Only the token's SHA-256 is kept (the lookup is by it); the checks keep a
 * row to what the code writes, so a forged row cannot name a scope that
 * does not exist or hold a token in clear.
 */
#include "sqlite_schema.h"

const char sqlite_migration_tokens[] =
    "CREATE TABLE api_token ("
    " id INTEGER PRIMARY KEY,"
    " user_id INTEGER NOT NULL REFERENCES user (id),"
    " token_hash TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64"
    "   AND token_hash NOT GLOB '*[^0-9a-f]*'),"
    " scope TEXT NOT NULL CHECK (scope IN ('read','write')),"
    " label TEXT NOT NULL DEFAULT '' CHECK (length(CAST(label AS BLOB)) <= 100),"
    " created TEXT NOT NULL,"
    " expires TEXT NOT NULL DEFAULT '' CHECK (expires = '' OR expires GLOB"
    "   '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),"
    " revoked TEXT NOT NULL DEFAULT '');"
    "CREATE INDEX api_token_by_user ON api_token (user_id);";
