/*
 * Why each open request got the proposal it got, or none. The optimum is
 * global: a request may get a lower-scoring offer, or nothing, because the
 * offer it fits best is worth more to other requests in total. Saying only
 * "the total is the largest possible" does not let a reviewer defend that, so
 * for every request that is not given its best-scoring offer with room we
 * name the pairs that hold that offer in the optimum and how much the total
 * would drop if the request took it anyway - the optimum with that pair
 * forced, solved exactly like the optimum itself. Requests without a fitting
 * offer say whether none fits, the fitting ones were declined before, or the
 * fitting ones are full from earlier proposals.
 */
#ifndef R1540_MATCH_EXPLAIN_H
#define R1540_MATCH_EXPLAIN_H

#include <stdbool.h>
#include <stddef.h>

#include "context.h"
#include "instance.h"
#include "solver.h"

/* What the solver matches as one: a request, or in batch mode a group of requests. */
typedef struct {
    size_t *members; /* request indices into the context */
    size_t n;
} match_unit_t;

typedef enum {
    MATCH_WHY_PROPOSED, /* it has a proposal */
    MATCH_WHY_NO_FIT,   /* no open offer fits it */
    MATCH_WHY_DECLINED, /* the open offers that fit it were declined before */
    MATCH_WHY_FULL,     /* the offers that fit it have no room left (earlier proposals) */
    MATCH_WHY_BATCH,    /* offers fit some requests of its batch, none fits all of them */
    MATCH_WHY_OUTBID,   /* offers with room fit it, their capacity goes to pairs worth more */
    MATCH_WHY_LEFT_OUT, /* proposed, but the reviewer recorded other proposals only */
} match_why_kind_t;

typedef struct {
    size_t req; /* a request holding the offer in the optimum (context index) */
    int score;  /* that request's score with the offer */
} match_holder_t;

typedef struct {
    size_t offer; /* context index */
    int score;    /* the request's score with it (what the pair would have had) */
} match_offer_score_t;

typedef struct {
    size_t req; /* context index */
    match_why_kind_t kind;
    size_t offer;                  /* the proposed offer (context index); SIZE_MAX without one */
    match_offer_score_t *declined; /* open offers that would fit but were declined before */
    size_t ndeclined;
    match_offer_score_t *full; /* open offers that fit but earlier proposals fill, best first */
    size_t nfull;
    /* The best-scoring offer with room that the request's unit fits but did
     * not get, when it scores more than what the unit got (or the unit got
     * nothing): */
    bool has_alt;
    size_t alt_offer;        /* context index */
    int alt_score;           /* the unit's score with it */
    long long alt_total;     /* the best total with the unit on alt_offer */
    long long alt_loss;      /* the optimum minus alt_total, 0 or more */
    match_holder_t *holders; /* who holds alt_offer's capacity in the optimum */
    size_t nholders;
} match_why_t;

/* The largest total of an assignment of `in` in which request in->req[k]
 * takes the offer of pair k. The pair's score must be above 0 and its offer's
 * capacity at least 1 (every candidate pair the matching builds is). */
long long match_forced_total(const match_instance_t *in, size_t k);

/* One match_why_t per member of every unit (units in order, members in order)
 * into *out (arena-owned); returns how many. `remaining` is each offer's room
 * before the run; `in` and `sol` the instance over the units and its optimum
 * (instance offers are context offers). */
size_t match_explain_units(const match_context_t *c, const int *remaining,
                           const match_unit_t *units, size_t nunits, const match_instance_t *in,
                           const match_assignment_t *sol, arena_t *a, match_why_t **out);

/* The reason as one English line (no newline) for the CLI and the JSON
 * output: why request w->req has no proposal, or why not a better offer. */
void match_why_text(const match_context_t *c, const match_why_t *w, buf_t *b);
/* The kind's key in JSON: "proposed", "no-fit", "declined", "full", "batch",
 * "outbid", "left-out". */
const char *match_why_key(match_why_kind_t k);

#endif
