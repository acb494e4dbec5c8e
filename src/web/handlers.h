/*
 * The handlers. Each fills `model` (a JSON object) with what the page or API
 * call shows, or makes a change and says where to go next (r->redirect).
 * The router has already checked the route's authorization and CSRF token,
 * so a handler checks only what depends on the data (is the version a draft?).
 * The same handler answers the page (model rendered by its template) and the
 * API call (model sent as JSON).
 */
#ifndef R1540_WEB_HANDLERS_H
#define R1540_WEB_HANDLERS_H

#include <jansson.h>

#include "request.h"

typedef rc_t (*web_handler_t)(web_req_t *r, json_t *model, err_t *e);

/* h_public.c */
rc_t h_home(web_req_t *r, json_t *model, err_t *e);
rc_t h_states(web_req_t *r, json_t *model, err_t *e);
rc_t h_state(web_req_t *r, json_t *model, err_t *e);
rc_t h_version(web_req_t *r, json_t *model, err_t *e);
rc_t h_diff(web_req_t *r, json_t *model, err_t *e);
rc_t h_report(web_req_t *r, json_t *model, err_t *e);
rc_t h_report_file(web_req_t *r, json_t *model, err_t *e);
rc_t h_data(web_req_t *r, json_t *model, err_t *e);
rc_t h_data_file(web_req_t *r, json_t *model, err_t *e);

/* session.c */
rc_t h_login_form(web_req_t *r, json_t *model, err_t *e);
rc_t h_login(web_req_t *r, json_t *model, err_t *e);
rc_t h_logout(web_req_t *r, json_t *model, err_t *e);

/* h_workspace.c */
rc_t h_workspace(web_req_t *r, json_t *model, err_t *e);
rc_t h_report_upload(web_req_t *r, json_t *model, err_t *e);
rc_t h_version_new(web_req_t *r, json_t *model, err_t *e);
rc_t h_entry_set(web_req_t *r, json_t *model, err_t *e);
rc_t h_version_send(web_req_t *r, json_t *model, err_t *e);
rc_t h_version_accept(web_req_t *r, json_t *model, err_t *e);
rc_t h_version_comment(web_req_t *r, json_t *model, err_t *e);
rc_t h_version_approve(web_req_t *r, json_t *model, err_t *e);
rc_t h_version_publish(web_req_t *r, json_t *model, err_t *e);

/* The workflow panel of a version page: what the user may do next. */
rc_t h_version_workflow(web_req_t *r, const state_t *s, const matrix_version_t *v, json_t *m,
                        err_t *e);

/* h_admin.c */
rc_t h_users(web_req_t *r, json_t *model, err_t *e);
rc_t h_user_add(web_req_t *r, json_t *model, err_t *e);
rc_t h_user_disable(web_req_t *r, json_t *model, err_t *e);
rc_t h_user_enable(web_req_t *r, json_t *model, err_t *e);
rc_t h_audit(web_req_t *r, json_t *model, err_t *e);

/* h_review.c */
rc_t h_review(web_req_t *r, json_t *model, err_t *e);
rc_t h_review_chart(web_req_t *r, json_t *model, err_t *e);

#endif
