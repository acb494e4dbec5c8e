/*
 * Search operations (app_search.h): extraction and analysis on the way in,
 * parse, filter, rank and snippets on the way out. The analysis is the same
 * both ways (src/text/analyze.h), so what a page was indexed as is what a
 * query looks for.
 */
#include "app_search.h"

#include <stdio.h>
#include <string.h>

#include "../core/report.h"
#include "app_practice.h"
#include "../util/buf.h"
#include "../util/date.h"
#include "../util/json_out.h"
#include "../util/lang.h"

enum { SEARCH_LIMIT_DEFAULT = 20, SEARCH_LIMIT_MAX = 100, SNIPPET_WIDTH = 240 };

/* The language of a report (ISO 639-1 or -2 as stored) as a lang_t, or -1. */
static int report_lang(const char *code)
{
    static const struct { const char *iso2; int lang; } three[] = {
        {"ara", LANG_AR}, {"zho", LANG_ZH}, {"chi", LANG_ZH}, {"eng", LANG_EN},
        {"fra", LANG_FR}, {"fre", LANG_FR}, {"rus", LANG_RU}, {"spa", LANG_ES}};
    if (!code)
        return -1;
    int l = lang_parse(code);
    for (size_t i = 0; l < 0 && i < sizeof three / sizeof *three; i++)
        if (strcmp(code, three[i].iso2) == 0)
            l = three[i].lang;
    return l;
}

void app_report_text_make(app_t *a, const void *doc, size_t len, const char *media_type,
                          const char *language, report_text_t *out)
{
    text_limits_t lim = text_limits_default();
    text_extract(doc, len, media_type, language, &lim, a->arena, out);
    err_t e = {0};
    text_analyzer_t *an = text_analyzer_new(&e);
    int lang = report_lang(language);
    for (size_t i = 0; i < out->n; i++) {
        report_page_t *p = &out->page[i];
        p->terms = an ? text_terms_joined(an, p->text, strlen(p->text), lang, a->arena, &e) : NULL;
        if (!p->terms)
            p->terms = "";
    }
    text_analyzer_free(an);
}

/* Collects the pages of a plain-text file read in this process. */
typedef struct {
    arena_t *a;
    report_text_t *t;
    size_t cap;
} plain_pages_t;

static void plain_page(void *ctx, int page, int recognized, const char *text, size_t len)
{
    plain_pages_t *pp = ctx;
    if (len == 0)
        return;
    if (pp->t->n == pp->cap) {
        size_t cap = pp->cap ? 2 * pp->cap : 4;
        report_page_t *p = arena_alloc(pp->a, cap * sizeof *p);
        if (pp->t->n)
            memcpy(p, pp->t->page, pp->t->n * sizeof *p);
        pp->t->page = p;
        pp->cap = cap;
    }
    report_page_t *p = &pp->t->page[pp->t->n++];
    p->page = page;
    p->recognized = recognized;
    p->text = arena_strndup(pp->a, text, len);
}

/* The text of a plain-text file, split and analyzed in this process. */
static void own_plain_text(text_analyzer_t *an, const void *doc, size_t len, const char *language,
                           arena_t *a, report_text_t *t)
{
    plain_pages_t pp = {.a = a, .t = t};
    const char *why = NULL;
    memset(t, 0, sizeof *t);
    t->pages = text_extract_plain(doc, len, text_limits_default().max_pages, plain_page, &pp, &why);
    t->status = t->pages > 0 && t->n ? REPORT_TEXT_OK : REPORT_TEXT_NONE;
    t->note = arena_strdup(a, t->n ? "" : why ? why : "no text");
    err_t e = {0};
    for (size_t i = 0; i < t->n; i++) {
        report_page_t *p = &t->page[i];
        p->terms = text_terms_joined(an, p->text, strlen(p->text), report_lang(language), a, &e);
        if (!p->terms)
            p->terms = "";
    }
}

/* Indexes one report when it has a file and no text yet (*done set). */
static rc_t index_one(store_t *st, text_analyzer_t *an, const report_t *r, bool *done, err_t *e)
{
    report_text_t old, t;
    arena_t scratch = ARENA_INIT; /* the file and its text, freed after it */
    *done = false;
    if (!r->has_document || store_report_text_get(st, r->id, &scratch, &old, NULL) == RC_OK) {
        arena_free(&scratch);
        return RC_OK;
    }
    void *doc = NULL;
    size_t len = 0;
    rc_t rc = store_report_document(st, r->id, &scratch, &doc, &len, e);
    if (rc == RC_OK) {
        if (strncmp(r->media_type, "text/plain", 10) == 0)
            own_plain_text(an, doc, len, r->language, &scratch, &t);
        else {
            app_t one = {.st = st, .arena = &scratch};
            app_report_text_make(&one, doc, len, r->media_type, r->language, &t);
        }
        rc = store_report_text_put(st, r->id, &t, e);
        *done = rc == RC_OK;
    }
    arena_free(&scratch);
    return rc;
}

rc_t app_report_index_new(store_t *st, const long long *ids, size_t n, size_t *indexed, err_t *e)
{
    *indexed = 0;
    arena_t a = ARENA_INIT;
    report_t *all = NULL;
    size_t nall = 0;
    rc_t rc = ids ? RC_OK : store_report_list(st, NULL, &a, &all, &nall, e);
    text_analyzer_t *an = rc == RC_OK ? text_analyzer_new(e) : NULL;
    if (rc == RC_OK && !an)
        rc = RC_FAIL;
    size_t count = ids ? n : nall;
    for (size_t i = 0; i < count && rc == RC_OK; i++) {
        report_t one;
        const report_t *r = ids ? &one : &all[i];
        if (ids && (rc = store_report_get(st, ids[i], &a, &one, e)) != RC_OK)
            break;
        bool done = false;
        rc = index_one(st, an, r, &done, e);
        *indexed += done;
    }
    text_analyzer_free(an);
    arena_free(&a);
    return rc;
}

static rc_t check_filters(app_t *a, const app_search_in_t *in, search_filter_t *f, err_t *e)
{
    if (in->kind && *in->kind && !(f->kind = report_kind_parse(in->kind)))
        return app_fail(a, e, RC_INPUT, "kind: '%.40s' is not a kind of report.", in->kind);
    if (in->from && *in->from && !date_valid(in->from))
        return app_fail(a, e, RC_INPUT, "from: '%.40s' is not a date (YYYY-MM-DD).", in->from);
    if (in->to && *in->to && !date_valid(in->to))
        return app_fail(a, e, RC_INPUT, "to: '%.40s' is not a date (YYYY-MM-DD).", in->to);
    if (in->language && *in->language &&
        (strlen(in->language) > 3 || strspn(in->language, "abcdefghijklmnopqrstuvwxyz") !=
                                         strlen(in->language)))
        return app_fail(a, e, RC_INPUT, "lang: '%.40s' is not an ISO 639 code.", in->language);
    if (in->offset < 0 || in->limit < 0)
        return app_fail(a, e, RC_INPUT, "offset and limit cannot be negative.");
    f->language = in->language;
    f->from = in->from;
    f->to = in->to;
    f->offset = in->offset;
    f->limit = in->limit == 0 ? SEARCH_LIMIT_DEFAULT
               : in->limit > SEARCH_LIMIT_MAX ? SEARCH_LIMIT_MAX
                                              : in->limit;
    return RC_OK;
}

enum { PRACTICES_SHOWN = 10 };

/* The published practices matching q, for the first slice of a search that
 * filters by nothing a practice lacks (a report kind, report dates); the
 * state and language filters hold for them too. */
static rc_t search_practices(app_t *a, const app_search_in_t *in, const search_filter_t *f,
                             text_analyzer_t *an, const text_query_t *q, app_search_out_t *out,
                             err_t *e)
{
    if (f->offset > 0 || (in->kind && *in->kind) || (in->from && *in->from) ||
        (in->to && *in->to))
        return RC_OK;
    practice_t *p;
    size_t n = 0;
    long long total;
    rc_t rc = app_practice_search(a, q, 100, &p, &n, &total, e);
    if (rc != RC_OK) /* n is not set */
        return rc;
    out->practices = arena_alloc(a->arena, (n + 1) * sizeof *out->practices);
    for (size_t i = 0; rc == RC_OK && i < n && out->npractices < PRACTICES_SHOWN; i++) {
        if ((f->state && strcmp(f->state, p[i].state) != 0) ||
            (f->language && *f->language && strcmp(f->language, p[i].language) != 0))
            continue;
        app_search_practice_t *h = &out->practices[out->npractices++];
        h->practice = p[i];
        rc = snippet_make(an, p[i].summary, lang_parse(p[i].language), q, SNIPPET_WIDTH, a->arena,
                          &h->snippet, e);
    }
    return rc;
}

rc_t app_search(app_t *a, const app_search_in_t *in, app_search_out_t *out, err_t *e)
{
    memset(out, 0, sizeof *out);
    search_filter_t f = {0};
    state_t s;
    rc_t rc = app_allow(a, ACT_PUBLIC, NULL, e);
    if (rc == RC_OK && in->state && *in->state && (rc = app_state(a, in->state, &s, e)) == RC_OK)
        f.state = arena_strdup(a->arena, s.alpha3);
    if (rc == RC_OK)
        rc = check_filters(a, in, &f, e);
    if (rc != RC_OK)
        return rc;
    text_analyzer_t *an = text_analyzer_new(e);
    if (!an)
        return RC_FAIL;
    text_query_t q;
    rc = text_query_parse(an, in->query ? in->query : "", report_lang(in->language), a->arena, &q, e);
    if (rc == RC_INPUT)
        rc = app_fail(a, e, RC_INPUT, "q: %s.", e->msg);
    f.query = &q;
    search_hit_t *hits = NULL;
    size_t n = 0;
    if (rc == RC_OK)
        rc = store_search(a->st, &f, a->arena, &hits, &n, &out->total, e);
    if (rc == RC_OK) {
        out->hits = arena_alloc(a->arena, (n + 1) * sizeof *out->hits);
        for (size_t i = 0; i < n && rc == RC_OK; i++) {
            out->hits[i].hit = hits[i];
            rc = snippet_make(an, hits[i].text, report_lang(hits[i].language), &q, SNIPPET_WIDTH,
                              a->arena, &out->hits[i].snippet, e);
        }
        out->n = n;
        out->offset = f.offset;
        out->limit = f.limit;
    }
    if (rc == RC_OK)
        rc = search_practices(a, in, &f, an, &q, out, e);
    text_analyzer_free(an);
    return rc;
}

rc_t app_report_reindex(app_t *a, const char *state, bool missing_only,
                        app_reindex_progress_fn progress, void *ctx, size_t *done, err_t *e)
{
    *done = 0;
    state_t s;
    rc_t rc = app_allow(a, ACT_DATA_IMPORT, NULL, e);
    if (rc == RC_OK && state && (rc = app_state(a, state, &s, e)) != RC_OK)
        return rc;
    report_t *r = NULL;
    size_t n = 0;
    if (rc == RC_OK)
        rc = store_report_list(a->st, state ? s.alpha3 : NULL, a->arena, &r, &n, e);
    size_t with_file = 0, no_text = 0;
    for (size_t i = 0; i < n; i++)
        with_file += r[i].has_document;
    for (size_t i = 0; i < n && rc == RC_OK; i++) {
        report_text_t old, t;
        if (!r[i].has_document)
            continue;
        if (missing_only && store_report_text_get(a->st, r[i].id, a->arena, &old, e) == RC_OK)
            continue;
        arena_t scratch = ARENA_INIT; /* a report's file and text, freed after it */
        void *doc = NULL;
        size_t len = 0;
        app_t one = *a;
        one.arena = &scratch;
        rc = store_report_document(a->st, r[i].id, &scratch, &doc, &len, e);
        if (rc == RC_OK) {
            app_report_text_make(&one, doc, len, r[i].media_type, r[i].language, &t);
            no_text += strcmp(t.status, REPORT_TEXT_OK) != 0;
            if ((rc = store_begin(a->st, e)) == RC_OK) {
                rc = store_report_text_put(a->st, r[i].id, &t, e);
                rc = rc == RC_OK ? store_commit(a->st, e) : (store_rollback(a->st), rc);
            }
        }
        (*done)++;
        if (rc == RC_OK && progress)
            progress(ctx, *done, with_file, &r[i], &t);
        arena_free(&scratch);
    }
    if (rc != RC_OK)
        return rc;
    if ((rc = app_begin(a, e)) != RC_OK)
        return rc;
    char detail[160];
    snprintf(detail, sizeof detail, "{\"state\":\"%s\",\"reports\":%zu,\"no_text\":%zu}",
             state ? s.alpha3 : "", *done, no_text);
    return app_finish(a, RC_OK, "report.reindex", state ? s.alpha3 : "reports", detail, e);
}
