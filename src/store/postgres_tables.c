/*
 * The table interface for PostgreSQL (store_ops.def, "the table interface"):
 * r1540's tables from the catalog, their rows read through a cursor (a few
 * hundred at a time, so a table of documents is never held whole) and written
 * with COPY FROM STDIN (text format, every value escaped: see table_write). Table and column names come from the catalog or from another
 * backend's catalog; they are identifiers, quoted, and one holding a quote is
 * refused.
 *
 * Loading: table_load_begin disables the tables' own triggers (ALTER TABLE
 * ... DISABLE TRIGGER USER: the rules' triggers and the change counter's; only
 * the tables' owner may) and drops the foreign keys, inside the caller's
 * transaction; table_load_end makes the foreign keys again (which checks every
 * row against them), enables the triggers, gathers the planner's statistics
 * (ANALYZE, in the same transaction: until autovacuum came by, a freshly
 * loaded database was planned as if empty, and its signed-in pages read
 * whole tables) and moves every sequence (report_page's identity) past the
 * ids written.
 */
#include <stdlib.h>
#include <string.h>

#include "../util/buf.h"
#include "postgres_private.h"

/* Rows per FETCH: a few hundred rows amortize the round trip without
 * holding much. */
#define PG_ROWS_PER_FETCH 256
#define PG_FETCH_SQL "FETCH 256 FROM r1540_rows"

/* Type OIDs (pg_type.h) of the values read back as numbers or bytes. */
enum {
    PG_BOOL = 16, PG_BYTEA = 17, PG_INT8 = 20, PG_INT2 = 21, PG_INT4 = 23, PG_OID = 26,
    PG_FLOAT4 = 700, PG_FLOAT8 = 701, PG_NUMERIC = 1700
};

static bool plain_name(const char *s)
{
    return s && *s && !strchr(s, '"');
}

/* The practices' search index is a table of its own here, practice_fts
 * (rowid, terms), where SQLite's FTS5 table is not a table of the
 * interface: both show its terms as a column `terms` of practice
 * (sqlite_tables.c), so a copy carries them either way. (The reports' terms
 * are a column of report_page on PostgreSQL already.) */
#define PG_FTS_TABLE "practice"
#define PG_FTS_INDEX "practice_fts"

/* The index of column name in t, or -1. */
static int column_of(const store_table_t *t, const char *name)
{
    for (size_t i = 0; i < t->ncol; i++)
        if (strcmp(t->cols[i], name) == 0)
            return (int)i;
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
                      "SELECT relname, attname FROM (SELECT c.relname, a.attname, a.attnum"
                      " FROM pg_class c JOIN pg_attribute a"
                      " ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped"
                      " WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r'"
                      " AND c.relname NOT LIKE 'r1540\\_%' AND c.relname <> '" PG_FTS_INDEX "'"
                      " UNION ALL SELECT '" PG_FTS_TABLE "', 'terms', 32767"
                      " WHERE to_regclass('" PG_FTS_INDEX "') IS NOT NULL) x"
                      " ORDER BY relname COLLATE \"C\", attnum",
                      0, NULL, &r, e);
    if (rc != RC_OK)
        return rc;
    read_columns(r, a, out, n);
    PQclear(r);
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
    bool fts = strcmp(t->name, PG_FTS_TABLE) == 0;
    buf_puts(b, "SELECT ");
    for (size_t i = 0; i < t->ncol; i++)
        if (fts && strcmp(t->cols[i], "terms") == 0)
            buf_printf(b, "%sf.terms", i ? ", " : "");
        else
            buf_printf(b, "%st.\"%s\"", i ? ", " : "", t->cols[i]);
    buf_printf(b, " FROM \"%s\" t", t->name);
    if (fts)
        buf_puts(b, " LEFT JOIN " PG_FTS_INDEX " f ON f.rowid = t.id");
    for (int i = 0; i < PQntuples(r); i++)
        buf_printf(b, "%st.\"%s\"", i ? ", " : " ORDER BY ", PQgetvalue(r, i, 0));
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

/* Rows are written with COPY FROM STDIN in PostgreSQL's text format: one
 * statement and a stream of bytes per call, instead of a multi-row INSERT
 * whose thousands of parameters are each parsed apart (3.5x psql's \copy,
 * bench/copy.sh). Text format, not binary: binary needs each column's exact
 * type on the client (int2, int4, int8, bool, float4 all differ on the wire),
 * while text lets the server read every value as it read the INSERT's text
 * parameters. Not CSV either: text format's escaping is per character and
 * has no quoting state. What it escapes: a backslash, tab (the delimiter),
 * newline and carriage return; \N is NULL. Bytes go as bytea's hex input,
 * whose leading backslash is itself escaped ("\\x00ff"). Text with a NUL
 * byte is refused: PostgreSQL's text cannot hold one (the INSERT path cut
 * such a value short without a word). A COPY writes identity columns with
 * the values given, as OVERRIDING SYSTEM VALUE did. */

/* Bytes sent per PQputCopyData: a document is sent in pieces of this size,
 * not held twice over in one buffer. */
enum { PG_COPY_CHUNK = 1 << 20 };

static const char hexdigit[] = "0123456789abcdef";

/* Appends text escaped for COPY's text format. */
static void copy_text(buf_t *b, const char *p, size_t n)
{
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        const char *esc = p[i] == '\\' ? "\\\\"
                          : p[i] == '\t' ? "\\t"
                          : p[i] == '\n' ? "\\n"
                          : p[i] == '\r' ? "\\r"
                                         : NULL;
        if (!esc)
            continue;
        buf_append(b, p + run, i - run);
        buf_puts(b, esc);
        run = i + 1;
    }
    buf_append(b, p + run, n - run);
}

/* Sends what b holds when it is large enough (or when flush), then empties it. */
static rc_t copy_send(pg_store_t *h, buf_t *b, bool flush, err_t *e)
{
    if (b->len == 0 || (!flush && b->len < PG_COPY_CHUNK))
        return RC_OK;
    if (PQputCopyData(h->conn, b->data, (int)b->len) != 1)
        return pg_fail(h, NULL, e);
    buf_reset(b);
    return RC_OK;
}

/* Appends one value of column c as COPY text. */
static rc_t copy_value(pg_store_t *h, buf_t *b, const store_table_t *t, size_t c,
                       const store_value_t *v, err_t *e)
{
    switch (v->kind) {
    case STORE_VALUE_INT:
        buf_printf(b, "%lld", v->i);
        return RC_OK;
    case STORE_VALUE_REAL:
        buf_printf(b, "%.17g", v->r);
        return RC_OK;
    case STORE_VALUE_TEXT:
        if (memchr(v->p, '\0', v->len))
            return err_set(e, RC_INPUT, "table %s: column %s: a text holding a NUL byte",
                           t->name, t->cols[c]);
        copy_text(b, v->p, v->len);
        return RC_OK;
    case STORE_VALUE_BLOB: {
        buf_puts(b, "\\\\x");
        const unsigned char *p = (const unsigned char *)v->p;
        for (size_t i = 0; i < v->len; i++) {
            char two[2] = {hexdigit[p[i] >> 4], hexdigit[p[i] & 15]};
            buf_append(b, two, 2);
            if ((i & 0xffff) == 0xffff) { /* a large document goes in pieces */
                rc_t rc = copy_send(h, b, false, e);
                if (rc != RC_OK)
                    return rc;
            }
        }
        return RC_OK;
    }
    default:
        buf_puts(b, "\\N");
        return RC_OK;
    }
}

/* Ends the COPY: error NULL commits its rows to the statement, otherwise the
 * server is told to abandon it (and its own answer is not the error). */
static rc_t copy_end(pg_store_t *h, const char *error, err_t *e)
{
    rc_t rc = RC_OK;
    if (PQputCopyEnd(h->conn, error) != 1)
        rc = pg_fail(h, NULL, error ? NULL : e);
    PGresult *r;
    while ((r = PQgetResult(h->conn)) != NULL) {
        if (rc == RC_OK && !error && PQresultStatus(r) != PGRES_COMMAND_OK)
            rc = pg_fail(h, r, e);
        PQclear(r);
    }
    return rc;
}

/* COPY of rows [0, n) of t (t->ncol values each) into table `into`: the
 * values at columns pick[0..k) under the names names[0..k); a row whose
 * value at column `need` (if not -1) is NULL is passed over. */
static rc_t copy_rows(pg_store_t *h, const store_table_t *t, const char *into,
                      const char *const *names, const size_t *pick, size_t k, int need,
                      const store_value_t *rows, size_t n, err_t *e)
{
    buf_t b;
    buf_init(&b, 0);
    buf_printf(&b, "COPY \"%s\" (", into);
    for (size_t i = 0; i < k; i++)
        buf_printf(&b, "%s\"%s\"", i ? ", " : "", names[i]);
    buf_puts(&b, ") FROM STDIN");
    PGresult *r = PQexec(h->conn, buf_str(&b));
    buf_reset(&b);
    rc_t rc = PQresultStatus(r) == PGRES_COPY_IN ? RC_OK : pg_fail(h, r, e);
    PQclear(r);
    if (rc != RC_OK) {
        buf_free(&b);
        return rc;
    }
    for (size_t i = 0; i < n && rc == RC_OK; i++) {
        const store_value_t *row = rows + i * t->ncol;
        if (need >= 0 && row[need].kind == STORE_VALUE_NULL)
            continue;
        for (size_t c = 0; c < k && rc == RC_OK; c++) {
            if (c)
                buf_putc(&b, '\t');
            rc = copy_value(h, &b, t, pick[c], &row[pick[c]], e);
        }
        buf_putc(&b, '\n');
        if (rc == RC_OK)
            rc = copy_send(h, &b, false, e);
    }
    if (rc == RC_OK)
        rc = copy_send(h, &b, true, e);
    buf_free(&b);
    if (rc != RC_OK) {
        copy_end(h, "r1540: a row could not be written", NULL);
        return rc;
    }
    return copy_end(h, NULL, e);
}

rc_t pg_table_write(void *hv, const store_table_t *t, const store_value_t *rows, size_t n,
                    err_t *e)
{
    pg_store_t *h = hv;
    if (!plain_name(t->name) || !t->ncol)
        return err_set(e, RC_INPUT, "no table %s", t->name);
    for (size_t i = 0; i < t->ncol; i++)
        if (!plain_name(t->cols[i]))
            return err_set(e, RC_INPUT, "table %s: no column %s", t->name, t->cols[i]);
    if (n == 0)
        return RC_OK;
    int terms = strcmp(t->name, PG_FTS_TABLE) == 0 ? column_of(t, "terms") : -1;
    int id = column_of(t, "id");
    if (terms >= 0 && id < 0)
        return err_set(e, RC_INPUT, "table %s: terms without an id", t->name);
    const char **names = xcalloc(t->ncol, sizeof *names);
    size_t *pick = xcalloc(t->ncol, sizeof *pick), k = 0;
    for (size_t i = 0; i < t->ncol; i++)
        if ((int)i != terms)
            names[k] = t->cols[i], pick[k++] = i;
    rc_t rc = copy_rows(h, t, t->name, names, pick, k, -1, rows, n, e);
    if (rc == RC_OK && terms >= 0) {
        const char *fts_names[] = {"rowid", "terms"};
        size_t fts_pick[] = {(size_t)id, (size_t)terms};
        rc = copy_rows(h, t, PG_FTS_INDEX, fts_names, fts_pick, 2, terms, rows, n, e);
    }
    free(pick);
    free(names);
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
                     "  EXECUTE format('ANALYZE %I', t);"
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
