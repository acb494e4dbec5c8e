/*
 * The PostgreSQL side of the text of reports: storing and reading a report's
 * extracted pages and status. The search itself (pg_search), over
 * report_page's GIN index, is postgres_search_query.c.
 */
#include <stdio.h>
#include <string.h>

#include "postgres_private.h"

static rc_t put_page(pg_store_t *h, const char *id, const report_page_t *pg, err_t *e)
{
    char page[24];
    snprintf(page, sizeof page, "%d", pg->page);
    const char *p[] = {id, page, pg->recognized ? "1" : "0", pg->text ? pg->text : "",
                       pg->terms ? pg->terms : ""};
    return pg_exec(h,
                   "INSERT INTO report_page (report_id, page, recognized, text, terms)"
                   " VALUES ($1, $2, $3, $4, $5)",
                   5, p, NULL, e);
}

/* The writes of a put, all or nothing (see pg_report_text_put). */
static rc_t put_all(pg_store_t *h, long long report_id, const report_text_t *t, err_t *e)
{
    char id[24], pages[24];
    snprintf(id, sizeof id, "%lld", report_id);
    snprintf(pages, sizeof pages, "%d", t->pages);
    const char *p[] = {id, t->status, pages, t->note ? t->note : ""};
    PGresult *r;
    rc_t rc = pg_exec(h, "SELECT 1 FROM report WHERE id = $1", 1, p, &r, e);
    if (rc != RC_OK)
        return rc;
    bool found = PQntuples(r) == 1;
    PQclear(r);
    if (!found)
        return err_set(e, RC_NOTFOUND, "no report with id %lld", report_id);
    if ((rc = pg_exec(h, "DELETE FROM report_page WHERE report_id = $1", 1, p, NULL, e)) != RC_OK ||
        (rc = pg_exec(h,
                      "INSERT INTO report_text (report_id, status, pages, note)"
                      " VALUES ($1, $2, $3, $4) ON CONFLICT (report_id) DO UPDATE SET"
                      " status = excluded.status, pages = excluded.pages, note = excluded.note",
                      4, p, NULL, e)) != RC_OK)
        return rc;
    for (size_t i = 0; i < t->n && rc == RC_OK; i++)
        rc = put_page(h, id, &t->page[i], e);
    return rc;
}

/* All or nothing: in a savepoint inside the caller's transaction, or in a
 * transaction of its own outside one (PostgreSQL has no savepoint there). */
rc_t pg_report_text_put(void *hv, long long report_id, const report_text_t *t, err_t *e)
{
    pg_store_t *h = hv;
    bool own = PQtransactionStatus(h->conn) == PQTRANS_IDLE;
    rc_t rc = pg_script(h, own ? "BEGIN" : "SAVEPOINT report_text_put", e);
    if (rc != RC_OK)
        return rc;
    if (own)
        h->in_tx = true; /* a lost connection is not replaced halfway through */
    rc = put_all(h, report_id, t, e);
    if (rc != RC_OK && own)
        h->in_tx = false;
    if (rc != RC_OK)
        PQclear(PQexec(h->conn, own ? "ROLLBACK" : "ROLLBACK TO report_text_put; "
                                                   "RELEASE report_text_put"));
    else if (own)
        rc = pg_commit(h, e);
    else
        rc = pg_script(h, "RELEASE report_text_put", e);
    return rc;
}

rc_t pg_report_text_get(void *h, long long report_id, arena_t *a, report_text_t *out, err_t *e)
{
    char id[24];
    snprintf(id, sizeof id, "%lld", report_id);
    const char *p[] = {id};
    PGresult *r;
    rc_t rc = pg_exec(h, "SELECT status, pages, note FROM report_text WHERE report_id = $1", 1,
                      p, &r, e);
    if (rc != RC_OK)
        return rc;
    memset(out, 0, sizeof *out);
    if (PQntuples(r) == 1) {
        out->status = strcmp(PQgetvalue(r, 0, 0), REPORT_TEXT_OK) == 0 ? REPORT_TEXT_OK
                                                                       : REPORT_TEXT_NONE;
        out->pages = (int)pg_int(r, 0, 1);
        out->note = pg_text(a, r, 0, 2);
    } else {
        rc = err_set(e, RC_NOTFOUND, "report %lld has no extracted text", report_id);
    }
    PQclear(r);
    return rc;
}
