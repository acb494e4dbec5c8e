/*
 * The matrix version workflow as data: one row per step a person can take
 * (send, return, accept, comment, approve, publish), saying which permission
 * it needs, from which status to which, and what the state's answer must be.
 * The operations in src/app/app_matrix.c read this table and nothing else to
 * decide whether a step is allowed; docs/internals/app.md shows it as a
 * diagram. Entries change only in a draft (matrix_status_editable), and any
 * change to the entries of a version the state accepted clears that
 * acceptance: what the Committee approves is what the state accepted.
 *
 *   draft --send--> with-state --return / comment--> draft
 *   with-state --accept--> with-state (accepted)
 *   with-state (accepted) --approve--> approved --publish--> published
 */
#ifndef R1540_CORE_MATRIX_WORKFLOW_H
#define R1540_CORE_MATRIX_WORKFLOW_H

#include <stdbool.h>

#include "authz.h"
#include "matrix.h"

typedef enum {
    MW_SEND,    /* the experts send a draft to the state */
    MW_RETURN,  /* the experts take a version back from the state */
    MW_ACCEPT,  /* the state accepts the version as it stands */
    MW_COMMENT, /* the state comments: the version goes back to the experts */
    MW_APPROVE, /* the Committee approves what the state accepted */
    MW_PUBLISH, /* the Committee publishes an approved version */
    MW_STEP_COUNT
} matrix_step_t;

/* What the state's answer to the version must be for a step. */
typedef enum {
    MW_ANY,          /* whatever it is, or none */
    MW_ACCEPTED,     /* the state accepted the version's present content */
    MW_NOT_ACCEPTED, /* no acceptance stands (no answer, or a comment) */
} matrix_answer_rule_t;

typedef struct {
    const char *verb;            /* "send": the CLI verb and the API route's last segment */
    const char *audit;           /* "matrix.send": the audit log's action */
    authz_action_t act;          /* the permission it needs (src/core/authz.c) */
    mv_status_t from, to;        /* the version's status before and after */
    matrix_answer_rule_t answer; /* what the state's answer must be before */
    bool dated;                  /* the step keeps its date (approved, published) */
} matrix_transition_t;

/* The row of a step; NULL for a value outside the enum. */
const matrix_transition_t *matrix_transition(matrix_step_t step);
/* The step named verb ("send", ...), or -1. */
int matrix_step_parse(const char *verb);
/* True if the step's row allows it on a version in this status, with or
 * without the state's acceptance (the permission is authz's question). */
bool matrix_step_possible(matrix_step_t step, mv_status_t status, bool accepted);
/* True if a version in this status may have its entries changed (a draft). */
bool matrix_status_editable(mv_status_t s);
/* True if a version in this status counts as in progress: a state has at most
 * one, and a new version is made only when none is. */
bool matrix_status_in_progress(mv_status_t s);

#endif
