/*
 * SQL text, parameters and row reading from the field tables (see
 * postgres_fields.h). Text is built on the stack; a table too wide for the
 * buffer is a bug in the table, not an input, so it aborts.
 */
#include "postgres_fields.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/lang.h"

static void add(char *dst, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void add(char *dst, const char *fmt, ...)
{
    size_t len = strlen(dst);
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(dst + len, PG_FIELDS_SQL_MAX - len, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= PG_FIELDS_SQL_MAX - len)
        abort();
}

static bool is_column(const field_t *f) { return f->type != FIELD_VIRTUAL && f->type != FIELD_LIST; }

static int width(const field_t *f)
{
    return !is_column(f) ? 0 : f->type == FIELD_NAMES ? LANG_COUNT : 1;
}

/* Column k (0-based within f) of f, quoted. */
static void column(char *buf, size_t size, const field_t *f, int k)
{
    if (f->type == FIELD_NAMES)
        snprintf(buf, size, "\"%s_%s\"", field_column(f), lang_code((lang_t)k));
    else
        snprintf(buf, size, "\"%s\"", field_column(f));
}

/* The column of t's FIELD_ID row ("id" if it has none). */
static const char *id_column(const field_table_t *t)
{
    for (size_t i = 0; i < t->n; i++)
        if (t->fields[i].type == FIELD_ID)
            return field_column(&t->fields[i]);
    return "id";
}

/* Appends list f of a row of t as one column: its codes joined with commas in
 * list order, "" when it has none (as SQLite's group_concat subquery). */
static void add_list(char *dst, const field_table_t *t, const field_t *f)
{
    add(dst,
        "(SELECT coalesce(string_agg(c.code, ',' ORDER BY c.seq), '') FROM %s c"
        " WHERE c.%s = %s.\"%s\" AND c.list = '%s')",
        t->list_table, t->list_owner, t->table, id_column(t), field_column(f));
}

/* Appends every column of t (but FIELD_KEY ones when skip_keys), as "col" or,
 * with assign, as "col = excluded.col"; lists (FIELD_LIST) only when
 * with_lists (a SELECT), each as add_list's one column. */
static int add_columns_of(char *dst, const field_table_t *t, bool assign, bool skip_keys,
                          bool with_lists)
{
    int n = 0;
    for (size_t i = 0; i < t->n; i++) {
        if (t->fields[i].type == FIELD_LIST) {
            if (with_lists) {
                if (n++)
                    add(dst, ", ");
                add_list(dst, t, &t->fields[i]);
            }
            continue;
        }
        if (skip_keys && (t->fields[i].flags & FIELD_KEY))
            continue;
        for (int k = 0; k < width(&t->fields[i]); k++) {
            char col[80];
            column(col, sizeof col, &t->fields[i], k);
            if (n++)
                add(dst, ", ");
            if (assign)
                add(dst, "%s = excluded.%s", col, col);
            else
                add(dst, "%s", col);
        }
    }
    return n;
}

static int add_columns(char *dst, const field_table_t *t, bool assign)
{
    return add_columns_of(dst, t, assign, false, false);
}

void pg_fields_insert_sql(char *dst, const field_table_t *t, const char *prefix_cols,
                          int n_prefix, const char *conflict)
{
    *dst = '\0';
    add(dst, "INSERT INTO %s (%s%s", t->table, prefix_cols ? prefix_cols : "",
        prefix_cols ? ", " : "");
    int n = n_prefix + add_columns(dst, t, false);
    add(dst, ") VALUES (");
    for (int i = 1; i <= n; i++)
        add(dst, i > 1 ? ", $%d" : "$%d", i);
    add(dst, ")");
    if (conflict) {
        add(dst, " ON CONFLICT (%s) DO UPDATE SET ", conflict);
        add_columns_of(dst, t, true, true, false);
    }
}

void pg_fields_insert_arrays_sql(char *dst, const field_table_t *t, const char *prefix_cols,
                                 const char *prefix_select, int n_prefix, const char *tail)
{
    *dst = '\0';
    add(dst, "INSERT INTO %s (%s%s", t->table, prefix_cols ? prefix_cols : "",
        prefix_cols ? ", " : "");
    add_columns(dst, t, false);
    add(dst, ") SELECT %s%su.* FROM unnest(", prefix_select ? prefix_select : "",
        prefix_select ? ", " : "");
    int k = n_prefix;
    for (size_t i = 0; i < t->n; i++) {
        const field_t *f = &t->fields[i];
        bool numeric = f->type == FIELD_ID || f->type == FIELD_REF || f->type == FIELD_INT ||
                       f->type == FIELD_LLONG || f->type == FIELD_BOOL;
        for (int w = 0; w < width(f); w++, k++)
            add(dst, "%s$%d::%s[]", k > n_prefix ? ", " : "", k + 1, numeric ? "bigint" : "text");
    }
    add(dst, ") AS u%s", tail ? tail : "");
}

void pg_fields_upsert_sql(char *dst, const field_table_t *t, const char *key)
{
    *dst = '\0';
    add(dst, "INSERT INTO %s (", t->table);
    int n = add_columns(dst, t, false);
    add(dst, ") VALUES (");
    for (int i = 1; i <= n; i++)
        add(dst, i > 1 ? ", $%d" : "$%d", i);
    add(dst, ") ON CONFLICT (%s) DO UPDATE SET ", key);
    add_columns(dst, t, true);
}

void pg_fields_select_sql(char *dst, const field_table_t *t, const char *tail)
{
    *dst = '\0';
    add(dst, "SELECT ");
    add_columns_of(dst, t, false, false, true);
    add(dst, " FROM %s%s", t->table, tail);
}

void pg_fields_insert_new_sql(char *dst, const field_table_t *t)
{
    *dst = '\0';
    add(dst, "INSERT INTO %s (", t->table);
    int n = add_columns(dst, t, false);
    add(dst, ") VALUES (");
    int k = 0;
    for (size_t i = 0; i < t->n; i++) {
        const field_t *f = &t->fields[i];
        for (int w = 0; w < width(f); w++, k++) {
            if (k)
                add(dst, ", ");
            if (f->type == FIELD_ID)
                add(dst, "coalesce($%d::bigint, (SELECT coalesce(max(\"%s\"), 0) + 1 FROM %s))",
                    k + 1, field_column(f), t->table);
            else
                add(dst, "$%d", k + 1);
        }
    }
    if (k != n)
        abort();
    add(dst, ") RETURNING \"%s\"", id_column(t));
}

static const char *number(pg_params_t *p, long long v)
{
    snprintf(p->num[p->n], sizeof p->num[p->n], "%lld", v);
    return p->num[p->n];
}

void pg_fields_params(pg_params_t *p, const field_table_t *t, const void *rec)
{
    for (size_t i = 0; i < t->n; i++) {
        const field_t *f = &t->fields[i];
        if (!is_column(f))
            continue;
        if (p->n + width(f) > PG_FIELDS_MAX_PARAMS)
            abort();
        long long v;
        const char *text;
        switch (f->type) {
        case FIELD_ID:
        case FIELD_REF:
            v = field_number(f, rec);
            p->v[p->n] = v > 0 ? number(p, v) : NULL;
            p->n++;
            break;
        case FIELD_INT:
        case FIELD_LLONG:
        case FIELD_BOOL:
            p->v[p->n] = number(p, field_number(f, rec));
            p->n++;
            break;
        case FIELD_NAMES:
            for (int l = 0; l < LANG_COUNT; l++) {
                text = field_name_text(f, rec, l);
                p->v[p->n++] = text ? text : "";
            }
            break;
        default: /* TEXT, CODE, ENUM */
            text = field_text(f, rec);
            if (!text)
                text = f->dflt ? f->dflt : "";
            p->v[p->n++] = (f->flags & FIELD_EMPTY_NULL) && !*text ? NULL : text;
            break;
        }
    }
}

/* Appends v to an array literal: quoted, with " and \\ escaped; NULL bare. */
static void array_element(buf_t *b, const char *v)
{
    if (!v) {
        buf_puts(b, "NULL");
        return;
    }
    buf_putc(b, '"');
    for (const char *run = v;; v++) {
        if (*v == '"' || *v == '\\' || !*v) {
            buf_append(b, run, (size_t)(v - run));
            if (!*v)
                break;
            buf_putc(b, '\\');
            run = v;
        }
    }
    buf_putc(b, '"');
}

int pg_fields_arrays(buf_t *cols, const field_table_t *t, const void *recs, size_t stride,
                     size_t n)
{
    pg_params_t p;
    int ncol = 0;
    for (size_t r = 0; r < n; r++) {
        p.n = 0;
        pg_fields_params(&p, t, (const char *)recs + r * stride);
        ncol = p.n;
        for (int k = 0; k < p.n; k++) {
            if (r == 0)
                buf_reset(&cols[k]);
            buf_putc(&cols[k], r ? ',' : '{');
            array_element(&cols[k], p.v[k]);
        }
    }
    for (int k = 0; k < ncol; k++)
        buf_putc(&cols[k], '}');
    return ncol;
}

static void read_one(arena_t *a, const PGresult *r, int i, int c, const field_t *f, void *rec)
{
    const char *text = PQgetisnull(r, i, c) ? NULL : PQgetvalue(r, i, c);
    int e;
    switch (f->type) {
    case FIELD_ID:
    case FIELD_REF:
    case FIELD_INT:
    case FIELD_LLONG:
    case FIELD_BOOL:
        field_set_number(f, rec, text ? strtoll(text, NULL, 10) : 0);
        break;
    case FIELD_NAMES:
        for (int l = 0; l < LANG_COUNT; l++)
            field_set_name_text(f, rec, l,
                                 arena_strndup(a, PQgetvalue(r, i, c + l),
                                               (size_t)PQgetlength(r, i, c + l)));
        break;
    case FIELD_ENUM:
        e = f->enum_parse(text ? text : "");
        field_set_number(f, rec, e < 0 ? 0 : e);
        break;
    case FIELD_CODE:
        if (!text || !field_set_text(f, rec, text))
            field_set_text(f, rec, "");
        break;
    case FIELD_TEXT:
    case FIELD_LIST:
        field_set_text(f, rec, arena_strndup(a, text ? text : "",
                                             text ? (size_t)PQgetlength(r, i, c) : 0));
        break;
    case FIELD_VIRTUAL:
        break;
    }
}

void pg_fields_read(arena_t *a, const PGresult *r, int i, const field_table_t *t, void *rec)
{
    int c = 0;
    for (size_t k = 0; k < t->n; k++) {
        const field_t *f = &t->fields[k];
        if (field_stored(f))
            read_one(a, r, i, c, f, rec);
        c += f->type == FIELD_LIST ? 1 : width(f); /* a list is one column of the SELECT */
    }
}
