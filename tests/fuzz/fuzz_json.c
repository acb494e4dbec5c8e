/*
 * libFuzzer driver for the JSON import reader: any bytes must give either a
 * dataset or a clean RC_INPUT with a message, never a crash, a hang or a leak.
 */
#include <stdint.h>
#include <string.h>

#include "../../src/io/json_import.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    arena_t a = ARENA_INIT;
    err_t e = {0};
    dataset_t ds;
    rc_t rc = json_import_text("fuzz.json", (const char *)data, size, &a, &ds, &e);
    if (rc != RC_OK && (rc != RC_INPUT || !e.msg[0]))
        __builtin_trap();
    arena_free(&a);
    return 0;
}
