/*
 * Proposing matches from the store: loads the open requests and offers, scores
 * every pair (score.h), leaves out declined pairs and full offers, solves the
 * assignment exactly (solver.h), and records the result as proposals, each
 * with its explanation (nothing with a dry run).
 * Overlaps - other providers whose offers fit the same request - are reported
 * with every proposal so that duplication among organizations is visible.
 */
#ifndef R1540_MATCH_PROPOSE_H
#define R1540_MATCH_PROPOSE_H

#include <stdbool.h>

#include "../store/store.h"
#include "score.h"

/* Everything the score needs, loaded once. */
typedef struct {
    match_weights_t w;
    assistance_request_t *req;
    size_t nreq;
    assistance_offer_t *off;
    size_t noff;
    assistance_proposal_t *prop;
    size_t nprop;
    state_t *states; /* by alpha-3 */
    size_t nstates;
    assistance_need_t *need; /* by alpha-3, parallel to states */
    template_item_t *tmpl;   /* current template, by id */
    size_t ntmpl;
    match_request_t *mreq; /* views, parallel to req */
    match_offer_t *moff;   /* parallel to off */
    unsigned char *declined; /* nreq * noff: 1 where the pair was declined once */
} match_context_t;         /* arena-owned */

/* Loads the context; weights from data_dir/match/weights.conf. */
rc_t match_context_load(store_t *st, const char *data_dir, arena_t *a, match_context_t *c,
                        err_t *e);
/* The same for scores the public sees (a request's or an offer's page): a
 * state's coverage is that of its latest *published* matrix, since an
 * approved version is not public until it is published. */
rc_t match_context_load_public(store_t *st, const char *data_dir, arena_t *a, match_context_t *c,
                               err_t *e);
/* The score of offer index oi for request index ri; 0 for a pair declined once
 * (it is never proposed again, so it fits no more). */
int match_context_score(const match_context_t *c, size_t ri, size_t oi, match_explain_t *ex);
/* The provider of an offer: its state code or organization code. */
const char *match_provider(const assistance_offer_t *o);

typedef struct {
    size_t offer; /* index into the context's offers */
    int score;
} match_overlap_t;

/* The open offers that fit request index ri (score above 0), in the context's
 * order (by id), into *out (arena-owned, never NULL); returns how many. The
 * request page, `assistance request show` and the proposals' overlaps all
 * start from this list. */
size_t match_fitting_offers(const match_context_t *c, size_t ri, arena_t *a, match_overlap_t **out);
/* How many distinct providers the n offers of fits come from. */
size_t match_fitting_providers(const match_context_t *c, const match_overlap_t *fits, size_t n);

typedef struct {
    size_t req, off; /* indices into the context */
    long long id;    /* the recorded proposal, 0 in a dry run */
    int score;
    char *batch; /* "" or the batch key */
    char *explanation;
    match_explain_t ex;
    match_overlap_t *overlaps; /* other providers' fitting offers, best first */
    size_t noverlaps;
} match_proposal_t;

typedef struct {
    match_proposal_t *p;
    size_t n;
    long long total;                       /* the optimal total score */
    size_t requests, offers, pairs, units; /* considered */
} match_result_t;

/* The store's row for proposal p, status "proposed", created on today
 * (YYYY-MM-DD); its id is p->id (0 until recorded). Strings point into p. */
assistance_proposal_t match_proposal_row(const match_context_t *c, const match_proposal_t *p,
                                         const char *today);

typedef struct {
    const char *region; /* NULL: every open request, one by one; else batch mode */
    bool dry_run;
    const char *today; /* YYYY-MM-DD, the proposals' date */
} match_run_opts_t;

/* Runs the matching on a loaded context and records the proposals (unless a
 * dry run) inside the caller's transaction, which should also cover loading
 * the context so that no other writer changes what the optimum was computed
 * on. RC_NOTFOUND for an unknown region. */
rc_t match_run(store_t *st, match_context_t *c, const match_run_opts_t *o, arena_t *a,
               match_result_t *out, err_t *e);

#endif
