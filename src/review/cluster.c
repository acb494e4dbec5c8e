/*
 * Agglomerative clustering on Jaccard distance, average linkage, with the
 * Lance-Williams update: when groups i and j merge, the new group's distance
 * to m is (ni * d(i,m) + nj * d(j,m)) / (ni + nj). O(n^3) in the number of
 * states, which is a few hundred at most: simple beats clever here.
 */
#include "cluster.h"

#include "gaps.h"
#include "workshop_plan.h"

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
    w->missing = arena_alloc(a, (n + 1) * sizeof *w->missing);
    w->value = 0;
    for (size_t i = 0; i < n; i++) {
        w->gaps[i] = sh[i].item;
        w->missing[i] = sh[i].missing;
        w->value += sh[i].missing;
    }
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


/* The UN regional group state st belongs to on date: by the dated
 * memberships (the periods in force that day), or by its stored group when
 * the database has none; "" for none. */
static const char *group_on(const review_data_t *d, size_t st, const char *date)
{
    const state_t *s = &d->states[st];
    if (d->nmemberships == 0)
        return strcmp(s->un_group, "NONE") == 0 ? "" : s->un_group;
    for (size_t i = 0; i < d->nmemberships; i++) {
        const membership_t *m = &d->memberships[i];
        if (strcmp(m->state, s->alpha3) == 0 && strcmp(m->group, "LDC") != 0 &&
            strcmp(m->group, "LLDC") != 0 && strcmp(m->group, "SIDS") != 0 &&
            membership_in_force(m, date))
            return m->group;
    }
    return "";
}

static const char *frame_of(const review_data_t *d, const review_snapshot_t *sn, size_t st,
                            workshop_frame_t f)
{
    const state_t *s = &d->states[st];
    if (f == WORKSHOP_FRAME_REGION)
        return d->regions[d->state_region[st]].code;
    if (f == WORKSHOP_FRAME_GROUP)
        return group_on(d, st, sn->as_of);
    /* the finest M49 grouping: Eastern Africa rather than Sub-Saharan Africa,
     * the Caribbean rather than Latin America and the Caribbean */
    return s->m49_intermediate[0] ? s->m49_intermediate : s->m49_subregion;
}

static const char *const frame_keys[] = {"subregion", "region", "group"};

int workshop_frame_parse(const char *name)
{
    for (int f = 0; name && f < 3; f++)
        if (strcmp(name, frame_keys[f]) == 0)
            return f;
    return -1;
}

const char *workshop_frame_key(workshop_frame_t f)
{
    return (unsigned)f < 3 ? frame_keys[f] : "";
}

const char *review_workshop_place(const review_data_t *d, const review_workshop_t *w, lang_t l)
{
    if (w->frame_kind == WORKSHOP_FRAME_GROUP) {
        for (size_t g = 0; g < d->ngroups; g++)
            if (strcmp(d->groups[g].code, w->frame) == 0)
                return d->groups[g].name[l];
        return w->frame; /* a group no state holds today: its code */
    }
    return d->regions[w->region].name[l];
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The distinct frames of the states with a version in force, sorted. */
static size_t frames_list(const review_data_t *d, const review_snapshot_t *s, workshop_frame_t f,
                          arena_t *a, const char ***out)
{
    const char **fr = arena_alloc(a, (d->nstates + 1) * sizeof *fr);
    size_t n = 0;
    for (size_t st = 0; st < d->nstates; st++)
        if (s->in_force[st] >= 0 && *frame_of(d, s, st, f))
            fr[n++] = frame_of(d, s, st, f);
    qsort(fr, n, sizeof *fr, cmp_str);
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (m == 0 || strcmp(fr[m - 1], fr[i]) != 0)
            fr[m++] = fr[i];
    *out = fr;
    return m;
}

/* The similar-gap group most of the states are in (ties: the lower). */
static size_t main_group(const long *group_of, const size_t *states, size_t n, size_t ngroups)
{
    size_t best = 0, best_count = 0;
    for (size_t g = 0; g < ngroups; g++) {
        size_t count = 0;
        for (size_t k = 0; k < n; k++)
            count += group_of[states[k]] == (long)g;
        if (count > best_count) {
            best = g;
            best_count = count;
        }
    }
    return best;
}

/* The candidate workshops of one frame, appended to w[*n...]: every node of
 * the frame's similarity tree with min_size to max_size states, with its
 * parent candidate (the nearest candidate above it) in parent[]. */
static void frame_candidates(const review_data_t *d, const review_snapshot_t *s, const char *frame,
                             const workshop_opts_t *wo, const long *group_of, size_t ngroups,
                             arena_t *a, review_workshop_t *w, size_t *parent, size_t *n)
{
    size_t words = (d->nitems + 63) / 64 + 1, m = 0;
    size_t *members = arena_alloc(a, (d->nstates + 1) * sizeof *members);
    for (size_t st = 0; st < d->nstates; st++) /* alpha-3 order */
        if (s->in_force[st] >= 0 && strcmp(frame_of(d, s, st, wo->frame), frame) == 0)
            members[m++] = st;
    if (m < wo->min_size)
        return;
    uint64_t *sets = xcalloc(m * words + 1, sizeof *sets);
    for (size_t i = 0; i < m; i++) {
        const unsigned char *mk = d->versions[s->in_force[members[i]]].marks;
        for (size_t it = 0; it < d->nitems; it++)
            if (mk[it] == MARK_BLANK || mk[it] == MARK_UNSURE)
                sets[i * words + it / 64] |= (uint64_t)1 << (it % 64);
    }
    workshop_tree_t t;
    workshop_tree_build(sets, m, words, a, &t);
    free(sets);
    size_t *leaves = arena_alloc(a, (m + 1) * sizeof *leaves);
    size_t *id = arena_alloc(a, (t.nodes + 1) * sizeof *id), *up = arena_alloc(a, (t.nodes + 1) * sizeof *up);
    for (size_t v = 0; v < t.nodes; v++)
        up[v] = SIZE_MAX;
    for (size_t v = t.n; v < t.nodes; v++)
        up[t.left[v]] = up[t.right[v]] = v;
    for (size_t v = t.nodes; v-- > 0;) { /* the root first: parents before children */
        id[v] = SIZE_MAX;
        if (t.size[v] < wo->min_size || t.size[v] > wo->max_size)
            continue;
        review_workshop_t *cur = &w[*n];
        size_t k = workshop_tree_leaves(&t, v, leaves);
        cur->states = arena_alloc(a, (k + 1) * sizeof *cur->states);
        for (size_t i = 0; i < k; i++)
            cur->states[i] = members[leaves[i]];
        cur->nstates = k;
        cur->frame = frame;
        cur->frame_kind = wo->frame;
        cur->region = d->state_region[cur->states[0]];
        cur->group = main_group(group_of, cur->states, k, ngroups);
        workshop_fill(d, s, a, cur);
        parent[*n] = SIZE_MAX;
        for (size_t u = up[v]; u != SIZE_MAX && parent[*n] == SIZE_MAX; u = up[u])
            parent[*n] = id[u];
        id[v] = (*n)++;
    }
}

review_workshop_t *review_workshop_candidates(const review_data_t *d, const review_snapshot_t *s,
                                             size_t k, const workshop_opts_t *wo_in, arena_t *a,
                                             long *group_of, size_t *ngroups, size_t **parent,
                                             size_t *n)
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
    workshop_opts_t wo = wo_in ? *wo_in : (workshop_opts_t){0};
    wo.min_size = wo.min_size ? wo.min_size : WORKSHOP_MIN_SIZE;
    wo.max_size = wo.max_size ? wo.max_size : WORKSHOP_MAX_SIZE;
    const char **frames;
    size_t nframes = frames_list(d, s, wo.frame, a, &frames);
    /* a frame of m states has at most 2m - 1 nodes */
    review_workshop_t *w = arena_alloc(a, (2 * d->nstates + 1) * sizeof *w);
    *parent = arena_alloc(a, (2 * d->nstates + 1) * sizeof **parent);
    *n = 0;
    for (size_t f = 0; f < nframes; f++)
        frame_candidates(d, s, frames[f], &wo, group_of, *ngroups, a, w, *parent, n);
    return w;
}
