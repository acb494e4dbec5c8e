/*
 * States grouped by the similarity of their gaps, and the regional workshops
 * those groups suggest.
 *
 * Method (docs/review.md): each state's gap set is the set of applicable items
 * of its version in force that are not marked X (blank or ?). The distance of
 * two states is the Jaccard distance of their gap sets, 1 - |A n B| / |A u B|
 * (0 when both are empty). Agglomerative clustering with average linkage
 * merges, from one group per state, the two closest groups until k remain.
 * States are first put in alpha-3 order and every tie goes to the pair met
 * first in that order, so the result does not depend on the input order.
 */
#ifndef R1540_REVIEW_CLUSTER_H
#define R1540_REVIEW_CLUSTER_H

#include <stddef.h>
#include <stdint.h>

#include "metrics.h"

/* Jaccard distance of two bit sets of `words` 64-bit words. */
double cluster_jaccard(const uint64_t *a, const uint64_t *b, size_t words);

/*
 * Clusters n sets (set i is words 64-bit words at sets + i * words, keyed by
 * keys[i], keys distinct) into min(k, n) groups. Writes each set's group into
 * group[i]; groups are numbered 0, 1, ... in the order of their smallest key.
 */
void cluster_agglomerate(const char *const *keys, const uint64_t *sets, size_t n, size_t words,
                         size_t k, size_t *group);

/* The number of groups the review uses for n states: round(sqrt(n / 2)), 2 to 12. */
size_t cluster_default_k(size_t n);

#define WORKSHOP_THEMES 3

/* Where workshop groups are drawn: within one M49 sub-region (its intermediate
 * region where M49 has one: Eastern Africa, the Caribbean), one M49 region, or
 * one UN regional group (by the memberships in force on the review date). */
typedef enum {
    WORKSHOP_FRAME_SUBREGION,
    WORKSHOP_FRAME_REGION,
    WORKSHOP_FRAME_GROUP
} workshop_frame_t;

/* The frame for its command-line and web name (subregion, region, group), or
 * -1 for another; and the name of a frame. */
int workshop_frame_parse(const char *name);
const char *workshop_frame_key(workshop_frame_t f);

typedef struct {
    size_t min_size, max_size; /* 0: WORKSHOP_MIN_SIZE, WORKSHOP_MAX_SIZE (workshop_plan.h) */
    workshop_frame_t frame;
} workshop_opts_t;

/* A proposed regional workshop: states of one frame with similar gaps. */
typedef struct {
    size_t group;                  /* the similar-gap group most of its states are in */
    size_t region;                 /* index into review_data_t.regions (of its first state) */
    const char *frame;             /* its frame's code: M49 sub-region or region, or UN group */
    workshop_frame_t frame_kind;   /* which kind of frame */
    long long value;               /* (state, shared gap) pairs it addresses: sum of missing */
    size_t *states;                /* state indices, alpha-3 order */
    size_t nstates;
    size_t *gaps;                  /* shared gap items, most shared first */
    unsigned *missing;             /* per shared gap: how many of its states miss it */
    size_t ngaps;
    size_t themes[WORKSHOP_THEMES]; /* the group's lowest-coverage themes */
    size_t nthemes;
} review_workshop_t;

/* Where a workshop is drawn, in language l: its UN regional group's name for
 * the group frame, else its M49 region's name. */
const char *review_workshop_place(const review_data_t *d, const review_workshop_t *w, lang_t l);

/*
 * Groups the states with a version in force on s->as_of into k groups (0: the
 * default), writing each state's group into group_of (-1: no version in force),
 * and lists the candidate workshops (workshop_plan.h): within each frame, in
 * frame code order, every node of the frame's similarity tree with min_size
 * to max_size states, filled (states, shared gaps, themes, value). *parent
 * receives per candidate the nearest candidate containing it (SIZE_MAX: none);
 * which are held is chosen with the offers (assist_figures.h). A shared gap
 * is an item missing for at least two thirds of the workshop's states where
 * it applies.
 */
review_workshop_t *review_workshop_candidates(const review_data_t *d, const review_snapshot_t *s,
                                             size_t k, const workshop_opts_t *wo, arena_t *a,
                                             long *group_of, size_t *ngroups, size_t **parent,
                                             size_t *n);

#endif
