/*
 * Assistance requests and offers: the public lists and pages, a state's
 * requests (its point of contact, or an expert recording a request that came
 * by letter), and a provider's offers. A request's page shows the offers that
 * fit it; an offer's page the open requests it fits, so that a provider sees
 * where it can help. Proposals are shown only to those who may see them
 * (h_match.c has the matching and the proposals' own pages).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../app/app_assist.h"
#include "../core/authz.h"
#include "../util/date.h"
#include "../util/json_out.h"
#include "change.h"
#include "handlers.h"
#include "model.h"
#include "model_assist.h"
#include "paging.h"
#include "refcache.h"
#include "web.h"

enum { FITS_SHOWN = 50 };

/* ---- shared ----------------------------------------------------------------- */

static rc_t not_found(web_req_t *r, err_t *e, const char *message)
{
    return web_fail(r, e, 404, RC_NOTFOUND, "%s", message);
}

/* The page a list asks for (?page=N&per_page=M, read by the router:
 * paging.h), as the store's slice of rows; with first, the first page. */
static long long page_asked(web_req_t *r, store_query_t *q, bool first)
{
    if (r->per_page < 1) /* not parsed by the router: the defaults */
        r->list_page = 1, r->per_page = WEB_PER_PAGE_DEFAULT;
    if (first)
        r->list_page = 1;
    q->limit = r->per_page;
    q->offset = (r->list_page - 1) * r->per_page;
    return r->list_page;
}

/* Says which page of how many rows the model holds (and the Link header). */
static void page_say(web_req_t *r, json_t *m, long long total, long long page)
{
    web_paging_say(r, m, total);
    long long pages = total ? (total + r->per_page - 1) / r->per_page : 1;
    if (page > 1)
        json_object_set_new(m, "prev_page", json_integer(page - 1));
    if (page < pages)
        json_object_set_new(m, "next_page", json_integer(page + 1));
}

/* The filters of a list page, echoed so that paging links keep them. */
static void keep_filters(web_req_t *r, json_t *m, const char *const *names)
{
    buf_t b;
    buf_init(&b, 4096);
    for (size_t i = 0; names[i]; i++) {
        const char *v = web_query(r, names[i]);
        if (!v || !*v)
            continue;
        buf_printf(&b, "&%s=", names[i]);
        for (const unsigned char *c = (const unsigned char *)v; *c; c++)
            buf_printf(&b, (*c >= '0' && *c <= '9') || (*c >= 'a' && *c <= 'z') ||
                                   (*c >= 'A' && *c <= 'Z') || *c == '-' || *c == '.'
                               ? "%c"
                               : "%%%02X",
                       *c);
    }
    json_object_set_new(m, "filters", json_string(b.overflow ? "" : buf_str(&b)));
    buf_free(&b);
}

/* Whether the user may see the proposals of a request of state / of an offer of provider. */
static bool sees_proposals(web_req_t *r, const char *state, const char *provider)
{
    if (authz_allowed(r->user, ACT_ASSIST_READ, NULL))
        return true;
    if (provider)
        return authz_acts_for_provider(r->user, provider);
    return authz_proposal_side(r->user, state, NULL) == SIDE_STATE;
}

/* The proposals of a request (q) or of an offer (o; the other is NULL), newest
 * first, each with the other record it pairs. */
static rc_t proposals_json(web_req_t *r, const assist_names_t *n, const assistance_request_t *q,
                           const assistance_offer_t *o, json_t **out, err_t *e)
{
    assistance_proposal_t *ps;
    size_t np;
    rc_t rc = store_proposal_list(r->st, q ? q->id : 0, &r->arena, &ps, &np, e);
    if (rc != RC_OK)
        return rc;
    json_t *a = json_array();
    for (size_t i = np; i-- > 0 && rc == RC_OK;) {
        assistance_request_t oq;
        assistance_offer_t oo;
        if (o && ps[i].offer_id != o->id)
            continue;
        rc = q ? store_offer_get(r->st, ps[i].offer_id, &r->arena, &oo, e)
               : store_request_get(r->st, ps[i].request_id, &r->arena, &oq, e);
        if (rc == RC_OK)
            json_array_append_new(a, model_proposal(r, n, &ps[i], q ? q : &oq, o ? o : &oo,
                                                    NULL, 0));
    }
    if (rc != RC_OK) {
        json_decref(a);
        return rc;
    }
    *out = a;
    return RC_OK;
}

/* ---- requests --------------------------------------------------------------- */

static const char *const request_statuses[] = {"open", "matched", "delivered", "withdrawn", NULL};
static const char *const offer_statuses[] = {"open", "closed", NULL};

/* A request's model row, from the thread's kept rows or built and kept
 * (refcache.h): a list page builds most of its time otherwise. Borrowed. */
static json_t *request_row(web_req_t *r, const assist_names_t *n, const assistance_request_t *q)
{
    static const char kind[] = "request";
    json_t *row = web_ref_row(kind, q->id, r->lang);
    if (!row) {
        row = model_request(r, n, q);
        web_ref_row_keep(kind, q->id, r->lang, row);
        json_decref(row); /* the cache holds it now */
    }
    return row;
}

rc_t h_requests(web_req_t *r, json_t *m, err_t *e)
{
    const char *region = web_query(r, "region"), *status = web_query(r, "status"),
               *kind = web_query(r, "kind"), *theme = web_query(r, "theme");
    assist_names_t n;
    assistance_request_t *qs;
    size_t nq;
    long long total;
    store_query_t query = {.region = region, .status = status, .kind = kind, .theme = theme,
                           .newest_first = true};
    long long page = page_asked(r, &query, false);
    rc_t rc = model_assist_names(r, &n, e);
    if (rc == RC_OK)
        rc = store_request_find(r->st, &query, &r->arena, &qs, &nq, &total, e);
    if (rc == RC_OK && nq == 0 && page > 1) { /* past the end: the first page */
        page = page_asked(r, &query, true);
        rc = store_request_find(r->st, &query, &r->arena, &qs, &nq, &total, e);
    }
    if (rc != RC_OK)
        return rc;
    json_t *rows = json_array();
    for (size_t i = 0; i < nq; i++)
        json_array_append(rows, request_row(r, &n, &qs[i])); /* by record and language only */
    page_say(r, m, total, page);
    json_object_set_new(m, "requests", rows);
    static const char *const filters[] = {"region", "status", "kind", "theme", NULL};
    keep_filters(r, m, filters);
    json_object_set_new(m, "regions", model_choices(r, "region", region, true));
    json_object_set_new(m, "themes", model_choices(r, "theme", theme, false));
    json_object_set_new(m, "statuses",
                        model_fixed_choices(r, request_statuses, model_assist_status_name, status));
    json_object_set_new(m, "kinds",
                        model_fixed_choices(r, assistance_kinds, model_assist_kind_name, kind));
    json_object_set_new(m, "can_match", json_boolean(authz_allowed(r->user, ACT_ASSIST_MATCH, NULL)));
    return RC_OK;
}

rc_t h_assist_state(web_req_t *r, const state_t *s, json_t *m, err_t *e)
{
    assist_names_t n;
    assistance_request_t *qs;
    size_t nq;
    rc_t rc = model_assist_names(r, &n, e);
    if (rc == RC_OK)
        rc = store_request_list(r->st, s->alpha3, &r->arena, &qs, &nq, e);
    if (rc != RC_OK)
        return rc;
    json_t *a = json_array();
    for (size_t i = nq; i-- > 0;)
        json_array_append_new(a, model_request(r, &n, &qs[i]));
    json_object_set_new(m, "requests", a);
    if (!authz_allowed(r->user, ACT_ASSIST_REQUEST, s->alpha3))
        return RC_OK;
    json_object_set_new(m, "can_request", json_true());
    if (!r->api) {
        json_t *form = model_assist_form(r, &n), *prio = json_array();
        static const char *const priorities[][2] = {{"1", "normal"}, {"2", "high"},
                                                    {"3", "urgent"}};
        for (int i = 0; i < 3; i++)
            json_array_append_new(prio, json_pack("{s:s,s:s}", "code", priorities[i][0], "name",
                                                  web_tr(r, priorities[i][1])));
        json_object_set_new(form, "priorities", prio);
        json_object_set_new(form, "areas", h_roster_area_boxes(r, NULL));
        json_object_set_new(m, "request_form", form);
    }
    return RC_OK;
}

/* A record that fits the one a page shows, and its score. */
typedef struct {
    size_t i; /* index into the context's offers (a request's page) or requests */
    int score;
} fit_t;

static int fit_cmp(const void *x, const void *y)
{
    const fit_t *a = x, *b = y;
    return a->score != b->score ? (a->score < b->score ? 1 : -1) : (a->i > b->i) - (a->i < b->i);
}

/* The open offers that fit request `at` (for_request: the matching's own list,
 * and in *providers how many providers they come from), or the open requests
 * that offer `at` fits; best first (ties: by id), their number in *n. */
static fit_t *fits_of(web_req_t *r, const match_context_t *c, size_t at, bool for_request,
                      size_t *n, size_t *providers)
{
    fit_t *f;
    *n = 0;
    if (for_request) {
        match_overlap_t *ov;
        size_t nov = match_fitting_offers(c, at, &r->arena, &ov);
        *providers = match_fitting_providers(c, ov, nov);
        f = arena_alloc(&r->arena, (nov + 1) * sizeof *f);
        for (; *n < nov; ++*n)
            f[*n] = (fit_t){ov[*n].offer, ov[*n].score};
    } else {
        f = arena_alloc(&r->arena, (c->nreq + 1) * sizeof *f);
        for (size_t j = 0; j < c->nreq; j++) {
            int s = strcmp(c->req[j].status, "open") == 0 ? match_context_score(c, j, at, NULL) : 0;
            if (s > 0)
                f[(*n)++] = (fit_t){j, s};
        }
    }
    qsort(f, *n, sizeof *f, fit_cmp);
    return f;
}

/* The first FITS_SHOWN fits as records with their score; their number under count_key. */
static void fits_json(web_req_t *r, const assist_names_t *n, const match_context_t *c,
                      const fit_t *f, size_t nf, bool offers, json_t *m, const char *key,
                      const char *count_key)
{
    json_t *a = json_array();
    for (size_t k = 0; k < nf && k < FITS_SHOWN; k++) {
        json_t *o = offers ? model_offer(r, n, &c->off[f[k].i]) : model_request(r, n, &c->req[f[k].i]);
        json_object_set_new(o, "score", json_integer(f[k].score));
        json_array_append_new(a, o);
    }
    json_object_set_new(m, key, a);
    json_object_set_new(m, count_key, json_integer((json_int_t)nf));
}

/* Loads the matching context and the names for a request's or an offer's page. */
static rc_t fit_context(web_req_t *r, match_context_t *c, assist_names_t *n, err_t *e)
{
    rc_t rc = match_context_load_public(r->st, web_app->data_dir, &r->arena, c, e);
    return rc == RC_OK ? model_assist_names_of(r, c, n, e) : rc;
}

rc_t h_request(web_req_t *r, json_t *m, err_t *e)
{
    long long id = web_id(r->args[0]);
    assist_names_t n;
    match_context_t c;
    if (!id)
        return not_found(r, e, web_tr(r, "There is no such assistance request."));
    rc_t rc = fit_context(r, &c, &n, e);
    if (rc != RC_OK)
        return rc;
    size_t ri = 0;
    while (ri < c.nreq && c.req[ri].id != id)
        ri++;
    if (ri == c.nreq)
        return not_found(r, e, web_tr(r, "There is no such assistance request."));
    const assistance_request_t *q = &c.req[ri];
    json_object_set_new(m, "request", model_request(r, &n, q));
    size_t nf, providers;
    const fit_t *f = fits_of(r, &c, ri, true, &nf, &providers);
    fits_json(r, &n, &c, f, nf, true, m, "fitting_offers", "offers_fitting");
    json_object_set_new(m, "providers_overlapping", json_integer(providers > 1 ? (json_int_t)providers : 0));
    bool for_state = authz_allowed(r->user, ACT_ASSIST_REQUEST, q->state);
    json_object_set_new(m, "can_withdraw",
                        json_boolean(strcmp(q->status, "open") == 0 && for_state));
    json_object_set_new(m, "can_feedback",
                        json_boolean(strcmp(q->status, "delivered") == 0 && for_state));
    if (!r->api && q->areas && *q->areas) {
        json_t *areas = json_array(), *boxes = h_roster_area_boxes(r, q->areas), *b;
        size_t i;
        json_array_foreach(boxes, i, b)
            if (json_is_true(json_object_get(b, "checked")))
                json_array_append(areas, b);
        json_decref(boxes);
        json_object_set_new(m, "area_names", areas);
    }
    if (sees_proposals(r, q->state, NULL)) {
        json_t *ps;
        if ((rc = proposals_json(r, &n, q, NULL, &ps, e)) != RC_OK)
            return rc;
        json_object_set_new(m, "proposals", ps);
        r->no_cache = true;
    }
    return RC_OK;
}

/* A date field: "" or YYYY-MM-DD; false otherwise (it would not fit). */
static bool date_field(const char *v, char out[11])
{
    if (!v || !*v) {
        out[0] = 0;
        return true;
    }
    if (strlen(v) != 10 || !date_valid(v))
        return false;
    memcpy(out, v, 11);
    return true;
}

/* Reads the fields common to requests and offers; a clear 422 otherwise. */
static rc_t read_texts(web_req_t *r, const char **title, const char **description,
                       const char **languages, const char **items, const char **themes,
                       char start[11], char end[11], err_t *e)
{
    *title = web_param(r, "title");
    *description = web_param(r, "description");
    *languages = web_param_list(r, "languages");
    *items = web_param_list(r, "items");
    *themes = web_param_list(r, "themes");
    if (!*title || !**title)
        return web_fail_field(r, e, 422, RC_INPUT, "title", "A title is required.");
    if (!*items || !*themes || !*languages)
        return web_fail_field(r, e, 422, RC_INPUT, !*items ? "items" : !*themes ? "themes" : "languages",
                              "Items, themes and languages must be lists of codes.");
    if (!date_field(web_param(r, "start"), start))
        return web_fail_field(r, e, 422, RC_INPUT, "start", "The date must be YYYY-MM-DD.");
    if (!date_field(web_param(r, "end"), end))
        return web_fail_field(r, e, 422, RC_INPUT, "end", "The date must be YYYY-MM-DD.");
    if (!*description)
        *description = "";
    return RC_OK;
}

/* The store's and the checker's refusals (an unknown item, a bad field) are
 * the user's to fix: 422 with the message, which names the field. */
static rc_t invalid(web_req_t *r, rc_t rc)
{
    if (rc == RC_INPUT || rc == RC_NOTFOUND || rc == RC_USAGE) {
        r->status = 422;
        return RC_INPUT;
    }
    return rc;
}

/* What resolution 2663's request template adds: the areas, the national
 * context, the contact (assistance_request_validate checks them). */
static rc_t read_2663(web_req_t *r, assistance_request_t *q, err_t *e)
{
    const char *areas = web_param_list(r, "areas"), *context = web_param(r, "context");
    const char *contact = web_param(r, "contact");
    if (!areas)
        return web_fail_field(r, e, 422, RC_INPUT, "areas", "Choose areas from the list.");
    q->areas = (char *)areas;
    q->context = (char *)(context ? context : "");
    q->contact = (char *)(contact ? contact : "");
    q->outcome = q->feedback = "";
    return RC_OK;
}

rc_t h_request_add(web_req_t *r, json_t *m, err_t *e)
{
    state_t s;
    assistance_request_t request = {0}, *q = &request;
    const char *kind = web_param(r, "kind"), *prio = web_param(r, "priority");
    rc_t rc = model_state_arg(r, r->args[0], &s, e);
    if (rc != RC_OK)
        return rc;
    const char *title, *description, *languages, *items, *themes;
    if ((rc = read_texts(r, &title, &description, &languages, &items, &themes, q->start,
                         q->end, e)) != RC_OK)
        return rc;
    q->kind = (char *)assistance_kind_parse(kind);
    if (!q->kind)
        return web_fail_field(r, e, 422, RC_INPUT, "kind", "Choose the kind of assistance.");
    q->priority = !prio || !*prio ? 1 : (int)web_id(prio);
    if (q->priority < 1 || q->priority > 3)
        return web_fail_field(r, e, 422, RC_INPUT, "priority", "The priority is 1, 2 or 3.");
    memcpy(q->state, s.alpha3, sizeof q->state);
    q->items = (char *)items, q->themes = (char *)themes, q->title = (char *)title;
    q->description = (char *)description, q->languages = (char *)languages;
    if ((rc = read_2663(r, q, e)) != RC_OK)
        return rc;
    app_t app;
    web_app_of(r, &app);
    if ((rc = app_assist_request_add(&app, q, e)) != RC_OK)
        return invalid(r, rc);
    assist_names_t n;
    if ((rc = model_assist_names(r, &n, e)) != RC_OK)
        return rc;
    json_object_set_new(m, "request", model_request(r, &n, q));
    r->status = 201;
    r->redirect = arena_alloc(&r->arena, 64);
    snprintf(r->redirect, 64, "assistance/requests/%lld?msg=request-added", q->id);
    return RC_OK;
}

/* A step of a request's or an offer's workflow: app_assist_status_step. */
static rc_t status_step(web_req_t *r, json_t *m, assist_step_t step, long long id, err_t *e)
{
    app_t a;
    const assist_transition_t *t = assist_transition(step);
    web_app_of(r, &a);
    rc_t rc = app_assist_status_step(&a, step, id, NULL, e);
    if (rc == RC_NOTFOUND)
        return not_found(r, e, t->record == AW_REQUEST
                                   ? web_tr(r, "There is no such assistance request.")
                                   : web_tr(r, "There is no such assistance offer."));
    if (rc != RC_OK)
        return rc;
    json_object_set_new(m, "id", json_integer(id));
    json_object_set_new(m, "status", json_string(t->to));
    r->redirect = arena_alloc(&r->arena, 64);
    snprintf(r->redirect, 64, "assistance/%ss/%lld?msg=%s-%s", t->noun, id, t->noun,
             step == AW_REQUEST_WITHDRAW ? "withdrawn"
             : step == AW_OFFER_CLOSE    ? "closed"
                                         : "reopened");
    return RC_OK;
}

rc_t h_request_withdraw(web_req_t *r, json_t *m, err_t *e)
{
    state_t s;
    assistance_request_t q;
    long long id = web_id(r->args[1]);
    rc_t rc = model_state_arg(r, r->args[0], &s, e);
    if (rc != RC_OK)
        return rc;
    rc = id ? store_request_get(r->st, id, &r->arena, &q, e) : RC_NOTFOUND;
    if (rc == RC_NOTFOUND || (rc == RC_OK && strcmp(q.state, s.alpha3) != 0))
        return not_found(r, e, web_tr(r, "There is no such assistance request."));
    if (rc != RC_OK)
        return rc;
    return status_step(r, m, AW_REQUEST_WITHDRAW, id, e);
}

/* The outcome and the state's feedback after delivery (resolution 2663, OP 20). */
rc_t h_request_feedback(web_req_t *r, json_t *m, err_t *e)
{
    state_t s;
    assistance_request_t q;
    long long id = web_id(r->args[1]);
    const char *outcome = web_param(r, "outcome"), *feedback = web_param(r, "feedback");
    rc_t rc = model_state_arg(r, r->args[0], &s, e);
    if (rc != RC_OK)
        return rc;
    rc = id ? store_request_get(r->st, id, &r->arena, &q, e) : RC_NOTFOUND;
    if (rc == RC_NOTFOUND || (rc == RC_OK && strcmp(q.state, s.alpha3) != 0))
        return not_found(r, e, web_tr(r, "There is no such assistance request."));
    if (rc != RC_OK)
        return rc;
    app_t a;
    web_app_of(r, &a);
    rc = app_assist_request_feedback(&a, id, outcome ? outcome : "", feedback ? feedback : "", e);
    if (rc == RC_REFUSED)
        r->status = 409;
    if (rc != RC_OK)
        return invalid(r, rc);
    json_object_set_new(m, "id", json_integer(id));
    r->redirect = arena_alloc(&r->arena, 64);
    snprintf(r->redirect, 64, "assistance/requests/%lld?msg=feedback-recorded", id);
    return RC_OK;
}

/* ---- offers --------------------------------------------------------------- */

rc_t h_offers(web_req_t *r, json_t *m, err_t *e)
{
    const char *provider = web_query(r, "provider"), *status = web_query(r, "status"),
               *kind = web_query(r, "kind"), *theme = web_query(r, "theme");
    assist_names_t n;
    assistance_offer_t *os;
    size_t no;
    long long total;
    store_query_t query = {.provider = provider, .status = status, .kind = kind, .theme = theme,
                           .newest_first = true};
    long long page = page_asked(r, &query, false);
    rc_t rc = model_assist_names(r, &n, e);
    if (rc == RC_OK)
        rc = store_offer_find(r->st, &query, &r->arena, &os, &no, &total, e);
    if (rc == RC_OK && no == 0 && page > 1) { /* past the end: the first page */
        page = page_asked(r, &query, true);
        rc = store_offer_find(r->st, &query, &r->arena, &os, &no, &total, e);
    }
    if (rc != RC_OK)
        return rc;
    json_t *rows = json_array();
    for (size_t i = 0; i < no; i++)
        json_array_append_new(rows, model_offer(r, &n, &os[i]));
    page_say(r, m, total, page);
    json_object_set_new(m, "offers", rows);
    static const char *const filters[] = {"provider", "status", "kind", "theme", NULL};
    keep_filters(r, m, filters);
    json_t *orgs = json_array();
    for (size_t i = 0; i < n.norgs; i++)
        json_array_append_new(orgs, json_pack("{s:s,s:s,s:b}", "code", n.orgs[i].code, "name",
                                              model_provider_name(r, &n, n.orgs[i].code),
                                              "selected", provider && strcmp(provider, n.orgs[i].code) == 0));
    json_object_set_new(m, "organizations", orgs);
    json_object_set_new(m, "themes", model_choices(r, "theme", theme, false));
    json_object_set_new(m, "statuses", model_fixed_choices(r, offer_statuses, model_assist_status_name, status));
    json_object_set_new(m, "kinds", model_fixed_choices(r, assistance_kinds, model_assist_kind_name, kind));
    if (authz_allowed(r->user, ACT_ASSIST_OFFER, NULL) && !r->api) {
        json_t *form = model_assist_form(r, &n);
        json_object_set_new(form, "ask_provider", json_boolean(r->user->role != ROLE_PROVIDER));
        json_object_set_new(m, "form", form);
        json_object_set_new(m, "can_offer", json_true());
    }
    return RC_OK;
}

rc_t h_offer(web_req_t *r, json_t *m, err_t *e)
{
    long long id = web_id(r->args[0]);
    assist_names_t n;
    match_context_t c;
    if (!id)
        return not_found(r, e, web_tr(r, "There is no such assistance offer."));
    rc_t rc = fit_context(r, &c, &n, e);
    if (rc != RC_OK)
        return rc;
    size_t oj = 0;
    while (oj < c.noff && c.off[oj].id != id)
        oj++;
    if (oj == c.noff)
        return not_found(r, e, web_tr(r, "There is no such assistance offer."));
    const assistance_offer_t *o = &c.off[oj];
    const char *provider = match_provider(o);
    json_object_set_new(m, "offer", model_offer(r, &n, o));
    size_t nf, unused;
    const fit_t *f = fits_of(r, &c, oj, false, &nf, &unused);
    fits_json(r, &n, &c, f, nf, false, m, "fitting_requests", "requests_fitting");
    bool mine = authz_allowed(r->user, ACT_ASSIST_OFFER, NULL) &&
                authz_acts_for_provider(r->user, provider);
    json_object_set_new(m, "can_close", json_boolean(mine && strcmp(o->status, "open") == 0));
    json_object_set_new(m, "can_reopen", json_boolean(mine && strcmp(o->status, "closed") == 0));
    if (sees_proposals(r, NULL, provider)) {
        json_t *ps;
        if ((rc = proposals_json(r, &n, NULL, o, &ps, e)) != RC_OK)
            return rc;
        json_object_set_new(m, "proposals", ps);
        r->no_cache = true;
    }
    return RC_OK;
}

rc_t h_offer_add(web_req_t *r, json_t *m, err_t *e)
{
    assistance_offer_t offer = {0}, *o = &offer;
    const char *title, *description, *languages, *items, *themes;
    const char *kinds = web_param_list(r, "kinds"), *regions = web_param_list(r, "regions"),
               *cap = web_param(r, "capacity");
    rc_t rc = read_texts(r, &title, &description, &languages, &items, &themes, o->start, o->end,
                         e);
    if (rc != RC_OK)
        return rc;
    if (!kinds || !regions)
        return web_fail_field(r, e, 422, RC_INPUT, !kinds ? "kinds" : "regions",
                              "Items, themes and languages must be lists of codes.");
    long long capacity = cap && strcmp(cap, "0") == 0 ? 0 : web_id(cap);
    if (!cap || (capacity == 0 && strcmp(cap, "0") != 0) || capacity > 1000000)
        return web_fail_field(r, e, 422, RC_INPUT, "capacity",
                              "The capacity is a whole number from 0 to 1000000.");
    if (!*kinds)
        return web_fail_field(r, e, 422, RC_INPUT, "kinds", "Choose the kind of assistance.");
    o->kinds = (char *)kinds, o->items = (char *)items, o->themes = (char *)themes;
    o->title = (char *)title, o->description = (char *)description;
    o->regions = (char *)regions, o->languages = (char *)languages;
    o->capacity = (int)capacity;
    app_t app;
    web_app_of(r, &app);
    if ((rc = app_assist_offer_add(&app, web_param(r, "provider"), o, e)) != RC_OK)
        return invalid(r, rc);
    assist_names_t n;
    if ((rc = model_assist_names(r, &n, e)) != RC_OK)
        return rc;
    json_object_set_new(m, "offer", model_offer(r, &n, o));
    r->status = 201;
    r->redirect = arena_alloc(&r->arena, 64);
    snprintf(r->redirect, 64, "assistance/offers/%lld?msg=offer-added", o->id);
    return RC_OK;
}

rc_t h_offer_close(web_req_t *r, json_t *m, err_t *e)
{
    long long id = web_id(r->args[0]);
    if (!id)
        return not_found(r, e, web_tr(r, "There is no such assistance offer."));
    return status_step(r, m, AW_OFFER_CLOSE, id, e);
}

rc_t h_offer_reopen(web_req_t *r, json_t *m, err_t *e)
{
    long long id = web_id(r->args[0]);
    if (!id)
        return not_found(r, e, web_tr(r, "There is no such assistance offer."));
    return status_step(r, m, AW_OFFER_REOPEN, id, e);
}
