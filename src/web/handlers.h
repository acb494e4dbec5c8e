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

#include "../core/matrix_workflow.h"
#include "request.h"

typedef rc_t (*web_handler_t)(web_req_t *r, json_t *model, err_t *e);

/* h_public.c */
rc_t h_home(web_req_t *r, json_t *model, err_t *e);
rc_t h_states(web_req_t *r, json_t *model, err_t *e);
rc_t h_state(web_req_t *r, json_t *model, err_t *e);
rc_t h_version(web_req_t *r, json_t *model, err_t *e);
rc_t h_diff(web_req_t *r, json_t *model, err_t *e);
rc_t h_report(web_req_t *r, json_t *model, err_t *e);
rc_t h_search(web_req_t *r, json_t *model, err_t *e);
rc_t h_report_file(web_req_t *r, json_t *model, err_t *e);
rc_t h_data(web_req_t *r, json_t *model, err_t *e);
rc_t h_data_file(web_req_t *r, json_t *model, err_t *e);
/* The roster of points of contact and training attendance (h_roster.c). */
rc_t h_contacts(web_req_t *r, json_t *model, err_t *e);
/* The areas (contact.h) with their names in r's language and whether list
 * holds them: a form's boxes, [{code, name, checked}]; also the assistance
 * request's areas (h_assist.c). */
json_t *h_roster_area_boxes(web_req_t *r, const char *list);
rc_t h_contact_add(web_req_t *r, json_t *model, err_t *e);
rc_t h_contact_update(web_req_t *r, json_t *model, err_t *e);
rc_t h_contact_remove(web_req_t *r, json_t *model, err_t *e);
rc_t h_contact_link(web_req_t *r, json_t *model, err_t *e);
rc_t h_attendance(web_req_t *r, json_t *model, err_t *e);
rc_t h_attendance_set(web_req_t *r, json_t *model, err_t *e);
/* Outreach to states that do not report (h_outreach.c). */
rc_t h_outreach(web_req_t *r, json_t *model, err_t *e);
/* effective practices (h_practice.c) */
rc_t h_practices(web_req_t *r, json_t *model, err_t *e);
rc_t h_practice(web_req_t *r, json_t *model, err_t *e);
rc_t h_practice_file(web_req_t *r, json_t *model, err_t *e);
rc_t h_practice_submit(web_req_t *r, json_t *model, err_t *e);
rc_t h_practice_publish(web_req_t *r, json_t *model, err_t *e);
rc_t h_practice_return(web_req_t *r, json_t *model, err_t *e);
rc_t h_state_outreach(web_req_t *r, json_t *model, err_t *e);
rc_t h_outreach_add(web_req_t *r, json_t *model, err_t *e);
rc_t h_outreach_record(web_req_t *r, json_t *model, err_t *e);
rc_t h_outreach_answer(web_req_t *r, json_t *model, err_t *e);
/* Organizations' programmes, their offers and overlaps (h_programme.c). */
rc_t h_programmes(web_req_t *r, json_t *model, err_t *e);
rc_t h_programme_overlap(web_req_t *r, json_t *model, err_t *e);
rc_t h_programme(web_req_t *r, json_t *model, err_t *e);
rc_t h_programme_add(web_req_t *r, json_t *model, err_t *e);
rc_t h_programme_update(web_req_t *r, json_t *model, err_t *e);
rc_t h_programme_remove(web_req_t *r, json_t *model, err_t *e);
rc_t h_programme_link(web_req_t *r, json_t *model, err_t *e);
rc_t h_programme_unlink(web_req_t *r, json_t *model, err_t *e);
/* The outreach events as an iCalendar feed (h_calendar.c). */
rc_t h_events_ics(web_req_t *r, json_t *model, err_t *e);

/* h_matrix_download.c: a published version as PDF, XLSX or CSV */
rc_t h_matrix_download(web_req_t *r, json_t *model, err_t *e);

/* h_lists.c: what changed since a date, for programs */
rc_t h_versions(web_req_t *r, json_t *model, err_t *e);
rc_t h_reports(web_req_t *r, json_t *model, err_t *e);
/* h_openapi.c: the API's description as JSON, and as a page */
rc_t h_openapi(web_req_t *r, json_t *model, err_t *e);
rc_t h_api_page(web_req_t *r, json_t *model, err_t *e);
/* h_tokens.c: the caller's own API tokens */
rc_t h_tokens(web_req_t *r, json_t *model, err_t *e);
rc_t h_token_add(web_req_t *r, json_t *model, err_t *e);
rc_t h_token_revoke(web_req_t *r, json_t *model, err_t *e);

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
/* The matrix entry of `item` in a version page's grouped model, or NULL. */
json_t *web_matrix_entry_of(json_t *m, const char *item);
/* A state's comments by row (h_comment.c): the version page's comments, each
 * also on its row, drafts only for the state; after h_version_workflow has
 * set can_review. */
rc_t h_version_comments(web_req_t *r, const char *state, const matrix_version_t *v, json_t *m,
                        err_t *e);
rc_t h_comment_add(web_req_t *r, json_t *model, err_t *e);
rc_t h_comment_edit(web_req_t *r, json_t *model, err_t *e);
rc_t h_comment_delete(web_req_t *r, json_t *model, err_t *e);
rc_t h_comment_answer(web_req_t *r, json_t *model, err_t *e);
rc_t h_version_approve(web_req_t *r, json_t *model, err_t *e);
rc_t h_version_publish(web_req_t *r, json_t *model, err_t *e);

/* The workflow panel of a version page: what the user may do next. */
rc_t h_version_workflow(web_req_t *r, const state_t *s, const matrix_version_t *v, json_t *m,
                        err_t *e);

/* h_decision.c: the page before each decision (send, accept, approve,
 * publish), at the GET of the step's URL */
rc_t h_decide_send(web_req_t *r, json_t *model, err_t *e);
rc_t h_decide_accept(web_req_t *r, json_t *model, err_t *e);
rc_t h_decide_approve(web_req_t *r, json_t *model, err_t *e);
rc_t h_decide_publish(web_req_t *r, json_t *model, err_t *e);
/* True for the steps a page's POST takes only with confirm=yes (from the
 * decision page); the API takes them directly. */
bool h_decision_needs_confirm(matrix_step_t step);
/* The version v's changes are counted from: the newest earlier one approved
 * or published, else the one just before; *found false for a first version. */
rc_t web_version_before(web_req_t *r, const matrix_version_t *v, matrix_version_t *out,
                        bool *found, err_t *e);

/* h_assist.c */
rc_t h_requests(web_req_t *r, json_t *model, err_t *e);
rc_t h_request(web_req_t *r, json_t *model, err_t *e);
rc_t h_request_add(web_req_t *r, json_t *model, err_t *e);
rc_t h_request_withdraw(web_req_t *r, json_t *model, err_t *e);
rc_t h_request_feedback(web_req_t *r, json_t *model, err_t *e);
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

/* h_notify.c: the inbox and the mail settings of the signed-in user */
rc_t h_inbox(web_req_t *r, json_t *model, err_t *e);
rc_t h_inbox_open(web_req_t *r, json_t *model, err_t *e);
rc_t h_inbox_read(web_req_t *r, json_t *model, err_t *e);
rc_t h_inbox_settings(web_req_t *r, json_t *model, err_t *e);
rc_t h_inbox_settings_set(web_req_t *r, json_t *model, err_t *e);

/* h_review.c */
rc_t h_review(web_req_t *r, json_t *model, err_t *e);
rc_t h_review_chart(web_req_t *r, json_t *model, err_t *e);
rc_t h_review_download(web_req_t *r, json_t *model, err_t *e);

#endif
