/*
 * Record fields into a template model (model_fields.h).
 */
#include "model_fields.h"

void model_fields_set(json_t *o, const field_table_t *t, const void *rec)
{
    for (size_t i = 0; i < t->n; i++) {
        const field_t *f = &t->fields[i];
        const char *s;
        if (!field_in_json(f) || f->type == FIELD_VIRTUAL)
            continue;
        switch (f->type) {
        case FIELD_ID:
        case FIELD_INT:
        case FIELD_LLONG:
            json_object_set_new(o, f->name, json_integer(field_number(f, rec)));
            break;
        case FIELD_REF:
            json_object_set_new(o, f->name, field_number(f, rec) > 0
                                                ? json_integer(field_number(f, rec))
                                                : json_null());
            break;
        default:
            s = field_text(f, rec);
            json_object_set_new(o, f->name, json_string(s ? s : ""));
            break;
        }
    }
}
