/*
 * Demo proposal history: the real matcher (src/match/propose.c) run in rounds
 * on fixed past dates, as the Group of Experts would have run it, and the
 * providers' and states' answers that followed, so that the review's time to
 * a match and unmet requests have something to show. Each round sees only
 * what existed on its date: requests submitted by then, offers whose period
 * has begun, the proposals and declines of earlier rounds. Every proposal,
 * answer and delivery is written through the store, so its rules and
 * triggers (capacity, one live proposal per request, declined pairs, the
 * workflow) hold as for any other caller. Answers come from a random stream
 * seeded by the proposal id: the same history on every run. Invented, like
 * the rest of the demo.
 */
#include "demo.h"

#include <string.h>

#include "../match/propose.h"
#include "../util/date.h"
#include "demo_rng.h"

/* Rounds six months apart: every answer comes within 90 days, so a decline
 * is known before the next round reconsiders its request. */
static const char *const demo_rounds[] = {"2024-03-15", "2024-09-15", "2025-03-15",
                                          "2025-09-15", "2026-03-15", "2026-08-15"};
enum { DEMO_ROUNDS = sizeof demo_rounds / sizeof *demo_rounds };
/* Nothing happens after this day (the demo's requests stop before it too). */
#define DEMO_LAST_DAY "2026-11-01"

/* ---- what existed on a round's date ------------------------------------------------ */

/* The statuses as loaded, which the rounds mask and restore. */
typedef struct {
    char **req_status, **off_status;
} demo_truth_t;

/* Makes the context show the round's date: requests submitted later and
 * offers not yet begun (or ended) are not open. Only the in-memory context
 * changes; the store keeps the real statuses. */
static void demo_mask(match_context_t *c, const demo_truth_t *t, const char *day)
{
    for (size_t i = 0; i < c->nreq; i++)
        c->req[i].status = strcmp(c->req[i].submitted, day) <= 0 ? t->req_status[i] : "later";
    for (size_t j = 0; j < c->noff; j++) {
        const assistance_offer_t *o = &c->off[j];
        bool begun = (!o->start[0] || strcmp(o->start, day) <= 0) &&
                     (!o->end[0] || strcmp(o->end, day) >= 0);
        c->off[j].status = begun ? t->off_status[j] : "later";
    }
}

/* Adds the round's proposals to the context, so that the next round sees
 * them live (or declined) as the store does. Returns the first new index. */
static size_t demo_remember(match_context_t *c, const match_result_t *res, const char *day,
                            arena_t *a)
{
    assistance_proposal_t *all = arena_alloc(a, (c->nprop + res->n + 1) * sizeof *all);
    if (c->nprop)
        memcpy(all, c->prop, c->nprop * sizeof *all);
    size_t first = c->nprop;
    for (size_t k = 0; k < res->n; k++)
        all[c->nprop++] = match_proposal_row(c, &res->p[k], day);
    c->prop = all;
    return first;
}

/* ---- answers ------------------------------------------------------------------------- */

/* One step of a proposal's workflow on a date, through the core rule and the
 * store, as `r1540 assistance proposal accept|decline|deliver` records it. */
static rc_t demo_step(store_t *st, assistance_proposal_t *p, int who, bool accept, const char *date,
                      err_t *e)
{
    const char *event = "delivered";
    rc_t rc = who < 0 ? assistance_proposal_deliver(p, e)
                      : assistance_proposal_answer(p, who == 0, accept, &event, e);
    assistance_event_t ev = {.proposal_id = p->id, .event = (char *)event, .note = ""};
    memcpy(ev.date, date, 11);
    if (rc == RC_OK && (rc = store_proposal_update(st, p, e)) == RC_OK)
        rc = store_event_append(st, &ev, e);
    return rc;
}

/* The date `days` after from, or "" if that is after DEMO_LAST_DAY. */
static void demo_after(const char *from, int days, char out[11])
{
    date_from_days(date_days(from) + days, out);
    if (strcmp(out, DEMO_LAST_DAY) > 0)
        out[0] = '\0';
}

/* Who answers how: about 6 in 10 proposals are accepted by both sides (and
 * most of those delivered some months later), 2 in 10 declined by one side,
 * the rest still wait for one or both answers. Provider answers first (0)
 * or the state (1), each within 90 days. */
static rc_t demo_answer(store_t *st, assistance_proposal_t *p, err_t *e)
{
    demo_rng_t r = {0x1540ULL * 0x100000001b3ULL ^ (unsigned long long)p->id};
    int roll = demo_rng_int(&r, 0, 99), first = demo_rng_int(&r, 0, 1);
    char d1[11], d2[11], d3[11];
    demo_after(p->created, demo_rng_int(&r, 5, 45), d1);
    demo_after(d1, demo_rng_int(&r, 2, 40), d2);
    demo_after(d2, demo_rng_int(&r, 60, 300), d3);
    rc_t rc = RC_OK;
    if (roll < 10 || !d1[0]) /* no answer yet */
        return RC_OK;
    if (roll < 22) /* the first to answer declines */
        return demo_step(st, p, first, false, d1, e);
    if ((rc = demo_step(st, p, first, true, d1, e)) != RC_OK || !d2[0] || roll < 30)
        return rc; /* the other side has not answered (yet) */
    if ((rc = demo_step(st, p, !first, roll >= 38, d2, e)) != RC_OK || roll < 38)
        return rc; /* 30..37: the other side declines */
    if (roll < 75 && d3[0])
        rc = demo_step(st, p, -1, true, d3, e);
    return rc;
}

/* One round on `day`: match what existed then, record it, then the answers. */
static rc_t demo_round(store_t *st, match_context_t *c, const demo_truth_t *t, const char *day,
                       arena_t *a, err_t *e)
{
    demo_mask(c, t, day);
    match_result_t res;
    match_run_opts_t o = {.region = NULL, .dry_run = false, .today = day};
    rc_t rc = match_run(st, c, &o, a, &res, e);
    if (rc != RC_OK)
        return rc;
    size_t first = demo_remember(c, &res, day, a);
    for (size_t k = 0; k < res.n && rc == RC_OK; k++) {
        assistance_proposal_t *p = &c->prop[first + k];
        rc = demo_answer(st, p, e);
        if (strcmp(p->status, "declined") == 0) /* never proposed again, as the store says */
            c->declined[res.p[k].req * c->noff + res.p[k].off] = 1;
    }
    return rc;
}

rc_t demo_proposals_generate(store_t *st, const char *data_dir, arena_t *a, err_t *e)
{
    match_context_t c;
    rc_t rc = match_context_load(st, data_dir, a, &c, e);
    if (rc != RC_OK)
        return rc;
    demo_truth_t t = {arena_alloc(a, (c.nreq + 1) * sizeof(char *)),
                      arena_alloc(a, (c.noff + 1) * sizeof(char *))};
    for (size_t i = 0; i < c.nreq; i++)
        t.req_status[i] = c.req[i].status;
    for (size_t j = 0; j < c.noff; j++)
        t.off_status[j] = c.off[j].status;
    for (size_t k = 0; k < DEMO_ROUNDS && rc == RC_OK; k++)
        rc = demo_round(st, &c, &t, demo_rounds[k], a, e);
    if (rc != RC_OK)
        err_prefix(e, "demo proposals: ");
    return rc;
}
