/*
 * store_copy: a whole database into an empty one, over the table interface.
 *
 * The source is read in one snapshot (begin_read), so a server writing to
 * it meanwhile does not tear the copy; the target is written in one
 * transaction (begin), with its triggers held off (table_load_begin): the
 * rows arrive as they were stored, an approved matrix version as approved,
 * which the rules about how records are born would refuse one at a time.
 * Constraints and foreign keys still check every row, so tables go parents
 * first (a topological order of the source's foreign keys, ties by name).
 *
 * What the target lacks is found before anything is written: a table or a
 * column the source holds rows in. Empty ones are no loss and are passed
 * over, so a copy between two backends whose schemas differ in tables nobody
 * used yet still works.
 *
 * Sessions are not copied: they are no one's data (the fingerprint leaves
 * them out too), and a moved site signs its users in again. Sign-in attempts,
 * API tokens and password-reset tokens are copied (all hashed), so the
 * throttle and the tokens carry over.
 */
#include <stdlib.h>
#include <string.h>

#include "../util/buf.h"
#include "store_copy.h"

/* Rows written per store_table_write call, and bytes held at most before one. */
enum { COPY_BATCH_ROWS = 256, COPY_BATCH_BYTES = 8 << 20 };

/* The tables a copy leaves out (see above). */
static bool left_out(const char *table)
{
    return strcmp(table, "session") == 0;
}

static const store_table_t *find(const store_table_t *t, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(t[i].name, name) == 0)
            return &t[i];
    return NULL;
}

static bool has_column(const store_table_t *t, const char *col)
{
    for (size_t i = 0; i < t->ncol; i++)
        if (strcmp(t->cols[i], col) == 0)
            return true;
    return false;
}

/* The source's tables, parents first: repeatedly the first table (by name)
 * whose parents are all placed. A cycle of foreign keys is RC_FAIL. */
static rc_t order_tables(const store_table_t *t, size_t n, arena_t *a, const store_table_t ***out,
                         size_t *m, err_t *e)
{
    const store_table_t **order = arena_alloc(a, (n ? n : 1) * sizeof *order);
    bool *placed = arena_alloc(a, (n ? n : 1) * sizeof *placed);
    size_t k = 0;
    while (k < n) {
        size_t pick = n;
        for (size_t i = 0; i < n; i++) {
            if (placed[i] || (pick < n && strcmp(t[i].name, t[pick].name) > 0))
                continue;
            bool ready = true;
            for (size_t p = 0; p < t[i].nparent && ready; p++)
                for (size_t j = 0; j < n; j++)
                    if (!placed[j] && j != i && strcmp(t[j].name, t[i].parents[p]) == 0)
                        ready = false;
            if (ready)
                pick = i;
        }
        if (pick == n)
            return err_set(e, RC_FAIL, "copy: the tables' foreign keys form a cycle");
        placed[pick] = true;
        order[k++] = &t[pick];
    }
    *out = order, *m = k;
    return RC_OK;
}

/* ---- finding what the target lacks --------------------------------------------- */

/* Stops a read at its first row: the table holds rows. */
static rc_t first_row(void *ctx, const store_value_t *row, err_t *e)
{
    (void)row, (void)e;
    *(bool *)ctx = true;
    return RC_REFUSED;
}

static rc_t holds_rows(store_t *src, const store_table_t *t, bool *any, err_t *e)
{
    *any = false;
    rc_t rc = store_table_read(src, t, first_row, any, e);
    return *any ? RC_OK : rc;
}

/* RC_REFUSED naming every table and column that holds rows in the source and
 * that the target does not have. */
static rc_t check_target(store_t *src, const store_table_t **order, size_t n,
                         const store_table_t *dst, size_t ndst, err_t *e)
{
    buf_t missing;
    buf_init(&missing, 4096);
    rc_t rc = RC_OK;
    for (size_t i = 0; i < n && rc == RC_OK; i++) {
        const store_table_t *d = find(dst, ndst, order[i]->name);
        bool lacks = !d;
        for (size_t c = 0; d && c < order[i]->ncol; c++)
            lacks = lacks || !has_column(d, order[i]->cols[c]);
        bool any = false;
        if (lacks && (rc = holds_rows(src, order[i], &any, e)) == RC_OK && any) {
            if (!d)
                buf_printf(&missing, "%s%s", missing.len ? ", " : "", order[i]->name);
            for (size_t c = 0; d && c < order[i]->ncol; c++)
                if (!has_column(d, order[i]->cols[c]))
                    buf_printf(&missing, "%s%s.%s", missing.len ? ", " : "", order[i]->name,
                               order[i]->cols[c]);
        }
    }
    if (rc == RC_OK && missing.len)
        rc = err_set(e, RC_REFUSED,
                     "the target has no place for the source's %s (its r1540 lacks them); "
                     "nothing was copied",
                     buf_str(&missing));
    buf_free(&missing);
    return rc;
}

/* ---- copying one table ------------------------------------------------------------ */

typedef struct {
    store_t *dst;
    const store_table_t *t; /* the source's table: its columns name the values */
    arena_t a;              /* the batch's bytes */
    store_value_t *rows;    /* COPY_BATCH_ROWS rows of t->ncol values; owned */
    size_t n;
    size_t bytes;
    long long done;
    size_t table_no, tables;
    store_copy_progress_fn progress;
    void *ctx;
} batch_t;

static rc_t flush(batch_t *b, err_t *e)
{
    rc_t rc = b->n ? store_table_write(b->dst, b->t, b->rows, b->n, e) : RC_OK;
    b->done += (long long)b->n;
    b->n = 0, b->bytes = 0;
    arena_free(&b->a);
    if (rc == RC_OK && b->progress)
        b->progress(b->ctx, b->t->name, b->table_no, b->tables, b->done);
    return rc;
}

/* Keeps one row (its bytes copied into the batch's arena); writes a full batch. */
static rc_t add_row(void *ctx, const store_value_t *row, err_t *e)
{
    batch_t *b = ctx;
    store_value_t *v = b->rows + b->n * b->t->ncol;
    for (size_t i = 0; i < b->t->ncol; i++) {
        v[i] = row[i];
        if (row[i].kind == STORE_VALUE_TEXT || row[i].kind == STORE_VALUE_BLOB) {
            v[i].p = arena_strndup(&b->a, row[i].p ? row[i].p : "", row[i].len);
            b->bytes += row[i].len;
        }
    }
    b->n++;
    return b->n == COPY_BATCH_ROWS || b->bytes >= COPY_BATCH_BYTES ? flush(b, e) : RC_OK;
}

static rc_t copy_table(store_t *src, batch_t *b, err_t *e)
{
    b->rows = xcalloc(COPY_BATCH_ROWS * (b->t->ncol ? b->t->ncol : 1), sizeof *b->rows);
    b->n = 0, b->bytes = 0, b->done = 0;
    rc_t rc = store_table_read(src, b->t, add_row, b, e);
    if (rc == RC_OK)
        rc = flush(b, e);
    arena_free(&b->a);
    free(b->rows);
    if (rc != RC_OK)
        err_prefix(e, "table %s: ", b->t->name);
    return rc;
}

/* ---- the whole copy ------------------------------------------------------------------ */

static rc_t copy_tables(store_t *src, store_t *dst, const store_table_t **order, size_t n,
                        const store_table_t *dtables, size_t ndst, batch_t *b, long long *rows,
                        err_t *e)
{
    rc_t rc = store_begin(dst, e);
    if (rc == RC_OK)
        rc = store_table_load_begin(dst, e);
    b->dst = dst, b->tables = n;
    for (size_t i = 0; i < n && rc == RC_OK; i++) {
        if (!find(dtables, ndst, order[i]->name))
            continue; /* empty (check_target said so) */
        b->t = order[i], b->table_no = i + 1;
        rc = copy_table(src, b, e);
        *rows += b->done;
    }
    if (rc == RC_OK)
        rc = store_table_load_end(dst, e);
    if (rc == RC_OK)
        rc = store_commit(dst, e);
    else
        store_rollback(dst);
    return rc;
}

rc_t store_copy(store_t *src, store_t *dst, store_copy_progress_fn progress, void *ctx,
                long long *rows, err_t *e)
{
    arena_t a = ARENA_INIT;
    store_table_t *stables, *dtables;
    const store_table_t **order = NULL;
    size_t ns = 0, nd = 0, n = 0;
    *rows = 0;
    rc_t rc = store_begin_read(src, e);
    if (rc == RC_OK)
        rc = store_table_list(src, &a, &stables, &ns, e);
    if (rc == RC_OK)
        rc = store_table_list(dst, &a, &dtables, &nd, e);
    if (rc == RC_OK)
        rc = order_tables(stables, ns, &a, &order, &n, e);
    /* the sessions stay behind: drop them from the order */
    size_t kept = 0;
    for (size_t i = 0; rc == RC_OK && i < n; i++)
        if (!left_out(order[i]->name))
            order[kept++] = order[i];
    n = kept;
    if (rc == RC_OK)
        rc = check_target(src, order, n, dtables, nd, e);
    batch_t b = {.progress = progress, .ctx = ctx};
    if (rc == RC_OK)
        rc = copy_tables(src, dst, order, n, dtables, nd, &b, rows, e);
    store_rollback(src);
    arena_free(&a);
    return rc;
}
