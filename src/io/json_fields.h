/*
 * A record written as JSON from its field table (src/core/fields.h): the
 * exported fields in table order, as docs/formats.md lists them.
 */
#ifndef R1540_IO_JSON_FIELDS_H
#define R1540_IO_JSON_FIELDS_H

#include "../core/fields.h"
#include "../util/buf.h"

/* Writes the value of a FIELD_VIRTUAL row of rec (the key is written). */
typedef void (*json_field_hook_t)(buf_t *b, const field_t *f, const void *rec);

/* Appends "key":value for every exported field of rec, comma-separated,
 * without braces (the caller may add keys of its own after them); a leading
 * comma when `comma` is set. Numbers are JSON numbers, a REF of 0 null, a
 * NULL TEXT null. hook may be NULL when t has no FIELD_VIRTUAL row. */
void json_fields_write(buf_t *b, int comma, const field_table_t *t, const void *rec,
                       json_field_hook_t hook);
/* The same, in braces. */
void json_fields_object(buf_t *b, const field_table_t *t, const void *rec, json_field_hook_t hook);

#endif
