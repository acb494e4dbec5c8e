/*
 * SQLite migration for effective practices and lessons learned (issue 17
 * item 5): the entries, their optional documents (kept apart, so a list
 * never reads a file), and the FTS5 index of the published ones. Only a
 * published practice is in the index: a search can then never find one
 * that is still under review, whatever the query (the operation that
 * publishes writes its terms; core/practice.h has the statuses). The
 * submitter is a state or an organization, never both; a decision is dated
 * and a return carries its note; the schema checks these too.
 */
#include "sqlite_schema.h"

const char sqlite_migration_practice[] =
    "CREATE TABLE practice ("
    " id INTEGER PRIMARY KEY CHECK (id > 0),"
    " state TEXT REFERENCES state (alpha3),"
    " org TEXT REFERENCES organization (code),"
    " title TEXT NOT NULL CHECK (title <> '' AND length(CAST(title AS BLOB)) <= 300),"
    " summary TEXT NOT NULL CHECK (summary <> '' AND length(CAST(summary AS BLOB)) <= 8000),"
    " language TEXT NOT NULL CHECK (language IN ('ar','zh','en','fr','ru','es')),"
    " items TEXT NOT NULL CHECK (length(items) <= 2000),"
    " themes TEXT NOT NULL CHECK (length(themes) <= 2000),"
    " status TEXT NOT NULL CHECK (status IN ('submitted','published','returned')),"
    " note TEXT NOT NULL DEFAULT '' CHECK (length(CAST(note AS BLOB)) <= 2000),"
    " submitted TEXT NOT NULL"
    "  CHECK (submitted GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),"
    " decided TEXT NOT NULL DEFAULT '',"
    " submitter TEXT NOT NULL CHECK (submitter <> ''),"
    " demo INTEGER NOT NULL DEFAULT 0 CHECK (demo IN (0, 1)),"
    " CHECK ((state IS NULL) <> (org IS NULL)),"
    " CHECK (items <> '' OR themes <> ''),"
    " CHECK ((status = 'submitted') = (decided = '') AND (decided = '' OR decided >= submitted)),"
    " CHECK (status = 'returned' OR note = ''));"
    "CREATE INDEX practice_by_status ON practice (status, id);"
    "CREATE TABLE practice_document ("
    " practice_id INTEGER PRIMARY KEY REFERENCES practice (id) ON DELETE CASCADE,"
    " filename TEXT NOT NULL CHECK (filename <> ''),"
    " media_type TEXT NOT NULL,"
    " size INTEGER NOT NULL CHECK (size > 0),"
    " sha256 TEXT NOT NULL CHECK (length(sha256) = 64),"
    " document BLOB NOT NULL CHECK (length(document) = size));"
    "CREATE TRIGGER practice_document_size BEFORE INSERT ON practice_document"
    " WHEN length(NEW.document) > (SELECT CAST(value AS INTEGER) FROM meta"
    "   WHERE key = 'max_document_bytes')"
    " BEGIN SELECT RAISE(ABORT, 'r1540: the document is larger than the maximum document size'); END;"
    "CREATE VIRTUAL TABLE practice_fts USING fts5(terms,"
    " tokenize = 'unicode61 remove_diacritics 0');"
    /* a practice leaves the index when it is no longer published */
    "CREATE TRIGGER practice_unindex AFTER UPDATE OF status ON practice"
    " WHEN NEW.status <> 'published'"
    " BEGIN DELETE FROM practice_fts WHERE rowid = NEW.id; END;";
