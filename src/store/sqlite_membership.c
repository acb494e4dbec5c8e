/*
 * The SQLite side of dated group memberships. Rare statements (a few hundred
 * writes at init, one read per state list), so they are prepared per call
 * rather than kept in the handle's statement slots.
 */
#include <string.h>

#include "sqlite_fields.h"
#include "sqlite_private.h"

rc_t sqlite_membership_put(void *hv, const membership_t *m, err_t *e)
{
    sqlite_store_t *h = hv;
    sqlite3_stmt *s;
    char sql[SQLITE_FIELDS_SQL_MAX];
    sqlite_fields_replace_sql(sql, &membership_fields);
    rc_t rc = sqlite_store_prepare(h, sql, &s, e);
    if (rc != RC_OK)
        return rc;
    sqlite_fields_bind(s, 0, &membership_fields, m);
    if (sqlite3_step(s) != SQLITE_DONE)
        rc = sqlite_store_fail(h, e);
    sqlite3_finalize(s);
    return rc;
}

rc_t sqlite_membership_clear(void *hv, err_t *e)
{
    sqlite_store_t *h = hv;
    if (sqlite3_exec(sqlite_store_db(h), "DELETE FROM state_membership", NULL, NULL, NULL) !=
        SQLITE_OK)
        return sqlite_store_fail(h, e);
    return RC_OK;
}

static void read_membership(arena_t *a, sqlite3_stmt *s, void *record)
{
    sqlite_fields_read(a, s, 0, &membership_fields, record);
}

rc_t sqlite_membership_list(void *hv, const char *state, arena_t *a, membership_t **out,
                            size_t *n, err_t *e)
{
    sqlite_store_t *h = hv;
    sqlite3_stmt *s;
    char sql[SQLITE_FIELDS_SQL_MAX];
    sqlite_fields_select_sql(sql, &membership_fields,
                             " WHERE ?1 IS NULL OR state = upper(?1) ORDER BY state, grp, date_from");
    rc_t rc = sqlite_store_prepare(h, sql, &s, e);
    if (rc != RC_OK)
        return rc;
    sqlite_bind_text(s, 1, state);
    rc = sqlite_store_collect(h, s, a, sizeof **out, read_membership, out, n, e);
    sqlite3_finalize(s);
    return rc;
}
