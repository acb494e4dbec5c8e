/*
 * Matrix operations: make a new version, set an entry of a draft, and move a
 * version along the workflow (src/core/matrix_workflow.h). Each takes the
 * state by any of its codes and the version by its number, and follows the
 * order of src/app/app.h.
 */
#ifndef R1540_APP_APP_MATRIX_H
#define R1540_APP_APP_MATRIX_H

#include "../core/matrix_workflow.h"
#include "../core/template_carry.h"
#include "app.h"

/* What a new version starts from. */
typedef struct {
    int from;         /* the version whose entries it copies; 0: the newest (if any) */
    const char *date; /* its creation date, YYYY-MM-DD, not in the future; NULL: today */
    const char *note; /* one line, or NULL */
    /* tmpl (issue 12): the template version of the new draft; 0: the source
     * version's (the current template for a first version). Another version
     * than the source's carries the entries through the crosswalk. */
    int template_version;
    template_carry_t *carry; /* when not NULL: receives what was carried and what not */
} app_matrix_new_t;

/*
 * Makes the state's next version, a draft holding a copy of the entries of
 * in->from. ACT_MATRIX_EDIT. RC_REFUSED while the state has a version in
 * progress (a draft, or one with the state); RC_NOTFOUND for an unknown state
 * or from-version or template version; RC_INPUT for a bad date or note, or
 * template versions no crosswalk joins. On RC_OK, *out is the new version
 * (strings in a->arena) and *copied the number of entries copied; entries that
 * could not be carried to another template version are left out (in->carry
 * lists them, and the audit detail counts them).
 */
rc_t app_matrix_new(app_t *a, const char *state, const app_matrix_new_t *in, matrix_version_t *out,
                    size_t *copied, err_t *e);

/*
 * Sets (or, for an empty entry, removes) one entry of a draft. ACT_MATRIX_EDIT.
 * RC_INPUT for an invalid entry, a source report of another state; RC_NOTFOUND
 * for an unknown state, version or template item; RC_REFUSED unless the
 * version is a draft when the transaction reads it. If the state had accepted
 * the version, the acceptance is cleared in the same transaction (the audit
 * detail says so) and *acceptance_cleared is set: the state must accept the
 * changed content again before the Committee can approve it.
 */
rc_t app_matrix_set(app_t *a, const char *state, int number, const matrix_entry_t *en,
                    bool *acceptance_cleared, err_t *e);

/* What a workflow step may carry. */
typedef struct {
    const char *date; /* approve, publish: the day it happened (not in the
                         future, not before the step before it); NULL: today */
    const char *text; /* comment: 1..4000 characters */
    const char *item; /* comment: the template item it is on; NULL or "": the whole version */
} app_matrix_step_t;

/*
 * Takes one step of the workflow on a version: the step's row of the
 * transition table names the permission it needs, the status the version must
 * have and what the state's answer must be, all checked inside the write
 * transaction. in may be NULL when the step carries nothing. RC_DENIED,
 * RC_NOTFOUND, RC_INPUT (a date or comment), RC_REFUSED (the version's status
 * or the state's answer does not allow the step). On RC_OK *out (may be NULL)
 * is the version after the step.
 */
rc_t app_matrix_step(app_t *a, matrix_step_t step, const char *state, int number,
                     const app_matrix_step_t *in, matrix_version_t *out, err_t *e);

#endif
