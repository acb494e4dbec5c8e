/*
 * The request bodies of data/openapi.json (tools/openapi.py) against the
 * field tables the server validates with (src/core/fields_*.c): every body
 * schema marked "x-r1540-fields": RECORD names fields of that record's table,
 * and each such field must say what the table says: a number with the row's
 * minimum and maximum, a list as an array or a string of codes, an enum with
 * exactly the values the row's enum_parse takes, a text or code as a string.
 * So a change to a table that the description does not follow fails here.
 * The check is also run on a copy with one bound changed, to show it can fail.
 */
#include <jansson.h>
#include <stdlib.h>

#include "../../src/core/fields.h"
#include "tap.h"

static const field_table_t *const tables[] = {&matrix_entry_fields, &request_fields, &offer_fields,
                                              &proposal_fields, &state_fields};

static const field_table_t *table_named(const char *record)
{
    for (size_t i = 0; i < sizeof tables / sizeof *tables; i++)
        if (strcmp(tables[i]->record, record) == 0)
            return tables[i];
    return NULL;
}

static const field_t *row_named(const field_table_t *t, const char *name)
{
    for (size_t i = 0; i < t->n; i++)
        if (strcmp(t->fields[i].name, name) == 0)
            return &t->fields[i];
    return NULL;
}

/* True if the schema's "type" is or includes type. */
static bool has_type(json_t *schema, const char *type)
{
    json_t *t = json_object_get(schema, "type"), *x;
    size_t i;
    if (json_is_string(t))
        return strcmp(json_string_value(t), type) == 0;
    json_array_foreach(t, i, x) if (json_is_string(x) && strcmp(json_string_value(x), type) == 0) return true;
    return false;
}

/* The enum's values: exactly the texts of the row's enum values. */
static bool enum_same(const field_t *f, json_t *schema)
{
    json_t *values = json_object_get(schema, "enum"), *v;
    size_t i, taken = 0;
    if (!json_is_array(values))
        return false;
    json_array_foreach(values, i, v) if (!json_is_string(v) || f->enum_parse(json_string_value(v)) < 0) return false;
    for (int k = 0; k < 64; k++) { /* every value the row writes is in the schema */
        const char *s = f->enum_str(k);
        if (!s || f->enum_parse(s) != k)
            continue;
        taken++;
        bool found = false;
        json_array_foreach(values, i, v) found |= strcmp(json_string_value(v), s) == 0;
        if (!found)
            return false;
    }
    return taken == json_array_size(values);
}

/* Empty if the property fits the row, else what does not. */
static const char *misfit(const field_t *f, json_t *p)
{
    switch (f->type) {
    case FIELD_INT:
    case FIELD_LLONG:
    case FIELD_REF:
    case FIELD_ID:
        if (!has_type(p, "integer"))
            return "not an integer";
        if (json_integer_value(json_object_get(p, "minimum")) != f->min ||
            json_integer_value(json_object_get(p, "maximum")) != f->max)
            return "not the row's bounds";
        return "";
    case FIELD_LIST:
        return has_type(p, "array") && has_type(p, "string") &&
                       has_type(json_object_get(p, "items"), "string")
                   ? ""
                   : "not an array or string of codes";
    case FIELD_ENUM:
        return enum_same(f, p) ? "" : "not the row's values";
    case FIELD_BOOL:
        return has_type(p, "boolean") ? "" : "not a boolean";
    case FIELD_TEXT:
    case FIELD_CODE:
    case FIELD_VIRTUAL:
        return has_type(p, "string") ? "" : "not a string";
    case FIELD_NAMES:
        return has_type(p, "object") ? "" : "not an object";
    }
    return "an unknown row type";
}

/* Checks every marked body of doc; *checked counts the fields compared;
 * the number of misfits, each printed as a TAP comment. */
static int check_bodies(json_t *doc, int *checked)
{
    int bad = 0;
    const char *path, *method, *media, *name;
    json_t *ops, *op, *c, *prop;
    *checked = 0;
    json_object_foreach(json_object_get(doc, "paths"), path, ops) json_object_foreach(ops, method, op)
    {
        json_t *content = json_object_get(json_object_get(op, "requestBody"), "content");
        json_object_foreach(content, media, c)
        {
            json_t *schema = json_object_get(c, "schema");
            const char *record = json_string_value(json_object_get(schema, "x-r1540-fields"));
            if (!record)
                continue;
            const field_table_t *t = table_named(record);
            if (!t) {
                printf("#   %s %s: no field table of record \"%s\"\n", method, path, record);
                bad++;
                continue;
            }
            json_object_foreach(json_object_get(schema, "properties"), name, prop)
            {
                const field_t *f = row_named(t, name);
                if (!f)
                    continue; /* a field the table has not (an entry's "signed") */
                const char *why = misfit(f, prop);
                (*checked)++;
                if (*why) {
                    printf("#   %s %s (%s) %s: %s\n", method, path, media, name, why);
                    bad++;
                }
            }
        }
    }
    return bad;
}

int main(void)
{
    const char *data = getenv("R1540_DATA") ? getenv("R1540_DATA") : "data";
    char file[4096];
    snprintf(file, sizeof file, "%s/openapi.json", data);
    json_error_t je;
    json_t *doc = json_load_file(file, 0, &je);
    TAP_CHECK(doc != NULL, "data/openapi.json reads");
    if (!doc)
        return tap_done();
    int checked = 0;
    TAP_CHECK(check_bodies(doc, &checked) == 0, "every body field named like a table row says what the row says");
    /* entries (2 media), requests and offers (2 media each): item..info, 10 of
     * the entry's rows; 9 of the request's; 11 of the offer's */
    TAP_CHECK(checked == 2 * (8 + 9 + 11), "the entry, request and offer bodies were all compared");
    printf("#   %d fields compared\n", checked);

    /* the same check fails on a copy whose priority maximum is wrong, and
     * on one whose mark takes a value the table does not */
    json_t *path = json_object_get(json_object_get(doc, "paths"), "/states/{code}/requests");
    json_t *schema = json_object_get(json_object_get(json_object_get(json_object_get(
        json_object_get(json_object_get(path, "post"), "requestBody"), "content"), "application/json"),
        "schema"), "properties");
    json_object_set_new(json_object_get(schema, "priority"), "maximum", json_integer(4));
    TAP_CHECK(check_bodies(doc, &checked) == 1, "a priority of at most 4 is found (the table says 3)");
    json_object_set_new(json_object_get(schema, "priority"), "maximum", json_integer(3));
    path = json_object_get(json_object_get(doc, "paths"), "/states/{code}/versions/{n}/entries");
    schema = json_object_get(json_object_get(json_object_get(json_object_get(
        json_object_get(json_object_get(path, "post"), "requestBody"), "content"), "application/json"),
        "schema"), "properties");
    json_array_append_new(json_object_get(json_object_get(schema, "mark"), "enum"), json_string("Y"));
    TAP_CHECK(check_bodies(doc, &checked) == 1, "a mark of Y is found (the table has none)");
    json_decref(doc);
    return tap_done();
}
