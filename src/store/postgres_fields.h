/*
 * The PostgreSQL backend's SQL text, parameters and row reading walked from
 * the field tables (src/core/fields.h), as sqlite_fields.c does for SQLite:
 * a new field needs no change here. Columns are quoted ("numeric" is a type
 * name in PostgreSQL). Lists (FIELD_LIST) are rows of the record's code
 * table: a SELECT reads each as one column, its codes joined with commas in
 * list order; INSERTs leave them to the caller (postgres_assistance.c).
 */
#ifndef R1540_STORE_POSTGRES_FIELDS_H
#define R1540_STORE_POSTGRES_FIELDS_H

#include <libpq-fe.h>

#include "../core/fields.h"
#include "../util/buf.h"
#include "../util/mem.h"

enum { PG_FIELDS_SQL_MAX = 4096, PG_FIELDS_MAX_PARAMS = 64 };

/* The parameters of one record: text pointers into rec or into num. */
typedef struct {
    const char *v[PG_FIELDS_MAX_PARAMS];
    char num[PG_FIELDS_MAX_PARAMS][24];
    int n;
} pg_params_t;

/* "INSERT INTO table (cols) VALUES ($1, ...) ON CONFLICT (key) DO UPDATE SET
 * every column": SQLite's INSERT OR REPLACE for a table without dependants. */
void pg_fields_upsert_sql(char *dst, const field_table_t *t, const char *key);
/* "INSERT INTO table (prefix_cols, cols) VALUES ($1, ...)" with n_prefix
 * parameters first; with conflict non-NULL, "ON CONFLICT (conflict) DO UPDATE
 * SET" every column but the FIELD_KEY ones. */
void pg_fields_insert_sql(char *dst, const field_table_t *t, const char *prefix_cols,
                          int n_prefix, const char *conflict);
/* "INSERT INTO table (prefix_cols, cols) SELECT prefix_select, u.* FROM
 * unnest($k::text[], ...) AS u" and then tail: any number of rows in one
 * statement of one text, each column's values one array parameter
 * (pg_fields_arrays), numbered after the caller's n_prefix parameters (which
 * prefix_select and tail use). A number's array is bigint[] (an integer
 * column takes it by assignment), any other text[]. */
void pg_fields_insert_arrays_sql(char *dst, const field_table_t *t, const char *prefix_cols,
                                 const char *prefix_select, int n_prefix, const char *tail);
/* The columns of the n records at recs (stride bytes apart) as array literals,
 * cols[k] column k's (cols: PG_FIELDS_MAX_PARAMS buffers, each set up by
 * buf_init and reset here): the values pg_fields_params gives, quoted,
 * NULL unquoted. Returns the number of columns. */
int pg_fields_arrays(buf_t *cols, const field_table_t *t, const void *recs, size_t stride,
                     size_t n);
/* "INSERT INTO table (cols) VALUES (...) RETURNING id" for a record with a
 * FIELD_ID: an id parameter that is NULL (an id of 0) becomes the highest id
 * + 1, as SQLite's rowid, so the same data gives the same ids on both
 * backends. Parameters from pg_fields_params. */
void pg_fields_insert_new_sql(char *dst, const field_table_t *t);
/* "SELECT cols FROM table" followed by tail (WHERE, ORDER BY); each list is
 * one column (a subquery naming the record by its table's name, so tail must
 * not alias the table). */
void pg_fields_select_sql(char *dst, const field_table_t *t, const char *tail);
/* Appends rec's stored fields to p (set p->n = 0 first, or after the
 * caller's own parameters), as sqlite_fields_bind binds them. */
void pg_fields_params(pg_params_t *p, const field_table_t *t, const void *rec);
/* Reads row i of pg_fields_select_sql's result into rec. */
void pg_fields_read(arena_t *a, const PGresult *r, int i, const field_table_t *t, void *rec);

#endif
