/*
 * The workshop groups' tree and the exact choice of disjoint groups on it
 * (workshop_plan.h). A frame holds a few dozen states at most, so the O(n^3)
 * merging is simple and cheap; the choice is linear in the nodes.
 */
#include "workshop_plan.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "../match/solver.h"
#include "cluster.h"

/* Merges the closest pair of live nodes until one is left (Lance-Williams
 * update for average linkage). live[p] is the node at position p. */
void workshop_tree_build(const uint64_t *sets, size_t n, size_t words, arena_t *a,
                         workshop_tree_t *t)
{
    memset(t, 0, sizeof *t);
    t->n = n;
    t->nodes = n ? 2 * n - 1 : 0;
    t->left = arena_alloc(a, (t->nodes + 1) * sizeof *t->left);
    t->right = arena_alloc(a, (t->nodes + 1) * sizeof *t->right);
    t->size = arena_alloc(a, (t->nodes + 1) * sizeof *t->size);
    if (n == 0)
        return;
    double *dist = xmalloc(n * n * sizeof *dist);
    size_t *live = xmalloc(n * sizeof *live);
    for (size_t i = 0; i < n; i++) {
        live[i] = i;
        t->size[i] = 1;
        for (size_t j = 0; j < n; j++)
            dist[i * n + j] = cluster_jaccard(sets + i * words, sets + j * words, words);
    }
    for (size_t next = n; next < t->nodes; next++) {
        size_t bi = n, bj = n;
        double best = INFINITY;
        for (size_t i = 0; i < n; i++)
            for (size_t j = i + 1; j < n && live[i] != SIZE_MAX; j++)
                if (live[j] != SIZE_MAX && dist[i * n + j] < best) {
                    best = dist[i * n + j];
                    bi = i;
                    bj = j;
                }
        double si = (double)t->size[live[bi]], sj = (double)t->size[live[bj]];
        for (size_t m = 0; m < n; m++)
            if (live[m] != SIZE_MAX && m != bi && m != bj)
                dist[bi * n + m] = dist[m * n + bi] =
                    (si * dist[bi * n + m] + sj * dist[bj * n + m]) / (si + sj);
        t->left[next] = live[bi];
        t->right[next] = live[bj];
        t->size[next] = t->size[live[bi]] + t->size[live[bj]];
        live[bi] = next;
        live[bj] = SIZE_MAX;
    }
    free(dist);
    free(live);
}

size_t workshop_tree_leaves(const workshop_tree_t *t, size_t node, size_t *out)
{
    if (node < t->n) {
        out[0] = node;
        return 1;
    }
    size_t k = workshop_tree_leaves(t, t->left[node], out);
    k += workshop_tree_leaves(t, t->right[node], out + k);
    /* insertion sort: a frame's workshop has at most a few dozen states */
    for (size_t i = 1; i < k; i++)
        for (size_t j = i; j > 0 && out[j - 1] > out[j]; j--) {
            size_t x = out[j];
            out[j] = out[j - 1];
            out[j - 1] = x;
        }
    return k;
}

/* Children are made before their parent, so one pass in node order is a
 * bottom-up pass. take[node]: the node itself is chosen in its best. */
static void best_of(const workshop_tree_t *t, const long long *value, size_t min, size_t max,
                    long long *best, bool *take)
{
    for (size_t v = 0; v < t->nodes; v++) {
        bool candidate = t->size[v] >= min && t->size[v] <= max;
        long long split = v < t->n ? 0 : best[t->left[v]] + best[t->right[v]];
        take[v] = candidate && value[v] >= split;
        best[v] = take[v] ? value[v] : split;
    }
}

/* Collects the chosen nodes under v. */
static void collect(const workshop_tree_t *t, const bool *take, size_t v, size_t *chosen, size_t *n)
{
    if (take[v]) {
        chosen[(*n)++] = v;
        return;
    }
    if (v >= t->n) {
        collect(t, take, t->left[v], chosen, n);
        collect(t, take, t->right[v], chosen, n);
    }
}

/* The smallest leaf under a node. */
static size_t first_leaf(const workshop_tree_t *t, size_t v)
{
    size_t *buf = xmalloc((t->size[v] + 1) * sizeof *buf);
    workshop_tree_leaves(t, v, buf);
    size_t lo = buf[0];
    free(buf);
    return lo;
}

size_t workshop_select(const workshop_tree_t *t, const long long *value, size_t min, size_t max,
                       size_t *chosen, long long *total)
{
    *total = 0;
    if (t->nodes == 0)
        return 0;
    long long *best = xmalloc(t->nodes * sizeof *best);
    bool *take = xmalloc(t->nodes * sizeof *take);
    best_of(t, value, min, max, best, take);
    size_t n = 0, root = t->nodes - 1;
    collect(t, take, root, chosen, &n);
    *total = best[root];
    /* order by smallest leaf (selection sort: n is small) */
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++)
            if (first_leaf(t, chosen[j]) < first_leaf(t, chosen[i])) {
                size_t x = chosen[i];
                chosen[i] = chosen[j];
                chosen[j] = x;
            }
    free(best);
    free(take);
    return n;
}

long long workshop_assign(const int *cover, size_t nsessions, const int *cap, size_t noff,
                          int *offer_of)
{
    size_t npairs = 0;
    for (size_t k = 0; k < nsessions * noff; k++)
        npairs += cover[k] > 0;
    match_instance_t in;
    match_instance_init(&in, (int)nsessions, (int)noff, npairs);
    for (size_t o = 0; o < noff; o++)
        in.cap[o] = cap[o] > 0 ? cap[o] : 0;
    size_t n = 0;
    for (size_t sn = 0; sn < nsessions; sn++)
        for (size_t o = 0; o < noff; o++)
            if (cover[sn * noff + o] > 0) {
                in.req[n] = (int)sn;
                in.off[n] = (int)o;
                in.score[n++] = cover[sn * noff + o];
            }
    match_assignment_t sol;
    match_solve(&in, MATCH_METHOD_AUTO, &sol);
    for (size_t sn = 0; sn < nsessions; sn++)
        offer_of[sn] = sol.offer_of[sn];
    long long total = sol.total;
    match_assignment_free(&sol);
    match_instance_free(&in);
    return total;
}
