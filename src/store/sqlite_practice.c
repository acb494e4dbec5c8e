/*
 * The SQLite side of effective practices (store_ops.def, "effective
 * practices"; sqlite_schema_practice.c). A few hundred records at most, so
 * each operation prepares its statement when called and finalizes it after,
 * as sqlite_outreach.c does. The search index holds published practices
 * only: practice_index refuses any other, and a trigger takes a practice
 * out when its status changes.
 */
#include <stdio.h>
#include <string.h>

#include "../core/report.h"
#include "sqlite_private.h"

#define COLS                                                                                       \
    "p.id, coalesce(p.state,''), coalesce(p.org,''), p.title, p.summary, p.language, p.items,"     \
    " p.themes, p.status, p.note, p.submitted, p.decided, p.submitter, p.demo,"                    \
    " d.filename, d.media_type, coalesce(d.size, -1), coalesce(d.sha256, '')"
#define FROM " FROM practice p LEFT JOIN practice_document d ON d.practice_id = p.id"

static rc_t insert_document(sqlite_store_t *h, practice_t *p, const void *doc, size_t len, err_t *e)
{
    rc_t rc = RC_OK;
    sqlite3_stmt *s =
        sqlite_store_prepare_once(h,
                                  "INSERT INTO practice_document"
                                  " (practice_id, filename, media_type, size, sha256, document)"
                                  " VALUES (?,?,?,?,?,?)",
                                  &rc, e);
    if (!s)
        return rc;
    report_sha256_hex(doc, len, p->sha256);
    p->size = (long long)len;
    sqlite3_bind_int64(s, 1, p->id);
    sqlite_bind_text(s, 2, p->filename);
    sqlite_bind_text(s, 3, p->media_type ? p->media_type : "");
    sqlite3_bind_int64(s, 4, p->size);
    sqlite_bind_text(s, 5, p->sha256);
    sqlite3_bind_blob64(s, 6, doc, len, SQLITE_STATIC);
    rc = sqlite_store_run(h, s, e);
    sqlite3_finalize(s);
    return rc;
}

rc_t sqlite_practice_insert(void *hv, practice_t *p, const void *doc, size_t len, err_t *e)
{
    sqlite_store_t *h = hv;
    rc_t rc = practice_validate(p, e);
    if (rc != RC_OK)
        return rc;
    sqlite3_stmt *s = sqlite_store_prepare_once(
        h,
        "INSERT INTO practice (id, state, org, title, summary, language,"
        " items, themes, status, note, submitted, decided, submitter, demo)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        &rc, e);
    if (!s)
        return rc;
    if (p->id > 0)
        sqlite3_bind_int64(s, 1, p->id);
    sqlite_bind_text(s, 2, p->state[0] ? p->state : NULL);
    sqlite_bind_text(s, 3, p->org && *p->org ? p->org : NULL);
    sqlite_bind_text(s, 4, p->title);
    sqlite_bind_text(s, 5, p->summary);
    sqlite_bind_text(s, 6, p->language);
    sqlite_bind_text(s, 7, p->items ? p->items : "");
    sqlite_bind_text(s, 8, p->themes ? p->themes : "");
    sqlite_bind_text(s, 9, p->status ? p->status : PRACTICE_SUBMITTED);
    sqlite_bind_text(s, 10, p->note ? p->note : "");
    sqlite_bind_text(s, 11, p->submitted);
    sqlite_bind_text(s, 12, p->decided);
    sqlite_bind_text(s, 13, p->submitter);
    sqlite3_bind_int(s, 14, p->demo);
    rc = sqlite_store_run(h, s, e);
    sqlite3_finalize(s);
    if (rc != RC_OK)
        return rc;
    p->id = sqlite_store_last_id(h);
    p->has_document = doc && len > 0;
    if (!p->has_document) {
        p->size = -1;
        p->sha256[0] = '\0';
        return RC_OK;
    }
    return insert_document(h, p, doc, len, e);
}

static void read_practice(arena_t *a, sqlite3_stmt *s, void *record)
{
    practice_t *p = record;
    memset(p, 0, sizeof *p);
    p->id = sqlite3_column_int64(s, 0);
    snprintf(p->state, sizeof p->state, "%s", sqlite_col_text(a, s, 1));
    p->org = sqlite_col_text(a, s, 2);
    p->title = sqlite_col_text(a, s, 3);
    p->summary = sqlite_col_text(a, s, 4);
    snprintf(p->language, sizeof p->language, "%s", sqlite_col_text(a, s, 5));
    p->items = sqlite_col_text(a, s, 6);
    p->themes = sqlite_col_text(a, s, 7);
    p->status = practice_status_parse(sqlite_col_text(a, s, 8));
    p->note = sqlite_col_text(a, s, 9);
    snprintf(p->submitted, sizeof p->submitted, "%s", sqlite_col_text(a, s, 10));
    snprintf(p->decided, sizeof p->decided, "%s", sqlite_col_text(a, s, 11));
    p->submitter = sqlite_col_text(a, s, 12);
    p->demo = sqlite3_column_int(s, 13) != 0;
    p->has_document = sqlite3_column_type(s, 14) != SQLITE_NULL;
    p->filename = p->has_document ? sqlite_col_text(a, s, 14) : NULL;
    p->media_type = p->has_document ? sqlite_col_text(a, s, 15) : NULL;
    p->size = sqlite3_column_int64(s, 16);
    snprintf(p->sha256, sizeof p->sha256, "%s", sqlite_col_text(a, s, 17));
}

rc_t sqlite_practice_get(void *hv, long long id, arena_t *a, practice_t *out, err_t *e)
{
    sqlite_store_t *h = hv;
    rc_t rc = RC_OK;
    sqlite3_stmt *s = sqlite_store_prepare_once(h, "SELECT " COLS FROM " WHERE p.id = ?", &rc, e);
    if (!s)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    practice_t *rows;
    size_t n;
    rc = sqlite_store_collect(h, s, a, sizeof *rows, read_practice, &rows, &n, e);
    sqlite3_finalize(s);
    if (rc == RC_OK && n == 0)
        return err_set(e, RC_NOTFOUND, "no practice with id %lld", id);
    if (rc == RC_OK)
        *out = rows[0];
    return rc;
}

static const char *or_null(const char *s)
{
    return s && *s ? s : NULL;
}

rc_t sqlite_practice_list(void *hv, const practice_filter_t *f, arena_t *a, practice_t **out,
                          size_t *n, err_t *e)
{
    sqlite_store_t *h = hv;
    rc_t rc = RC_OK;
    /* items are a comma-separated list; item ids hold no comma, so the
     * bracketed instr() finds whole ids only */
    sqlite3_stmt *s = sqlite_store_prepare_once(
        h,
        "SELECT " COLS FROM " WHERE (?1 IS NULL OR p.status = ?1)"
        " AND (?2 IS NULL OR instr(',' || p.items || ',', ',' || ?2 || ',') > 0)"
        " AND (?3 IS NULL OR p.state = ?3) AND (?4 IS NULL OR p.org = ?4)"
        " ORDER BY p.id DESC",
        &rc, e);
    if (!s)
        return rc;
    sqlite_bind_text(s, 1, or_null(f->status));
    sqlite_bind_text(s, 2, or_null(f->item));
    sqlite_bind_text(s, 3, or_null(f->state));
    sqlite_bind_text(s, 4, or_null(f->org));
    rc = sqlite_store_collect(h, s, a, sizeof **out, read_practice, out, n, e);
    sqlite3_finalize(s);
    return rc;
}

rc_t sqlite_practice_decide(void *hv, long long id, const char *from, const char *to,
                            const char *note, const char *date, err_t *e)
{
    sqlite_store_t *h = hv;
    rc_t rc = RC_OK;
    sqlite3_stmt *s =
        sqlite_store_prepare_once(h,
                                  "UPDATE practice SET status = ?1, note = ?2, decided = ?3"
                                  " WHERE id = ?4 AND status = ?5",
                                  &rc, e);
    if (!s)
        return rc;
    sqlite_bind_text(s, 1, to);
    sqlite_bind_text(s, 2, note ? note : "");
    sqlite_bind_text(s, 3, date);
    sqlite3_bind_int64(s, 4, id);
    sqlite_bind_text(s, 5, from);
    rc = sqlite_store_run(h, s, e);
    sqlite3_finalize(s);
    if (rc != RC_OK || sqlite_store_changes(h) > 0)
        return rc;
    practice_t p;
    arena_t scratch = ARENA_INIT;
    rc = sqlite_practice_get(h, id, &scratch, &p, e);
    if (rc == RC_OK)
        rc = err_set(e, RC_REFUSED, "practice %lld is %s, not %s", id, p.status, from);
    arena_free(&scratch);
    return rc;
}

rc_t sqlite_practice_index(void *hv, long long id, const char *terms, err_t *e)
{
    sqlite_store_t *h = hv;
    rc_t rc = RC_OK;
    sqlite3_stmt *s =
        sqlite_store_prepare_once(h, "DELETE FROM practice_fts WHERE rowid = ?", &rc, e);
    if (!s)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    rc = sqlite_store_run(h, s, e);
    sqlite3_finalize(s);
    if (rc != RC_OK)
        return rc;
    s = sqlite_store_prepare_once(
        h,
        "INSERT INTO practice_fts (rowid, terms) SELECT id, ?2 FROM practice"
        " WHERE id = ?1 AND status = 'published'",
        &rc, e);
    if (!s)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    sqlite_bind_text(s, 2, terms ? terms : "");
    rc = sqlite_store_run(h, s, e);
    sqlite3_finalize(s);
    if (rc == RC_OK && sqlite_store_changes(h) == 0)
        rc = err_set(e, RC_REFUSED, "practice %lld is not published: it is not indexed", id);
    return rc;
}

rc_t sqlite_practice_document(void *hv, long long id, arena_t *a, void **doc, size_t *len, err_t *e)
{
    sqlite_store_t *h = hv;
    rc_t rc = RC_OK;
    sqlite3_stmt *s = sqlite_store_prepare_once(
        h, "SELECT document FROM practice_document WHERE practice_id = ?", &rc, e);
    if (!s)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    int step = sqlite3_step(s);
    if (step == SQLITE_ROW) {
        *len = (size_t)sqlite3_column_bytes(s, 0);
        *doc = arena_alloc(a, *len + 1);
        if (*len)
            memcpy(*doc, sqlite3_column_blob(s, 0), *len);
    } else if (step == SQLITE_DONE) {
        rc = err_set(e, RC_NOTFOUND, "practice %lld has no document", id);
    } else {
        rc = sqlite_store_fail(h, e);
    }
    sqlite3_finalize(s);
    return rc;
}

rc_t sqlite_practice_search(void *hv, const text_query_t *q, long long limit, arena_t *a,
                            practice_t **out, size_t *n, long long *total, err_t *e)
{
    sqlite_store_t *h = hv;
    rc_t rc = RC_OK;
    *out = NULL;
    *n = 0;
    *total = 0;
    buf_t match;
    buf_init(&match, 0);
    sqlite_fts_expression(&match, q);
    /* the join on status is a second guard: the index holds published ones only */
    sqlite3_stmt *s = sqlite_store_prepare_once(
        h,
        "SELECT " COLS FROM " JOIN (SELECT rowid AS id, bm25(practice_fts)"
        " AS score FROM practice_fts WHERE practice_fts MATCH ?1) m"
        " ON m.id = p.id WHERE p.status = 'published'"
        " ORDER BY m.score, p.id",
        &rc, e);
    if (!s) {
        buf_free(&match);
        return rc;
    }
    sqlite3_bind_text(s, 1, buf_str(&match), -1, SQLITE_TRANSIENT);
    practice_t *rows;
    size_t k;
    rc = sqlite_store_collect(h, s, a, sizeof *rows, read_practice, &rows, &k, e);
    sqlite3_finalize(s);
    buf_free(&match);
    if (rc != RC_OK)
        return rc;
    *total = (long long)k;
    *out = rows;
    *n = limit > 0 && (size_t)limit < k ? (size_t)limit : k;
    return RC_OK;
}
