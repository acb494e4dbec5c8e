/*
 * Per-request explanations of the optimum (explain.h). The cost is one extra
 * exact solve per unit that did not get its best-scoring offer with room;
 * each such solve is the instance without that unit and with one unit less
 * of the offer's capacity, so it is never larger than the run's own solve.
 */
#include "explain.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

long long match_forced_total(const match_instance_t *in, size_t k)
{
    int u = in->req[k], j = in->off[k];
    match_instance_t sub;
    match_instance_init(&sub, in->nreq, in->noff, in->npairs);
    memcpy(sub.cap, in->cap, (size_t)in->noff * sizeof *sub.cap);
    sub.cap[j]--; /* the forced pair takes one unit */
    size_t n = 0;
    for (size_t p = 0; p < in->npairs; p++)
        if (in->req[p] != u) {
            sub.req[n] = in->req[p];
            sub.off[n] = in->off[p];
            sub.score[n++] = in->score[p];
        }
    sub.npairs = n;
    match_assignment_t sol;
    match_solve(&sub, MATCH_METHOD_SPARSE, &sol);
    long long total = sol.total + in->score[k];
    match_assignment_free(&sol);
    match_instance_free(&sub);
    return total;
}

/* The unit's best-scoring candidate pair on another offer than the one it
 * got, scoring more than what it got; npairs if there is none. Ties go to
 * the lower offer index, so the explanation is deterministic. */
static size_t better_pair(const match_instance_t *in, const match_assignment_t *sol, int u)
{
    int got = sol->pair_of[u] >= 0 ? in->score[sol->pair_of[u]] : 0;
    size_t best = in->npairs;
    for (size_t k = 0; k < in->npairs; k++) {
        if (in->req[k] != u || in->off[k] == sol->offer_of[u] || in->score[k] <= got)
            continue;
        if (best == in->npairs || in->score[k] > in->score[best] ||
            (in->score[k] == in->score[best] && in->off[k] < in->off[best]))
            best = k;
    }
    return best;
}

/* Fills the alternative of w from pair k: who holds the offer and the loss. */
static void fill_alt(const match_context_t *c, const match_unit_t *units,
                     const match_instance_t *in, const match_assignment_t *sol, size_t k,
                     arena_t *a, match_why_t *w)
{
    int j = in->off[k];
    size_t n = 0;
    for (int v = 0; v < in->nreq; v++)
        if (sol->offer_of[v] == j)
            n += units[v].n;
    w->has_alt = true;
    w->alt_offer = (size_t)j;
    w->alt_score = in->score[k];
    w->alt_total = match_forced_total(in, k);
    w->alt_loss = sol->total - w->alt_total;
    w->holders = arena_alloc(a, (n + 1) * sizeof *w->holders);
    for (int v = 0; v < in->nreq; v++)
        for (size_t m = 0; sol->offer_of[v] == j && m < units[v].n; m++) {
            size_t q = units[v].members[m];
            w->holders[w->nholders++] =
                (match_holder_t){q, match_context_score(c, q, (size_t)j, NULL)};
        }
}

/* Best score first, then offer order. */
static int cmp_offer_score(const void *pa, const void *pb)
{
    const match_offer_score_t *x = pa, *y = pb;
    if (x->score != y->score)
        return x->score < y->score ? 1 : -1;
    return (x->offer > y->offer) - (x->offer < y->offer);
}

/* Declined and full offers of request i: what fits it but cannot be proposed. */
static void blocked_offers(const match_context_t *c, const int *remaining, size_t i, arena_t *a,
                           match_why_t *w, bool *fits_with_room)
{
    w->declined = arena_alloc(a, (c->noff + 1) * sizeof *w->declined);
    w->full = arena_alloc(a, (c->noff + 1) * sizeof *w->full);
    for (size_t j = 0; j < c->noff; j++) {
        if (strcmp(c->off[j].status, "open") != 0)
            continue;
        int s;
        if (c->declined[i * c->noff + j]) {
            s = match_score(&c->w, &c->mreq[i], &c->moff[j], NULL);
            if (s > 0)
                w->declined[w->ndeclined++] = (match_offer_score_t){j, s};
        } else if ((s = match_context_score(c, i, j, NULL)) > 0) {
            if (remaining[j] > 0)
                *fits_with_room = true;
            else
                w->full[w->nfull++] = (match_offer_score_t){j, s};
        }
    }
    qsort(w->declined, w->ndeclined, sizeof *w->declined, cmp_offer_score);
    qsort(w->full, w->nfull, sizeof *w->full, cmp_offer_score);
}

/* Why a unit without a candidate pair got nothing. */
static match_why_kind_t why_none(const match_unit_t *u, bool fits_with_room, size_t nfull,
                                 size_t ndeclined)
{
    if (u->n > 1 && fits_with_room)
        return MATCH_WHY_BATCH;
    if (nfull)
        return MATCH_WHY_FULL;
    return ndeclined ? MATCH_WHY_DECLINED : MATCH_WHY_NO_FIT;
}

size_t match_explain_units(const match_context_t *c, const int *remaining,
                           const match_unit_t *units, size_t nunits, const match_instance_t *in,
                           const match_assignment_t *sol, arena_t *a, match_why_t **out)
{
    size_t n = 0, at = 0;
    for (size_t u = 0; u < nunits; u++)
        n += units[u].n;
    *out = arena_alloc(a, (n + 1) * sizeof **out);
    bool *has_pair = arena_alloc(a, nunits + 1);
    for (size_t k = 0; k < in->npairs; k++)
        has_pair[in->req[k]] = true;
    for (size_t u = 0; u < nunits; u++) {
        size_t k = better_pair(in, sol, (int)u);
        size_t first = at;
        bool fits_with_room = false;
        size_t nfull = 0, ndeclined = 0;
        for (size_t m = 0; m < units[u].n; m++) {
            match_why_t *w = &(*out)[at++];
            w->req = units[u].members[m];
            w->offer = sol->offer_of[u] >= 0 ? (size_t)sol->offer_of[u] : SIZE_MAX;
            blocked_offers(c, remaining, w->req, a, w, &fits_with_room);
            nfull += w->nfull;
            ndeclined += w->ndeclined;
        }
        match_why_t alt = {0};
        if (k < in->npairs)
            fill_alt(c, units, in, sol, k, a, &alt);
        for (size_t m = first; m < at; m++) {
            match_why_t *w = &(*out)[m];
            w->kind = sol->offer_of[u] >= 0 ? MATCH_WHY_PROPOSED
                      : has_pair[u]         ? MATCH_WHY_OUTBID
                                            : why_none(&units[u], fits_with_room, nfull, ndeclined);
            w->has_alt = alt.has_alt;
            w->alt_offer = alt.alt_offer;
            w->alt_score = alt.alt_score;
            w->alt_total = alt.alt_total;
            w->alt_loss = alt.alt_loss;
            w->holders = alt.holders;
            w->nholders = alt.nholders;
        }
    }
    return n;
}

const char *match_why_key(match_why_kind_t k)
{
    static const char *const keys[] = {"proposed", "no-fit", "declined", "full",
                                       "batch",    "outbid", "left-out"};
    return (size_t)k < sizeof keys / sizeof *keys ? keys[k] : "";
}

#define TEXT_NAMED_MAX 5 /* holders named before "and N more" */

static void text_holders(const match_context_t *c, const match_why_t *w, buf_t *b)
{
    const assistance_offer_t *o = &c->off[w->alt_offer];
    buf_printf(b, "offer %lld (%s) would score %d but goes to", o->id, match_provider(o),
               match_context_score(c, w->req, w->alt_offer, NULL));
    for (size_t h = 0; h < w->nholders && h < TEXT_NAMED_MAX; h++) {
        const assistance_request_t *q = &c->req[w->holders[h].req];
        buf_printf(b, "%s request %lld (%s, %d)", h ? "," : "", q->id, q->state,
                   w->holders[h].score);
    }
    if (w->nholders > TEXT_NAMED_MAX)
        buf_printf(b, " and %zu more", w->nholders - TEXT_NAMED_MAX);
    buf_printf(b, "; giving it to this request lowers the total by %lld", w->alt_loss);
}

/* The live proposals that fill offer j: "proposals 12 (KEN), 14 (UGA)". */
static void text_filled_by(const match_context_t *c, size_t j, buf_t *b)
{
    size_t n = 0;
    for (size_t k = 0; k < c->nprop; k++) {
        const assistance_proposal_t *p = &c->prop[k];
        if (p->offer_id != c->off[j].id || !match_proposal_live(p->status))
            continue;
        if (n++ >= TEXT_NAMED_MAX)
            continue;
        const char *state = "";
        for (size_t i = 0; i < c->nreq && !*state; i++)
            if (c->req[i].id == p->request_id)
                state = c->req[i].state;
        buf_printf(b, "%s %lld (%s)", n > 1 ? "," : " proposal(s)", p->id, state);
    }
    if (n > TEXT_NAMED_MAX)
        buf_printf(b, " and %zu more", n - TEXT_NAMED_MAX);
}

/* The best-scoring offer that earlier proposals fill, if it scores above
 * `got`, and how many more such offers there are. */
static void text_full_above(const match_context_t *c, const match_why_t *w, int got, buf_t *b)
{
    if (!w->nfull || w->full[0].score <= got)
        return;
    const assistance_offer_t *o = &c->off[w->full[0].offer];
    buf_printf(b, "offer %lld (%s) would score %d but earlier", o->id, match_provider(o),
               w->full[0].score);
    text_filled_by(c, w->full[0].offer, b);
    buf_puts(b, " fill it");
    size_t more = 0;
    for (size_t k = 1; k < w->nfull; k++)
        more += w->full[k].score > got;
    if (more)
        buf_printf(b, " (%zu more better-scoring offer%s full too)", more,
                   more == 1 ? " is" : "s are");
}

void match_why_text(const match_context_t *c, const match_why_t *w, buf_t *b)
{
    int got = w->offer != SIZE_MAX ? match_context_score(c, w->req, w->offer, NULL) : 0;
    switch (w->kind) {
    case MATCH_WHY_PROPOSED:
    case MATCH_WHY_OUTBID:
        if (w->has_alt)
            text_holders(c, w, b);
        if (w->nfull && w->full[0].score > got) {
            buf_puts(b, w->has_alt ? "; " : "");
            text_full_above(c, w, got, b);
        } else if (!w->has_alt)
            buf_puts(b, "it has the best-scoring offer that fits it");
        break;
    case MATCH_WHY_NO_FIT:
        buf_puts(b, "no open offer fits it");
        break;
    case MATCH_WHY_DECLINED:
        buf_puts(b, "the offers that fit it were declined before:");
        for (size_t k = 0; k < w->ndeclined; k++)
            buf_printf(b, "%s offer %lld (%d)", k ? "," : "", c->off[w->declined[k].offer].id,
                       w->declined[k].score);
        break;
    case MATCH_WHY_FULL:
        buf_puts(b, "the offers that fit it are full: ");
        text_full_above(c, w, 0, b);
        break;
    case MATCH_WHY_BATCH:
        buf_puts(b, "no offer with room fits every request of its regional batch");
        break;
    case MATCH_WHY_LEFT_OUT:
        buf_puts(b, "proposed, but not picked for recording");
        break;
    }
}
