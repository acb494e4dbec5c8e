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

#include "../core/state.h" /* the languages (lang.h, wherever it lives) */

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

/* True if f is a column of the record's own table (lists are rows of its
 * code table). */
static bool is_column(const field_t *f) { return f->type != FIELD_VIRTUAL && f->type != FIELD_LIST; }

/* How many columns f takes: one per language for FIELD_NAMES. */
static int width(const field_t *f)
{
    return !is_column(f) ? 0 : f->type == FIELD_NAMES ? LANG_COUNT : 1;
}

/* Appends f's column(s) after sep, each after prefix, or as the upsert's
 * "x = excluded.x" when excluded is set. */
static void add_columns(char *dst, const field_t *f, const char *sep, const char *prefix,
                        bool excluded)
{
    for (int l = 0; l < width(f); l++) {
        char col[64];
        if (f->type == FIELD_NAMES)
            snprintf(col, sizeof col, "%s_%s", field_column(f), lang_code((lang_t)l));
        else
            snprintf(col, sizeof col, "%s", field_column(f));
        if (excluded)
            add(dst, "%s%s = excluded.%s", l ? ", " : sep, col, col);
        else
            add(dst, "%s%s%s", l ? ", " : sep, prefix, col);
    }
}

int sqlite_fields_count(const field_table_t *t)
{
    int n = 0;
    for (size_t i = 0; i < t->n; i++)
        n += width(&t->fields[i]);
    return n;
}

void sqlite_fields_columns(char *dst, const field_table_t *t, const char *prefix)
{
    const char *sep = "";
    for (size_t i = 0; i < t->n; i++) {
        if (!is_column(&t->fields[i]))
            continue;
        add_columns(dst, &t->fields[i], sep, prefix, false);
        sep = ", ";
    }
}

/* The column of t's FIELD_ID row ("id" if it has none). */
static const char *id_column(const field_table_t *t)
{
    for (size_t i = 0; i < t->n; i++)
        if (t->fields[i].type == FIELD_ID)
            return field_column(&t->fields[i]);
    return "id";
}

void sqlite_fields_select_list(char *dst, const field_table_t *t, const char *prefix)
{
    const char *sep = "";
    for (size_t i = 0; i < t->n; i++) {
        const field_t *f = &t->fields[i];
        if (is_column(f)) {
            add_columns(dst, f, sep, prefix, false);
        } else if (f->type == FIELD_LIST) {
            /* ordered in a subquery: group_concat keeps the order it is fed */
            add(dst,
                "%s(SELECT coalesce(group_concat(code, ','), '') FROM (SELECT code FROM %s"
                " WHERE %s = %s%s%s AND list = '%s' ORDER BY seq))",
                sep, t->list_table, t->list_owner, *prefix ? prefix : t->table,
                *prefix ? "" : ".", id_column(t), field_column(f));
        } else {
            continue;
        }
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

void sqlite_fields_replace_sql(char *dst, const field_table_t *t)
{
    char insert[SQLITE_FIELDS_SQL_MAX];
    sqlite_fields_insert_sql(insert, t, NULL, 0, "");
    *dst = '\0';
    add(dst, "INSERT OR REPLACE%s", insert + strlen("INSERT"));
}

void sqlite_fields_select_sql(char *dst, const field_table_t *t, const char *tail)
{
    *dst = '\0';
    add(dst, "SELECT ");
    sqlite_fields_select_list(dst, t, "");
    add(dst, " FROM %s%s", t->table, tail);
}

void sqlite_fields_upsert_set(char *dst, const field_table_t *t)
{
    const char *sep = "";
    for (size_t i = 0; i < t->n; i++) {
        const field_t *f = &t->fields[i];
        if (!is_column(f) || (f->flags & FIELD_KEY))
            continue;
        add_columns(dst, f, sep, "", true);
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
    case FIELD_BOOL:
        sqlite3_bind_int64(s, i, field_number(f, rec));
        break;
    case FIELD_NAMES:
        for (int l = 0; l < LANG_COUNT; l++) {
            text = field_name_text(f, rec, l);
            sqlite3_bind_text(s, i + l, text ? text : "", -1, SQLITE_STATIC);
        }
        break;
    default: /* TEXT, CODE, ENUM (lists are not bound: sqlite_fields_write_lists) */
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
    int i = base + 1;
    for (size_t k = 0; k < t->n; k++) {
        if (is_column(&t->fields[k]))
            bind_one(s, i, &t->fields[k], rec);
        i += width(&t->fields[k]);
    }
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
    case FIELD_BOOL:
        field_set_number(f, rec, sqlite3_column_int64(s, i));
        break;
    case FIELD_NAMES:
        for (int l = 0; l < LANG_COUNT; l++) {
            const char *name = (const char *)sqlite3_column_text(s, i + l);
            field_set_name_text(f, rec, l,
                                arena_strndup(a, name ? name : "",
                                              name ? (size_t)sqlite3_column_bytes(s, i + l) : 0));
        }
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
    case FIELD_LIST:
        field_set_text(f, rec, arena_strndup(a, text ? text : "", text ? n : 0));
        break;
    case FIELD_VIRTUAL:
        break;
    }
}

void sqlite_fields_read(arena_t *a, sqlite3_stmt *s, int base, const field_table_t *t, void *rec)
{
    int i = base;
    for (size_t k = 0; k < t->n; k++) {
        const field_t *f = &t->fields[k];
        if (field_stored(f))
            read_one(a, s, i, f, rec);
        i += f->type == FIELD_LIST ? 1 : width(f); /* a list is one subquery column */
    }
}

int sqlite_fields_write_lists(sqlite3 *db, const field_table_t *t, const void *rec, long long id,
                              const char **failed)
{
    if (!t->list_table)
        return SQLITE_OK;
    char sql[SQLITE_FIELDS_SQL_MAX] = "";
    add(sql, "INSERT INTO %s (%s, list, seq, code) VALUES (?, ?, ?, ?)", t->list_table,
        t->list_owner);
    sqlite3_stmt *s;
    int src = sqlite3_prepare_v2(db, sql, -1, &s, NULL);
    for (size_t i = 0; i < t->n && src == SQLITE_OK; i++) {
        const field_t *f = &t->fields[i];
        const char *list = f->type == FIELD_LIST ? field_text(f, rec) : NULL;
        int seq = 0;
        for (const char *p = list; p && *p && src == SQLITE_OK; p++) {
            size_t len = strcspn(p, ","); /* "a,,b" and "a," give an empty code, */
            sqlite3_reset(s);              /* which the table refuses */
            sqlite3_bind_int64(s, 1, id);
            sqlite3_bind_text(s, 2, field_column(f), -1, SQLITE_STATIC);
            sqlite3_bind_int(s, 3, ++seq);
            sqlite3_bind_text(s, 4, p, (int)len, SQLITE_STATIC);
            src = sqlite3_step(s);
            src = src == SQLITE_DONE ? SQLITE_OK : src;
            p += len;
            if (!*p)
                break;
            if (!p[1]) { /* a trailing comma: one more, empty, code */
                sqlite3_reset(s);
                sqlite3_bind_int(s, 3, ++seq);
                sqlite3_bind_text(s, 4, "", 0, SQLITE_STATIC);
                src = sqlite3_step(s);
                src = src == SQLITE_DONE ? SQLITE_OK : src;
            }
        }
        if (src != SQLITE_OK && failed)
            *failed = f->name;
    }
    sqlite3_finalize(s);
    return src;
}
