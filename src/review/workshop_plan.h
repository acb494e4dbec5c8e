/*
 * Choosing the groups of states for regional workshops. Within one frame (an
 * M49 sub-region or region), the states are merged by similarity of their gap
 * sets into a full tree (average linkage on Jaccard distance, as cluster.h);
 * every node of the tree whose size is within the bounds is a candidate
 * workshop, and its value is the number of (state, shared gap) pairs it
 * addresses. The plan is the set of pairwise disjoint candidates with the
 * largest total value, found exactly by dynamic programming over the tree:
 * best(node) = max(value(node) if the node is a candidate, best(left) +
 * best(right)). docs/review.md gives the formulation.
 */
#ifndef R1540_REVIEW_WORKSHOP_PLAN_H
#define R1540_REVIEW_WORKSHOP_PLAN_H

#include <stddef.h>
#include <stdint.h>

#include "../util/mem.h"

#define WORKSHOP_MIN_SIZE 5     /* default smallest workshop */
#define WORKSHOP_MAX_SIZE 20    /* default largest workshop */
#define WORKSHOP_SIZE_LIMIT 200 /* no bound above this */

/* A merge tree over n leaves 0..n-1; nodes n..2n-2 are merges, the last the root. */
typedef struct {
    size_t n;      /* leaves */
    size_t nodes;  /* 2n - 1 (0 when n is 0) */
    size_t *left;  /* per node: first child (merges only) */
    size_t *right; /* per node: second child */
    size_t *size;  /* per node: leaves under it */
} workshop_tree_t; /* arena-owned */

/* Builds the tree of n sets (set i is `words` 64-bit words at sets + i *
 * words), merging the closest pair first; ties go to the pair of lowest
 * positions, so the tree depends only on the order of the sets. */
void workshop_tree_build(const uint64_t *sets, size_t n, size_t words, arena_t *a,
                         workshop_tree_t *t);

/* Writes the leaves under node into out (ascending); returns how many. */
size_t workshop_tree_leaves(const workshop_tree_t *t, size_t node, size_t *out);

/* The disjoint candidate nodes (size within [min, max]) with the largest sum
 * of value[node] (value 0 or more), written into chosen (at most n entries)
 * in ascending order of their smallest leaf; returns how many, and the sum in
 * *total. Ties prefer the node over its descendants (fewer, larger workshops). */
size_t workshop_select(const workshop_tree_t *t, const long long *value, size_t min, size_t max,
                       size_t *chosen, long long *total);

/*
 * Offers for the chosen workshops. A workshop's shared gaps are split into
 * sessions, one per theme (an item's first theme in the vocabulary's order;
 * items without a theme form one session of their own). An offer covers, in
 * a session, all its gaps if it covers the session's theme, else the gaps it
 * lists by item. Each session takes at most one offer; each offer at most its
 * capacity in sessions. This returns the assignment with the most shared gaps
 * covered, exactly (it is an assignment problem: src/match/solver.h):
 * cover[s * noff + o] is what offer o would cover in session s (0: it cannot
 * take it), cap[o] its capacity; offer_of[s] receives the offer or -1.
 */
long long workshop_assign(const int *cover, size_t nsessions, const int *cap, size_t noff,
                          int *offer_of);

#endif
