/*
 * Assistance operations (app_assist.h). Which step is allowed from which
 * status is src/core/assistance_workflow.c's table; this file reads the
 * records inside the transaction, asks the table, writes and audits.
 */
#include "app_assist.h"
#include "app_notify.h"

#include <stdio.h>
#include <string.h>

#include "../io/assistance_codes.h"
#include "../match/propose.h"
#include "../util/buf.h"
#include "../util/date.h"
#include "../util/json_out.h"
#include "../util/text.h"

/* The audit log's name of a record: "request:12". Arena-owned. */
static const char *record_object(app_t *a, const char *noun, long long id)
{
    char object[48];
    snprintf(object, sizeof object, "%s:%lld", noun, id);
    return arena_strdup(a->arena, object);
}

/* ---- adding requests and offers ----------------------------------------------- */

rc_t app_assist_request_add(app_t *a, assistance_request_t *q, err_t *e)
{
    state_t s;
    assistance_codes_t codes;
    rc_t rc = app_state(a, q->state, &s, e);
    if (rc == RC_OK)
        rc = app_allow(a, ACT_ASSIST_REQUEST, s.alpha3, e);
    if (rc != RC_OK)
        return rc;
    memcpy(q->state, s.alpha3, sizeof q->state);
    q->status = "open";
    if (!q->submitted[0])
        date_today(q->submitted);
    if ((rc = assistance_codes_load(a->st, a->arena, &codes, e)) != RC_OK ||
        (rc = assistance_request_check(&codes, q, e)) != RC_OK || (rc = app_begin(a, e)) != RC_OK)
        return rc;
    rc = store_request_insert(a->st, q, e);
    buf_t detail;
    buf_init(&detail, 0);
    buf_putc(&detail, '{');
    json_out_kv(&detail, 0, "state", q->state);
    json_out_kv(&detail, 1, "kind", q->kind);
    json_out_kv(&detail, 1, "items", q->items);
    json_out_kll(&detail, 1, "priority", q->priority);
    buf_putc(&detail, '}');
    rc = app_finish(a, rc, "assistance.request.add", record_object(a, "request", q->id),
                    buf_str(&detail), e);
    buf_free(&detail);
    return rc;
}

rc_t app_assist_request_feedback(app_t *a, long long id, const char *outcome,
                                 const char *feedback, err_t *e)
{
    assistance_request_t q;
    char today[11];
    rc_t rc = assistance_feedback_validate(outcome, feedback, e);
    if (rc == RC_OK)
        rc = app_begin(a, e);
    if (rc != RC_OK)
        return rc;
    rc = store_request_get(a->st, id, a->arena, &q, e);
    if (rc == RC_OK)
        rc = app_allow(a, ACT_ASSIST_REQUEST, q.state, e);
    /* Feedback is on assistance given: a request still open has none yet. */
    if (rc == RC_OK && strcmp(q.status, "delivered") != 0)
        rc = app_fail(a, e, RC_REFUSED,
                      "Request %lld is %s: the outcome is recorded once it is delivered.", id,
                      q.status);
    date_today(today);
    if (rc == RC_OK)
        rc = store_request_set_feedback(a->st, id, outcome, feedback, today, e);
    buf_t detail;
    buf_init(&detail, 0);
    buf_putc(&detail, '{');
    json_out_kv(&detail, 0, "date", today);
    json_out_kll(&detail, 1, "outcome_bytes", (long long)strlen(outcome));
    json_out_kll(&detail, 1, "feedback_bytes", (long long)strlen(feedback));
    buf_putc(&detail, '}');
    rc = app_finish(a, rc, "assistance.request.feedback", record_object(a, "request", id),
                    buf_str(&detail), e);
    buf_free(&detail);
    return rc;
}

/* Who provides: a provider account its own organization; anyone else the
 * provider named, a state (by any code) or an organization. */
static rc_t offer_provider(app_t *a, const char *provider, assistance_offer_t *o, err_t *e)
{
    const user_t *u = a->actor.user;
    state_t s;
    if (u->role == ROLE_PROVIDER)
        provider = u->org;
    if (!provider || !*provider || !authz_acts_for_provider(u, provider))
        return app_fail(a, e, RC_INPUT,
                        "Name the provider: a state or an organization of the registry.");
    o->provider_state[0] = '\0';
    o->provider_org = "";
    if (state_code_syntax_ok(provider) &&
        store_state_get(a->st, provider, a->arena, &s, NULL) == RC_OK)
        memcpy(o->provider_state, s.alpha3, sizeof o->provider_state);
    else
        o->provider_org = arena_strdup(a->arena, provider);
    return RC_OK;
}

rc_t app_assist_offer_add(app_t *a, const char *provider, assistance_offer_t *o, err_t *e)
{
    assistance_codes_t codes;
    rc_t rc = app_allow(a, ACT_ASSIST_OFFER, NULL, e);
    if (rc == RC_OK)
        rc = offer_provider(a, provider, o, e);
    if (rc != RC_OK)
        return rc;
    o->status = "open";
    if ((rc = assistance_codes_load(a->st, a->arena, &codes, e)) != RC_OK ||
        (rc = assistance_offer_check(&codes, o, e)) != RC_OK || (rc = app_begin(a, e)) != RC_OK)
        return rc;
    rc = store_offer_insert(a->st, o, e);
    buf_t detail;
    buf_init(&detail, 0);
    buf_putc(&detail, '{');
    json_out_kv(&detail, 0, "provider", match_provider(o));
    json_out_kv(&detail, 1, "kinds", o->kinds);
    json_out_kll(&detail, 1, "capacity", o->capacity);
    buf_putc(&detail, '}');
    rc = app_finish(a, rc, "assistance.offer.add", record_object(a, "offer", o->id),
                    buf_str(&detail), e);
    buf_free(&detail);
    return rc;
}

/* ---- requests' and offers' steps -------------------------------------------------- */

/* RC_REFUSED if a proposal of the request is live (it holds the request). */
static rc_t no_live_proposal(app_t *a, long long request_id, err_t *e)
{
    assistance_proposal_t *ps;
    size_t n;
    rc_t rc = store_proposal_list(a->st, request_id, a->arena, &ps, &n, e);
    for (size_t i = 0; rc == RC_OK && i < n; i++)
        if (assist_proposal_live(ps[i].status))
            return app_fail(a, e, RC_REFUSED,
                            "Only an open request without a live proposal can be withdrawn.");
    return rc;
}

/* Reads the request inside the transaction and checks who asks against its
 * state and the row against its status. */
static rc_t request_step_check(app_t *a, const assist_transition_t *t, long long id,
                               const char **from, err_t *e)
{
    assistance_request_t q;
    rc_t rc = store_request_get(a->st, id, a->arena, &q, e);
    if (rc == RC_OK)
        rc = app_allow(a, t->act, q.state, e);
    if (rc != RC_OK)
        return rc;
    *from = q.status;
    if (strcmp(q.status, t->from) != 0)
        return app_fail(a, e, RC_REFUSED,
                        "Request %lld is %s: it cannot go from that status to %s.", id, q.status,
                        t->to);
    return t->rule == AW_NO_LIVE_PROPOSAL ? no_live_proposal(a, id, e) : RC_OK;
}

/* The same for an offer: a provider account acts only on its own. */
static rc_t offer_step_check(app_t *a, const assist_transition_t *t, long long id,
                             const char **from, err_t *e)
{
    assistance_offer_t o;
    rc_t rc = store_offer_get(a->st, id, a->arena, &o, e);
    if (rc != RC_OK)
        return rc;
    if (!authz_acts_for_provider(a->actor.user, match_provider(&o)))
        return app_fail(a, e, RC_DENIED, "You are not allowed to do this.");
    *from = o.status;
    if (strcmp(o.status, t->from) == 0)
        return RC_OK;
    return strcmp(t->to, "closed") == 0 ? app_fail(a, e, RC_REFUSED, "The offer is already closed.")
                                        : app_fail(a, e, RC_REFUSED, "The offer is already open.");
}

rc_t app_assist_status_step(app_t *a, assist_step_t step, long long id, const char **from, err_t *e)
{
    const assist_transition_t *t = assist_transition(step);
    const char *before = "";
    if (!t || t->record == AW_PROPOSAL)
        return err_set(e, RC_USAGE, "not a step of a request or an offer");
    /* A request's permission depends on its state, read in the transaction;
     * an offer's on the role first, then on whose it is. */
    rc_t rc = t->record == AW_OFFER ? app_allow(a, t->act, NULL, e) : RC_OK;
    if (rc != RC_OK || (rc = app_begin(a, e)) != RC_OK)
        return rc;
    rc = t->record == AW_REQUEST ? request_step_check(a, t, id, &before, e)
                                 : offer_step_check(a, t, id, &before, e);
    if (rc == RC_OK)
        rc = t->record == AW_REQUEST ? store_request_set_status(a->st, id, t->to, e)
                                     : store_offer_set_status(a->st, id, t->to, e);
    buf_t detail;
    buf_init(&detail, 0);
    buf_putc(&detail, '{');
    json_out_kv(&detail, 0, "from", before);
    json_out_kv(&detail, 1, "to", t->to);
    buf_putc(&detail, '}');
    rc = app_finish(a, rc, t->audit, record_object(a, t->noun, id), buf_str(&detail), e);
    buf_free(&detail);
    if (rc == RC_OK && from)
        *from = before;
    return rc;
}

/* ---- proposals' steps --------------------------------------------------------- */

/* The permission of a proposal step, before anything is read: a party's
 * answer, the system actor's record of one (a side must be named), or a
 * delivery. */
static rc_t proposal_allow(app_t *a, const assist_transition_t *t, const app_proposal_step_t *in,
                           err_t *e)
{
    if (t->rule != AW_ANSWER)
        return app_allow(a, t->act, NULL, e);
    if (!authz_allowed(a->actor.user, ACT_ASSIST_ANSWER_FOR, NULL))
        return app_allow(a, t->act, NULL, e);
    if (in->side == SIDE_NONE)
        return app_fail(a, e, RC_INPUT, "Say whose answer this is: the provider's or the state's.");
    return RC_OK;
}

/* The side the actor answers for on this proposal; RC_DENIED if none. */
static rc_t proposal_side(app_t *a, const assistance_request_t *q, const assistance_offer_t *o,
                          const app_proposal_step_t *in, authz_side_t *side, err_t *e)
{
    *side = in->side;
    if (authz_allowed(a->actor.user, ACT_ASSIST_ANSWER_FOR, NULL))
        return RC_OK;
    authz_side_t own = authz_proposal_side(a->actor.user, q->state, match_provider(o));
    if (own == SIDE_NONE || (in->side != SIDE_NONE && in->side != own))
        return app_fail(a, e, RC_DENIED,
                        "Only the requesting state and the provider answer a proposal.");
    *side = own;
    return RC_OK;
}

/* The table's refusal, said in the actor's language. */
static rc_t proposal_refused(app_t *a, const assist_transition_t *t, const assistance_proposal_t *p,
                             authz_side_t side, assist_refusal_t why, err_t *e)
{
    if (why == AW_ALREADY_ANSWERED)
        return side == SIDE_PROVIDER
                   ? app_fail(a, e, RC_REFUSED, "The provider has already answered this proposal.")
                   : app_fail(a, e, RC_REFUSED, "The state has already answered this proposal.");
    if (t->rule == AW_ANSWER)
        return app_fail(a, e, RC_REFUSED, "Proposal %lld is %s: it takes no more answers.", p->id,
                        p->status);
    return app_fail(a, e, RC_REFUSED,
                    "Proposal %lld is %s: only an accepted proposal is delivered.", p->id,
                    p->status);
}

/* Reads the proposal and its two records, checks who acts and the row, and
 * writes the step with its history event. */
static rc_t proposal_write(app_t *a, const assist_transition_t *t, long long id,
                           const app_proposal_step_t *in, assistance_proposal_t *p,
                           const char **event, err_t *e)
{
    assistance_request_t q;
    assistance_offer_t o;
    authz_side_t side = SIDE_NONE;
    rc_t rc = store_proposal_get(a->st, id, a->arena, p, e);
    if (rc == RC_OK)
        rc = store_request_get(a->st, p->request_id, a->arena, &q, e);
    if (rc == RC_OK)
        rc = store_offer_get(a->st, p->offer_id, a->arena, &o, e);
    if (rc == RC_OK && t->rule == AW_ANSWER)
        rc = proposal_side(a, &q, &o, in, &side, e);
    if (rc == RC_OK && t->rule != AW_ANSWER && a->actor.user->role == ROLE_PROVIDER &&
        !authz_acts_for_provider(a->actor.user, match_provider(&o)))
        rc = app_fail(a, e, RC_DENIED, "You are not allowed to do this.");
    if (rc != RC_OK)
        return rc;
    assistance_proposal_t before = *p;
    assist_refusal_t why = assist_proposal_apply(t, p, side == SIDE_PROVIDER, event);
    if (why != AW_ALLOWED)
        return proposal_refused(a, t, &before, side, why, e);
    assistance_event_t ev = {
        .proposal_id = id, .event = (char *)*event, .note = (char *)(in->note ? in->note : "")};
    date_today(ev.date);
    if ((rc = store_proposal_update(a->st, p, e)) == RC_OK)
        rc = store_event_append(a->st, &ev, e);
    return rc;
}

rc_t app_assist_proposal_step(app_t *a, assist_step_t step, long long id,
                              const app_proposal_step_t *in, assistance_proposal_t *out,
                              const char **event, err_t *e)
{
    static const app_proposal_step_t none = {SIDE_NONE, NULL};
    const assist_transition_t *t = assist_transition(step);
    assistance_proposal_t p = {0};
    const char *ev = "";
    if (!t || t->record != AW_PROPOSAL)
        return err_set(e, RC_USAGE, "not a step of a proposal");
    in = in ? in : &none;
    rc_t rc = proposal_allow(a, t, in, e);
    if (rc == RC_OK && in->note && !text_multi_line_ok(in->note, ASSIST_TEXT_MAX))
        rc = app_fail_field(a, e, RC_INPUT, "note", "The note must be text of at most 4000 bytes.");
    if (rc != RC_OK || (rc = app_begin(a, e)) != RC_OK)
        return rc;
    rc = proposal_write(a, t, id, in, &p, &ev, e);
    if (rc == RC_OK) /* in the step's transaction: none for a step that rolls back */
        rc = app_notify_proposal_step(a, &p, ev, e);
    buf_t detail;
    buf_init(&detail, 0);
    if (rc == RC_OK) {
        buf_putc(&detail, '{');
        json_out_kv(&detail, 0, "event", ev);
        json_out_kv(&detail, 1, "status", p.status);
        json_out_kll(&detail, 1, "request", p.request_id);
        json_out_kll(&detail, 1, "offer", p.offer_id);
        buf_putc(&detail, '}');
    }
    rc = app_finish(a, rc, t->audit, record_object(a, t->noun, id), buf_str(&detail), e);
    buf_free(&detail);
    if (rc != RC_OK)
        return rc;
    if (out)
        *out = p;
    if (event)
        *event = ev;
    return RC_OK;
}
