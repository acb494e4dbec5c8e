/*
 * The drafting aid's panel on a draft's version page (docs/drafting-aid.md):
 * for the item chosen in the entry form (?item=ID), the passages of the
 * state's reports that match it, each with a "Use this" button that opens
 * the form again with the passage's report, page and reference filled in
 * (?use_report, use_page, use_ref), never the mark: the expert saves.
 */
#ifndef R1540_WEB_SUGGEST_PANEL_H
#define R1540_WEB_SUGGEST_PANEL_H

#include "model.h"

/* Sets m's "suggest" ({item, any, suggestions: [...]}) for version v of
 * state when an item is chosen and the user may edit the draft. */
rc_t suggest_panel(web_req_t *r, const matrix_version_t *v, json_t *m, err_t *e);

/* Puts a passage chosen with "Use this" into the form's values (source
 * report, page, legal reference), when the request carries one. */
void suggest_use(web_req_t *r, json_t *values);

#endif
