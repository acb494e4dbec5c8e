/*
 * PostgreSQL migration 2: the audit log (sqlite_schema_accounts.c's audit
 * table). Append-only by triggers, TRUNCATE included; the hash chain over it
 * is core/audit.c's, kept linear by the write lock taken at begin.
 */
#include "postgres_schema.h"

#define T PG_TEXT
#define APPEND_ONLY "'the audit log is append-only'"

const char postgres_migration_audit[] =
    "CREATE TABLE audit ("
    " seq bigint PRIMARY KEY CHECK (seq > 0),"
    " at " T " NOT NULL, actor " T " NOT NULL, action " T " NOT NULL,"
    " object " T " NOT NULL, detail " T " NOT NULL,"
    " prev_hash " T " NOT NULL CHECK (length(prev_hash) = 64),"
    " hash " T " NOT NULL CHECK (length(hash) = 64));"
    "CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON audit"
    " FOR EACH ROW EXECUTE FUNCTION " PG_REFUSE_FN "(" APPEND_ONLY ");"
    "CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit"
    " FOR EACH STATEMENT EXECUTE FUNCTION " PG_REFUSE_FN "(" APPEND_ONLY ");";
