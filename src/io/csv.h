/*
 * Comma-separated values as RFC 4180 defines them: fields separated by commas,
 * rows ended by CRLF (LF accepted on input), a field enclosed in double quotes
 * when it holds a comma, a quote, a line break or edge spaces, a quote inside a
 * quoted field written twice. This is the only place that quotes or unquotes
 * CSV; the import and export of datasets (csv_import.c, csv_export.c) build on
 * it. Fields are written verbatim: no formula escaping, so what is exported is
 * exactly what an import reads back.
 */
#ifndef R1540_IO_CSV_H
#define R1540_IO_CSV_H

#include <stddef.h>

#include "../util/buf.h"
#include "../util/err.h"
#include "../util/mem.h"

#define CSV_MAX_ROWS 1000000             /* data rows, not counting the header */
#define CSV_MAX_FIELD ((size_t)1 << 20)  /* bytes of one field */
#define CSV_MAX_FILE ((size_t)256 << 20) /* bytes of one file an import reads */

typedef struct {
    char **fields; /* ncols fields, NUL-terminated; arena-owned */
    int line;      /* line of the file on which the row starts (1-based) */
} csv_row_t;

typedef struct {
    const char *path; /* as given, for messages; not owned */
    size_t ncols;     /* fields in the header, and so in every row */
    char **header;    /* arena-owned */
    csv_row_t *rows;  /* data rows after the header; arena-owned */
    size_t nrows;
} csv_t;

/*
 * Appends s (NULL counts as "") as one field of the current row, quoted when
 * it must be, followed by a separator that csv_end_row() turns into the line
 * end. Overflow of b is left for the caller to check (b->overflow).
 */
void csv_write_field(buf_t *b, const char *s);
/* Ends the current row with CRLF. */
void csv_end_row(buf_t *b);

/*
 * Parses a whole file held in memory (len bytes of data; a UTF-8 byte order
 * mark is skipped) into a header row and data rows, allocated in `a`. Every
 * field must be valid UTF-8 with no control characters other than tab, CR and
 * LF, and every row must have as many fields as the header. On error returns
 * RC_INPUT with "PATH:LINE:COLUMN: reason" in e (column counted in characters).
 */
rc_t csv_parse(const char *path, const char *data, size_t len, arena_t *a, csv_t *out, err_t *e);

#endif
