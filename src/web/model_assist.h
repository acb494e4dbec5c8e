/*
 * Assistance records as JSON for pages and the API, in the request's
 * language: requests, offers, proposals and their history, with the names of
 * states, organizations, kinds, themes and statuses filled in.
 */
#ifndef R1540_WEB_MODEL_ASSIST_H
#define R1540_WEB_MODEL_ASSIST_H

#include <jansson.h>

#include "../match/propose.h"
#include "request.h"

/* The names a page needs: the thread's reference data (refcache.h), valid
 * for the request. */
typedef struct {
    const state_t *states; /* by alpha-3 */
    size_t nstates;
    const organization_t *orgs; /* by code */
    size_t norgs;
    const template_item_t *items; /* the current template, by id: item labels and themes */
    size_t nitems;
} assist_names_t;

rc_t model_assist_names(web_req_t *r, assist_names_t *n, err_t *e);
/* The same names taken from a loaded matching context (its states and
 * template), so that a page that loads one reads them once. */
rc_t model_assist_names_of(web_req_t *r, const match_context_t *c, assist_names_t *n, err_t *e);
/* A state of the names, or NULL. */
const state_t *model_assist_state(const assist_names_t *n, const char *alpha3);
/* The choices of a NULL-ended list of codes named by name(), the current one selected. */
json_t *model_fixed_choices(web_req_t *r, const char *const *codes,
                            const char *(*name)(web_req_t *, const char *), const char *current);
/* A record's themes: those it lists and those its items carry, as the
 * matching sees them (match_themes_of), comma-separated. */
const char *model_assist_themes(web_req_t *r, const assist_names_t *n, const char *themes,
                                const char *items);

/* Names in the request's language; the code itself when unknown. */
const char *model_assist_kind_name(web_req_t *r, const char *kind);
const char *model_assist_status_name(web_req_t *r, const char *status);
const char *model_assist_state_name(web_req_t *r, const assist_names_t *n, const char *alpha3);
/* A provider: a state or an organization of the registry. */
const char *model_provider_name(web_req_t *r, const assist_names_t *n, const char *provider);

/* A comma-separated list as [{code, name}], names from vocab kind (NULL:
 * assistance kinds; "" none). */
json_t *model_code_list(web_req_t *r, const char *list, const char *vocab);
/* Template item ids as [{code, name}], named by their labels. */
json_t *model_item_list(web_req_t *r, const assist_names_t *n, const char *items);

json_t *model_request(web_req_t *r, const assist_names_t *n, const assistance_request_t *q);
json_t *model_offer(web_req_t *r, const assist_names_t *n, const assistance_offer_t *o);
/* A proposal with its request's and offer's titles and parties when they
 * are given (may be NULL), and its history when ev is not NULL. */
json_t *model_proposal(web_req_t *r, const assist_names_t *n, const assistance_proposal_t *p,
                       const assistance_request_t *q, const assistance_offer_t *o,
                       const assistance_event_t *ev, size_t nev);
/* The same without the history and the score's factors (reading back and
 * translating each factor is most of a proposal's cost), for a page that
 * lists proposals without showing why. */
json_t *model_proposal_brief(web_req_t *r, const assist_names_t *n, const assistance_proposal_t *p,
                             const assistance_request_t *q, const assistance_offer_t *o);
/* The factors of a score, each with its name, detail and points. */
json_t *model_factors(web_req_t *r, const match_explain_t *ex);

/* What the request and offer forms offer to choose: the current template's
 * items, the kinds, themes, top-level regions and the six languages. */
json_t *model_assist_form(web_req_t *r, const assist_names_t *n);

#endif
