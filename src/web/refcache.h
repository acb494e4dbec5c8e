/*
 * The reference data that nearly every page reads - the states (with their
 * LDC/LLDC/SIDS flags of today), the organizations, a template version's
 * items, the vocabularies and a few meta values - and the lists the
 * workspace reads whole on every view (the matrix versions, the assistance
 * proposals, requests and offers), kept per worker thread
 * and read again from the store only when the data generation or the date
 * has moved since. Reading them per request took most of a signed-in page's
 * time (the state list alone walks every membership period for each state);
 * on PostgreSQL the workspace's lists were most of its database time.
 *
 * The records live in the thread's cache, not in the request's arena: they
 * stay valid until the thread's next request begins (web_ref_begin), so a
 * handler may keep pointers to them for the request but never beyond it.
 * Everything returned is read-only.
 */
#ifndef R1540_WEB_REFCACHE_H
#define R1540_WEB_REFCACHE_H

#include "web.h"

/* Called by the router at the start of each request, after the data
 * generation was checked: fixes the generation and date this request's
 * lookups are answered for (a change made during the request shows from
 * the next one on, and nothing is freed under the request's feet). */
void web_ref_begin(void);

/* All states, by alpha-3 (as store_state_list gives them). */
rc_t web_ref_states(web_req_t *r, const state_t **out, size_t *n, err_t *e);
/* One state by alpha-2 or alpha-3 code, any case, copied into *out (its
 * names stay the cache's); RC_NOTFOUND if none. */
rc_t web_ref_state(web_req_t *r, const char *code, state_t *out, err_t *e);
/* All organizations, as store_org_list gives them. */
rc_t web_ref_orgs(web_req_t *r, const organization_t **out, size_t *n, err_t *e);
/* A template version's items in display order (by_id false) or sorted by
 * id (by_id true, for bsearch). */
rc_t web_ref_items(web_req_t *r, int version, bool by_id, const template_item_t **out,
                   size_t *n, err_t *e);
/* One vocabulary kind's entries, as store_vocab_list gives them. */
rc_t web_ref_vocab(web_req_t *r, const char *kind, const vocab_t **out, size_t *n, err_t *e);
/* Every matrix version, by state and number (store_version_list with no
 * state): the workspace lists them on each view. */
rc_t web_ref_versions(web_req_t *r, const matrix_version_t **out, size_t *n, err_t *e);
/* The state's answer to a version (*out NULL when none yet), from every
 * answer read at once: the Committee's workspace asks for each version sent. */
rc_t web_ref_review(web_req_t *r, long long version_id, const matrix_review_t **out, err_t *e);
/* Every assistance proposal, request and offer, each by id (as the store
 * lists them): the workspace's inbox and the proposals page join them whole
 * on each view, before choosing what the user may see. */
typedef struct {
    const assistance_proposal_t *p;
    size_t np;
    const assistance_request_t *q;
    size_t nq;
    const assistance_offer_t *o;
    size_t no;
} web_assist_lists_t;
rc_t web_ref_assist(web_req_t *r, web_assist_lists_t *out, err_t *e);
/* A meta value, or NULL when the key is not set (or cannot be read). */
const char *web_ref_meta(web_req_t *r, const char *key);

/* A record's model row (a JSON object built by model_*.c from a public
 * record and the request's language only, never from who asks), kept for
 * the thread's next requests: a borrowed reference, or NULL if none is kept.
 * The caller must not change it. kind is a constant naming the model
 * ("request"). */
json_t *web_ref_row(const char *kind, long long id, lang_t lang);
/* Keeps row (a new reference is taken) as the model of kind/id in lang. */
void web_ref_row_keep(const char *kind, long long id, lang_t lang, json_t *row);
/* The same for a matrix version's model (model_matrix: hundreds of entries),
 * of which a thread keeps only the last few it built, to bound its memory. */
json_t *web_ref_matrix(long long version_id, lang_t lang);
void web_ref_matrix_keep(long long version_id, lang_t lang, json_t *matrix);

#endif
