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

#include "context.h"
#include "explain.h"

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
    const match_why_t *why; /* why this offer and not a better-scoring one */
} match_proposal_t;

typedef struct {
    match_proposal_t *p; /* the proposals (with a selection: the selected ones) */
    size_t n;
    long long total;                       /* the optimal total score */
    long long picked_total;                /* the total of the proposals in p */
    size_t requests, offers, pairs, units; /* considered */
    match_why_t *why; /* per considered request, in request order: why its proposal or none */
    size_t nwhy;
} match_result_t;

/* The store's row for proposal p, status "proposed", created on today
 * (YYYY-MM-DD); its id is p->id (0 until recorded). Strings point into p. */
assistance_proposal_t match_proposal_row(const match_context_t *c, const match_proposal_t *p,
                                         const char *today);

/* A proposal the reviewer picked to record: the request, and the offer the
 * reviewer saw proposed for it (0: whatever the optimum gives it). */
typedef struct {
    long long request, offer;
} match_pick_t;

/* Parses a selection "REQ[:OFFER],..." (ids); RC_INPUT with the item at fault
 * for anything else, an empty list, or a request named twice. At most
 * MATCH_PICKS_MAX items. */
#define MATCH_PICKS_MAX 10000
rc_t match_picks_parse(const char *text, arena_t *a, match_pick_t **out, size_t *n, err_t *e);

typedef struct {
    const char *region; /* NULL: every open request, one by one; else batch mode */
    bool dry_run;
    const char *today;         /* YYYY-MM-DD, the proposals' date */
    const match_pick_t *picks; /* NULL: record every proposal; else only these */
    size_t npicks;
} match_run_opts_t;

/* Runs the matching on a loaded context and records the proposals (unless a
 * dry run) inside the caller's transaction, which should also cover loading
 * the context so that no other writer changes what the optimum was computed
 * on. RC_NOTFOUND for an unknown region. With picks, only the picked
 * proposals of the optimum are kept (and recorded); RC_INPUT, recording
 * nothing, when a pick is not a proposal of the optimum computed now (the
 * data changed since the reviewer looked) or splits a regional batch. */
rc_t match_run(store_t *st, match_context_t *c, const match_run_opts_t *o, arena_t *a,
               match_result_t *out, err_t *e);

#endif
