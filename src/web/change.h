/*
 * A change made through the web: the change and its audit-log entry in one
 * transaction, all or nothing, after which cached public pages are stale.
 */
#ifndef R1540_WEB_CHANGE_H
#define R1540_WEB_CHANGE_H

#include "../app/app.h"
#include "request.h"

/* The application context of this request (src/app/app.h): the signed-in
 * user as the actor, audited as "web:NAME", the request's arena and language;
 * every committed change marks the cached public pages stale. */
void web_app_of(web_req_t *r, app_t *out);

typedef rc_t (*web_change_fn)(web_req_t *r, void *arg, err_t *e);

/* Runs fn(r, arg) and appends the audit entry (the signed-in user, action,
 * object, detail) in one transaction; on failure rolls both back. A refusal
 * by the store (RC_REFUSED) answers 409 unless the handler chose a status. */
rc_t web_change(web_req_t *r, web_change_fn fn, void *arg, const char *action,
                const char *object, const char *detail, err_t *e);

#endif
