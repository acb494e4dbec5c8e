/*
 * Binders, readers and SQL text walked from the field tables (see
 * sqlite_fields.h). Statements built here are prepared per call or once per
 * connection by their callers; the text is built on the stack, never
 * allocated, since the matcher's proposal insert goes through here.
 */
#include "sqlite_fields.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Appends to dst (SQLITE_FIELDS_SQL_MAX bytes); a table too wide for it is a
 * bug in the table, not an input, so it aborts. */
static void add(char *dst, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void add(char *dst, const char *fmt, ...)
{
    size_t len = strlen(dst);
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(dst + len, SQLITE_FIELDS_SQL_MAX - len, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= SQLITE_FIELDS_SQL_MAX - len)
        abort();
}

int sqlite_fields_count(const field_table_t *t)
{
    int n = 0;
    for (size_t i = 0; i < t->n; i++)
        n += field_stored(&t->fields[i]);
    return n;
}

void sqlite_fields_columns(char *dst, const field_table_t *t, const char *prefix)
{
    const char *sep = "";
    for (size_t i = 0; i < t->n; i++) {
        if (!field_stored(&t->fields[i]))
            continue;
        add(dst, "%s%s%s", sep, prefix, field_column(&t->fields[i]));
        sep = ", ";
    }
}

void sqlite_fields_insert_sql(char *dst, const field_table_t *t, const char *prefix_cols,
                              int n_prefix, const char *tail)
{
    *dst = '\0';
    add(dst, "INSERT INTO %s (%s%s", t->table, prefix_cols ? prefix_cols : "",
        prefix_cols ? ", " : "");
    sqlite_fields_columns(dst, t, "");
    add(dst, ") VALUES (");
    int n = n_prefix + sqlite_fields_count(t);
    for (int i = 0; i < n; i++)
        add(dst, i ? ",?" : "?");
    add(dst, ")%s", tail);
}

void sqlite_fields_select_sql(char *dst, const field_table_t *t, const char *tail)
{
    *dst = '\0';
    add(dst, "SELECT ");
    sqlite_fields_columns(dst, t, "");
    add(dst, " FROM %s%s", t->table, tail);
}

void sqlite_fields_upsert_set(char *dst, const field_table_t *t)
{
    const char *sep = "";
    for (size_t i = 0; i < t->n; i++) {
        const field_t *f = &t->fields[i];
        if (!field_stored(f) || (f->flags & FIELD_KEY))
            continue;
        add(dst, "%s%s = excluded.%s", sep, field_column(f), field_column(f));
        sep = ", ";
    }
}

static void bind_one(sqlite3_stmt *s, int i, const field_t *f, const void *rec)
{
    long long v;
    const char *text;
    switch (f->type) {
    case FIELD_ID:
    case FIELD_REF:
        if ((v = field_number(f, rec)) > 0)
            sqlite3_bind_int64(s, i, v);
        else
            sqlite3_bind_null(s, i);
        break;
    case FIELD_INT:
    case FIELD_LLONG:
        sqlite3_bind_int64(s, i, field_number(f, rec));
        break;
    default: /* TEXT, CODE, ENUM */
        text = field_text(f, rec);
        if (!text)
            text = f->dflt ? f->dflt : "";
        if ((f->flags & FIELD_EMPTY_NULL) && !*text)
            sqlite3_bind_null(s, i);
        else
            sqlite3_bind_text(s, i, text, -1, SQLITE_STATIC);
        break;
    }
}

void sqlite_fields_bind(sqlite3_stmt *s, int base, const field_table_t *t, const void *rec)
{
    int i = base;
    for (size_t k = 0; k < t->n; k++)
        if (field_stored(&t->fields[k]))
            bind_one(s, ++i, &t->fields[k], rec);
}

static void read_one(arena_t *a, sqlite3_stmt *s, int i, const field_t *f, void *rec)
{
    const char *text = (const char *)sqlite3_column_text(s, i);
    size_t n = (size_t)sqlite3_column_bytes(s, i);
    int e;
    switch (f->type) {
    case FIELD_ID:
    case FIELD_REF:
    case FIELD_INT:
    case FIELD_LLONG:
        field_set_number(f, rec, sqlite3_column_int64(s, i));
        break;
    case FIELD_ENUM:
        e = f->enum_parse(text ? text : "");
        field_set_number(f, rec, e < 0 ? 0 : e);
        break;
    case FIELD_CODE:
        if (!text || !field_set_text(f, rec, text)) /* a code too long for its */
            field_set_text(f, rec, "");               /* member reads as none */
        break;
    case FIELD_TEXT:
        field_set_text(f, rec, arena_strndup(a, text ? text : "", text ? n : 0));
        break;
    case FIELD_VIRTUAL:
        break;
    }
}

void sqlite_fields_read(arena_t *a, sqlite3_stmt *s, int base, const field_table_t *t, void *rec)
{
    int i = base;
    for (size_t k = 0; k < t->n; k++)
        if (field_stored(&t->fields[k]))
            read_one(a, s, i++, &t->fields[k], rec);
}
