/*
 * SQLite migration for outreach entries (issue 17): the Committee's letters,
 * meetings and visits to one state, with the state's answer. Kinds and the
 * answer's pairing (text and date together, the date not before the entry's)
 * are the schema's own checks too.
 */
#include "sqlite_schema.h"

const char sqlite_migration_outreach[] =
    "CREATE TABLE outreach_entry ("
    " id INTEGER PRIMARY KEY CHECK (id > 0),"
    " state TEXT NOT NULL REFERENCES state (alpha3),"
    " date TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),"
    " kind TEXT NOT NULL CHECK (kind IN ('letter','meeting','visit')),"
    " subject TEXT NOT NULL CHECK (subject <> '' AND length(CAST(subject AS BLOB)) <= 300),"
    " answer TEXT NOT NULL DEFAULT '' CHECK (length(CAST(answer AS BLOB)) <= 4000),"
    " answer_date TEXT NOT NULL DEFAULT '',"
    " CHECK ((answer = '') = (answer_date = '') AND (answer_date = '' OR answer_date >= date)));"
    "CREATE INDEX outreach_entry_by_state ON outreach_entry (state, date, id);";
