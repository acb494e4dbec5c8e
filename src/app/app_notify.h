/*
 * Notifications from the operations (core/notify.h): the queueing each
 * operation calls inside its transaction, just before app_finish, so that a
 * notification exists exactly when its change committed; and the operations
 * of the inbox itself (reading, settings).
 */
#ifndef R1540_APP_APP_NOTIFY_H
#define R1540_APP_APP_NOTIFY_H

#include "../core/matrix_workflow.h"
#include "../match/propose.h"
#include "app.h"

/* Queues what a committed matrix step tells people: sent → the state's points
 * of contact; accepted → the experts and the Committee; commented → the
 * experts; approved → the state and the experts; published → the state.
 * Inside the step's transaction. */
rc_t app_notify_version(app_t *a, matrix_step_t step, const char *state, int number, err_t *e);

/* Queues "a proposal waits for your answer" to both sides of every recorded
 * proposal of res. Inside the matching's transaction. */
rc_t app_notify_proposals(app_t *a, const match_context_t *ctx, const match_result_t *res,
                          err_t *e);

/* Queues what a proposal's step (its history event: provider-accepted,
 * state-declined, delivered, ...) tells the other side and the experts.
 * Inside the step's transaction. */
rc_t app_notify_proposal_step(app_t *a, const assistance_proposal_t *p, const char *event,
                              err_t *e);

/* Marks one of the actor's notifications read (id 0: all of them).
 * RC_NOTFOUND for an id that is not the actor's. Reading is the reader's own
 * business and no change to anyone's records: it is not audited. */
rc_t app_notify_read(app_t *a, long long id, err_t *e);

/* Sets the actor's own notification settings: email ("" for none, else an
 * address notify_email_ok accepts), lang (a language code), mode (immediate,
 * digest, never). RC_INPUT naming the field; audited as notify.settings. */
rc_t app_notify_settings(app_t *a, const char *email, const char *lang, const char *mode,
                         err_t *e);

/* The same for another account, by the system actor (the CLI's
 * `notify settings USER`); RC_DENIED for anyone else. */
rc_t app_notify_settings_for(app_t *a, const user_t *who, const char *email, const char *lang,
                             const char *mode, err_t *e);

#endif
