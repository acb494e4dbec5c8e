/*
 * What a reader needs beside a matrix's rows (issue 13, item 5): each
 * entry's source named by the report's title and date with the page in the
 * page's language, a visible "—" for a blank, the fields per section with
 * how many are marked X, and OP 2 / OP 3 as the Committee's grid, one column
 * per weapon type.
 */
#ifndef R1540_WEB_MODEL_MATRIX_READ_H
#define R1540_WEB_MODEL_MATRIX_READ_H

#include <jansson.h>

#include "request.h"

/* Adds source_title, source_date, page_shown and blank to the entry model o
 * (en NULL: a blank item); reports are the state's, nr of them. */
void model_entry_source(web_req_t *r, json_t *o, const matrix_entry_t *en, const report_t *reports,
                        size_t nr);

/* Sets "grid" on each section of matrix (its "sections") whose items have a
 * weapon type in their id (OP2-NW-..., OP3AB-CW-...): {code, name, columns[],
 * rows[]}, a row per measure with one cell per weapon type ({col, item, mark,
 * mark_class, blank}, or {col, none} where the template has no such item).
 * entry[i] is item i's entry or NULL. Also sets "coverage": per section
 * {code, name, fields, x}. */
void model_matrix_read(web_req_t *r, json_t *matrix, const template_item_t *items, size_t ni,
                       const matrix_entry_t *const *entry);

/* The state page's summary card: {reported, first_report (the earliest first
 * report's date, "" if none), last_addendum (the latest additional
 * information's date, "" if none), reports (how many)}. */
json_t *model_state_card(web_req_t *r, const report_t *reports, size_t nr);

#endif
