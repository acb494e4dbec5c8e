/*
 * The SQLite backend's assistance operations (store.h, "assistance"). The
 * rules live in the schema (sqlite_schema_assistance.c); this file binds
 * parameters, reads rows into arena records (with sqlite_private.h's
 * helpers), and turns a key failure into a message that names the record.
 * Statements are prepared per call: these are not hot paths (hundreds of
 * rows, not millions). Requests, offers, proposals and their history are
 * bound and read from their field tables (sqlite_fields.h), so their column
 * lists are written nowhere here.
 */
#include <stdio.h>
#include <string.h>

#include "sqlite_assistance.h"
#include "sqlite_fields.h"


/* A statement prepared for one call; finalize with done(). */
static rc_t prep(void *h, const char *sql, sqlite3_stmt **s, err_t *e)
{
    if (sqlite3_prepare_v2(sqlite_store_db(h), sql, -1, s, NULL) != SQLITE_OK)
        return sqlite_store_fail(h, e);
    return RC_OK;
}

/* The proposal and history writes, which the matcher and the demo make by the
 * hundred, are prepared once per connection: their triggers make preparing
 * them cost more than running them. */
enum { P_INSERT, P_UPDATE, P_EVENT, P_COUNT };
_Static_assert((int)SQLITE_ASSIST_SLOTS + (int)P_COUNT <= (int)SQLITE_ENTRY_SLOTS,
               "sqlite_private.h: raise SQLITE_EXTRA_STMTS");
static const char *const cached_sql[P_COUNT] = {
    [P_UPDATE] = "UPDATE assistance_proposal SET status = ?, provider_answer = ?,"
                 " state_answer = ? WHERE id = ?",
    /* seq 0 asks the store for the next number of the proposal's history; the
     * parameters are proposal_event_fields' columns in table order. */
    [P_EVENT] = "INSERT INTO assistance_event (proposal_id, seq, date, event, note)"
                " VALUES (?1, CASE WHEN ?2 > 0 THEN ?2 ELSE (SELECT coalesce(max(seq), 0)"
                " + 1 FROM assistance_event WHERE proposal_id = ?1) END, ?3, ?4, ?5)"
                " RETURNING seq",
};

/* The cached statement `which`, reset with its bindings cleared (the handle
 * owns it: never finalize it); the proposal insert's text comes from its
 * field table. */
static rc_t cached(void *h, int which, sqlite3_stmt **s, err_t *e)
{
    char sql[SQLITE_FIELDS_SQL_MAX];
    if (which == P_INSERT)
        sqlite_fields_insert_sql(sql, &proposal_fields, NULL, 0, "");
    *s = sqlite_store_stmt(h, SQLITE_ASSIST_SLOTS + which,
                           which == P_INSERT ? sql : cached_sql[which]);
    return *s ? RC_OK : sqlite_store_fail(h, e);
}

/* Runs a statement that returns no rows and finalizes it. */
static rc_t run_once(void *h, sqlite3_stmt *s, err_t *e)
{
    int src = sqlite3_step(s);
    rc_t rc = src == SQLITE_DONE || src == SQLITE_ROW ? RC_OK : sqlite_store_fail(h, e);
    sqlite3_finalize(s);
    return rc;
}

static void bind_str(sqlite3_stmt *s, int i, const char *v)
{
    sqlite3_bind_text(s, i, v ? v : "", -1, SQLITE_STATIC);
}

static void col_fixed(sqlite3_stmt *s, int i, char *dst, size_t size)
{
    const unsigned char *t = sqlite3_column_text(s, i);
    snprintf(dst, size, "%s", t ? (const char *)t : "");
}

/* Reads every row (sqlite_store_collect) and finalizes the statement; *out is
 * never NULL, so callers may index it even when there are no rows. */
static rc_t rows(void *h, sqlite3_stmt *s, arena_t *a, size_t elem, sqlite_row_reader_t read,
                 void *out, size_t *n, err_t *e)
{
    rc_t rc = sqlite_store_collect(h, s, a, elem, read, out, n, e);
    sqlite3_finalize(s);
    void *arr;
    memcpy(&arr, out, sizeof arr);
    if (!arr) {
        arr = arena_alloc(a, elem);
        memcpy(out, &arr, sizeof arr);
    }
    return rc;
}

/* One row by id: RC_NOTFOUND naming `what` when there is none. */
static rc_t one(void *h, sqlite3_stmt *s, arena_t *a, size_t elem, sqlite_row_reader_t read,
                void *out, const char *what, long long id, err_t *e)
{
    void *arr;
    size_t n;
    rc_t rc = rows(h, s, a, elem, read, &arr, &n, e);
    if (rc == RC_OK && n == 0)
        return err_set(e, RC_NOTFOUND, "no %s with id %lld", what, id);
    if (rc == RC_OK)
        memcpy(out, arr, elem);
    return rc;
}

/* After an insert failed: names the record whose id was taken (a primary key
 * conflict) or, for a foreign key, the unknown reference (`unknown`). Asks the
 * connection which constraint failed rather than reading the message. */
static rc_t insert_failure(void *h, rc_t rc, err_t *e, const char *taken, const char *unknown)
{
    if (rc != RC_INPUT)
        return rc;
    int code = sqlite_store_errcode(h);
    if (code == SQLITE_CONSTRAINT_PRIMARYKEY)
        return err_set(e, RC_INPUT, "%s already exists", taken);
    if (code == SQLITE_CONSTRAINT_FOREIGNKEY)
        return err_set(e, RC_NOTFOUND, "%s", unknown);
    return rc;
}

/* Writes the lists of a record just inserted (id) into its code table; on a
 * refusal, undoes the record's insert too (a savepoint around both), so a
 * failed insert leaves nothing. */
static rc_t write_lists(void *h, const field_table_t *t, const void *rec, long long id,
                        err_t *e)
{
    sqlite3 *db = sqlite_store_db(h);
    const char *field = "";
    int src = sqlite_fields_write_lists(db, t, rec, id, &field);
    if (src == SQLITE_OK)
        return sqlite3_exec(db, "RELEASE record_lists", NULL, NULL, NULL) == SQLITE_OK
                   ? RC_OK
                   : sqlite_store_fail(h, e);
    rc_t rc = (src & 0xff) == SQLITE_CONSTRAINT
                  ? err_set(e, RC_INPUT, "%s: a code is empty or given twice", field)
                  : sqlite_store_fail(h, e);
    sqlite3_exec(db, "ROLLBACK TO record_lists; RELEASE record_lists", NULL, NULL, NULL);
    return rc;
}

/* Opens the savepoint that write_lists ends. */
static rc_t lists_begin(void *h, err_t *e)
{
    return sqlite3_exec(sqlite_store_db(h), "SAVEPOINT record_lists", NULL, NULL, NULL) ==
                   SQLITE_OK
               ? RC_OK
               : sqlite_store_fail(h, e);
}

/* Ends the savepoint after the record's own insert failed. */
static rc_t lists_abandon(void *h, rc_t rc)
{
    sqlite3_exec(sqlite_store_db(h), "ROLLBACK TO record_lists; RELEASE record_lists", NULL,
                 NULL, NULL);
    return rc;
}

/* Prepares "SELECT <the table's columns> FROM <its table>" + tail. */
static rc_t prep_select(void *h, const field_table_t *t, const char *tail, sqlite3_stmt **s,
                        err_t *e)
{
    char sql[SQLITE_FIELDS_SQL_MAX];
    sqlite_fields_select_sql(sql, t, tail);
    return prep(h, sql, s, e);
}

/* ---- organizations --------------------------------------------------------- */

rc_t sqlite_org_put(void *h, const organization_t *o, err_t *e)
{
    sqlite3_stmt *s;
    char sql[SQLITE_FIELDS_SQL_MAX];
    sqlite_fields_replace_sql(sql, &organization_fields);
    rc_t rc = prep(h, sql, &s, e);
    if (rc != RC_OK)
        return rc;
    sqlite_fields_bind(s, 0, &organization_fields, o);
    return run_once(h, s, e);
}

static void read_org(arena_t *a, sqlite3_stmt *s, void *record)
{
    sqlite_fields_read(a, s, 0, &organization_fields, record);
}

rc_t sqlite_org_list(void *h, arena_t *a, organization_t **out, size_t *n, err_t *e)
{
    sqlite3_stmt *s;
    rc_t rc = prep_select(h, &organization_fields, " ORDER BY code", &s, e);
    return rc == RC_OK ? rows(h, s, a, sizeof **out, read_org, out, n, e) : rc;
}

/* ---- requests ---------------------------------------------------------------- */

rc_t sqlite_request_insert(void *h, assistance_request_t *r, err_t *e)
{
    sqlite3_stmt *s;
    char sql[SQLITE_FIELDS_SQL_MAX];
    sqlite_fields_insert_sql(sql, &request_fields, NULL, 0, "");
    rc_t rc = lists_begin(h, e);
    if (rc != RC_OK)
        return rc;
    if ((rc = prep(h, sql, &s, e)) != RC_OK)
        return lists_abandon(h, rc);
    sqlite_fields_bind(s, 0, &request_fields, r);
    rc = run_once(h, s, e);
    if (rc == RC_OK && r->id <= 0)
        r->id = sqlite3_last_insert_rowid(sqlite_store_db(h));
    if (rc == RC_OK)
        return write_lists(h, &request_fields, r, r->id, e);
    char taken[48], unknown[64];
    snprintf(taken, sizeof taken, "a request with id %lld", r->id);
    snprintf(unknown, sizeof unknown, "unknown state '%s'", r->state);
    return lists_abandon(h, insert_failure(h, rc, e, taken, unknown));
}

static void read_request(arena_t *a, sqlite3_stmt *s, void *record)
{
    sqlite_fields_read(a, s, 0, &request_fields, record);
}

rc_t sqlite_request_get(void *h, long long id, arena_t *a, assistance_request_t *out, err_t *e)
{
    sqlite3_stmt *s;
    rc_t rc = prep_select(h, &request_fields, " WHERE id = ?", &s, e);
    if (rc != RC_OK)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    return one(h, s, a, sizeof *out, read_request, out, "request", id, e);
}

rc_t sqlite_request_list(void *h, const char *state, arena_t *a, assistance_request_t **out,
                         size_t *n, err_t *e)
{
    sqlite3_stmt *s;
    rc_t rc = prep_select(h, &request_fields, " WHERE ?1 IS NULL OR state = ?1 ORDER BY id", &s, e);
    if (rc != RC_OK)
        return rc;
    if (state)
        bind_str(s, 1, state);
    return rows(h, s, a, sizeof **out, read_request, out, n, e);
}

/* Sets the status of one row of a table named by the caller (a constant). */
static rc_t set_status(void *h, const char *sql, long long id, const char *status, const char *what,
                       err_t *e)
{
    sqlite3_stmt *s;
    rc_t rc = prep(h, sql, &s, e);
    if (rc != RC_OK)
        return rc;
    bind_str(s, 1, status);
    sqlite3_bind_int64(s, 2, id);
    rc = run_once(h, s, e);
    if (rc == RC_OK && sqlite3_changes(sqlite_store_db(h)) == 0)
        return err_set(e, RC_NOTFOUND, "no %s with id %lld", what, id);
    return rc;
}

rc_t sqlite_request_set_status(void *h, long long id, const char *status, err_t *e)
{
    return set_status(h, "UPDATE assistance_request SET status = ? WHERE id = ?", id, status,
                      "request", e);
}

rc_t sqlite_request_set_feedback(void *h, long long id, const char *outcome, const char *feedback,
                                 const char *date, err_t *e)
{
    sqlite3_stmt *s;
    rc_t rc = prep(h,
                   "UPDATE assistance_request SET outcome = ?, feedback = ?, feedback_date = ?"
                   " WHERE id = ?",
                   &s, e);
    if (rc != RC_OK)
        return rc;
    bind_str(s, 1, outcome);
    bind_str(s, 2, feedback);
    bind_str(s, 3, date);
    sqlite3_bind_int64(s, 4, id);
    rc = run_once(h, s, e);
    if (rc == RC_OK && sqlite3_changes(sqlite_store_db(h)) == 0)
        return err_set(e, RC_NOTFOUND, "no request with id %lld", id);
    return rc;
}

/* ---- offers ------------------------------------------------------------------ */

rc_t sqlite_offer_set_status(void *h, long long id, const char *status, err_t *e)
{
    return set_status(h, "UPDATE assistance_offer SET status = ? WHERE id = ?", id, status, "offer",
                      e);
}

rc_t sqlite_offer_insert(void *h, assistance_offer_t *o, err_t *e)
{
    sqlite3_stmt *s;
    char sql[SQLITE_FIELDS_SQL_MAX];
    sqlite_fields_insert_sql(sql, &offer_fields, NULL, 0, "");
    rc_t rc = lists_begin(h, e);
    if (rc != RC_OK)
        return rc;
    if ((rc = prep(h, sql, &s, e)) != RC_OK)
        return lists_abandon(h, rc);
    sqlite_fields_bind(s, 0, &offer_fields, o);
    rc = run_once(h, s, e);
    if (rc == RC_OK && o->id <= 0)
        o->id = sqlite3_last_insert_rowid(sqlite_store_db(h));
    if (rc == RC_OK)
        return write_lists(h, &offer_fields, o, o->id, e);
    char taken[48], unknown[96];
    snprintf(taken, sizeof taken, "an offer with id %lld", o->id);
    snprintf(unknown, sizeof unknown,
             "unknown provider '%s' (a state code or an organization of "
             "`r1540 assistance org list`)",
             *o->provider_state ? o->provider_state : o->provider_org);
    return lists_abandon(h, insert_failure(h, rc, e, taken, unknown));
}

static void read_offer(arena_t *a, sqlite3_stmt *s, void *record)
{
    sqlite_fields_read(a, s, 0, &offer_fields, record);
}

rc_t sqlite_offer_get(void *h, long long id, arena_t *a, assistance_offer_t *out, err_t *e)
{
    sqlite3_stmt *s;
    rc_t rc = prep_select(h, &offer_fields, " WHERE id = ?", &s, e);
    if (rc != RC_OK)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    return one(h, s, a, sizeof *out, read_offer, out, "offer", id, e);
}

rc_t sqlite_offer_list(void *h, arena_t *a, assistance_offer_t **out, size_t *n, err_t *e)
{
    sqlite3_stmt *s;
    rc_t rc = prep_select(h, &offer_fields, " ORDER BY id", &s, e);
    return rc == RC_OK ? rows(h, s, a, sizeof **out, read_offer, out, n, e) : rc;
}

/* ---- proposals and their history ------------------------------------------------- */

rc_t sqlite_proposal_insert(void *h, assistance_proposal_t *p, err_t *e)
{
    sqlite3_stmt *s;
    rc_t rc = cached(h, P_INSERT, &s, e);
    if (rc != RC_OK)
        return rc;
    sqlite_fields_bind(s, 0, &proposal_fields, p);
    rc = sqlite_store_run(h, s, e);
    if (rc == RC_OK && p->id <= 0)
        p->id = sqlite3_last_insert_rowid(sqlite_store_db(h));
    char taken[48], unknown[96];
    snprintf(taken, sizeof taken, "a proposal with id %lld", p->id);
    snprintf(unknown, sizeof unknown, "no request %lld or no offer %lld", p->request_id,
             p->offer_id);
    return insert_failure(h, rc, e, taken, unknown);
}

static void read_proposal(arena_t *a, sqlite3_stmt *s, void *record)
{
    sqlite_fields_read(a, s, 0, &proposal_fields, record);
}

rc_t sqlite_proposal_get(void *h, long long id, arena_t *a, assistance_proposal_t *out, err_t *e)
{
    sqlite3_stmt *s;
    rc_t rc = prep_select(h, &proposal_fields, " WHERE id = ?", &s, e);
    if (rc != RC_OK)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    return one(h, s, a, sizeof *out, read_proposal, out, "proposal", id, e);
}

rc_t sqlite_proposal_list(void *h, long long request_id, arena_t *a, assistance_proposal_t **out,
                          size_t *n, err_t *e)
{
    sqlite3_stmt *s;
    rc_t rc = prep_select(h, &proposal_fields, " WHERE ?1 = 0 OR request_id = ?1 ORDER BY id",
                          &s, e);
    if (rc != RC_OK)
        return rc;
    sqlite3_bind_int64(s, 1, request_id);
    return rows(h, s, a, sizeof **out, read_proposal, out, n, e);
}

rc_t sqlite_proposal_update(void *h, const assistance_proposal_t *p, err_t *e)
{
    sqlite3_stmt *s;
    rc_t rc = cached(h, P_UPDATE, &s, e);
    if (rc != RC_OK)
        return rc;
    bind_str(s, 1, p->status);
    bind_str(s, 2, p->provider_answer);
    bind_str(s, 3, p->state_answer);
    sqlite3_bind_int64(s, 4, p->id);
    rc = sqlite_store_run(h, s, e);
    if (rc == RC_OK && sqlite3_changes(sqlite_store_db(h)) == 0)
        return err_set(e, RC_NOTFOUND, "no proposal with id %lld", p->id);
    return rc;
}

rc_t sqlite_event_append(void *h, assistance_event_t *ev, err_t *e)
{
    sqlite3_stmt *s;
    rc_t rc = cached(h, P_EVENT, &s, e);
    if (rc != RC_OK)
        return rc;
    sqlite_fields_bind(s, 0, &proposal_event_fields, ev);
    int src = sqlite3_step(s);
    if (src == SQLITE_ROW)
        ev->seq = sqlite3_column_int(s, 0);
    rc = src == SQLITE_ROW || src == SQLITE_DONE ? RC_OK : sqlite_store_fail(h, e);
    sqlite3_reset(s); /* the insert is complete once RETURNING gave its row */
    char taken[64], unknown[64];
    snprintf(taken, sizeof taken, "event %d of proposal %lld", ev->seq, ev->proposal_id);
    snprintf(unknown, sizeof unknown, "no proposal with id %lld", ev->proposal_id);
    return insert_failure(h, rc, e, taken, unknown);
}

static void read_event(arena_t *a, sqlite3_stmt *s, void *record)
{
    sqlite_fields_read(a, s, 0, &proposal_event_fields, record);
}

rc_t sqlite_event_list(void *h, long long proposal_id, arena_t *a, assistance_event_t **out,
                       size_t *n, err_t *e)
{
    sqlite3_stmt *s;
    rc_t rc = prep_select(h, &proposal_event_fields,
                          " WHERE ?1 = 0 OR proposal_id = ?1 ORDER BY proposal_id, seq", &s, e);
    if (rc != RC_OK)
        return rc;
    sqlite3_bind_int64(s, 1, proposal_id);
    return rows(h, s, a, sizeof **out, read_event, out, n, e);
}

/* ---- what the score needs of each state --------------------------------------------- */

static void read_need(arena_t *a, sqlite3_stmt *s, void *record)
{
    (void)a;
    assistance_need_t *nd = record;
    col_fixed(s, 0, nd->state, sizeof nd->state);
    nd->reports = sqlite3_column_int(s, 1);
    nd->marked_x = sqlite3_column_int(s, 2);
    nd->applicable = sqlite3_column_int(s, 3);
}

rc_t sqlite_assistance_need(void *h, bool published_only, arena_t *a, assistance_need_t **out,
                            size_t *n, err_t *e)
{
    sqlite3_stmt *s;
    rc_t rc =
        prep(h,
             "SELECT s.alpha3, (SELECT count(*) FROM report r WHERE r.state = s.alpha3),"
             " coalesce((SELECT count(*) FROM matrix_entry x WHERE x.version_id = v.id"
             "   AND x.mark = 'X'), 0),"
             " CASE WHEN v.id IS NULL THEN 0 ELSE (SELECT count(*) FROM template_item t"
             "   WHERE t.template_version = v.template_version) - (SELECT count(*) FROM"
             "   matrix_entry x WHERE x.version_id = v.id AND x.mark = 'NA') END"
             " FROM state s LEFT JOIN matrix_version v ON v.id = (SELECT id FROM matrix_version"
             "   WHERE state = s.alpha3 AND status IN ('published', CASE WHEN ?1 THEN '' ELSE 'approved' END)"
             "   ORDER BY number DESC LIMIT 1)"
             " ORDER BY s.alpha3",
             &s, e);
    if (rc != RC_OK)
        return rc;
    sqlite3_bind_int(s, 1, published_only);
    return rows(h, s, a, sizeof **out, read_need, out, n, e);
}

/* ---- filtered, paged lists (store_request_find, store_offer_find) ---------------
 * One WHERE per record kind, with every filter a bound parameter that is NULL
 * when not asked for; the same WHERE counts the rows and selects the page.
 * A record's lists are rows of its code table (sqlite_schema_lists.c), so "has
 * code C" is an indexed lookup there; a template item's themes are still a
 * comma-separated column, so for them C is looked for between commas (a filter
 * value holding a comma matches nothing: no code has one). */

#define HAS_CODE(list, p) "(instr(" p ", ',') = 0 AND instr(',' || " list " || ',', ',' || " p " || ',') > 0)"
/* x's code table `codes` (owner column `owner`) lists code p in `list` */
#define IN_LIST(codes, owner, list, p)                                                             \
    "EXISTS (SELECT 1 FROM " codes " c WHERE c." owner " = x.id AND c.list = '" list "'"           \
    " AND c.code = " p ")"
/* the record's own themes, or those of one of its items in the current template */
#define HAS_THEME(codes, owner)                                                                    \
    "(?6 IS NULL OR " IN_LIST(codes, owner, "themes", "?6") " OR EXISTS (SELECT 1 FROM"           \
    " template_item t JOIN " codes " c ON c." owner " = x.id AND c.list = 'items' AND c.code = t.id" \
    " WHERE t.template_version = coalesce((SELECT CAST(value AS INTEGER) FROM meta"                \
    " WHERE key = 'template_version'), 1) AND " HAS_CODE("t.themes", "?6") "))"
#define REQUEST_WHERE                                                                              \
    " FROM assistance_request x WHERE (?1 IS NULL OR x.state = ?1)"                                \
    " AND (?2 IS NULL OR x.state IN (SELECT alpha3 FROM state WHERE m49_region = ?2))"             \
    " AND (?3 IS NULL OR x.status = ?3) AND (?4 IS NULL OR x.kind = ?4) AND "                      \
    HAS_THEME("assistance_request_code", "request_id")
#define OFFER_WHERE                                                                                \
    " FROM assistance_offer x WHERE (?3 IS NULL OR x.status = ?3)"                                 \
    " AND (?4 IS NULL OR " IN_LIST("assistance_offer_code", "offer_id", "kinds", "?4") ")"        \
    " AND (?5 IS NULL OR coalesce(x.provider_state, x.provider_org) = ?5) AND "                   \
    HAS_THEME("assistance_offer_code", "offer_id")

/* Binds q's filters (empty ones stay NULL) and slice to a statement of the
 * shape above; a parameter number the statement does not use is harmless. */
static void bind_query(sqlite3_stmt *s, const store_query_t *q, bool slice)
{
    const char *f[] = {q->state, q->region, q->status, q->kind, q->provider, q->theme};
    for (int i = 0; i < 6; i++)
        if (f[i] && *f[i])
            bind_str(s, i + 1, f[i]);
    if (slice) {
        sqlite3_bind_int64(s, 7, q->limit);
        sqlite3_bind_int64(s, 8, q->offset);
    }
}

/* Counts the rows of count_sql into *total, then reads the page of page_sql. */
static rc_t find(void *h, const char *count_sql, const char *page_sql, const store_query_t *q,
                 arena_t *a, size_t elem, sqlite_row_reader_t read, void *out, size_t *n,
                 long long *total, err_t *e)
{
    sqlite3_stmt *s;
    rc_t rc = prep(h, count_sql, &s, e);
    if (rc != RC_OK)
        return rc;
    bind_query(s, q, false);
    if (sqlite3_step(s) == SQLITE_ROW)
        *total = sqlite3_column_int64(s, 0);
    else
        rc = sqlite_store_fail(h, e);
    sqlite3_finalize(s);
    if (rc != RC_OK || (rc = prep(h, page_sql, &s, e)) != RC_OK)
        return rc;
    bind_query(s, q, true);
    return rows(h, s, a, elem, read, out, n, e);
}

/* "SELECT <t's columns and lists, of x> <where> ORDER BY x.id [DESC] LIMIT ?7 OFFSET ?8" */
static void page_sql(char *dst, size_t size, const field_table_t *t, const char *where,
                     bool newest_first)
{
    char cols[SQLITE_FIELDS_SQL_MAX] = "";
    sqlite_fields_select_list(cols, t, "x.");
    snprintf(dst, size, "SELECT %s%s ORDER BY x.id%s LIMIT ?7 OFFSET ?8", cols, where,
             newest_first ? " DESC" : "");
}

rc_t sqlite_request_find(void *h, const store_query_t *q, arena_t *a, assistance_request_t **out,
                         size_t *n, long long *total, err_t *e)
{
    char sql[2 * SQLITE_FIELDS_SQL_MAX];
    page_sql(sql, sizeof sql, &request_fields, REQUEST_WHERE, q->newest_first);
    return find(h, "SELECT count(*)" REQUEST_WHERE, sql, q, a, sizeof **out, read_request, out, n,
                total, e);
}

rc_t sqlite_offer_find(void *h, const store_query_t *q, arena_t *a, assistance_offer_t **out,
                       size_t *n, long long *total, err_t *e)
{
    char sql[2 * SQLITE_FIELDS_SQL_MAX];
    page_sql(sql, sizeof sql, &offer_fields, OFFER_WHERE, q->newest_first);
    return find(h, "SELECT count(*)" OFFER_WHERE, sql, q, a, sizeof **out, read_offer, out, n,
                total, e);
}
