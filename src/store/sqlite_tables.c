/*
 * The table interface for SQLite (store_ops.def, "the table interface"):
 * r1540's tables read from sqlite_master and their PRAGMAs, their rows read
 * and written as plain values, for the backend-neutral copy and fingerprint.
 *
 * Two things of SQLite's own are hidden here. The FTS5 search indexes
 * (report_fts, practice_fts) are not tables of the interface: the terms they
 * hold for a row show as a column `terms` of the table they index (as the
 * PostgreSQL backend shows them too), read through a join and written into
 * the index. And SQLite cannot switch a trigger off, so table_load_begin keeps
 * the triggers' own CREATE statements in a temporary table and drops them;
 * table_load_end creates them again from those statements, in the same
 * transaction, so the schema is left exactly as the migrations made it.
 */
#include <stdlib.h>
#include <string.h>

#include "sqlite_private.h"

/* A search index and the table whose rows it indexes by rowid = id. */
static const struct {
    const char *table;
    const char *index;
} fts_indexes[] = {
    {"report_page", "report_fts"},
    {"practice", "practice_fts"},
};

/* The FTS5 table indexing `table`, or NULL. */
static const char *fts_of(const char *table)
{
    for (size_t i = 0; i < sizeof fts_indexes / sizeof *fts_indexes; i++)
        if (strcmp(fts_indexes[i].table, table) == 0)
            return fts_indexes[i].index;
    return NULL;
}

/* Names come from sqlite_master; one holding a quote is nobody's table of ours. */
static bool plain_name(const char *s)
{
    return s && *s && !strchr(s, '"');
}

/* ---- table_list ---------------------------------------------------------------- */

/* The strings of a one-column query (with one text parameter unless arg is NULL), in the arena. */
static rc_t strings(sqlite_store_t *h, const char *sql, const char *arg, arena_t *a, char ***out,
                    size_t *n, err_t *e)
{
    rc_t rc = RC_OK;
    sqlite3_stmt *s = sqlite_store_prepare_once(h, sql, &rc, e);
    if (!s)
        return rc;
    if (arg)
        sqlite_bind_text(s, 1, arg);
    size_t cap = 8, k = 0;
    char **v = arena_alloc(a, cap * sizeof *v);
    int step;
    while ((step = sqlite_store_step(h, s, &rc, e)) == 1) {
        if (k == cap) {
            char **bigger = arena_alloc(a, 2 * cap * sizeof *v);
            memcpy(bigger, v, cap * sizeof *v);
            v = bigger, cap *= 2;
        }
        v[k++] = sqlite_col_text(a, s, 0);
    }
    sqlite3_finalize(s);
    *out = v, *n = k;
    return step < 0 ? rc : RC_OK;
}

/* One table's columns (declaration order, then `terms` when an index holds
 * them) and the other tables it references. */
static rc_t describe(sqlite_store_t *h, arena_t *a, store_table_t *t, err_t *e)
{
    rc_t rc = strings(h, "SELECT name FROM pragma_table_info(?1) ORDER BY cid", t->name, a,
                      &t->cols, &t->ncol, e);
    if (rc == RC_OK && fts_of(t->name)) {
        char **cols = arena_alloc(a, (t->ncol + 1) * sizeof *cols);
        memcpy(cols, t->cols, t->ncol * sizeof *cols);
        cols[t->ncol++] = arena_strdup(a, "terms");
        t->cols = cols;
    }
    if (rc == RC_OK)
        rc = strings(h,
                     "SELECT DISTINCT \"table\" FROM pragma_foreign_key_list(?1)"
                     " WHERE \"table\" <> ?1 ORDER BY 1",
                     t->name, a, &t->parents, &t->nparent, e);
    return rc;
}

rc_t sqlite_table_list(void *hv, arena_t *a, store_table_t **out, size_t *n, err_t *e)
{
    sqlite_store_t *h = hv;
    char **names;
    size_t k;
    /* not SQLite's own, not a virtual table, not a virtual table's shadow tables */
    rc_t rc = strings(h,
                      "SELECT m.name FROM sqlite_master m WHERE m.type = 'table'"
                      " AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
                      " AND m.sql NOT LIKE 'CREATE VIRTUAL%'"
                      " AND NOT EXISTS (SELECT 1 FROM sqlite_master v WHERE v.type = 'table'"
                      "  AND v.sql LIKE 'CREATE VIRTUAL%'"
                      "  AND substr(m.name, 1, length(v.name) + 1) = v.name || '_')"
                      " ORDER BY m.name",
                      NULL, a, &names, &k, e);
    if (rc != RC_OK)
        return rc;
    store_table_t *t = arena_alloc(a, (k ? k : 1) * sizeof *t);
    size_t m = 0;
    for (size_t i = 0; i < k && rc == RC_OK; i++) {
        if (!plain_name(names[i]))
            continue;
        t[m].name = names[i];
        rc = describe(h, a, &t[m++], e);
    }
    *out = t, *n = m;
    return rc;
}

/* ---- table_read ------------------------------------------------------------------ */

/* SELECT t's columns (the index's terms through a join) in primary-key order;
 * a table without a declared key in rowid order, which is insertion order. */
static void select_sql(sqlite_store_t *h, const store_table_t *t, buf_t *b)
{
    const char *fts = fts_of(t->name);
    buf_puts(b, "SELECT ");
    for (size_t i = 0; i < t->ncol; i++)
        if (fts && strcmp(t->cols[i], "terms") == 0)
            buf_printf(b, "%sf.terms", i ? ", " : "");
        else
            buf_printf(b, "%st.\"%s\"", i ? ", " : "", t->cols[i]);
    buf_printf(b, " FROM \"%s\" t", t->name);
    if (fts)
        buf_printf(b, " LEFT JOIN \"%s\" f ON f.rowid = t.id", fts);
    arena_t a = ARENA_INIT;
    char **pk;
    size_t npk = 0;
    err_t ignored;
    strings(h, "SELECT name FROM pragma_table_info(?1) WHERE pk > 0 ORDER BY pk", t->name, &a,
            &pk, &npk, &ignored);
    buf_puts(b, " ORDER BY ");
    for (size_t i = 0; i < npk; i++)
        buf_printf(b, "%st.\"%s\"", i ? ", " : "", pk[i]);
    if (!npk)
        buf_puts(b, "t.rowid");
    arena_free(&a);
}

static void read_value(sqlite3_stmt *s, int i, store_value_t *v)
{
    memset(v, 0, sizeof *v);
    switch (sqlite3_column_type(s, i)) {
    case SQLITE_INTEGER:
        v->kind = STORE_VALUE_INT, v->i = sqlite3_column_int64(s, i);
        break;
    case SQLITE_FLOAT:
        v->kind = STORE_VALUE_REAL, v->r = sqlite3_column_double(s, i);
        break;
    case SQLITE_TEXT:
        v->kind = STORE_VALUE_TEXT, v->p = (const char *)sqlite3_column_text(s, i);
        v->len = (size_t)sqlite3_column_bytes(s, i);
        break;
    case SQLITE_BLOB:
        v->kind = STORE_VALUE_BLOB, v->p = sqlite3_column_blob(s, i);
        v->len = (size_t)sqlite3_column_bytes(s, i);
        break;
    default:
        v->kind = STORE_VALUE_NULL;
    }
}

rc_t sqlite_table_read(void *hv, const store_table_t *t, store_row_fn fn, void *ctx, err_t *e)
{
    sqlite_store_t *h = hv;
    if (!plain_name(t->name))
        return err_set(e, RC_INPUT, "no table %s", t->name);
    buf_t sql;
    buf_init(&sql, 0);
    select_sql(h, t, &sql);
    rc_t rc = RC_OK;
    sqlite3_stmt *s = sqlite_store_prepare_once(h, buf_str(&sql), &rc, e);
    buf_free(&sql);
    if (!s)
        return rc;
    store_value_t *row = xcalloc(t->ncol ? t->ncol : 1, sizeof *row);
    int step;
    while ((step = sqlite_store_step(h, s, &rc, e)) == 1) {
        for (size_t i = 0; i < t->ncol; i++)
            read_value(s, (int)i, &row[i]);
        if ((rc = fn(ctx, row, e)) != RC_OK)
            break;
    }
    free(row);
    sqlite3_finalize(s);
    return rc;
}

/* ---- table_write ------------------------------------------------------------------ */

static void bind_value(sqlite3_stmt *s, int i, const store_value_t *v)
{
    switch (v->kind) {
    case STORE_VALUE_INT:
        sqlite3_bind_int64(s, i, v->i);
        break;
    case STORE_VALUE_REAL:
        sqlite3_bind_double(s, i, v->r);
        break;
    case STORE_VALUE_TEXT:
        sqlite3_bind_text(s, i, v->p, (int)v->len, SQLITE_STATIC);
        break;
    case STORE_VALUE_BLOB:
        sqlite3_bind_blob(s, i, v->p, (int)v->len, SQLITE_STATIC);
        break;
    default:
        sqlite3_bind_null(s, i);
    }
}

/* The position of column name in t, or -1. */
static int column(const store_table_t *t, const char *name)
{
    for (size_t i = 0; i < t->ncol; i++)
        if (strcmp(t->cols[i], name) == 0)
            return (int)i;
    return -1;
}

/* Writes the terms of one row into the search index under the row's id. */
static rc_t write_terms(sqlite_store_t *h, sqlite3_stmt *s, const store_value_t *row, int id,
                        int terms, err_t *e)
{
    if (row[terms].kind == STORE_VALUE_NULL)
        return RC_OK;
    bind_value(s, 1, &row[id]);
    bind_value(s, 2, &row[terms]);
    return sqlite_store_run(h, s, e);
}

rc_t sqlite_table_write(void *hv, const store_table_t *t, const store_value_t *rows, size_t n,
                        err_t *e)
{
    sqlite_store_t *h = hv;
    if (!plain_name(t->name))
        return err_set(e, RC_INPUT, "no table %s", t->name);
    const char *fts = fts_of(t->name);
    int terms = fts ? column(t, "terms") : -1, id = column(t, "id");
    buf_t sql;
    buf_init(&sql, 0);
    buf_printf(&sql, "INSERT INTO \"%s\" (", t->name);
    int bound = 0;
    for (size_t i = 0; i < t->ncol; i++)
        if ((int)i != terms && plain_name(t->cols[i]))
            buf_printf(&sql, "%s\"%s\"", bound++ ? ", " : "", t->cols[i]);
    buf_puts(&sql, ") VALUES (");
    for (int i = 0; i < bound; i++)
        buf_puts(&sql, i ? ", ?" : "?");
    buf_puts(&sql, ")");
    rc_t rc = RC_OK;
    sqlite3_stmt *s = sqlite_store_prepare_once(h, buf_str(&sql), &rc, e), *f = NULL;
    buf_free(&sql);
    if (s && terms >= 0 && id >= 0) {
        buf_init(&sql, 0);
        buf_printf(&sql, "INSERT INTO \"%s\" (rowid, terms) VALUES (?, ?)", fts);
        f = sqlite_store_prepare_once(h, buf_str(&sql), &rc, e);
        buf_free(&sql);
    }
    for (size_t r = 0; s && rc == RC_OK && r < n; r++) {
        const store_value_t *row = rows + r * t->ncol;
        for (size_t i = 0, k = 1; i < t->ncol; i++)
            if ((int)i != terms && plain_name(t->cols[i]))
                bind_value(s, (int)k++, &row[i]);
        rc = sqlite_store_run(h, s, e);
        if (rc == RC_OK && f)
            rc = write_terms(h, f, row, id, terms, e);
    }
    sqlite3_finalize(s);
    sqlite3_finalize(f);
    return rc;
}

/* ---- holding the triggers off ------------------------------------------------------- */

rc_t sqlite_table_load_begin(void *hv, err_t *e)
{
    sqlite_store_t *h = hv;
    rc_t rc = RC_OK;
    sqlite3_stmt *s = sqlite_store_prepare_once(
        h,
        "CREATE TEMP TABLE r1540_held_triggers AS SELECT name, sql FROM sqlite_master"
        " WHERE type = 'trigger' AND sql IS NOT NULL",
        &rc, e);
    if (!s || (rc = sqlite_store_run_once(h, s, e)) != RC_OK)
        return rc;
    arena_t a = ARENA_INIT;
    char **names;
    size_t n;
    rc = strings(h, "SELECT name FROM temp.r1540_held_triggers", NULL, &a,
                 &names, &n, e);
    for (size_t i = 0; i < n && rc == RC_OK; i++) {
        buf_t sql;
        buf_init(&sql, 0);
        buf_printf(&sql, "DROP TRIGGER \"%s\"", names[i]);
        s = plain_name(names[i]) ? sqlite_store_prepare_once(h, buf_str(&sql), &rc, e) : NULL;
        buf_free(&sql);
        if (s)
            rc = sqlite_store_run_once(h, s, e);
    }
    arena_free(&a);
    return rc;
}

rc_t sqlite_table_load_end(void *hv, err_t *e)
{
    sqlite_store_t *h = hv;
    arena_t a = ARENA_INIT;
    char **sqls;
    size_t n;
    rc_t rc = strings(h, "SELECT sql FROM temp.r1540_held_triggers ORDER BY rowid",
                      NULL, &a, &sqls, &n, e);
    for (size_t i = 0; i < n && rc == RC_OK; i++) {
        sqlite3_stmt *s = sqlite_store_prepare_once(h, sqls[i], &rc, e);
        if (s)
            rc = sqlite_store_run_once(h, s, e);
    }
    arena_free(&a);
    sqlite3_stmt *s = rc == RC_OK ? sqlite_store_prepare_once(h, "DROP TABLE temp.r1540_held_triggers",
                                                              &rc, e)
                                  : NULL;
    if (s)
        rc = sqlite_store_run_once(h, s, e);
    return rc;
}
