/*
 * Gap ranking: a stable sort of aggregates by coverage.
 */
#include "gaps.h"

#include <stdlib.h>

static int cmp_gap(const void *pa, const void *pb)
{
    const review_gap_t *a = pa, *b = pb;
    if (a->pct != b->pct)
        return a->pct < b->pct ? -1 : 1;
    return (a->index > b->index) - (a->index < b->index);
}

review_gap_t *review_gaps_rank(const cov_t *now, const cov_t *since, size_t n, size_t limit,
                               arena_t *a, size_t *nout)
{
    review_gap_t *g = arena_alloc(a, (n + 1) * sizeof *g);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (cov_applicable(&now[i]) == 0)
            continue;
        g[k] = (review_gap_t){.index = i, .cov = now[i], .pct = cov_pct(&now[i]),
                              .pct_since = since ? cov_pct(&since[i]) : -1.0};
        k++;
    }
    qsort(g, k, sizeof *g, cmp_gap);
    *nout = limit && limit < k ? limit : k;
    return g;
}
