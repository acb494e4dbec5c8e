/*
 * The template model of a record from its field table (src/core/fields.h):
 * every exported field as a plain JSON value under its own name, which the
 * model functions (model.c, model_assist.c) then enrich (names, labels,
 * lists of codes with their names) by setting keys of their own.
 */
#ifndef R1540_WEB_MODEL_FIELDS_H
#define R1540_WEB_MODEL_FIELDS_H

#include <jansson.h>

#include "../core/fields.h"

/* Sets a key of o for each exported field of rec: numbers as integers, a REF
 * of 0 as null, text (NULL as ""). FIELD_VIRTUAL rows are left to the caller. */
void model_fields_set(json_t *o, const field_table_t *t, const void *rec);

#endif
