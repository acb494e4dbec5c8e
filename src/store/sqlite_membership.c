/*
 * The SQLite side of dated group memberships. Rare statements (a few hundred
 * writes at init, one read per state list), so they are prepared per call
 * rather than kept in the handle's statement slots.
 */
#include <string.h>

#include "sqlite_private.h"

static rc_t prepare(sqlite_store_t *h, const char *sql, sqlite3_stmt **s, err_t *e)
{
    if (sqlite3_prepare_v2(sqlite_store_db(h), sql, -1, s, NULL) != SQLITE_OK)
        return sqlite_store_fail(h, e);
    return RC_OK;
}

rc_t sqlite_membership_put(void *hv, const membership_t *m, err_t *e)
{
    sqlite_store_t *h = hv;
    sqlite3_stmt *s;
    rc_t rc = prepare(h,
                      "INSERT OR REPLACE INTO state_membership (state, grp, date_from, date_to,"
                      " source) VALUES (?,?,?,?,?)",
                      &s, e);
    if (rc != RC_OK)
        return rc;
    sqlite_bind_text(s, 1, m->state);
    sqlite_bind_text(s, 2, m->group);
    sqlite_bind_text(s, 3, m->from);
    sqlite_bind_text(s, 4, m->to);
    sqlite_bind_text(s, 5, m->source);
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

static void copy_col(sqlite3_stmt *s, int i, char *dst, size_t size)
{
    const unsigned char *v = sqlite3_column_text(s, i);
    size_t n = v ? strlen((const char *)v) : 0;
    n = n < size ? n : size - 1;
    memcpy(dst, v ? (const char *)v : "", n);
    dst[n] = '\0';
}

static void read_membership(arena_t *a, sqlite3_stmt *s, void *record)
{
    membership_t *m = record;
    copy_col(s, 0, m->state, sizeof m->state);
    copy_col(s, 1, m->group, sizeof m->group);
    copy_col(s, 2, m->from, sizeof m->from);
    copy_col(s, 3, m->to, sizeof m->to);
    m->source = sqlite_col_text(a, s, 4);
}

rc_t sqlite_membership_list(void *hv, const char *state, arena_t *a, membership_t **out,
                            size_t *n, err_t *e)
{
    sqlite_store_t *h = hv;
    sqlite3_stmt *s;
    rc_t rc = prepare(h,
                      "SELECT state, grp, date_from, date_to, source FROM state_membership"
                      " WHERE ?1 IS NULL OR state = upper(?1) ORDER BY state, grp, date_from",
                      &s, e);
    if (rc != RC_OK)
        return rc;
    sqlite_bind_text(s, 1, state);
    rc = sqlite_store_collect(h, s, a, sizeof **out, read_membership, out, n, e);
    sqlite3_finalize(s);
    return rc;
}
