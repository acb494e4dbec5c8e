/*
 * Reading the reference data files under data/: UTF-8, tab-separated, lines
 * starting with '#' are comments, the first other line names the columns.
 * Columns are looked up by name so files may add columns without breaking us.
 */
#ifndef R1540_UTIL_TSV_H
#define R1540_UTIL_TSV_H

#include <stddef.h>

#include "err.h"
#include "mem.h"

typedef struct {
    const char *path;
    size_t ncols;
    char **header; /* arena-owned */
    size_t nrows;
    char ***rows;  /* rows[i][j]; arena-owned */
    int *line;     /* file line number of each row, for messages */
} tsv_t;

/* Reads and splits the whole file; every row must have exactly ncols fields.
 * Fields are checked to be valid UTF-8. Errors name the file and line. */
rc_t tsv_read(const char *path, arena_t *a, tsv_t *out, err_t *e);
/* Index of a named column, or -1 (and an error naming file and column). */
int tsv_col(const tsv_t *t, const char *name, err_t *e);

#endif
