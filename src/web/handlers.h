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
rc_t h_version_return(web_req_t *r, json_t *model, err_t *e);
rc_t h_version_comment(web_req_t *r, json_t *model, err_t *e);
rc_t h_version_approve(web_req_t *r, json_t *model, err_t *e);
rc_t h_version_publish(web_req_t *r, json_t *model, err_t *e);

/* The workflow panel of a version page: what the user may do next. */
rc_t h_version_workflow(web_req_t *r, const state_t *s, const matrix_version_t *v, json_t *m,
                        err_t *e);

/* h_assist.c */
rc_t h_requests(web_req_t *r, json_t *model, err_t *e);
rc_t h_request(web_req_t *r, json_t *model, err_t *e);
rc_t h_request_add(web_req_t *r, json_t *model, err_t *e);
rc_t h_request_withdraw(web_req_t *r, json_t *model, err_t *e);
rc_t h_offers(web_req_t *r, json_t *model, err_t *e);
rc_t h_offer(web_req_t *r, json_t *model, err_t *e);
rc_t h_offer_add(web_req_t *r, json_t *model, err_t *e);
rc_t h_offer_close(web_req_t *r, json_t *model, err_t *e);
rc_t h_offer_reopen(web_req_t *r, json_t *model, err_t *e);
/* A state's page: its assistance requests, and the form to add one for
 * those who may. */
rc_t h_assist_state(web_req_t *r, const state_t *s, json_t *model, err_t *e);

/* h_match.c */
rc_t h_match(web_req_t *r, json_t *model, err_t *e);
rc_t h_match_run(web_req_t *r, json_t *model, err_t *e);
rc_t h_proposals(web_req_t *r, json_t *model, err_t *e);
rc_t h_proposal(web_req_t *r, json_t *model, err_t *e);
rc_t h_proposal_accept(web_req_t *r, json_t *model, err_t *e);
rc_t h_proposal_decline(web_req_t *r, json_t *model, err_t *e);
rc_t h_proposal_deliver(web_req_t *r, json_t *model, err_t *e);
/* A workspace's assistance part: the proposals waiting for the user's answer
 * or delivery ("inbox"), and a provider's own offers ("my_offers"). */
rc_t h_assist_inbox(web_req_t *r, json_t *model, err_t *e);

/* h_admin.c */
rc_t h_users(web_req_t *r, json_t *model, err_t *e);
rc_t h_user_add(web_req_t *r, json_t *model, err_t *e);
rc_t h_user_disable(web_req_t *r, json_t *model, err_t *e);
rc_t h_user_password(web_req_t *r, json_t *model, err_t *e);
rc_t h_user_enable(web_req_t *r, json_t *model, err_t *e);
rc_t h_audit(web_req_t *r, json_t *model, err_t *e);

/* h_reset.c: password reset links */
rc_t h_user_reset(web_req_t *r, json_t *model, err_t *e);
rc_t h_reset_form(web_req_t *r, json_t *model, err_t *e);
rc_t h_reset(web_req_t *r, json_t *model, err_t *e);

/* h_signins.c: failed sign-ins, and lifting a lockout */
rc_t h_signins(web_req_t *r, json_t *model, err_t *e);
rc_t h_signin_lift(web_req_t *r, json_t *model, err_t *e);

/* h_review.c */
rc_t h_review(web_req_t *r, json_t *model, err_t *e);
rc_t h_review_chart(web_req_t *r, json_t *model, err_t *e);
rc_t h_review_download(web_req_t *r, json_t *model, err_t *e);

#endif
