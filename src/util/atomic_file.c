/*
 * Write-to-temporary-then-rename (see atomic_file.h).
 */
#include "atomic_file.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

char *atomic_file_tmp(const char *path, arena_t *a)
{
    size_t n = strlen(path) + sizeof ".tmp";
    char *tmp = arena_alloc(a, n);
    snprintf(tmp, n, "%s.tmp", path);
    return tmp;
}

rc_t atomic_file_finish(const char *tmp, const char *path, rc_t rc, err_t *e)
{
    if (rc == RC_OK && rename(tmp, path) != 0)
        rc = err_set(e, RC_FAIL, "%s: %s", path, strerror(errno));
    if (rc != RC_OK)
        remove(tmp);
    return rc;
}
