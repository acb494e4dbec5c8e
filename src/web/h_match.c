/*
 * Matching and proposals on the web. Experts and Committee members review
 * what the exact matching would propose now (a dry run, with every score's
 * factors and the other providers whose offers fit the same request) and
 * record it; the two parties of a proposal - the requesting state's point of
 * contact and the provider - accept or decline it; the provider (or an expert
 * or Committee member) marks it delivered. Recording and the steps are the
 * operations of src/app/app_match.c and app_assist.c, the same that
 * `r1540 match` and `r1540 assistance proposal` call.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../app/app_assist.h"
#include "../app/app_match.h"
#include "../core/authz.h"
#include "../util/date.h"
#include "../util/json_out.h"
#include "../util/text.h"
#include "change.h"
#include "handlers.h"
#include "model.h"
#include "model_assist.h"
#include "refcache.h"
#include "web.h"

/* ---- the match review ------------------------------------------------------- */

/* The better-scoring offer a request did not get: the offer, its score,
 * the requests holding it and the drop in total score if it went to this
 * request; NULL without one. */
static json_t *alternative(web_req_t *r, const assist_names_t *n, const match_context_t *c,
                           const match_why_t *w)
{
    if (!w || !w->has_alt)
        return json_null();
    json_t *o = json_object(), *h = json_array();
    json_object_set_new(o, "offer", model_offer(r, n, &c->off[w->alt_offer]));
    json_object_set_new(o, "score", json_integer(match_context_score(c, w->req, w->alt_offer, NULL)));
    json_object_set_new(o, "total_with_it", json_integer(w->alt_total));
    json_object_set_new(o, "loss", json_integer(w->alt_loss));
    for (size_t k = 0; k < w->nholders; k++) {
        json_t *q = model_request(r, n, &c->req[w->holders[k].req]);
        json_object_set_new(q, "score", json_integer(w->holders[k].score));
        json_array_append_new(h, q);
    }
    json_object_set_new(o, "held_by", h);
    return o;
}

/* Why a request has no proposal, in the user's language. */
static const char *why_sentence(web_req_t *r, match_why_kind_t k)
{
    switch (k) {
    case MATCH_WHY_NO_FIT:
        return web_tr(r, "No open offer fits this request.");
    case MATCH_WHY_DECLINED:
        return web_tr(r, "The offers that fit this request were declined before.");
    case MATCH_WHY_FULL:
        return web_tr(r, "The offers that fit this request have no room left: earlier proposals hold them.");
    case MATCH_WHY_BATCH:
        return web_tr(r, "No offer with room fits every request of its regional batch.");
    case MATCH_WHY_OUTBID:
        return web_tr(r, "Offers fit this request, but their capacity goes to pairs worth more in total.");
    case MATCH_WHY_LEFT_OUT:
        return web_tr(r, "Proposed, but not picked for recording.");
    case MATCH_WHY_PROPOSED:
        break;
    }
    return "";
}

static json_t *unmatched(web_req_t *r, const assist_names_t *n, const match_context_t *c,
                         const match_why_t *w)
{
    json_t *o = json_object(), *d = json_array();
    json_object_set_new(o, "request", model_request(r, n, &c->req[w->req]));
    json_object_set_new(o, "reason", json_string(match_why_key(w->kind)));
    json_object_set_new(o, "why", json_string(why_sentence(r, w->kind)));
    for (size_t k = 0; k < w->ndeclined; k++) {
        json_t *of = model_offer(r, n, &c->off[w->declined[k].offer]);
        json_object_set_new(of, "score", json_integer(w->declined[k].score));
        json_array_append_new(d, of);
    }
    json_object_set_new(o, "declined", d);
    json_t *f = json_array();
    for (size_t k = 0; k < w->nfull; k++) {
        json_t *of = model_offer(r, n, &c->off[w->full[k].offer]);
        json_object_set_new(of, "score", json_integer(w->full[k].score));
        json_array_append_new(f, of);
    }
    json_object_set_new(o, "full", f);
    json_object_set_new(o, "alternative", alternative(r, n, c, w));
    return o;
}

static json_t *proposal_preview(web_req_t *r, const assist_names_t *n, const match_context_t *c,
                                const match_proposal_t *p)
{
    json_t *o = json_object();
    json_object_set_new(o, "request", model_request(r, n, &c->req[p->req]));
    json_object_set_new(o, "offer", model_offer(r, n, &c->off[p->off]));
    json_object_set_new(o, "score", json_integer(p->score));
    json_object_set_new(o, "batch", json_string(p->batch ? p->batch : ""));
    json_object_set_new(o, "factors", model_factors(r, &p->ex));
    json_t *ov = json_array();
    for (size_t k = 0; k < p->noverlaps; k++) {
        const assistance_offer_t *of = &c->off[p->overlaps[k].offer];
        json_array_append_new(ov, json_pack("{s:I,s:s,s:s,s:s,s:i}", "offer", (json_int_t)of->id,
                                            "title", of->title, "provider", match_provider(of),
                                            "provider_name",
                                            model_provider_name(r, n, match_provider(of)),
                                            "score", p->overlaps[k].score));
    }
    json_object_set_new(o, "overlaps", ov);
    json_object_set_new(o, "alternative", alternative(r, n, c, p->why));
    return o;
}

static void result_json(web_req_t *r, const assist_names_t *n, const match_context_t *c,
                        const match_result_t *res, json_t *m)
{
    json_t *a = json_array();
    for (size_t k = 0; k < res->n; k++)
        json_array_append_new(a, proposal_preview(r, n, c, &res->p[k]));
    json_object_set_new(m, "proposals", a);
    json_t *u = json_array();
    for (size_t k = 0; k < res->nwhy; k++)
        if (res->why[k].kind != MATCH_WHY_PROPOSED)
            json_array_append_new(u, unmatched(r, n, c, &res->why[k]));
    json_object_set_new(m, "unmatched", u);
    json_object_set_new(m, "unmatched_count", json_integer((json_int_t)json_array_size(u)));
    json_object_set_new(m, "count", json_integer((json_int_t)res->n));
    json_object_set_new(m, "total", json_integer(res->total));
    json_object_set_new(m, "picked_total", json_integer(res->picked_total));
    json_object_set_new(m, "requests", json_integer((json_int_t)res->requests));
    json_object_set_new(m, "offers", json_integer((json_int_t)res->offers));
    json_object_set_new(m, "pairs", json_integer((json_int_t)res->pairs));
}

/* The region of a batch run: "" or absent for none; a top-level M49 region. */
static rc_t region_param(web_req_t *r, const char *v, const char **out, err_t *e)
{
    *out = v && *v ? v : NULL;
    if (*out && (strlen(v) != 3 || strspn(v, "0123456789") != 3))
        return web_fail(r, e, 422, RC_INPUT, "%s", web_tr(r, "There is no such region."));
    return RC_OK;
}

rc_t h_match(web_req_t *r, json_t *m, err_t *e)
{
    const char *region;
    assist_names_t n;
    match_context_t c;
    match_result_t res;
    char today[11];
    date_today(today);
    rc_t rc = region_param(r, web_query(r, "region"), &region, e);
    if (rc != RC_OK || (rc = store_begin_read(r->st, e)) != RC_OK)
        return rc;
    match_run_opts_t o = {region, true, today, NULL, 0};
    rc = match_context_load(r->st, web_app->data_dir, &r->arena, &c, e);
    if (rc == RC_OK)
        rc = match_run(r->st, &c, &o, &r->arena, &res, e);
    if (rc == RC_OK)
        rc = model_assist_names_of(r, &c, &n, e);
    store_rollback(r->st);
    if (rc == RC_NOTFOUND)
        return web_fail(r, e, 404, RC_NOTFOUND, "%s", web_tr(r, "There is no such region."));
    if (rc != RC_OK)
        return rc;
    result_json(r, &n, &c, &res, m);
    json_object_set_new(m, "region", json_string(region ? region : ""));
    json_object_set_new(m, "regions", model_choices(r, "region", region, true));
    json_object_set_new(m, "dry_run", json_true());
    return RC_OK;
}

typedef struct {
    const char *data_dir;
    match_run_opts_t o;
    match_context_t c;
    match_result_t res;
} match_rec_t;

/* The proposals picked to record: the form's "pick" checkboxes
 * (REQUEST:OFFER) once it says "picking"; an API call's "pick" list or
 * string. Absent: every proposal. */
static rc_t picks_param(web_req_t *r, match_run_opts_t *o, err_t *e)
{
    const char *list = web_param_list(r, "pick");
    bool picking = web_param(r, "picking") != NULL;
    match_pick_t *picks;
    if (!list)
        return web_fail(r, e, 422, RC_INPUT, "%s",
                        web_tr(r, "The proposals picked must be request ids or REQUEST:OFFER ids."));
    if (!*list && !picking)
        return RC_OK;
    if (!*list)
        return web_fail(r, e, 422, RC_INPUT, "%s",
                        web_tr(r, "Pick at least one proposal to record."));
    if (match_picks_parse(list, &r->arena, &picks, &o->npicks, e) != RC_OK)
        return web_fail(r, e, 422, RC_INPUT, "%s",
                        web_tr(r, "The proposals picked must be request ids or REQUEST:OFFER ids."));
    o->picks = picks;
    return RC_OK;
}

rc_t h_match_run(web_req_t *r, json_t *m, err_t *e)
{
    char today[11];
    date_today(today);
    match_rec_t mr = {.data_dir = web_app->data_dir, .o = {NULL, false, today, NULL, 0}};
    assist_names_t n;
    app_t a;
    rc_t rc = region_param(r, web_param(r, "region"), &mr.o.region, e);
    if (rc == RC_OK)
        rc = picks_param(r, &mr.o, e);
    if (rc != RC_OK)
        return rc;
    web_app_of(r, &a);
    rc = app_match_record(&a, mr.data_dir, &mr.o, &mr.c, &mr.res, e);
    if (rc == RC_NOTFOUND)
        return web_fail(r, e, 404, RC_NOTFOUND, "%s", web_tr(r, "There is no such region."));
    if (rc == RC_INPUT && mr.o.picks)
        return web_fail(r, e, 409, RC_INPUT, "%s",
                        web_tr(r, "The matching changed since you reviewed it, or a regional "
                                  "batch was picked in part: nothing was recorded. Review it "
                                  "again."));
    if (rc != RC_OK || (rc = model_assist_names_of(r, &mr.c, &n, e)) != RC_OK)
        return rc;
    result_json(r, &n, &mr.c, &mr.res, m);
    json_t *ids = json_array();
    for (size_t k = 0; k < mr.res.n; k++)
        json_array_append_new(ids, json_integer(mr.res.p[k].id));
    json_object_set_new(m, "recorded", ids);
    json_object_set_new(m, "dry_run", json_false());
    r->redirect = arena_alloc(&r->arena, 64);
    snprintf(r->redirect, 64, "assistance/proposals?msg=match-recorded");
    return RC_OK;
}

/* ---- proposals ---------------------------------------------------------------- */

/* A proposal with its request and offer; 404 when the user may not see it
 * (neither a party nor an expert, Committee member or administrator). */
typedef struct {
    assistance_proposal_t p;
    assistance_request_t q;
    assistance_offer_t o;
    authz_side_t side;
} proposal_view_t;

/* Whether the user may see a proposal pairing q and o, and on which side of it
 * the user stands. */
static bool proposal_visible(web_req_t *r, const assistance_request_t *q,
                             const assistance_offer_t *o, authz_side_t *side)
{
    *side = authz_proposal_side(r->user, q->state, match_provider(o));
    return *side != SIDE_NONE || authz_allowed(r->user, ACT_ASSIST_READ, NULL) ||
           authz_acts_for_provider(r->user, match_provider(o));
}

static rc_t proposal_arg(web_req_t *r, const char *arg, proposal_view_t *v, err_t *e)
{
    long long id = web_id(arg);
    rc_t rc = id ? store_proposal_get(r->st, id, &r->arena, &v->p, e) : RC_NOTFOUND;
    if (rc == RC_OK)
        rc = store_request_get(r->st, v->p.request_id, &r->arena, &v->q, e);
    if (rc == RC_OK)
        rc = store_offer_get(r->st, v->p.offer_id, &r->arena, &v->o, e);
    if (rc == RC_OK && !proposal_visible(r, &v->q, &v->o, &v->side))
        rc = RC_NOTFOUND;
    if (rc == RC_NOTFOUND)
        return web_fail(r, e, 404, RC_NOTFOUND, "%s", web_tr(r, "There is no such proposal."));
    return rc;
}

/* What the user may do with a proposal now. */
typedef struct {
    bool answer;  /* accept or decline it, as the side answer_as names */
    bool deliver; /* mark it delivered */
} proposal_can_t;

static proposal_can_t proposal_can(web_req_t *r, const proposal_view_t *v)
{
    const assistance_proposal_t *p = &v->p;
    bool waiting = strcmp(p->status, "proposed") == 0;
    bool answered = v->side == SIDE_PROVIDER ? *p->provider_answer != 0
                    : v->side == SIDE_STATE  ? *p->state_answer != 0
                                             : true;
    bool deliverer = authz_allowed(r->user, ACT_ASSIST_DELIVER, NULL) &&
                     (r->user->role != ROLE_PROVIDER || v->side == SIDE_PROVIDER);
    return (proposal_can_t){
        .answer = waiting && !answered && authz_allowed(r->user, ACT_ASSIST_ANSWER, NULL),
        .deliver = deliverer && strcmp(p->status, "accepted") == 0,
    };
}

static void proposal_actions(web_req_t *r, const proposal_view_t *v, json_t *m)
{
    proposal_can_t can = proposal_can(r, v);
    json_object_set_new(m, "can_answer", json_boolean(can.answer));
    json_object_set_new(m, "answer_as", json_string(v->side == SIDE_PROVIDER ? "provider"
                                                    : v->side == SIDE_STATE  ? "state"
                                                                             : ""));
    json_object_set_new(m, "can_deliver", json_boolean(can.deliver));
}

rc_t h_proposal(web_req_t *r, json_t *m, err_t *e)
{
    proposal_view_t v;
    assist_names_t n;
    assistance_event_t *ev;
    size_t nev;
    rc_t rc = proposal_arg(r, r->args[0], &v, e);
    if (rc == RC_OK)
        rc = model_assist_names(r, &n, e);
    if (rc == RC_OK)
        rc = store_event_list(r->st, v.p.id, &r->arena, &ev, &nev, e);
    if (rc != RC_OK)
        return rc;
    json_object_set_new(m, "proposal", model_proposal(r, &n, &v.p, &v.q, &v.o, ev, nev));
    json_object_set_new(m, "request", model_request(r, &n, &v.q));
    json_object_set_new(m, "offer", model_offer(r, &n, &v.o));
    proposal_actions(r, &v, m);
    return RC_OK;
}

static int request_id_cmp(const void *key, const void *x)
{
    long long id = *(const long long *)key, other = ((const assistance_request_t *)x)->id;
    return (id > other) - (id < other);
}

static int offer_id_cmp(const void *key, const void *x)
{
    long long id = *(const long long *)key, other = ((const assistance_offer_t *)x)->id;
    return (id > other) - (id < other);
}

/* The proposals the user may see: all of them for experts, Committee members
 * and administrators; a party's own otherwise (a point of contact's state's,
 * a provider's offers'). Newest first, each with what it allows the user;
 * status, if given, filters; with todo, only those the user can act on now
 * (the workspace's inbox: the others' models are never built, which took
 * most of the workspace's time). Requests and offers are read once for all. */
static rc_t visible_proposals(web_req_t *r, const assist_names_t *n, const char *status,
                              bool todo, json_t **out, err_t *e)
{
    web_assist_lists_t l;
    rc_t rc = web_ref_assist(r, &l, e);
    if (rc != RC_OK)
        return rc;
    const assistance_proposal_t *ps = l.p;
    const assistance_request_t *qs = l.q;
    const assistance_offer_t *os = l.o;
    size_t np = l.np, nq = l.nq, no = l.no;
    *out = json_array();
    for (size_t i = np; i-- > 0;) {
        const assistance_request_t *q = bsearch(&ps[i].request_id, qs, nq, sizeof *qs, request_id_cmp);
        const assistance_offer_t *o = bsearch(&ps[i].offer_id, os, no, sizeof *os, offer_id_cmp);
        proposal_view_t v = {.p = ps[i]};
        if ((status && *status && strcmp(ps[i].status, status) != 0) || !q || !o ||
            !proposal_visible(r, q, o, &v.side))
            continue;
        v.q = *q, v.o = *o;
        proposal_can_t can = proposal_can(r, &v);
        if (todo && !can.answer && !can.deliver)
            continue;
        /* the workspace and the proposals list show no factors as pages
         * (_proposals.html); their API answers keep them */
        json_t *j = !r->api ? model_proposal_brief(r, n, &v.p, q, o)
                            : model_proposal(r, n, &v.p, q, o, NULL, 0);
        proposal_actions(r, &v, j);
        json_array_append_new(*out, j);
    }
    return RC_OK;
}

rc_t h_proposals(web_req_t *r, json_t *m, err_t *e)
{
    static const char *const statuses[] = {"proposed", "accepted", "declined", "delivered", NULL};
    const char *status = web_query(r, "status");
    assist_names_t n;
    json_t *a;
    rc_t rc = model_assist_names(r, &n, e);
    if (rc == RC_OK)
        rc = visible_proposals(r, &n, status, false, &a, e);
    if (rc != RC_OK)
        return rc;
    json_object_set_new(m, "proposals", a);
    json_object_set_new(m, "count", json_integer((json_int_t)json_array_size(a)));
    json_object_set_new(m, "statuses",
                        model_fixed_choices(r, statuses, model_assist_status_name, status));
    json_object_set_new(m, "can_match", json_boolean(authz_allowed(r->user, ACT_ASSIST_MATCH, NULL)));
    return RC_OK;
}

rc_t h_assist_inbox(web_req_t *r, json_t *m, err_t *e)
{
    assist_names_t n;
    json_t *todo;
    rc_t rc = model_assist_names(r, &n, e);
    if (rc == RC_OK)
        rc = visible_proposals(r, &n, NULL, true, &todo, e);
    if (rc != RC_OK)
        return rc;
    json_object_set_new(m, "inbox", todo);
    if (r->user->role != ROLE_PROVIDER)
        return RC_OK;
    web_assist_lists_t l;
    if ((rc = web_ref_assist(r, &l, e)) != RC_OK)
        return rc;
    const assistance_offer_t *os = l.o;
    size_t no = l.no;
    json_t *mine = json_array();
    for (size_t k = no; k-- > 0;)
        if (authz_acts_for_provider(r->user, match_provider(&os[k])))
            json_array_append_new(mine, model_offer(r, &n, &os[k]));
    json_object_set_new(m, "my_offers", mine);
    return RC_OK;
}

/* ---- a step of a proposal ------------------------------------------------------ */

/* The step is app_assist_proposal_step's; a proposal the user may not see is
 * 404 here first, as on its page. */
static rc_t proposal_step(web_req_t *r, json_t *m, assist_step_t step, err_t *e)
{
    proposal_view_t v;
    assistance_proposal_t p;
    app_t a;
    rc_t rc = proposal_arg(r, r->args[0], &v, e);
    if (rc != RC_OK)
        return rc;
    app_proposal_step_t in = {SIDE_NONE, web_param(r, "note")};
    web_app_of(r, &a);
    if ((rc = app_assist_proposal_step(&a, step, v.p.id, &in, &p, NULL, e)) != RC_OK)
        return rc;
    json_object_set_new(m, "id", json_integer(v.p.id));
    json_object_set_new(m, "status", json_string(p.status));
    json_object_set_new(m, "provider_answer", json_string(p.provider_answer));
    json_object_set_new(m, "state_answer", json_string(p.state_answer));
    r->redirect = arena_alloc(&r->arena, 64);
    snprintf(r->redirect, 64, "assistance/proposals/%lld?msg=proposal-%s", v.p.id,
             assist_transition(step)->to);
    return RC_OK;
}

rc_t h_proposal_accept(web_req_t *r, json_t *m, err_t *e)
{
    return proposal_step(r, m, AW_PROPOSAL_ACCEPT, e);
}

rc_t h_proposal_decline(web_req_t *r, json_t *m, err_t *e)
{
    return proposal_step(r, m, AW_PROPOSAL_DECLINE, e);
}

rc_t h_proposal_deliver(web_req_t *r, json_t *m, err_t *e)
{
    return proposal_step(r, m, AW_PROPOSAL_DELIVER, e);
}
