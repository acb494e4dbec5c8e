/*
 * store_fingerprint: one SHA-256 of everything a database holds, computed the
 * same way for every backend over the table interface (store_table_list and
 * store_table_read), so that the same content gives the same hex string in
 * SQLite and in PostgreSQL, and `r1540 fingerprint` on both ends of a
 * `r1540 copy` proves it lossless.
 *
 * What makes it backend-neutral:
 *  - tables by name and columns by name, whatever order a backend declared
 *    them in (a PostgreSQL migration folds in the columns SQLite added later);
 *  - rows in no order: each row is hashed on its own and the table hashes its
 *    rows' digests sorted, so neither backend's collation nor key order
 *    matters, and equal rows (a table without a key) still count twice;
 *  - values in one form per kind of content: an integer (also a whole number
 *    stored as a double) as 8 bytes, another number as its double, text and
 *    bytes alike as their length and bytes, NULL as itself;
 *  - an empty table adds nothing, so a table one backend's schema has and the
 *    other's lacks does not matter while it holds no rows.
 * Left out: sessions (no one's data, they come and go with sign-ins) and the
 * `terms` columns (search terms derived from the text beside them). With
 * data_only, also the audit log and meta's audit_count and audit_head (what
 * every command adds to, even one that changes no record): tests compare it to
 * prove that a repeated init or import changed nothing else.
 */
#include <math.h>
#include <stdint.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"

typedef struct {
    const char *name;
    size_t pos; /* in the row table_read gives */
} fp_col_t;

typedef struct {
    fp_col_t *order; /* the columns fed, by name */
    size_t nfed;
    size_t skip_key; /* with data_only, meta's `key` column: audit rows skipped; else SIZE_MAX */
    unsigned char (*digests)[crypto_hash_sha256_BYTES]; /* owned (xrealloc) */
    size_t n, cap;
} fp_table_t;

static void feed_bytes(crypto_hash_sha256_state *hs, char tag, const void *p, size_t len)
{
    unsigned long long n = len;
    crypto_hash_sha256_update(hs, (const unsigned char *)&tag, 1);
    crypto_hash_sha256_update(hs, (const unsigned char *)&n, sizeof n);
    if (len)
        crypto_hash_sha256_update(hs, p, len);
}

static void feed_value(crypto_hash_sha256_state *hs, const store_value_t *v)
{
    double r = v->r;
    long long i = v->i;
    /* a whole number is an integer whichever way it was stored */
    bool whole = v->kind == STORE_VALUE_REAL && r >= -9.0e15 && r <= 9.0e15 && r == floor(r);
    if (v->kind == STORE_VALUE_INT || whole) {
        if (whole)
            i = (long long)r;
        feed_bytes(hs, 'i', &i, sizeof i);
    } else if (v->kind == STORE_VALUE_REAL) {
        feed_bytes(hs, 'r', &r, sizeof r);
    } else if (v->kind == STORE_VALUE_TEXT || v->kind == STORE_VALUE_BLOB) {
        feed_bytes(hs, 's', v->p, v->len);
    } else {
        feed_bytes(hs, 'n', NULL, 0);
    }
}

static rc_t hash_row(void *ctx, const store_value_t *row, err_t *e)
{
    (void)e;
    fp_table_t *ft = ctx;
    if (ft->skip_key != SIZE_MAX) {
        const store_value_t *k = &row[ft->skip_key];
        if (k->kind == STORE_VALUE_TEXT &&
            ((k->len == 11 && memcmp(k->p, "audit_count", 11) == 0) ||
             (k->len == 10 && memcmp(k->p, "audit_head", 10) == 0)))
            return RC_OK;
    }
    crypto_hash_sha256_state hs;
    crypto_hash_sha256_init(&hs);
    for (size_t k = 0; k < ft->nfed; k++)
        feed_value(&hs, &row[ft->order[k].pos]);
    if (ft->n == ft->cap) {
        ft->cap = ft->cap ? 2 * ft->cap : 256;
        ft->digests = xrealloc(ft->digests, ft->cap * sizeof *ft->digests);
    }
    crypto_hash_sha256_final(&hs, ft->digests[ft->n++]);
    return RC_OK;
}

static int by_digest(const void *x, const void *y)
{
    return memcmp(x, y, crypto_hash_sha256_BYTES);
}

static int by_name(const void *x, const void *y)
{
    return strcmp(((const fp_col_t *)x)->name, ((const fp_col_t *)y)->name);
}

/* Feeds one table: its name, its columns by name, its rows' sorted digests;
 * nothing at all when it has no rows. */
static rc_t feed_table(store_t *st, const store_table_t *t, bool data_only,
                       crypto_hash_sha256_state *hs, arena_t *a, err_t *e)
{
    fp_table_t ft = {.skip_key = SIZE_MAX};
    ft.order = arena_alloc(a, (t->ncol ? t->ncol : 1) * sizeof *ft.order);
    for (size_t i = 0; i < t->ncol; i++)
        if (data_only && strcmp(t->name, "meta") == 0 && strcmp(t->cols[i], "key") == 0)
            ft.skip_key = i;
    for (size_t i = 0; i < t->ncol; i++)
        if (strcmp(t->cols[i], "terms") != 0)
            ft.order[ft.nfed++] = (fp_col_t){t->cols[i], i};
    qsort(ft.order, ft.nfed, sizeof *ft.order, by_name);
    rc_t rc = store_table_read(st, t, hash_row, &ft, e);
    if (rc == RC_OK && ft.n) {
        qsort(ft.digests, ft.n, sizeof *ft.digests, by_digest);
        feed_bytes(hs, 't', t->name, strlen(t->name));
        for (size_t k = 0; k < ft.nfed; k++)
            feed_bytes(hs, 'c', ft.order[k].name, strlen(ft.order[k].name));
        feed_bytes(hs, 'r', ft.digests, ft.n * sizeof *ft.digests);
    }
    free(ft.digests);
    if (rc != RC_OK)
        err_prefix(e, "fingerprint: table %s: ", t->name);
    return rc;
}

static int by_table_name(const void *x, const void *y)
{
    return strcmp(((const store_table_t *)x)->name, ((const store_table_t *)y)->name);
}

rc_t store_fingerprint(store_t *st, bool data_only, char out[65], err_t *e)
{
    arena_t a = ARENA_INIT;
    store_table_t *tables;
    size_t n = 0;
    rc_t rc = store_begin_read(st, e);
    if (rc == RC_OK)
        rc = store_table_list(st, &a, &tables, &n, e);
    if (rc == RC_OK)
        qsort(tables, n, sizeof *tables, by_table_name);
    crypto_hash_sha256_state hs;
    crypto_hash_sha256_init(&hs);
    for (size_t i = 0; i < n && rc == RC_OK; i++)
        if (strcmp(tables[i].name, "session") != 0 &&
            !(data_only && strcmp(tables[i].name, "audit") == 0))
            rc = feed_table(st, &tables[i], data_only, &hs, &a, e);
    store_rollback(st);
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_final(&hs, digest);
    if (rc == RC_OK)
        sodium_bin2hex(out, 65, digest, sizeof digest);
    arena_free(&a);
    return rc;
}
