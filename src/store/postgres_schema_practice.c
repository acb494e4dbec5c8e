/*
 * PostgreSQL migration: effective practices (sqlite_schema_practice.c), with
 * the same checks: a state or an organization submits, never both; a
 * decision is dated, not before the submission, and only a return carries a
 * note; a document no larger than meta.max_document_bytes (the reports'
 * r1540_report_size, which reads NEW.document whatever the table).
 *
 * The search index keeps SQLite's names, practice_fts (rowid, terms), so a
 * copy between backends can read one and write the other. Its terms are
 * r1540's own analysis (src/text/analyze.h: folded, stemmed, joined by
 * spaces), so they are not analyzed again: r1540_terms_vector makes the
 * tsvector by splitting at the spaces alone, each term a lexeme at its
 * position, and the search casts its query to tsquery the same way
 * (postgres_practice.c), so both sides hold the very terms SQLite's FTS5
 * table holds and the same practices match. What differs: tsvector keeps
 * positions up to 16383 and 256 of them per term (a phrase past those is not
 * found), a term of 2048 bytes or more is left out (tsvector refuses it), so
 * are the terms past its 1 MiB (below), and the ranking is ts_rank, not BM25
 * (tests/cli/55_postgres_comments.sh).
 *
 * Only a published practice is in the index: a trigger takes a practice out
 * when its status changes, as on SQLite, and here a second one refuses an
 * index row for a practice that is not published, whoever writes it.
 */
#include "postgres_schema.h"

#define T PG_TEXT

const char postgres_migration_practice[] =
    "CREATE TABLE practice ("
    " id bigint PRIMARY KEY CHECK (id > 0),"
    " state " T " REFERENCES state (alpha3),"
    " org " T " REFERENCES organization (code),"
    " title " T " NOT NULL CHECK (title <> '' AND octet_length(title) <= 300),"
    " summary " T " NOT NULL CHECK (summary <> '' AND octet_length(summary) <= 8000),"
    " language " T " NOT NULL CHECK (language IN ('ar','zh','en','fr','ru','es')),"
    " items " T " NOT NULL CHECK (length(items) <= 2000),"
    " themes " T " NOT NULL CHECK (length(themes) <= 2000),"
    " status " T " NOT NULL CHECK (status IN ('submitted','published','returned')),"
    " note " T " NOT NULL DEFAULT '' CHECK (octet_length(note) <= 2000),"
    " submitted " T " NOT NULL CHECK (submitted ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),"
    " decided " T " NOT NULL DEFAULT '',"
    " submitter " T " NOT NULL CHECK (submitter <> ''),"
    " demo integer NOT NULL DEFAULT 0 CHECK (demo IN (0, 1)),"
    " CHECK ((state IS NULL) <> (org IS NULL)),"
    " CHECK (items <> '' OR themes <> ''),"
    " CHECK ((status = 'submitted') = (decided = '') AND (decided = '' OR decided >= submitted)),"
    " CHECK (status = 'returned' OR note = ''));"
    "CREATE INDEX practice_by_status ON practice (status, id);"

    "CREATE TABLE practice_document ("
    " practice_id bigint PRIMARY KEY REFERENCES practice (id) ON DELETE CASCADE,"
    " filename " T " NOT NULL CHECK (filename <> ''),"
    " media_type " T " NOT NULL,"
    " size bigint NOT NULL CHECK (size > 0),"
    " sha256 " T " NOT NULL CHECK (length(sha256) = 64),"
    " document bytea NOT NULL CHECK (length(document) = size));"
    "CREATE TRIGGER practice_document_size BEFORE INSERT ON practice_document"
    " FOR EACH ROW EXECUTE FUNCTION r1540_report_size();"

    /* terms joined by single spaces -> 'term':pos,pos,... once per term (its
     * first 256 positions, each at most 16383, as tsvector keeps them), in
     * the order they first appear; no parser. A tsvector holds at most 1 MiB
     * of terms and their positions (each term's bytes, aligned, and 2 bytes a
     * position and its count): the terms past 1,000,000 bytes (a document of
     * some hundred thousand words) are left out rather than the publication
     * refused. */
    "CREATE FUNCTION r1540_terms_vector(terms text) RETURNS tsvector"
    " LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$"
    " SELECT coalesce(string_agg(lexeme, ' ' ORDER BY first), '')::tsvector FROM ("
    "  SELECT first, '''' || replace(replace(t, '\\', '\\\\'), '''', '''''') || ''':' || pos"
    "   AS lexeme, sum(octet_length(t) + 1 + 2 * (npos + 1)) OVER (ORDER BY first) AS bytes"
    "  FROM (SELECT t, min(i) AS first, least(count(*), 256) AS npos,"
    "    string_agg(least(i, 16383)::text, ',' ORDER BY i) FILTER (WHERE n <= 256) AS pos"
    "   FROM (SELECT t, i, row_number() OVER (PARTITION BY t ORDER BY i) AS n"
    "    FROM unnest(string_to_array(terms, ' ')) WITH ORDINALITY AS u(t, i)"
    "    WHERE t <> '' AND octet_length(t) < 2048) k"
    "   GROUP BY t) w) v"
    " WHERE bytes <= 1000000 $$;"
    "CREATE TABLE practice_fts ("
    " rowid bigint PRIMARY KEY REFERENCES practice (id) ON DELETE CASCADE,"
    " terms " T " NOT NULL);"
    "CREATE INDEX practice_fts_terms ON practice_fts USING gin (r1540_terms_vector(terms));"
    "CREATE FUNCTION r1540_practice_indexable() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
    " IF NOT EXISTS (SELECT 1 FROM practice WHERE id = NEW.rowid AND status = 'published') THEN"
    "  RAISE EXCEPTION USING ERRCODE = 'R1540',"
    "   MESSAGE = 'r1540: only a published practice is in the search index';"
    " END IF; RETURN NEW; END $$;"
    "CREATE TRIGGER practice_fts_published BEFORE INSERT OR UPDATE ON practice_fts"
    " FOR EACH ROW EXECUTE FUNCTION r1540_practice_indexable();"
    /* a practice leaves the index when it is no longer published */
    "CREATE FUNCTION r1540_practice_unindex() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
    " DELETE FROM practice_fts WHERE rowid = NEW.id; RETURN NULL; END $$;"
    "CREATE TRIGGER practice_unindex AFTER UPDATE OF status ON practice"
    " FOR EACH ROW WHEN (NEW.status <> 'published')"
    " EXECUTE FUNCTION r1540_practice_unindex();";
