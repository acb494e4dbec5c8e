/*
 * Assistance operations: a state's requests, a provider's offers, and the
 * answers and delivery of the proposals the matching records
 * (app_match.h). Each follows the order of src/app/app.h; the workflow steps
 * are the rows of src/core/assistance_workflow.c's table, checked on the
 * record as the write transaction reads it. Field messages come from the
 * checks every way in shares (src/io/assistance_check.c) and name the field.
 */
#ifndef R1540_APP_APP_ASSIST_H
#define R1540_APP_APP_ASSIST_H

#include "../core/assistance_workflow.h"
#include "app.h"

/*
 * Records a state's request for assistance: q as the door parsed it, q->state
 * any code of the state; its status becomes open and an empty q->submitted
 * today. ACT_ASSIST_REQUEST on that state. RC_NOTFOUND for an unknown state,
 * item or theme, RC_INPUT for an invalid field (both naming it). On RC_OK
 * q->id and q->state (alpha-3) are the stored ones. Audited as
 * assistance.request.add of "request:ID" with state, kind, items, priority.
 */
rc_t app_assist_request_add(app_t *a, assistance_request_t *q, err_t *e);

/*
 * Records the outcome of request id and its state's feedback after delivery
 * (resolution 2663 (2022), OP 20), dated today; a later call replaces both.
 * ACT_ASSIST_REQUEST on the request's state. RC_NOTFOUND, RC_DENIED,
 * RC_REFUSED (the request is not delivered), RC_INPUT (a text too long or
 * both empty, naming the field). Audited as assistance.request.feedback of
 * "request:ID" with the date and the two texts' lengths.
 */
rc_t app_assist_request_feedback(app_t *a, long long id, const char *outcome,
                                 const char *feedback, err_t *e);

/*
 * Records an offer of provider (a state's code or an organization's): a
 * provider account always offers as its own organization, whatever provider
 * says; experts and the system actor name any provider. ACT_ASSIST_OFFER.
 * RC_INPUT when no provider is named or a field is invalid, RC_NOTFOUND for an
 * unknown provider, item or theme. On RC_OK o->id and the provider fields
 * are the stored ones. Audited as assistance.offer.add of "offer:ID".
 */
rc_t app_assist_offer_add(app_t *a, const char *provider, assistance_offer_t *o, err_t *e);

/*
 * Takes a step of a request's or an offer's workflow (AW_REQUEST_WITHDRAW,
 * AW_OFFER_CLOSE, AW_OFFER_REOPEN) on record id. The row's permission on the
 * request's state; for an offer, a provider account only on its own. RC_DENIED,
 * RC_NOTFOUND, RC_REFUSED (the record's status or a live proposal does not
 * allow the step). On RC_OK *from (may be NULL) is the status it had. Audited
 * as the row's action with {"from", "to"}.
 */
rc_t app_assist_status_step(app_t *a, assist_step_t step, long long id, const char **from,
                            err_t *e);

/* What a proposal step may carry. */
typedef struct {
    authz_side_t side; /* accept, decline: SIDE_NONE for the actor's own side (a party);
                          the side whose answer the system actor records */
    const char *note;  /* the history's note: text of at most ASSIST_TEXT_MAX bytes, or NULL */
} app_proposal_step_t;

/*
 * Takes a step of a proposal's workflow (AW_PROPOSAL_ACCEPT, _DECLINE,
 * _DELIVER) on proposal id. An answer is given by one of its two parties
 * (ACT_ASSIST_ANSWER: the requesting state's point of contact or the
 * provider's account), or recorded for a named side by the system actor
 * (ACT_ASSIST_ANSWER_FOR); delivery is marked by ACT_ASSIST_DELIVER, a
 * provider account only for its own proposals. RC_DENIED, RC_INPUT (the note,
 * no side named), RC_NOTFOUND, RC_REFUSED (the proposal's status or the
 * side's earlier answer does not allow it). Writes the status, the answer and
 * the history event with the audit entry. On RC_OK *out (may be NULL) is the
 * proposal after the step and *event (may be NULL) the event's name.
 */
rc_t app_assist_proposal_step(app_t *a, assist_step_t step, long long id,
                              const app_proposal_step_t *in, assistance_proposal_t *out,
                              const char **event, err_t *e);

#endif
