/*
 * Reading and writing one field of a record through its table row (see
 * fields.h). Members are reached by offset; the type of the row says what the
 * member is, so each accessor switches on it once.
 */
#include "fields.h"

#include <string.h>

#include "state.h" /* the languages (lang.h, wherever it lives) */

const char *field_column(const field_t *f) { return f->column ? f->column : f->name; }

bool field_stored(const field_t *f) { return f->type != FIELD_VIRTUAL; }

bool field_exported(const field_t *f) { return !(f->flags & FIELD_STORE_ONLY); }
bool field_in_json(const field_t *f) { return field_exported(f) && !(f->flags & FIELD_JSON_HOOK); }

long long field_number(const field_t *f, const void *rec)
{
    const char *p = (const char *)rec + f->offset;
    long long ll;
    int i;
    switch (f->type) {
    case FIELD_ID:
    case FIELD_LLONG:
    case FIELD_REF:
        memcpy(&ll, p, sizeof ll);
        return ll;
    case FIELD_INT:
    case FIELD_ENUM: /* enums of records are int-sized (fields_*.c assert it) */
        memcpy(&i, p, sizeof i);
        return i;
    case FIELD_BOOL:
        return *(const bool *)p;
    default:
        return 0;
    }
}

void field_set_number(const field_t *f, void *rec, long long v)
{
    char *p = (char *)rec + f->offset;
    int i = (int)v;
    switch (f->type) {
    case FIELD_ID:
    case FIELD_LLONG:
    case FIELD_REF:
        memcpy(p, &v, sizeof v);
        break;
    case FIELD_INT:
    case FIELD_ENUM:
        memcpy(p, &i, sizeof i);
        break;
    case FIELD_BOOL:
        *(bool *)p = v != 0;
        break;
    default:
        break;
    }
}

const char *field_text(const field_t *f, const void *rec)
{
    const char *p = (const char *)rec + f->offset;
    const char *s;
    switch (f->type) {
    case FIELD_TEXT:
    case FIELD_LIST:
        memcpy(&s, p, sizeof s);
        return s;
    case FIELD_CODE:
        return p;
    case FIELD_ENUM:
        return f->enum_str((int)field_number(f, rec));
    default:
        return NULL;
    }
}

bool field_set_text(const field_t *f, void *rec, const char *s)
{
    char *p = (char *)rec + f->offset;
    if (f->type == FIELD_TEXT || f->type == FIELD_LIST) {
        memcpy(p, &s, sizeof s);
        return true;
    }
    if (f->type != FIELD_CODE)
        return false;
    size_t n = strlen(s);
    if (n >= f->size)
        return false;
    memcpy(p, s, n + 1);
    return true;
}

const char *field_name_text(const field_t *f, const void *rec, int l)
{
    const char *s;
    memcpy(&s, (const char *)rec + f->offset + (size_t)l * sizeof s, sizeof s);
    return s;
}

void field_set_name_text(const field_t *f, void *rec, int l, const char *s)
{
    memcpy((char *)rec + f->offset + (size_t)l * sizeof s, &s, sizeof s);
}

/* True for the rows that fields_same and fields_empty look at. */
static bool is_content(const field_t *f)
{
    return f->type != FIELD_ID && f->type != FIELD_VIRTUAL && !(f->flags & FIELD_KEY);
}

static bool is_text(const field_t *f)
{
    return f->type == FIELD_TEXT || f->type == FIELD_LIST || f->type == FIELD_CODE;
}

bool fields_same(const field_table_t *t, const void *a, const void *b)
{
    for (size_t i = 0; i < t->n; i++) {
        const field_t *f = &t->fields[i];
        if (!is_content(f))
            continue;
        if (f->type == FIELD_NAMES) {
            for (int l = 0; l < LANG_COUNT; l++) {
                const char *x = field_name_text(f, a, l), *y = field_name_text(f, b, l);
                if (strcmp(x ? x : "", y ? y : "") != 0)
                    return false;
            }
        } else if (is_text(f)) {
            const char *x = field_text(f, a), *y = field_text(f, b);
            if (strcmp(x ? x : "", y ? y : "") != 0)
                return false;
        } else if (field_number(f, a) != field_number(f, b)) {
            return false;
        }
    }
    return true;
}

bool fields_empty(const field_table_t *t, const void *rec)
{
    for (size_t i = 0; i < t->n; i++) {
        const field_t *f = &t->fields[i];
        if (!is_content(f))
            continue;
        for (int l = 0; f->type == FIELD_NAMES && l < LANG_COUNT; l++) {
            const char *n = field_name_text(f, rec, l);
            if (n && *n)
                return false;
        }
        const char *s = is_text(f) ? field_text(f, rec) : NULL;
        if (is_text(f) ? s && *s : field_number(f, rec) != 0)
            return false;
    }
    return true;
}
