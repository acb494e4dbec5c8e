/*
 * The PostgreSQL side of matrix versions and entries. Entry statements are
 * built from matrix_entry_fields (postgres_fields.c); an entry repeats its
 * version's state and template version so that plain composite foreign keys
 * check its item and source report (postgres_schema_matrix.c). A new version
 * gets the highest id + 1, as SQLite's rowid does.
 *
 * entries_insert writes a version's rows in one statement, a column per
 * array parameter (pg_fields_insert_arrays_sql).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/matrix_info.h"
#include "postgres_fields.h"
#include "postgres_private.h"

#define ENTRY_OWNER "version_id, state, template_version"
enum { ENTRY_OWNER_COLS = 3 };

static void num(char *buf, size_t size, long long v) { snprintf(buf, size, "%lld", v); }

/* ---- versions -------------------------------------------------------------- */

rc_t pg_version_insert(void *h, matrix_version_t *v, err_t *e)
{
    char number[24], tv[24];
    num(number, sizeof number, v->number);
    num(tv, sizeof tv, v->template_version);
    const char *p[] = {v->state, number, tv, v->created, v->note ? v->note : ""};
    PGresult *r;
    rc_t rc = pg_exec(h,
                      "INSERT INTO matrix_version (id, state, number, template_version, status,"
                      " created, note) VALUES ((SELECT coalesce(max(id), 0) + 1 FROM"
                      " matrix_version), $1, $2, $3, 'draft', $4, $5) RETURNING id",
                      5, p, &r, e);
    if (rc == RC_OK) {
        v->id = pg_int(r, 0, 0);
        v->status = MV_DRAFT;
        PQclear(r);
    } else if (rc == RC_INPUT &&
               strcmp(((pg_store_t *)h)->constraint, "matrix_version_state_number_key") == 0) {
        err_set(e, RC_INPUT, "%s already has a matrix version %d", v->state, v->number);
    }
    return rc;
}

/* Versions matching tail (with its parameters) into an arena array. */
static rc_t versions(pg_store_t *h, const char *tail, int n, const char *const *p, arena_t *a,
                     matrix_version_t **out, size_t *count, err_t *e)
{
    char sql[PG_FIELDS_SQL_MAX];
    pg_fields_select_sql(sql, &matrix_version_fields, tail);
    PGresult *r;
    rc_t rc = pg_exec(h, sql, n, p, &r, e);
    if (rc != RC_OK)
        return rc;
    int rows = PQntuples(r);
    matrix_version_t *arr = rows ? arena_alloc(a, (size_t)rows * sizeof *arr) : NULL;
    for (int i = 0; i < rows; i++) {
        memset(&arr[i], 0, sizeof arr[i]);
        pg_fields_read(a, r, i, &matrix_version_fields, &arr[i]);
    }
    PQclear(r);
    *out = arr;
    *count = (size_t)rows;
    return RC_OK;
}

rc_t pg_version_get(void *h, const char *state, int number, arena_t *a, matrix_version_t *out,
                    err_t *e)
{
    char nb[24];
    num(nb, sizeof nb, number);
    const char *p[] = {state, nb};
    matrix_version_t *v;
    size_t n;
    rc_t rc = versions(h, " WHERE state = $1 AND number = $2", 2, p, a, &v, &n, e);
    if (rc == RC_OK && n == 0)
        return err_set(e, RC_NOTFOUND, "%s has no matrix version %d", state, number);
    if (rc == RC_OK)
        *out = v[0];
    return rc;
}

rc_t pg_version_list(void *h, const char *state, arena_t *a, matrix_version_t **out, size_t *n,
                     err_t *e)
{
    const char *p[] = {state};
    return state ? versions(h, " WHERE state = $1 ORDER BY number", 1, p, a, out, n, e)
                 : versions(h, " ORDER BY state, number", 0, NULL, a, out, n, e);
}

rc_t pg_version_update(void *h, const matrix_version_t *v, err_t *e)
{
    char tv[24], id[24];
    num(tv, sizeof tv, v->template_version);
    num(id, sizeof id, v->id);
    const char *p[] = {tv, v->created, v->note ? v->note : "", id};
    return pg_exec(h,
                   "UPDATE matrix_version SET template_version = $1, created = $2, note = $3"
                   " WHERE id = $4",
                   4, p, NULL, e);
}

rc_t pg_version_set_status(void *h, long long id, mv_status_t status, const char *date, err_t *e)
{
    char ids[24];
    num(ids, sizeof ids, id);
    const char *p[] = {ids, matrix_status_str(status), date ? date : ""};
    PGresult *r;
    rc_t rc = pg_exec(h,
                      "UPDATE matrix_version SET status = $2,"
                      " approved = CASE WHEN $2 = 'approved' THEN $3 ELSE approved END,"
                      " published = CASE WHEN $2 = 'published' THEN $3 ELSE published END"
                      " WHERE id = $1",
                      3, p, &r, e);
    if (rc == RC_OK && strcmp(PQcmdTuples(r), "0") == 0)
        rc = err_set(e, RC_NOTFOUND, "no matrix version with id %lld", id);
    PQclear(r);
    return rc;
}

/* ---- entries ---------------------------------------------------------------- */

/* The version an entry belongs to, with the columns an entry repeats from it. */
typedef struct {
    char id[24];
    char state[4];
    char template_version[24];
} entry_owner_t;

static rc_t entry_owner(pg_store_t *h, long long version_id, entry_owner_t *o, err_t *e)
{
    num(o->id, sizeof o->id, version_id);
    const char *p[] = {o->id};
    PGresult *r;
    rc_t rc = pg_exec(h, "SELECT state, template_version FROM matrix_version WHERE id = $1", 1,
                      p, &r, e);
    if (rc != RC_OK)
        return rc;
    if (PQntuples(r) == 1) {
        pg_copy(r, 0, 0, o->state, sizeof o->state);
        pg_copy(r, 0, 1, o->template_version, sizeof o->template_version);
    } else {
        rc = err_set(e, RC_NOTFOUND, "no matrix version with id %lld", version_id);
    }
    PQclear(r);
    return rc;
}

/* Whether a report with this id exists (0: none asked, true). An entry's
 * one key on its report, (source_report, state), cannot tell a missing report
 * from another state's (postgres_schema_matrix.c, migration 13), and after
 * the failure a transaction answers nothing: so it is asked before. */
static rc_t report_exists(pg_store_t *h, long long id, bool *exists, err_t *e)
{
    *exists = true;
    if (id == 0)
        return RC_OK;
    char ids[24];
    num(ids, sizeof ids, id);
    const char *p[] = {ids};
    PGresult *r;
    rc_t rc = pg_exec(h, "SELECT 1 FROM report WHERE id = $1", 1, p, &r, e);
    if (rc == RC_OK) {
        *exists = PQntuples(r) > 0;
        PQclear(r);
    }
    return rc;
}

/* After a foreign key failure on an entry: says which reference was wrong,
 * from the constraint's name (postgres_schema_matrix.c) and, for the report,
 * from whether it exists. */
static rc_t entry_fk_failure(pg_store_t *h, const entry_owner_t *o, const matrix_entry_t *en,
                             bool report_found, err_t *e)
{
    if (strcmp(h->constraint, "matrix_entry_template_version_item_fkey") == 0)
        return err_set(e, RC_NOTFOUND, "item %s: unknown template item", en->item);
    if (strcmp(h->constraint, "matrix_entry_source_report_state_fkey") == 0 && !report_found)
        return err_set(e, RC_INPUT, "item %s: no report with id %lld", en->item,
                       en->source_report);
    if (strcmp(h->constraint, "matrix_entry_source_report_state_fkey") == 0)
        return err_set(e, RC_INPUT, "item %s: the source report is not a report of %s",
                       en->item, o->state);
    err_prefix(e, "item %s: ", en->item);
    return RC_INPUT;
}

/* Inserts (upsert: replaces) one entry. */
static rc_t entry_write(pg_store_t *h, const entry_owner_t *o, const matrix_entry_t *en,
                        bool upsert, err_t *e)
{
    char sql[PG_FIELDS_SQL_MAX];
    pg_fields_insert_sql(sql, &matrix_entry_fields, ENTRY_OWNER, ENTRY_OWNER_COLS,
                         upsert ? "version_id, item" : NULL);
    pg_params_t p = {.v = {o->id, o->state, o->template_version}, .n = ENTRY_OWNER_COLS};
    pg_fields_params(&p, &matrix_entry_fields, en);
    bool report_found;
    rc_t rc = report_exists(h, en->source_report, &report_found, e);
    if (rc != RC_OK)
        return rc;
    rc = pg_exec(h, sql, p.n, p.v, NULL, e);
    if (rc == RC_INPUT && strstr(h->constraint, "_fkey"))
        return entry_fk_failure(h, o, en, report_found, e);
    if (rc == RC_REFUSED || rc == RC_INPUT)
        err_prefix(e, "item %s: ", en->item);
    return rc;
}

rc_t pg_entry_put(void *h, long long version_id, const matrix_entry_t *en, err_t *e)
{
    entry_owner_t o;
    rc_t rc = entry_owner(h, version_id, &o, e);
    return rc == RC_OK ? entry_write(h, &o, en, true, e) : rc;
}

/* Rows per statement: a version has at most its template's items (a few
 * hundred), so nearly always one statement; the cap bounds the arrays. */
enum { ENTRY_ROWS_MAX = 1000 };

/* One INSERT of rows entries (all or none), each column one array, its owner
 * columns read from the version in the same statement: one statement text for
 * any number of rows (prepared once, postgres_stmt.c), one round trip, one
 * frozen check (migration 13's statement trigger). RC_NOTFOUND if there is
 * no such version (nothing inserted). */
static rc_t entries_rows(pg_store_t *h, long long version_id, const matrix_entry_t *entries,
                         size_t rows, err_t *e)
{
    char sql[PG_FIELDS_SQL_MAX], id[24];
    pg_fields_insert_arrays_sql(sql, &matrix_entry_fields, ENTRY_OWNER,
                                "v.id, v.state, v.template_version", 1,
                                ", matrix_version v WHERE v.id = $1");
    buf_t cols[PG_FIELDS_MAX_PARAMS];
    for (int k = 0; k < PG_FIELDS_MAX_PARAMS; k++)
        buf_init(&cols[k], 0);
    int n = pg_fields_arrays(cols, &matrix_entry_fields, entries, sizeof *entries, rows);
    const char *v[1 + PG_FIELDS_MAX_PARAMS];
    num(id, sizeof id, version_id);
    v[0] = id;
    for (int k = 0; k < n; k++)
        v[1 + k] = buf_str(&cols[k]);
    PGresult *r;
    rc_t rc = pg_exec(h, sql, 1 + n, v, &r, e);
    for (int k = 0; k < PG_FIELDS_MAX_PARAMS; k++)
        buf_free(&cols[k]);
    if (rc != RC_OK)
        return rc;
    if (strcmp(PQcmdTuples(r), "0") == 0)
        rc = err_set(e, RC_NOTFOUND, "no matrix version with id %lld", version_id);
    PQclear(r);
    return rc;
}

/* The entries [0, n) one by one, after a statement of them failed: the
 * message names the entry at fault. */
static rc_t entries_each(pg_store_t *h, long long version_id, const matrix_entry_t *entries,
                         size_t n, err_t *e)
{
    entry_owner_t o;
    rc_t rc = entry_owner(h, version_id, &o, e);
    for (size_t i = 0; i < n && rc == RC_OK; i++)
        rc = entry_write(h, &o, &entries[i], false, e);
    return rc;
}

/* In a transaction, all statements in one savepoint: when one fails on a rule
 * (a key, a check, a refusal), every row goes again one by one so that the
 * message names the entry at fault; any other failure is the answer.
 * Outside one, each statement commits alone (a failed one goes again row by
 * row, the rows before the one at fault committing). */
rc_t pg_entries_insert(void *hv, long long version_id, const matrix_entry_t *entries, size_t n,
                       err_t *e)
{
    pg_store_t *h = hv;
    if (n == 0) {
        entry_owner_t o;
        return entry_owner(h, version_id, &o, e);
    }
    bool in_tx = PQtransactionStatus(h->conn) != PQTRANS_IDLE;
    rc_t rc = in_tx ? pg_script(h, "SAVEPOINT entries_chunk", e) : RC_OK;
    size_t i = 0, rows = 0;
    for (; i < n && rc == RC_OK; i += rows) {
        rows = n - i < ENTRY_ROWS_MAX ? n - i : ENTRY_ROWS_MAX;
        rc = entries_rows(h, version_id, entries + i, rows, e);
    }
    if (rc == RC_OK)
        return in_tx ? pg_script(h, "RELEASE entries_chunk", e) : RC_OK;
    if (rc == RC_NOTFOUND && in_tx) /* no such version: nothing written, nothing failed */
        pg_script(h, "RELEASE entries_chunk", NULL);
    if (rc != RC_INPUT && rc != RC_REFUSED) /* not a rule an entry broke */
        return rc;
    if (!in_tx)
        return entries_each(h, version_id, entries + (i - rows), n - (i - rows), e);
    err_t again = {0};
    if (pg_script(h, "ROLLBACK TO entries_chunk; RELEASE entries_chunk", &again) != RC_OK)
        return rc;
    return entries_each(h, version_id, entries, n, e);
}

rc_t pg_entries_clear(void *h, long long version_id, err_t *e)
{
    char id[24];
    num(id, sizeof id, version_id);
    const char *p[] = {id};
    return pg_exec(h, "DELETE FROM matrix_entry WHERE version_id = $1", 1, p, NULL, e);
}

rc_t pg_entry_delete(void *h, long long version_id, const char *item, err_t *e)
{
    char id[24];
    num(id, sizeof id, version_id);
    const char *p[] = {id, item};
    return pg_exec(h, "DELETE FROM matrix_entry WHERE version_id = $1 AND item = $2", 2, p, NULL,
                   e);
}

rc_t pg_entries(void *h, long long version_id, arena_t *a, matrix_entry_t **out, size_t *n,
                err_t *e)
{
    char sql[PG_FIELDS_SQL_MAX], id[24];
    pg_fields_select_sql(sql, &matrix_entry_fields,
                         " WHERE version_id = $1 ORDER BY (SELECT t.seq FROM template_item t"
                         " WHERE t.template_version = matrix_entry.template_version"
                         " AND t.id = matrix_entry.item)");
    num(id, sizeof id, version_id);
    const char *p[] = {id};
    PGresult *r;
    rc_t rc = pg_exec(h, sql, 1, p, &r, e);
    if (rc != RC_OK)
        return rc;
    int rows = PQntuples(r);
    matrix_entry_t *arr = rows ? arena_alloc(a, (size_t)rows * sizeof *arr) : NULL;
    for (int i = 0; i < rows; i++)
        pg_fields_read(a, r, i, &matrix_entry_fields, &arr[i]);
    PQclear(r);
    *out = arr;
    *n = (size_t)rows;
    return RC_OK;
}

rc_t pg_marks_each(void *h, store_mark_fn fn, void *ctx, err_t *e)
{
    PGresult *r;
    rc_t rc = pg_exec(h,
                      "SELECT e.version_id, e.item, e.mark FROM matrix_entry e"
                      " JOIN matrix_version v ON v.id = e.version_id"
                      " WHERE v.status IN ('approved','published') ORDER BY e.version_id",
                      0, NULL, &r, e);
    if (rc != RC_OK)
        return rc;
    for (int i = 0; i < PQntuples(r); i++) {
        int m = matrix_mark_parse(PQgetvalue(r, i, 2));
        fn(ctx, pg_int(r, i, 0), PQgetvalue(r, i, 1), m < 0 ? MARK_BLANK : (mark_t)m);
    }
    PQclear(r);
    return RC_OK;
}
