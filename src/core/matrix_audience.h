/*
 * Who is told of a step of the matrix workflow: the people whose work the
 * step hands on (the state's points of contact when a draft is sent to them,
 * the experts and the Committee when the state accepts, ...). The decision
 * pages list them before the step is taken (issue 13), and a notifier can
 * read the same table; one row per step, next to the transition table of
 * matrix_workflow.c.
 */
#ifndef R1540_CORE_MATRIX_AUDIENCE_H
#define R1540_CORE_MATRIX_AUDIENCE_H

#include <stdbool.h>

#include "matrix_workflow.h"
#include "user.h"

/* True if the step taken on a version of `state` concerns user u: u's role is
 * in the step's row and, for points of contact, u's state is `state`.
 * Disabled users and the one taking the step (`actor`, may be NULL) are never
 * told; an unknown step tells nobody. */
bool matrix_step_tells(matrix_step_t step, const user_t *u, const char *state, const user_t *actor);

#endif
