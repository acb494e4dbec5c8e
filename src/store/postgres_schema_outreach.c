/*
 * PostgreSQL migration: outreach. Events with their participating states and
 * themes (sqlite_schema_event.c), the roster of points of contact with
 * training attendance (sqlite_schema_roster.c) and the outreach log to one
 * state (sqlite_schema_outreach.c), one migration since no PostgreSQL
 * database predates them. The same checks as SQLite's: GLOB patterns become
 * anchored regular expressions, byte lengths octet_length. "end" is reserved
 * in PostgreSQL, so the column is quoted (the name stays SQLite's, so a copy
 * between backends maps columns by name).
 *
 * The link rule (an entry's account must be a point of contact of the
 * entry's state) needs a subquery, which a trigger's WHEN cannot hold here:
 * it is a PL/pgSQL function, fired on insert and on a change of user_id or
 * state only, as SQLite's two triggers are.
 */
#include "postgres_schema.h"

#define T PG_TEXT
#define DAY(c) "CHECK (" c " ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$')"

const char postgres_migration_outreach[] =
    "CREATE TABLE event ("
    " id bigint PRIMARY KEY CHECK (id > 0),"
    " kind " T " NOT NULL CHECK (kind IN ('training-course','regional-workshop',"
    "   'peer-review-visit','round-table')),"
    " status " T " NOT NULL CHECK (status IN ('planned','held','cancelled')),"
    " title " T " NOT NULL CHECK (title <> ''),"
    " start " T " NOT NULL, \"end\" " T " NOT NULL CHECK (\"end\" >= start),"
    " place " T " NOT NULL, organizer " T " NOT NULL);"
    "CREATE INDEX event_by_start ON event (start, id);"
    "CREATE TABLE event_state ("
    " event_id bigint NOT NULL REFERENCES event (id) ON DELETE CASCADE,"
    " state " T " NOT NULL REFERENCES state (alpha3),"
    " PRIMARY KEY (event_id, state));"
    "CREATE INDEX event_state_by_state ON event_state (state, event_id);"
    "CREATE TABLE event_theme ("
    " event_id bigint NOT NULL REFERENCES event (id) ON DELETE CASCADE,"
    " theme " T " NOT NULL,"
    " PRIMARY KEY (event_id, theme));"

    "CREATE TABLE poc_contact ("
    " id bigint PRIMARY KEY CHECK (id > 0),"
    " state " T " NOT NULL REFERENCES state (alpha3),"
    " person " T " NOT NULL CHECK (person <> '' AND octet_length(person) <= 200),"
    " function " T " NOT NULL CHECK (octet_length(function) <= 200),"
    " ministry " T " NOT NULL CHECK (octet_length(ministry) <= 200),"
    " areas " T " NOT NULL CHECK (areas <> ''),"
    " languages " T " NOT NULL,"
    " since " T " NOT NULL " DAY("since") ","
    " user_id bigint REFERENCES \"user\" (id));"
    "CREATE INDEX poc_contact_by_state ON poc_contact (state, id);"
    "CREATE FUNCTION r1540_poc_contact_link() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
    " IF NEW.user_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM \"user\" u"
    "   WHERE u.id = NEW.user_id AND u.role = 'poc' AND u.state = NEW.state) THEN"
    "  RAISE EXCEPTION USING ERRCODE = 'R1540', MESSAGE = 'r1540: the account to link"
    " must be a point of contact of the same state';"
    " END IF; RETURN NEW; END $$;"
    "CREATE TRIGGER poc_contact_link_insert BEFORE INSERT ON poc_contact"
    " FOR EACH ROW EXECUTE FUNCTION r1540_poc_contact_link();"
    "CREATE TRIGGER poc_contact_link_update BEFORE UPDATE OF user_id, state ON poc_contact"
    " FOR EACH ROW EXECUTE FUNCTION r1540_poc_contact_link();"
    "CREATE TABLE event_attendance ("
    " event_id bigint NOT NULL REFERENCES event (id) ON DELETE CASCADE,"
    " contact_id bigint NOT NULL REFERENCES poc_contact (id) ON DELETE CASCADE,"
    " PRIMARY KEY (event_id, contact_id));"
    "CREATE INDEX event_attendance_by_contact ON event_attendance (contact_id, event_id);"

    "CREATE TABLE outreach_entry ("
    " id bigint PRIMARY KEY CHECK (id > 0),"
    " state " T " NOT NULL REFERENCES state (alpha3),"
    " date " T " NOT NULL " DAY("date") ","
    " kind " T " NOT NULL CHECK (kind IN ('letter','meeting','visit')),"
    " subject " T " NOT NULL CHECK (subject <> '' AND octet_length(subject) <= 300),"
    " answer " T " NOT NULL DEFAULT '' CHECK (octet_length(answer) <= 4000),"
    " answer_date " T " NOT NULL DEFAULT '',"
    " CHECK ((answer = '') = (answer_date = '')"
    "   AND (answer_date = '' OR answer_date >= date)));"
    "CREATE INDEX outreach_entry_by_state ON outreach_entry (state, date, id);";
