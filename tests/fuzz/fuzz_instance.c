/*
 * libFuzzer driver for the matching instance reader (`r1540 match --solve`),
 * and a differential check of the solver: any bytes must give either an
 * instance or a clean RC_INPUT with a message; an instance that parses is
 * solved by both methods, which must agree on the optimal total and keep the
 * capacities.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/match/instance.h"
#include "../../src/match/solver.h"

/* True if the assignment keeps capacities, uses each request's own pair, and
 * its total is the sum of its pairs' scores (so that both methods cannot
 * agree on a total neither reached). */
static int valid(const match_instance_t *in, const match_assignment_t *a)
{
    int *load = calloc((size_t)in->noff + 1, sizeof *load);
    int ok = 1;
    long long sum = 0;
    for (int r = 0; r < in->nreq && ok; r++) {
        int k = a->pair_of[r];
        if (k >= 0) {
            ok = in->req[k] == r && in->off[k] == a->offer_of[r] &&
                 ++load[in->off[k]] <= in->cap[in->off[k]];
            sum += in->score[k];
        } else
            ok = a->offer_of[r] < 0;
    }
    free(load);
    return ok && sum == a->total;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    err_t e = {0};
    match_instance_t in;
    rc_t rc = match_instance_parse("fuzz.txt", (const char *)data, size, &in, &e);
    if (rc != RC_OK) {
        if (rc != RC_INPUT || !e.msg[0])
            __builtin_trap();
        return 0;
    }
    /* Keep each run small: the fuzzer is after the reader and wrong answers. */
    if ((long long)in.nreq * in.noff <= 4096) {
        match_assignment_t a, b;
        match_solve(&in, MATCH_METHOD_SPARSE, &a);
        match_solve(&in, MATCH_METHOD_DENSE, &b);
        if (a.total != b.total || !valid(&in, &a) || !valid(&in, &b))
            __builtin_trap();
        match_assignment_free(&a);
        match_assignment_free(&b);
    }
    match_instance_free(&in);
    return 0;
}
