/*
 * The PostgreSQL side of matrix versions and entries. Entry statements are
 * built from matrix_entry_fields (postgres_fields.c); an entry repeats its
 * version's state and template version so that plain composite foreign keys
 * check its item and source report (postgres_schema_matrix.c). A new version
 * gets the highest id + 1, as SQLite's rowid does.
 *
 * entries_insert writes 64, 16, 4 and 1 rows per statement.
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

/* Rows per multi-row insert: one statement per entry costs a round trip each. */
enum { BULK_ROWS = 64 };

/* One multi-row insert of rows entries (all or none). */
static rc_t entries_chunk(pg_store_t *h, const entry_owner_t *o, const matrix_entry_t *entries,
                          size_t rows, err_t *e)
{
    char one[PG_FIELDS_SQL_MAX];
    pg_fields_insert_sql(one, &matrix_entry_fields, ENTRY_OWNER, ENTRY_OWNER_COLS, NULL);
    size_t head = (size_t)(strstr(one, " VALUES") - one);
    pg_params_t *p = xcalloc(rows, sizeof *p);
    const char **v = xcalloc(rows * PG_FIELDS_MAX_PARAMS, sizeof *v);
    size_t cap = head + rows * (size_t)PG_FIELDS_MAX_PARAMS * 8 + 16, len;
    char *sql = xmalloc(cap);
    len = (size_t)snprintf(sql, cap, "%.*s VALUES ", (int)head, one);
    int n = 0;
    for (size_t i = 0; i < rows; i++) {
        p[i] = (pg_params_t){.v = {o->id, o->state, o->template_version}, .n = ENTRY_OWNER_COLS};
        pg_fields_params(&p[i], &matrix_entry_fields, &entries[i]);
        len += (size_t)snprintf(sql + len, cap - len, i ? ",(" : "(");
        for (int k = 0; k < p[i].n; k++) {
            v[n++] = p[i].v[k];
            len += (size_t)snprintf(sql + len, cap - len, k ? ",$%d" : "$%d", n);
        }
        len += (size_t)snprintf(sql + len, cap - len, ")");
    }
    rc_t rc = pg_exec(h, sql, n, v, NULL, e);
    free(sql);
    free(v);
    free(p);
    return rc;
}

/* A chunk in a savepoint inside a transaction (a failure would abort it):
 * when it fails, its rows go again one by one so that the message names the
 * entry at fault. */
static rc_t entries_chunk_or_each(pg_store_t *h, const entry_owner_t *o,
                                  const matrix_entry_t *entries, size_t rows, err_t *e)
{
    bool in_tx = PQtransactionStatus(h->conn) != PQTRANS_IDLE;
    rc_t rc = in_tx ? pg_script(h, "SAVEPOINT entries_chunk", e) : RC_OK;
    if (rc == RC_OK && entries_chunk(h, o, entries, rows, NULL) == RC_OK)
        return in_tx ? pg_script(h, "RELEASE entries_chunk", e) : RC_OK;
    if (rc == RC_OK && in_tx)
        rc = pg_script(h, "ROLLBACK TO entries_chunk; RELEASE entries_chunk", e);
    for (size_t i = 0; i < rows && rc == RC_OK; i++)
        rc = entry_write(h, o, &entries[i], false, e);
    return rc;
}

/* Chunks of 64, 16, 4 and 1 rows, largest first (as sqlite.c's bulk insert):
 * each chunk's statement is prepared once per connection (postgres_stmt.c),
 * where a chunk of whatever was left (64, then 23, 41, ...) made a statement
 * for every row count seen, each prepared for one or two uses. */
static size_t chunk_rows(size_t left)
{
    size_t rows = BULK_ROWS;
    while (rows > left)
        rows /= 4;
    return rows;
}

/* All chunks in one savepoint (a round trip each way per call, not per
 * chunk): when one fails, every row goes again one by one so that the
 * message names the entry at fault. */
rc_t pg_entries_insert(void *hv, long long version_id, const matrix_entry_t *entries, size_t n,
                       err_t *e)
{
    pg_store_t *h = hv;
    entry_owner_t o;
    rc_t rc = entry_owner(h, version_id, &o, e);
    bool in_tx = PQtransactionStatus(h->conn) != PQTRANS_IDLE;
    if (rc != RC_OK || n == 0)
        return rc;
    if (!in_tx) /* each chunk commits alone: the chunk's own fallback */
        for (size_t i = 0, rows; i < n && rc == RC_OK; i += rows)
            rc = entries_chunk_or_each(h, &o, entries + i, rows = chunk_rows(n - i), e);
    if (!in_tx)
        return rc;
    if ((rc = pg_script(h, "SAVEPOINT entries_chunk", e)) != RC_OK)
        return rc;
    bool failed = false;
    for (size_t i = 0, rows; i < n && !failed; i += rows)
        failed = entries_chunk(h, &o, entries + i, rows = chunk_rows(n - i), NULL) != RC_OK;
    if (!failed)
        return pg_script(h, "RELEASE entries_chunk", e);
    rc = pg_script(h, "ROLLBACK TO entries_chunk; RELEASE entries_chunk", e);
    for (size_t i = 0; i < n && rc == RC_OK; i++)
        rc = entry_write(h, &o, &entries[i], false, e);
    return rc;
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
