/*
 * The membership part of a dataset: the dated LDC / LLDC / SIDS and regional
 * group periods travel with the open data, so that figures "as of" a past date
 * can be recomputed from an export alone.
 */
#include <string.h>

#include "dataset.h"

rc_t dataset_load_memberships(store_t *st, const char *state, arena_t *a, dataset_t *out,
                              err_t *e)
{
    membership_t *m;
    size_t n;
    rc_t rc = store_membership_list(st, state, a, &m, &n, e);
    if (rc != RC_OK)
        return rc;
    out->memberships = arena_alloc(a, (n + 1) * sizeof *out->memberships);
    out->nmemberships = n;
    for (size_t i = 0; i < n; i++)
        out->memberships[i] = (ds_membership_t){.m = m[i], .where = NULL};
    return RC_OK;
}

static rc_t fail(err_t *e, const ds_membership_t *d, rc_t rc)
{
    if (d->where)
        err_prefix(e, "%s: ", d->where);
    return rc;
}

/* Refuses a period that overlaps another of the same state and group, among
 * those already stored (other than the one it replaces) and earlier ones of
 * the dataset. */
static rc_t check_overlaps(store_t *st, const dataset_t *ds, size_t i, arena_t *a, err_t *e)
{
    const membership_t *m = &ds->memberships[i].m;
    membership_t *have;
    size_t n;
    rc_t rc = store_membership_list(st, m->state, a, &have, &n, e);
    for (size_t k = 0; rc == RC_OK && k < n; k++)
        if (strcmp(have[k].group, m->group) == 0 && strcmp(have[k].from, m->from) != 0 &&
            membership_overlap(&have[k], m))
            rc = err_set(e, RC_INPUT, "the %s period of %s from '%s' overlaps the stored one"
                         " from '%s'", m->group, m->state, m->from, have[k].from);
    for (size_t k = 0; rc == RC_OK && k < i; k++) {
        const membership_t *o = &ds->memberships[k].m;
        if (strcmp(o->state, m->state) == 0 && strcmp(o->group, m->group) == 0 &&
            membership_overlap(o, m))
            rc = err_set(e, RC_INPUT, "the %s period of %s from '%s' overlaps an earlier one",
                         m->group, m->state, m->from);
    }
    return rc;
}

rc_t dataset_apply_memberships(store_t *st, const dataset_t *ds, arena_t *a, err_t *e)
{
    for (size_t i = 0; i < ds->nmemberships; i++) {
        const ds_membership_t *d = &ds->memberships[i];
        const char *why;
        state_t s;
        if (!membership_valid(&d->m, &why))
            return fail(e, d, err_set(e, RC_INPUT, "%s", why));
        rc_t rc = store_state_get(st, d->m.state, a, &s, e);
        if (rc == RC_NOTFOUND || (rc == RC_OK && strcmp(s.alpha3, d->m.state) != 0))
            rc = err_set(e, RC_INPUT, "unknown state '%s'", d->m.state);
        if (rc == RC_OK)
            rc = check_overlaps(st, ds, i, a, e);
        if (rc == RC_OK)
            rc = store_membership_put(st, &d->m, e);
        if (rc != RC_OK)
            return fail(e, d, rc);
    }
    return RC_OK;
}
