/*
 * libFuzzer driver for the TSV reader of the reference data (data/states,
 * data/template, ...): any bytes must give rows of the header's width or a
 * clean error with a message naming the file.
 */
#include <stdint.h>

#include "../../src/util/tsv.h"
#include "fuzz_file.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    arena_t a = ARENA_INIT;
    err_t e = {0};
    tsv_t t;
    rc_t rc = tsv_read(fuzz_write("data.tsv", data, size), &a, &t, &e);
    if (rc != RC_OK && !e.msg[0])
        __builtin_trap(); /* every failure says why */
    if (rc == RC_OK) {
        for (size_t i = 0; i < t.nrows; i++)
            for (size_t j = 0; j < t.ncols; j++)
                if (!t.rows[i][j])
                    __builtin_trap();
        err_t e2 = {0};
        if (t.ncols && tsv_col(&t, t.header[t.ncols - 1], &e2) < 0)
            __builtin_trap(); /* a column of the header is found */
    }
    arena_free(&a);
    return 0;
}
