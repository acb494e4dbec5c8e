/*
 * The assistance workflows as data: one row per step a person can take on a
 * request, an offer or a proposal, saying which permission it needs, from
 * which status to which, and what else must hold. The operations in
 * src/app/app_assist.c read this table and nothing else to decide whether a
 * step is allowed; docs/internals/app.md draws it. The store repeats the
 * rules as triggers (sqlite_schema_assistance.c), so that no writer, r1540 or
 * not, can skip them.
 *
 *   request:  open --withdraw--> withdrawn  (only without a live proposal)
 *             open --(its proposal accepted)--> matched --(delivered)--> delivered
 *   offer:    open --close--> closed --reopen--> open
 *   proposal: proposed --accept (by each side once)--> accepted (when both have)
 *             proposed --decline (by either side)--> declined (final)
 *             accepted --deliver--> delivered
 *
 * The matched and delivered statuses of a request follow its proposal (the
 * store's trigger), so no one takes them as a step.
 */
#ifndef R1540_CORE_ASSISTANCE_WORKFLOW_H
#define R1540_CORE_ASSISTANCE_WORKFLOW_H

#include <stdbool.h>

#include "assistance.h"
#include "authz.h"

typedef enum {
    AW_REQUEST_WITHDRAW, /* the state takes its request back */
    AW_OFFER_CLOSE,      /* the provider stops its offer being matched */
    AW_OFFER_REOPEN,     /* ... and lets it be matched again */
    AW_PROPOSAL_ACCEPT,  /* one side of a proposal accepts it */
    AW_PROPOSAL_DECLINE, /* one side declines it: final */
    AW_PROPOSAL_DELIVER, /* the assistance was given */
    AW_STEP_COUNT
} assist_step_t;

typedef enum { AW_REQUEST, AW_OFFER, AW_PROPOSAL } assist_record_t;

/* What must hold besides the status. */
typedef enum {
    AW_NONE,
    AW_NO_LIVE_PROPOSAL, /* no proposal of the request is proposed, accepted or delivered */
    AW_ANSWER,           /* the side answering has not answered yet; the status becomes
                            `to` at once (decline) or once both sides accepted (accept) */
} assist_rule_t;

typedef struct {
    assist_record_t record;
    const char *noun;   /* "request": the CLI noun and the audit object's prefix */
    const char *verb;   /* "withdraw": the CLI verb and the API route's last segment */
    const char *audit;  /* "assistance.request.withdraw": the audit log's action */
    authz_action_t act; /* the permission it needs (src/core/authz.c) */
    const char *from;   /* the status the record must have */
    const char *to;     /* the status it gets */
    assist_rule_t rule;
} assist_transition_t;

/* The row of a step; NULL for a value outside the enum. */
const assist_transition_t *assist_transition(assist_step_t step);
/* The step of record named verb ("close" of AW_OFFER), or -1. */
int assist_step_parse(assist_record_t record, const char *verb);

/* Why a step is refused on a record as it stands. */
typedef enum {
    AW_ALLOWED,
    AW_WRONG_STATUS,     /* the record's status is not the row's `from` */
    AW_LIVE_PROPOSAL,    /* AW_NO_LIVE_PROPOSAL does not hold */
    AW_ALREADY_ANSWERED, /* AW_ANSWER: the side has answered before */
} assist_refusal_t;

/* True if a proposal in this status holds its request and a place of its
 * offer's capacity (proposed, accepted, delivered). */
bool assist_proposal_live(const char *status);

/*
 * Applies a proposal step (accept, decline, deliver) to p as the side
 * by_provider (or the state) if the table allows it: sets the answer and the
 * status that follows, and names the history event ("provider-accepted",
 * "delivered"). Returns why not otherwise, leaving p as it was.
 */
assist_refusal_t assist_proposal_apply(const assist_transition_t *t, assistance_proposal_t *p,
                                       bool by_provider, const char **event);

#endif
