/*
 * The permission table. Rows are actions, columns roles; a point of contact's
 * permissions hold only for their own state.
 */
#include "authz.h"

#include <string.h>

enum { A = 1 << ROLE_ADMIN, C = 1 << ROLE_COMMITTEE, E = 1 << ROLE_EXPERT, P = 1 << ROLE_POC,
       V = 1 << ROLE_PROVIDER };

static const struct {
    const char *name;
    unsigned roles;  /* the roles allowed */
    bool own_state;  /* a point of contact: only for their own state */
} authz_table[ACT_COUNT] = {
    [ACT_PUBLIC] = {"public-read", A | C | E | P | V, false},
    [ACT_WORKSPACE] = {"workspace", A | C | E | P | V, false},
    [ACT_REPORT_UPLOAD] = {"report-upload", E | P, true},
    [ACT_MATRIX_READ] = {"matrix-read", A | C | E | P, true},
    [ACT_MATRIX_EDIT] = {"matrix-edit", E, false},
    [ACT_MATRIX_SEND] = {"matrix-send", E, false},
    [ACT_MATRIX_REVIEW] = {"matrix-review", P, true},
    [ACT_MATRIX_APPROVE] = {"matrix-approve", C, false},
    [ACT_MATRIX_PUBLISH] = {"matrix-publish", C, false},
    [ACT_USER_MANAGE] = {"user-manage", A, false},
    [ACT_AUDIT_READ] = {"audit-read", A | C, false},
};

bool authz_allowed(const user_t *u, authz_action_t act, const char *state)
{
    if ((unsigned)act >= ACT_COUNT)
        return false;
    if (act == ACT_PUBLIC)
        return true;
    if (!u || u->disabled || (unsigned)u->role >= ROLE_COUNT)
        return false;
    if (!(authz_table[act].roles & (1u << u->role)))
        return false;
    if (u->role == ROLE_POC && authz_table[act].own_state)
        return state && u->state && strcmp(state, u->state) == 0;
    return true;
}

const char *authz_action_name(authz_action_t act)
{
    return (unsigned)act < ACT_COUNT ? authz_table[act].name : "?";
}
