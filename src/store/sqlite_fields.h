/*
 * The SQLite backend's binders and readers driven by the field tables
 * (src/core/fields.h): the column list of a statement, its parameters and
 * the reading of a row are walked from a record's table, so a new field
 * needs no change here. Nothing outside src/store/sqlite*.c includes this.
 */
#ifndef R1540_STORE_SQLITE_FIELDS_H
#define R1540_STORE_SQLITE_FIELDS_H

#include <sqlite3.h>

#include "../core/fields.h"
#include "../util/mem.h"

/* SQL text is built into a caller's buffer of this size; the tables are
 * static, so a text that does not fit is a programming error (abort). */
enum { SQLITE_FIELDS_SQL_MAX = 2048 };

/* The number of t's stored fields (its columns). */
int sqlite_fields_count(const field_table_t *t);
/* "a, b, c": the columns of t, each after prefix ("" or "e."). */
void sqlite_fields_columns(char *dst, const field_table_t *t, const char *prefix);
/* "INSERT INTO table (prefix_cols, cols) VALUES (?,...)" with one parameter
 * per column, prefix_cols being n_prefix columns the caller binds first
 * (NULL when none); `tail` is appended (an ON CONFLICT clause, or ""). */
void sqlite_fields_insert_sql(char *dst, const field_table_t *t, const char *prefix_cols,
                              int n_prefix, const char *tail);
/* "SELECT cols FROM table" followed by `tail` (a WHERE and ORDER BY). */
void sqlite_fields_select_sql(char *dst, const field_table_t *t, const char *tail);
/* "a = excluded.a, ...": every stored field that is not FIELD_KEY. */
void sqlite_fields_upsert_set(char *dst, const field_table_t *t);

/* Binds rec's stored fields to parameters base+1, base+2, ...: an ID of 0 or
 * less and a REF of 0 as NULL (the store assigns the id), a NULL text as its
 * default or "", a FIELD_EMPTY_NULL "" as NULL. Text is bound SQLITE_STATIC:
 * rec must outlive the step. */
void sqlite_fields_bind(sqlite3_stmt *s, int base, const field_table_t *t, const void *rec);
/* Reads columns base, base+1, ... of the current row into rec's stored
 * fields, text copied into a (NULL read as "", an unknown enum text as 0). */
void sqlite_fields_read(arena_t *a, sqlite3_stmt *s, int base, const field_table_t *t, void *rec);

#endif
