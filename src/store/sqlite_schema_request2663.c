/*
 * Migration: an assistance request as resolution 2663 (2022) asks (issue 17,
 * item 6). The request gains the national context, the contact who answers
 * for it, and after delivery the outcome and the state's feedback with the
 * date they were recorded. Its areas (nuclear, chemical, ...) are a list of
 * the request's code table, whose CHECK on the list names is rebuilt to let
 * "areas" in (a CHECK cannot be altered in place).
 */
#include "sqlite_schema.h"

#define TEXT_MAX(c, n) c " TEXT NOT NULL DEFAULT '' CHECK (length(CAST(" c " AS BLOB)) <= " n ")"

const char sqlite_migration_request2663[] =
    "ALTER TABLE assistance_request ADD COLUMN " TEXT_MAX("context", "4000") ";"
    "ALTER TABLE assistance_request ADD COLUMN " TEXT_MAX("contact", "300") ";"
    "ALTER TABLE assistance_request ADD COLUMN " TEXT_MAX("outcome", "4000") ";"
    "ALTER TABLE assistance_request ADD COLUMN " TEXT_MAX("feedback", "4000") ";"
    "ALTER TABLE assistance_request ADD COLUMN feedback_date TEXT NOT NULL DEFAULT ''"
    " CHECK (feedback_date = ''"
    "   OR feedback_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]');"
    "CREATE TABLE assistance_request_code_2663 ("
    " request_id INTEGER NOT NULL REFERENCES assistance_request (id),"
    " list TEXT NOT NULL CHECK (list IN ('items','themes','languages','areas')),"
    " seq INTEGER NOT NULL CHECK (seq > 0),"
    " code TEXT NOT NULL CHECK (code <> '' AND instr(code, ',') = 0),"
    " PRIMARY KEY (request_id, list, seq), UNIQUE (request_id, list, code)) WITHOUT ROWID;"
    "INSERT INTO assistance_request_code_2663 SELECT request_id, list, seq, code"
    " FROM assistance_request_code;"
    "DROP TABLE assistance_request_code;"
    "ALTER TABLE assistance_request_code_2663 RENAME TO assistance_request_code;"
    "CREATE INDEX assistance_request_code_by_code"
    " ON assistance_request_code (list, code, request_id);";
