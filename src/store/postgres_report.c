/*
 * The PostgreSQL side of reports: their records and stored files. Documents
 * travel as binary parameters (bytea) and come back unescaped. A report
 * without an id gets the highest id + 1, as SQLite's rowid does, so the same
 * demo gives the same ids on both backends; writers are serialized by the
 * write lock taken at begin, and a racing write outside a transaction fails on
 * the primary key rather than taking a used id.
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "postgres_private.h"

#define REPORT_COLS "id, state, kind, date, language, title, filename, media_type, size, " \
    "sha256, (document IS NOT NULL)::int"

rc_t pg_report_insert(void *h, report_t *r, const void *doc, size_t len, err_t *e)
{
    if (len > INT_MAX)
        return err_set(e, RC_REFUSED, "the document is larger than the maximum document size");
    char id[24], size[24];
    snprintf(id, sizeof id, "%lld", r->id);
    snprintf(size, sizeof size, "%lld", r->size);
    const char *p[] = {r->id > 0 ? id : NULL, r->state, r->kind, r->date, r->language, r->title,
                       r->filename, r->media_type, size, r->sha256, doc};
    int lengths[11] = {0}, formats[11] = {0};
    lengths[10] = (int)len, formats[10] = 1;
    PGresult *res;
    rc_t rc = pg_exec_bin(h,
                          "INSERT INTO report (id, state, kind, date, language, title, filename,"
                          " media_type, size, sha256, document) VALUES (coalesce($1::bigint,"
                          " (SELECT coalesce(max(id), 0) + 1 FROM report)),"
                          " $2,$3,$4,$5,$6,$7,$8,$9,$10,$11) RETURNING id",
                          11, p, lengths, formats, &res, e);
    if (rc == RC_OK) {
        r->id = pg_int(res, 0, 0);
        PQclear(res);
    } else if (rc == RC_INPUT && strcmp(((pg_store_t *)h)->constraint, "report_pkey") == 0) {
        err_set(e, RC_INPUT, "a report with id %lld already exists", r->id);
    }
    return rc;
}

static void read_report(arena_t *a, const PGresult *r, int i, void *record)
{
    report_t *rp = record;
    memset(rp, 0, sizeof *rp);
    rp->id = pg_int(r, i, 0);
    pg_copy(r, i, 1, rp->state, sizeof rp->state);
    rp->kind = report_kind_parse(PQgetvalue(r, i, 2));
    pg_copy(r, i, 3, rp->date, sizeof rp->date);
    pg_copy(r, i, 4, rp->language, sizeof rp->language);
    rp->title = pg_text(a, r, i, 5);
    rp->filename = PQgetisnull(r, i, 6) ? NULL : pg_text(a, r, i, 6);
    rp->media_type = PQgetisnull(r, i, 7) ? NULL : pg_text(a, r, i, 7);
    rp->size = pg_int(r, i, 8);
    pg_copy(r, i, 9, rp->sha256, sizeof rp->sha256);
    rp->has_document = pg_int(r, i, 10);
}

rc_t pg_report_get(void *h, long long id, arena_t *a, report_t *out, err_t *e)
{
    char ids[24];
    snprintf(ids, sizeof ids, "%lld", id);
    const char *p[] = {ids};
    PGresult *r;
    rc_t rc = pg_exec(h, "SELECT " REPORT_COLS " FROM report WHERE id = $1", 1, p, &r, e);
    if (rc != RC_OK)
        return rc;
    if (PQntuples(r) == 1)
        read_report(a, r, 0, out);
    else
        rc = err_set(e, RC_NOTFOUND, "no report with id %lld", id);
    PQclear(r);
    return rc;
}

rc_t pg_report_list(void *h, const char *state, arena_t *a, report_t **out, size_t *n, err_t *e)
{
    const char *p[] = {state};
    PGresult *r;
    rc_t rc = state ? pg_exec(h,
                              "SELECT " REPORT_COLS " FROM report WHERE state = $1"
                              " ORDER BY date, id",
                              1, p, &r, e)
                    : pg_exec(h, "SELECT " REPORT_COLS " FROM report ORDER BY state, date, id",
                              0, NULL, &r, e);
    if (rc == RC_OK) {
        pg_collect(r, a, sizeof **out, read_report, out, n);
        PQclear(r);
    }
    return rc;
}

rc_t pg_report_document(void *h, long long id, arena_t *a, void **doc, size_t *len, err_t *e)
{
    char ids[24];
    snprintf(ids, sizeof ids, "%lld", id);
    const char *p[] = {ids};
    PGresult *r;
    rc_t rc = pg_exec(h, "SELECT document FROM report WHERE id = $1", 1, p, &r, e);
    if (rc != RC_OK)
        return rc;
    if (PQntuples(r) == 0)
        rc = err_set(e, RC_NOTFOUND, "no report with id %lld", id);
    else if (PQgetisnull(r, 0, 0))
        rc = err_set(e, RC_NOTFOUND, "report %lld has no stored file", id);
    else {
        size_t n = 0;
        unsigned char *bytes = PQunescapeBytea((const unsigned char *)PQgetvalue(r, 0, 0), &n);
        if (!bytes)
            rc = err_set(e, RC_FAIL, "report %lld: cannot read the stored file", id);
        else {
            *doc = arena_alloc(a, n ? n : 1);
            memcpy(*doc, bytes, n);
            *len = n;
            PQfreemem(bytes);
        }
    }
    PQclear(r);
    return rc;
}

rc_t pg_report_attach(void *h, long long id, const void *doc, size_t len, err_t *e)
{
    if (len > INT_MAX)
        return err_set(e, RC_REFUSED, "the document is larger than the maximum document size");
    char ids[24];
    snprintf(ids, sizeof ids, "%lld", id);
    const char *p[] = {doc, ids};
    int lengths[] = {(int)len, 0}, formats[] = {1, 0};
    PGresult *r;
    rc_t rc = pg_exec_bin(h, "UPDATE report SET document = $1 WHERE id = $2 AND document IS NULL",
                          2, p, lengths, formats, &r, e);
    if (rc == RC_OK && strcmp(PQcmdTuples(r), "0") == 0)
        rc = err_set(e, RC_REFUSED, "report %lld already has a file, or does not exist", id);
    PQclear(r);
    return rc;
}
