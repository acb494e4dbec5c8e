/*
 * SQLite migration for the text of reports (issue 15): each report's
 * extraction status, its pages' text, and the FTS5 index of their terms.
 * The index holds terms made by src/text/analyze.h, joined by spaces, so
 * FTS5's unicode61 tokenizer only splits at those spaces (the terms hold
 * only letters and digits, already folded; remove_diacritics 0 keeps them as
 * they are). The index is derived data: the fingerprint leaves it out, and
 * a page's terms go with the page.
 */
#include "sqlite_schema.h"

const char sqlite_migration_search[] =
    "CREATE TABLE report_text ("
    " report_id INTEGER PRIMARY KEY REFERENCES report (id) ON DELETE CASCADE,"
    " status TEXT NOT NULL CHECK (status IN ('text','no-text')),"
    " pages INTEGER NOT NULL CHECK (pages >= 0),"
    " note TEXT NOT NULL);"
    "CREATE TABLE report_page ("
    " id INTEGER PRIMARY KEY,"
    " report_id INTEGER NOT NULL REFERENCES report_text (report_id) ON DELETE CASCADE,"
    " page INTEGER NOT NULL CHECK (page > 0),"
    " recognized INTEGER NOT NULL CHECK (recognized IN (0, 1)),"
    " text TEXT NOT NULL,"
    " UNIQUE (report_id, page));"
    "CREATE VIRTUAL TABLE report_fts USING fts5(terms,"
    " tokenize = 'unicode61 remove_diacritics 0');"
    "CREATE TRIGGER report_page_unindex AFTER DELETE ON report_page"
    " BEGIN DELETE FROM report_fts WHERE rowid = OLD.id; END;";
