/*
 * For the drivers of parsers that read a file by its path (the .po catalogs,
 * the weights file, TSV reference data): the input is written to a file in a
 * private temporary folder, made once per process, and read from there.
 */
#ifndef R1540_FUZZ_FILE_H
#define R1540_FUZZ_FILE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* The folder, made on first use; it lasts as long as the fuzzer runs. */
static const char *fuzz_dir(void)
{
    static char dir[64];
    if (!dir[0]) {
        snprintf(dir, sizeof dir, "/tmp/r1540-fuzz-XXXXXX");
        if (!mkdtemp(dir))
            abort();
    }
    return dir;
}

/* Writes the input to fuzz_dir()/name (sub-folders made as needed) and
 * returns the path (a static buffer). */
static const char *fuzz_write(const char *name, const unsigned char *data, size_t size)
{
    static char path[256];
    snprintf(path, sizeof path, "%s/%s", fuzz_dir(), name);
    for (char *p = path + strlen(fuzz_dir()) + 1; (p = strchr(p, '/')); p++) {
        *p = 0;
        mkdir(path, 0700);
        *p = '/';
    }
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0)
        abort();
    return path;
}

#endif
