/*
 * The cache of built reviews (review_cache.h). Two locks: cache_lock guards
 * the slots and is held only for a lookup or an insertion; build_lock is held
 * through a build, so that a second request for a review being built waits
 * and then finds it, instead of building it again (and two cores doing the
 * same 85 ms of work). An entry is reference-counted: a request may still be
 * rendering a review that a newer build pushed out of its slot.
 */
#include "review_cache.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/date.h"
#include "../util/mem.h"
#include "web.h"

#define REVIEW_SLOTS 8 /* six languages at today's date, and a few other dates */

static web_review_t *slots[REVIEW_SLOTS];
static unsigned long clock_tick;
static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t build_lock = PTHREAD_MUTEX_INITIALIZER;

static void review_free(web_review_t *rv)
{
    arena_free(&rv->arena);
    free(rv);
}

/* Drops one reference; the last one frees. Call with cache_lock held. */
static void unref_locked(web_review_t *rv)
{
    if (rv && --rv->refs == 0)
        review_free(rv);
}

/* The cached review for key at this generation, with a reference taken for
 * the caller; NULL if there is none. Stale entries are dropped on the way. */
static web_review_t *lookup(const char *key, long long generation)
{
    web_review_t *hit = NULL;
    pthread_mutex_lock(&cache_lock);
    for (size_t i = 0; i < REVIEW_SLOTS; i++) {
        web_review_t *rv = slots[i];
        if (rv && rv->generation != generation) {
            unref_locked(rv);
            slots[i] = NULL;
        } else if (rv && strcmp(rv->key, key) == 0) {
            rv->refs++;
            rv->used = ++clock_tick;
            hit = rv;
        }
    }
    pthread_mutex_unlock(&cache_lock);
    return hit;
}

/* Puts a new review in the free slot or the one used longest ago. */
static void insert(web_review_t *rv)
{
    pthread_mutex_lock(&cache_lock);
    size_t victim = 0;
    for (size_t i = 0; i < REVIEW_SLOTS; i++) {
        if (!slots[i]) {
            victim = i;
            break;
        }
        if (slots[i]->used < slots[victim]->used)
            victim = i;
    }
    unref_locked(slots[victim]);
    rv->used = ++clock_tick;
    rv->refs++; /* the slot's reference */
    slots[victim] = rv;
    pthread_mutex_unlock(&cache_lock);
}

/* Builds the review and its blocks into a new entry with one reference. */
static rc_t build(store_t *st, const review_opts_t *o, const char *key, long long generation,
                  web_review_t **out, err_t *e)
{
    web_review_t *rv = xcalloc(1, sizeof *rv);
    rv->arena = (arena_t)ARENA_INIT;
    rc_t rc = review_build(st, o, &rv->arena, &rv->review, e);
    if (rc != RC_OK) {
        review_free(rv);
        return rc;
    }
    review_doc_build(&rv->review, false, &rv->arena, &rv->doc);
    snprintf(rv->key, sizeof rv->key, "%s", key);
    rv->generation = generation;
    rv->refs = 1;
    *out = rv;
    return RC_OK;
}

rc_t web_review_get(store_t *st, const review_opts_t *o, web_review_t **out, err_t *e)
{
    review_opts_t opts = *o;
    opts.published_only = true; /* the dashboard is public */
    if (!opts.as_of[0])
        date_today(opts.as_of); /* the key must change at midnight */
    char key[48];
    snprintf(key, sizeof key, "%d|%s|%s|%zu", (int)opts.lang, opts.as_of, opts.since,
             opts.groups);
    long long generation = web_data_generation();
    if ((*out = lookup(key, generation)))
        return RC_OK;
    pthread_mutex_lock(&build_lock);
    rc_t rc = RC_OK;
    if (!(*out = lookup(key, generation)) &&
        (rc = build(st, &opts, key, generation, out, e)) == RC_OK)
        insert(*out);
    pthread_mutex_unlock(&build_lock);
    return rc;
}

void web_review_release(web_review_t *rv)
{
    if (!rv)
        return;
    pthread_mutex_lock(&cache_lock);
    unref_locked(rv);
    pthread_mutex_unlock(&cache_lock);
}

void web_review_cache_clear(void)
{
    pthread_mutex_lock(&cache_lock);
    for (size_t i = 0; i < REVIEW_SLOTS; i++) {
        unref_locked(slots[i]);
        slots[i] = NULL;
    }
    pthread_mutex_unlock(&cache_lock);
}
