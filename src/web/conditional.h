/*
 * Conditional requests and caching headers for public reads: the ETag and
 * Last-Modified an anonymous GET gets, whether its If-None-Match or
 * If-Modified-Since lets it be answered 304, and the Cache-Control each call
 * gets. The validators come from the server's data generation (server.c),
 * not from the answer's bytes, so a 304 is decided before the handler runs
 * (docs/api.md, "Caching").
 */
#ifndef R1540_WEB_CONDITIONAL_H
#define R1540_WEB_CONDITIONAL_H

#include <stdbool.h>

#include "request.h"

/* The weak ETag (W/"32 hex digits") of a public read of url (as the router
 * sees it) at data generation `generation`, in the request's language and
 * today's date; in r's arena. */
const char *web_etag(web_req_t *r, const char *url, long long generation);

/* Whether a request with these If-None-Match and If-Modified-Since headers
 * (either NULL) already holds the answer whose validators are etag and
 * changed_at (Unix seconds of the last data change; 0 unknown). If-None-Match
 * decides when present (weak comparison, "*" and lists too); If-Modified-Since
 * only without it. now is the current Unix time. */
bool web_not_modified(const char *if_none_match, const char *if_modified_since,
                      const char *etag, long long changed_at, long long now);

/* The Last-Modified time to send for a change at changed_at, or 0 for none:
 * none while the change's second is still the current one (a later change in
 * the same second would carry the same time, and a client holding the older
 * answer would be told it is current). */
long long web_last_modified(long long changed_at, long long now);

/* An HTTP date (RFC 9110 IMF-fixdate) of Unix time t, in r's arena. */
const char *web_http_date(web_req_t *r, long long t);

/* The Cache-Control of a public read of the route with this pattern. */
const char *web_cache_control(const char *pattern);

#endif
