/*
 * `r1540 template roundtrip`: checks the crosswalks (data/template/vN/
 * from-vM.tsv) against every matrix version in the database. Each version's
 * entries are carried to the neighbouring template version and back; what
 * comes back must be exactly what was carried away (same items, same marks
 * and text), and what could not be carried is counted. Read-only: nothing is
 * written, approved versions included.
 */
#include <string.h>

#include "../core/template_carry.h"
#include "commands.h"

typedef struct {
    size_t versions, entries, carried, lost, mismatches;
    char first_mismatch[96];
} roundtrip_t;

/* The items of template version v, loaded once per version (v <= 1000). */
typedef struct {
    template_item_t *items;
    size_t n;
    bool loaded;
} items_cache_t;

static rc_t items_of(cli_t *c, store_t *st, items_cache_t *cache, int v, template_item_t **items,
                     size_t *n)
{
    if (v < 1 || v > 1000)
        return err_set(&c->err, RC_INPUT, "template version %d out of range", v);
    if (!cache[v].loaded) {
        rc_t rc = store_template_items(st, v, &c->arena, &cache[v].items, &cache[v].n, &c->err);
        if (rc != RC_OK)
            return rc;
        cache[v].loaded = true;
    }
    *items = cache[v].items;
    *n = cache[v].n;
    return RC_OK;
}

static const matrix_entry_t *find(const matrix_entry_t *es, size_t n, const char *item)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(es[i].item, item) == 0)
            return &es[i];
    return NULL;
}

/* Carries one version there and back and compares. */
static rc_t roundtrip_version(cli_t *c, store_t *st, items_cache_t *cache,
                              const matrix_version_t *v, roundtrip_t *r)
{
    matrix_entry_t *es;
    size_t ne, nf, nt;
    template_item_t *fi, *ti;
    int tv = v->template_version, other = tv + 1;
    rc_t rc = store_entries(st, v->id, &c->arena, &es, &ne, &c->err);
    if (rc == RC_OK)
        rc = items_of(c, st, cache, tv, &fi, &nf);
    if (rc == RC_OK && (rc = items_of(c, st, cache, other, &ti, &nt)) == RC_OK && nt == 0) {
        other = tv - 1; /* the newest version: check the crosswalk that leads to it */
        rc = other >= 1 ? items_of(c, st, cache, other, &ti, &nt) : RC_OK;
    }
    if (rc != RC_OK || nt == 0)
        return rc;
    template_carry_t there, back;
    if ((rc = template_carry(tv, fi, nf, other, ti, nt, es, ne, &c->arena, &there, &c->err)) ||
        (rc = template_carry(other, ti, nt, tv, fi, nf, there.entries, there.ncarried,
                             &c->arena, &back, &c->err)))
        return rc;
    r->versions++;
    r->entries += ne;
    r->carried += there.ncarried;
    r->lost += there.nlost;
    bool same = back.nlost == 0 && back.ncarried == there.ncarried;
    for (size_t i = 0; same && i < back.ncarried; i++) {
        const matrix_entry_t *orig = find(es, ne, back.entries[i].item);
        same = orig && matrix_entry_equal(orig, &back.entries[i]);
    }
    if (!same && r->mismatches++ == 0)
        snprintf(r->first_mismatch, sizeof r->first_mismatch, "%s version %d (v%d -> v%d)",
                 v->state, v->number, tv, other);
    return RC_OK;
}

rc_t cmd_template_roundtrip(cli_t *c)
{
    store_t *st;
    state_t *states;
    size_t ns;
    roundtrip_t r = {0};
    items_cache_t *cache = arena_alloc(&c->arena, 1001 * sizeof *cache);
    rc_t rc = cli_store(c, STORE_OPEN_EXISTING, &st);
    if (rc == RC_OK)
        rc = store_state_list(st, &c->arena, &states, &ns, &c->err);
    for (size_t i = 0; rc == RC_OK && i < ns; i++) {
        matrix_version_t *vs;
        size_t nv;
        rc = store_version_list(st, states[i].alpha3, &c->arena, &vs, &nv, &c->err);
        for (size_t k = 0; rc == RC_OK && k < nv; k++)
            rc = roundtrip_version(c, st, cache, &vs[k], &r);
    }
    if (rc != RC_OK)
        return rc;
    printf("%zu versions, %zu entries: %zu carried to the neighbouring template version and "
           "back, %zu not carried, %zu versions changed by the round trip\n",
           r.versions, r.entries, r.carried, r.lost, r.mismatches);
    if (r.mismatches)
        return err_set(&c->err, RC_FAIL, "the round trip changed %zu versions, first %s",
                       r.mismatches, r.first_mismatch);
    return RC_OK;
}
