/*
 * The assistance part of the SQLite backend (sqlite_assistance.c): its
 * operations, listed in store_sqlite_backend through SQLITE_ASSISTANCE_BACKEND.
 * What it shares with sqlite.c comes from sqlite_private.h.
 */
#ifndef R1540_STORE_SQLITE_ASSISTANCE_H
#define R1540_STORE_SQLITE_ASSISTANCE_H

#include <sqlite3.h>

#include "sqlite_private.h"
#include "store.h"

rc_t sqlite_org_put(void *h, const organization_t *o, err_t *e);
rc_t sqlite_org_list(void *h, arena_t *a, organization_t **out, size_t *n, err_t *e);
rc_t sqlite_request_insert(void *h, assistance_request_t *r, err_t *e);
rc_t sqlite_request_get(void *h, long long id, arena_t *a, assistance_request_t *out, err_t *e);
rc_t sqlite_request_list(void *h, const char *state, arena_t *a, assistance_request_t **out,
                         size_t *n, err_t *e);
rc_t sqlite_offer_insert(void *h, assistance_offer_t *o, err_t *e);
rc_t sqlite_offer_get(void *h, long long id, arena_t *a, assistance_offer_t *out, err_t *e);
rc_t sqlite_offer_list(void *h, arena_t *a, assistance_offer_t **out, size_t *n, err_t *e);
rc_t sqlite_proposal_insert(void *h, assistance_proposal_t *p, err_t *e);
rc_t sqlite_proposal_get(void *h, long long id, arena_t *a, assistance_proposal_t *out, err_t *e);
rc_t sqlite_proposal_list(void *h, long long request_id, arena_t *a, assistance_proposal_t **out,
                          size_t *n, err_t *e);
rc_t sqlite_proposal_update(void *h, const assistance_proposal_t *p, err_t *e);
rc_t sqlite_event_append(void *h, assistance_event_t *ev, err_t *e);
rc_t sqlite_event_list(void *h, long long proposal_id, arena_t *a, assistance_event_t **out,
                       size_t *n, err_t *e);
rc_t sqlite_assistance_need(void *h, bool published_only, arena_t *a, assistance_need_t **out,
                            size_t *n, err_t *e);
rc_t sqlite_request_set_status(void *h, long long id, const char *status, err_t *e);
rc_t sqlite_offer_set_status(void *h, long long id, const char *status, err_t *e);

#define SQLITE_ASSISTANCE_BACKEND                                                                  \
    .org_put = sqlite_org_put, .org_list = sqlite_org_list,                                        \
    .request_insert = sqlite_request_insert, .request_get = sqlite_request_get,                    \
    .request_list = sqlite_request_list, .offer_insert = sqlite_offer_insert,                      \
    .offer_get = sqlite_offer_get, .offer_list = sqlite_offer_list,                                \
    .proposal_insert = sqlite_proposal_insert, .proposal_get = sqlite_proposal_get,                \
    .proposal_list = sqlite_proposal_list, .proposal_update = sqlite_proposal_update,              \
    .event_append = sqlite_event_append, .event_list = sqlite_event_list,                          \
    .assistance_need = sqlite_assistance_need, .request_set_status = sqlite_request_set_status,    \
    .offer_set_status = sqlite_offer_set_status

#endif
