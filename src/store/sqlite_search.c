/*
 * The SQLite side of the text of reports (sqlite_schema_search.c): pages in
 * report_page, their terms in the FTS5 table report_fts under the page's id,
 * and the search, which turns a parsed query (src/text/analyze.h) into an
 * FTS5 expression and ranks with FTS5's BM25. Statements are prepared per
 * call: a search is one statement and a put a handful per page, so a cached
 * slot would gain little and the slots are shared with other files.
 */
#include <stdio.h>
#include <string.h>

#include "../util/buf.h"
#include "sqlite_private.h"

static rc_t prepare(sqlite_store_t *h, const char *sql, sqlite3_stmt **s, err_t *e)
{
    if (sqlite3_prepare_v2(sqlite_store_db(h), sql, -1, s, NULL) != SQLITE_OK)
        return sqlite_store_fail(h, e);
    return RC_OK;
}

/* Runs a one-off statement and finalizes it. */
static rc_t run_once(sqlite_store_t *h, sqlite3_stmt *s, err_t *e)
{
    int step = sqlite3_step(s);
    rc_t rc = step == SQLITE_DONE || step == SQLITE_ROW ? RC_OK : sqlite_store_fail(h, e);
    sqlite3_finalize(s);
    return rc;
}

static rc_t exec_sql(sqlite_store_t *h, const char *sql, err_t *e)
{
    if (sqlite3_exec(sqlite_store_db(h), sql, NULL, NULL, NULL) != SQLITE_OK)
        return sqlite_store_fail(h, e);
    return RC_OK;
}

static rc_t put_page(sqlite_store_t *h, long long report_id, const report_page_t *p, err_t *e)
{
    sqlite3_stmt *s;
    rc_t rc = prepare(h,
                      "INSERT INTO report_page (report_id, page, recognized, text)"
                      " VALUES (?, ?, ?, ?)",
                      &s, e);
    if (rc != RC_OK)
        return rc;
    sqlite3_bind_int64(s, 1, report_id);
    sqlite3_bind_int(s, 2, p->page);
    sqlite3_bind_int(s, 3, p->recognized);
    sqlite3_bind_text(s, 4, p->text ? p->text : "", -1, SQLITE_STATIC);
    if ((rc = run_once(h, s, e)) != RC_OK)
        return rc;
    long long row = sqlite_store_last_id(h);
    if ((rc = prepare(h, "INSERT INTO report_fts (rowid, terms) VALUES (?, ?)", &s, e)) != RC_OK)
        return rc;
    sqlite3_bind_int64(s, 1, row);
    sqlite3_bind_text(s, 2, p->terms ? p->terms : "", -1, SQLITE_STATIC);
    return run_once(h, s, e);
}

/* The writes of a put, inside its savepoint. */
static rc_t put_all(sqlite_store_t *h, long long report_id, const report_text_t *t, err_t *e)
{
    sqlite3_stmt *s;
    rc_t rc = prepare(h, "SELECT 1 FROM report WHERE id = ?", &s, e);
    if (rc != RC_OK)
        return rc;
    sqlite3_bind_int64(s, 1, report_id);
    int found = sqlite3_step(s) == SQLITE_ROW;
    sqlite3_finalize(s);
    if (!found)
        return err_set(e, RC_NOTFOUND, "no report with id %lld", report_id);
    if ((rc = prepare(h, "DELETE FROM report_page WHERE report_id = ?", &s, e)) != RC_OK)
        return rc;
    sqlite3_bind_int64(s, 1, report_id);
    if ((rc = run_once(h, s, e)) != RC_OK)
        return rc;
    if ((rc = prepare(h,
                      "INSERT OR REPLACE INTO report_text (report_id, status, pages, note)"
                      " VALUES (?, ?, ?, ?)",
                      &s, e)) != RC_OK)
        return rc;
    sqlite3_bind_int64(s, 1, report_id);
    sqlite3_bind_text(s, 2, t->status, -1, SQLITE_STATIC);
    sqlite3_bind_int(s, 3, t->pages);
    sqlite3_bind_text(s, 4, t->note ? t->note : "", -1, SQLITE_STATIC);
    if ((rc = run_once(h, s, e)) != RC_OK)
        return rc;
    for (size_t i = 0; i < t->n && rc == RC_OK; i++)
        rc = put_page(h, report_id, &t->page[i], e);
    return rc;
}

rc_t sqlite_report_text_put(void *hv, long long report_id, const report_text_t *t, err_t *e)
{
    sqlite_store_t *h = hv;
    rc_t rc = exec_sql(h, "SAVEPOINT report_text_put", e);
    if (rc != RC_OK)
        return rc;
    rc = put_all(h, report_id, t, e);
    if (rc != RC_OK)
        sqlite3_exec(sqlite_store_db(h), "ROLLBACK TO report_text_put", NULL, NULL, NULL);
    sqlite3_exec(sqlite_store_db(h), "RELEASE report_text_put", NULL, NULL, NULL);
    return rc;
}

rc_t sqlite_report_text_get(void *hv, long long report_id, arena_t *a, report_text_t *out,
                            err_t *e)
{
    sqlite_store_t *h = hv;
    sqlite3_stmt *s;
    rc_t rc = prepare(h, "SELECT status, pages, note FROM report_text WHERE report_id = ?", &s, e);
    if (rc != RC_OK)
        return rc;
    sqlite3_bind_int64(s, 1, report_id);
    memset(out, 0, sizeof *out);
    int step = sqlite3_step(s);
    if (step == SQLITE_ROW) {
        out->status = strcmp((const char *)sqlite3_column_text(s, 0), REPORT_TEXT_OK) == 0
                          ? REPORT_TEXT_OK
                          : REPORT_TEXT_NONE;
        out->pages = sqlite3_column_int(s, 1);
        out->note = sqlite_col_text(a, s, 2);
    } else if (step == SQLITE_DONE) {
        rc = err_set(e, RC_NOTFOUND, "report %lld has no extracted text", report_id);
    } else {
        rc = sqlite_store_fail(h, e);
    }
    sqlite3_finalize(s);
    return rc;
}

/* Appends one FTS5 string: the terms as a phrase in double quotes (a quote
 * inside is doubled, although terms hold only letters and digits). */
static void fts_phrase(buf_t *b, const text_phrase_t *p)
{
    buf_putc(b, '"');
    for (size_t i = 0; i < p->n; i++) {
        if (i)
            buf_putc(b, ' ');
        for (const char *c = p->terms[i]; *c; c++) {
            if (*c == '"')
                buf_putc(b, '"');
            buf_putc(b, *c);
        }
    }
    buf_putc(b, '"');
}

void sqlite_fts_expression(buf_t *b, const text_query_t *q)
{
    for (size_t u = 0; u < q->n_units; u++) {
        if (u)
            buf_puts(b, " AND ");
        buf_putc(b, '(');
        for (size_t k = 0; k < q->units[u].n_alts; k++) {
            if (k)
                buf_puts(b, " OR ");
            fts_phrase(b, &q->units[u].alts[k]);
        }
        buf_putc(b, ')');
    }
}

/* The matching pages that pass the filters; with no filter set, the FTS5
 * table alone (no join for every match). */
#define SEARCH_FROM                                                                            \
    " FROM report_fts f JOIN report_page p ON p.id = f.rowid JOIN report r ON r.id = p.report_id" \
    " WHERE report_fts MATCH ?1 AND (?2 IS NULL OR r.state = ?2) AND (?3 IS NULL OR r.kind = ?3)" \
    " AND (?4 IS NULL OR r.language = ?4) AND (?5 IS NULL OR r.date >= ?5)"                    \
    " AND (?6 IS NULL OR r.date <= ?6)"
#define SEARCH_FROM_ALL " FROM report_fts f WHERE report_fts MATCH ?1"

/* The slice is chosen on ids and scores alone, and only its pages' text is
 * read: sorting every match with its page's text made a common word slow. */
#define SEARCH_SLICE(from)                                                                     \
    "SELECT p.report_id, r.state, p.page, h.score, p.recognized, p.text, r.language, r.kind,"  \
    " r.date, r.title FROM (SELECT f.rowid AS id, -bm25(report_fts) AS score" from             \
    " ORDER BY 2 DESC, 1 LIMIT ?7 OFFSET ?8) h JOIN report_page p ON p.id = h.id"             \
    " JOIN report r ON r.id = p.report_id ORDER BY h.score DESC, h.id"

static bool filtered(const search_filter_t *f)
{
    const char *v[] = {f->state, f->kind, f->language, f->from, f->to};
    for (size_t i = 0; i < sizeof v / sizeof *v; i++)
        if (v[i] && *v[i])
            return true;
    return false;
}

/* Binds the match and, when the statement has them, the filters. */
static void bind_filter(sqlite3_stmt *s, const search_filter_t *f, const char *match)
{
    sqlite3_bind_text(s, 1, match, -1, SQLITE_STATIC);
    if (!filtered(f))
        return;
    sqlite_bind_text(s, 2, f->state && *f->state ? f->state : NULL);
    sqlite_bind_text(s, 3, f->kind && *f->kind ? f->kind : NULL);
    sqlite_bind_text(s, 4, f->language && *f->language ? f->language : NULL);
    sqlite_bind_text(s, 5, f->from && *f->from ? f->from : NULL);
    sqlite_bind_text(s, 6, f->to && *f->to ? f->to : NULL);
}

static void read_hit(arena_t *a, sqlite3_stmt *s, search_hit_t *h)
{
    memset(h, 0, sizeof *h);
    h->report = sqlite3_column_int64(s, 0);
    snprintf(h->state, sizeof h->state, "%s", (const char *)sqlite3_column_text(s, 1));
    h->page = sqlite3_column_int(s, 2);
    h->score = sqlite3_column_double(s, 3);
    h->recognized = sqlite3_column_int(s, 4);
    h->text = sqlite_col_text(a, s, 5);
    h->language = sqlite_col_text(a, s, 6);
    h->kind = sqlite_col_text(a, s, 7);
    h->date = sqlite_col_text(a, s, 8);
    h->title = sqlite_col_text(a, s, 9);
}

static rc_t count_hits(sqlite_store_t *h, const search_filter_t *f, const char *match,
                       long long *total, err_t *e)
{
    sqlite3_stmt *s;
    rc_t rc = prepare(h, filtered(f) ? "SELECT count(*)" SEARCH_FROM
                                     : "SELECT count(*)" SEARCH_FROM_ALL, &s, e);
    if (rc != RC_OK)
        return rc;
    bind_filter(s, f, match);
    int step = sqlite3_step(s);
    if (step == SQLITE_ROW)
        *total = sqlite3_column_int64(s, 0);
    else
        rc = sqlite_store_fail(h, e);
    sqlite3_finalize(s);
    return rc;
}

rc_t sqlite_search(void *hv, const search_filter_t *f, arena_t *a, search_hit_t **out, size_t *n,
                   long long *total, err_t *e)
{
    sqlite_store_t *h = hv;
    *out = NULL;
    *n = 0;
    *total = 0;
    buf_t match;
    buf_init(&match, 0);
    sqlite_fts_expression(&match, f->query);
    sqlite3_stmt *s;
    /* FTS5's bm25() cannot share a query with a window function, so the
     * total is counted by a second statement */
    rc_t rc = prepare(h, filtered(f) ? SEARCH_SLICE(SEARCH_FROM) : SEARCH_SLICE(SEARCH_FROM_ALL),
                      &s, e);
    if (rc != RC_OK) {
        buf_free(&match);
        return rc;
    }
    bind_filter(s, f, buf_str(&match));
    sqlite3_bind_int64(s, 7, f->limit);
    sqlite3_bind_int64(s, 8, f->offset);
    size_t cap = f->limit > 0 && f->limit < 1000 ? (size_t)f->limit : 1000;
    *out = arena_alloc(a, cap * sizeof **out);
    int step;
    while ((step = sqlite3_step(s)) == SQLITE_ROW && *n < cap) {
        read_hit(a, s, &(*out)[*n]);
        (*n)++;
    }
    if (step != SQLITE_ROW && step != SQLITE_DONE)
        rc = sqlite_store_fail(h, e);
    sqlite3_finalize(s);
    /* a slice shorter than its limit ends the matches: its end is the
     * total, and the second pass over every match is not needed */
    if (rc == RC_OK && (long long)*n < f->limit && *n < cap && (*n > 0 || f->offset == 0))
        *total = f->offset + (long long)*n;
    else if (rc == RC_OK)
        rc = count_hits(h, f, buf_str(&match), total, e);
    buf_free(&match);
    return rc;
}
