/*
 * Programme operations (app_programme.h). The overlap view compares every
 * pair in C: programmes number in the dozens, not thousands, and the region
 * test needs the M49 tree (each region's parent), which SQL would walk with a
 * recursive query per pair.
 */
#include "app_programme.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../io/assistance_codes.h"
#include "../util/buf.h"
#include "../util/json_out.h"

#define WORLD "001" /* M49's root: what a programme with no region serves */

/* ---- checks against the store's codes ------------------------------------------ */

/* RC_NOTFOUND (on the field) unless every code of list is in the vocabulary v. */
static rc_t vocab_known(const char *list, const vocab_t *v, size_t n, const char *field, err_t *e)
{
    for (const char *p = list; p && *p;) {
        size_t m = strcspn(p, ","), i = 0;
        while (i < n && (strlen(v[i].code) != m || strncmp(v[i].code, p, m) != 0))
            i++;
        if (i == n)
            return err_field(e, RC_NOTFOUND, field,
                             strcmp(field, "themes") == 0 ? "Choose themes from the list."
                                                          : "Choose regions from the list.",
                             "%s: unknown code '%.*s'", field, (int)(m > 40 ? 40 : m), p);
        p += m + (p[m] == ',');
    }
    return RC_OK;
}

/* The organization of the registry, the themes and regions known, the fields
 * well formed. */
static rc_t check(app_t *a, const programme_t *p, err_t *e)
{
    organization_t *orgs;
    vocab_t *themes, *regions;
    size_t no, nt, nr, i = 0;
    rc_t rc = programme_validate(p, e);
    if (rc != RC_OK)
        return rc;
    if ((rc = store_org_list(a->st, a->arena, &orgs, &no, e)) != RC_OK)
        return rc;
    while (i < no && strcmp(orgs[i].code, p->org) != 0)
        i++;
    if (i == no)
        return app_fail_field(a, e, RC_NOTFOUND, "org", "Choose an organization of the registry.");
    if ((rc = store_vocab_list(a->st, "theme", a->arena, &themes, &nt, e)) != RC_OK ||
        (rc = store_vocab_list(a->st, "region", a->arena, &regions, &nr, e)) != RC_OK)
        return rc;
    if ((rc = vocab_known(p->themes, themes, nt, "themes", e)) != RC_OK)
        return rc;
    return vocab_known(p->regions, regions, nr, "regions", e);
}

/* RC_DENIED unless the actor keeps org's programmes. */
static rc_t allow_org(app_t *a, const char *org, err_t *e)
{
    rc_t rc = app_allow(a, ACT_PROGRAMME_EDIT, NULL, e);
    if (rc == RC_OK && !authz_acts_for_org(a->actor.user, org))
        rc = app_fail(a, e, RC_DENIED,
                      "Only the organization's own accounts, the Committee and "
                      "the experts keep its programmes.");
    return rc;
}

static rc_t finish(app_t *a, rc_t rc, const char *action, const programme_t *p, long long offer,
                   err_t *e)
{
    char object[40];
    snprintf(object, sizeof object, "programme:%lld", p->id);
    buf_t d;
    buf_init(&d, 0);
    buf_putc(&d, '{');
    json_out_kv(&d, 0, "org", p->org ? p->org : "");
    if (offer)
        json_out_kll(&d, 1, "offer", offer);
    else {
        json_out_kv(&d, 1, "title", p->title ? p->title : "");
        json_out_kv(&d, 1, "themes", p->themes ? p->themes : "");
        json_out_kv(&d, 1, "regions", p->regions ? p->regions : "");
    }
    buf_putc(&d, '}');
    rc = app_finish(a, rc, action, object, buf_str(&d), e);
    buf_free(&d);
    return rc;
}

/* ---- changes ------------------------------------------------------------------ */

rc_t app_programme_add(app_t *a, programme_t *p, err_t *e)
{
    const user_t *u = a->actor.user;
    if (u && u->role == ROLE_PROVIDER && (!p->org || !*p->org))
        p->org = u->org; /* a provider keeps its own organization's */
    if (!p->org || !*p->org)
        return app_fail_field(a, e, RC_INPUT, "org", "Choose an organization of the registry.");
    rc_t rc = allow_org(a, p->org, e);
    if (rc == RC_OK)
        rc = check(a, p, e);
    if (rc != RC_OK || (rc = app_begin(a, e)) != RC_OK)
        return rc;
    p->id = 0;
    rc = store_programme_insert(a->st, p, e);
    return finish(a, rc, "programme.add", p, 0, e);
}

/* Opens the transaction and reads programme id as it stands; on RC_NOTFOUND
 * (or a failed read) the transaction is rolled back before returning. */
static rc_t begin_on(app_t *a, long long id, programme_t *old, err_t *e)
{
    rc_t rc = app_begin(a, e);
    if (rc != RC_OK)
        return rc;
    rc = store_programme_get(a->st, id, a->arena, old, e);
    if (rc == RC_NOTFOUND)
        rc = app_fail(a, e, RC_NOTFOUND, "There is no such programme.");
    return rc == RC_OK ? rc : app_finish(a, rc, "programme.read", "", "", e);
}

rc_t app_programme_update(app_t *a, programme_t *p, err_t *e)
{
    programme_t old = {.id = p->id};
    rc_t rc = app_allow(a, ACT_PROGRAMME_EDIT, NULL, e);
    if (rc != RC_OK || (rc = begin_on(a, p->id, &old, e)) != RC_OK)
        return rc;
    p->org = old.org;
    rc = allow_org(a, old.org, e);
    if (rc == RC_OK)
        rc = check(a, p, e);
    if (rc == RC_OK)
        rc = store_programme_update(a->st, p, e);
    return finish(a, rc, "programme.update", p, 0, e);
}

rc_t app_programme_remove(app_t *a, long long id, err_t *e)
{
    programme_t old = {.id = id};
    rc_t rc = app_allow(a, ACT_PROGRAMME_EDIT, NULL, e);
    if (rc != RC_OK || (rc = begin_on(a, id, &old, e)) != RC_OK)
        return rc;
    rc = allow_org(a, old.org, e);
    if (rc == RC_OK)
        rc = store_programme_delete(a->st, id, e);
    return finish(a, rc, "programme.remove", &old, 0, e);
}

rc_t app_programme_offer_link(app_t *a, long long programme_id, long long offer_id, err_t *e)
{
    programme_t p = {.id = programme_id};
    assistance_offer_t o;
    rc_t rc = app_allow(a, ACT_PROGRAMME_EDIT, NULL, e);
    if (rc != RC_OK || (rc = begin_on(a, programme_id, &p, e)) != RC_OK)
        return rc;
    rc = allow_org(a, p.org, e);
    if (rc == RC_OK && store_offer_get(a->st, offer_id, a->arena, &o, NULL) != RC_OK)
        rc = app_fail(a, e, RC_NOTFOUND, "There is no such assistance offer.");
    if (rc == RC_OK && strcmp(o.provider_org ? o.provider_org : "", p.org) != 0)
        rc = app_fail(a, e, RC_REFUSED,
                      "Only an offer the programme's organization makes goes under it.");
    if (rc == RC_OK)
        rc = store_programme_offer_link(a->st, programme_id, offer_id, e);
    return finish(a, rc, "programme.offer.link", &p, offer_id, e);
}

rc_t app_programme_offer_unlink(app_t *a, long long offer_id, err_t *e)
{
    programme_t p = {0};
    rc_t rc = app_allow(a, ACT_PROGRAMME_EDIT, NULL, e);
    if (rc != RC_OK || (rc = app_begin(a, e)) != RC_OK)
        return rc;
    rc = store_programme_of_offer(a->st, offer_id, &p.id, e);
    if (rc == RC_OK && !p.id)
        rc = app_fail(a, e, RC_NOTFOUND, "The offer is in no programme.");
    if (rc == RC_OK)
        rc = store_programme_get(a->st, p.id, a->arena, &p, e);
    if (rc == RC_OK)
        rc = allow_org(a, p.org, e);
    if (rc == RC_OK)
        rc = store_programme_offer_unlink(a->st, offer_id, e);
    return finish(a, rc, "programme.offer.unlink", &p, offer_id, e);
}

/* ---- reading ------------------------------------------------------------------ */

/* The contact is for people with an account: the public sees "". */
static void hide_contact(app_t *a, programme_t *p, size_t n)
{
    for (size_t i = 0; !a->actor.user && i < n; i++)
        p[i].contact = "";
}

rc_t app_programme_get(app_t *a, long long id, programme_t *out, long long **offers,
                       size_t *noffers, err_t *e)
{
    rc_t rc = store_programme_get(a->st, id, a->arena, out, e);
    if (rc == RC_NOTFOUND)
        return app_fail(a, e, RC_NOTFOUND, "There is no such programme.");
    if (rc == RC_OK && offers)
        rc = store_programme_offers(a->st, id, a->arena, offers, noffers, e);
    hide_contact(a, out, rc == RC_OK);
    return rc;
}

rc_t app_programme_list(app_t *a, const char *org, programme_t **out, size_t *n, err_t *e)
{
    rc_t rc = store_programme_list(a->st, org, a->arena, out, n, e);
    if (rc == RC_OK)
        hide_contact(a, *out, *n);
    return rc;
}

/* ---- overlap ------------------------------------------------------------------ */

/* True if region x is region y or lies inside it (M49's parent links). */
static bool region_within(const char *x, const char *y, const vocab_t *v, size_t n)
{
    for (int depth = 0; x && *x && depth < 8; depth++) { /* M49 is 4 levels deep */
        if (strcmp(x, y) == 0)
            return true;
        size_t i = 0;
        while (i < n && strcmp(v[i].code, x) != 0)
            i++;
        x = i < n ? v[i].parent : NULL;
    }
    return false;
}

/* Appends code to the comma-separated list b unless it is there. */
static void list_add(buf_t *b, const char *code)
{
    const char *s = buf_str(b);
    size_t m = strlen(code);
    for (const char *p = s; *p;) {
        size_t k = strcspn(p, ",");
        if (k == m && strncmp(p, code, m) == 0)
            return;
        p += k + (p[k] == ',');
    }
    if (*s)
        buf_putc(b, ',');
    buf_puts(b, code);
}

/* The regions both lists serve ("" serving the world), into b. */
static void regions_common(const char *ra, const char *rb, const vocab_t *v, size_t n, buf_t *b)
{
    char x[8], y[8];
    ra = *ra ? ra : WORLD;
    rb = *rb ? rb : WORLD;
    for (const char *p = ra; *p;) {
        size_t k = strcspn(p, ",");
        snprintf(x, sizeof x, "%.*s", (int)(k < 7 ? k : 7), p);
        for (const char *q = rb; *q;) {
            size_t l = strcspn(q, ",");
            snprintf(y, sizeof y, "%.*s", (int)(l < 7 ? l : 7), q);
            if (region_within(x, y, v, n))
                list_add(b, x);
            else if (region_within(y, x, v, n))
                list_add(b, y);
            q += l + (q[l] == ',');
        }
        p += k + (p[k] == ',');
    }
}

/* Fills o for programmes x and y; false if they do not overlap. */
static bool overlap_pair(app_t *a, const programme_t *x, const programme_t *y, const vocab_t *v,
                         size_t nv, programme_overlap_t *o)
{
    char themes[ASSIST_LIST_MAX + 1] = "";
    if (strcmp(x->org, y->org) == 0 || !programme_periods_overlap(x, y) ||
        assistance_list_common(x->themes, y->themes, themes, sizeof themes) == 0)
        return false;
    buf_t b;
    buf_init(&b, 0);
    regions_common(x->regions, y->regions, v, nv, &b);
    bool meet = *buf_str(&b) != '\0';
    if (meet) {
        *o = (programme_overlap_t){.a = x, .b = y};
        o->themes = arena_strdup(a->arena, themes);
        o->regions = arena_strdup(a->arena, buf_str(&b));
        memcpy(o->from, strcmp(x->start, y->start) > 0 ? x->start : y->start, 11);
        memcpy(o->until,
               !*x->end                                 ? y->end
               : !*y->end || strcmp(x->end, y->end) < 0 ? x->end
                                                        : y->end,
               11);
    }
    buf_free(&b);
    return meet;
}

static int by_ids(const void *pa, const void *pb)
{
    const programme_overlap_t *x = pa, *y = pb;
    if (x->a->id != y->a->id)
        return x->a->id < y->a->id ? -1 : 1;
    return x->b->id < y->b->id ? -1 : x->b->id > y->b->id;
}

rc_t app_programme_overlap(app_t *a, const char *theme, programme_overlap_t **out, size_t *n,
                           err_t *e)
{
    programme_t *p;
    vocab_t *regions;
    size_t np, nr, k = 0;
    rc_t rc = app_programme_list(a, NULL, &p, &np, e);
    if (rc == RC_OK)
        rc = store_vocab_list(a->st, "region", a->arena, &regions, &nr, e);
    if (rc != RC_OK)
        return rc;
    programme_overlap_t *rows = arena_alloc(a->arena, (np * np / 2 + 1) * sizeof *rows);
    for (size_t i = 0; i < np; i++)
        for (size_t j = 0; j < np; j++) {
            const programme_t *x = &p[i], *y = &p[j];
            if (x->id < y->id && overlap_pair(a, x, y, regions, nr, &rows[k]) &&
                (!theme || !*theme || assistance_list_has(rows[k].themes, theme)))
                k++;
        }
    qsort(rows, k, sizeof *rows, by_ids);
    *out = rows;
    *n = k;
    return RC_OK;
}
