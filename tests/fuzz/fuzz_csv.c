/*
 * libFuzzer driver for the CSV reader: any bytes must give either rows or a
 * clean RC_INPUT with a message, never a crash, a hang or a leak.
 */
#include <stdint.h>
#include <string.h>

#include "../../src/io/csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    arena_t a = ARENA_INIT;
    err_t e = {0};
    csv_t out;
    rc_t rc = csv_parse("fuzz.csv", (const char *)data, size, &a, &out, &e);
    if (rc != RC_OK && rc != RC_INPUT && rc != RC_REFUSED)
        __builtin_trap();
    if (rc != RC_OK && !e.msg[0])
        __builtin_trap(); /* every failure says why */
    if (rc == RC_OK)
        for (size_t i = 0; i < out.nrows; i++)
            for (size_t j = 0; j < out.ncols; j++)
                if (!out.rows[i].fields[j])
                    __builtin_trap();
    arena_free(&a);
    return 0;
}
