/*
 * PostgreSQL migration 3: reports and matrices (sqlite_schema.c migration 1
 * and the entry columns of sqlite_schema_template2.c), with the same rules:
 * a document no larger than meta.max_document_bytes; a version born a draft,
 * its status changed only along the workflow, frozen once approved (the one
 * update let through: approved -> published) and then never deleted; its
 * entries frozen with it; an entry's item in its version's template and its
 * source report a report of its version's state (composite foreign keys, as
 * on SQLite). PostgreSQL checks foreign keys in the order they were made and
 * names the one that failed: the item's first, then the report's existence,
 * then its state, so postgres_matrix.c says which without a query after it.
 * Conditions with a subquery cannot be a trigger's WHEN in PostgreSQL, so
 * those are PL/pgSQL functions.
 *
 * Migration 13 (below) makes an import's entries cheaper to check: one
 * frozen check per INSERT statement, not per row, and one foreign key fewer
 * per entry (the report's existence, which its state's key implies).
 *
 * Triggers of one event fire in name order here: "a_frozen" comes before
 * "b_workflow" so that a change to a frozen version is told it is frozen.
 */
#include "postgres_schema.h"

#define T PG_TEXT
#define FROZEN "('approved','published')"
#define CHANGE_FROZEN "'an approved matrix version cannot change; make a new version'"
#define INFO_DATE(c) ", " c " " T " NOT NULL DEFAULT '' CHECK (" c " = '' OR " c \
    " ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$')"

const char postgres_migration_matrix[] =
    "CREATE TABLE report ("
    " id bigint PRIMARY KEY CHECK (id > 0),"
    " state " T " NOT NULL REFERENCES state (alpha3),"
    " kind " T " NOT NULL CHECK (kind IN ('first-report','additional-information',"
    "   'action-plan','peer-review','letter')),"
    " date " T " NOT NULL, language " T " NOT NULL, title " T " NOT NULL,"
    " filename " T ", media_type " T ", size bigint NOT NULL, sha256 " T " NOT NULL,"
    " document bytea CHECK (document IS NULL OR length(document) > 0), UNIQUE (id, state));"
    "CREATE INDEX report_by_state ON report (state, date, id);"
    "CREATE FUNCTION r1540_report_size() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
    " IF length(NEW.document) > (SELECT value::bigint FROM meta"
    "   WHERE key = 'max_document_bytes') THEN"
    "  RAISE EXCEPTION USING ERRCODE = 'R1540',"
    "   MESSAGE = 'r1540: the document is larger than the maximum document size';"
    " END IF; RETURN NEW; END $$;"
    "CREATE TRIGGER report_document_size BEFORE INSERT OR UPDATE OF document ON report"
    " FOR EACH ROW EXECUTE FUNCTION r1540_report_size();"

    "CREATE TABLE matrix_version ("
    " id bigint PRIMARY KEY,"
    " state " T " NOT NULL REFERENCES state (alpha3),"
    " number integer NOT NULL CHECK (number > 0),"
    " template_version integer NOT NULL,"
    " status " T " NOT NULL CHECK (status IN ('draft','with-state','approved','published')),"
    " created " T " NOT NULL, approved " T " NOT NULL DEFAULT '',"
    " published " T " NOT NULL DEFAULT '', note " T " NOT NULL DEFAULT '',"
    " UNIQUE (state, number), UNIQUE (id, state, template_version));"
    "CREATE TRIGGER matrix_version_born_draft BEFORE INSERT ON matrix_version"
    " FOR EACH ROW WHEN (NEW.status <> 'draft')"
    " EXECUTE FUNCTION " PG_REFUSE_FN "('a new matrix version starts as a draft');"
    "CREATE TRIGGER matrix_version_a_frozen BEFORE UPDATE ON matrix_version"
    " FOR EACH ROW WHEN (OLD.status IN " FROZEN " AND NOT ("
    "   OLD.status = 'approved' AND NEW.status = 'published' AND NEW.id = OLD.id"
    "   AND NEW.state = OLD.state AND NEW.number = OLD.number"
    "   AND NEW.template_version = OLD.template_version AND NEW.created = OLD.created"
    "   AND NEW.approved = OLD.approved AND NEW.note = OLD.note))"
    " EXECUTE FUNCTION " PG_REFUSE_FN "(" CHANGE_FROZEN ");"
    "CREATE TRIGGER matrix_version_b_workflow BEFORE UPDATE OF status ON matrix_version"
    " FOR EACH ROW WHEN (NEW.status <> OLD.status AND NOT ("
    "   (OLD.status = 'draft' AND NEW.status = 'with-state') OR"
    "   (OLD.status = 'with-state' AND NEW.status IN ('draft','approved')) OR"
    "   (OLD.status = 'approved' AND NEW.status = 'published')))"
    " EXECUTE FUNCTION " PG_REFUSE_FN "('the workflow does not allow that status change');"
    "CREATE TRIGGER matrix_version_frozen_delete BEFORE DELETE ON matrix_version"
    " FOR EACH ROW WHEN (OLD.status IN " FROZEN ")"
    " EXECUTE FUNCTION " PG_REFUSE_FN "('an approved matrix version cannot be deleted');"
    "CREATE TRIGGER matrix_version_no_truncate BEFORE TRUNCATE ON matrix_version"
    " FOR EACH STATEMENT EXECUTE FUNCTION " PG_REFUSE_FN
    "('an approved matrix version cannot be deleted');"

    "CREATE TABLE matrix_entry ("
    " version_id bigint NOT NULL,"
    " state " T " NOT NULL,"
    " template_version integer NOT NULL,"
    " item " T " NOT NULL,"
    " mark " T " NOT NULL CHECK (mark IN ('X','?','NA','')),"
    " legal_reference " T " NOT NULL, source_report bigint,"
    " page " T " NOT NULL, remark " T " NOT NULL,"
    " source_url " T " NOT NULL DEFAULT '' CHECK (source_url = '' OR (length(source_url) <= 500"
    "   AND (lower(substr(source_url, 1, 7)) = 'http://'"
    "     OR lower(substr(source_url, 1, 8)) = 'https://'))),"
    " info " T " NOT NULL DEFAULT '' CHECK (length(info) <= 500)"
    INFO_DATE("info_signed") INFO_DATE("info_ratified") INFO_DATE("info_acceded") ","
    " PRIMARY KEY (version_id, item),"
    " FOREIGN KEY (version_id, state, template_version)"
    "   REFERENCES matrix_version (id, state, template_version),"
    " FOREIGN KEY (template_version, item) REFERENCES template_item (template_version, id),"
    " FOREIGN KEY (source_report) REFERENCES report (id),"
    " FOREIGN KEY (source_report, state) REFERENCES report (id, state));"
    /* the frozen check of an entry reads its version: a function */
    "CREATE FUNCTION r1540_entry_frozen() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
    " IF (TG_OP <> 'INSERT' AND (SELECT status FROM matrix_version WHERE id = OLD.version_id)"
    "     IN " FROZEN ")"
    "  OR (TG_OP <> 'DELETE' AND (SELECT status FROM matrix_version WHERE id = NEW.version_id)"
    "     IN " FROZEN ") THEN"
    "  RAISE EXCEPTION USING ERRCODE = 'R1540', MESSAGE = 'r1540: ' || " CHANGE_FROZEN ";"
    " END IF;"
    " IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END $$;"
    "CREATE TRIGGER matrix_entry_frozen BEFORE INSERT OR UPDATE OR DELETE ON matrix_entry"
    " FOR EACH ROW EXECUTE FUNCTION r1540_entry_frozen();"
    "CREATE TRIGGER matrix_entry_no_truncate BEFORE TRUNCATE ON matrix_entry"
    " FOR EACH STATEMENT EXECUTE FUNCTION " PG_REFUSE_FN "(" CHANGE_FROZEN ");";


/*
 * Migration 13: the checks of an inserted entry, per statement where they
 * were per row (an import inserts about 120,000 entries, and their checks were
 * nearly all of its time in the database).
 *
 * The frozen check of an INSERT reads the inserted rows' versions once per
 * statement, after the statement (a transition table), where the row trigger
 * ran a query per row before it; UPDATE and DELETE keep the row trigger. The
 * versions are locked FOR SHARE, which the row trigger did not do: a status
 * change of one of them by another transaction waits for this one's end, and
 * one that committed first is seen (READ COMMITTED re-reads the row it waited
 * for), so an entry cannot slip into a version being approved. Being after
 * the rows, the check comes after their foreign keys: an entry that is both
 * in a frozen version and refused by a key is told about the key. Each
 * version is looked up by its id, one query each (an INSERT's rows are
 * nearly always one version's): in one query over all of them the planner
 * scanned the whole table, whose rows an import has just written, locked and
 * updated inside savepoints, which makes each row slow to read.
 *
 * The foreign key source_report -> report (id) goes: (source_report, state) ->
 * report (id, state) checks the same reports (MATCH SIMPLE, and state is NOT
 * NULL, so it is checked whenever source_report is set), and a report that
 * exists is one whose id is found. postgres_matrix.c tells "no such report"
 * from "a report of another state" by asking, not by the key's name.
 */
const char postgres_migration_entry_checks[] =
    "ALTER TABLE matrix_entry DROP CONSTRAINT matrix_entry_source_report_fkey;"
    "CREATE FUNCTION r1540_entries_frozen() RETURNS trigger LANGUAGE plpgsql AS $$"
    " DECLARE v bigint; BEGIN"
    " FOR v IN SELECT DISTINCT version_id FROM r1540_inserted LOOP"
    "  IF (SELECT status FROM matrix_version WHERE id = v FOR SHARE) IN " FROZEN " THEN"
    "   RAISE EXCEPTION USING ERRCODE = 'R1540', MESSAGE = 'r1540: ' || " CHANGE_FROZEN ";"
    "  END IF;"
    " END LOOP; RETURN NULL; END $$;"
    "DROP TRIGGER matrix_entry_frozen ON matrix_entry;"
    "CREATE TRIGGER matrix_entry_frozen BEFORE UPDATE OR DELETE ON matrix_entry"
    " FOR EACH ROW EXECUTE FUNCTION r1540_entry_frozen();"
    "CREATE TRIGGER matrix_entry_frozen_insert AFTER INSERT ON matrix_entry"
    " REFERENCING NEW TABLE AS r1540_inserted"
    " FOR EACH STATEMENT EXECUTE FUNCTION r1540_entries_frozen();";
