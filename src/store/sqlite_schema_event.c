/*
 * SQLite migration for outreach events (issue 5): an event with its
 * participating states and themes. Kinds and statuses are checked by the
 * schema as well as by event_validate, so a direct write cannot invent one.
 */
#include "sqlite_schema.h"

const char sqlite_migration_event[] =
    "CREATE TABLE event ("
    " id INTEGER PRIMARY KEY CHECK (id > 0),"
    " kind TEXT NOT NULL CHECK (kind IN ('training-course','regional-workshop',"
    "   'peer-review-visit','round-table')),"
    " status TEXT NOT NULL CHECK (status IN ('planned','held','cancelled')),"
    " title TEXT NOT NULL CHECK (title <> ''),"
    " start TEXT NOT NULL, end TEXT NOT NULL CHECK (end >= start),"
    " place TEXT NOT NULL, organizer TEXT NOT NULL);"
    "CREATE INDEX event_by_start ON event (start, id);"
    "CREATE TABLE event_state ("
    " event_id INTEGER NOT NULL REFERENCES event (id) ON DELETE CASCADE,"
    " state TEXT NOT NULL REFERENCES state (alpha3),"
    " PRIMARY KEY (event_id, state)) WITHOUT ROWID;"
    "CREATE INDEX event_state_by_state ON event_state (state, event_id);"
    "CREATE TABLE event_theme ("
    " event_id INTEGER NOT NULL REFERENCES event (id) ON DELETE CASCADE,"
    " theme TEXT NOT NULL,"
    " PRIMARY KEY (event_id, theme)) WITHOUT ROWID;";
