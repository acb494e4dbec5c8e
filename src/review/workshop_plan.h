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

#include <stdbool.h>
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

/*
 * The joint plan: which candidate workshops to hold AND which offer takes
 * which of their sessions, chosen together so that the (state, shared gap)
 * pairs covered by an assigned offer are the most possible, over all frames
 * at once (each offer's capacity is shared by every workshop); among plans
 * covering as many, the one whose workshops address the most pairs (value).
 *
 * The candidates form a laminar family (nodes of the frames' trees): two
 * candidates overlap only when one contains the other, which `parent` says
 * (the smallest candidate containing it, or SIZE_MAX). A session belongs to
 * one candidate; weight[s * noff + o] is what offer o would cover in session
 * s, in (state, shared gap) pairs (0: it cannot take it).
 *
 * Exact by branch and bound (workshop_plan.c): J(S), the best assignment for
 * a set S of candidates (workshop_assign), never decreases when S grows, and
 * J(S + R) <= J(S) + sum of c(g) over g in R, c(g) being a candidate's best
 * assignment on its own with every capacity free (both with the value added
 * lexicographically: J * WORKSHOP_JOINT_SCALE + value). The bound is therefore
 * J(IN) + the best disjoint choice of the undecided candidates by c (a
 * dynamic programme over the laminar forest); a subtree ends when its bound
 * is reached by a plan or cannot beat the best plan found. Ties keep the plan
 * found first; the search order is fixed, so the output is deterministic. At
 * most `node_limit` search nodes (0: WORKSHOP_JOINT_NODES): past it, the best
 * plan found is returned and *proven is false (unless it meets the bound).
 */
#define WORKSHOP_JOINT_NODES 64 /* search nodes before giving the best plan found */
#define WORKSHOP_JOINT_ROUNDS 200 /* subgradient rounds of the Lagrangian bound */
#define WORKSHOP_JOINT_SCALE (1LL << 24) /* above any sum of values (193 states x items) */

typedef struct {
    size_t ncand;
    const size_t *parent;       /* per candidate: smallest containing candidate, or SIZE_MAX */
    const long long *value;     /* per candidate: (state, shared gap) pairs it addresses */
    size_t nsessions;
    const size_t *session_cand; /* per session: its candidate */
    size_t noff;
    const int *weight;          /* nsessions x noff */
    const int *cap;             /* per offer */
    size_t node_limit;
} workshop_joint_t;

/* Writes chosen[c] (the candidate is held) and offer_of[s] (-1: none; always
 * -1 for sessions of candidates not held); returns the covered pairs. Also
 * gives the search's upper bound in *bound (equal to the result when proven). */
long long workshop_joint_solve(const workshop_joint_t *in, bool *chosen, int *offer_of,
                               bool *proven, long long *bound);

#endif
