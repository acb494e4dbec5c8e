/*
 * libFuzzer driver for the matching weights file (data/match/weights.conf):
 * any bytes must give either weights or a clean RC_INPUT with a message.
 */
#include <stdint.h>

#include "../../src/match/score.h"
#include "fuzz_file.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    match_weights_t w;
    err_t e = {0};
    rc_t rc = match_weights_load(fuzz_write("weights.conf", data, size), &w, &e);
    if (rc != RC_OK && rc != RC_INPUT)
        __builtin_trap();
    if (rc != RC_OK && !e.msg[0])
        __builtin_trap(); /* every failure says why */
    return 0;
}
