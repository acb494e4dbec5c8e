/*
 * Gaps: the matrix items and themes with the lowest coverage, globally or in
 * one region, ranked, and how each moved since an earlier date. A gap is a
 * field the matrices do not record as covered; it says where implementation
 * most needs strengthening, not how any state complies.
 */
#ifndef R1540_REVIEW_GAPS_H
#define R1540_REVIEW_GAPS_H

#include "metrics.h"

typedef struct {
    size_t index;     /* item or theme index in the review data */
    cov_t cov;        /* as of the review date */
    double pct;       /* cov_pct(cov) */
    double pct_since; /* coverage as of the comparison date; -1 if nothing applicable then */
} review_gap_t;

/*
 * Ranks the n aggregates of `now` by coverage, lowest first (ties: lower index
 * first), leaving out those with no applicable field, and returns at most
 * `limit` of them (all when limit is 0) in the arena; `since` (same layout)
 * gives each its earlier coverage and may be NULL.
 */
review_gap_t *review_gaps_rank(const cov_t *now, const cov_t *since, size_t n, size_t limit,
                               arena_t *a, size_t *nout);

#endif
