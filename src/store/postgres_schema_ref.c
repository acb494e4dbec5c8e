/*
 * PostgreSQL migration 1: settings and the reference data (sqlite_schema.c
 * migration 1, sqlite_schema_membership.c, the template v2 columns of
 * sqlite_schema_template2.c and the organization table of
 * sqlite_schema_assistance.c), with the same CHECKs: GLOB patterns become
 * regular expressions anchored at both ends.
 */
#include "postgres_schema.h"

#define T PG_TEXT
#define NAMES(p) p "_ar " T " NOT NULL, " p "_zh " T " NOT NULL, " p "_en " T " NOT NULL, " \
    p "_fr " T " NOT NULL, " p "_ru " T " NOT NULL, " p "_es " T " NOT NULL"
#define NOTES "note_ar " T " NOT NULL DEFAULT '', note_zh " T " NOT NULL DEFAULT '', note_en " \
    T " NOT NULL DEFAULT '', note_fr " T " NOT NULL DEFAULT '', note_ru " T                  \
    " NOT NULL DEFAULT '', note_es " T " NOT NULL DEFAULT ''"
#define FLAG(c) c " integer NOT NULL CHECK (" c " IN (0,1))"

const char postgres_migration_ref[] =
    "CREATE TABLE meta (key " T " PRIMARY KEY, value " T " NOT NULL);"

    "CREATE TABLE vocab (kind " T " NOT NULL, code " T " NOT NULL, parent " T " NOT NULL,"
    " seq integer NOT NULL, " NAMES("name") ", PRIMARY KEY (kind, code));"

    "CREATE TABLE state ("
    " alpha3 " T " PRIMARY KEY CHECK (alpha3 ~ '^[A-Z]{3}$'),"
    " alpha2 " T " NOT NULL UNIQUE CHECK (alpha2 ~ '^[A-Z]{2}$'),"
    " \"numeric\" " T " NOT NULL UNIQUE CHECK (\"numeric\" ~ '^[0-9]{3}$'),"
    " un_group " T " NOT NULL CHECK (un_group IN ('AFR','APG','EEG','GRULAC','WEOG','NONE')),"
    " m49_region " T " NOT NULL, m49_subregion " T " NOT NULL, m49_intermediate " T " NOT NULL,"
    " " FLAG("ldc") ", " FLAG("lldc") ", " FLAG("sids") ", " NAMES("name") ");"

    "CREATE TABLE state_membership ("
    " state " T " NOT NULL REFERENCES state (alpha3),"
    " grp " T " NOT NULL CHECK (grp IN ('LDC','LLDC','SIDS','AFR','APG','EEG','GRULAC','WEOG')),"
    " date_from " T " NOT NULL, date_to " T " NOT NULL, source " T " NOT NULL CHECK (source <> ''),"
    " CHECK (date_to = '' OR date_from < date_to),"
    " PRIMARY KEY (state, grp, date_from));"

    "CREATE TABLE template_item ("
    " template_version integer NOT NULL, id " T " NOT NULL, seq integer NOT NULL,"
    " section " T " NOT NULL, heading " T " NOT NULL, weapon " T " NOT NULL, themes " T " NOT NULL,"
    " " NAMES("label") ", from_id " T " NOT NULL DEFAULT '', " NOTES ","
    " PRIMARY KEY (template_version, id));"

    "CREATE TABLE organization ("
    " code " T " PRIMARY KEY CHECK (code ~ '^[A-Z]' AND length(code) <= 16),"
    " kind " T " NOT NULL CHECK (kind IN ('un','intergovernmental','regional','treaty-body')),"
    " regions " T " NOT NULL, " NAMES("name") ");";
