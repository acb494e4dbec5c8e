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

/* The number of t's columns (its fields but FIELD_VIRTUAL and FIELD_LIST). */
int sqlite_fields_count(const field_table_t *t);
/* "a, b, c": the columns of t, each after prefix ("" or "e."), for an INSERT. */
void sqlite_fields_columns(char *dst, const field_table_t *t, const char *prefix);
/* The SELECT list of t: its columns, each after prefix, and for each
 * FIELD_LIST row a subquery joining its codes with commas in list order;
 * read it with sqlite_fields_read. With prefix "", lists refer to the
 * record by its table's name. */
void sqlite_fields_select_list(char *dst, const field_table_t *t, const char *prefix);
/* "INSERT INTO table (prefix_cols, cols) VALUES (?,...)" with one parameter
 * per column, prefix_cols being n_prefix columns the caller binds first
 * (NULL when none); `tail` is appended (an ON CONFLICT clause, or ""). */
void sqlite_fields_insert_sql(char *dst, const field_table_t *t, const char *prefix_cols,
                              int n_prefix, const char *tail);
/* The same as an INSERT OR REPLACE of every column, without a prefix. */
void sqlite_fields_replace_sql(char *dst, const field_table_t *t);
/* "SELECT cols FROM table" followed by `tail` (a WHERE and ORDER BY). */
void sqlite_fields_select_sql(char *dst, const field_table_t *t, const char *tail);
/* "a = excluded.a, ...": every stored field that is not FIELD_KEY. */
void sqlite_fields_upsert_set(char *dst, const field_table_t *t);

/* Binds rec's stored fields to parameters base+1, base+2, ...: an ID of 0 or
 * less and a REF of 0 as NULL (the store assigns the id), a NULL text as its
 * default or "", a FIELD_EMPTY_NULL "" as NULL. Text is bound SQLITE_STATIC:
 * rec must outlive the step. */
void sqlite_fields_bind(sqlite3_stmt *s, int base, const field_table_t *t, const void *rec);
/* Writes the codes of rec's FIELD_LIST fields into t's code table as the
 * rows of record `id` (after the record's own insert), one row per code in
 * list order. Returns SQLITE_OK or the failing step's code, *failed (when
 * not NULL) naming the field: an empty code (",," or a trailing comma) or a
 * repeated one is refused by the table. */
int sqlite_fields_write_lists(sqlite3 *db, const field_table_t *t, const void *rec, long long id,
                              const char **failed);
/* Reads the columns of sqlite_fields_select_list, from base on, into rec,
 * text copied into a (NULL read as "", an unknown enum text as 0). */
void sqlite_fields_read(arena_t *a, sqlite3_stmt *s, int base, const field_table_t *t, void *rec);

#endif
