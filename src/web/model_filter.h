/*
 * The row filter of a matrix page (issue 13): section, weapon type, mark and
 * "changed in this draft" as GET parameters (model_filter.c).
 */
#ifndef R1540_WEB_MODEL_FILTER_H
#define R1540_WEB_MODEL_FILTER_H

#include <jansson.h>

#include "web.h"

/* Sets m's "filter" (the choices, the one in force selected, and a message
 * per field whose value names nothing) and takes out of `matrix` (a grouped
 * model of model.c, which the caller owns: never a shared one) the rows the
 * filter does not pass. A row is "changed" when model.c's entry says so
 * ("changed": true). */
void model_filter_rows(web_req_t *r, json_t *m, json_t *matrix);

#endif
