/*
 * The per-thread cache of reference data (see refcache.h). Each worker
 * thread owns one cache; no lock is needed. The cache answers for the
 * generation and date fixed by web_ref_begin: when either differs from what
 * the cache holds, its arena is emptied and the lists are read again, each
 * on its first use.
 */
#include "refcache.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../util/date.h"

#define REF_VOCABS 8 /* vocabulary kinds kept: group, region, theme, ... */
#define REF_METAS 4  /* meta keys kept: demo, template_version */
#define REF_TEMPLATES 2
#define REF_ROWS 4096 /* model rows kept: a power of two, a few per record and language */
#define REF_MATRICES 8 /* matrix models kept (about 0.5 MB each) */

typedef struct {
    const char *kind; /* NULL: empty */
    long long id;
    lang_t lang;
    json_t *row; /* a reference the cache holds */
} ref_row_t;

typedef struct {
    arena_t arena; /* owns every record below */
    long long generation;
    char date[11];
    bool have_states, have_orgs, have_versions, have_reviews, have_assist;
    state_t *states;
    size_t nstates;
    organization_t *orgs;
    size_t norgs;
    matrix_version_t *versions;
    size_t nversions;
    matrix_review_t *reviews; /* by version id */
    size_t nreviews;
    web_assist_lists_t assist;
    struct {
        int version; /* 0: unused */
        template_item_t *items, *by_id;
        size_t n;
    } tmpl[REF_TEMPLATES];
    struct {
        char *kind;
        vocab_t *v;
        size_t n;
    } vocab[REF_VOCABS];
    size_t nvocab;
    struct {
        char *key, *value; /* value NULL: not set */
    } meta[REF_METAS];
    size_t nmeta;
    ref_row_t *rows; /* REF_ROWS slots, or NULL until the first row is kept */
    ref_row_t matrices[REF_MATRICES];
    size_t matrix_hand; /* the slot the next matrix takes */
} ref_cache_t;

static void rows_clear(ref_cache_t *c)
{
    for (size_t i = 0; i < REF_MATRICES; i++)
        if (c->matrices[i].row)
            json_decref(c->matrices[i].row);
    for (size_t i = 0; c->rows && i < REF_ROWS; i++)
        if (c->rows[i].row)
            json_decref(c->rows[i].row);
    free(c->rows);
    c->rows = NULL;
}

static pthread_key_t ref_key;
static pthread_once_t ref_once = PTHREAD_ONCE_INIT;
/* what the thread's current request is answered for (web_ref_begin) */
static _Thread_local long long ref_generation;
static _Thread_local char ref_date[11];

static void ref_cache_free(void *p)
{
    ref_cache_t *c = p;
    rows_clear(c);
    arena_free(&c->arena);
    free(c);
}

static void ref_key_make(void) { pthread_key_create(&ref_key, ref_cache_free); }

void web_ref_begin(void)
{
    ref_generation = web_data_generation();
    date_today(ref_date);
}

/* The thread's cache, emptied first if it holds another generation or day. */
static ref_cache_t *ref_cache(void)
{
    pthread_once(&ref_once, ref_key_make);
    ref_cache_t *c = pthread_getspecific(ref_key);
    if (!c) {
        c = xcalloc(1, sizeof *c);
        pthread_setspecific(ref_key, c);
    }
    if (!ref_generation) /* a lookup outside a routed request */
        web_ref_begin();
    if (c->generation != ref_generation || strcmp(c->date, ref_date) != 0) {
        rows_clear(c);
        arena_free(&c->arena);
        *c = (ref_cache_t){.arena = ARENA_INIT, .generation = ref_generation};
        memcpy(c->date, ref_date, sizeof c->date);
    }
    return c;
}

rc_t web_ref_states(web_req_t *r, const state_t **out, size_t *n, err_t *e)
{
    ref_cache_t *c = ref_cache();
    if (!c->have_states) {
        rc_t rc = store_state_list(r->st, &c->arena, &c->states, &c->nstates, e);
        if (rc != RC_OK)
            return rc;
        c->have_states = true;
    }
    *out = c->states, *n = c->nstates;
    return RC_OK;
}

rc_t web_ref_state(web_req_t *r, const char *code, state_t *out, err_t *e)
{
    const state_t *s;
    size_t n;
    rc_t rc = web_ref_states(r, &s, &n, e);
    if (rc != RC_OK)
        return rc;
    for (size_t i = 0; i < n; i++)
        if (strcasecmp(code, s[i].alpha3) == 0 || strcasecmp(code, s[i].alpha2) == 0) {
            *out = s[i];
            return RC_OK;
        }
    return err_set(e, RC_NOTFOUND, "no state '%s'", code);
}

rc_t web_ref_orgs(web_req_t *r, const organization_t **out, size_t *n, err_t *e)
{
    ref_cache_t *c = ref_cache();
    if (!c->have_orgs) {
        rc_t rc = store_org_list(r->st, &c->arena, &c->orgs, &c->norgs, e);
        if (rc != RC_OK)
            return rc;
        c->have_orgs = true;
    }
    *out = c->orgs, *n = c->norgs;
    return RC_OK;
}

rc_t web_ref_versions(web_req_t *r, const matrix_version_t **out, size_t *n, err_t *e)
{
    ref_cache_t *c = ref_cache();
    if (!c->have_versions) {
        rc_t rc = store_version_list(r->st, NULL, &c->arena, &c->versions, &c->nversions, e);
        if (rc != RC_OK)
            return rc;
        c->have_versions = true;
    }
    *out = c->versions, *n = c->nversions;
    return RC_OK;
}

static int review_version_cmp(const void *key, const void *rv)
{
    long long id = *(const long long *)key, other = ((const matrix_review_t *)rv)->version_id;
    return (id > other) - (id < other);
}

rc_t web_ref_review(web_req_t *r, long long version_id, const matrix_review_t **out, err_t *e)
{
    ref_cache_t *c = ref_cache();
    if (!c->have_reviews) {
        rc_t rc = store_review_list(r->st, &c->arena, &c->reviews, &c->nreviews, e);
        if (rc != RC_OK)
            return rc;
        c->have_reviews = true;
    }
    /* no answer yet: the list is NULL, which bsearch may not be given */
    *out = c->nreviews ? bsearch(&version_id, c->reviews, c->nreviews, sizeof *c->reviews,
                                 review_version_cmp)
                       : NULL;
    return RC_OK;
}

rc_t web_ref_assist(web_req_t *r, web_assist_lists_t *out, err_t *e)
{
    ref_cache_t *c = ref_cache();
    if (!c->have_assist) {
        assistance_proposal_t *p;
        assistance_request_t *q;
        assistance_offer_t *o;
        size_t np, nq, no;
        rc_t rc = store_proposal_list(r->st, 0, &c->arena, &p, &np, e);
        if (rc == RC_OK)
            rc = store_request_list(r->st, NULL, &c->arena, &q, &nq, e);
        if (rc == RC_OK)
            rc = store_offer_list(r->st, &c->arena, &o, &no, e);
        if (rc != RC_OK)
            return rc;
        c->assist = (web_assist_lists_t){p, np, q, nq, o, no};
        c->have_assist = true;
    }
    *out = c->assist;
    return RC_OK;
}

static int item_id_cmp(const void *a, const void *b)
{
    return strcmp(((const template_item_t *)a)->id, ((const template_item_t *)b)->id);
}

rc_t web_ref_items(web_req_t *r, int version, bool by_id, const template_item_t **out,
                   size_t *n, err_t *e)
{
    ref_cache_t *c = ref_cache();
    size_t i = 0;
    while (i < REF_TEMPLATES && c->tmpl[i].version && c->tmpl[i].version != version)
        i++;
    if (i == REF_TEMPLATES) /* a third version in one day: read it uncached */
        i = 0, c->tmpl[0].version = 0;
    if (!c->tmpl[i].version) {
        template_item_t *items;
        size_t count;
        rc_t rc = store_template_items(r->st, version, &c->arena, &items, &count, e);
        if (rc != RC_OK)
            return rc;
        template_item_t *sorted = arena_alloc(&c->arena, (count ? count : 1) * sizeof *sorted);
        if (count)
            memcpy(sorted, items, count * sizeof *sorted);
        qsort(sorted, count, sizeof *sorted, item_id_cmp);
        c->tmpl[i].version = version;
        c->tmpl[i].items = items, c->tmpl[i].by_id = sorted, c->tmpl[i].n = count;
    }
    *out = by_id ? c->tmpl[i].by_id : c->tmpl[i].items;
    *n = c->tmpl[i].n;
    return RC_OK;
}

rc_t web_ref_vocab(web_req_t *r, const char *kind, const vocab_t **out, size_t *n, err_t *e)
{
    ref_cache_t *c = ref_cache();
    for (size_t i = 0; i < c->nvocab; i++)
        if (strcmp(c->vocab[i].kind, kind) == 0) {
            *out = c->vocab[i].v, *n = c->vocab[i].n;
            return RC_OK;
        }
    vocab_t *v;
    size_t count;
    rc_t rc = store_vocab_list(r->st, kind, &c->arena, &v, &count, e);
    if (rc != RC_OK)
        return rc;
    if (c->nvocab < REF_VOCABS) {
        c->vocab[c->nvocab].kind = arena_strdup(&c->arena, kind);
        c->vocab[c->nvocab].v = v, c->vocab[c->nvocab].n = count;
        c->nvocab++;
    }
    *out = v, *n = count;
    return RC_OK;
}

const char *web_ref_meta(web_req_t *r, const char *key)
{
    ref_cache_t *c = ref_cache();
    for (size_t i = 0; i < c->nmeta; i++)
        if (strcmp(c->meta[i].key, key) == 0)
            return c->meta[i].value;
    char *value = NULL;
    err_t e = {0};
    rc_t rc = store_meta_get(r->st, key, &c->arena, &value, &e);
    if (rc != RC_OK)
        value = NULL;
    if (c->nmeta < REF_METAS && (rc == RC_OK || rc == RC_NOTFOUND)) {
        c->meta[c->nmeta].key = arena_strdup(&c->arena, key);
        c->meta[c->nmeta].value = value;
        c->nmeta++;
    }
    return value;
}

static ref_row_t *row_slot(ref_cache_t *c, const char *kind, long long id, lang_t lang)
{
    unsigned long long h = (unsigned long long)id * 0x9E3779B97F4A7C15ull;
    h ^= (unsigned long long)(uintptr_t)kind + (unsigned long long)lang * 0x100000001B3ull;
    return &c->rows[(h >> 20) & (REF_ROWS - 1)];
}

json_t *web_ref_row(const char *kind, long long id, lang_t lang)
{
    ref_cache_t *c = ref_cache();
    if (!c->rows)
        return NULL;
    ref_row_t *s = row_slot(c, kind, id, lang);
    return s->kind == kind && s->id == id && s->lang == lang ? s->row : NULL;
}

void web_ref_row_keep(const char *kind, long long id, lang_t lang, json_t *row)
{
    ref_cache_t *c = ref_cache();
    if (!c->rows)
        c->rows = xcalloc(REF_ROWS, sizeof *c->rows);
    ref_row_t *s = row_slot(c, kind, id, lang);
    if (s->row) /* a collision: the newer row takes the slot */
        json_decref(s->row);
    *s = (ref_row_t){kind, id, lang, json_incref(row)};
}

json_t *web_ref_matrix(long long version_id, lang_t lang)
{
    ref_cache_t *c = ref_cache();
    for (size_t i = 0; i < REF_MATRICES; i++)
        if (c->matrices[i].row && c->matrices[i].id == version_id && c->matrices[i].lang == lang)
            return c->matrices[i].row;
    return NULL;
}

void web_ref_matrix_keep(long long version_id, lang_t lang, json_t *matrix)
{
    ref_cache_t *c = ref_cache();
    ref_row_t *s = &c->matrices[c->matrix_hand++ % REF_MATRICES];
    if (s->row)
        json_decref(s->row);
    *s = (ref_row_t){"matrix", version_id, lang, json_incref(matrix)};
}
