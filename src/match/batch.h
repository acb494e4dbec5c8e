/*
 * Regional batch mode: the open requests of one region that concern the same
 * themes are grouped, and each group is matched as one unit to one provider -
 * one regional workshop or course instead of several national ones. A group
 * fits an offer only if every member does; its score is the sum of the
 * members' scores; it takes one unit of the offer's capacity (the store counts
 * a batch once). A request alone in its group is matched on its own.
 */
#ifndef R1540_MATCH_BATCH_H
#define R1540_MATCH_BATCH_H

#include <stddef.h>

#include "../util/mem.h"

/* Groups n requests by their theme lists: group_of[i] receives the group of
 * request i, numbered 0.. in order of first appearance; returns the number
 * of groups. Requests with equal theme strings (as match_themes_of writes
 * them: sorted, each once) share a group. */
size_t match_batch_group(const char *const *themes, size_t n, size_t *group_of, arena_t *a);

#endif
