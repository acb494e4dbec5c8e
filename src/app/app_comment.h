/*
 * A state's draft review of a matrix version sent to it: the point of
 * contact writes comments on single rows (items), changes or deletes them
 * until they are sent, and sends them all back with one workflow step (the
 * comment step of app_matrix_step, which sends every draft of the version).
 * The experts then mark each sent comment answered. Every change is audited.
 */
#ifndef R1540_APP_COMMENT_H
#define R1540_APP_COMMENT_H

#include "app.h"

#include "../core/review.h"

/*
 * Adds a draft comment on item of version `number` of the state
 * (ACT_MATRIX_REVIEW) and writes its id into *id (may be NULL). RC_INPUT for
 * an empty or oversized text or an item not in the version's template;
 * RC_NOTFOUND for an unknown state or version; RC_REFUSED unless the version
 * is with the state and not accepted.
 */
rc_t app_comment_add(app_t *a, const char *state, int number, const char *item, const char *text,
                     long long *id, err_t *e);

/* Replaces the text of the actor's own draft comment `id` on that version
 * (ACT_MATRIX_REVIEW). RC_NOTFOUND if id is not a comment of the version;
 * RC_DENIED if it is another user's; RC_REFUSED once it is sent or the
 * version is no longer with the state; RC_INPUT for the text. */
rc_t app_comment_edit(app_t *a, const char *state, int number, long long id, const char *text,
                      err_t *e);

/* Deletes the actor's own draft comment, on the same terms as app_comment_edit. */
rc_t app_comment_delete(app_t *a, const char *state, int number, long long id, err_t *e);

/* Marks sent comment `id` of the version answered (ACT_MATRIX_EDIT: the
 * experts). RC_NOTFOUND if id is not a sent comment of the version;
 * RC_REFUSED if it was already answered. */
rc_t app_comment_answer(app_t *a, const char *state, int number, long long id, err_t *e);

#endif
