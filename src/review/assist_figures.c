/*
 * The review's assistance figures (see assist_figures.h for what each one
 * means and docs/review.md for the formulas). One pass dates every proposal
 * from its history as of D, one pass over the requests counts demand, unmet
 * requests and delays, one over the offers counts supply, and each workshop
 * looks at the offers available on D. Requests, offers and proposals number
 * in the thousands at most, so plain arrays and binary searches do.
 */
#include "assist_figures.h"

#include "workshop_plan.h"

#include <stdlib.h>
#include <string.h>

#include "../util/date.h"

double assist_unmet_pct(const assist_theme_t *t)
{
    return t->requests ? 100.0 * (double)t->unmet / (double)t->requests : -1.0;
}

rc_t assist_records_load(store_t *st, arena_t *a, assist_records_t *r, err_t *e)
{
    memset(r, 0, sizeof *r);
    rc_t rc;
    if ((rc = store_request_list(st, NULL, a, &r->req, &r->nreq, e)) != RC_OK ||
        (rc = store_offer_list(st, a, &r->off, &r->noff, e)) != RC_OK ||
        (rc = store_proposal_list(st, 0, a, &r->prop, &r->nprop, e)) != RC_OK ||
        (rc = store_event_list(st, 0, a, &r->ev, &r->nev, e)) != RC_OK)
        return rc;
    return store_org_list(st, a, &r->orgs, &r->norgs, e);
}

/* ---- codes to indices ---------------------------------------------------------- */

typedef struct {
    const review_data_t *d;
    const char *as_of;
} ctx_t;

static long theme_index(const review_data_t *d, const char *code)
{
    for (size_t t = 0; t < d->nthemes; t++)
        if (strcmp(d->themes[t].code, code) == 0)
            return (long)t;
    return -1;
}

/* Copies the next code of a comma-separated list into out (cut at n - 1
 * bytes) and advances *p; false at the end. */
static bool next_code(const char **p, char *out, size_t n)
{
    while (**p == ',')
        (*p)++;
    if (!**p)
        return false;
    size_t len = strcspn(*p, ",");
    size_t k = len < n - 1 ? len : n - 1;
    memcpy(out, *p, k);
    out[k] = '\0';
    *p += len;
    return true;
}

/* The themes a request or an offer concerns: those it lists and those of the
 * items it lists (the matcher's rule, docs/matching.md). */
static uint64_t theme_set(const ctx_t *c, const char *items, const char *themes)
{
    uint64_t bits = 0;
    char code[64];
    for (const char *p = themes ? themes : ""; next_code(&p, code, sizeof code);) {
        long t = theme_index(c->d, code);
        if (t >= 0)
            bits |= (uint64_t)1 << t;
    }
    for (const char *p = items ? items : ""; next_code(&p, code, sizeof code);) {
        long i = review_item_index(c->d, code);
        if (i >= 0)
            bits |= c->d->item_themes[i];
    }
    return bits;
}

/* ---- dating proposals as of D ---------------------------------------------------- */

/* What a proposal had reached on D: the date it was proposed and the date it
 * was matched (accepted by both), "" when not (yet) on D. */
typedef struct {
    char proposed[11], matched[11];
} prop_dates_t;

/* Keeps the earlier of two dates in to ("" is none). */
static void keep_earlier(char to[11], const char *date)
{
    if (date[0] && (!to[0] || strcmp(date, to) < 0))
        memcpy(to, date, 11);
}

static bool on_or_before(const char *date, const char *as_of)
{
    return date_valid(date) && strcmp(date, as_of) <= 0;
}

/* Dates one proposal from its history ev[0..n): the match is the later of the
 * two accept events, or the delivery if the history lacks them; a proposal
 * without any history (partial data) counts from its creation date. */
static void date_proposal(const assistance_proposal_t *p, const assistance_event_t *ev, size_t n,
                          const char *as_of, prop_dates_t *out)
{
    char prov[11] = "", state[11] = "", delivered[11] = "";
    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < n; i++) {
        if (!on_or_before(ev[i].date, as_of))
            continue;
        if (strcmp(ev[i].event, "proposed") == 0)
            keep_earlier(out->proposed, ev[i].date);
        else if (strcmp(ev[i].event, "provider-accepted") == 0)
            keep_earlier(prov, ev[i].date);
        else if (strcmp(ev[i].event, "state-accepted") == 0)
            keep_earlier(state, ev[i].date);
        else if (strcmp(ev[i].event, "delivered") == 0)
            keep_earlier(delivered, ev[i].date);
    }
    bool created = on_or_before(p->created, as_of);
    if (!out->proposed[0] && created && (n == 0 || prov[0] || state[0] || delivered[0]))
        memcpy(out->proposed, p->created, 11);
    if (prov[0] && state[0])
        memcpy(out->matched, strcmp(prov, state) > 0 ? prov : state, 11);
    else if (delivered[0])
        memcpy(out->matched, delivered, 11);
    else if (n == 0 && created &&
             (strcmp(p->status, "accepted") == 0 || strcmp(p->status, "delivered") == 0))
        memcpy(out->matched, p->created, 11);
}

static int cmp_req_id(const void *a, const void *b)
{
    long long x = (*(const assistance_request_t *const *)a)->id;
    long long y = (*(const assistance_request_t *const *)b)->id;
    return (x > y) - (x < y);
}

static int cmp_event(const void *a, const void *b)
{
    const assistance_event_t *x = *(const assistance_event_t *const *)a;
    const assistance_event_t *y = *(const assistance_event_t *const *)b;
    if (x->proposal_id != y->proposal_id)
        return x->proposal_id < y->proposal_id ? -1 : 1;
    return (x->seq > y->seq) - (x->seq < y->seq);
}

/* The events of proposal id, copied from ev (sorted by proposal) into out. */
static size_t events_of(const assistance_event_t *const *ev, size_t nev, long long id,
                        assistance_event_t *out)
{
    size_t lo = 0, hi = nev, n = 0;
    while (lo < hi) { /* the first event of a proposal id or later */
        size_t mid = (lo + hi) / 2;
        if (ev[mid]->proposal_id < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t k = lo; k < nev && ev[k]->proposal_id == id; k++)
        out[n++] = *ev[k];
    return n;
}

/* Per request (in the order of `sorted`, requests by id): the earliest
 * proposal and match dates on D over its proposals. Events are put in
 * proposal order here rather than trusted to come so. */
static void date_requests(const assist_records_t *in, const char *as_of,
                          const assistance_request_t *const *sorted, arena_t *a,
                          prop_dates_t *per_req)
{
    const assistance_event_t **ev = arena_alloc(a, (in->nev + 1) * sizeof *ev);
    assistance_event_t *mine = arena_alloc(a, (in->nev + 1) * sizeof *mine);
    for (size_t k = 0; k < in->nev; k++)
        ev[k] = &in->ev[k];
    qsort(ev, in->nev, sizeof *ev, cmp_event);
    for (size_t i = 0; i < in->nprop; i++) {
        const assistance_proposal_t *p = &in->prop[i];
        size_t n = events_of(ev, in->nev, p->id, mine);
        prop_dates_t pd;
        date_proposal(p, mine, n, as_of, &pd);
        assistance_request_t key = {.id = p->request_id};
        const assistance_request_t *kp = &key;
        const assistance_request_t *const *hit =
            bsearch(&kp, sorted, in->nreq, sizeof *sorted, cmp_req_id);
        if (!hit)
            continue;
        prop_dates_t *r = &per_req[hit - sorted];
        keep_earlier(r->proposed, pd.proposed);
        keep_earlier(r->matched, pd.matched);
    }
}

/* ---- requests: demand, unmet, delays -------------------------------------------- */

static long days_between(const char *from, const char *to)
{
    long n = date_days(to) - date_days(from);
    return n < 0 ? 0 : n; /* an answer dated before the request is bad data: no delay */
}

static int cmp_long(const void *a, const void *b)
{
    long x = *(const long *)a, y = *(const long *)b;
    return (x > y) - (x < y);
}

static void delay_stats(long *v, size_t n, assist_delay_t *out)
{
    out->n = n;
    out->median = out->mean = -1;
    if (n == 0)
        return;
    qsort(v, n, sizeof *v, cmp_long);
    double sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += (double)v[i];
    out->mean = sum / (double)n;
    out->median = n % 2 ? (double)v[n / 2] : ((double)v[n / 2 - 1] + (double)v[n / 2]) / 2.0;
}

static void count(assist_count_t *c, bool unmet)
{
    c->requests++;
    c->unmet += unmet;
}

/* Keeps the ASSIST_OLDEST oldest unmet requests, oldest first, ties by id. */
static void keep_oldest(assist_figures_t *f, const assist_unmet_t *u)
{
    size_t i = f->noldest;
    while (i > 0) {
        const assistance_request_t *o = f->oldest[i - 1].req;
        int r = strcmp(o->submitted, u->req->submitted);
        if (r < 0 || (r == 0 && o->id < u->req->id))
            break;
        i--;
    }
    if (i >= ASSIST_OLDEST)
        return;
    size_t last = f->noldest < ASSIST_OLDEST ? f->noldest : ASSIST_OLDEST - 1;
    memmove(&f->oldest[i + 1], &f->oldest[i], (last - i) * sizeof *f->oldest);
    f->oldest[i] = *u;
    if (f->noldest < ASSIST_OLDEST)
        f->noldest++;
}

/* One request counted on D: demand by theme, region and flag, and delays. */
static void count_request(const ctx_t *c, const assistance_request_t *q, const prop_dates_t *pd,
                          assist_figures_t *f, long *to_prop, long *to_match)
{
    const review_data_t *d = c->d;
    bool unmet = !pd->matched[0];
    f->requests++;
    f->unmet += unmet;
    uint64_t themes = theme_set(c, q->items, q->themes);
    for (size_t t = 0; t < d->nthemes; t++)
        if (themes >> t & 1) {
            f->by_theme[t].requests++;
            f->by_theme[t].unmet += unmet;
        }
    size_t k = review_state_index(d, q->state);
    if (k < d->nstates) {
        count(&f->by_region[d->state_region[k]], unmet);
        for (int g = 0; g < REVIEW_FLAGS; g++)
            if (review_state_flag(d, k, g, c->as_of))
                count(&f->by_flag[g], unmet);
        if (unmet)
            keep_oldest(f, &(assist_unmet_t){q, k, days_between(q->submitted, c->as_of)});
    }
    if (pd->proposed[0])
        to_prop[f->to_proposal.n++] = days_between(q->submitted, pd->proposed);
    if (pd->matched[0])
        to_match[f->to_match.n++] = days_between(q->submitted, pd->matched);
}

static void count_requests(const ctx_t *c, const assist_records_t *in, arena_t *a,
                           assist_figures_t *f)
{
    const assistance_request_t **sorted = arena_alloc(a, (in->nreq + 1) * sizeof *sorted);
    for (size_t i = 0; i < in->nreq; i++)
        sorted[i] = &in->req[i];
    qsort(sorted, in->nreq, sizeof *sorted, cmp_req_id);
    prop_dates_t *pd = arena_alloc(a, (in->nreq + 1) * sizeof *pd);
    date_requests(in, c->as_of, sorted, a, pd);
    long *to_prop = arena_alloc(a, (in->nreq + 1) * sizeof *to_prop);
    long *to_match = arena_alloc(a, (in->nreq + 1) * sizeof *to_match);
    for (size_t i = 0; i < in->nreq; i++) {
        const assistance_request_t *q = sorted[i];
        if (!on_or_before(q->submitted, c->as_of))
            continue;
        if (strcmp(q->status, "withdrawn") == 0) {
            f->withdrawn++;
            continue;
        }
        count_request(c, q, &pd[i], f, to_prop, to_match);
    }
    delay_stats(to_prop, f->to_proposal.n, &f->to_proposal);
    delay_stats(to_match, f->to_match.n, &f->to_match);
}

/* ---- offers: supply, and what fits each workshop --------------------------------- */

static bool date_or_empty(const char *s)
{
    return !s[0] || date_valid(s);
}

/* Open, and D within its period (an empty start or end is open-ended). */
static bool offer_available(const assistance_offer_t *o, const char *as_of)
{
    return strcmp(o->status, "open") == 0 && date_or_empty(o->start) && date_or_empty(o->end) &&
           (!o->start[0] || strcmp(o->start, as_of) <= 0) &&
           (!o->end[0] || strcmp(o->end, as_of) >= 0);
}

/* An offer serves a workshop when it serves every region, or reaches every
 * one of its states: names the state's M49 region, sub-region or
 * intermediate region. (A workshop drawn within a UN regional group can span
 * several regions, so each state is checked.) */
static bool offer_serves(const review_data_t *d, const assistance_offer_t *o,
                         const review_workshop_t *w)
{
    if (!o->regions[0])
        return true;
    for (size_t i = 0; i < w->nstates; i++) {
        const state_t *s = &d->states[w->states[i]];
        if (!assistance_list_has(o->regions, s->m49_region) &&
            !assistance_list_has(o->regions, s->m49_subregion) &&
            !(s->m49_intermediate[0] && assistance_list_has(o->regions, s->m49_intermediate)))
            return false;
    }
    return w->nstates > 0;
}

static char *const *provider_names(const review_data_t *d, const assist_records_t *in,
                                   const assistance_offer_t *o, arena_t *a)
{
    if (o->provider_state[0]) {
        size_t k = review_state_index(d, o->provider_state);
        if (k < d->nstates)
            return d->states[k].name;
    }
    for (size_t i = 0; i < in->norgs; i++)
        if (strcmp(in->orgs[i].code, o->provider_org) == 0)
            return in->orgs[i].name;
    char **names = arena_alloc(a, LANG_COUNT * sizeof *names); /* unknown: the code itself */
    for (int l = 0; l < LANG_COUNT; l++)
        names[l] = o->provider_state[0] ? (char *)o->provider_state : o->provider_org;
    return names;
}

/* The fit of offer o (theme set `themes`) with workshop w; false if none. */
static bool offer_fit(const ctx_t *c, const assistance_offer_t *o, uint64_t themes,
                      const review_workshop_t *w, arena_t *a, assist_fit_t *fit)
{
    memset(fit, 0, sizeof *fit);
    fit->offer = o;
    for (size_t t = 0; t < w->nthemes; t++)
        if (themes >> w->themes[t] & 1)
            fit->themes[fit->nthemes++] = w->themes[t];
    fit->gaps = arena_alloc(a, (w->ngaps + 1) * sizeof *fit->gaps);
    for (size_t g = 0; g < w->ngaps; g++)
        if (assistance_list_has(o->items, c->d->items[w->gaps[g]].id))
            fit->gaps[fit->ngaps++] = w->gaps[g];
    return (fit->nthemes || fit->ngaps) && offer_serves(c->d, o, w);
}

/* Most workshop themes covered first (they are its focus), then most shared
 * gaps listed, then offer id. */
static int cmp_fit(const void *pa, const void *pb)
{
    const assist_fit_t *a = pa, *b = pb;
    if (a->nthemes != b->nthemes)
        return a->nthemes > b->nthemes ? -1 : 1;
    if (a->ngaps != b->ngaps)
        return a->ngaps > b->ngaps ? -1 : 1;
    return (a->offer->id > b->offer->id) - (a->offer->id < b->offer->id);
}

static void workshop_offers(const ctx_t *c, const assist_records_t *in, const uint64_t *themes,
                            const review_workshop_t *w, arena_t *a, assist_workshop_offers_t *out)
{
    out->fits = arena_alloc(a, (in->noff + 1) * sizeof *out->fits);
    for (size_t j = 0; j < in->noff; j++) {
        const assistance_offer_t *o = &in->off[j];
        if (offer_available(o, c->as_of) && offer_fit(c, o, themes[j], w, a, &out->fits[out->n])) {
            out->fits[out->n].provider_name = provider_names(c->d, in, o, a);
            out->n++;
        }
    }
    qsort(out->fits, out->n, sizeof *out->fits, cmp_fit);
}

/* ---- the plan: offers assigned to the workshops' sessions ------------------------- */

typedef struct {
    size_t workshop, theme; /* workshop: its candidate; theme: SIZE_MAX for items without a theme */
    size_t *gaps;
    unsigned *missing;      /* per gap: the candidate's states that miss it */
    size_t ngaps;
} plan_session_t;

/* Each item's session theme: of its themes, the one fewest template items
 * carry (the most specific: "IAEA safeguards" rather than "legislation"),
 * ties to the first in vocabulary order; SIZE_MAX without a theme. Worked
 * out once for all items (per gap and theme it took a quarter of the
 * review's time). */
static size_t *session_themes(const review_data_t *d, arena_t *a)
{
    size_t *carriers = arena_alloc(a, (d->nthemes + 1) * sizeof *carriers);
    for (size_t t = 0; t < d->nthemes; t++)
        for (size_t i = 0; i < d->nitems; i++)
            carriers[t] += d->item_themes[i] >> t & 1;
    size_t *out = arena_alloc(a, (d->nitems + 1) * sizeof *out);
    for (size_t i = 0; i < d->nitems; i++) {
        size_t best = SIZE_MAX, best_n = SIZE_MAX;
        for (size_t t = 0; t < d->nthemes; t++)
            if ((d->item_themes[i] >> t & 1) && carriers[t] < best_n)
                best = t, best_n = carriers[t];
        out[i] = best;
    }
    return out;
}

/* The sessions of the nw workshops, by workshop then theme. */
static size_t make_sessions(const review_data_t *d, const review_workshop_t *w, size_t nw,
                            arena_t *a, plan_session_t **out)
{
    size_t total = 0, n = 0;
    for (size_t i = 0; i < nw; i++)
        total += w[i].ngaps;
    const size_t *theme_of = session_themes(d, a);
    plan_session_t *ss = arena_alloc(a, (total + 1) * sizeof *ss);
    for (size_t i = 0; i < nw; i++)
        for (size_t t = 0; t <= d->nthemes; t++) {
            size_t key = t < d->nthemes ? t : SIZE_MAX, k = 0;
            for (size_t g = 0; g < w[i].ngaps; g++)
                k += theme_of[w[i].gaps[g]] == key;
            if (!k)
                continue;
            plan_session_t *s = &ss[n++];
            *s = (plan_session_t){i, key, arena_alloc(a, k * sizeof *s->gaps),
                                  arena_alloc(a, k * sizeof *s->missing), 0};
            for (size_t g = 0; g < w[i].ngaps; g++)
                if (theme_of[w[i].gaps[g]] == key) {
                    s->missing[s->ngaps] = w[i].missing[g];
                    s->gaps[s->ngaps++] = w[i].gaps[g];
                }
        }
    *out = ss;
    return n;
}

/* What offer o (theme set `themes`), if it serves the workshop, covers in
 * session s: every gap if it covers the theme, else the gaps it lists; in
 * shared gaps, or with `pairs` in (state, shared gap) pairs. */
static int session_cover(const ctx_t *c, const assistance_offer_t *o, uint64_t themes,
                         const plan_session_t *s, bool serves, bool pairs)
{
    if (!serves)
        return 0;
    bool all = s->theme != SIZE_MAX && (themes >> s->theme & 1);
    int n = 0;
    for (size_t g = 0; g < s->ngaps; g++)
        if (all || assistance_list_has(o->items, c->d->items[s->gaps[g]].id))
            n += pairs ? (int)s->missing[g] : 1;
    return n;
}

/* Adds session s, taken by offer j, to workshop wo's assigned offers. */
static void assign_add(const ctx_t *c, const assist_records_t *in, size_t j, const plan_session_t *s,
                       arena_t *a, assist_workshop_offers_t *wo)
{
    const assistance_offer_t *o = &in->off[j];
    assist_assigned_t *as = NULL;
    for (size_t k = 0; k < wo->nassigned && !as; k++)
        if (wo->assigned[k].offer == o)
            as = &wo->assigned[k];
    if (!as) {
        as = &wo->assigned[wo->nassigned++];
        as->offer = o;
        as->provider_name = provider_names(c->d, in, o, a);
        as->themes = arena_alloc(a, (c->d->nthemes + 1) * sizeof *as->themes);
        as->gaps = arena_alloc(a, (c->d->nitems + 1) * sizeof *as->gaps);
    }
    as->themes[as->nthemes++] = s->theme;
    uint64_t themes = theme_set(c, o->items, o->themes);
    for (size_t g = 0; g < s->ngaps; g++)
        if ((s->theme != SIZE_MAX && (themes >> s->theme & 1)) ||
            assistance_list_has(o->items, c->d->items[s->gaps[g]].id))
            as->gaps[as->ngaps++] = s->gaps[g];
}

static int cmp_assigned(const void *pa, const void *pb)
{
    long long x = ((const assist_assigned_t *)pa)->offer->id,
              y = ((const assist_assigned_t *)pb)->offer->id;
    return (x > y) - (x < y);
}

/* Held workshops by frame code, then first state (alpha-3 order). */
static int cmp_held(const void *pa, const void *pb, void *arg)
{
    const review_workshop_t *w = arg, *x = &w[*(const size_t *)pa], *y = &w[*(const size_t *)pb];
    int r = strcmp(x->frame, y->frame);
    return r ? r : (x->states[0] > y->states[0]) - (x->states[0] < y->states[0]);
}

/* Copies the held candidates into *w in order; map[candidate] = its index there. */
static size_t held_workshops(const review_workshop_t *cand, size_t ncand, const bool *chosen,
                             arena_t *a, review_workshop_t **w, size_t *map)
{
    size_t *idx = arena_alloc(a, (ncand + 1) * sizeof *idx), n = 0;
    for (size_t i = 0; i < ncand; i++) {
        map[i] = SIZE_MAX;
        if (chosen[i])
            idx[n++] = i;
    }
    qsort_r(idx, n, sizeof *idx, cmp_held, (void *)cand);
    *w = arena_alloc(a, (n + 1) * sizeof **w);
    for (size_t k = 0; k < n; k++) {
        (*w)[k] = cand[idx[k]];
        map[idx[k]] = k;
    }
    return n;
}

/* The joint plan (workshop_plan.h): the sessions of every candidate, what
 * each available offer serving it would cover there in (state, shared gap)
 * pairs, the exact choice of workshops and offers together; then per held
 * workshop its offers and what is left, in shared gaps. */
static void plan_offers(const ctx_t *c, const assist_records_t *in, const uint64_t *themes,
                        const review_workshop_t *cand, const size_t *parent, size_t ncand,
                        arena_t *a, assist_figures_t *f, review_workshop_t **w, size_t *nw)
{
    plan_session_t *ss;
    size_t ns = make_sessions(c->d, cand, ncand, a, &ss), no = in->noff;
    int *weight = xcalloc(ns * no + 1, sizeof *weight), *cap = xcalloc(no + 1, sizeof *cap);
    int *offer_of = xcalloc(ns + 1, sizeof *offer_of);
    bool *serves = xcalloc(ncand * no + 1, sizeof *serves), *chosen = xcalloc(ncand + 1, 1);
    size_t *scand = xcalloc(ns + 1, sizeof *scand), *map = xcalloc(ncand + 1, sizeof *map);
    long long *value = xcalloc(ncand + 1, sizeof *value);
    for (size_t j = 0; j < no; j++)
        cap[j] = in->off[j].capacity > 0 ? in->off[j].capacity : 0;
    for (size_t i = 0; i < ncand; i++) {
        value[i] = cand[i].value;
        for (size_t j = 0; j < no; j++)
            serves[i * no + j] = offer_available(&in->off[j], c->as_of) &&
                                 offer_serves(c->d, &in->off[j], &cand[i]);
    }
    for (size_t k = 0; k < ns; k++) {
        scand[k] = ss[k].workshop;
        for (size_t j = 0; j < no; j++)
            weight[k * no + j] = session_cover(c, &in->off[j], themes[j], &ss[k],
                                               serves[ss[k].workshop * no + j], true);
    }
    workshop_joint_t jt = {ncand, parent, value, ns, scand, no, weight, cap, 0};
    f->plan_pairs = workshop_joint_solve(&jt, chosen, offer_of, &f->plan_proven, &f->plan_bound);
    f->plan_candidates = ncand;
    *nw = held_workshops(cand, ncand, chosen, a, w, map);
    f->workshops = arena_alloc(a, (*nw + 1) * sizeof *f->workshops);
    for (size_t i = 0; i < *nw; i++) {
        assist_workshop_offers_t *wo = &f->workshops[i];
        workshop_offers(c, in, themes, &(*w)[i], a, wo);
        wo->assigned = arena_alloc(a, (no + 1) * sizeof *wo->assigned);
        wo->uncovered = arena_alloc(a, (c->d->nthemes + 2) * sizeof *wo->uncovered);
        wo->shared = (*w)[i].ngaps;
        f->plan_shared += (*w)[i].ngaps;
    }
    for (size_t k = 0; k < ns; k++) {
        if (map[ss[k].workshop] == SIZE_MAX)
            continue;
        assist_workshop_offers_t *wo = &f->workshops[map[ss[k].workshop]];
        if (offer_of[k] >= 0) {
            size_t j = (size_t)offer_of[k];
            size_t gaps = (size_t)session_cover(c, &in->off[j], themes[j], &ss[k], true, false);
            assign_add(c, in, j, &ss[k], a, wo);
            wo->covered += gaps;
            f->plan_covered += gaps;
            continue;
        }
        bool could = false;
        for (size_t j = 0; j < no && !could; j++)
            could = weight[k * no + j] > 0 && cap[j] > 0;
        wo->uncovered[wo->nuncovered++] =
            (assist_uncovered_t){ss[k].theme, ss[k].gaps, ss[k].ngaps, could};
    }
    for (size_t i = 0; i < *nw; i++)
        qsort(f->workshops[i].assigned, f->workshops[i].nassigned,
              sizeof *f->workshops[i].assigned, cmp_assigned);
    free(weight), free(cap), free(offer_of), free(serves), free(chosen), free(scand), free(map);
    free(value);
}

static void count_offers(const ctx_t *c, const assist_records_t *in, const review_workshop_t *cand,
                         const size_t *parent, size_t ncand, arena_t *a, assist_figures_t *f,
                         review_workshop_t **w, size_t *nw)
{
    uint64_t *themes = arena_alloc(a, (in->noff + 1) * sizeof *themes);
    for (size_t j = 0; j < in->noff; j++) {
        const assistance_offer_t *o = &in->off[j];
        themes[j] = theme_set(c, o->items, o->themes);
        if (!offer_available(o, c->as_of))
            continue;
        unsigned cap = o->capacity > 0 ? (unsigned)o->capacity : 0;
        f->offers++;
        f->capacity += cap;
        for (size_t t = 0; t < c->d->nthemes; t++)
            if (themes[j] >> t & 1) {
                f->by_theme[t].offers++;
                f->by_theme[t].capacity += cap;
            }
    }
    plan_offers(c, in, themes, cand, parent, ncand, a, f, w, nw);
}

void assist_figures_compute(const review_data_t *d, const assist_records_t *in, const char *as_of,
                            const review_workshop_t *cand, const size_t *parent, size_t ncand,
                            arena_t *a, assist_figures_t *out, review_workshop_t **w, size_t *nw)
{
    memset(out, 0, sizeof *out);
    ctx_t c = {d, as_of};
    out->by_theme = arena_alloc(a, (d->nthemes + 1) * sizeof *out->by_theme);
    out->by_region = arena_alloc(a, (d->nregions + 1) * sizeof *out->by_region);
    count_requests(&c, in, a, out);
    count_offers(&c, in, cand, parent, ncand, a, out, w, nw);
}
