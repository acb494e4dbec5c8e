/*
 * Who may do what: the one place where r1540 decides. Every web page, form
 * and API call names its action, and the router asks authz_allowed() before
 * the handler runs; handlers that show more to some users than to the public
 * (draft matrices) ask the same function. Nothing else checks roles.
 */
#ifndef R1540_CORE_AUTHZ_H
#define R1540_CORE_AUTHZ_H

#include <stdbool.h>

#include "user.h"

typedef enum {
    ACT_PUBLIC,           /* read what is public: anyone */
    ACT_WORKSPACE,        /* see one's own workspace: any signed-in user */
    ACT_REPORT_UPLOAD,    /* add a report of a state */
    ACT_MATRIX_READ,      /* read a state's unpublished matrix versions and comments */
    ACT_MATRIX_EDIT,      /* make a draft, set its entries */
    ACT_MATRIX_SEND,      /* send a draft to the state */
    ACT_MATRIX_REVIEW,    /* the state: accept a version sent to it, or comment on it */
    ACT_MATRIX_APPROVE,   /* approve a version the state has accepted */
    ACT_MATRIX_PUBLISH,   /* publish an approved version */
    ACT_USER_MANAGE,      /* add, disable, enable users */
    ACT_AUDIT_READ,       /* read the audit log */
    ACT_COUNT
} authz_action_t;

/* True if user u (NULL for the public) may take the action on the state
 * (alpha-3, or NULL when the action concerns no one state). A point of
 * contact acts only on their own state; a disabled user on nothing. */
bool authz_allowed(const user_t *u, authz_action_t act, const char *state);
/* The action's name in the audit log and error messages ("matrix-approve"). */
const char *authz_action_name(authz_action_t act);

#endif
