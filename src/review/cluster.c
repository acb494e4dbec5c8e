/*
 * Agglomerative clustering on Jaccard distance, average linkage, with the
 * Lance-Williams update: when groups i and j merge, the new group's distance
 * to m is (ni * d(i,m) + nj * d(j,m)) / (ni + nj). O(n^3) in the number of
 * states, which is a few hundred at most: simple beats clever here.
 */
#include "cluster.h"

#include "gaps.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

double cluster_jaccard(const uint64_t *a, const uint64_t *b, size_t words)
{
    unsigned both = 0, any = 0;
    for (size_t w = 0; w < words; w++) {
        both += (unsigned)__builtin_popcountll(a[w] & b[w]);
        any += (unsigned)__builtin_popcountll(a[w] | b[w]);
    }
    return any ? 1.0 - (double)both / (double)any : 0.0;
}

size_t cluster_default_k(size_t n)
{
    size_t k = (size_t)lround(sqrt((double)n / 2.0));
    return k < 2 ? 2 : k > 12 ? 12 : k;
}

static int cmp_by_key(const void *a, const void *b, void *keys)
{
    const char *const *k = keys;
    return strcmp(k[*(const size_t *)a], k[*(const size_t *)b]);
}

/* Merges the closest pair until k groups remain; root[p] = the position that
 * names p's group (its smallest position, as i < j and i survives). */
static void merge_closest(double *dist, size_t n, size_t k, size_t *size, size_t *root)
{
    for (size_t left = n; left > k; left--) {
        size_t bi = 0, bj = 0;
        double best = INFINITY;
        for (size_t i = 0; i < n; i++) {
            if (!size[i])
                continue;
            for (size_t j = i + 1; j < n; j++)
                if (size[j] && dist[i * n + j] < best) {
                    best = dist[i * n + j];
                    bi = i;
                    bj = j;
                }
        }
        for (size_t m = 0; m < n; m++) {
            if (!size[m] || m == bi || m == bj)
                continue;
            double v = ((double)size[bi] * dist[bi * n + m] + (double)size[bj] * dist[bj * n + m]) /
                       (double)(size[bi] + size[bj]);
            dist[bi * n + m] = dist[m * n + bi] = v;
        }
        size[bi] += size[bj];
        size[bj] = 0;
        for (size_t p = 0; p < n; p++)
            if (root[p] == bj)
                root[p] = bi;
    }
}

void cluster_agglomerate(const char *const *keys, const uint64_t *sets, size_t n, size_t words,
                         size_t k, size_t *group)
{
    if (n == 0)
        return;
    size_t *order = xmalloc(n * sizeof *order), *size = xmalloc(n * sizeof *size);
    size_t *root = xmalloc(n * sizeof *root);
    double *dist = xmalloc(n * n * sizeof *dist);
    for (size_t i = 0; i < n; i++)
        order[i] = i;
    qsort_r(order, n, sizeof *order, cmp_by_key, (void *)keys);
    for (size_t i = 0; i < n; i++) {
        size[i] = 1;
        root[i] = i;
        for (size_t j = 0; j < n; j++)
            dist[i * n + j] = cluster_jaccard(sets + order[i] * words, sets + order[j] * words,
                                              words);
    }
    merge_closest(dist, n, k < 1 ? 1 : k, size, root);
    size_t next = 0;
    for (size_t p = 0; p < n; p++) { /* number groups by their first position */
        if (root[p] == p)
            size[p] = next++;
        group[order[p]] = size[root[p]];
    }
    free(order);
    free(size);
    free(root);
    free(dist);
}

/* The gap sets of the states with a version in force. */
static uint64_t *gap_sets(const review_data_t *d, const review_snapshot_t *s, size_t words,
                          size_t *idx, size_t *n)
{
    uint64_t *sets = xcalloc(d->nstates * words + 1, sizeof *sets);
    *n = 0;
    for (size_t k = 0; k < d->nstates; k++) {
        if (s->in_force[k] < 0)
            continue;
        const unsigned char *m = d->versions[s->in_force[k]].marks;
        uint64_t *set = sets + *n * words;
        for (size_t i = 0; i < d->nitems; i++)
            if (m[i] == MARK_BLANK || m[i] == MARK_UNSURE)
                set[i / 64] |= (uint64_t)1 << (i % 64);
        idx[(*n)++] = k;
    }
    return sets;
}

typedef struct {
    size_t item;
    unsigned missing;
} shared_t;

static int cmp_shared(const void *pa, const void *pb)
{
    const shared_t *a = pa, *b = pb;
    if (a->missing != b->missing)
        return a->missing > b->missing ? -1 : 1;
    return (a->item > b->item) - (a->item < b->item);
}

/* Shared gaps and lowest themes of one workshop's states. */
static void workshop_fill(const review_data_t *d, const review_snapshot_t *s, arena_t *a,
                          review_workshop_t *w)
{
    shared_t *sh = arena_alloc(a, (d->nitems + 1) * sizeof *sh);
    size_t n = 0;
    for (size_t i = 0; i < d->nitems; i++) {
        unsigned applicable = 0, missing = 0;
        for (size_t k = 0; k < w->nstates; k++) {
            unsigned char m = d->versions[s->in_force[w->states[k]]].marks[i];
            applicable += m != MARK_NA;
            missing += m == MARK_BLANK || m == MARK_UNSURE;
        }
        if (applicable && 3 * missing >= 2 * applicable)
            sh[n++] = (shared_t){i, missing};
    }
    qsort(sh, n, sizeof *sh, cmp_shared);
    w->gaps = arena_alloc(a, (n + 1) * sizeof *w->gaps);
    for (size_t i = 0; i < n; i++)
        w->gaps[i] = sh[i].item;
    w->ngaps = n;
    cov_t *th = arena_alloc(a, (d->nthemes + 1) * sizeof *th);
    for (size_t k = 0; k < w->nstates; k++)
        for (size_t t = 0; t < d->nthemes; t++)
            cov_add(&th[t], &s->state_theme[w->states[k] * d->nthemes + t]);
    size_t nt;
    review_gap_t *low = review_gaps_rank(th, NULL, d->nthemes, WORKSHOP_THEMES, a, &nt);
    for (size_t i = 0; i < nt; i++)
        w->themes[i] = low[i].index;
    w->nthemes = nt;
}

review_workshop_t *review_workshops(const review_data_t *d, const review_snapshot_t *s, size_t k,
                                    arena_t *a, long *group_of, size_t *ngroups, size_t *n)
{
    size_t words = (d->nitems + 63) / 64 + 1, m;
    size_t *idx = arena_alloc(a, (d->nstates + 1) * sizeof *idx);
    size_t *group = arena_alloc(a, (d->nstates + 1) * sizeof *group);
    const char **keys = arena_alloc(a, (d->nstates + 1) * sizeof *keys);
    uint64_t *sets = gap_sets(d, s, words, idx, &m);
    for (size_t i = 0; i < m; i++)
        keys[i] = d->states[idx[i]].alpha3;
    k = k ? k : cluster_default_k(m);
    cluster_agglomerate(keys, sets, m, words, k, group);
    free(sets);
    for (size_t i = 0; i < d->nstates; i++)
        group_of[i] = -1;
    for (size_t i = 0; i < m; i++)
        group_of[idx[i]] = (long)group[i];
    *ngroups = m < k ? m : k;
    review_workshop_t *w = arena_alloc(a, (*ngroups * d->nregions + 1) * sizeof *w);
    *n = 0;
    for (size_t g = 0; g < *ngroups; g++)
        for (size_t r = 0; r < d->nregions; r++) {
            review_workshop_t *cur = &w[*n];
            cur->states = arena_alloc(a, (d->nstates + 1) * sizeof *cur->states);
            for (size_t st = 0; st < d->nstates; st++)
                if (group_of[st] == (long)g && d->state_region[st] == r)
                    cur->states[cur->nstates++] = st;
            if (cur->nstates < 2) {
                memset(cur, 0, sizeof *cur);
                continue;
            }
            cur->group = g;
            cur->region = r;
            workshop_fill(d, s, a, cur);
            (*n)++;
        }
    return w;
}
