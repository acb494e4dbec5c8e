/*
 * Writes random matching instances in the text form of `r1540 match --solve`
 * (docs/matching.md), deterministically from a seed:
 *
 *   match_gen dense N SEED          N requests, N offers of capacity 1, all N*N
 *                                   pairs, scores 0..99,999
 *   match_gen sparse R O K SEED     R requests, O offers of capacity 1..20,
 *                                   K distinct random candidate offers per
 *                                   request, scores 0..99,999
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned long long rng;
static unsigned rnd(unsigned n)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (unsigned)((rng >> 11) % n);
}

static void dense(int n)
{
    printf("%d %d %lld\n", n, n, (long long)n * n);
    for (int j = 0; j < n; j++)
        printf(j ? " 1" : "1");
    putchar('\n');
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++)
            printf("%d %d %u\n", i, j, rnd(100000));
}

static void sparse(int nr, int no, int k)
{
    int *seen = calloc((size_t)no, sizeof *seen);
    printf("%d %d %lld\n", nr, no, (long long)nr * k);
    for (int j = 0; j < no; j++)
        printf(j ? " %u" : "%u", 1 + rnd(20));
    putchar('\n');
    for (int i = 0; i < nr; i++)
        for (int c = 0; c < k;) {
            int j = (int)rnd((unsigned)no);
            if (seen[j] == i + 1)
                continue;
            seen[j] = i + 1;
            printf("%d %d %u\n", i, j, rnd(100000));
            c++;
        }
    free(seen);
}

int main(int argc, char **argv)
{
    if (argc == 4 && strcmp(argv[1], "dense") == 0) {
        rng = strtoull(argv[3], NULL, 10) * 2654435761ULL + 1;
        dense((int)strtol(argv[2], NULL, 10));
    } else if (argc == 6 && strcmp(argv[1], "sparse") == 0) {
        rng = strtoull(argv[5], NULL, 10) * 2654435761ULL + 1;
        sparse((int)strtol(argv[2], NULL, 10), (int)strtol(argv[3], NULL, 10),
               (int)strtol(argv[4], NULL, 10));
    } else {
        fputs("usage: match_gen dense N SEED | sparse R O K SEED\n", stderr);
        return 2;
    }
    return fflush(stdout) == 0 ? 0 : 1;
}
