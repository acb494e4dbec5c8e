/*
 * Assistance figures of the review: demand against supply by theme, unmet
 * requests (overall, by region, in LDC / LLDC / SIDS), the oldest unmet
 * requests, the time from a request to its first proposal and to a match,
 * and for each proposed regional workshop the offers that cover its themes.
 *
 * Everything is as of the review date D, from the records' own dates, so
 * that a review of an earlier date shows what was known then (docs/review.md
 * gives the formulas):
 *   - a request counts from its `submitted` date; a withdrawn request never
 *     counts (its withdrawal carries no date, so it cannot be placed in time);
 *   - an offer is *available* on D when it is open and D falls in its period
 *     (start and end, either open-ended); a closed offer never counts (its
 *     closing carries no date either);
 *   - a request is *met* on D when one of its proposals was accepted by both
 *     the provider and the state (or delivered) on or before D, by the dates
 *     of the proposal's history; otherwise it is *unmet*.
 * "Supply" for a theme is the number of offers available on D that cover the
 * theme and the sum of their capacities (how many requests they can take in
 * all, whatever their proposals already hold); an offer that covers several
 * themes counts under each. Records whose dates are not real dates are left
 * out. These are counts of requests and offers, not a measure of any state.
 */
#ifndef R1540_REVIEW_ASSIST_FIGURES_H
#define R1540_REVIEW_ASSIST_FIGURES_H

#include "cluster.h"
#include "metrics.h"

#define ASSIST_OLDEST 5 /* how many of the oldest unmet requests are listed */

/* Everything the figures read, loaded once from the store. */
typedef struct {
    assistance_request_t *req; /* by id */
    size_t nreq;
    assistance_offer_t *off; /* by id */
    size_t noff;
    assistance_proposal_t *prop; /* by id */
    size_t nprop;
    assistance_event_t *ev; /* by proposal, seq */
    size_t nev;
    organization_t *orgs; /* by code */
    size_t norgs;
} assist_records_t; /* arena-owned */

typedef struct {
    unsigned requests, unmet;  /* demand: requests counted on D, of which unmet */
    unsigned offers, capacity; /* supply: offers available on D, their capacity */
} assist_theme_t;

typedef struct {
    unsigned requests, unmet;
} assist_count_t;

/* Days from a request's submission to an event; only requests that reached
 * the event on or before D count (the others are among the unmet). */
typedef struct {
    size_t n;            /* requests counted */
    double median, mean; /* days; -1 when n is 0 */
} assist_delay_t;

typedef struct {
    const assistance_request_t *req;
    size_t state; /* index into review_data_t.states */
    long days;    /* waiting on D */
} assist_unmet_t;

/* An available offer that fits a proposed workshop. */
typedef struct {
    const assistance_offer_t *offer;
    char *const *provider_name;     /* the provider's names per language (state or organization) */
    size_t themes[WORKSHOP_THEMES]; /* the workshop's themes it covers, in the workshop's order */
    size_t nthemes;
    size_t *gaps; /* the workshop's shared gaps (item indices) the offer lists */
    size_t ngaps;
} assist_fit_t;

/* An offer the workshop plan assigns to a workshop (workshop_plan.h): the
 * sessions it holds there, by theme, and the shared gaps they cover. */
typedef struct {
    const assistance_offer_t *offer;
    char *const *provider_name;
    size_t *themes; /* session themes (theme indices; SIZE_MAX: items without a theme) */
    size_t nthemes;
    size_t *gaps;   /* shared gaps covered (item indices) */
    size_t ngaps;
} assist_assigned_t;

/* A session of a workshop that no offer takes. */
typedef struct {
    size_t theme;  /* theme index; SIZE_MAX: items without a theme */
    size_t *gaps;  /* its shared gaps (item indices) */
    size_t ngaps;
    bool could;    /* an available offer serving the workshop covers it, but its
                      capacity covers more shared gaps elsewhere */
} assist_uncovered_t;

typedef struct {
    assist_fit_t *fits; /* most themes, then most gaps covered first, then by offer id */
    size_t n;
    assist_assigned_t *assigned; /* the plan: by offer id */
    size_t nassigned;
    assist_uncovered_t *uncovered; /* sessions left uncovered, by theme */
    size_t nuncovered;
    size_t covered, shared; /* shared gaps covered by the plan, of all */
} assist_workshop_offers_t;

typedef struct {
    unsigned requests, unmet, withdrawn; /* withdrawn: submitted on or before D, left out */
    unsigned offers, capacity;           /* available on D */
    assist_theme_t *by_theme;            /* nthemes */
    assist_count_t *by_region;           /* nregions */
    assist_count_t by_flag[REVIEW_FLAGS];
    assist_unmet_t oldest[ASSIST_OLDEST]; /* oldest unmet first (ties: lower id) */
    size_t noldest;
    assist_delay_t to_proposal, to_match;
    assist_workshop_offers_t *workshops; /* parallel to the workshops given */
    size_t plan_covered, plan_shared;    /* shared gaps the plan covers, of all workshops' */
    long long plan_pairs;                /* (state, shared gap) pairs covered: the objective */
    long long plan_bound;                /* the search's upper bound on it */
    bool plan_proven;                    /* the plan is proven optimal (plan_pairs == bound) */
    size_t plan_candidates;              /* candidate workshops considered */
} assist_figures_t;

/* Loads requests, offers, proposals, their history and the organizations. */
rc_t assist_records_load(store_t *st, arena_t *a, assist_records_t *r, err_t *e);

/*
 * Computes the figures as of `as_of` (a valid date) from the records, with the
 * review data's themes, items, states and regions; and chooses, among the
 * ncand candidate workshops (cluster.h, with their parent candidates), which
 * to hold together with the offers that take their sessions: the joint plan
 * of workshop_plan.h. The workshops held are written to *w, *nw (by frame
 * code, then first state), out->workshops parallel to them. Never fails:
 * codes the data does not know are ignored.
 */
void assist_figures_compute(const review_data_t *d, const assist_records_t *in, const char *as_of,
                            const review_workshop_t *cand, const size_t *parent, size_t ncand,
                            arena_t *a, assist_figures_t *out, review_workshop_t **w, size_t *nw);

/* 100 * unmet / requests, -1 when there are no requests. */
double assist_unmet_pct(const assist_theme_t *t);

#endif
