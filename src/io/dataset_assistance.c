/*
 * Assistance records in datasets (see dataset.h): loading them for export and
 * writing imported ones, checked like every other import: codes against the
 * store (assistance_codes.h, core/assistance_check.h), references and workflow by the store's own
 * constraints and triggers, and an existing id only if nothing differs.
 */
#include <stdio.h>
#include <string.h>

#include "../core/fields.h"
#include "../util/date.h"
#include "../util/text.h"
#include "assistance_codes.h"
#include "dataset.h"

/* ---- load ---------------------------------------------------------------------- */

static bool has_id(const long long *ids, size_t n, long long id)
{
    for (size_t i = 0; i < n; i++)
        if (ids[i] == id)
            return true;
    return false;
}

static rc_t load_requests_offers(store_t *st, const char *state, arena_t *a, dataset_t *out,
                                 err_t *e)
{
    assistance_request_t *rs;
    assistance_offer_t *os;
    size_t nr, no;
    rc_t rc = store_request_list(st, state, a, &rs, &nr, e);
    if (rc != RC_OK || (rc = store_offer_list(st, a, &os, &no, e)) != RC_OK)
        return rc;
    out->requests = arena_alloc(a, (nr + 1) * sizeof *out->requests);
    for (size_t i = 0; i < nr; i++)
        out->requests[out->nrequests++].r = rs[i];
    out->offers = arena_alloc(a, (no + 1) * sizeof *out->offers);
    for (size_t i = 0; i < no; i++)
        if (!state || strcmp(os[i].provider_state, state) == 0)
            out->offers[out->noffers++].o = os[i];
    return RC_OK;
}

rc_t dataset_load_assistance(store_t *st, const char *state, arena_t *a, dataset_t *out, err_t *e)
{
    assistance_proposal_t *ps;
    assistance_event_t *ev;
    size_t np, nev;
    rc_t rc = load_requests_offers(st, state, a, out, e);
    if (rc != RC_OK || (rc = store_proposal_list(st, 0, a, &ps, &np, e)) != RC_OK ||
        (rc = store_event_list(st, 0, a, &ev, &nev, e)) != RC_OK)
        return rc;
    long long *req_ids = arena_alloc(a, (out->nrequests + 1) * sizeof *req_ids);
    long long *off_ids = arena_alloc(a, (out->noffers + 1) * sizeof *off_ids);
    for (size_t i = 0; i < out->nrequests; i++)
        req_ids[i] = out->requests[i].r.id;
    for (size_t i = 0; i < out->noffers; i++)
        off_ids[i] = out->offers[i].o.id;
    out->proposals = arena_alloc(a, (np + 1) * sizeof *out->proposals);
    size_t k = 0; /* events are ordered by proposal then seq, as proposals are by id */
    for (size_t i = 0; i < np; i++) {
        while (k < nev && ev[k].proposal_id < ps[i].id)
            k++;
        size_t first = k;
        while (k < nev && ev[k].proposal_id == ps[i].id)
            k++;
        if (state && (!has_id(req_ids, out->nrequests, ps[i].request_id) ||
                      !has_id(off_ids, out->noffers, ps[i].offer_id)))
            continue;
        ds_proposal_t *dp = &out->proposals[out->nproposals++];
        dp->p = ps[i];
        dp->events = ev + first;
        dp->nevents = k - first;
    }
    return RC_OK;
}

/* ---- apply --------------------------------------------------------------------- */

static rc_t fail_at(err_t *e, const char *where, rc_t rc)
{
    if (where)
        err_prefix(e, "%s: ", where);
    return rc;
}

static bool same(const char *x, const char *y)
{
    return strcmp(x ? x : "", y ? y : "") == 0;
}

/* Same content, field for field as the tables list them (ids aside). */
static bool request_same(const assistance_request_t *x, const assistance_request_t *y)
{
    return fields_same(&request_fields, x, y);
}

static bool offer_same(const assistance_offer_t *x, const assistance_offer_t *y)
{
    return fields_same(&offer_fields, x, y);
}

static bool one_of(const char *s, const char *const *set)
{
    for (; *set; set++)
        if (same(s, *set))
            return true;
    return false;
}

static rc_t apply_requests(store_t *st, const dataset_t *ds, const assistance_codes_t *codes,
                           arena_t *a, err_t *e)
{
    static const char *const statuses[] = {"open", "matched", "delivered", "withdrawn", NULL};
    for (size_t i = 0; i < ds->nrequests; i++) {
        const ds_request_t *d = &ds->requests[i];
        assistance_request_t old, copy = d->r;
        rc_t rc = assistance_request_check(codes, &d->r, e);
        if (rc == RC_OK && !one_of(d->r.status, statuses))
            rc = err_set(e, RC_INPUT, "status: must be open, matched, delivered or withdrawn");
        if (rc == RC_OK && store_request_get(st, d->r.id, a, &old, NULL) == RC_OK)
            rc = request_same(&old, &d->r)
                     ? RC_OK
                     : err_set(e, RC_INPUT, "request %lld already exists with other content",
                               d->r.id);
        else if (rc == RC_OK)
            rc = store_request_insert(st, &copy, e);
        if (rc != RC_OK)
            return fail_at(e, d->where, rc);
    }
    return RC_OK;
}

static rc_t apply_offers(store_t *st, const dataset_t *ds, const assistance_codes_t *codes,
                         arena_t *a, err_t *e)
{
    static const char *const statuses[] = {"open", "closed", NULL};
    for (size_t i = 0; i < ds->noffers; i++) {
        const ds_offer_t *d = &ds->offers[i];
        assistance_offer_t old, copy = d->o;
        rc_t rc = assistance_offer_check(codes, &d->o, e);
        if (rc == RC_OK && !one_of(d->o.status, statuses))
            rc = err_set(e, RC_INPUT, "status: must be open or closed");
        if (rc == RC_OK && store_offer_get(st, d->o.id, a, &old, NULL) == RC_OK)
            rc =
                offer_same(&old, &d->o)
                    ? RC_OK
                    : err_set(e, RC_INPUT, "offer %lld already exists with other content", d->o.id);
        else if (rc == RC_OK)
            rc = store_offer_insert(st, &copy, e);
        if (rc != RC_OK)
            return fail_at(e, d->where, rc);
    }
    return RC_OK;
}

static rc_t proposal_check(const ds_proposal_t *d, err_t *e)
{
    static const char *const statuses[] = {"proposed", "accepted", "declined", "delivered", NULL};
    static const char *const answers[] = {"", "accepted", "declined", NULL};
    static const char *const events[] = {"proposed",
                                         "provider-accepted",
                                         "provider-declined",
                                         "state-accepted",
                                         "state-declined",
                                         "delivered",
                                         NULL};
    const assistance_proposal_t *p = &d->p;
    if (!one_of(p->status, statuses))
        return err_set(e, RC_INPUT, "status: must be proposed, accepted, declined or delivered");
    if (!one_of(p->provider_answer, answers) || !one_of(p->state_answer, answers))
        return err_set(e, RC_INPUT, "provider_answer, state_answer: \"\", accepted or declined");
    if (p->score <= 0)
        return err_set(e, RC_INPUT, "score: must be positive");
    if (!date_valid(p->created))
        return err_set(e, RC_INPUT, "created: '%s' is not a date", p->created);
    if (!text_multi_line_ok(p->explanation, 16384) || !text_single_line_ok(p->batch, 64))
        return err_set(e, RC_INPUT, "explanation or batch: not text, or too long");
    for (size_t k = 0; k < d->nevents; k++) {
        const assistance_event_t *ev = &d->events[k];
        if (ev->seq != (int)k + 1 || !date_valid(ev->date) || !one_of(ev->event, events) ||
            !text_multi_line_ok(ev->note, ASSIST_TEXT_MAX))
            return err_set(e, RC_INPUT,
                           "history[%zu]: seq %zu, a date, a known event and a note "
                           "of at most %d bytes",
                           k, k + 1, ASSIST_TEXT_MAX);
    }
    return RC_OK;
}

static bool proposal_same(store_t *st, const assistance_proposal_t *old, const ds_proposal_t *d,
                          arena_t *a)
{
    const assistance_proposal_t *p = &d->p;
    assistance_event_t *ev;
    size_t n;
    if (!fields_same(&proposal_fields, old, p) ||
        store_event_list(st, old->id, a, &ev, &n, NULL) != RC_OK || n != d->nevents)
        return false;
    for (size_t k = 0; k < n; k++)
        if (!fields_same(&proposal_event_fields, &ev[k], &d->events[k]))
            return false;
    return true;
}

static rc_t proposal_insert(store_t *st, const ds_proposal_t *d, err_t *e)
{
    assistance_proposal_t copy = d->p;
    rc_t rc = store_proposal_insert(st, &copy, e);
    for (size_t k = 0; k < d->nevents && rc == RC_OK; k++) {
        assistance_event_t ev = d->events[k];
        ev.proposal_id = copy.id;
        rc = store_event_append(st, &ev, e);
    }
    return rc;
}

static rc_t apply_proposals(store_t *st, const dataset_t *ds, arena_t *a, err_t *e)
{
    for (size_t i = 0; i < ds->nproposals; i++) {
        const ds_proposal_t *d = &ds->proposals[i];
        assistance_proposal_t old;
        rc_t rc = proposal_check(d, e);
        if (rc == RC_OK && store_proposal_get(st, d->p.id, a, &old, NULL) == RC_OK)
            rc = proposal_same(st, &old, d, a)
                     ? RC_OK
                     : err_set(e, RC_INPUT, "proposal %lld already exists with other content",
                               d->p.id);
        else if (rc == RC_OK)
            rc = proposal_insert(st, d, e);
        if (rc != RC_OK)
            return fail_at(e, d->where, rc);
    }
    return RC_OK;
}

rc_t dataset_apply_assistance(store_t *st, const dataset_t *ds, arena_t *a, err_t *e)
{
    if (!ds->nrequests && !ds->noffers && !ds->nproposals)
        return RC_OK;
    assistance_codes_t codes;
    rc_t rc = assistance_codes_load(st, a, &codes, e);
    if (rc == RC_OK)
        rc = apply_requests(st, ds, &codes, a, e);
    if (rc == RC_OK)
        rc = apply_offers(st, ds, &codes, a, e);
    return rc == RC_OK ? apply_proposals(st, ds, a, e) : rc;
}
