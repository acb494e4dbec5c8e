/*
 * From stored requests and offers to recorded proposals (see propose.h).
 * The solver sees "units" - a request, or in batch mode a group of requests -
 * and offers with their remaining capacity; everything else (scores,
 * exclusions, explanations) is decided here before it runs.
 */
#include "propose.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batch.h"
#include "explain.h"
#include "instance.h"
#include "solver.h"

static int cmp_item(const void *a, const void *b)
{
    return strcmp(((const template_item_t *)a)->id, ((const template_item_t *)b)->id);
}

static int cmp_state_code(const void *key, const void *s)
{
    return strcmp(key, ((const state_t *)s)->alpha3);
}

const char *match_provider(const assistance_offer_t *o)
{
    return *o->provider_state ? o->provider_state : o->provider_org;
}

static rc_t load_template(store_t *st, arena_t *a, match_context_t *c, err_t *e)
{
    char *v;
    int version =
        store_meta_get(st, "template_version", a, &v, NULL) == RC_OK ? (int)strtol(v, NULL, 10) : 1;
    rc_t rc = store_template_items(st, version, a, &c->tmpl, &c->ntmpl, e);
    if (rc == RC_OK)
        qsort(c->tmpl, c->ntmpl, sizeof *c->tmpl, cmp_item);
    return rc;
}

bool match_proposal_live(const char *status)
{
    return strcmp(status, "proposed") == 0 || strcmp(status, "accepted") == 0 ||
           strcmp(status, "delivered") == 0;
}

/* The index of the record with this id in an array of n records sorted by id
 * (the store lists requests and offers by id), or n if there is none. A
 * record's id is its first member, so a pointer to the record points to it. */
static size_t index_of_id(const void *records, size_t n, size_t size, long long id)
{
    const char *base = records;
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (*(const long long *)(base + mid * size) < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && *(const long long *)(base + lo * size) == id ? lo : n;
}
_Static_assert(offsetof(assistance_request_t, id) == 0 && offsetof(assistance_offer_t, id) == 0,
               "index_of_id reads the id at the start of the record");

static size_t index_of_request(const match_context_t *c, long long id)
{
    return index_of_id(c->req, c->nreq, sizeof *c->req, id);
}

static size_t index_of_offer(const match_context_t *c, long long id)
{
    return index_of_id(c->off, c->noff, sizeof *c->off, id);
}

/* Marks the pairs declined once: they are never proposed again, so they fit no more. */
static void mark_declined(match_context_t *c, arena_t *a)
{
    c->declined = arena_alloc(a, c->nreq * c->noff + 1); /* zeroed */
    for (size_t k = 0; k < c->nprop; k++) {
        size_t i = index_of_request(c, c->prop[k].request_id);
        size_t j = index_of_offer(c, c->prop[k].offer_id);
        if (i < c->nreq && j < c->noff && strcmp(c->prop[k].status, "declined") == 0)
            c->declined[i * c->noff + j] = 1;
    }
}

/* Builds the score's views of requests and offers. */
static void make_views(match_context_t *c, arena_t *a)
{
    c->mreq = arena_alloc(a, (c->nreq + 1) * sizeof *c->mreq);
    c->moff = arena_alloc(a, (c->noff + 1) * sizeof *c->moff);
    for (size_t i = 0; i < c->nreq; i++) {
        const assistance_request_t *r = &c->req[i];
        const state_t *s = bsearch(r->state, c->states, c->nstates, sizeof *s, cmp_state_code);
        c->mreq[i].r = r;
        c->mreq[i].state = s;
        c->mreq[i].need = s ? &c->need[s - c->states] : NULL;
        c->mreq[i].themes = match_themes_of(r->themes, r->items, c->tmpl, c->ntmpl, a);
    }
    for (size_t j = 0; j < c->noff; j++) {
        c->moff[j].o = &c->off[j];
        c->moff[j].themes =
            match_themes_of(c->off[j].themes, c->off[j].items, c->tmpl, c->ntmpl, a);
    }
}

/* Loads the context; the states' coverage from their latest published
 * version only when published_only (see match_context_load_public). */
static rc_t context_load(store_t *st, const char *data_dir, bool published_only, arena_t *a,
                         match_context_t *c, err_t *e)
{
    memset(c, 0, sizeof *c);
    char path[4096];
    size_t nneed;
    snprintf(path, sizeof path, "%s/match/weights.conf", data_dir);
    rc_t rc;
    if ((rc = match_weights_load(path, &c->w, e)) != RC_OK ||
        (rc = store_request_list(st, NULL, a, &c->req, &c->nreq, e)) != RC_OK ||
        (rc = store_offer_list(st, a, &c->off, &c->noff, e)) != RC_OK ||
        (rc = store_proposal_list(st, 0, a, &c->prop, &c->nprop, e)) != RC_OK ||
        (rc = store_state_list(st, a, &c->states, &c->nstates, e)) != RC_OK ||
        (rc = store_assistance_need(st, published_only, a, &c->need, &nneed, e)) != RC_OK ||
        (rc = load_template(st, a, c, e)) != RC_OK)
        return rc;
    if (nneed != c->nstates)
        return err_set(e, RC_FAIL, "states changed while loading");
    make_views(c, a);
    mark_declined(c, a);
    return RC_OK;
}

rc_t match_context_load(store_t *st, const char *data_dir, arena_t *a, match_context_t *c, err_t *e)
{
    return context_load(st, data_dir, false, a, c, e);
}

rc_t match_context_load_public(store_t *st, const char *data_dir, arena_t *a, match_context_t *c,
                               err_t *e)
{
    return context_load(st, data_dir, true, a, c, e);
}

int match_context_score(const match_context_t *c, size_t ri, size_t oi, match_explain_t *ex)
{
    if (!c->mreq[ri].state || c->declined[ri * c->noff + oi])
        return 0;
    return match_score(&c->w, &c->mreq[ri], &c->moff[oi], ex);
}

/* ---- what may be matched --------------------------------------------------- */

/* Per request: may it be matched (open, no live proposal). Per offer: its
 * remaining capacity (open offers; a batch counts once). */
typedef struct {
    bool *req_open;
    int *remaining;
} match_state_t;

static void state_build(const match_context_t *c, arena_t *a, match_state_t *ms)
{
    ms->req_open = arena_alloc(a, c->nreq + 1);
    ms->remaining = arena_alloc(a, (c->noff + 1) * sizeof *ms->remaining);
    for (size_t i = 0; i < c->nreq; i++)
        ms->req_open[i] = strcmp(c->req[i].status, "open") == 0;
    for (size_t j = 0; j < c->noff; j++)
        ms->remaining[j] = strcmp(c->off[j].status, "open") == 0 ? c->off[j].capacity : 0;
    for (size_t k = 0; k < c->nprop; k++) {
        const assistance_proposal_t *p = &c->prop[k];
        size_t i = index_of_request(c, p->request_id), j = index_of_offer(c, p->offer_id);
        if (i >= c->nreq || j >= c->noff || !match_proposal_live(p->status))
            continue;
        ms->req_open[i] = false;
        /* A batch takes one unit: count it at its first live member only. */
        bool counted = false;
        for (size_t q = 0; q < k && *p->batch && !counted; q++)
            counted = c->prop[q].offer_id == p->offer_id &&
                      match_proposal_live(c->prop[q].status) &&
                      strcmp(c->prop[q].batch, p->batch) == 0;
        if (!counted && ms->remaining[j] > 0)
            ms->remaining[j]--;
    }
}

/* ---- units and the instance -------------------------------------------------- */

static bool in_region(const state_t *s, const char *region)
{
    return strcmp(s->m49_region, region) == 0 || strcmp(s->m49_subregion, region) == 0 ||
           strcmp(s->m49_intermediate, region) == 0;
}

/* The units: each open request alone, or, in batch mode, the open requests of
 * the region grouped by themes. */
static size_t make_units(const match_context_t *c, const match_state_t *ms, const char *region,
                         arena_t *a, match_unit_t **out)
{
    size_t *open = arena_alloc(a, (c->nreq + 1) * sizeof *open), n = 0;
    for (size_t i = 0; i < c->nreq; i++)
        if (ms->req_open[i] && c->mreq[i].state && (!region || in_region(c->mreq[i].state, region)))
            open[n++] = i;
    size_t *group = arena_alloc(a, (n + 1) * sizeof *group), ngroups = n;
    const char **themes = arena_alloc(a, (n + 1) * sizeof *themes);
    for (size_t k = 0; k < n; k++) {
        themes[k] = c->mreq[open[k]].themes;
        group[k] = k;
    }
    if (region)
        ngroups = match_batch_group(themes, n, group, a);
    match_unit_t *units = arena_alloc(a, (ngroups + 1) * sizeof *units);
    for (size_t k = 0; k < n; k++)
        units[group[k]].n++;
    for (size_t g = 0; g < ngroups; g++) {
        units[g].members = arena_alloc(a, units[g].n * sizeof *units[g].members);
        units[g].n = 0;
    }
    for (size_t k = 0; k < n; k++)
        units[group[k]].members[units[group[k]].n++] = open[k];
    *out = units;
    return ngroups;
}

/* A unit's score for offer j: the sum over its members, 0 if any member does
 * not fit (a pair declined before fits no more). */
static int unit_score(const match_context_t *c, const match_unit_t *u, size_t j)
{
    long long sum = 0;
    for (size_t m = 0; m < u->n; m++) {
        int s = match_context_score(c, u->members[m], j, NULL);
        if (s == 0)
            return 0;
        sum += s;
    }
    return sum > MATCH_MAX_VALUE ? (int)MATCH_MAX_VALUE : (int)sum;
}

static void build_instance(const match_context_t *c, const match_state_t *ms,
                           const match_unit_t *units, size_t nunits, match_instance_t *in)
{
    size_t cap = 64, n = 0;
    match_instance_init(in, (int)nunits, (int)c->noff, cap);
    for (size_t j = 0; j < c->noff; j++)
        in->cap[j] = ms->remaining[j];
    for (size_t u = 0; u < nunits; u++)
        for (size_t j = 0; j < c->noff; j++) {
            int s = ms->remaining[j] > 0 ? unit_score(c, &units[u], j) : 0;
            if (s <= 0)
                continue;
            if (n == cap) {
                cap *= 2;
                in->req = xrealloc(in->req, cap * sizeof *in->req);
                in->off = xrealloc(in->off, cap * sizeof *in->off);
                in->score = xrealloc(in->score, cap * sizeof *in->score);
            }
            in->req[n] = (int)u;
            in->off[n] = (int)j;
            in->score[n++] = s;
        }
    in->npairs = n;
}

/* ---- proposals ------------------------------------------------------------------ */

static int cmp_overlap(const void *a, const void *b)
{
    const match_overlap_t *x = a, *y = b;
    if (x->score != y->score)
        return x->score < y->score ? 1 : -1;
    return (x->offer > y->offer) - (x->offer < y->offer);
}

size_t match_fitting_offers(const match_context_t *c, size_t ri, arena_t *a, match_overlap_t **out)
{
    size_t n = 0;
    *out = arena_alloc(a, (c->noff + 1) * sizeof **out);
    for (size_t j = 0; j < c->noff; j++) {
        int s = strcmp(c->off[j].status, "open") == 0 ? match_context_score(c, ri, j, NULL) : 0;
        if (s > 0)
            (*out)[n++] = (match_overlap_t){j, s};
    }
    return n;
}

size_t match_fitting_providers(const match_context_t *c, const match_overlap_t *fits, size_t n)
{
    size_t providers = 0;
    for (size_t k = 0; k < n; k++) {
        const char *p = match_provider(&c->off[fits[k].offer]);
        size_t m = 0;
        while (m < k && strcmp(match_provider(&c->off[fits[m].offer]), p) != 0)
            m++;
        providers += m == k;
    }
    return providers;
}

/* Other providers' offers that fit request i too, best first. */
static void find_overlaps(const match_context_t *c, match_proposal_t *p, arena_t *a)
{
    size_t n = match_fitting_offers(c, p->req, a, &p->overlaps);
    const char *mine = match_provider(&c->off[p->off]);
    for (size_t k = 0; k < n; k++)
        if (strcmp(match_provider(&c->off[p->overlaps[k].offer]), mine) != 0)
            p->overlaps[p->noverlaps++] = p->overlaps[k];
    qsort(p->overlaps, p->noverlaps, sizeof *p->overlaps, cmp_overlap);
}

static int cmp_why_req(const void *a, const void *b)
{
    size_t x = ((const match_why_t *)a)->req, y = ((const match_why_t *)b)->req;
    return (x > y) - (x < y);
}

/* The line saying why not the better-scoring offer: who holds it and what
 * taking it would cost the total. */
static void describe_alternative(const match_context_t *c, const match_why_t *w, buf_t *b)
{
    buf_puts(b, "alternative: ");
    match_why_text(c, w, b);
    buf_putc(b, '\n');
}

static void describe(const match_context_t *c, match_proposal_t *p, const match_unit_t *u,
                     const char *region, arena_t *a)
{
    buf_t b;
    buf_init(&b, 1 << 16);
    p->score = match_context_score(c, p->req, p->off, &p->ex);
    match_explain_text(&p->ex, &b, "");
    if (u->n > 1) {
        buf_printf(&b, "batch: one activity for region %s, requests", region);
        for (size_t m = 0; m < u->n; m++)
            buf_printf(&b, "%s %lld", m ? "," : "", c->req[u->members[m]].id);
        buf_puts(&b, " (same themes)\n");
    }
    find_overlaps(c, p, a);
    if (p->noverlaps) {
        buf_printf(&b, "overlap: %zu other offer%s fit%s:", p->noverlaps,
                   p->noverlaps > 1 ? "s" : "", p->noverlaps > 1 ? "" : "s");
        for (size_t k = 0; k < p->noverlaps; k++)
            buf_printf(&b, "%s offer %lld (%s, %d)", k ? "," : "", c->off[p->overlaps[k].offer].id,
                       match_provider(&c->off[p->overlaps[k].offer]), p->overlaps[k].score);
        buf_putc(&b, '\n');
    }
    if (p->why && (p->why->has_alt || (p->why->nfull && p->why->full[0].score > p->score)))
        describe_alternative(c, p->why, &b);
    p->explanation = arena_strdup(a, buf_str(&b));
    buf_free(&b);
}

/* Turns the solver's answer into proposals, member by member. */
static void collect(const match_context_t *c, const match_unit_t *units, const match_instance_t *in,
                    const match_assignment_t *sol, const char *region, arena_t *a,
                    match_result_t *out)
{
    size_t n = 0;
    for (int u = 0; u < in->nreq; u++)
        if (sol->offer_of[u] >= 0)
            n += units[u].n;
    out->p = arena_alloc(a, (n + 1) * sizeof *out->p);
    for (int u = 0; u < in->nreq; u++) {
        if (sol->offer_of[u] < 0)
            continue;
        char batch[64] = "";
        if (units[u].n > 1)
            snprintf(batch, sizeof batch, "%s/%lld", region, c->req[units[u].members[0]].id);
        for (size_t m = 0; m < units[u].n; m++) {
            match_proposal_t *p = &out->p[out->n++];
            p->req = units[u].members[m];
            p->off = (size_t)sol->offer_of[u];
            p->batch = arena_strdup(a, batch);
            match_why_t key = {.req = p->req};
            p->why = bsearch(&key, out->why, out->nwhy, sizeof key, cmp_why_req);
            describe(c, p, &units[u], region, a);
        }
    }
    out->total = out->picked_total = sol->total;
}

assistance_proposal_t match_proposal_row(const match_context_t *c, const match_proposal_t *p,
                                         const char *today)
{
    assistance_proposal_t row = {.id = p->id,
                                 .request_id = c->req[p->req].id,
                                 .offer_id = c->off[p->off].id,
                                 .score = p->score,
                                 .explanation = p->explanation,
                                 .batch = p->batch,
                                 .status = "proposed",
                                 .provider_answer = "",
                                 .state_answer = ""};
    snprintf(row.created, sizeof row.created, "%s", today);
    return row;
}

/* Writes the proposals and their first event, inside the caller's transaction. */
static rc_t record(store_t *st, const match_context_t *c, match_result_t *r, const char *today,
                   err_t *e)
{
    rc_t rc = RC_OK;
    for (size_t k = 0; k < r->n && rc == RC_OK; k++) {
        match_proposal_t *p = &r->p[k];
        assistance_proposal_t row = match_proposal_row(c, p, today);
        rc = store_proposal_insert(st, &row, e);
        assistance_event_t ev = {.proposal_id = row.id, .event = "proposed", .note = ""};
        snprintf(ev.date, sizeof ev.date, "%s", today);
        if (rc == RC_OK)
            rc = store_event_append(st, &ev, e);
        p->id = row.id;
    }
    return rc;
}

/* ---- a selection of the proposals --------------------------------------------- */

/* One "REQ" or "REQ:OFFER" item of a selection. */
static bool pick_parse(const char *s, size_t len, match_pick_t *p)
{
    char item[48];
    if (len == 0 || len >= sizeof item)
        return false;
    memcpy(item, s, len);
    item[len] = 0;
    char *colon = strchr(item, ':');
    if (colon)
        *colon = 0;
    if (strspn(item, "0123456789") != strlen(item) || strlen(item) > 15 || !*item ||
        (colon && (strspn(colon + 1, "0123456789") != strlen(colon + 1) || !colon[1] ||
                   strlen(colon + 1) > 15)))
        return false;
    p->request = strtoll(item, NULL, 10);
    p->offer = colon ? strtoll(colon + 1, NULL, 10) : 0;
    return p->request > 0 && (!colon || p->offer > 0);
}

rc_t match_picks_parse(const char *text, arena_t *a, match_pick_t **out, size_t *n, err_t *e)
{
    size_t cap = 1;
    for (const char *q = text; *q; q++)
        cap += *q == ',';
    if (cap > MATCH_PICKS_MAX)
        return err_set(e, RC_INPUT, "the selection names more than %d proposals", MATCH_PICKS_MAX);
    *out = arena_alloc(a, cap * sizeof **out);
    *n = 0;
    for (const char *q = text;;) {
        size_t len = strcspn(q, ",");
        match_pick_t p;
        if (!pick_parse(q, len, &p))
            return err_set(e, RC_INPUT,
                           "the selection: '%.*s' is not a request id or REQUEST:OFFER ids",
                           (int)(len > 40 ? 40 : len), q);
        for (size_t k = 0; k < *n; k++)
            if ((*out)[k].request == p.request)
                return err_set(e, RC_INPUT, "the selection names request %lld twice", p.request);
        (*out)[(*n)++] = p;
        if (!q[len])
            break;
        q += len + 1;
    }
    return RC_OK;
}

/* The proposal of request id in r, or NULL. */
static match_proposal_t *proposal_of(const match_context_t *c, match_result_t *r, long long id)
{
    for (size_t k = 0; k < r->n; k++)
        if (c->req[r->p[k].req].id == id)
            return &r->p[k];
    return NULL;
}

/* Keeps the picked proposals only, in their order in the optimum; a pick the
 * optimum does not hold, or a batch picked in part, refuses the whole
 * selection (the reviewer saw another matching than the one computed now). */
static rc_t keep_picked(const match_context_t *c, const match_pick_t *picks, size_t npicks,
                        match_result_t *r, err_t *e)
{
    bool *keep = xcalloc(r->n + 1, 1);
    rc_t rc = RC_OK;
    for (size_t k = 0; k < npicks && rc == RC_OK; k++) {
        match_proposal_t *p = proposal_of(c, r, picks[k].request);
        if (!p)
            rc = err_set(e, RC_INPUT,
                         "request %lld has no proposal in the matching as it stands now "
                         "(nothing recorded; review the matching again)",
                         picks[k].request);
        else if (picks[k].offer && c->off[p->off].id != picks[k].offer)
            rc = err_set(e, RC_INPUT,
                         "the matching now proposes offer %lld for request %lld, not offer %lld "
                         "(nothing recorded; review the matching again)",
                         c->off[p->off].id, picks[k].request, picks[k].offer);
        else
            keep[p - r->p] = true;
    }
    for (size_t k = 0; k < r->n && rc == RC_OK; k++)
        for (size_t m = 0; m < r->n && rc == RC_OK; m++)
            if (keep[k] && !keep[m] && *r->p[k].batch && strcmp(r->p[k].batch, r->p[m].batch) == 0)
                rc = err_set(e, RC_INPUT,
                             "request %lld is in batch %s with request %lld: record the whole "
                             "batch or none of it (nothing recorded)",
                             c->req[r->p[k].req].id, r->p[k].batch, c->req[r->p[m].req].id);
    size_t n = 0;
    r->picked_total = 0;
    for (size_t k = 0; k < r->n && rc == RC_OK; k++) {
        if (!keep[k]) {
            match_why_t key = {.req = r->p[k].req};
            match_why_t *w = bsearch(&key, r->why, r->nwhy, sizeof key, cmp_why_req);
            if (w)
                w->kind = MATCH_WHY_LEFT_OUT;
            continue;
        }
        r->picked_total += r->p[k].score;
        r->p[n++] = r->p[k];
    }
    if (rc == RC_OK)
        r->n = n;
    free(keep);
    return rc;
}

static rc_t region_check(store_t *st, const char *region, arena_t *a, err_t *e)
{
    vocab_t *v;
    size_t n;
    rc_t rc = store_vocab_list(st, "region", a, &v, &n, e);
    for (size_t i = 0; rc == RC_OK && i < n; i++)
        if (strcmp(v[i].code, region) == 0)
            return RC_OK;
    return rc == RC_OK ? err_set(e, RC_NOTFOUND,
                                 "--region: unknown M49 region '%s' (e.g. 002 "
                                 "Africa, 419 Latin America and the Caribbean)",
                                 region)
                       : rc;
}

rc_t match_run(store_t *st, match_context_t *c, const match_run_opts_t *o, arena_t *a,
               match_result_t *out, err_t *e)
{
    memset(out, 0, sizeof *out);
    rc_t rc = o->region ? region_check(st, o->region, a, e) : RC_OK;
    if (rc != RC_OK)
        return rc;
    match_state_t ms;
    state_build(c, a, &ms);
    match_unit_t *units;
    size_t nunits = make_units(c, &ms, o->region, a, &units);
    match_instance_t in;
    build_instance(c, &ms, units, nunits, &in);
    match_assignment_t sol;
    match_solve(&in, MATCH_METHOD_AUTO, &sol);
    out->units = nunits;
    out->pairs = in.npairs;
    for (size_t u = 0; u < nunits; u++)
        out->requests += units[u].n;
    for (size_t j = 0; j < c->noff; j++)
        out->offers += ms.remaining[j] > 0;
    out->nwhy = match_explain_units(c, ms.remaining, units, nunits, &in, &sol, a, &out->why);
    qsort(out->why, out->nwhy, sizeof *out->why, cmp_why_req);
    collect(c, units, &in, &sol, o->region, a, out);
    match_assignment_free(&sol);
    match_instance_free(&in);
    if (o->picks && (rc = keep_picked(c, o->picks, o->npicks, out, e)) != RC_OK)
        return rc;
    return o->dry_run ? RC_OK : record(st, c, out, o->today, e);
}
