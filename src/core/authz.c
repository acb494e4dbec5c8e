/*
 * The permission table. Rows are actions, columns roles; a point of contact's
 * permissions hold only for their own state. S is the system actor (the CLI
 * without --as, authz.h).
 */
#include "authz.h"

#include <string.h>

enum { A = 1 << ROLE_ADMIN, C = 1 << ROLE_COMMITTEE, E = 1 << ROLE_EXPERT, P = 1 << ROLE_POC,
       V = 1 << ROLE_PROVIDER, S = 1 << AUTHZ_ROLE_SYSTEM };

static const struct {
    const char *name;
    unsigned roles;  /* the roles allowed */
    bool own_state;  /* a point of contact: only for their own state */
} authz_table[ACT_COUNT] = {
    [ACT_PUBLIC] = {"public-read", A | C | E | P | V, false},
    [ACT_WORKSPACE] = {"workspace", A | C | E | P | V, false},
    [ACT_REPORT_UPLOAD] = {"report-upload", E | P | S, true},
    [ACT_MATRIX_READ] = {"matrix-read", A | C | E | P | S, true},
    [ACT_MATRIX_EDIT] = {"matrix-edit", E | S, false},
    [ACT_MATRIX_SEND] = {"matrix-send", E | S, false},
    [ACT_MATRIX_REVIEW] = {"matrix-review", P, true},
    [ACT_MATRIX_APPROVE] = {"matrix-approve", C | S, false},
    [ACT_MATRIX_PUBLISH] = {"matrix-publish", C | S, false},
    [ACT_USER_MANAGE] = {"user-manage", A | S, false},
    [ACT_AUDIT_READ] = {"audit-read", A | C | S, false},
    [ACT_ASSIST_REQUEST] = {"assistance-request", E | P | S, true},
    [ACT_ASSIST_OFFER] = {"assistance-offer", E | V | S, false},
    [ACT_ASSIST_READ] = {"assistance-read", A | C | E | S, false},
    [ACT_ASSIST_MATCH] = {"assistance-match", C | E | S, false},
    [ACT_ASSIST_ANSWER] = {"assistance-answer", P | V, false},
    [ACT_ASSIST_DELIVER] = {"assistance-deliver", C | E | V | S, false},
    [ACT_DATA_IMPORT] = {"data-import", S, false},
    [ACT_ASSIST_ANSWER_FOR] = {"assistance-answer-for", S, false},
    [ACT_EVENT_ADD] = {"event-add", C | E | S, false},
    /* the roster is personal data: the Committee, the experts, the
     * administrators (who link accounts) and the state's own accounts; the
     * state keeps it current, not the secretariat */
    [ACT_ROSTER_READ] = {"roster-read", A | C | E | P | S, true},
    [ACT_ROSTER_EDIT] = {"roster-edit", P | S, true},
    [ACT_ROSTER_LINK] = {"roster-link", A | S, false},
    [ACT_ATTENDANCE_RECORD] = {"attendance-record", C | E | S, false},
    /* the Committee's correspondence with a state: not public; the state reads
     * its own and may record its answer itself */
    [ACT_OUTREACH_READ] = {"outreach-read", A | C | E | P | S, true},
    [ACT_OUTREACH_RECORD] = {"outreach-record", C | E | S, false},
    [ACT_OUTREACH_ANSWER] = {"outreach-answer", C | E | P | S, true},
    /* programmes are public; an organization keeps its own, and the Committee
     * and the experts keep the list current for all (resolution 2663) */
    [ACT_PROGRAMME_EDIT] = {"programme-edit", C | E | V | S, false},
    /* effective practices: a state's accounts submit for their state, a
     * provider's for its organization (app_practice.c checks which); an
     * expert or the Committee reviews before publication */
    [ACT_PRACTICE_SUBMIT] = {"practice-submit", E | P | V | S, true},
    [ACT_PRACTICE_REVIEW] = {"practice-review", C | E | S, false},
};

bool authz_allowed(const user_t *u, authz_action_t act, const char *state)
{
    if ((unsigned)act >= ACT_COUNT)
        return false;
    if (act == ACT_PUBLIC)
        return true;
    if (!u || u->disabled || (unsigned)u->role > AUTHZ_ROLE_SYSTEM)
        return false;
    if (!(authz_table[act].roles & (1u << u->role)))
        return false;
    if (u->role == ROLE_POC && authz_table[act].own_state)
        return state && u->state && strcmp(state, u->state) == 0;
    return true;
}

const user_t *authz_system_user(void)
{
    static const user_t system_user = {.id = 0, .name = "system", .role = AUTHZ_ROLE_SYSTEM,
                                       .state = "", .org = "", .created = ""};
    return &system_user;
}

bool authz_acts_for_provider(const user_t *u, const char *provider)
{
    if (!u || u->disabled || !provider || !*provider)
        return false;
    if (u->role == ROLE_EXPERT || u->role == AUTHZ_ROLE_SYSTEM)
        return true;
    return u->role == ROLE_PROVIDER && u->org && strcmp(u->org, provider) == 0;
}

bool authz_acts_for_org(const user_t *u, const char *org)
{
    if (!u || u->disabled || !org || !*org || !authz_allowed(u, ACT_PROGRAMME_EDIT, NULL))
        return false;
    return u->role != ROLE_PROVIDER || (u->org && strcmp(u->org, org) == 0);
}

authz_side_t authz_proposal_side(const user_t *u, const char *state, const char *provider)
{
    if (!u || u->disabled)
        return SIDE_NONE;
    if (u->role == ROLE_POC && u->state && state && strcmp(u->state, state) == 0)
        return SIDE_STATE;
    if (u->role == ROLE_PROVIDER && authz_acts_for_provider(u, provider))
        return SIDE_PROVIDER;
    return SIDE_NONE;
}

const char *authz_action_name(authz_action_t act)
{
    return (unsigned)act < ACT_COUNT ? authz_table[act].name : "?";
}
