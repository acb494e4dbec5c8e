/*
 * Whole-file reads.
 */
#include "file.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

rc_t file_read_all(const char *path, size_t limit, arena_t *a, char **data, size_t *len,
                   err_t *e)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return err_set(e, errno == ENOENT ? RC_NOTFOUND : RC_FAIL, "%s: %s", path,
                       strerror(errno));
    struct stat sb;
    if (fstat(fileno(f), &sb) != 0 || !S_ISREG(sb.st_mode)) {
        fclose(f);
        return err_set(e, RC_INPUT, "%s: not a regular file", path);
    }
    if ((unsigned long long)sb.st_size > limit) {
        fclose(f);
        return err_set(e, RC_REFUSED, "%s: %lld bytes is more than the limit of %zu bytes", path,
                       (long long)sb.st_size, limit);
    }
    size_t n = (size_t)sb.st_size;
    char *buf = arena_alloc(a, n + 1);
    size_t got = n ? fread(buf, 1, n, f) : 0;
    int failed = ferror(f);
    fclose(f);
    if (failed || got != n)
        return err_set(e, RC_FAIL, "%s: read failed", path);
    buf[n] = '\0';
    *data = buf;
    *len = n;
    return RC_OK;
}
