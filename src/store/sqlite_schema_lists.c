/*
 * SQLite migration: the lists of requests and offers (items, themes,
 * languages; an offer's kinds and regions too) move out of comma-separated
 * columns into child tables, one row per code with its place in the list, so
 * that "the requests with theme X" is an indexed lookup and a code is a value
 * the database can check (not empty, no comma, not twice in one list). The C
 * records keep their comma-separated lists; the store joins and splits them
 * (sqlite_fields.c, from the field tables' FIELD_LIST rows).
 *
 * Existing rows are converted: each list is split by a recursive query and
 * written in order. A request's columns go with ALTER TABLE DROP COLUMN. An
 * offer's cannot (its table-level CHECK names two of them), so its table is
 * rebuilt: copied aside, dropped, created again under its name and refilled.
 * Dropping a table that proposals refer to counts each proposal as a broken
 * reference; with defer_foreign_keys the count is kept until commit, and
 * refilling the table takes each one back, so the commit finds none (a lost
 * offer would make it fail, and the migration roll back). What the dropped
 * CHECKs said (a request names at least one item; an offer names items or
 * themes) assistance_request_validate and assistance_offer_validate check.
 */
#include "sqlite_schema.h"

#define DATE_OK(c) "(" c " = '' OR " c " GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]')"
/* The code table of a record: (owner, list, seq) -> code. */
#define CODE_TABLE(name, owner, parent, lists)                                                  \
    "CREATE TABLE " name " ("                                                                   \
    " " owner " INTEGER NOT NULL REFERENCES " parent " (id),"                                   \
    " list TEXT NOT NULL CHECK (list IN " lists "),"                                            \
    " seq INTEGER NOT NULL CHECK (seq > 0),"                                                    \
    " code TEXT NOT NULL CHECK (code <> '' AND instr(code, ',') = 0),"                         \
    " PRIMARY KEY (" owner ", list, seq), UNIQUE (" owner ", list, code)) WITHOUT ROWID;"      \
    "CREATE INDEX " name "_by_code ON " name " (list, code, " owner ");"
/* Splits `column` of every row of `from` into (id, list, seq, code) rows. */
#define SPLIT(into, owner, from, column)                                                        \
    "INSERT INTO " into " (" owner ", list, seq, code)"                                         \
    " WITH RECURSIVE split (id, seq, code, rest) AS ("                                          \
    "   SELECT id, 0, '', " column " || ',' FROM " from " WHERE " column " <> ''"               \
    "   UNION ALL SELECT id, seq + 1, substr(rest, 1, instr(rest, ',') - 1),"                   \
    "     substr(rest, instr(rest, ',') + 1) FROM split WHERE rest <> '')"                      \
    " SELECT id, '" column "', seq, code FROM split WHERE seq > 0;"

const char sqlite_migration_lists[] =
    "PRAGMA defer_foreign_keys = ON;"

    CODE_TABLE("assistance_request_code", "request_id", "assistance_request",
               "('items','themes','languages')")
    SPLIT("assistance_request_code", "request_id", "assistance_request", "items")
    SPLIT("assistance_request_code", "request_id", "assistance_request", "themes")
    SPLIT("assistance_request_code", "request_id", "assistance_request", "languages")
    "ALTER TABLE assistance_request DROP COLUMN items;"
    "ALTER TABLE assistance_request DROP COLUMN themes;"
    "ALTER TABLE assistance_request DROP COLUMN languages;"

    "CREATE TEMP TABLE offer_before_lists AS SELECT * FROM assistance_offer;"
    "DROP TABLE assistance_offer;"
    "CREATE TABLE assistance_offer ("
    " id INTEGER PRIMARY KEY CHECK (id > 0),"
    " provider_state TEXT REFERENCES state (alpha3),"
    " provider_org TEXT REFERENCES organization (code),"
    " title TEXT NOT NULL CHECK (title <> ''), description TEXT NOT NULL,"
    " capacity INTEGER NOT NULL CHECK (capacity >= 0),"
    " start TEXT NOT NULL CHECK " DATE_OK("start") ", end TEXT NOT NULL CHECK " DATE_OK("end") ","
    " status TEXT NOT NULL CHECK (status IN ('open','closed')),"
    " CHECK ((provider_state IS NULL) <> (provider_org IS NULL)),"
    " CHECK (start = '' OR end = '' OR start <= end));"
    "INSERT INTO assistance_offer (id, provider_state, provider_org, title, description,"
    " capacity, start, end, status) SELECT id, provider_state, provider_org, title,"
    " description, capacity, start, end, status FROM temp.offer_before_lists ORDER BY id;"
    CODE_TABLE("assistance_offer_code", "offer_id", "assistance_offer",
               "('kinds','items','themes','regions','languages')")
    SPLIT("assistance_offer_code", "offer_id", "temp.offer_before_lists", "kinds")
    SPLIT("assistance_offer_code", "offer_id", "temp.offer_before_lists", "items")
    SPLIT("assistance_offer_code", "offer_id", "temp.offer_before_lists", "themes")
    SPLIT("assistance_offer_code", "offer_id", "temp.offer_before_lists", "regions")
    SPLIT("assistance_offer_code", "offer_id", "temp.offer_before_lists", "languages")
    "DROP TABLE temp.offer_before_lists;";
