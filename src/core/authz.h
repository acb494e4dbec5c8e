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
    ACT_ASSIST_REQUEST,   /* add or withdraw a state's assistance request */
    ACT_ASSIST_OFFER,     /* add, close or reopen an offer (a provider: only its own) */
    ACT_ASSIST_READ,      /* see every proposal, its explanation and history */
    ACT_ASSIST_MATCH,     /* review the matching and record its proposals */
    ACT_ASSIST_ANSWER,    /* accept or decline a proposal, as one of its two sides */
    ACT_ASSIST_DELIVER,   /* mark an accepted proposal delivered */
    ACT_DATA_IMPORT,      /* load a whole dataset file (r1540 import): the system actor only */
    ACT_ASSIST_ANSWER_FOR, /* record a side's answer to a proposal on its behalf (it came by
                              letter; `assistance proposal accept --by`): the system actor only */
    ACT_EVENT_ADD,        /* record an outreach event (training, workshop, visit) */
    ACT_ROSTER_READ,      /* read a state's points of contact (personal data) */
    ACT_ROSTER_EDIT,      /* add, change or remove a state's points of contact */
    ACT_ROSTER_LINK,      /* link a roster entry to a point of contact's account */
    ACT_ATTENDANCE_RECORD, /* record who attended a training course or workshop */
    ACT_OUTREACH_READ,    /* read the Committee's letters, meetings and visits to a state */
    ACT_OUTREACH_RECORD,  /* record a letter, meeting or visit to a state */
    ACT_OUTREACH_ANSWER,  /* record a state's answer to one */
    ACT_PROGRAMME_EDIT,   /* add, change, remove an organization's programmes and link offers
                             (a provider: only its own organization's, authz_acts_for_org) */
    ACT_PRACTICE_SUBMIT,  /* submit an effective practice for a state or an organization */
    ACT_PRACTICE_REVIEW,  /* read every submitted practice; publish or return one */
    ACT_COUNT
} authz_action_t;

/*
 * The system actor: the operator who runs the r1540 command on the server
 * without --as (docs/internals/app.md). It is not an account (no row in the
 * user table, id 0, role AUTHZ_ROLE_SYSTEM) and cannot sign in; its column in
 * the permission table gives it the experts', the Committee's and the
 * administrator's powers and the CLI-only ones (ACT_DATA_IMPORT), but never a
 * state's own answer (ACT_MATRIX_REVIEW): that needs `--as` a point of contact.
 */
#define AUTHZ_ROLE_SYSTEM ROLE_COUNT
const user_t *authz_system_user(void);

/* True if user u (NULL for the public) may take the action on the state
 * (alpha-3, or NULL when the action concerns no one state). A point of
 * contact acts only on their own state; a disabled user on nothing. */
bool authz_allowed(const user_t *u, authz_action_t act, const char *state);
/* True if u keeps the programmes of organization org (a code of the
 * registry): a provider account of that organization, the Committee, the
 * experts and the system actor; nobody else. */
bool authz_acts_for_org(const user_t *u, const char *org);
/* The sides of an assistance proposal a user may speak for. */
typedef enum { SIDE_NONE, SIDE_STATE, SIDE_PROVIDER } authz_side_t;

/* True if u acts for the provider (a state's alpha-3 or an organization's
 * code, as match_provider() names it): a provider account whose organization
 * code is that provider. Experts and the system actor act for every provider
 * (they record offers that arrive by letter); nobody else does. */
bool authz_acts_for_provider(const user_t *u, const char *provider);
/* The side of a proposal between the requesting state and the provider that
 * u stands on: the state's point of contact, or an account acting for the
 * provider (not an expert here: only the parties answer). */
authz_side_t authz_proposal_side(const user_t *u, const char *state, const char *provider);

/* The action's name in the audit log and error messages ("matrix-approve"). */
const char *authz_action_name(authz_action_t act);

#endif
