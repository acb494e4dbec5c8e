/*
 * The PostgreSQL side of the search over the text of reports (sqlite_search.c
 * is SQLite's). The parsed query (src/text/analyze.h) becomes a tsquery, as
 * SQLite's becomes an FTS5 expression: its units joined by &, a unit's
 * alternatives by |, a phrase's terms by <-> (the next position), each term a
 * quoted lexeme. The pages' terms are already folded and split by the same
 * analyzer, so to_tsvector('simple', terms) only splits them at the spaces
 * (postgres_schema_search.c indexes that expression): the same query finds
 * the same pages as on SQLite.
 *
 * The ranking is not SQLite's: FTS5's BM25 weighs a term by its rarity
 * across all pages, which PostgreSQL's ts_rank does not know. ts_rank with
 * normalization 1 (divided by 1 + the logarithm of the page's length) keeps
 * BM25's other two ideas: more occurrences rank higher, a long page lower.
 * Ties go by page id on both backends.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/buf.h"
#include "postgres_private.h"

/* Appends one term as a quoted tsquery lexeme: a quote doubled, a backslash
 * escaped (terms hold only letters and digits; this is for safety). */
static void ts_lexeme(buf_t *b, const char *term)
{
    buf_putc(b, '\'');
    for (const char *c = term; *c; c++) {
        if (*c == '\'' || *c == '\\')
            buf_putc(b, *c == '\'' ? '\'' : '\\');
        buf_putc(b, *c);
    }
    buf_putc(b, '\'');
}

/* The tsquery of q, as text (a parameter of the statement, never SQL):
 * postgres_private.h. */
void pg_tsquery(buf_t *b, const text_query_t *q)
{
    for (size_t u = 0; u < q->n_units; u++) {
        buf_puts(b, u ? " & (" : "(");
        for (size_t k = 0; k < q->units[u].n_alts; k++) {
            const text_phrase_t *p = &q->units[u].alts[k];
            buf_puts(b, k ? " | (" : "(");
            for (size_t i = 0; i < p->n; i++) {
                if (i)
                    buf_puts(b, " <-> ");
                ts_lexeme(b, p->terms[i]);
            }
            buf_putc(b, ')');
        }
        buf_putc(b, ')');
    }
}

/* The matching pages that pass the filters ($2..$6, NULL for none). */
#define SEARCH_FROM                                                                                \
    " FROM report_page p JOIN report r ON r.id = p.report_id, CAST($1 AS tsquery) q"               \
    " WHERE to_tsvector('simple', p.terms) @@ q"                                                   \
    " AND ($2::text IS NULL OR r.state = $2) AND ($3::text IS NULL OR r.kind = $3)"                \
    " AND ($4::text IS NULL OR r.language = $4) AND ($5::text IS NULL OR r.date >= $5)"            \
    " AND ($6::text IS NULL OR r.date <= $6)"

/* The slice is chosen on ids and scores alone, and only its pages' text is
 * read, as on SQLite; the window counts every match in the same pass. */
#define SEARCH_SLICE                                                                               \
    "SELECT p.report_id, r.state, p.page, h.score, p.recognized, p.text, r.language, r.kind,"      \
    " r.date, r.title, h.total FROM (SELECT p.id,"                                                 \
    " ts_rank(to_tsvector('simple', p.terms), q, 1)::float8 AS score,"                             \
    " count(*) OVER () AS total" SEARCH_FROM " ORDER BY 2 DESC, 1 LIMIT $7 OFFSET $8) h"           \
    " JOIN report_page p ON p.id = h.id JOIN report r ON r.id = p.report_id"                       \
    " ORDER BY h.score DESC, h.id"

static const char *filter_value(const char *v)
{
    return v && *v ? v : NULL;
}

static void read_hit(arena_t *a, const PGresult *r, int i, void *record)
{
    search_hit_t *h = record;
    memset(h, 0, sizeof *h);
    h->report = pg_int(r, i, 0);
    pg_copy(r, i, 1, h->state, sizeof h->state);
    h->page = (int)pg_int(r, i, 2);
    h->score = strtod(PQgetvalue(r, i, 3), NULL);
    h->recognized = pg_int(r, i, 4) != 0;
    h->text = pg_text(a, r, i, 5);
    h->language = pg_text(a, r, i, 6);
    h->kind = pg_text(a, r, i, 7);
    h->date = pg_text(a, r, i, 8);
    h->title = pg_text(a, r, i, 9);
}

rc_t pg_search(void *hv, const search_filter_t *f, arena_t *a, search_hit_t **out, size_t *n,
               long long *total, err_t *e)
{
    pg_store_t *h = hv;
    *out = NULL;
    *n = 0;
    *total = 0;
    buf_t match;
    buf_init(&match, 0);
    pg_tsquery(&match, f->query);
    /* at most 1000 hits, as SQLite's side reads; a negative limit is none */
    long long lim = f->limit == 0 ? 0 : f->limit > 0 && f->limit < 1000 ? f->limit : 1000;
    char limit[24], offset[24];
    snprintf(limit, sizeof limit, "%lld", lim);
    snprintf(offset, sizeof offset, "%lld", f->offset > 0 ? f->offset : 0);
    const char *p[] = {buf_str(&match),
                       filter_value(f->state),
                       filter_value(f->kind),
                       filter_value(f->language),
                       filter_value(f->from),
                       filter_value(f->to),
                       limit,
                       offset};
    PGresult *r;
    rc_t rc = pg_exec(h, SEARCH_SLICE, 8, p, &r, e);
    if (rc == RC_OK) {
        pg_collect(r, a, sizeof **out, read_hit, out, n);
        if (*n > 0)
            *total = pg_int(r, 0, 10);
        PQclear(r);
    }
    /* past the last match (or with no room) the slice is empty and
     * carries no total */
    if (rc == RC_OK && *n == 0 && (f->offset > 0 || lim == 0)) {
        rc = pg_exec(h, "SELECT count(*)" SEARCH_FROM, 6, p, &r, e);
        if (rc == RC_OK) {
            *total = pg_int(r, 0, 0);
            PQclear(r);
        }
    }
    buf_free(&match);
    return rc;
}
