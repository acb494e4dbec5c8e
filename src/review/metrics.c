/*
 * Coverage aggregation. review_data_load reads the store once; every figure
 * after that is computed in memory from the versions' mark arrays, so a
 * snapshot costs one pass over (states in force x items) and a trend one
 * pass per year over the states' precomputed version totals.
 */
#include "metrics.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/date.h"

const char *const review_weapon_keys[REVIEW_WEAPONS] = {"nuclear", "chemical", "biological",
                                                        "delivery"};
const char *const review_flag_keys[REVIEW_FLAGS] = {"LDC", "LLDC", "SIDS"};

unsigned cov_applicable(const cov_t *c) { return c->x + c->unsure + c->blank; }

double cov_pct(const cov_t *c)
{
    unsigned n = cov_applicable(c);
    return n ? 100.0 * (double)c->x / (double)n : -1.0;
}

void cov_add(cov_t *to, const cov_t *from)
{
    to->x += from->x;
    to->unsure += from->unsure;
    to->blank += from->blank;
    to->na += from->na;
}

static void cov_mark(cov_t *c, mark_t m)
{
    c->x += m == MARK_X;
    c->unsure += m == MARK_UNSURE;
    c->blank += m == MARK_BLANK;
    c->na += m == MARK_NA;
}

rc_t review_date_check(const char *date, const char *what, err_t *e)
{
    char today[11];
    date_today(today);
    if (!date_valid(date))
        return err_set(e, RC_USAGE, "%s: '%s' is not a date (YYYY-MM-DD)", what, date);
    if (strcmp(date, REVIEW_FIRST_DATE) < 0)
        return err_set(e, RC_USAGE, "%s: %s is before resolution 1540 was adopted (%s)", what,
                       date, REVIEW_FIRST_DATE);
    if (strcmp(date, today) > 0)
        return err_set(e, RC_USAGE, "%s: %s is in the future (today is %s)", what, date, today);
    return RC_OK;
}

/* ---- loading ------------------------------------------------------------ */

static int find_vocab(const vocab_t *v, size_t n, const char *code)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(v[i].code, code) == 0)
            return (int)i;
    return -1;
}

/* Keeps the vocabulary entries some state uses (by code), in vocabulary order,
 * and records each state's index. A code missing from the vocabulary gets an
 * entry named by its code, so no state drops out of the totals. */
static void vocab_used(arena_t *a, const vocab_t *all, size_t nall, const char *const *codes,
                       size_t nstates, vocab_t **out, size_t *nout, size_t *index)
{
    vocab_t *used = arena_alloc(a, (nall + nstates) * sizeof *used);
    size_t n = 0;
    for (size_t i = 0; i < nall; i++)
        for (size_t s = 0; s < nstates; s++)
            if (strcmp(all[i].code, codes[s]) == 0) {
                used[n++] = all[i];
                break;
            }
    for (size_t s = 0; s < nstates; s++) {
        int k = find_vocab(used, n, codes[s]);
        if (k < 0) {
            vocab_t v = {.kind = "", .code = arena_strdup(a, codes[s]), .parent = ""};
            for (int l = 0; l < LANG_COUNT; l++)
                v.name[l] = v.code;
            used[n] = v;
            k = (int)n++;
        }
        index[s] = (size_t)k;
    }
    *out = used;
    *nout = n;
}

static rc_t load_vocab(store_t *st, arena_t *a, review_data_t *d, err_t *e)
{
    vocab_t *regions, *groups;
    size_t nr, ng;
    rc_t rc;
    if ((rc = store_vocab_list(st, "theme", a, &d->themes, &d->nthemes, e)) != RC_OK ||
        (rc = store_vocab_list(st, "section", a, &d->sections, &d->nsections, e)) != RC_OK ||
        (rc = store_vocab_list(st, "region", a, &regions, &nr, e)) != RC_OK ||
        (rc = store_vocab_list(st, "group", a, &groups, &ng, e)) != RC_OK)
        return rc;
    if (d->nthemes > 64)
        return err_set(e, RC_INPUT, "the template has %zu themes; the review handles 64",
                       d->nthemes);
    const char **codes = arena_alloc(a, (d->nstates + 1) * sizeof *codes);
    d->state_region = arena_alloc(a, (d->nstates + 1) * sizeof *d->state_region);
    d->state_group = arena_alloc(a, (d->nstates + 1) * sizeof *d->state_group);
    for (size_t s = 0; s < d->nstates; s++)
        codes[s] = d->states[s].m49_region;
    vocab_used(a, regions, nr, codes, d->nstates, &d->regions, &d->nregions, d->state_region);
    for (size_t s = 0; s < d->nstates; s++)
        codes[s] = d->states[s].un_group;
    vocab_used(a, groups, ng, codes, d->nstates, &d->groups, &d->ngroups, d->state_group);
    return RC_OK;
}

static int cmp_item_by_id(const void *pa, const void *pb, void *items)
{
    const template_item_t *it = items;
    return strcmp(it[*(const size_t *)pa].id, it[*(const size_t *)pb].id);
}

static void index_items(arena_t *a, review_data_t *d)
{
    d->item_themes = arena_alloc(a, (d->nitems + 1) * sizeof *d->item_themes);
    d->item_section = arena_alloc(a, (d->nitems + 1) * sizeof *d->item_section);
    d->item_weapon = arena_alloc(a, (d->nitems + 1) * sizeof *d->item_weapon);
    d->item_order = arena_alloc(a, (d->nitems + 1) * sizeof *d->item_order);
    for (size_t i = 0; i < d->nitems; i++) {
        const template_item_t *it = &d->items[i];
        for (size_t t = 0; t < d->nthemes; t++)
            if (template_has_theme(it->themes, d->themes[t].code))
                d->item_themes[i] |= (uint64_t)1 << t;
        d->item_section[i] = find_vocab(d->sections, d->nsections, it->section);
        d->item_weapon[i] = -1;
        for (int w = 0; w < REVIEW_WEAPONS; w++)
            if (strcmp(it->weapon, review_weapon_keys[w]) == 0)
                d->item_weapon[i] = w;
        d->item_order[i] = i;
    }
    qsort_r(d->item_order, d->nitems, sizeof *d->item_order, cmp_item_by_id, d->items);
}

/* The position in item_order of the item with this id, or nitems. */
static size_t item_rank(const review_data_t *d, const char *id)
{
    size_t lo = 0, hi = d->nitems;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(d->items[d->item_order[mid]].id, id);
        if (c == 0)
            return mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return d->nitems;
}

long review_item_index(const review_data_t *d, const char *id)
{
    size_t k = item_rank(d, id);
    return k < d->nitems ? (long)d->item_order[k] : -1;
}

size_t review_state_index(const review_data_t *d, const char *alpha3)
{
    size_t lo = 0, hi = d->nstates;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(d->states[mid].alpha3, alpha3);
        if (c == 0)
            return mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return d->nstates;
}

static int cmp_version(const void *pa, const void *pb)
{
    const review_version_t *a = pa, *b = pb;
    if (a->state != b->state)
        return a->state < b->state ? -1 : 1;
    int c = strcmp(a->approved, b->approved);
    return c ? c : (a->number > b->number) - (a->number < b->number);
}

/* Keeps the frozen versions (only the published ones if published_only),
 * sorted for as-of lookups, and picks the template. */
static rc_t load_versions(store_t *st, bool published_only, arena_t *a, review_data_t *d,
                          err_t *e)
{
    matrix_version_t *vs;
    size_t nv;
    rc_t rc = store_version_list(st, NULL, a, &vs, &nv, e);
    if (rc != RC_OK)
        return rc;
    d->versions = arena_alloc(a, (nv + 1) * sizeof *d->versions);
    for (size_t i = 0; i < nv; i++) {
        size_t s = review_state_index(d, vs[i].state);
        if (!matrix_status_frozen(vs[i].status) || s == d->nstates ||
            (published_only && vs[i].status != MV_PUBLISHED))
            continue;
        review_version_t *v = &d->versions[d->nversions++];
        v->id = vs[i].id;
        v->state = s;
        v->number = vs[i].number;
        memcpy(v->approved, vs[i].approved[0] ? vs[i].approved : vs[i].published, 11);
        if (vs[i].template_version > d->template_version)
            d->template_version = vs[i].template_version;
    }
    if (d->nversions == 0)
        return err_set(e, RC_INPUT, "the database has no %s matrix: there is nothing to"
                       " review (import data or run `r1540 init --demo`)",
                       published_only ? "published" : "approved");
    qsort(d->versions, d->nversions, sizeof *d->versions, cmp_version);
    d->first_version = arena_alloc(a, (d->nstates + 1) * sizeof *d->first_version);
    for (size_t i = 0, s = 0; s <= d->nstates; s++) {
        while (i < d->nversions && d->versions[i].state < s)
            i++;
        d->first_version[s] = i;
    }
    return RC_OK;
}

/* State for store_marks_each: versions by id for lookup. */
typedef struct {
    review_data_t *d;
    long long *vid;     /* version ids, sorted */
    size_t *vid_index;  /* index of vid[k] in d->versions */
    long long last_id;
    review_version_t *last;
    size_t hint;        /* position in d->item_order just after the last item found */
} marks_ctx_t;

static int cmp_ll(const void *a, const void *b)
{
    long long x = *(const long long *)a, y = *(const long long *)b;
    return (x > y) - (x < y);
}

/* The position in item_order of item, or nitems. A version's entries arrive
 * in item order (the primary key of matrix_entry, compared as bytes like
 * strcmp), so the next id is usually the one after the last hit: try it
 * before searching. */
static size_t find_item(const marks_ctx_t *m, const char *item)
{
    const review_data_t *d = m->d;
    size_t next = m->hint;
    if (next < d->nitems && strcmp(d->items[d->item_order[next]].id, item) == 0)
        return next;
    return item_rank(d, item);
}

static void on_mark(void *ctx, long long version_id, const char *item, mark_t mark)
{
    marks_ctx_t *m = ctx;
    if (version_id != m->last_id) {
        m->last_id = version_id;
        m->hint = 0;
        long long *hit = bsearch(&version_id, m->vid, m->d->nversions, sizeof *m->vid, cmp_ll);
        m->last = hit ? &m->d->versions[m->vid_index[hit - m->vid]] : NULL;
    }
    size_t k = m->last && item ? find_item(m, item) : m->d->nitems;
    if (k < m->d->nitems) {
        m->last->marks[m->d->item_order[k]] = (unsigned char)mark;
        m->hint = k + 1;
    }
}

/* Sorts the version ids, keeping each one's index in d->versions. */
static void sort_ids(marks_ctx_t *m, arena_t *a)
{
    review_data_t *d = m->d;
    m->vid = arena_alloc(a, (d->nversions + 1) * sizeof *m->vid);
    m->vid_index = arena_alloc(a, (d->nversions + 1) * sizeof *m->vid_index);
    for (size_t i = 0; i < d->nversions; i++)
        m->vid[i] = d->versions[i].id;
    qsort(m->vid, d->nversions, sizeof *m->vid, cmp_ll);
    for (size_t i = 0; i < d->nversions; i++) {
        long long *hit = bsearch(&d->versions[i].id, m->vid, d->nversions, sizeof *m->vid, cmp_ll);
        m->vid_index[hit - m->vid] = i;
    }
}

static rc_t load_marks(store_t *st, arena_t *a, review_data_t *d, err_t *e)
{
    unsigned char *all = arena_alloc(a, d->nversions * d->nitems + 1); /* zero = blank */
    for (size_t i = 0; i < d->nversions; i++)
        d->versions[i].marks = all + i * d->nitems;
    marks_ctx_t m = {.d = d, .last_id = -1};
    sort_ids(&m, a);
    rc_t rc = store_marks_each(st, on_mark, &m, e);
    for (size_t i = 0; i < d->nversions && rc == RC_OK; i++)
        for (size_t k = 0; k < d->nitems; k++)
            cov_mark(&d->versions[i].total, (mark_t)d->versions[i].marks[k]);
    return rc;
}

/* Report dates per state (letters are correspondence, not reports). */
static rc_t load_reports(store_t *st, arena_t *a, review_data_t *d, err_t *e)
{
    report_t *r;
    size_t nr;
    rc_t rc = store_report_list(st, NULL, a, &r, &nr, e); /* by state, date, id */
    if (rc != RC_OK)
        return rc;
    d->first_report = arena_alloc(a, (d->nstates + 1) * sizeof *d->first_report);
    d->report_dates = arena_alloc(a, (nr + 1) * sizeof *d->report_dates);
    d->first_report_date = arena_alloc(a, (d->nstates + 1) * sizeof *d->first_report_date);
    size_t n = 0, s = 0;
    for (size_t i = 0; i < nr; i++) {
        size_t k = review_state_index(d, r[i].state);
        if (k == d->nstates || strcmp(r[i].kind, "letter") == 0)
            continue;
        while (s <= k)
            d->first_report_date[s++] = n;
        memcpy(d->report_dates[n++], r[i].date, 11);
        if (strcmp(r[i].kind, "first-report") == 0 && !d->first_report[k][0])
            memcpy(d->first_report[k], r[i].date, 11);
    }
    while (s <= d->nstates)
        d->first_report_date[s++] = n;
    return RC_OK;
}

rc_t review_data_load(store_t *st, arena_t *a, review_data_t *d, err_t *e)
{
    return review_data_load_opts(st, false, a, d, e);
}

rc_t review_data_load_opts(store_t *st, bool published_only, arena_t *a, review_data_t *d,
                           err_t *e)
{
    memset(d, 0, sizeof *d);
    char *demo;
    rc_t rc = store_state_list(st, a, &d->states, &d->nstates, e);
    if (rc != RC_OK)
        return rc;
    if (d->nstates == 0)
        return err_set(e, RC_INPUT, "the database has no states: there is nothing to review"
                       " (run `r1540 init`)");
    if ((rc = store_membership_list(st, NULL, a, &d->memberships, &d->nmemberships, e)) != RC_OK)
        return rc;
    d->demo = store_meta_get(st, "demo", a, &demo, NULL) == RC_OK && strcmp(demo, "1") == 0;
    if ((rc = load_vocab(st, a, d, e)) != RC_OK || (rc = load_versions(st, published_only, a, d, e)) != RC_OK ||
        (rc = store_template_items(st, d->template_version, a, &d->items, &d->nitems, e)) !=
            RC_OK)
        return rc;
    index_items(a, d);
    if ((rc = load_marks(st, a, d, e)) != RC_OK)
        return rc;
    return load_reports(st, a, d, e);
}

/* ---- as of a date --------------------------------------------------------- */

long review_in_force(const review_data_t *d, size_t state, const char *date)
{
    long found = -1;
    for (size_t i = d->first_version[state]; i < d->first_version[state + 1]; i++)
        if (strcmp(d->versions[i].approved, date) <= 0)
            found = (long)i; /* sorted by approval date, then number */
    return found;
}

bool review_state_flag(const review_data_t *d, size_t k, int f, const char *date)
{
    const state_t *st = &d->states[k];
    if (d->nmemberships == 0)
        return f == 0 ? st->ldc : f == 1 ? st->lldc : st->sids;
    return membership_on(d->memberships, d->nmemberships, st->alpha3, review_flag_keys[f], date);
}

/* Whole years from `from` to `to` (both YYYY-MM-DD, from <= to). */
static int whole_years(const char *from, const char *to)
{
    int y = (int)strtol(to, NULL, 10) - (int)strtol(from, NULL, 10);
    return y - (strcmp(to + 5, from + 5) < 0);
}

static void snapshot_reporting(const review_data_t *d, const char *date, review_snapshot_t *s)
{
    for (size_t k = 0; k < d->nstates; k++) {
        s->years_since[k] = -1;
        for (size_t i = d->first_report_date[k]; i < d->first_report_date[k + 1]; i++)
            if (strcmp(d->report_dates[i], date) <= 0)
                s->years_since[k] = whole_years(d->report_dates[i], date);
        bool first = d->first_report[k][0] && strcmp(d->first_report[k], date) <= 0;
        s->reported += first;
        s->never += !first;
    }
}

/* Adds one state's version in force to every aggregate it belongs to. */
static void snapshot_state(const review_data_t *d, size_t k, const review_version_t *v,
                           review_snapshot_t *s)
{
    size_t r = d->state_region[k];
    const bool flags[REVIEW_FLAGS] = {review_state_flag(d, k, 0, s->as_of),
                                      review_state_flag(d, k, 1, s->as_of),
                                      review_state_flag(d, k, 2, s->as_of)};
    cov_t *th = &s->state_theme[k * d->nthemes];
    for (size_t i = 0; i < d->nitems; i++) {
        mark_t m = (mark_t)v->marks[i];
        cov_mark(&s->by_item[i], m);
        cov_mark(&s->region_item[r * d->nitems + i], m);
        if (d->item_section[i] >= 0)
            cov_mark(&s->by_section[d->item_section[i]], m);
        if (d->item_weapon[i] >= 0)
            cov_mark(&s->by_weapon[d->item_weapon[i]], m);
        for (uint64_t b = d->item_themes[i]; b; b &= b - 1)
            cov_mark(&th[__builtin_ctzll(b)], m);
    }
    s->by_state[k] = v->total;
    cov_add(&s->total, &v->total);
    cov_add(&s->by_region[r], &v->total);
    cov_add(&s->by_group[d->state_group[k]], &v->total);
    for (int f = 0; f < REVIEW_FLAGS; f++)
        if (flags[f])
            cov_add(&s->by_flag[f], &v->total);
    for (size_t t = 0; t < d->nthemes; t++) {
        cov_add(&s->by_theme[t], &th[t]);
        cov_add(&s->region_theme[r * d->nthemes + t], &th[t]);
    }
}

void review_snapshot(const review_data_t *d, const char *date, arena_t *a, review_snapshot_t *s)
{
    memset(s, 0, sizeof *s);
    memcpy(s->as_of, date, 10);
    size_t ns = d->nstates, nt = d->nthemes, nr = d->nregions;
    s->in_force = arena_alloc(a, (ns + 1) * sizeof *s->in_force);
    s->years_since = arena_alloc(a, (ns + 1) * sizeof *s->years_since);
    s->by_state = arena_alloc(a, (ns + 1) * sizeof(cov_t));
    s->by_item = arena_alloc(a, (d->nitems + 1) * sizeof(cov_t));
    s->by_theme = arena_alloc(a, (nt + 1) * sizeof(cov_t));
    s->by_region = arena_alloc(a, (nr + 1) * sizeof(cov_t));
    s->by_group = arena_alloc(a, (d->ngroups + 1) * sizeof(cov_t));
    s->state_theme = arena_alloc(a, (ns * nt + 1) * sizeof(cov_t));
    s->region_item = arena_alloc(a, (nr * d->nitems + 1) * sizeof(cov_t));
    s->region_theme = arena_alloc(a, (nr * nt + 1) * sizeof(cov_t));
    for (size_t k = 0; k < ns; k++) {
        s->in_force[k] = review_in_force(d, k, date);
        if (s->in_force[k] < 0)
            continue;
        s->with_matrix++;
        snapshot_state(d, k, &d->versions[s->in_force[k]], s);
    }
    snapshot_reporting(d, date, s);
}

/* ---- trend ---------------------------------------------------------------- */

static void trend_point(const review_data_t *d, const char *date, arena_t *a,
                        review_trend_point_t *p)
{
    memcpy(p->date, date, 11);
    p->by_region = arena_alloc(a, (d->nregions + 1) * sizeof *p->by_region);
    for (size_t k = 0; k < d->nstates; k++) {
        long v = review_in_force(d, k, date);
        if (v < 0)
            continue;
        cov_add(&p->total, &d->versions[v].total);
        cov_add(&p->by_region[d->state_region[k]], &d->versions[v].total);
    }
}

review_trend_point_t *review_trend(const review_data_t *d, const char *as_of, arena_t *a,
                                   size_t *npoints)
{
    char first[11] = "9999-12-31";
    for (size_t i = 0; i < d->nversions; i++)
        if (strcmp(d->versions[i].approved, first) < 0)
            memcpy(first, d->versions[i].approved, 11);
    int y0 = (int)strtol(first, NULL, 10), y1 = (int)strtol(as_of, NULL, 10);
    if (y0 > y1)
        y0 = y1;
    review_trend_point_t *p = arena_alloc(a, (size_t)(y1 - y0 + 2) * sizeof *p);
    size_t n = 0;
    for (int y = y0; y < y1; y++) {
        char date[24];
        snprintf(date, sizeof date, "%04d-12-31", y);
        trend_point(d, date, a, &p[n++]);
    }
    trend_point(d, as_of, a, &p[n++]);
    *npoints = n;
    return p;
}
