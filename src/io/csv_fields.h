/*
 * A record written as CSV fields from its field table (src/core/fields.h):
 * the exported fields in table order, the header being their names.
 */
#ifndef R1540_IO_CSV_FIELDS_H
#define R1540_IO_CSV_FIELDS_H

#include "../core/fields.h"
#include "../util/buf.h"

/* Appends the names of t's exported fields as CSV fields (no line end). */
void csv_fields_header(buf_t *b, const field_table_t *t);
/* Appends rec's exported fields (no line end): numbers in decimal, a REF of
 * 0 and a NULL text as "". t must have no FIELD_VIRTUAL row. */
void csv_fields_row(buf_t *b, const field_table_t *t, const void *rec);

#endif
