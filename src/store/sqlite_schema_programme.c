/*
 * SQLite migration for programmes and partners (issue 17 item 4): an
 * organization's programmes and the offers made under one. An offer belongs
 * to at most one programme (the link's key is the offer), and only to a
 * programme of the organization that makes the offer: the database refuses
 * any other link, whatever the caller. Lists are comma-separated codes, as
 * for offers; the C side checks each code.
 */
#include "sqlite_schema.h"

#define DATE_OK(c) "(" c " = '' OR " c " GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]')"

const char sqlite_migration_programme[] =
    "CREATE TABLE programme ("
    " id INTEGER PRIMARY KEY CHECK (id > 0),"
    " org TEXT NOT NULL REFERENCES organization (code),"
    " title TEXT NOT NULL CHECK (title <> '' AND length(CAST(title AS BLOB)) <= 300),"
    " description TEXT NOT NULL CHECK (length(CAST(description AS BLOB)) <= 4000),"
    " themes TEXT NOT NULL CHECK (themes <> ''),"
    " regions TEXT NOT NULL, languages TEXT NOT NULL,"
    " start TEXT NOT NULL CHECK " DATE_OK("start") ", end TEXT NOT NULL CHECK " DATE_OK("end") ","
    " contact TEXT NOT NULL CHECK (length(CAST(contact AS BLOB)) <= 300),"
    " CHECK (start = '' OR end = '' OR start <= end));"
    "CREATE INDEX programme_by_org ON programme (org, id);"
    "CREATE TRIGGER programme_org_fixed BEFORE UPDATE OF org ON programme"
    " WHEN NEW.org <> OLD.org"
    " BEGIN SELECT RAISE(ABORT, 'r1540: a programme stays with its organization'); END;"
    "CREATE TABLE programme_offer ("
    " offer_id INTEGER PRIMARY KEY REFERENCES assistance_offer (id),"
    " programme_id INTEGER NOT NULL REFERENCES programme (id));"
    "CREATE INDEX programme_offer_by_programme ON programme_offer (programme_id, offer_id);"
    "CREATE TRIGGER programme_offer_same_org BEFORE INSERT ON programme_offer"
    " WHEN (SELECT provider_org FROM assistance_offer WHERE id = NEW.offer_id) IS NOT"
    "   (SELECT org FROM programme WHERE id = NEW.programme_id)"
    " BEGIN SELECT RAISE(ABORT, 'r1540: an offer joins a programme of the organization that"
    " makes it'); END;"
    "CREATE TRIGGER programme_offer_same_org_update BEFORE UPDATE ON programme_offer"
    " BEGIN SELECT RAISE(ABORT, 'r1540: unlink the offer and link it again'); END;";
