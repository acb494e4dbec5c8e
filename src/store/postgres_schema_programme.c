/*
 * PostgreSQL migration: organizations' programmes and the offers made under
 * them (sqlite_schema_programme.c), with the same rules: a programme stays
 * with its organization; an offer belongs to at most one programme (the
 * link's key is the offer), and only to a programme of the organization that
 * makes it; a link is never rewritten in place (unlink and link again). As on
 * SQLite, the programme's lists are comma-separated columns that the C side
 * checks code by code.
 */
#include "postgres_schema.h"

#define T PG_TEXT
#define DATE_OK(c) "(" c " = '' OR " c " ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$')"

const char postgres_migration_programme[] =
    "CREATE TABLE programme ("
    " id bigint PRIMARY KEY CHECK (id > 0),"
    " org " T " NOT NULL REFERENCES organization (code),"
    " title " T " NOT NULL CHECK (title <> '' AND octet_length(title) <= 300),"
    " description " T " NOT NULL CHECK (octet_length(description) <= 4000),"
    " themes " T " NOT NULL CHECK (themes <> ''),"
    " regions " T " NOT NULL, languages " T " NOT NULL,"
    " start " T " NOT NULL CHECK " DATE_OK("start") ","
    " \"end\" " T " NOT NULL CHECK " DATE_OK("\"end\"") ","
    " contact " T " NOT NULL CHECK (octet_length(contact) <= 300),"
    " CHECK (start = '' OR \"end\" = '' OR start <= \"end\"));"
    "CREATE INDEX programme_by_org ON programme (org, id);"
    "CREATE TRIGGER programme_org_fixed BEFORE UPDATE OF org ON programme"
    " FOR EACH ROW WHEN (NEW.org <> OLD.org)"
    " EXECUTE FUNCTION " PG_REFUSE_FN "('a programme stays with its organization');"

    "CREATE TABLE programme_offer ("
    " offer_id bigint PRIMARY KEY REFERENCES assistance_offer (id),"
    " programme_id bigint NOT NULL REFERENCES programme (id));"
    "CREATE INDEX programme_offer_by_programme ON programme_offer (programme_id, offer_id);"
    /* an unknown offer has no organization: refused here, as on SQLite,
     * before its foreign key is checked */
    "CREATE FUNCTION r1540_programme_offer_org() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
    " IF (SELECT provider_org FROM assistance_offer WHERE id = NEW.offer_id) IS DISTINCT FROM"
    "   (SELECT org FROM programme WHERE id = NEW.programme_id) THEN"
    "  RAISE EXCEPTION USING ERRCODE = 'R1540', MESSAGE ="
    "   'r1540: an offer joins a programme of the organization that makes it';"
    " END IF; RETURN NEW; END $$;"
    "CREATE TRIGGER programme_offer_same_org BEFORE INSERT ON programme_offer"
    " FOR EACH ROW EXECUTE FUNCTION r1540_programme_offer_org();"
    "CREATE TRIGGER programme_offer_same_org_update BEFORE UPDATE ON programme_offer"
    " FOR EACH ROW EXECUTE FUNCTION " PG_REFUSE_FN "('unlink the offer and link it again');";
