/*
 * Writing a record's fields as JSON from its table (json_fields.h). The
 * escaping is json_out.c's; this file only walks the table.
 */
#include "json_fields.h"

#include "../core/state.h" /* the languages (lang.h, wherever it lives) */
#include "../util/json_out.h"

static void write_one(buf_t *b, int comma, const field_t *f, const void *rec,
                      json_field_hook_t hook)
{
    long long v;
    const char *t;
    switch (f->type) {
    case FIELD_VIRTUAL:
        if (comma)
            buf_putc(b, ',');
        json_out_str(b, f->name);
        buf_putc(b, ':');
        hook(b, f, rec);
        break;
    case FIELD_REF:
        v = field_number(f, rec);
        if (v > 0) {
            json_out_kll(b, comma, f->name, v);
        } else {
            if (comma)
                buf_putc(b, ',');
            json_out_str(b, f->name);
            buf_puts(b, ":null");
        }
        break;
    case FIELD_ID:
    case FIELD_INT:
    case FIELD_LLONG:
        json_out_kll(b, comma, f->name, field_number(f, rec));
        break;
    case FIELD_BOOL:
        if (comma)
            buf_putc(b, ',');
        json_out_str(b, f->name);
        buf_puts(b, field_number(f, rec) ? ":true" : ":false");
        break;
    case FIELD_NAMES:
        if (comma)
            buf_putc(b, ',');
        json_out_str(b, f->name);
        buf_puts(b, ":{");
        for (int l = 0; l < LANG_COUNT; l++)
            json_out_kv(b, l > 0, lang_code((lang_t)l), field_name_text(f, rec, l));
        buf_putc(b, '}');
        break;
    default: /* TEXT, CODE, ENUM */
        t = field_text(f, rec);
        /* a record built before an optional field existed leaves it NULL */
        json_out_kv(b, comma, f->name, !t && (f->flags & FIELD_OPTIONAL) ? "" : t);
        break;
    }
}

void json_fields_write(buf_t *b, int comma, const field_table_t *t, const void *rec,
                       json_field_hook_t hook)
{
    for (size_t i = 0; i < t->n; i++) {
        if (!field_in_json(&t->fields[i]))
            continue;
        write_one(b, comma, &t->fields[i], rec, hook);
        comma = 1;
    }
}

void json_fields_object(buf_t *b, const field_table_t *t, const void *rec, json_field_hook_t hook)
{
    buf_putc(b, '{');
    json_fields_write(b, 0, t, rec, hook);
    buf_putc(b, '}');
}
