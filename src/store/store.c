/*
 * Backend dispatch: picks the backend from the database path and forwards each
 * operation to it (the forwarders are generated from store_ops.def). Nothing
 * here knows SQL.
 */
#include "store_backend.h"

#include <stdlib.h>
#include <string.h>

#include "../util/date.h"

struct store {
    const store_backend_t *be;
    void *h; /* owned by the backend; freed by be->close */
};

rc_t store_open(const char *path, store_open_mode_t mode, store_t **out, err_t *e)
{
    *out = NULL;
    if (strncmp(path, "postgres:", 9) == 0 || strncmp(path, "postgresql:", 11) == 0)
        return err_set(e, RC_DB, "%s: the PostgreSQL backend is not built yet", path);
    if (strncmp(path, "sqlite:", 7) == 0)
        path += 7;
    /* SQLite would open a private temporary database for these: nothing would be kept. */
    if (!*path || strcmp(path, ":memory:") == 0)
        return err_set(e, RC_DB, "'%s': not a database file name", path);
    void *h = NULL;
    rc_t rc = store_sqlite_open(path, mode, &h, e);
    if (rc != RC_OK)
        return rc;
    store_t *st = xmalloc(sizeof *st);
    st->be = &store_sqlite_backend;
    st->h = h;
    *out = st;
    return RC_OK;
}

void store_close(store_t *st)
{
    if (!st)
        return;
    st->be->close(st->h);
    free(st);
}

void store_rollback(store_t *st) { st->be->rollback(st->h); }

/* rc_t store_NAME(store_t *st, ...) { return st->be->NAME(st->h, ...); } for
 * every operation but the STORE_OP_CUSTOM ones, which follow. */
#define STORE_OP(name, params, args)                                                           \
    rc_t store_##name(store_t *st, STORE_PARAMS params)                                        \
    {                                                                                          \
        return st->be->name(st->h, STORE_PARAMS args);                                         \
    }
#define STORE_OP_CUSTOM(name, params, args)
#include "store_ops.def"

/* Sets the LDC, LLDC and SIDS flags of the n states from the membership
 * periods in force today, so that a graduation takes effect on its date
 * without a new `r1540 init`. A database without periods (made before they
 * existed) keeps its stored flags. */
static rc_t flags_today(store_t *st, const char *state, arena_t *a, state_t *s, size_t n,
                        err_t *e)
{
    membership_t *m;
    size_t nm;
    rc_t rc = st->be->membership_list(st->h, state, a, &m, &nm, e);
    if (rc != RC_OK || nm == 0)
        return rc;
    char today[11];
    date_today(today);
    for (size_t i = 0; i < n; i++) {
        s[i].ldc = membership_on(m, nm, s[i].alpha3, "LDC", today);
        s[i].lldc = membership_on(m, nm, s[i].alpha3, "LLDC", today);
        s[i].sids = membership_on(m, nm, s[i].alpha3, "SIDS", today);
    }
    return RC_OK;
}

rc_t store_state_get(store_t *st, const char *code, arena_t *a, state_t *out, err_t *e)
{
    rc_t rc = st->be->state_get(st->h, code, a, out, e);
    return rc == RC_OK ? flags_today(st, out->alpha3, a, out, 1, e) : rc;
}

rc_t store_state_list(store_t *st, arena_t *a, state_t **out, size_t *n, err_t *e)
{
    rc_t rc = st->be->state_list(st->h, a, out, n, e);
    return rc == RC_OK ? flags_today(st, NULL, a, *out, *n, e) : rc;
}
