/*
 * The application layer: one function per operation a person or a program
 * can perform (docs/internals/app.md). The CLI (src/cli/cmd_*.c) and the web
 * (src/web/h_*.c) both call these and nothing else that writes; they only
 * parse input, call the operation and render its result or its error.
 *
 * Every operation has the shape
 *
 *     rc_t app_<record>_<verb>(app_t *a, <what to do>, <what it made>, err_t *e);
 *
 * and does, in this order:
 *   1. permission: app_allow() asks the one permission table (src/core/authz.c)
 *      whether a->actor may take the action; RC_DENIED if not;
 *   2. validation of the input, before anything is opened; RC_INPUT, the
 *      message naming the field;
 *   3. app_begin(): the write transaction;
 *   4. inside it, a re-read of the records the rule depends on and the check of
 *      the workflow state against the transition tables in src/core/
 *      (matrix_workflow.h); RC_REFUSED, or RC_NOTFOUND;
 *   5. the writes;
 *   6. app_finish(): the audit entry (actor, action, object, detail) in the
 *      same transaction and the commit, or the rollback of everything.
 * So a refused operation changes nothing, and two actors racing for the same
 * record are ordered by the transaction: the loser re-reads what the winner
 * wrote and is refused (RC_REFUSED, which the web answers with 409).
 *
 * Result codes are rc_t (src/util/err.h), messages go into the caller's err_t
 * in a->lang; the CLI prints them and exits with the code, the web maps the
 * code to an HTTP status in one place (src/web/router.c).
 */
#ifndef R1540_APP_APP_H
#define R1540_APP_APP_H

#include <stdbool.h>

#include "../core/authz.h"
#include "../util/lang.h"
#include "../store/store.h"
#include "../util/err.h"
#include "../util/mem.h"

/* Who asks. The same rules hold for every actor; only the permission table
 * tells them apart. */
typedef struct {
    const user_t *user; /* whose permissions apply: a signed-in user, the user
                           named by the CLI's --as, or authz_system_user() */
    const char *name;   /* the audit log's actor: "web:alice", "cli:root",
                           "cli:root as alice" */
} app_actor_t;

/* One caller's surroundings for a run of operations. Owns nothing. */
typedef struct {
    store_t *st;
    app_actor_t actor;
    arena_t *arena;        /* the caller's: results and scratch live here */
    lang_t lang;           /* the language of error messages */
    void (*changed)(void); /* called after every committed change (the web's
                              page cache); may be NULL */
} app_t;

/* RC_OK if the actor may take act on state (alpha-3, or NULL when the action
 * concerns no one state); RC_DENIED with a message naming the action
 * otherwise. */
rc_t app_allow(app_t *a, authz_action_t act, const char *state, err_t *e);

/* Opens the write transaction of an operation (the store's store_begin). */
rc_t app_begin(app_t *a, err_t *e);
/*
 * Ends an operation begun with app_begin: if rc is RC_OK, appends the audit
 * entry (a->actor.name, action, object, detail) and commits, then calls
 * a->changed; otherwise, or if that fails, rolls everything back. Returns the
 * first failure (its message stays in e).
 */
rc_t app_finish(app_t *a, rc_t rc, const char *action, const char *object, const char *detail,
                err_t *e);

/* The translation of an interface message (msgid) in a->lang. */
const char *app_tr(app_t *a, const char *msgid);
/* Sets e to rc with a translated message (msgid, printf-style arguments
 * allowed in the translation as in the msgid) and returns rc. */
rc_t app_fail(app_t *a, err_t *e, rc_t rc, const char *msgid, ...)
    __attribute__((format(printf, 4, 5)));
/* app_fail for one wrong input field: also records the field, and msgid as
 * the code a page translates (so msgid takes no arguments). */
rc_t app_fail_field(app_t *a, err_t *e, rc_t rc, const char *field, const char *msgid);

/* Looks a state up by any of its codes (alpha-2 or alpha-3, any case);
 * RC_NOTFOUND with a message otherwise. */
rc_t app_state(app_t *a, const char *code, state_t *out, err_t *e);

#endif
