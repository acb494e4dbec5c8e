/*
 * SQLite migration for the roster of national points of contact (issue 17):
 * one row per person and state, optionally linked to the account of a point
 * of contact of that same state, and who attended which training course.
 * The link's rule is the schema's own (a trigger), so no caller can link an
 * entry to another state's account or to an expert's.
 */
#include "sqlite_schema.h"

#define REFUSE(msg) "SELECT RAISE(ABORT, 'r1540: " msg "');"
#define LINK_OK                                                                                \
    "NEW.user_id IS NULL OR EXISTS (SELECT 1 FROM user u WHERE u.id = NEW.user_id"           \
    " AND u.role = 'poc' AND u.state = NEW.state)"
#define LINK_REFUSED "the account to link must be a point of contact of the same state"

const char sqlite_migration_roster[] =
    "CREATE TABLE poc_contact ("
    " id INTEGER PRIMARY KEY CHECK (id > 0),"
    " state TEXT NOT NULL REFERENCES state (alpha3),"
    " person TEXT NOT NULL CHECK (person <> '' AND length(CAST(person AS BLOB)) <= 200),"
    " function TEXT NOT NULL CHECK (length(CAST(function AS BLOB)) <= 200),"
    " ministry TEXT NOT NULL CHECK (length(CAST(ministry AS BLOB)) <= 200),"
    " areas TEXT NOT NULL CHECK (areas <> ''),"
    " languages TEXT NOT NULL,"
    " since TEXT NOT NULL CHECK (since GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),"
    " user_id INTEGER REFERENCES user (id));"
    "CREATE INDEX poc_contact_by_state ON poc_contact (state, id);"
    "CREATE TRIGGER poc_contact_link_insert BEFORE INSERT ON poc_contact"
    " WHEN NOT (" LINK_OK ") BEGIN " REFUSE(LINK_REFUSED) " END;"
    "CREATE TRIGGER poc_contact_link_update BEFORE UPDATE OF user_id, state ON poc_contact"
    " WHEN NOT (" LINK_OK ") BEGIN " REFUSE(LINK_REFUSED) " END;"
    "CREATE TABLE event_attendance ("
    " event_id INTEGER NOT NULL REFERENCES event (id) ON DELETE CASCADE,"
    " contact_id INTEGER NOT NULL REFERENCES poc_contact (id) ON DELETE CASCADE,"
    " PRIMARY KEY (event_id, contact_id)) WITHOUT ROWID;"
    "CREATE INDEX event_attendance_by_contact ON event_attendance (contact_id, event_id);";
