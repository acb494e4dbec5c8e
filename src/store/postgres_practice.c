/*
 * The PostgreSQL side of effective practices (store_ops.def, "effective
 * practices"; postgres_schema_practice.c; sqlite_practice.c is the SQLite
 * side, whose results these give: the same ids, orderings and codes). The
 * search index holds published practices only: practice_index refuses any
 * other, and a trigger takes a practice out when its status changes.
 *
 * The search matches the index's terms (r1540's own analysis) as SQLite's
 * FTS5 does: every unit of the query (AND), one of its alternatives (OR),
 * an alternative's terms adjacent and in order (<->). Its ranking is
 * ts_rank, not FTS5's BM25: the same practices are found, in an order that
 * may differ when several match.
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "../core/report.h"
#include "../util/buf.h"
#include "postgres_private.h"

#define COLS                                                                                       \
    "p.id, coalesce(p.state,''), coalesce(p.org,''), p.title, p.summary, p.language, p.items,"     \
    " p.themes, p.status, p.note, p.submitted, p.decided, p.submitter, p.demo,"                    \
    " d.filename, d.media_type, coalesce(d.size, -1), coalesce(d.sha256, '')"
#define FROM " FROM practice p LEFT JOIN practice_document d ON d.practice_id = p.id"

static rc_t insert_document(pg_store_t *h, practice_t *p, const void *doc, size_t len, err_t *e)
{
    char id[24], size[24];
    report_sha256_hex(doc, len, p->sha256);
    p->size = (long long)len;
    snprintf(id, sizeof id, "%lld", p->id);
    snprintf(size, sizeof size, "%lld", p->size);
    const char *v[] = {id, p->filename, p->media_type ? p->media_type : "", size, p->sha256, doc};
    int lengths[6] = {0, 0, 0, 0, 0, (int)len}, formats[6] = {0, 0, 0, 0, 0, 1};
    return pg_exec_bin(h,
                       "INSERT INTO practice_document"
                       " (practice_id, filename, media_type, size, sha256, document)"
                       " VALUES ($1, $2, $3, $4, $5, $6)",
                       6, v, lengths, formats, NULL, e);
}

static const char *or_null(const char *s)
{
    return s && *s ? s : NULL;
}

rc_t pg_practice_insert(void *hv, practice_t *p, const void *doc, size_t len, err_t *e)
{
    pg_store_t *h = hv;
    rc_t rc = practice_validate(p, e);
    if (rc != RC_OK)
        return rc;
    if (len > INT_MAX) /* a bytea parameter's length is an int */
        return err_set(e, RC_REFUSED, "the document is larger than the maximum document size");
    char id[24];
    snprintf(id, sizeof id, "%lld", p->id);
    const char *v[] = {p->id > 0 ? id : NULL,
                       or_null(p->state),
                       or_null(p->org),
                       p->title,
                       p->summary,
                       p->language,
                       p->items ? p->items : "",
                       p->themes ? p->themes : "",
                       p->status ? p->status : PRACTICE_SUBMITTED,
                       p->note ? p->note : "",
                       p->submitted,
                       p->decided,
                       p->submitter,
                       p->demo ? "1" : "0"};
    PGresult *r;
    /* no id given: the highest + 1, as SQLite's rowid (postgres_report.c) */
    rc = pg_exec(h,
                 "INSERT INTO practice (id, state, org, title, summary, language, items, themes,"
                 " status, note, submitted, decided, submitter, demo) VALUES (coalesce($1::bigint,"
                 " (SELECT coalesce(max(id), 0) + 1 FROM practice)),"
                 " $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id",
                 14, v, &r, e);
    if (rc != RC_OK)
        return rc;
    p->id = pg_int(r, 0, 0);
    PQclear(r);
    p->has_document = doc && len > 0;
    if (!p->has_document) {
        p->size = -1;
        p->sha256[0] = '\0';
        return RC_OK;
    }
    return insert_document(h, p, doc, len, e);
}

static void read_practice(arena_t *a, const PGresult *r, int i, void *record)
{
    practice_t *p = record;
    memset(p, 0, sizeof *p);
    p->id = pg_int(r, i, 0);
    pg_copy(r, i, 1, p->state, sizeof p->state);
    p->org = pg_text(a, r, i, 2);
    p->title = pg_text(a, r, i, 3);
    p->summary = pg_text(a, r, i, 4);
    pg_copy(r, i, 5, p->language, sizeof p->language);
    p->items = pg_text(a, r, i, 6);
    p->themes = pg_text(a, r, i, 7);
    p->status = practice_status_parse(PQgetvalue(r, i, 8));
    p->note = pg_text(a, r, i, 9);
    pg_copy(r, i, 10, p->submitted, sizeof p->submitted);
    pg_copy(r, i, 11, p->decided, sizeof p->decided);
    p->submitter = pg_text(a, r, i, 12);
    p->demo = pg_int(r, i, 13) != 0;
    p->has_document = !PQgetisnull(r, i, 14);
    p->filename = p->has_document ? pg_text(a, r, i, 14) : NULL;
    p->media_type = p->has_document ? pg_text(a, r, i, 15) : NULL;
    p->size = pg_int(r, i, 16);
    pg_copy(r, i, 17, p->sha256, sizeof p->sha256);
}

rc_t pg_practice_get(void *h, long long id, arena_t *a, practice_t *out, err_t *e)
{
    char ids[24];
    snprintf(ids, sizeof ids, "%lld", id);
    const char *v[] = {ids};
    PGresult *r;
    rc_t rc = pg_exec(h, "SELECT " COLS FROM " WHERE p.id = $1", 1, v, &r, e);
    if (rc != RC_OK)
        return rc;
    if (PQntuples(r) == 1)
        read_practice(a, r, 0, out);
    else
        rc = err_set(e, RC_NOTFOUND, "no practice with id %lld", id);
    PQclear(r);
    return rc;
}

rc_t pg_practice_list(void *h, const practice_filter_t *f, arena_t *a, practice_t **out, size_t *n,
                      err_t *e)
{
    const char *v[] = {or_null(f->status), or_null(f->item), or_null(f->state), or_null(f->org)};
    PGresult *r;
    /* items are a comma-separated list; item ids hold no comma, so the
     * bracketed strpos finds whole ids only (SQLite's instr) */
    rc_t rc =
        pg_exec(h,
                "SELECT " COLS FROM " WHERE ($1::text IS NULL OR p.status = $1)"
                " AND ($2::text IS NULL OR strpos(',' || p.items || ',', ',' || $2 || ',') > 0)"
                " AND ($3::text IS NULL OR p.state = $3) AND ($4::text IS NULL OR p.org = $4)"
                " ORDER BY p.id DESC",
                4, v, &r, e);
    if (rc == RC_OK) {
        pg_collect(r, a, sizeof **out, read_practice, out, n);
        PQclear(r);
    }
    return rc;
}

rc_t pg_practice_decide(void *h, long long id, const char *from, const char *to, const char *note,
                        const char *date, err_t *e)
{
    char ids[24];
    snprintf(ids, sizeof ids, "%lld", id);
    const char *v[] = {to, note ? note : "", date, ids, from};
    PGresult *r;
    rc_t rc = pg_exec(h,
                      "UPDATE practice SET status = $1, note = $2, decided = $3"
                      " WHERE id = $4 AND status = $5",
                      5, v, &r, e);
    if (rc != RC_OK)
        return rc;
    bool changed = strcmp(PQcmdTuples(r), "0") != 0;
    PQclear(r);
    if (changed)
        return RC_OK;
    /* another reviewer was first, or there is no such practice */
    practice_t p;
    arena_t scratch = ARENA_INIT;
    rc = pg_practice_get(h, id, &scratch, &p, e);
    if (rc == RC_OK)
        rc = err_set(e, RC_REFUSED, "practice %lld is %s, not %s", id, p.status, from);
    arena_free(&scratch);
    return rc;
}

rc_t pg_practice_index(void *h, long long id, const char *terms, err_t *e)
{
    char ids[24];
    snprintf(ids, sizeof ids, "%lld", id);
    const char *v[] = {ids, terms ? terms : ""};
    rc_t rc = pg_exec(h, "DELETE FROM practice_fts WHERE rowid = $1", 1, v, NULL, e);
    if (rc != RC_OK)
        return rc;
    PGresult *r;
    rc = pg_exec(h,
                 "INSERT INTO practice_fts (rowid, terms) SELECT id, $2 FROM practice"
                 " WHERE id = $1 AND status = 'published'",
                 2, v, &r, e);
    if (rc != RC_OK)
        return rc;
    if (strcmp(PQcmdTuples(r), "0") == 0)
        rc = err_set(e, RC_REFUSED, "practice %lld is not published: it is not indexed", id);
    PQclear(r);
    return rc;
}

rc_t pg_practice_document(void *h, long long id, arena_t *a, void **doc, size_t *len, err_t *e)
{
    char ids[24];
    snprintf(ids, sizeof ids, "%lld", id);
    const char *v[] = {ids};
    PGresult *r;
    rc_t rc =
        pg_exec(h, "SELECT document FROM practice_document WHERE practice_id = $1", 1, v, &r, e);
    if (rc != RC_OK)
        return rc;
    if (PQntuples(r) == 0) {
        rc = err_set(e, RC_NOTFOUND, "practice %lld has no document", id);
    } else {
        size_t n = 0;
        unsigned char *bytes = PQunescapeBytea((const unsigned char *)PQgetvalue(r, 0, 0), &n);
        if (!bytes) {
            rc = err_set(e, RC_FAIL, "practice %lld: cannot read the stored document", id);
        } else {
            /* one byte more, as SQLite's side gives: a caller may end it with a NUL */
            *doc = arena_alloc(a, n + 1);
            memcpy(*doc, bytes, n);
            *len = n;
            PQfreemem(bytes);
        }
    }
    PQclear(r);
    return rc;
}

rc_t pg_practice_search(void *h, const text_query_t *q, long long limit, arena_t *a,
                        practice_t **out, size_t *n, long long *total, err_t *e)
{
    *out = NULL;
    *n = 0;
    *total = 0;
    buf_t match;
    buf_init(&match, 0);
    pg_tsquery(&match, q);
    const char *v[] = {buf_str(&match)};
    PGresult *r;
    /* the join on status is a second guard: the index holds published ones
     * only; normalization 1 divides by the log of the length, as BM25 favours
     * shorter texts */
    rc_t rc = pg_exec(h,
                      "SELECT " COLS FROM " JOIN (SELECT rowid AS id,"
                      " ts_rank(r1540_terms_vector(terms), $1::tsquery, 1) AS score"
                      " FROM practice_fts WHERE r1540_terms_vector(terms) @@ $1::tsquery) m"
                      " ON m.id = p.id WHERE p.status = 'published'"
                      " ORDER BY m.score DESC, p.id",
                      1, v, &r, e);
    buf_free(&match);
    if (rc != RC_OK)
        return rc;
    size_t k;
    pg_collect(r, a, sizeof **out, read_practice, out, &k);
    PQclear(r);
    *total = (long long)k;
    *n = limit > 0 && (size_t)limit < k ? (size_t)limit : k;
    return RC_OK;
}
