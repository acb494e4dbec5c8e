/*
 * Assembling the review: dates, snapshots, trend, gaps, groups, assistance
 * figures, and the per-language order of state names (ICU collation through
 * util/collate.h: "Égypte" sorts with the E's in French, Chinese names by
 * pinyin, Arabic by its alphabet; byte order when the caller has not run
 * collate_init).
 */
#include "review.h"

#include "workshop_plan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/collate.h"
#include "../util/date.h"
#include "../util/i18n.h"

const char *review_caveat(lang_t lang)
{
    return i18n_tr(lang, "The matrices are indicators of fact, not a measure of any state's "
                         "compliance: these figures are coverage of matrix fields, not "
                         "compliance scores, and they do not rank states.");
}

const char *review_weapon_name(lang_t lang, int w)
{
    switch (w) {
    case 0: return i18n_tr(lang, "Nuclear weapons");
    case 1: return i18n_tr(lang, "Chemical weapons");
    case 2: return i18n_tr(lang, "Biological weapons");
    default: return i18n_tr(lang, "Means of delivery");
    }
}

const char *review_flag_name(lang_t lang, int f)
{
    switch (f) {
    case 0: return i18n_tr(lang, "Least developed countries (LDC)");
    case 1: return i18n_tr(lang, "Landlocked developing countries (LLDC)");
    default: return i18n_tr(lang, "Small island developing States (SIDS)");
    }
}

const char *review_event_kind_name(lang_t lang, const char *kind)
{
    if (strcmp(kind, "training-course") == 0)
        return i18n_tr(lang, "Training course for points of contact");
    if (strcmp(kind, "regional-workshop") == 0)
        return i18n_tr(lang, "Regional workshop");
    if (strcmp(kind, "peer-review-visit") == 0)
        return i18n_tr(lang, "Peer-review visit");
    return i18n_tr(lang, "National round table");
}

const char *review_event_status_name(lang_t lang, const char *status)
{
    if (strcmp(status, "held") == 0)
        return i18n_tr(lang, "held");
    if (strcmp(status, "cancelled") == 0)
        return i18n_tr(lang, "cancelled");
    return i18n_tr(lang, "planned");
}

/* The events that start in [since, as_of], in start order. */
static rc_t review_events(store_t *st, review_t *r, arena_t *a, err_t *e)
{
    event_t *all;
    size_t n;
    rc_t rc = store_outreach_list(st, NULL, a, &all, &n, e);
    if (rc != RC_OK)
        return rc;
    r->events = arena_alloc(a, (n + 1) * sizeof *r->events);
    for (size_t i = 0; i < n; i++)
        if (strcmp(all[i].start, r->then.as_of) >= 0 && strcmp(all[i].start, r->now.as_of) <= 0)
            r->events[r->nevents++] = all[i];
    return RC_OK;
}

typedef struct {
    const review_data_t *d;
    lang_t lang;
} name_order_t;

static int cmp_name(const void *pa, const void *pb, void *ctx)
{
    const name_order_t *o = ctx;
    const state_t *a = &o->d->states[*(const size_t *)pa], *b = &o->d->states[*(const size_t *)pb];
    int r = collate_cmp(o->lang, a->name[o->lang], b->name[o->lang]);
    return r ? r : strcmp(a->alpha3, b->alpha3);
}

void review_sort_states(const review_data_t *d, lang_t lang, size_t *idx, size_t n)
{
    name_order_t o = {d, lang};
    qsort_r(idx, n, sizeof *idx, cmp_name, &o);
}

/* as_of defaults to today, since to five years earlier (not before 1540). */
static rc_t review_dates(const review_opts_t *o, char as_of[11], char since[11], err_t *e)
{
    if (o->as_of[0]) {
        memcpy(as_of, o->as_of, 11);
        rc_t rc = review_date_check(as_of, "--as-of", e);
        if (rc != RC_OK)
            return rc;
    } else {
        date_today(as_of);
    }
    if (o->since[0]) {
        memcpy(since, o->since, 11);
        rc_t rc = review_date_check(since, "--since", e);
        if (rc != RC_OK)
            return rc;
        if (strcmp(since, as_of) > 0)
            return err_set(e, RC_USAGE, "--since: %s is after the review date %s", since, as_of);
        return RC_OK;
    }
    char tmp[32];
    snprintf(tmp, sizeof tmp, "%04d%s", (int)strtol(as_of, NULL, 10) - 5, as_of + 4);
    memcpy(since, tmp, 10);
    since[10] = '\0';
    if (!date_valid(since)) /* 29 February five years earlier */
        memcpy(since + 5, "02-28", 5);
    if (strcmp(since, REVIEW_FIRST_DATE) < 0)
        memcpy(since, REVIEW_FIRST_DATE, 11);
    return RC_OK;
}

static void review_gaps(review_t *r, arena_t *a)
{
    const review_data_t *d = &r->d;
    size_t nr = d->nregions, ni = d->nitems, nt = d->nthemes;
    r->item_gaps = review_gaps_rank(r->now.by_item, r->then.by_item, ni, REVIEW_TOP_GAPS, a,
                                    &r->nitem_gaps);
    r->theme_gaps = review_gaps_rank(r->now.by_theme, r->then.by_theme, nt, REVIEW_TOP_GAPS, a,
                                     &r->ntheme_gaps);
    r->region_item_gaps = arena_alloc(a, (nr + 1) * sizeof *r->region_item_gaps);
    r->region_theme_gaps = arena_alloc(a, (nr + 1) * sizeof *r->region_theme_gaps);
    r->nregion_item_gaps = arena_alloc(a, (nr + 1) * sizeof *r->nregion_item_gaps);
    r->nregion_theme_gaps = arena_alloc(a, (nr + 1) * sizeof *r->nregion_theme_gaps);
    for (size_t g = 0; g < nr; g++) {
        r->region_item_gaps[g] =
            review_gaps_rank(r->now.region_item + g * ni, r->then.region_item + g * ni, ni,
                             REVIEW_TOP_GAPS, a, &r->nregion_item_gaps[g]);
        r->region_theme_gaps[g] =
            review_gaps_rank(r->now.region_theme + g * nt, r->then.region_theme + g * nt, nt,
                             REVIEW_TOP_GAPS, a, &r->nregion_theme_gaps[g]);
    }
}

rc_t review_build(store_t *st, const review_opts_t *o, arena_t *a, review_t *r, err_t *e)
{
    memset(r, 0, sizeof *r);
    r->lang = o->lang;
    r->published_only = o->published_only;
    char as_of[11], since[11];
    rc_t rc = review_dates(o, as_of, since, e);
    if (rc != RC_OK || (rc = review_data_load_opts(st, o->published_only, a, &r->d, e)) != RC_OK)
        return rc;
    review_snapshot(&r->d, as_of, a, &r->now);
    review_snapshot(&r->d, since, a, &r->then);
    if (r->now.with_matrix == 0)
        return err_set(e, RC_INPUT, "no state had %s matrix on %s: nothing to review"
                       " (the first approval is later; choose a later --as-of)",
                       o->published_only ? "a published" : "an approved", as_of);
    r->trend = review_trend(&r->d, as_of, a, &r->ntrend);
    review_gaps(r, a);
    r->group_of = arena_alloc(a, (r->d.nstates + 1) * sizeof *r->group_of);
    size_t *parent, ncand;
    review_workshop_t *cand = review_workshop_candidates(&r->d, &r->now, o->groups, &o->workshops,
                                                         a, r->group_of, &r->ngroups, &parent,
                                                         &ncand);
    r->workshop_min = o->workshops.min_size ? o->workshops.min_size : WORKSHOP_MIN_SIZE;
    r->workshop_max = o->workshops.max_size ? o->workshops.max_size : WORKSHOP_MAX_SIZE;
    r->state_order = arena_alloc(a, (r->d.nstates + 1) * sizeof *r->state_order);
    for (size_t i = 0; i < r->d.nstates; i++)
        r->state_order[i] = i;
    review_sort_states(&r->d, r->lang, r->state_order, r->d.nstates);
    assist_records_t rec;
    if ((rc = assist_records_load(st, a, &rec, e)) != RC_OK)
        return rc;
    /* which candidates are held is chosen together with the offers */
    assist_figures_compute(&r->d, &rec, as_of, cand, parent, ncand, a, &r->assist, &r->workshops,
                           &r->nworkshops);
    return review_events(st, r, a, e);
}
