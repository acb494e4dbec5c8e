/*
 * A matching instance: requests, offers with capacities, and the candidate
 * pairs with their integer scores (larger is better). This is what the solver
 * sees, stripped of everything else; `r1540 match --solve FILE` reads it from
 * the text form documented in docs/matching.md:
 *
 *     R O E                  requests, offers, candidate pairs
 *     c_0 c_1 ... c_{O-1}    offer capacities (0 or more)
 *     r o score              E lines, 0-based indices, score 0 or more
 *
 * Pairs left out (declined pairs, say) are simply not candidates.
 */
#ifndef R1540_MATCH_INSTANCE_H
#define R1540_MATCH_INSTANCE_H

#include <stddef.h>

#include "../util/err.h"

#define MATCH_MAX_COUNT 10000000     /* requests or offers */
#define MATCH_MAX_PAIRS 1000000000LL /* candidate pairs */
#define MATCH_MAX_VALUE 1000000000LL /* a score or a capacity */

typedef struct {
    int nreq, noff;
    size_t npairs;
    int *cap;   /* owned: noff capacities */
    int *req;   /* owned: npairs request indices */
    int *off;   /* owned: npairs offer indices */
    int *score; /* owned: npairs scores, 0..MATCH_MAX_VALUE */
} match_instance_t;

/* Allocates an instance of the given sizes, capacities and pairs zeroed. */
void match_instance_init(match_instance_t *in, int nreq, int noff, size_t npairs);
/* Frees what the instance owns; a zeroed instance is fine. */
void match_instance_free(match_instance_t *in);

/* Parses the text form in text[0..len) (name is for messages). RC_INPUT with
 * "name:line: why" on anything malformed, out of range or repeated; `in` is
 * left empty then. */
rc_t match_instance_parse(const char *name, const char *text, size_t len, match_instance_t *in,
                          err_t *e);

#endif
