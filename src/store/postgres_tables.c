/*
 * The table interface for PostgreSQL (store_ops.def, "the table interface"):
 * r1540's tables from the catalog, their rows read through a cursor (a few
 * hundred at a time, so a table of documents is never held whole) and written
 * with multi-row INSERTs whose values all travel as parameters (bytea in
 * binary). Table and column names come from the catalog or from another
 * backend's catalog; they are identifiers, quoted, and one holding a quote is
 * refused.
 *
 * The effective practices' search index is a table of its own here,
 * practice_fts (rowid, terms), as on SQLite; the interface shows it as SQLite's
 * backend does, as a column `terms` of practice, so that a copy between the
 * backends and their fingerprints see the same tables (report_page holds its
 * terms in a column on PostgreSQL already).
 *
 * Loading: table_load_begin disables the tables' own triggers (ALTER TABLE
 * ... DISABLE TRIGGER USER: the rules' triggers and the change counter's; only
 * the tables' owner may) and drops the foreign keys, inside the caller's
 * transaction; table_load_end makes the foreign keys again (which checks every
 * row against them), enables the triggers and moves every sequence
 * (report_page's identity) past the ids written.
 */
#include <stdlib.h>
#include <string.h>

#include "../util/buf.h"
#include "postgres_private.h"

/* Rows per FETCH, and at most per INSERT (PostgreSQL takes 65535 parameters):
 * a few hundred rows amortize the round trip without holding much. */
#define PG_ROWS_PER_FETCH 256
#define PG_FETCH_SQL "FETCH 256 FROM r1540_rows"
enum { PG_ROWS_PER_INSERT = 256, PG_MAX_PARAMS = 65535 };

/* Type OIDs (pg_type.h) of the values read back as numbers or bytes. */
enum {
    PG_BOOL = 16, PG_BYTEA = 17, PG_INT8 = 20, PG_INT2 = 21, PG_INT4 = 23, PG_OID = 26,
    PG_FLOAT4 = 700, PG_FLOAT8 = 701, PG_NUMERIC = 1700
};

static bool plain_name(const char *s)
{
    return s && *s && !strchr(s, '"');
}

/* A search index table and the table whose rows it indexes by rowid = id. */
static const struct {
    const char *table;
    const char *index;
} pg_indexes[] = {
    {"practice", "practice_fts"},
};

/* The index table holding the `terms` of table, or NULL. */
static const char *index_of(const char *table)
{
    for (size_t i = 0; i < sizeof pg_indexes / sizeof *pg_indexes; i++)
        if (strcmp(pg_indexes[i].table, table) == 0)
            return pg_indexes[i].index;
    return NULL;
}

/* The position of column name in t, or -1. */
static long column_of(const store_table_t *t, const char *name)
{
    for (size_t i = 0; i < t->ncol; i++)
        if (strcmp(t->cols[i], name) == 0)
            return (long)i;
    return -1;
}

/* ---- table_list ---------------------------------------------------------------- */

/* The table called name in t[0..n), or NULL. */
static store_table_t *find(store_table_t *t, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(t[i].name, name) == 0)
            return &t[i];
    return NULL;
}

/* Tables and their columns (one row per column, tables by name). */
static void read_columns(const PGresult *r, arena_t *a, store_table_t **out, size_t *n)
{
    int rows = PQntuples(r);
    store_table_t *t = arena_alloc(a, (size_t)(rows ? rows : 1) * sizeof *t);
    size_t k = 0;
    for (int i = 0; i < rows;) {
        int j = i;
        while (j < rows && strcmp(PQgetvalue(r, j, 0), PQgetvalue(r, i, 0)) == 0)
            j++;
        t[k].name = pg_text(a, r, i, 0);
        t[k].ncol = (size_t)(j - i);
        t[k].cols = arena_alloc(a, t[k].ncol * sizeof *t[k].cols);
        for (int c = i; c < j; c++)
            t[k].cols[c - i] = pg_text(a, r, c, 1);
        k++;
        i = j;
    }
    *out = t, *n = k;
}

/* Each table's parents (rows: child, parent, by child). */
static void read_parents(const PGresult *r, arena_t *a, store_table_t *t, size_t n)
{
    int rows = PQntuples(r);
    for (size_t k = 0; k < n; k++)
        t[k].parents = arena_alloc(a, (size_t)(rows ? rows : 1) * sizeof *t[k].parents);
    for (int i = 0; i < rows; i++) {
        store_table_t *child = find(t, n, PQgetvalue(r, i, 0));
        if (child)
            child->parents[child->nparent++] = pg_text(a, r, i, 1);
    }
}

rc_t pg_table_list(void *hv, arena_t *a, store_table_t **out, size_t *n, err_t *e)
{
    PGresult *r;
    *out = NULL, *n = 0;
    /* r1540_schema and r1540_change are the backend's bookkeeping */
    rc_t rc = pg_exec(hv,
                      "SELECT c.relname, a.attname FROM pg_class c JOIN pg_attribute a"
                      " ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped"
                      " WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r'"
                      " AND c.relname NOT LIKE 'r1540\\_%'"
                      " ORDER BY c.relname COLLATE \"C\", a.attnum",
                      0, NULL, &r, e);
    if (rc != RC_OK)
        return rc;
    read_columns(r, a, out, n);
    PQclear(r);
    /* each index table becomes the column `terms` of the table it indexes */
    for (size_t i = 0; i < *n;) {
        store_table_t *t = &(*out)[i];
        const char *index = index_of(t->name);
        size_t k = 0;
        while (index && k < *n && strcmp((*out)[k].name, index) != 0)
            k++;
        if (index && k < *n && column_of(t, "terms") < 0) {
            char **cols = arena_alloc(a, (t->ncol + 1) * sizeof *cols);
            memcpy(cols, t->cols, t->ncol * sizeof *cols);
            cols[t->ncol++] = arena_strdup(a, "terms");
            t->cols = cols;
            memmove(&(*out)[k], &(*out)[k + 1], (*n - k - 1) * sizeof **out);
            (*n)--;
            i = 0; /* the removal may have moved t: look again from the start */
            continue;
        }
        i++;
    }
    rc = pg_exec(hv,
                 "SELECT DISTINCT c.relname, p.relname FROM pg_constraint k"
                 " JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid"
                 " WHERE k.contype = 'f' AND c.relnamespace = current_schema()::regnamespace"
                 " AND p.oid <> c.oid ORDER BY 1, 2",
                 0, NULL, &r, e);
    if (rc != RC_OK)
        return rc;
    read_parents(r, a, *out, *n);
    PQclear(r);
    return RC_OK;
}

/* ---- table_read ------------------------------------------------------------------ */

/* SELECT the columns of t in primary-key order (no key: no order). */
static rc_t select_sql(pg_store_t *h, const store_table_t *t, buf_t *b, err_t *e)
{
    PGresult *r;
    const char *p[] = {t->name};
    rc_t rc = pg_exec(h,
                      "SELECT a.attname FROM pg_index i JOIN pg_attribute a"
                      " ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)"
                      " WHERE i.indrelid = quote_ident($1)::regclass AND i.indisprimary"
                      " ORDER BY array_position(i.indkey::int2[], a.attnum)",
                      1, p, &r, e);
    if (rc != RC_OK)
        return rc;
    buf_puts(b, "SELECT ");
    const char *index = index_of(t->name);
    for (size_t i = 0; i < t->ncol; i++)
        if (index && strcmp(t->cols[i], "terms") == 0)
            buf_printf(b, "%s(SELECT f.terms FROM \"%s\" f WHERE f.rowid = \"%s\".id)",
                       i ? ", " : "", index, t->name);
        else
            buf_printf(b, "%s\"%s\"", i ? ", " : "", t->cols[i]);
    buf_printf(b, " FROM \"%s\"", t->name);
    for (int i = 0; i < PQntuples(r); i++)
        buf_printf(b, "%s\"%s\"", i ? ", " : " ORDER BY ", PQgetvalue(r, i, 0));
    PQclear(r);
    return RC_OK;
}

/* One value of a text-format result as the interface's kind; bytea is
 * unescaped into *freeme (PQfreemem it after use). */
static void read_value(const PGresult *r, int i, int c, store_value_t *v, unsigned char **freeme)
{
    memset(v, 0, sizeof *v);
    if (PQgetisnull(r, i, c))
        return;
    const char *s = PQgetvalue(r, i, c);
    switch (PQftype(r, c)) {
    case PG_BOOL:
        v->kind = STORE_VALUE_INT, v->i = s[0] == 't';
        break;
    case PG_INT2:
    case PG_INT4:
    case PG_INT8:
    case PG_OID:
        v->kind = STORE_VALUE_INT, v->i = strtoll(s, NULL, 10);
        break;
    case PG_FLOAT4:
    case PG_FLOAT8:
    case PG_NUMERIC:
        v->kind = STORE_VALUE_REAL, v->r = strtod(s, NULL);
        break;
    case PG_BYTEA: {
        size_t len = 0;
        *freeme = PQunescapeBytea((const unsigned char *)s, &len);
        v->kind = STORE_VALUE_BLOB, v->p = (const char *)*freeme, v->len = *freeme ? len : 0;
        break;
    }
    default:
        v->kind = STORE_VALUE_TEXT, v->p = s, v->len = (size_t)PQgetlength(r, i, c);
    }
}

/* Calls fn for each row of r, stopping at its first failure. */
static rc_t each_row(const PGresult *r, const store_table_t *t, store_row_fn fn, void *ctx,
                     err_t *e)
{
    if ((size_t)PQnfields(r) != t->ncol)
        return err_set(e, RC_FAIL, "table %s: %d columns read, %zu expected", t->name,
                       PQnfields(r), t->ncol);
    store_value_t *row = xcalloc(t->ncol ? t->ncol : 1, sizeof *row);
    unsigned char **bytes = xcalloc(t->ncol ? t->ncol : 1, sizeof *bytes);
    rc_t rc = RC_OK;
    for (int i = 0; i < PQntuples(r) && rc == RC_OK; i++) {
        for (size_t c = 0; c < t->ncol; c++)
            read_value(r, i, (int)c, &row[c], &bytes[c]);
        rc = fn(ctx, row, e);
        for (size_t c = 0; c < t->ncol; c++)
            PQfreemem(bytes[c]), bytes[c] = NULL;
    }
    free(bytes);
    free(row);
    return rc;
}

rc_t pg_table_read(void *hv, const store_table_t *t, store_row_fn fn, void *ctx, err_t *e)
{
    pg_store_t *h = hv;
    if (!plain_name(t->name))
        return err_set(e, RC_INPUT, "no table %s", t->name);
    for (size_t i = 0; i < t->ncol; i++)
        if (!plain_name(t->cols[i]))
            return err_set(e, RC_INPUT, "table %s: no column %s", t->name, t->cols[i]);
    buf_t sql;
    buf_init(&sql, 0);
    rc_t rc = select_sql(h, t, &sql, e);
    PGresult *r = NULL;
    if (rc == RC_OK && PQtransactionStatus(h->conn) == PQTRANS_IDLE) {
        /* outside a transaction there is no cursor: all rows at once */
        if ((rc = pg_exec(h, buf_str(&sql), 0, NULL, &r, e)) == RC_OK)
            rc = each_row(r, t, fn, ctx, e);
        PQclear(r);
        buf_free(&sql);
        return rc;
    }
    if (rc == RC_OK) {
        buf_t declare;
        buf_init(&declare, 0);
        buf_printf(&declare, "DECLARE r1540_rows NO SCROLL CURSOR FOR %s", buf_str(&sql));
        rc = pg_script(h, buf_str(&declare), e);
        buf_free(&declare);
    }
    buf_free(&sql);
    if (rc != RC_OK)
        return rc;
    for (;;) {
        rc = pg_exec(h, PG_FETCH_SQL, 0, NULL, &r, e);
        int got = rc == RC_OK ? PQntuples(r) : 0;
        if (rc == RC_OK)
            rc = each_row(r, t, fn, ctx, e);
        PQclear(r);
        if (rc != RC_OK || got < PG_ROWS_PER_FETCH)
            break;
    }
    /* closed also when fn stopped the read early, so the name is free again
     * (after a failed statement the transaction is aborted: nothing to close) */
    if (PQtransactionStatus(h->conn) == PQTRANS_INTRANS) {
        rc_t closed = pg_script(h, "CLOSE r1540_rows", rc == RC_OK ? e : NULL);
        if (rc == RC_OK)
            rc = closed;
    }
    return rc;
}

/* ---- table_write ------------------------------------------------------------------ */

/* The parameter of one value: text (numbers printed into the arena) or, for
 * bytes, binary. */
static void param(arena_t *a, const store_value_t *v, const char **p, int *len, int *fmt)
{
    *len = 0, *fmt = 0;
    switch (v->kind) {
    case STORE_VALUE_INT:
        *p = arena_printf(a, "%lld", v->i);
        break;
    case STORE_VALUE_REAL:
        *p = arena_printf(a, "%.17g", v->r);
        break;
    case STORE_VALUE_TEXT:
        *p = v->p;
        break;
    case STORE_VALUE_BLOB:
        *p = v->len ? v->p : "", *len = (int)v->len, *fmt = 1;
        break;
    default:
        *p = NULL;
    }
}

/* INSERT of `rows` rows of t's columns, ids as given (OVERRIDING SYSTEM
 * VALUE: an identity column takes the copied id). */
static void insert_sql(const store_table_t *t, size_t rows, buf_t *b)
{
    buf_printf(b, "INSERT INTO \"%s\" (", t->name);
    for (size_t i = 0; i < t->ncol; i++)
        buf_printf(b, "%s\"%s\"", i ? ", " : "", t->cols[i]);
    buf_puts(b, ") OVERRIDING SYSTEM VALUE VALUES ");
    for (size_t r = 0, k = 1; r < rows; r++) {
        buf_puts(b, r ? ", (" : "(");
        for (size_t i = 0; i < t->ncol; i++)
            buf_printf(b, "%s$%zu", i ? ", " : "", k++);
        buf_puts(b, ")");
    }
}

/* Writes rows [0, n) of one chunk in one statement. */
static rc_t write_chunk(pg_store_t *h, const store_table_t *t, const store_value_t *rows,
                        size_t n, err_t *e)
{
    size_t np = n * t->ncol;
    arena_t a = ARENA_INIT;
    const char **p = arena_alloc(&a, np * sizeof *p);
    int *len = arena_alloc(&a, np * sizeof *len), *fmt = arena_alloc(&a, np * sizeof *fmt);
    for (size_t k = 0; k < np; k++)
        param(&a, &rows[k], &p[k], &len[k], &fmt[k]);
    buf_t sql;
    buf_init(&sql, 0);
    insert_sql(t, n, &sql);
    rc_t rc = pg_exec_bin(h, buf_str(&sql), (int)np, p, len, fmt, NULL, e);
    buf_free(&sql);
    arena_free(&a);
    return rc;
}

static rc_t write_rows(pg_store_t *h, const store_table_t *t, const store_value_t *rows,
                       size_t n, err_t *e);

/* Rows of a table whose `terms` live in an index table: the rows without
 * them, then (rowid, terms) into the index for each row that has terms. */
static rc_t write_indexed(pg_store_t *h, const store_table_t *t, const char *index, size_t ti,
                          const store_value_t *rows, size_t n, err_t *e)
{
    long id = column_of(t, "id");
    if (id < 0)
        return err_set(e, RC_INPUT, "table %s: terms without an id", t->name);
    char **base_cols = xcalloc(t->ncol, sizeof *base_cols);
    store_table_t base = {.name = t->name, .ncol = 0, .cols = base_cols};
    for (size_t c = 0; c < t->ncol; c++)
        if (c != ti)
            base_cols[base.ncol++] = t->cols[c];
    char *index_cols[] = {"rowid", "terms"};
    store_table_t fts = {.name = (char *)index, .ncol = 2, .cols = index_cols};
    store_value_t *plain = xcalloc(n ? n * base.ncol : 1, sizeof *plain);
    store_value_t *terms = xcalloc(n ? 2 * n : 1, sizeof *terms);
    size_t nterms = 0;
    for (size_t r = 0; r < n; r++) {
        const store_value_t *row = rows + r * t->ncol;
        for (size_t c = 0, k = 0; c < t->ncol; c++)
            if (c != ti)
                plain[r * base.ncol + k++] = row[c];
        if (row[ti].kind != STORE_VALUE_NULL) {
            terms[2 * nterms] = row[id];
            terms[2 * nterms + 1] = row[ti];
            nterms++;
        }
    }
    rc_t rc = write_rows(h, &base, plain, n, e);
    if (rc == RC_OK && nterms)
        rc = write_rows(h, &fts, terms, nterms, e);
    free(plain);
    free(terms);
    free(base_cols);
    return rc;
}

rc_t pg_table_write(void *hv, const store_table_t *t, const store_value_t *rows, size_t n,
                    err_t *e)
{
    const char *index = index_of(t->name);
    long ti = index ? column_of(t, "terms") : -1;
    if (ti >= 0 && plain_name(t->name))
        return write_indexed(hv, t, index, (size_t)ti, rows, n, e);
    return write_rows(hv, t, rows, n, e);
}

/* Rows of t as they are, in INSERTs of at most PG_ROWS_PER_INSERT rows. */
static rc_t write_rows(pg_store_t *h, const store_table_t *t, const store_value_t *rows,
                       size_t n, err_t *e)
{
    if (!plain_name(t->name) || !t->ncol)
        return err_set(e, RC_INPUT, "no table %s", t->name);
    for (size_t i = 0; i < t->ncol; i++)
        if (!plain_name(t->cols[i]))
            return err_set(e, RC_INPUT, "table %s: no column %s", t->name, t->cols[i]);
    size_t per = PG_MAX_PARAMS / t->ncol;
    if (per > PG_ROWS_PER_INSERT)
        per = PG_ROWS_PER_INSERT;
    rc_t rc = RC_OK;
    for (size_t done = 0; done < n && rc == RC_OK; done += per)
        rc = write_chunk(h, t, rows + done * t->ncol, n - done < per ? n - done : per, e);
    return rc;
}

/* ---- holding the triggers off ------------------------------------------------------- */

/* The foreign keys are dropped for the load and made again at its end, in
 * the order they were first made (their checks fire in that order, and
 * postgres_matrix.c explains a refusal by the first that fails): made again
 * on full tables, each is checked with one join instead of one query per
 * row, which was most of a copy's time. */
rc_t pg_table_load_begin(void *hv, err_t *e)
{
    return pg_script(hv,
                     "DO $$ DECLARE t text; BEGIN"
                     " FOR t IN SELECT tablename FROM pg_tables"
                     "  WHERE schemaname = current_schema() LOOP"
                     "  EXECUTE format('ALTER TABLE %I DISABLE TRIGGER USER', t);"
                     " END LOOP; END $$;"
                     "CREATE TEMP TABLE r1540_held_fkeys AS"
                     " SELECT c.oid AS made, c.conrelid::regclass::text AS tab, c.conname AS name,"
                     "  pg_get_constraintdef(c.oid) AS def FROM pg_constraint c"
                     " WHERE c.contype = 'f' AND c.connamespace = current_schema()::regnamespace;"
                     "DO $$ DECLARE r record; BEGIN"
                     " FOR r IN SELECT * FROM pg_temp.r1540_held_fkeys ORDER BY made LOOP"
                     "  EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', r.tab, r.name);"
                     " END LOOP; END $$",
                     e);
}

rc_t pg_table_load_end(void *hv, err_t *e)
{
    return pg_script(hv,
                     "DO $$ DECLARE r record; BEGIN"
                     " FOR r IN SELECT * FROM pg_temp.r1540_held_fkeys ORDER BY made LOOP"
                     "  EXECUTE format('ALTER TABLE %s ADD CONSTRAINT %I %s', r.tab, r.name, r.def);"
                     " END LOOP; END $$;"
                     "DROP TABLE pg_temp.r1540_held_fkeys;"
                     "DO $$ DECLARE t text; r record; BEGIN"
                     " FOR t IN SELECT tablename FROM pg_tables"
                     "  WHERE schemaname = current_schema() LOOP"
                     "  EXECUTE format('ALTER TABLE %I ENABLE TRIGGER USER', t);"
                     " END LOOP;"
                     " FOR r IN SELECT c.relname AS tab, a.attname AS col,"
                     "   pg_get_serial_sequence(quote_ident(c.relname), a.attname) AS seq"
                     "  FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid"
                     "  WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r'"
                     "   AND a.attnum > 0 AND NOT a.attisdropped LOOP"
                     "  IF r.seq IS NOT NULL THEN"
                     "   EXECUTE format('SELECT setval(%L, coalesce(max(%I), 0) + 1, false) FROM %I',"
                     "    r.seq, r.col, r.tab);"
                     "  END IF;"
                     " END LOOP; END $$",
                     e);
}
