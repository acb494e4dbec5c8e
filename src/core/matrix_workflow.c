/*
 * The matrix workflow's transition table (see matrix_workflow.h). Adding a
 * step is one row here plus its write in src/app/app_matrix.c.
 */
#include "matrix_workflow.h"

#include <string.h>

static const matrix_transition_t transitions[MW_STEP_COUNT] = {
    [MW_SEND] = {"send", "matrix.send", ACT_MATRIX_SEND, MV_DRAFT, MV_WITH_STATE, MW_ANY, false},
    [MW_RETURN] = {"return", "matrix.return", ACT_MATRIX_SEND, MV_WITH_STATE, MV_DRAFT, MW_ANY,
                   false},
    [MW_ACCEPT] = {"accept", "matrix.accept", ACT_MATRIX_REVIEW, MV_WITH_STATE, MV_WITH_STATE,
                   MW_NOT_ACCEPTED, false},
    [MW_COMMENT] = {"comment", "matrix.comment", ACT_MATRIX_REVIEW, MV_WITH_STATE, MV_DRAFT,
                    MW_NOT_ACCEPTED, false},
    [MW_APPROVE] = {"approve", "matrix.approve", ACT_MATRIX_APPROVE, MV_WITH_STATE, MV_APPROVED,
                    MW_ACCEPTED, true},
    [MW_PUBLISH] = {"publish", "matrix.publish", ACT_MATRIX_PUBLISH, MV_APPROVED, MV_PUBLISHED,
                    MW_ANY, true},
};

const matrix_transition_t *matrix_transition(matrix_step_t step)
{
    return (unsigned)step < MW_STEP_COUNT ? &transitions[step] : NULL;
}

int matrix_step_parse(const char *verb)
{
    for (int i = 0; verb && i < MW_STEP_COUNT; i++)
        if (strcmp(verb, transitions[i].verb) == 0)
            return i;
    return -1;
}

bool matrix_step_possible(matrix_step_t step, mv_status_t status, bool accepted)
{
    const matrix_transition_t *t = matrix_transition(step);
    return t && t->from == status &&
           (t->answer == MW_ANY || (t->answer == MW_ACCEPTED) == accepted);
}

bool matrix_status_editable(mv_status_t s)
{
    return s == MV_DRAFT;
}

bool matrix_status_in_progress(mv_status_t s)
{
    return s == MV_DRAFT || s == MV_WITH_STATE;
}
