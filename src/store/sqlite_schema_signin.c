/*
 * Migration 5: sign-in attempts. The old login_failure table counted failures
 * under one key, by account or by address, so twenty failures from one
 * address (behind a proxy: from everyone) locked out every account there. An
 * attempt now keeps the account name and the real client address apart, so
 * that the throttle can count by account and address together, by address and
 * by account (web/signin.c), and administrators can see who failed from
 * where. Names and addresses are checked here as everywhere else: a row can
 * never hold more than a well-formed user name and an address.
 */
#include "sqlite_schema.h"

const char sqlite_migration_signin[] =
    "DROP TABLE login_failure;"
    "CREATE TABLE signin_attempt ("
    " id INTEGER PRIMARY KEY,"
    " name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 64"
    "   AND name NOT GLOB '*[^A-Za-z0-9._@-]*'),"
    " address TEXT NOT NULL CHECK (length(address) BETWEEN 1 AND 64),"
    " at INTEGER NOT NULL,"
    /* pending: being checked (counted, so that parallel guesses see each
     * other); failed; lifted: a failure no longer counted (an administrator
     * lifted the lockout, or the account then signed in from that address) */
    " outcome TEXT NOT NULL CHECK (outcome IN ('pending','failed','lifted')));"
    "CREATE INDEX signin_by_name ON signin_attempt (name, at);"
    "CREATE INDEX signin_by_address ON signin_attempt (address, at);"
    "CREATE INDEX signin_by_at ON signin_attempt (at);";
