/*
 * The drafting aid (app_suggest.h, docs/drafting-aid.md). Every key term of
 * an item is searched as a phrase in the state's reports with the ordinary
 * search (the same analysis as the index, so inflections and accents are
 * found); a page gathers the term groups it matched, and pages are ranked by
 * those groups first (the row's concept or treaty must be there), then by a
 * reference to an article near the match, then by BM25.
 */
#include "app_suggest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/search.h"
#include "../text/legalref.h"
#include "../util/buf.h"
#include "../util/tsv.h"

enum { HITS_PER_TERM = 200, REF_WINDOW = 300, MAX_REFS = 256, MAX_ANALYZED = 50000 };

/* One row of terms.tsv with the pages its terms found (searched once, when
 * an item first needs it). */
typedef struct {
    const char *key, *kind;
    const char *cell[LANG_COUNT];
    bool searched;
    search_hit_t *hits;
    size_t n;
    text_query_t *queries; /* one per alternative, to find where a page matched */
    size_t nq;
} term_row_t;

typedef struct {
    app_t *a;
    text_analyzer_t *an;
    const char *state;
    term_row_t *rows;
    size_t nrows;
} suggest_ctx_t;

/* Reads template/terms.tsv under data_dir. */
static rc_t terms_load(suggest_ctx_t *c, const char *data_dir, err_t *e)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/template/terms.tsv", data_dir);
    tsv_t t;
    rc_t rc = tsv_read(path, c->a->arena, &t, e);
    if (rc != RC_OK)
        return rc;
    int key = tsv_col(&t, "key", e), kind = tsv_col(&t, "kind", e), col[LANG_COUNT];
    for (int l = 0; l < LANG_COUNT; l++)
        if ((col[l] = tsv_col(&t, lang_code((lang_t)l), e)) < 0)
            return RC_FAIL;
    if (key < 0 || kind < 0)
        return RC_FAIL;
    c->rows = arena_alloc(c->a->arena, (t.nrows + 1) * sizeof *c->rows);
    memset(c->rows, 0, (t.nrows + 1) * sizeof *c->rows);
    for (size_t i = 0; i < t.nrows; i++) {
        term_row_t *r = &c->rows[i];
        r->key = t.rows[i][key];
        r->kind = t.rows[i][kind];
        for (int l = 0; l < LANG_COUNT; l++)
            r->cell[l] = t.rows[i][col[l]];
    }
    c->nrows = t.nrows;
    return RC_OK;
}

/* Searches one alternative (a phrase) and appends its hits to the row. */
static rc_t search_alt(suggest_ctx_t *c, term_row_t *r, const char *alt, size_t len, err_t *e)
{
    char q[TEXT_QUERY_MAX_BYTES];
    snprintf(q, sizeof q, "\"%.*s\"", (int)(len < sizeof q - 3 ? len : sizeof q - 3), alt);
    text_query_t *tq = &r->queries[r->nq];
    err_t ignore = {0};
    if (text_query_parse(c->an, q, -1, c->a->arena, tq, &ignore) != RC_OK)
        return RC_OK; /* a term with no word (punctuation): nothing to find */
    r->nq++;
    search_filter_t f = {.query = tq, .state = c->state, .limit = HITS_PER_TERM};
    search_hit_t *hits = NULL;
    size_t n = 0;
    long long total = 0;
    rc_t rc = store_search(c->a->st, &f, c->a->arena, &hits, &n, &total, e);
    if (rc != RC_OK || n == 0)
        return rc;
    search_hit_t *all = arena_alloc(c->a->arena, (r->n + n) * sizeof *all);
    if (r->n)
        memcpy(all, r->hits, r->n * sizeof *all);
    memcpy(all + r->n, hits, n * sizeof *all);
    r->hits = all;
    r->n += n;
    return RC_OK;
}

/* Searches every alternative of a row in every language, once. */
static rc_t row_search(suggest_ctx_t *c, term_row_t *r, err_t *e)
{
    if (r->searched)
        return RC_OK;
    r->searched = true;
    size_t alts = 0;
    for (int l = 0; l < LANG_COUNT; l++)
        for (const char *p = r->cell[l]; p; p = strchr(p + 1, '|'))
            alts++;
    r->queries = arena_alloc(c->a->arena, (alts + 1) * sizeof *r->queries);
    rc_t rc = RC_OK;
    for (int l = 0; l < LANG_COUNT && rc == RC_OK; l++) {
        const char *p = r->cell[l];
        while (rc == RC_OK && *p) {
            const char *bar = strchr(p, '|'), *end = bar ? bar : p + strlen(p);
            while (*p == ' ')
                p++;
            size_t len = (size_t)(end - p);
            while (len && p[len - 1] == ' ')
                len--;
            if (len)
                rc = search_alt(c, r, p, len, e);
            p = bar ? bar + 1 : end;
        }
    }
    return rc;
}

/* The rows of terms.tsv whose key is a part of the item's id. */
static size_t item_rows(suggest_ctx_t *c, const char *id, term_row_t **out, size_t max)
{
    size_t n = 0;
    for (const char *p = id; *p && n < max;) {
        size_t len = strcspn(p, "-");
        for (size_t i = 0; i < c->nrows && n < max; i++)
            if (strlen(c->rows[i].key) == len && strncmp(c->rows[i].key, p, len) == 0)
                out[n++] = &c->rows[i];
        p += len + (p[len] == '-');
    }
    return n;
}

/* What each kind of term group adds to a page's rank. */
static double kind_weight(const char *kind)
{
    return !strcmp(kind, "treaty") || !strcmp(kind, "concept") ? 3.0
           : !strcmp(kind, "weapon")                           ? 1.0
                                                               : 0.5;
}

/* A candidate page while an item is ranked. */
typedef struct {
    const search_hit_t *hit;
    double rank, score;
    bool core; /* a treaty or concept term matched */
    unsigned groups; /* bit i: the item's row i matched */
    const text_query_t *where; /* a core query that matched, for the reference */
} cand_t;

static cand_t *cand_find(cand_t *cs, size_t n, const search_hit_t *h)
{
    for (size_t i = 0; i < n; i++)
        if (cs[i].hit->report == h->report && cs[i].hit->page == h->page)
            return &cs[i];
    return NULL;
}

static int cand_cmp(const void *x, const void *y)
{
    const cand_t *a = x, *b = y;
    if (a->rank != b->rank)
        return a->rank < b->rank ? 1 : -1;
    if (a->hit->report != b->hit->report)
        return a->hit->report < b->hit->report ? -1 : 1;
    return a->hit->page - b->hit->page;
}

/* The first core query of a row that a page's text matches: the one whose
 * terms occur in it (checked on the analyzed page, in find_reference). */
static const text_query_t *row_query(const term_row_t *r)
{
    return r->nq ? &r->queries[0] : NULL;
}

/* Collects the candidate pages of an item from its rows' hits. */
static size_t gather(term_row_t **rows, size_t nrows, arena_t *a, cand_t **out)
{
    size_t cap = 0, n = 0;
    for (size_t i = 0; i < nrows; i++)
        cap += rows[i]->n;
    cand_t *cs = arena_alloc(a, (cap + 1) * sizeof *cs);
    for (size_t i = 0; i < nrows; i++) {
        bool core = kind_weight(rows[i]->kind) >= 3.0;
        for (size_t j = 0; j < rows[i]->n; j++) {
            const search_hit_t *h = &rows[i]->hits[j];
            cand_t *c = cand_find(cs, n, h);
            if (!c) {
                c = &cs[n++];
                memset(c, 0, sizeof *c);
                c->hit = h;
            }
            if (!(c->groups & (1u << i))) {
                c->groups |= 1u << i;
                c->rank += kind_weight(rows[i]->kind);
            }
            if (h->score > c->score)
                c->score = h->score;
            if (core && !c->core)
                c->core = true, c->where = row_query(rows[i]);
        }
    }
    unsigned weapon = 0; /* the item's weapon rows: one of them must match too */
    for (size_t i = 0; i < nrows; i++)
        if (!strcmp(rows[i]->kind, "weapon"))
            weapon |= 1u << i;
    size_t k = 0; /* only pages about the row's concept or treaty (and weapon) */
    for (size_t i = 0; i < n; i++)
        if (cs[i].core && (!weapon || (cs[i].groups & weapon)))
            cs[k++] = cs[i];
    *out = cs;
    return k;
}

/* The byte offset of the first word of the page that is a term of one of
 * the core rows' queries (*q set to that query), or 0. */
static size_t match_offset(suggest_ctx_t *c, const char *text, int lang, term_row_t **rows,
                           size_t nrows, arena_t *a, const text_query_t **q)
{
    text_token_t *tok = NULL;
    size_t n = 0;
    err_t e = {0};
    if (text_analyze(c->an, text, strlen(text), lang, MAX_ANALYZED, a, &tok, &n, &e) != RC_OK)
        return 0;
    for (size_t i = 0; i < n; i++)
        for (size_t r = 0; r < nrows; r++)
            for (size_t k = 0; kind_weight(rows[r]->kind) >= 3.0 && k < rows[r]->nq; k++)
                if (text_query_has_term(&rows[r]->queries[k], tok[i].term)) {
                    *q = &rows[r]->queries[k];
                    return tok[i].start;
                }
    return 0;
}

/* The reference nearest to where the page matched, in the arena, or "";
 * cd->where becomes the query that matched there (for the snippet). */
static const char *find_reference(suggest_ctx_t *c, cand_t *cd, term_row_t **rows, size_t nrows)
{
    legalref_t refs[MAX_REFS];
    const char *text = cd->hit->text;
    arena_t scratch = ARENA_INIT;
    size_t at = match_offset(c, text, lang_parse(cd->hit->language), rows, nrows, &scratch,
                             &cd->where);
    arena_free(&scratch);
    size_t n = legalref_find(text, strlen(text), refs, MAX_REFS);
    if (n == 0)
        return "";
    long i = legalref_nearest(refs, n, at, REF_WINDOW);
    return i < 0 ? "" : arena_strndup(c->a->arena, text + refs[i].start, refs[i].end - refs[i].start);
}

/* The names of the rows a candidate matched, comma-separated. */
static const char *matched_keys(const cand_t *cd, term_row_t **rows, size_t nrows, arena_t *a)
{
    buf_t b;
    buf_init(&b, 0);
    for (size_t i = 0; i < nrows; i++)
        if (cd->groups & (1u << i))
            buf_printf(&b, "%s%s", b.len ? "," : "", rows[i]->key);
    const char *s = arena_strdup(a, buf_str(&b));
    buf_free(&b);
    return s;
}

/* Ranks the pages for one item and keeps the best `limit`. */
static rc_t suggest_item(suggest_ctx_t *c, const template_item_t *it, int limit,
                         item_suggestions_t *out, err_t *e)
{
    term_row_t *rows[16];
    size_t nrows = item_rows(c, it->id, rows, 16);
    rc_t rc = RC_OK;
    out->item = it;
    out->n = 0;
    for (size_t i = 0; i < nrows && rc == RC_OK; i++)
        rc = row_search(c, rows[i], e);
    cand_t *cs = NULL;
    size_t n = rc == RC_OK ? gather(rows, nrows, c->a->arena, &cs) : 0;
    qsort(cs, n, sizeof *cs, cand_cmp);
    /* a reference near the match decides between pages of equal groups; only
     * the leading pages are read for one, then ranked again with BM25 */
    size_t look = n < (size_t)limit * 4 ? n : (size_t)limit * 4;
    const char **ref = arena_alloc(c->a->arena, (look + 1) * sizeof *ref);
    for (size_t i = 0; i < look; i++) {
        ref[i] = find_reference(c, &cs[i], rows, nrows);
        cs[i].rank += (*ref[i] ? 1.0 : 0.0) + cs[i].score / (1.0 + cs[i].score) * 0.5;
    }
    suggestion_t *s = arena_alloc(c->a->arena, ((size_t)limit + 1) * sizeof *s);
    for (size_t k = 0; k < (size_t)limit && rc == RC_OK; k++) {
        long best = -1;
        for (size_t i = 0; i < look; i++)
            if (cs[i].hit && (best < 0 || cand_cmp(&cs[i], &cs[best]) < 0))
                best = (long)i;
        if (best < 0)
            break;
        cand_t *cd = &cs[best];
        suggestion_t *sg = &s[out->n++];
        memset(sg, 0, sizeof *sg);
        sg->report = cd->hit->report;
        sg->page = cd->hit->page;
        sg->rank = cd->rank;
        sg->score = cd->score;
        sg->recognized = cd->hit->recognized;
        sg->title = cd->hit->title;
        sg->date = cd->hit->date;
        sg->language = cd->hit->language;
        sg->matched = matched_keys(cd, rows, nrows, c->a->arena);
        sg->reference = ref[best];
        rc = snippet_make(c->an, cd->hit->text, lang_parse(cd->hit->language), cd->where, 200,
                          c->a->arena, &sg->snippet, e);
        cd->hit = NULL; /* taken */
    }
    out->s = s;
    return rc;
}

/* Checks the item asked for: an id, and one of the template's. */
static rc_t pick_item(app_t *a, const char *item, template_item_t *items, size_t n, int tv,
                      const template_item_t **out, err_t *e)
{
    if (!template_item_id_ok(item))
        return app_fail(a, e, RC_INPUT, "item: '%.40s' is not an item id.", item);
    for (size_t i = 0; i < n; i++)
        if (strcmp(items[i].id, item) == 0) {
            *out = &items[i];
            return RC_OK;
        }
    return app_fail(a, e, RC_NOTFOUND, "item %.40s is not in template v%d.", item, tv);
}

rc_t app_suggest(app_t *a, const char *data_dir, const char *state, int number, const char *item,
                 int limit, app_suggest_out_t *out, err_t *e)
{
    memset(out, 0, sizeof *out);
    state_t s;
    rc_t rc = app_state(a, state, &s, e);
    if (rc == RC_OK)
        rc = app_allow(a, ACT_MATRIX_EDIT, s.alpha3, e);
    if (rc == RC_OK && (limit < 0 || limit > SUGGEST_LIMIT_MAX))
        rc = app_fail(a, e, RC_INPUT, "limit: give a number from 1 to %d.", SUGGEST_LIMIT_MAX);
    if (rc == RC_OK && store_version_get(a->st, s.alpha3, number, a->arena, &out->version, NULL) != RC_OK)
        rc = app_fail(a, e, RC_NOTFOUND, "%s has no matrix version %d.", s.alpha3, number);
    template_item_t *items = NULL;
    size_t ni = 0;
    if (rc == RC_OK)
        rc = store_template_items(a->st, out->version.template_version, a->arena, &items, &ni, e);
    const template_item_t *one = NULL;
    if (rc == RC_OK && item)
        rc = pick_item(a, item, items, ni, out->version.template_version, &one, e);
    suggest_ctx_t c = {.a = a, .state = s.alpha3};
    if (rc == RC_OK)
        rc = terms_load(&c, data_dir, e);
    if (rc != RC_OK)
        return rc;
    if (!(c.an = text_analyzer_new(e)))
        return RC_FAIL;
    size_t want = one ? 1 : ni;
    out->items = arena_alloc(a->arena, (want + 1) * sizeof *out->items);
    for (size_t i = 0; i < want && rc == RC_OK; i++)
        rc = suggest_item(&c, one ? one : &items[i], limit ? limit : SUGGEST_LIMIT_DEFAULT,
                          &out->items[out->n++], e);
    text_analyzer_free(c.an);
    return rc;
}
