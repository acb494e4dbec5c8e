/*
 * The PostgreSQL side of assistance (store_ops.def, "assistance"): requests,
 * offers, proposals, their history, what the score needs of each state, and
 * the filtered, paged lists. The rules live in the schema
 * (postgres_schema_assistance.c); this file writes and reads the records from
 * their field tables (postgres_fields.c), so no column list is written here,
 * and gives a failed write the message SQLite's backend gives
 * (sqlite_assistance.c), chosen from the broken constraint's name: a failed
 * statement aborts PostgreSQL's transaction, so nothing may be asked after it.
 *
 * A request or an offer is its row plus one row per code of its lists; both
 * are written under a savepoint (or a transaction of their own outside one),
 * so a refused list leaves no record behind and the caller's transaction goes
 * on, as on SQLite. Proposals and events, which the matcher and the importer
 * write by the hundred, take no savepoint: a refused one aborts the caller's
 * transaction, and every caller (propose.c's record, dataset_assistance.c,
 * demo_proposals.c, app_assist.c) stops and rolls back at the first failure.
 */
#include <stdio.h>
#include <string.h>

#include "postgres_fields.h"
#include "postgres_private.h"

static void num(char *buf, size_t size, long long v) { snprintf(buf, size, "%lld", v); }

static bool ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), k = strlen(tail);
    return n >= k && strcmp(s + n - k, tail) == 0;
}

/* After an insert failed: names the record whose id was taken (the primary
 * key) or, for a foreign key, the unknown reference, as SQLite's backend
 * does; RC_NOTFOUND for the latter. */
static rc_t insert_failure(pg_store_t *h, rc_t rc, err_t *e, const char *taken,
                           const char *unknown)
{
    if (rc != RC_INPUT)
        return rc;
    if (ends_with(h->constraint, "_pkey"))
        return err_set(e, RC_INPUT, "%s already exists", taken);
    if (ends_with(h->constraint, "_fkey"))
        return err_set(e, RC_NOTFOUND, "%s", unknown);
    return rc;
}

/* ---- reading records from their field tables --------------------------------- */

/* The rows of "SELECT <t's columns and lists> FROM <t's table>" + tail into an
 * arena array (never NULL: callers may index it when there are no rows). */
static rc_t records(pg_store_t *h, const field_table_t *t, const char *tail, int n,
                    const char *const *params, arena_t *a, size_t elem, void *out, size_t *count,
                    err_t *e)
{
    char sql[2 * PG_FIELDS_SQL_MAX];
    pg_fields_select_sql(sql, t, tail);
    PGresult *r;
    rc_t rc = pg_exec(h, sql, n, params, &r, e);
    if (rc != RC_OK)
        return rc;
    int rows = PQntuples(r);
    unsigned char *arr = arena_alloc(a, (size_t)(rows ? rows : 1) * elem);
    for (int i = 0; i < rows; i++) {
        memset(arr + (size_t)i * elem, 0, elem);
        pg_fields_read(a, r, i, t, arr + (size_t)i * elem);
    }
    PQclear(r);
    memcpy(out, &arr, sizeof arr);
    *count = (size_t)rows;
    return RC_OK;
}

/* The record of t with this id: RC_NOTFOUND naming `what` when there is none. */
static rc_t record_get(pg_store_t *h, const field_table_t *t, long long id, const char *what,
                       arena_t *a, size_t elem, void *out, err_t *e)
{
    char ids[24];
    num(ids, sizeof ids, id);
    const char *p[] = {ids};
    void *arr;
    size_t n;
    rc_t rc = records(h, t, " WHERE id = $1::bigint", 1, p, a, elem, &arr, &n, e);
    if (rc == RC_OK && n == 0)
        return err_set(e, RC_NOTFOUND, "no %s with id %lld", what, id);
    if (rc == RC_OK)
        memcpy(out, arr, elem);
    return rc;
}

/* ---- writing records with their lists ---------------------------------------- */

/* Opens what record_end closes: a savepoint inside the caller's transaction,
 * else a transaction of the record's own (*own). */
static rc_t record_begin(pg_store_t *h, bool *own, err_t *e)
{
    *own = PQtransactionStatus(h->conn) == PQTRANS_IDLE;
    rc_t rc = pg_script(h, *own ? "BEGIN" : "SAVEPOINT r1540_record", e);
    if (*own && rc == RC_OK)
        h->in_tx = true; /* a lost connection is not replaced halfway through */
    return rc;
}

/* Keeps the record's writes when rc is RC_OK, else undoes them (leaving the
 * caller's transaction usable) and returns rc with its message. */
static rc_t record_end(pg_store_t *h, bool own, rc_t rc, err_t *e)
{
    if (own)
        h->in_tx = false;
    if (rc == RC_OK)
        return pg_script(h, own ? "COMMIT" : "RELEASE SAVEPOINT r1540_record", e);
    PQclear(PQexec(h->conn, own ? "ROLLBACK"
                                : "ROLLBACK TO SAVEPOINT r1540_record;"
                                  " RELEASE SAVEPOINT r1540_record"));
    return rc;
}

/* Inserts rec's own row; its id (given, or the highest + 1) in *id. */
static rc_t row_insert(pg_store_t *h, const field_table_t *t, const void *rec, long long *id,
                       err_t *e)
{
    char sql[PG_FIELDS_SQL_MAX];
    pg_fields_insert_new_sql(sql, t);
    pg_params_t p;
    p.n = 0;
    pg_fields_params(&p, t, rec);
    PGresult *r;
    rc_t rc = pg_exec(h, sql, p.n, p.v, &r, e);
    if (rc == RC_OK) {
        *id = pg_int(r, 0, 0);
        PQclear(r);
    }
    return rc;
}

/* Writes the codes of rec's lists as rows of record id in t's code table, in
 * list order; "a,,b" and "a," hold an empty code, which the table refuses, as
 * it refuses a code given twice. */
static rc_t lists_insert(pg_store_t *h, const field_table_t *t, const void *rec, long long id,
                         err_t *e)
{
    char sql[512], ids[24];
    snprintf(sql, sizeof sql,
             "INSERT INTO %s (%s, list, seq, code) SELECT $1::bigint, $2::text, u.seq, u.code"
             " FROM unnest(string_to_array($3::text, ',')) WITH ORDINALITY AS u (code, seq)",
             t->list_table, t->list_owner);
    num(ids, sizeof ids, id);
    for (size_t i = 0; i < t->n; i++) {
        const field_t *f = &t->fields[i];
        const char *list = f->type == FIELD_LIST ? field_text(f, rec) : NULL;
        if (!list || !*list)
            continue;
        const char *p[] = {ids, field_column(f), list};
        rc_t rc = pg_exec(h, sql, 3, p, NULL, e);
        if (rc == RC_INPUT)
            return err_set(e, RC_INPUT, "%s: a code is empty or given twice", f->name);
        if (rc != RC_OK)
            return rc;
    }
    return RC_OK;
}

/* A request or an offer with its lists, all or nothing; *id as row_insert's.
 * taken and unknown are the messages of insert_failure. */
static rc_t listed_insert(pg_store_t *h, const field_table_t *t, const void *rec, long long *id,
                          const char *taken, const char *unknown, err_t *e)
{
    bool own;
    rc_t rc = record_begin(h, &own, e);
    if (rc != RC_OK)
        return rc;
    rc = row_insert(h, t, rec, id, e);
    if (rc == RC_OK)
        rc = lists_insert(h, t, rec, *id, e);
    else
        rc = insert_failure(h, rc, e, taken, unknown);
    return record_end(h, own, rc, e);
}

/* Sets one column set (sql: $1.. then the id last) of the row with this id;
 * RC_NOTFOUND naming `what` when there is none. */
static rc_t row_update(pg_store_t *h, const char *sql, int n, const char **p, long long id,
                       const char *what, err_t *e)
{
    char ids[24];
    num(ids, sizeof ids, id);
    p[n - 1] = ids;
    PGresult *r;
    rc_t rc = pg_exec(h, sql, n, p, &r, e);
    if (rc == RC_OK && strcmp(PQcmdTuples(r), "0") == 0)
        rc = err_set(e, RC_NOTFOUND, "no %s with id %lld", what, id);
    PQclear(r);
    return rc;
}

/* ---- requests ---------------------------------------------------------------- */

rc_t pg_request_insert(void *h, assistance_request_t *r, err_t *e)
{
    char taken[48], unknown[64];
    snprintf(taken, sizeof taken, "a request with id %lld", r->id);
    snprintf(unknown, sizeof unknown, "unknown state '%s'", r->state);
    return listed_insert(h, &request_fields, r, &r->id, taken, unknown, e);
}

rc_t pg_request_get(void *h, long long id, arena_t *a, assistance_request_t *out, err_t *e)
{
    return record_get(h, &request_fields, id, "request", a, sizeof *out, out, e);
}

rc_t pg_request_list(void *h, const char *state, arena_t *a, assistance_request_t **out,
                     size_t *n, err_t *e)
{
    const char *p[] = {state};
    return records(h, &request_fields, " WHERE $1::text IS NULL OR state = $1::text ORDER BY id",
                   1, p, a, sizeof **out, out, n, e);
}

rc_t pg_request_set_status(void *h, long long id, const char *status, err_t *e)
{
    const char *p[] = {status ? status : "", NULL};
    return row_update(h, "UPDATE assistance_request SET status = $1 WHERE id = $2::bigint", 2, p,
                      id, "request", e);
}

rc_t pg_request_set_feedback(void *h, long long id, const char *outcome, const char *feedback,
                             const char *date, err_t *e)
{
    const char *p[] = {outcome ? outcome : "", feedback ? feedback : "", date ? date : "", NULL};
    return row_update(h,
                      "UPDATE assistance_request SET outcome = $1, feedback = $2,"
                      " feedback_date = $3 WHERE id = $4::bigint",
                      4, p, id, "request", e);
}

/* ---- offers ------------------------------------------------------------------ */

rc_t pg_offer_insert(void *h, assistance_offer_t *o, err_t *e)
{
    char taken[48], unknown[96];
    snprintf(taken, sizeof taken, "an offer with id %lld", o->id);
    snprintf(unknown, sizeof unknown,
             "unknown provider '%s' (a state code or an organization of "
             "`r1540 assistance org list`)",
             *o->provider_state ? o->provider_state : o->provider_org);
    return listed_insert(h, &offer_fields, o, &o->id, taken, unknown, e);
}

rc_t pg_offer_get(void *h, long long id, arena_t *a, assistance_offer_t *out, err_t *e)
{
    return record_get(h, &offer_fields, id, "offer", a, sizeof *out, out, e);
}

rc_t pg_offer_list(void *h, arena_t *a, assistance_offer_t **out, size_t *n, err_t *e)
{
    return records(h, &offer_fields, " ORDER BY id", 0, NULL, a, sizeof **out, out, n, e);
}

rc_t pg_offer_set_status(void *h, long long id, const char *status, err_t *e)
{
    const char *p[] = {status ? status : "", NULL};
    return row_update(h, "UPDATE assistance_offer SET status = $1 WHERE id = $2::bigint", 2, p,
                      id, "offer", e);
}

/* ---- proposals and their history ------------------------------------------------- */

rc_t pg_proposal_insert(void *h, assistance_proposal_t *p, err_t *e)
{
    rc_t rc = row_insert(h, &proposal_fields, p, &p->id, e);
    char taken[48], unknown[96];
    snprintf(taken, sizeof taken, "a proposal with id %lld", p->id);
    snprintf(unknown, sizeof unknown, "no request %lld or no offer %lld", p->request_id,
             p->offer_id);
    return insert_failure(h, rc, e, taken, unknown);
}

rc_t pg_proposal_get(void *h, long long id, arena_t *a, assistance_proposal_t *out, err_t *e)
{
    return record_get(h, &proposal_fields, id, "proposal", a, sizeof *out, out, e);
}

rc_t pg_proposal_list(void *h, long long request_id, arena_t *a, assistance_proposal_t **out,
                      size_t *n, err_t *e)
{
    char ids[24];
    num(ids, sizeof ids, request_id);
    const char *p[] = {ids};
    return records(h, &proposal_fields,
                   " WHERE $1::bigint = 0 OR request_id = $1::bigint ORDER BY id", 1, p, a,
                   sizeof **out, out, n, e);
}

rc_t pg_proposal_update(void *h, const assistance_proposal_t *p, err_t *e)
{
    const char *v[] = {p->status ? p->status : "", p->provider_answer ? p->provider_answer : "",
                       p->state_answer ? p->state_answer : "", NULL};
    return row_update(h,
                      "UPDATE assistance_proposal SET status = $1, provider_answer = $2,"
                      " state_answer = $3 WHERE id = $4::bigint",
                      4, v, p->id, "proposal", e);
}

/* seq 0 asks for the next number of the proposal's history; the parameters
 * are proposal_event_fields' columns in table order. */
rc_t pg_event_append(void *h, assistance_event_t *ev, err_t *e)
{
    pg_params_t p;
    p.n = 0;
    pg_fields_params(&p, &proposal_event_fields, ev);
    PGresult *r;
    rc_t rc = pg_exec(h,
                      "INSERT INTO assistance_event (proposal_id, seq, date, event, note)"
                      " VALUES ($1::bigint, CASE WHEN $2::integer > 0 THEN $2::integer ELSE"
                      " (SELECT coalesce(max(seq), 0) + 1 FROM assistance_event"
                      " WHERE proposal_id = $1::bigint) END, $3, $4, $5) RETURNING seq",
                      p.n, p.v, &r, e);
    if (rc == RC_OK) {
        ev->seq = (int)pg_int(r, 0, 0);
        PQclear(r);
    }
    char taken[64], unknown[64];
    snprintf(taken, sizeof taken, "event %d of proposal %lld", ev->seq, ev->proposal_id);
    snprintf(unknown, sizeof unknown, "no proposal with id %lld", ev->proposal_id);
    return insert_failure(h, rc, e, taken, unknown);
}

rc_t pg_event_list(void *h, long long proposal_id, arena_t *a, assistance_event_t **out,
                   size_t *n, err_t *e)
{
    char ids[24];
    num(ids, sizeof ids, proposal_id);
    const char *p[] = {ids};
    return records(h, &proposal_event_fields,
                   " WHERE $1::bigint = 0 OR proposal_id = $1::bigint ORDER BY proposal_id, seq",
                   1, p, a, sizeof **out, out, n, e);
}

/* ---- what the score needs of each state --------------------------------------------- */

static void read_need(arena_t *a, const PGresult *r, int i, void *record)
{
    (void)a;
    assistance_need_t *nd = record;
    pg_copy(r, i, 0, nd->state, sizeof nd->state);
    nd->reports = (int)pg_int(r, i, 1);
    nd->marked_x = (int)pg_int(r, i, 2);
    nd->applicable = (int)pg_int(r, i, 3);
}

rc_t pg_assistance_need(void *h, bool published_only, arena_t *a, assistance_need_t **out,
                        size_t *n, err_t *e)
{
    const char *p[] = {published_only ? "1" : "0"};
    PGresult *r;
    rc_t rc = pg_exec(
        h,
        "SELECT s.alpha3, (SELECT count(*) FROM report r WHERE r.state = s.alpha3),"
        " coalesce((SELECT count(*) FROM matrix_entry x WHERE x.version_id = v.id"
        "   AND x.mark = 'X'), 0),"
        " CASE WHEN v.id IS NULL THEN 0 ELSE (SELECT count(*) FROM template_item t"
        "   WHERE t.template_version = v.template_version) - (SELECT count(*) FROM"
        "   matrix_entry x WHERE x.version_id = v.id AND x.mark = 'NA') END"
        " FROM state s LEFT JOIN matrix_version v ON v.id = (SELECT id FROM matrix_version"
        "   WHERE state = s.alpha3 AND status IN ('published',"
        "     CASE WHEN $1::integer = 1 THEN '' ELSE 'approved' END)"
        "   ORDER BY number DESC LIMIT 1)"
        " ORDER BY s.alpha3",
        1, p, &r, e);
    if (rc != RC_OK)
        return rc;
    pg_collect(r, a, sizeof **out, read_need, out, n);
    PQclear(r);
    if (!*out)
        *out = arena_alloc(a, sizeof **out);
    return RC_OK;
}

/* ---- filtered, paged lists (store_request_find, store_offer_find) ---------------
 * As on SQLite: one WHERE per record kind, every filter a parameter that is
 * NULL when not asked for, the same WHERE counting the rows and selecting the
 * page. "Has code C" is a lookup in the record's code table; a template
 * item's themes are still a comma-separated column, so there C is looked for
 * between commas (a filter value holding a comma matches nothing). The table
 * is not aliased: the list columns of the SELECT name it. */

/* the record (table R) lists code p in `list` of its code table `codes` */
#define IN_LIST(R, codes, owner, list, p)                                                          \
    "EXISTS (SELECT 1 FROM " codes " c WHERE c." owner " = " R ".id AND c.list = '" list "'"      \
    " AND c.code = " p ")"
/* the record's own themes, or those of one of its items in the current template */
#define HAS_THEME(R, codes, owner, p)                                                              \
    "(" p " IS NULL OR " IN_LIST(R, codes, owner, "themes", p) " OR EXISTS (SELECT 1 FROM"         \
    " template_item t JOIN " codes " c ON c." owner " = " R ".id AND c.list = 'items'"            \
    " AND c.code = t.id WHERE t.template_version = coalesce((SELECT value::integer FROM meta"     \
    " WHERE key = 'template_version'), 1) AND strpos(" p ", ',') = 0"                              \
    " AND strpos(',' || t.themes || ',', ',' || " p " || ',') > 0))"
#define REQ "assistance_request"
#define REQUEST_WHERE                                                                              \
    " FROM " REQ " WHERE ($1::text IS NULL OR " REQ ".state = $1::text)"                          \
    " AND ($2::text IS NULL OR " REQ ".state IN (SELECT alpha3 FROM state"                        \
    "   WHERE m49_region = $2::text))"                                                             \
    " AND ($3::text IS NULL OR " REQ ".status = $3::text)"                                         \
    " AND ($4::text IS NULL OR " REQ ".kind = $4::text)"                                           \
    " AND " HAS_THEME(REQ, "assistance_request_code", "request_id", "$5::text")
#define OFF "assistance_offer"
#define OFFER_WHERE                                                                                \
    " FROM " OFF " WHERE ($1::text IS NULL OR " OFF ".status = $1::text)"                         \
    " AND ($2::text IS NULL OR " IN_LIST(OFF, "assistance_offer_code", "offer_id", "kinds",       \
                                         "$2::text") ")"                                           \
    " AND ($3::text IS NULL OR coalesce(" OFF ".provider_state, " OFF ".provider_org) = $3::text)" \
    " AND " HAS_THEME(OFF, "assistance_offer_code", "offer_id", "$4::text")

/* Counts the rows of `where` into *total, then reads the page: nf filter
 * parameters in f (an empty filter is NULL: no filter), then the limit (NULL
 * for STORE_NO_LIMIT) and the offset. */
static rc_t find(pg_store_t *h, const field_table_t *t, const char *where, const char **f, int nf,
                 const store_query_t *q, arena_t *a, size_t elem, void *out, size_t *n,
                 long long *total, err_t *e)
{
    for (int i = 0; i < nf; i++)
        if (f[i] && !*f[i])
            f[i] = NULL;
    char sql[2 * PG_FIELDS_SQL_MAX];
    snprintf(sql, sizeof sql, "SELECT count(*)%s", where);
    PGresult *r;
    rc_t rc = pg_exec(h, sql, nf, f, &r, e);
    if (rc != RC_OK)
        return rc;
    *total = pg_int(r, 0, 0);
    PQclear(r);
    char limit[24], offset[24], tail[2 * PG_FIELDS_SQL_MAX];
    num(limit, sizeof limit, q->limit);
    num(offset, sizeof offset, q->offset);
    f[nf] = q->limit == STORE_NO_LIMIT ? NULL : limit;
    f[nf + 1] = offset;
    /* the tail follows pg_fields_select_sql's "FROM table": `where` without it */
    snprintf(tail, sizeof tail, "%s ORDER BY id%s LIMIT $%d::bigint OFFSET $%d::bigint",
             where + strlen(" FROM ") + strlen(t->table), q->newest_first ? " DESC" : "", nf + 1,
             nf + 2);
    return records(h, t, tail, nf + 2, f, a, elem, out, n, e);
}

rc_t pg_request_find(void *h, const store_query_t *q, arena_t *a, assistance_request_t **out,
                     size_t *n, long long *total, err_t *e)
{
    const char *f[7] = {q->state, q->region, q->status, q->kind, q->theme};
    return find(h, &request_fields, REQUEST_WHERE, f, 5, q, a, sizeof **out, out, n, total, e);
}

rc_t pg_offer_find(void *h, const store_query_t *q, arena_t *a, assistance_offer_t **out,
                   size_t *n, long long *total, err_t *e)
{
    const char *f[6] = {q->status, q->kind, q->provider, q->theme};
    return find(h, &offer_fields, OFFER_WHERE, f, 4, q, a, sizeof **out, out, n, total, e);
}
