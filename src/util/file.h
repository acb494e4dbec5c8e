/*
 * Reading whole files into memory, with a size limit checked before reading so
 * an oversized input is refused without being loaded.
 */
#ifndef R1540_UTIL_FILE_H
#define R1540_UTIL_FILE_H

#include <stddef.h>

#include "err.h"
#include "mem.h"

/* Reads the regular file at path into the arena (NUL-terminated). RC_NOTFOUND if
 * it does not exist, RC_REFUSED if it is larger than limit bytes, RC_INPUT if it
 * is not a regular file, RC_FAIL on read errors. */
rc_t file_read_all(const char *path, size_t limit, arena_t *a, char **data, size_t *len,
                   err_t *e);

#endif
