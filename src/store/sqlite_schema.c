/*
 * SQLite migrations. Rules that must hold whatever a caller does live here as
 * constraints and triggers, so the store refuses them even if a future caller
 * forgets to check: an approved or published matrix version and its entries are
 * frozen; status changes follow the workflow; an entry names an item of its
 * version's template and a source report of its own state; a document is no
 * larger than the configured maximum. Trigger messages start with "r1540:" so
 * the backend can tell a refusal from a plain constraint failure.
 */
#include "sqlite_schema.h"

#define FROZEN "('approved','published')"
#define REFUSE(msg) "SELECT RAISE(ABORT, 'r1540: " msg "');"
#define NAMES(p) p "_ar TEXT NOT NULL, " p "_zh TEXT NOT NULL, " p "_en TEXT NOT NULL, " \
    p "_fr TEXT NOT NULL, " p "_ru TEXT NOT NULL, " p "_es TEXT NOT NULL"

static const char migration_1[] =
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;"

    "CREATE TABLE vocab (kind TEXT NOT NULL, code TEXT NOT NULL, parent TEXT NOT NULL,"
    " seq INTEGER NOT NULL, " NAMES("name") ", PRIMARY KEY (kind, code)) WITHOUT ROWID;"

    "CREATE TABLE state ("
    " alpha3 TEXT PRIMARY KEY CHECK (alpha3 GLOB '[A-Z][A-Z][A-Z]'),"
    " alpha2 TEXT NOT NULL UNIQUE CHECK (alpha2 GLOB '[A-Z][A-Z]'),"
    " numeric TEXT NOT NULL UNIQUE CHECK (numeric GLOB '[0-9][0-9][0-9]'),"
    " un_group TEXT NOT NULL CHECK (un_group IN ('AFR','APG','EEG','GRULAC','WEOG','NONE')),"
    " m49_region TEXT NOT NULL, m49_subregion TEXT NOT NULL, m49_intermediate TEXT NOT NULL,"
    " ldc INTEGER NOT NULL CHECK (ldc IN (0,1)), lldc INTEGER NOT NULL CHECK (lldc IN (0,1)),"
    " sids INTEGER NOT NULL CHECK (sids IN (0,1)), " NAMES("name") ") WITHOUT ROWID;"

    "CREATE TABLE template_item ("
    " template_version INTEGER NOT NULL, id TEXT NOT NULL, seq INTEGER NOT NULL,"
    " section TEXT NOT NULL, heading TEXT NOT NULL, weapon TEXT NOT NULL, themes TEXT NOT NULL,"
    " " NAMES("label") ", PRIMARY KEY (template_version, id)) WITHOUT ROWID;"

    "CREATE TABLE report ("
    " id INTEGER PRIMARY KEY CHECK (id > 0),"
    " state TEXT NOT NULL REFERENCES state (alpha3),"
    " kind TEXT NOT NULL CHECK (kind IN ('first-report','additional-information',"
    "   'action-plan','peer-review','letter')),"
    " date TEXT NOT NULL, language TEXT NOT NULL, title TEXT NOT NULL,"
    " filename TEXT, media_type TEXT, size INTEGER NOT NULL, sha256 TEXT NOT NULL,"
    " document BLOB CHECK (document IS NULL OR length(document) > 0), UNIQUE (id, state));"
    "CREATE INDEX report_by_state ON report (state, date, id);"
    "CREATE TRIGGER report_document_size BEFORE INSERT ON report"
    " WHEN length(NEW.document) > (SELECT CAST(value AS INTEGER) FROM meta"
    "   WHERE key = 'max_document_bytes')"
    " BEGIN " REFUSE("the document is larger than the maximum document size") " END;"
    "CREATE TRIGGER report_document_size_update BEFORE UPDATE OF document ON report"
    " WHEN length(NEW.document) > (SELECT CAST(value AS INTEGER) FROM meta"
    "   WHERE key = 'max_document_bytes')"
    " BEGIN " REFUSE("the document is larger than the maximum document size") " END;"

    "CREATE TABLE matrix_version ("
    " id INTEGER PRIMARY KEY,"
    " state TEXT NOT NULL REFERENCES state (alpha3),"
    " number INTEGER NOT NULL CHECK (number > 0),"
    " template_version INTEGER NOT NULL,"
    " status TEXT NOT NULL CHECK (status IN ('draft','with-state','approved','published')),"
    " created TEXT NOT NULL, approved TEXT NOT NULL DEFAULT '',"
    " published TEXT NOT NULL DEFAULT '', note TEXT NOT NULL DEFAULT '',"
    " UNIQUE (state, number), UNIQUE (id, state, template_version));"
    "CREATE TRIGGER matrix_version_born_draft BEFORE INSERT ON matrix_version"
    " WHEN NEW.status <> 'draft'"
    " BEGIN " REFUSE("a new matrix version starts as a draft") " END;"
    "CREATE TRIGGER matrix_version_workflow BEFORE UPDATE OF status ON matrix_version"
    " WHEN NEW.status <> OLD.status AND NOT ("
    "   (OLD.status = 'draft' AND NEW.status = 'with-state') OR"
    "   (OLD.status = 'with-state' AND NEW.status IN ('draft','approved')) OR"
    "   (OLD.status = 'approved' AND NEW.status = 'published'))"
    " BEGIN " REFUSE("the workflow does not allow that status change") " END;"
    "CREATE TRIGGER matrix_version_frozen BEFORE UPDATE ON matrix_version"
    " WHEN OLD.status IN " FROZEN " AND NOT ("
    "   OLD.status = 'approved' AND NEW.status = 'published' AND NEW.id = OLD.id"
    "   AND NEW.state = OLD.state AND NEW.number = OLD.number"
    "   AND NEW.template_version = OLD.template_version AND NEW.created = OLD.created"
    "   AND NEW.approved = OLD.approved AND NEW.note = OLD.note)"
    " BEGIN " REFUSE("an approved matrix version cannot change; make a new version") " END;"
    "CREATE TRIGGER matrix_version_frozen_delete BEFORE DELETE ON matrix_version"
    " WHEN OLD.status IN " FROZEN
    " BEGIN " REFUSE("an approved matrix version cannot be deleted") " END;"

    /* An entry repeats its version's state and template version so that plain
     * composite foreign keys (checked natively, far cheaper than triggers on
     * bulk imports) can say: the item belongs to the version's template, and
     * the source report belongs to the version's state. */
    "CREATE TABLE matrix_entry ("
    " version_id INTEGER NOT NULL,"
    " state TEXT NOT NULL,"
    " template_version INTEGER NOT NULL,"
    " item TEXT NOT NULL,"
    " mark TEXT NOT NULL CHECK (mark IN ('X','?','NA','')),"
    " legal_reference TEXT NOT NULL, source_report INTEGER,"
    " page TEXT NOT NULL, remark TEXT NOT NULL,"
    " PRIMARY KEY (version_id, item),"
    " FOREIGN KEY (version_id, state, template_version)"
    "   REFERENCES matrix_version (id, state, template_version),"
    " FOREIGN KEY (template_version, item) REFERENCES template_item (template_version, id),"
    " FOREIGN KEY (source_report, state) REFERENCES report (id, state)) WITHOUT ROWID;"
    "CREATE TRIGGER matrix_entry_frozen_insert BEFORE INSERT ON matrix_entry"
    " WHEN (SELECT status FROM matrix_version WHERE id = NEW.version_id) IN " FROZEN
    " BEGIN " REFUSE("an approved matrix version cannot change; make a new version") " END;"
    "CREATE TRIGGER matrix_entry_frozen_update BEFORE UPDATE ON matrix_entry"
    " WHEN (SELECT status FROM matrix_version WHERE id = OLD.version_id) IN " FROZEN
    "   OR (SELECT status FROM matrix_version WHERE id = NEW.version_id) IN " FROZEN
    " BEGIN " REFUSE("an approved matrix version cannot change; make a new version") " END;"
    "CREATE TRIGGER matrix_entry_frozen_delete BEFORE DELETE ON matrix_entry"
    " WHEN (SELECT status FROM matrix_version WHERE id = OLD.version_id) IN " FROZEN
    " BEGIN " REFUSE("an approved matrix version cannot change; make a new version") " END;";

/* Migrations 2 to 8 live in sqlite_schema_accounts.c, sqlite_schema_assistance.c,
 * sqlite_schema_event.c, sqlite_schema_signin.c, sqlite_schema_membership.c,
 * sqlite_schema_lists.c and sqlite_schema_template2.c; 9 to 12 in
 * sqlite_schema_search.c, sqlite_schema_roster.c, sqlite_schema_outreach.c,
 * sqlite_schema_notify.c; 13 and 14 in sqlite_schema_tokens.c and
 * sqlite_schema_reset.c; then sqlite_schema_comment_draft.c, _request2663.c, _programme.c,
 * _practice.c, _unread.c. */
const char *const sqlite_migrations[] = {migration_1, sqlite_migration_accounts,
                                         sqlite_migration_assistance, sqlite_migration_event,
                                         sqlite_migration_signin, sqlite_migration_membership,
                                         sqlite_migration_lists, sqlite_migration_template2,
                                         sqlite_migration_search,
                                         sqlite_migration_roster, sqlite_migration_outreach,
                                         sqlite_migration_notify, sqlite_migration_tokens,
                                         sqlite_migration_reset,
                                         sqlite_migration_comment_draft,
                                         sqlite_migration_request2663,
                                         sqlite_migration_programme,
                                         sqlite_migration_practice,
                                         sqlite_migration_unread};
const int sqlite_migration_count = sizeof sqlite_migrations / sizeof *sqlite_migrations;
