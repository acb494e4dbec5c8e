/*
 * Writing a record's fields as CSV from its table (csv_fields.h); the quoting
 * is csv.c's.
 */
#include "csv_fields.h"

#include <stdio.h>

#include "../core/state.h" /* the languages (lang.h, wherever it lives) */
#include "csv.h"

void csv_fields_header(buf_t *b, const field_table_t *t)
{
    char name[64];
    for (size_t i = 0; i < t->n; i++) {
        const field_t *f = &t->fields[i];
        if (!field_exported(f))
            continue;
        if (f->type != FIELD_NAMES) {
            csv_write_field(b, f->name);
            continue;
        }
        for (int l = 0; l < LANG_COUNT; l++) { /* one column per language */
            snprintf(name, sizeof name, "%s_%s", field_column(f), lang_code((lang_t)l));
            csv_write_field(b, name);
        }
    }
}

static void write_one(buf_t *b, const field_t *f, const void *rec)
{
    char num[24];
    const char *s;
    switch (f->type) {
    case FIELD_BOOL:
        csv_write_field(b, field_number(f, rec) ? "1" : "0");
        return;
    case FIELD_NAMES:
        for (int l = 0; l < LANG_COUNT; l++)
            csv_write_field(b, field_name_text(f, rec, l));
        return;
    case FIELD_ID:
    case FIELD_INT:
    case FIELD_LLONG:
    case FIELD_REF:
        if (f->type == FIELD_REF && field_number(f, rec) <= 0) {
            csv_write_field(b, "");
            return;
        }
        snprintf(num, sizeof num, "%lld", field_number(f, rec));
        csv_write_field(b, num);
        return;
    default:
        s = field_text(f, rec);
        csv_write_field(b, s ? s : "");
        return;
    }
}

void csv_fields_row(buf_t *b, const field_table_t *t, const void *rec)
{
    for (size_t i = 0; i < t->n; i++)
        if (field_exported(&t->fields[i]))
            write_one(b, &t->fields[i], rec);
}
