/*
 * A change made through the web is an operation of src/app/ (app.h): the
 * change and its audit-log entry in one transaction, all or nothing, after
 * which cached public pages are stale. This builds its context.
 */
#ifndef R1540_WEB_CHANGE_H
#define R1540_WEB_CHANGE_H

#include "../app/app.h"
#include "request.h"

/* The application context of this request (src/app/app.h): the signed-in
 * user as the actor, audited as "web:NAME", the request's arena and language;
 * every committed change marks the cached public pages stale. */
void web_app_of(web_req_t *r, app_t *out);

#endif
