/*
 * SQLite migration for dated group memberships (issue 12): a state's LDC,
 * LLDC, SIDS and UN regional group membership as periods [date_from, date_to),
 * each with its source. An empty bound is open. The periods of one state and
 * group may not overlap; the loader checks that before it writes.
 */
#include "sqlite_schema.h"

const char sqlite_migration_membership[] =
    "CREATE TABLE state_membership ("
    " state TEXT NOT NULL REFERENCES state (alpha3),"
    " grp TEXT NOT NULL CHECK (grp IN ('LDC','LLDC','SIDS','AFR','APG','EEG','GRULAC','WEOG')),"
    " date_from TEXT NOT NULL, date_to TEXT NOT NULL, source TEXT NOT NULL CHECK (source <> ''),"
    " CHECK (date_to = '' OR date_from < date_to),"
    " PRIMARY KEY (state, grp, date_from)) WITHOUT ROWID;";
