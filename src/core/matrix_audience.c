/*
 * The audience of each workflow step (matrix_audience.h), as a table of role
 * bits: a step hands the version to someone, and those are the people to tell.
 */
#include "matrix_audience.h"

#include <string.h>

#define TELL(role) (1u << (role))

static const unsigned audience[MW_STEP_COUNT] = {
    /* the state reviews what the experts sent */
    [MW_SEND] = TELL(ROLE_POC),
    /* the state no longer has it to review */
    [MW_RETURN] = TELL(ROLE_POC),
    /* the experts know it is accepted; the Committee may now approve it */
    [MW_ACCEPT] = TELL(ROLE_EXPERT) | TELL(ROLE_COMMITTEE),
    /* the experts answer the state's comments */
    [MW_COMMENT] = TELL(ROLE_EXPERT),
    /* the experts and the state learn that the Committee approved it */
    [MW_APPROVE] = TELL(ROLE_EXPERT) | TELL(ROLE_POC),
    /* the version in force changes for the experts and the state */
    [MW_PUBLISH] = TELL(ROLE_EXPERT) | TELL(ROLE_POC),
};

bool matrix_step_tells(matrix_step_t step, const user_t *u, const char *state, const user_t *actor)
{
    if ((unsigned)step >= MW_STEP_COUNT || u->disabled || (unsigned)u->role >= ROLE_COUNT ||
        !(audience[step] & TELL(u->role)))
        return false;
    if (actor && actor->id == u->id)
        return false;
    return u->role != ROLE_POC || (u->state && state && strcmp(u->state, state) == 0);
}
