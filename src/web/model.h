/*
 * Building the JSON that pages and API calls show, from store records, in the
 * request's language. Shared by the public and the workspace handlers.
 */
#ifndef R1540_WEB_MODEL_H
#define R1540_WEB_MODEL_H

#include <jansson.h>

#include "request.h"

/* The state named by a URL argument (alpha-2 or alpha-3, any case);
 * RC_NOTFOUND (404) otherwise. */
rc_t model_state_arg(web_req_t *r, const char *code, state_t *out, err_t *e);
/* The version `number` (a URL argument) of a state; 404 if it does not exist
 * or if the user may not see it (only published versions are public). */
rc_t model_version_arg(web_req_t *r, const state_t *s, const char *number,
                       matrix_version_t *out, err_t *e);
/* True if the request's user may see the state's unpublished versions. */
bool model_sees_drafts(web_req_t *r, const char *alpha3);

json_t *model_state(web_req_t *r, const state_t *s);
/* Adds to m the state's formal_name (in the page's language; "" if none) and
 * its memberships (LDC, LLDC, SIDS, regional group periods, each with a
 * status: ended, current, current with a scheduled end, or scheduled):
 * model_membership.c, issue 12. */
void model_state_history(web_req_t *r, const state_t *s, json_t *m);
json_t *model_report(web_req_t *r, const report_t *rep);
json_t *model_version(web_req_t *r, const matrix_version_t *v);
/* The version's entries over the whole template, grouped by operative
 * paragraph and sub-table (heading), with labels in the request's language. */
rc_t model_matrix(web_req_t *r, const matrix_version_t *v, json_t **out, err_t *e);
/* The same model, kept by the thread for its next requests (refcache.h): the
 * caller must not change it (a page that marks an entry uses model_matrix). */
rc_t model_matrix_shared(web_req_t *r, const matrix_version_t *v, json_t **out, err_t *e);
/* A report kind's name in the request's language. */
const char *model_report_kind_name(web_req_t *r, const char *kind);
/* A role's name in the request's language. */
const char *model_role_name(web_req_t *r, role_t role);
/* A state's name in the request's language. */
const char *model_state_name(web_req_t *r, const state_t *s);
/* The label of a vocabulary entry (region, group, section, heading, theme). */
const char *model_vocab_name(web_req_t *r, const char *kind, const char *code);

/* A vocabulary kind's entries as filter choices [{code, name, selected}],
 * the entry equal to current selected; top_only: only the entries directly
 * under the world (M49 001: the five regions a state's m49_region names). */
json_t *model_choices(web_req_t *r, const char *kind, const char *current, bool top_only);

#endif
