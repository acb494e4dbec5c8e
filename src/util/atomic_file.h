/*
 * Files that appear whole or not at all: the writer writes PATH.tmp and
 * atomic_file_finish renames it over PATH (atomic within one file system), so
 * a failed or killed write never leaves a half-written file at PATH and never
 * destroys the file that was there.
 */
#ifndef R1540_UTIL_ATOMIC_FILE_H
#define R1540_UTIL_ATOMIC_FILE_H

#include "err.h"
#include "mem.h"

/* The name to write path under, "PATH.tmp", in the arena. */
char *atomic_file_tmp(const char *path, arena_t *a);

/* Ends the write of path through tmp. rc is the writer's result: when RC_OK,
 * tmp is renamed to path; otherwise, or when the rename fails (RC_FAIL, with
 * path and the reason on e), tmp is removed. Returns the final result. */
rc_t atomic_file_finish(const char *tmp, const char *path, rc_t rc, err_t *e);

#endif
