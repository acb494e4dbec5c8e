/*
 * The review behind the web dashboard, built once and shared. A dashboard
 * page and its charts (one request each) all need the same review and its
 * blocks; building it reads every frozen matrix (about 85 ms on the demo
 * data), so a cold page with five charts would build it six times. The last
 * few built reviews are kept per (language, as-of, since, data generation),
 * and builds are serialized, so concurrent requests for the same review wait
 * for one build instead of making their own.
 */
#ifndef R1540_WEB_REVIEW_CACHE_H
#define R1540_WEB_REVIEW_CACHE_H

#include "../review/report_doc.h"

/* A built review and its blocks; read-only once built, so any number of
 * threads may read it at once. Owns its arena. */
typedef struct web_review {
    review_t review;
    review_doc_t doc;
    arena_t arena;    /* everything above lives here */
    char key[48];     /* language|as_of|since, as_of resolved to a date */
    long long generation;
    unsigned long used; /* the cache's clock at the last lookup: the oldest goes first */
    int refs;           /* holders: the cache, and each request using it */
} web_review_t;

/* The review of the published matrices as the options say (as_of "" means
 * today), from the cache or built with st. The caller must hand it back with
 * web_review_release. Errors are review_build's (nothing is cached then). */
rc_t web_review_get(store_t *st, const review_opts_t *o, web_review_t **out, err_t *e);
/* Hands back a review from web_review_get; NULL is a no-op. */
void web_review_release(web_review_t *rv);
/* Frees every cached review (when the server stops; none may be in use). */
void web_review_cache_clear(void);

#endif
