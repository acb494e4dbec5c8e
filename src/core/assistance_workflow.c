/*
 * The assistance transition table (see assistance_workflow.h). Adding a step
 * is one row here plus, if it writes something new, its write in
 * src/app/app_assist.c.
 */
#include "assistance_workflow.h"

#include <string.h>

static const assist_transition_t transitions[AW_STEP_COUNT] = {
    [AW_REQUEST_WITHDRAW] = {AW_REQUEST, "request", "withdraw", "assistance.request.withdraw",
                             ACT_ASSIST_REQUEST, "open", "withdrawn", AW_NO_LIVE_PROPOSAL},
    [AW_OFFER_CLOSE] = {AW_OFFER, "offer", "close", "assistance.offer.close", ACT_ASSIST_OFFER,
                        "open", "closed", AW_NONE},
    [AW_OFFER_REOPEN] = {AW_OFFER, "offer", "reopen", "assistance.offer.reopen", ACT_ASSIST_OFFER,
                         "closed", "open", AW_NONE},
    [AW_PROPOSAL_ACCEPT] = {AW_PROPOSAL, "proposal", "accept", "assistance.proposal.accept",
                            ACT_ASSIST_ANSWER, "proposed", "accepted", AW_ANSWER},
    [AW_PROPOSAL_DECLINE] = {AW_PROPOSAL, "proposal", "decline", "assistance.proposal.decline",
                             ACT_ASSIST_ANSWER, "proposed", "declined", AW_ANSWER},
    [AW_PROPOSAL_DELIVER] = {AW_PROPOSAL, "proposal", "deliver", "assistance.proposal.deliver",
                             ACT_ASSIST_DELIVER, "accepted", "delivered", AW_NONE},
};

const assist_transition_t *assist_transition(assist_step_t step)
{
    return (unsigned)step < AW_STEP_COUNT ? &transitions[step] : NULL;
}

int assist_step_parse(assist_record_t record, const char *verb)
{
    for (int i = 0; verb && i < AW_STEP_COUNT; i++)
        if (transitions[i].record == record && strcmp(verb, transitions[i].verb) == 0)
            return i;
    return -1;
}

bool assist_proposal_live(const char *status)
{
    return status && (strcmp(status, "proposed") == 0 || strcmp(status, "accepted") == 0 ||
                      strcmp(status, "delivered") == 0);
}

assist_refusal_t assist_proposal_apply(const assist_transition_t *t, assistance_proposal_t *p,
                                       bool by_provider, const char **event)
{
    if (!t || t->record != AW_PROPOSAL || strcmp(p->status, t->from) != 0)
        return AW_WRONG_STATUS;
    if (t->rule != AW_ANSWER) {
        p->status = (char *)t->to;
        *event = t->to;
        return AW_ALLOWED;
    }
    char **answer = by_provider ? &p->provider_answer : &p->state_answer;
    if (**answer)
        return AW_ALREADY_ANSWERED;
    bool accept = strcmp(t->to, "accepted") == 0;
    *answer = accept ? "accepted" : "declined";
    if (!accept ||
        (strcmp(p->provider_answer, "accepted") == 0 && strcmp(p->state_answer, "accepted") == 0))
        p->status = (char *)t->to;
    static const char *const events[2][2] = {{"state-declined", "state-accepted"},
                                             {"provider-declined", "provider-accepted"}};
    *event = events[by_provider][accept];
    return AW_ALLOWED;
}
