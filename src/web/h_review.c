/*
 * The review dashboard. /<lang>/review shows the blocks of the review report
 * (review_doc_build: the same title, headings, paragraphs, tables and charts
 * as `r1540 review --format html|pdf`, in the page's language), rendered
 * generically by web/templates/review.html, so a block the report gains shows
 * here too. /api/v1/review answers the review's JSON (`r1540 review
 * --published --format json`). A template cannot print markup, so each chart
 * is its own answer: /<lang>/review/charts/<n>.svg, the n-th chart block,
 * drawn by chart_svg. Only published matrices count: the dashboard is public,
 * and an approved version is not public until it is published.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../review/chart.h"
#include "../util/date.h"
#include "../util/file.h"
#include "../util/numfmt.h"
#include "handlers.h"
#include "review_cache.h"

#define CHART_WIDTH 640 /* points, as in the HTML report */
#define HEAT_WIDTH 760
#define CHART_NARROW 300 /* a phone: ~350 px wide, so the 7.5 pt text shows at ~9 px */

/* ---- the dates asked for ---------------------------------------------------- */

/* True if the raw query has the parameter: web_query answers NULL for a value
 * that decodes to a NUL byte, and such a date must be refused, not ignored. */
static bool query_names(const web_req_t *r, const char *name)
{
    size_t n = strlen(name);
    for (const char *p = r->query; (p = strstr(p, name)); p += n)
        if (p > r->query && (p[-1] == '?' || p[-1] == '&') &&
            (p[n] == '=' || p[n] == '&' || !p[n]))
            return true;
    return false;
}

/* A date parameter: "" when absent or empty (the default date), NULL when it
 * is there but cannot be read. */
static const char *date_param(web_req_t *r, const char *name)
{
    const char *v = web_query(r, name);
    return v ? v : query_names(r, name) ? NULL : "";
}

/* What is wrong with a date, in the page's language; NULL if nothing. The
 * review's own check decides (review_date_check: the CLI's rules); the rest
 * only picks the sentence that says why. */
static const char *date_problem(web_req_t *r, const char *date, bool since)
{
    err_t e = {0};
    if (date && review_date_check(date, "", &e) == RC_OK)
        return NULL;
    if (!date || !date_valid(date))
        return since ? web_tr(r, "The comparison date is not a date written YYYY-MM-DD.")
                     : web_tr(r, "The review date is not a date written YYYY-MM-DD.");
    if (strcmp(date, REVIEW_FIRST_DATE) < 0)
        return since ? web_tr(r, "The comparison date is before 28 April 2004, when "
                                 "resolution 1540 was adopted.")
                     : web_tr(r, "The review date is before 28 April 2004, when resolution "
                                 "1540 was adopted.");
    return since ? web_tr(r, "The comparison date is in the future.")
                 : web_tr(r, "The review date is in the future.");
}

/* Fills the review options from ?as_of= and ?since=; a translated message
 * (and false) when one of them is wrong. */
static bool review_opts(web_req_t *r, review_opts_t *o, const char **problem)
{
    memset(o, 0, sizeof *o);
    o->lang = r->lang;
    const char *as_of = date_param(r, "as_of"), *since = date_param(r, "since");
    *problem = NULL;
    if (!as_of || *as_of)
        *problem = date_problem(r, as_of, false);
    if (!*problem && (!since || *since))
        *problem = date_problem(r, since, true);
    if (*problem)
        return false;
    memcpy(o->as_of, as_of, strlen(as_of) + 1);
    memcpy(o->since, since, strlen(since) + 1);
    char today[11];
    date_today(today);
    if (*since && strcmp(since, *as_of ? as_of : today) > 0) {
        *problem = web_tr(r, "The comparison date is after the review date.");
        return false;
    }
    return true;
}

/* The review for the request's dates, or a 422 with the reason. */
static rc_t review_get(web_req_t *r, web_review_t **rv, err_t *e)
{
    review_opts_t o;
    const char *problem = NULL;
    *rv = NULL;
    if (!review_opts(r, &o, &problem))
        return web_fail(r, e, 422, RC_USAGE, "%s", problem);
    rc_t rc = web_review_get(r->st, &o, rv, e);
    if (rc == RC_INPUT) /* nothing published yet on that date */
        return web_fail(r, e, 422, RC_INPUT, "%s",
                        web_tr(r, "No state had a published matrix on the review date: there "
                                  "is nothing to show. Choose a later date."));
    return rc;
}

/* ---- blocks to the page's model ------------------------------------------------ */

/* A cell that reads as a figure (a count, a percentage, a change, "–")
 * aligns like one. */
static bool is_figure(const char *s)
{
    /* ICU's Arabic figures open with a direction mark (U+200E, U+200F or
     * U+061C) before a sign or a percent sign; U+2212 is a minus sign */
    while (strncmp(s, "\u200e", 3) == 0 || strncmp(s, "\u200f", 3) == 0 ||
           strncmp(s, "\u061c", 2) == 0)
        s += strncmp(s, "\u061c", 2) == 0 ? 2 : 3;
    return (*s >= '0' && *s <= '9') || *s == '+' || *s == '-' || strncmp(s, "–", 3) == 0 ||
           strncmp(s, "\u2212", 3) == 0;
}

/* Whether column j holds figures in every row: such a column (and its
 * header) aligns to the end, like numbers in a printed table. */
static bool column_of_figures(const char *const *cells, size_t ncols, size_t nrows, size_t j)
{
    for (size_t i = 1; i <= nrows; i++)
        if (!is_figure(cells[i * ncols + j]))
            return false;
    return nrows > 0;
}

static json_t *row_json(const char *const *cells, size_t ncols, const bool *num)
{
    json_t *rest = json_array();
    for (size_t j = 1; j < ncols; j++)
        json_array_append_new(rest, json_pack("{s:s,s:b}", "v", cells[j], "num", num[j]));
    return json_pack("{s:s,s:o}", "first", ncols ? cells[0] : "", "cells", rest);
}

/* A table: caption, header row, rows whose first cell heads the row. */
static json_t *table_json(web_req_t *r, const char *id, const char *caption,
                          const char *const *cells, size_t ncols, size_t nrows)
{
    bool *num = arena_alloc(&r->arena, ncols + 1);
    json_t *head = json_array(), *rows = json_array();
    for (size_t j = 0; j < ncols; j++) {
        num[j] = j > 0 && column_of_figures(cells, ncols, nrows, j);
        json_array_append_new(head, json_pack("{s:s,s:b}", "v", cells[j], "num", num[j]));
    }
    for (size_t i = 1; i <= nrows; i++)
        json_array_append_new(rows, row_json(cells + i * ncols, ncols, num));
    return json_pack("{s:s,s:s,s:o,s:o}", "id", id, "caption", caption, "head", head, "rows",
                     rows);
}

/* The chart's figures as a table, for a chart the report shows without one:
 * what a screen reader reads instead of the picture. */
static json_t *chart_table(web_req_t *r, const doc_block_t *k, const char *id)
{
    const chart_t *c = &k->chart;
    size_t ncols = c->kind == CHART_BARS ? 2 : c->nseries + 1;
    const char **cells = arena_alloc(&r->arena, (c->nlabels + 1) * ncols * sizeof *cells);
    cells[0] = "";
    if (c->kind == CHART_BARS) /* what the bars measure: the caption says it */
        cells[1] = k->text;
    for (size_t s = 0; c->kind != CHART_BARS && s < c->nseries; s++)
        cells[1 + s] = c->series[s];
    numfmt_t *nf = numfmt_open(r->lang);
    for (size_t i = 0; i < c->nlabels; i++) {
        const char **row = cells + (i + 1) * ncols;
        row[0] = c->labels[i];
        for (size_t s = 0; s + 1 < ncols; s++) {
            /* bars: one value per label; lines: series-major; heat: label-major */
            double v = c->kind == CHART_BARS  ? c->values[i]
                       : c->kind == CHART_LINES ? c->values[s * c->nlabels + i]
                                                : c->values[i * c->nseries + s];
            row[1 + s] = numfmt_pct(nf, &r->arena, v);
        }
    }
    numfmt_close(nf);
    return table_json(r, id, k->text, cells, ncols, c->nlabels);
}

/* Whether table block t holds chart c's figures: the same caption, or one row
 * per bar or point headed by the chart's own label. */
static bool table_of_chart(const doc_block_t *t, const doc_block_t *c)
{
    if (t->kind != DOC_TABLE)
        return false;
    if (strcmp(t->text, c->text) == 0)
        return true;
    if (t->nrows != c->chart.nlabels || t->ncols == 0)
        return false;
    for (size_t i = 0; i < t->nrows; i++)
        if (strcmp(t->cells[(i + 1) * t->ncols], c->chart.labels[i]) != 0)
            return false;
    return true;
}

/* The index of the table beside chart block i that holds its figures (the
 * report puts one next to most charts); 0 if none. */
static size_t chart_neighbour(const review_doc_t *doc, size_t i)
{
    if (i > 0 && table_of_chart(&doc->blocks[i - 1], &doc->blocks[i]))
        return i - 1;
    if (i + 1 < doc->n && table_of_chart(&doc->blocks[i + 1], &doc->blocks[i]))
        return i + 1;
    return 0;
}

static double chart_width(const chart_t *c) { return c->kind == CHART_HEAT ? HEAT_WIDTH : CHART_WIDTH; }

/* The width a chart answer is drawn at: ?w=narrow draws bars and lines for a
 * phone (a heat map keeps its width and scrolls sideways in its figure). */
static double chart_answer_width(web_req_t *r, const chart_t *c)
{
    const char *w = web_query(r, "w");
    return w && strcmp(w, "narrow") == 0 && c->kind != CHART_HEAT ? CHART_NARROW : chart_width(c);
}

static json_t *chart_json(web_req_t *r, const review_doc_t *doc, size_t i, size_t number,
                          const char *query)
{
    const doc_block_t *k = &doc->blocks[i];
    char src[320], id[32];
    snprintf(src, sizeof src, "/%s/review/charts/%zu.svg%s", lang_code(r->lang), number, query);
    double w = chart_width(&k->chart);
    json_t *o = json_pack("{s:b,s:s,s:s,s:i,s:i}", "is_chart", 1, "caption", k->text, "src", src,
                          "width", (int)w, "height", (int)(chart_height(&k->chart, w) + 0.5));
    if (k->chart.kind != CHART_HEAT) {
        char narrow[340];
        snprintf(narrow, sizeof narrow, "%s%sw=narrow", src, *query ? "&" : "?");
        json_object_set_new(o, "src_narrow", json_string(narrow));
    } else
        json_object_set_new(o, "is_wide", json_true());
    size_t t = chart_neighbour(doc, i);
    snprintf(id, sizeof id, "b%zu", t ? t : i);
    json_object_set_new(o, "table_id", json_string(id));
    if (!t) {
        snprintf(id, sizeof id, "b%zu", i);
        json_object_set_new(o, "data", chart_table(r, k, id));
    }
    return o;
}

static json_t *block_json(web_req_t *r, const review_doc_t *doc, size_t i, size_t *charts,
                          const char *query)
{
    const doc_block_t *k = &doc->blocks[i];
    char id[32];
    switch (k->kind) {
    case DOC_TITLE: return json_pack("{s:b,s:s}", "is_title", 1, "text", k->text);
    case DOC_HEADING:
        snprintf(id, sizeof id, "s%zu", i);
        return json_pack("{s:b,s:s,s:s}", "is_heading", 1, "text", k->text, "anchor", id);
    case DOC_PARA:
        return json_pack("{s:b,s:s,s:b,s:b}", "is_para", 1, "text", k->text, "is_caveat",
                         k->text == doc->caveat, "is_demo_note", k->text == doc->demo_note);
    case DOC_TABLE: {
        snprintf(id, sizeof id, "b%zu", i);
        json_t *t = table_json(r, id, k->text, k->cells, k->ncols, k->nrows);
        json_object_set_new(t, "is_table", json_true());
        return t;
    }
    default: return chart_json(r, doc, i, ++*charts, query);
    }
}

/* The query the page's chart addresses repeat: the dates as asked (checked
 * already, so each is empty or ten characters). */
static const char *chart_query(web_req_t *r)
{
    const char *as_of = web_query(r, "as_of"), *since = web_query(r, "since");
    bool a = as_of && *as_of, s = since && *since;
    char *q = arena_alloc(&r->arena, 64);
    if (a && s)
        snprintf(q, 64, "?as_of=%s&since=%s", as_of, since);
    else if (a || s)
        snprintf(q, 64, "?%s=%s", a ? "as_of" : "since", a ? as_of : since);
    return q;
}

/* The contents: every heading and its anchor. */
static json_t *contents_json(const review_doc_t *doc)
{
    json_t *a = json_array();
    char id[32];
    for (size_t i = 0; i < doc->n; i++)
        if (doc->blocks[i].kind == DOC_HEADING) {
            snprintf(id, sizeof id, "s%zu", i);
            json_array_append_new(a, json_pack("{s:s,s:s}", "text", doc->blocks[i].text,
                                               "anchor", id));
        }
    return a;
}

static void page_model(web_req_t *r, const web_review_t *rv, json_t *m)
{
    const char *query = chart_query(r);
    json_t *blocks = json_array();
    for (size_t i = 0, charts = 0; i < rv->doc.n; i++)
        json_array_append_new(blocks, block_json(r, &rv->doc, i, &charts, query));
    json_object_set_new(m, "blocks", blocks);
    json_object_set_new(m, "contents", contents_json(&rv->doc));
    char href[320];
    snprintf(href, sizeof href, "/%s/review/download/review.pdf%s", lang_code(r->lang), query);
    json_object_set_new(m, "pdf_href", json_string(href));
    snprintf(href, sizeof href, "/%s/review/download/review.xlsx%s", lang_code(r->lang), query);
    json_object_set_new(m, "xlsx_href", json_string(href));
}

/* The form's bounds and values, on every answer (an error keeps what was
 * typed). The comparison date stays empty unless one was asked for: its
 * default follows the review date (five years earlier), which a filled-in
 * default would not when only the review date is changed. */
static void form_model(web_req_t *r, json_t *m)
{
    char today[11];
    date_today(today);
    const char *as_of = web_query(r, "as_of"), *since = web_query(r, "since");
    json_object_set_new(m, "first_date", json_string(REVIEW_FIRST_DATE));
    json_object_set_new(m, "today", json_string(today));
    json_object_set_new(m, "as_of", json_string(as_of && *as_of ? as_of : today));
    json_object_set_new(m, "since", json_string(since ? since : ""));
}

/* ---- handlers ------------------------------------------------------------------ */

rc_t h_review(web_req_t *r, json_t *m, err_t *e)
{
    web_review_t *rv;
    rc_t rc = review_get(r, &rv, e);
    if (rc != RC_OK && !r->api && r->status == 422) {
        form_model(r, m); /* the page again, with the form and what was wrong */
        json_object_set_new(m, "error", json_string(e->msg));
        return RC_OK;
    }
    if (rc != RC_OK)
        return rc;
    if (r->api) {
        buf_t b;
        buf_init(&b, 0);
        review_render_json(&rv->review, &b);
        json_error_t je;
        json_t *j = json_loadb(buf_str(&b), b.len, 0, &je);
        buf_free(&b);
        json_object_update(m, j);
        json_decref(j);
        json_object_set_new(m, "published_only", json_true());
    } else {
        form_model(r, m);
        page_model(r, rv, m);
    }
    web_review_release(rv);
    return RC_OK;
}

/* The chart number of "<n>.svg": 1 to 999, no leading zero; 0 otherwise. */
static size_t chart_number(const char *arg)
{
    size_t n = 0, i = 0;
    for (; arg[i] >= '0' && arg[i] <= '9' && i < 3; i++)
        n = n * 10 + (size_t)(arg[i] - '0');
    return i && arg[0] != '0' && strcmp(arg + i, ".svg") == 0 ? n : 0;
}

rc_t h_review_chart(web_req_t *r, json_t *m, err_t *e)
{
    (void)m;
    size_t n = chart_number(r->args[0]);
    if (n == 0)
        return web_fail(r, e, 404, RC_NOTFOUND, "%s", web_tr(r, "There is no such chart."));
    web_review_t *rv;
    rc_t rc = review_get(r, &rv, e);
    if (rc != RC_OK)
        return rc;
    const doc_block_t *k = NULL;
    for (size_t i = 0, seen = 0; i < rv->doc.n && !k; i++)
        if (rv->doc.blocks[i].kind == DOC_CHART && ++seen == n)
            k = &rv->doc.blocks[i];
    if (k) {
        buf_t b;
        buf_init(&b, 0);
        chart_svg(&b, &k->chart, chart_answer_width(r, &k->chart), "");
        r->file = arena_strndup(&r->arena, buf_str(&b), b.len);
        r->file_len = b.len;
        r->file_type = "image/svg+xml";
        r->download = "inline"; /* shown, not saved, when opened on its own */
        buf_free(&b);
        /* the server's answer cache keeps up to 1,024 answers, and the heat map
         * is 1.5 MB: a crawler walking through review dates would pin 1.5 GB.
         * Only the charts of the default dates are kept; others are drawn
         * again (the review itself stays in review_cache) */
        const char *as_of = web_query(r, "as_of"), *since = web_query(r, "since");
        r->no_cache = (as_of && *as_of) || (since && *since);
    }
    web_review_release(rv);
    return k ? RC_OK
             : web_fail(r, e, 404, RC_NOTFOUND, "%s", web_tr(r, "There is no such chart."));
}

/* The same review as a file: /<lang>/review/download/review.pdf or .xlsx,
 * for the dates asked, drawn by the report's own renderers into a temporary
 * file that is read back and removed. */
rc_t h_review_download(web_req_t *r, json_t *m, err_t *e)
{
    (void)m;
    bool pdf = strcmp(r->args[0], "review.pdf") == 0;
    if (!pdf && strcmp(r->args[0], "review.xlsx") != 0)
        return web_fail(r, e, 404, RC_NOTFOUND, "%s", web_tr(r, "There is no such file."));
    web_review_t *rv;
    rc_t rc = review_get(r, &rv, e);
    if (rc != RC_OK)
        return rc;
    char path[] = "/tmp/r1540-review-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0) {
        web_review_release(rv);
        return err_set(e, RC_FAIL, "cannot make a temporary file for the report");
    }
    close(fd);
    rc = pdf ? review_render_pdf(&rv->review, path, e) : review_render_xlsx(&rv->review, path, e);
    char *data = NULL;
    size_t len = 0;
    if (rc == RC_OK)
        rc = file_read_all(path, (size_t)64 << 20, &r->arena, &data, &len, e);
    unlink(path);
    if (rc == RC_OK) {
        char *disp = arena_alloc(&r->arena, 96);
        snprintf(disp, 96, "attachment; filename=\"review-%s-%s.%s\"", lang_code(r->lang),
                 rv->review.now.as_of, pdf ? "pdf" : "xlsx");
        r->file = data;
        r->file_len = len;
        r->file_type = pdf ? "application/pdf"
                           : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        r->download = disp;
        const char *as_of = web_query(r, "as_of"), *since = web_query(r, "since");
        r->no_cache = (as_of && *as_of) || (since && *since); /* as the charts */
    }
    web_review_release(rv);
    return rc;
}
