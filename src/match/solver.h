/*
 * The exact assignment solver. Given an instance (requests, offers with
 * capacities, scored candidate pairs), finds an assignment - each request to
 * at most one of its candidate offers, each offer to at most its capacity -
 * whose total score is the largest possible. docs/matching.md explains the
 * method; in short:
 *
 *   - complete, not too rectangular instances with capacities 0 or 1 (the dense
 *     benchmark) go to a dense Jonker-Volgenant solver on the padded square
 *     cost matrix max - score;
 *   - everything else goes to successive shortest augmenting paths (Dijkstra
 *     with potentials) over the candidate pairs only, one request at a time,
 *     with capacities handled in place and "unassigned" as a private option
 *     of every request. Memory is linear in the number of pairs.
 *
 * Pairs of score 0 are never part of the answer: they add nothing, and a
 * proposal that adds nothing is noise. Results are deterministic: the same
 * instance always gives the same assignment.
 */
#ifndef R1540_MATCH_SOLVER_H
#define R1540_MATCH_SOLVER_H

#include <stdbool.h>

#include "instance.h"

typedef enum {
    MATCH_METHOD_AUTO,   /* dense when it fits, else sparse */
    MATCH_METHOD_DENSE,  /* force dense (falls back to sparse if it does not apply) */
    MATCH_METHOD_SPARSE, /* force sparse */
} match_method_t;

typedef struct {
    long long total; /* the optimal total score */
    int *offer_of;   /* owned: per request, its offer or -1 */
    int *pair_of;    /* owned: per request, the index of its pair or -1 */
    int assigned;    /* requests with an offer */
    bool dense;      /* which method ran */
} match_assignment_t;

/* Solves a valid instance (one match_instance_parse accepted, or one the
 * matching builds). Always succeeds; the assignment is owned by the caller
 * (match_assignment_free). */
void match_solve(const match_instance_t *in, match_method_t method, match_assignment_t *out);
void match_assignment_free(match_assignment_t *a);

#endif
