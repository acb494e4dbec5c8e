/*
 * Effective practices next to the matrix (issue 17 item 5): how many
 * published practices each item of a matrix has, for the reading page and
 * the draft editor, and the published practices of one item for the
 * editor's entry form. Only published practices count here, whoever reads:
 * a matrix page is shown to many, and a practice under review has its own
 * pages for the few who may read it.
 */
#ifndef R1540_WEB_MODEL_PRACTICE_H
#define R1540_WEB_MODEL_PRACTICE_H

#include <jansson.h>

#include "request.h"

/* mx with "practices": N (N > 0) on every entry row whose item has
 * published practices. mx may be a shared (cached) model: when a count is
 * to be added, a copy is made and mx's reference passed to it, so the
 * caller takes the result in place of mx. mx unchanged when there are none
 * or the read fails (the counts are a help, not the page). */
json_t *model_practice_counts(web_req_t *r, json_t *mx);

/* The published practices of one item as [{"id", "title", "by"}], newest
 * first ([] when there are none or the read fails). */
json_t *model_item_practices(web_req_t *r, const char *item);

#endif
