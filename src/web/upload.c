/*
 * Uploaded files spooled to disk (see upload.h for why). The budget is one
 * atomic counter: a piece is counted before it is written and the count is
 * given back when the request ends, so the sum over requests in flight never
 * passes the budget, whatever the number of uploads at once.
 */
#include "upload.h"

#include <fcntl.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

static size_t budget = UPLOAD_BUDGET_DEFAULT;
static atomic_size_t spooled;

void upload_budget_set(size_t bytes)
{
    budget = bytes;
}

size_t upload_spooled(void)
{
    return atomic_load(&spooled);
}

/* An unlinked file in $TMPDIR (else /tmp): nothing is left behind when the
 * request or the whole process ends. O_TMPFILE makes it without a name at
 * all (a kill -9 between mkstemp and unlink left empty files); mkstemp is
 * for file systems without it. */
static int spool_open(void)
{
    const char *dir = getenv("TMPDIR");
    if (!dir || !*dir)
        dir = "/tmp";
    int fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
    if (fd >= 0)
        return fd;
    char path[4096];
    snprintf(path, sizeof path, "%s/r1540-upload-XXXXXX", dir);
    fd = mkstemp(path);
    if (fd >= 0)
        unlink(path);
    return fd;
}

static bool write_all(int fd, const char *p, size_t n)
{
    while (n) {
        ssize_t w = write(fd, p, n);
        if (w <= 0)
            return false;
        p += w, n -= (size_t)w;
    }
    return true;
}

bool upload_field_append(web_field_t *f, const char *data, size_t size)
{
    if (!f->spooled) {
        f->spool_fd = spool_open();
        if (f->spool_fd < 0)
            return false;
        f->spooled = true;
    }
    /* counted before it is written: the check and the count are one step */
    if (atomic_fetch_add(&spooled, size) + size > budget) {
        atomic_fetch_sub(&spooled, size);
        return false;
    }
    f->cap += size; /* what this field gives back to the budget */
    if (!write_all(f->spool_fd, data, size))
        return false;
    f->len += size;
    return true;
}

bool upload_field_finish(web_field_t *f)
{
    if (!f->spooled)
        return true;
    /* a NUL after the bytes, in the file, so that the mapping ends with one
     * even when the length is a multiple of the page size */
    if (!write_all(f->spool_fd, "", 1))
        return false;
    void *p = mmap(NULL, f->len + 1, PROT_READ | PROT_WRITE, MAP_PRIVATE, f->spool_fd, 0);
    if (p == MAP_FAILED)
        return false;
    f->value = p;
    f->mapped = true;
    return true;
}

void upload_field_free(web_field_t *f)
{
    if (!f->spooled)
        return;
    if (f->mapped)
        munmap(f->value, f->len + 1);
    atomic_fetch_sub(&spooled, f->cap);
    close(f->spool_fd);
    f->cap = 0;
    f->spooled = f->mapped = false;
    f->value = "";
    f->len = 0;
}
