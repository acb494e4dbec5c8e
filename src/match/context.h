/*
 * What the matching works on, loaded once from the store: the open and past
 * requests, offers and proposals, the requesting states and their needs, the
 * template, the weights, and which pairs were declined before. Proposing
 * (propose.h) and explaining (explain.h) both read it; nothing here writes.
 */
#ifndef R1540_MATCH_CONTEXT_H
#define R1540_MATCH_CONTEXT_H

#include "../store/store.h"
#include "score.h"

/* Everything the score needs, loaded once. */
typedef struct {
    match_weights_t w;
    assistance_request_t *req;
    size_t nreq;
    assistance_offer_t *off;
    size_t noff;
    assistance_proposal_t *prop;
    size_t nprop;
    state_t *states; /* by alpha-3 */
    size_t nstates;
    assistance_need_t *need; /* by alpha-3, parallel to states */
    template_item_t *tmpl;   /* current template, by id */
    size_t ntmpl;
    match_request_t *mreq;   /* views, parallel to req */
    match_offer_t *moff;     /* parallel to off */
    unsigned char *declined; /* nreq * noff: 1 where the pair was declined once */
} match_context_t;           /* arena-owned */

/* Loads the context; weights from data_dir/match/weights.conf. */
rc_t match_context_load(store_t *st, const char *data_dir, arena_t *a, match_context_t *c,
                        err_t *e);
/* The same for scores the public sees (a request's or an offer's page): a
 * state's coverage is that of its latest *published* matrix, since an
 * approved version is not public until it is published. */
rc_t match_context_load_public(store_t *st, const char *data_dir, arena_t *a, match_context_t *c,
                               err_t *e);
/* The score of offer index oi for request index ri; 0 for a pair declined once
 * (it is never proposed again, so it fits no more). */
int match_context_score(const match_context_t *c, size_t ri, size_t oi, match_explain_t *ex);
/* Whether a proposal status holds its offer's capacity: proposed, accepted, delivered. */
bool match_proposal_live(const char *status);
/* The provider of an offer: its state code or organization code. */
const char *match_provider(const assistance_offer_t *o);

#endif
