/*
 * PostgreSQL migration 5: the text of reports (sqlite_schema_search.c): each
 * report's extraction status and its pages' text. SQLite keeps the pages'
 * analyzed terms in an FTS5 table; here they are a column of the page,
 * indexed with a GIN index over to_tsvector('simple', terms) (the terms are
 * already folded and split by src/text/analyze.h, so the 'simple'
 * configuration only splits at the spaces). The search and its ranking are
 * postgres_search_query.c's.
 */
#include "postgres_schema.h"

#define T PG_TEXT

const char postgres_migration_search[] =
    "CREATE TABLE report_text ("
    " report_id bigint PRIMARY KEY REFERENCES report (id) ON DELETE CASCADE,"
    " status " T " NOT NULL CHECK (status IN ('text','no-text')),"
    " pages integer NOT NULL CHECK (pages >= 0),"
    " note " T " NOT NULL);"
    "CREATE TABLE report_page ("
    " id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
    " report_id bigint NOT NULL REFERENCES report_text (report_id) ON DELETE CASCADE,"
    " page integer NOT NULL CHECK (page > 0),"
    " recognized integer NOT NULL CHECK (recognized IN (0, 1)),"
    " text " T " NOT NULL, terms " T " NOT NULL,"
    " UNIQUE (report_id, page));"
    "CREATE INDEX report_page_terms ON report_page"
    " USING gin (to_tsvector('simple', terms));";
