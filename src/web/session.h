/*
 * Signing in and out, and who is asking. A session token is 32 bytes from
 * libsodium's CSPRNG, sent as an HttpOnly, SameSite=Strict cookie; the store
 * keeps only its SHA-256, so a copy of the database signs no one in. Sessions
 * end after SESSION_IDLE seconds without a request or SESSION_MAX seconds in
 * all. Each session has its own CSRF token that every form and state-changing
 * API call must send back. Failed sign-ins are throttled by signin.c
 * (account and real client address; HTTP 429 past the limits).
 */
#ifndef R1540_WEB_SESSION_H
#define R1540_WEB_SESSION_H

#include "request.h"

#define SESSION_IDLE (30 * 60)
#define SESSION_MAX (12 * 60 * 60)

/* Sets r->user and r->session from the Cookie header when it names a live
 * session of an enabled user; leaves them NULL otherwise (and asks the
 * browser to drop a dead cookie). Fails only when the store does. */
rc_t session_resolve(web_req_t *r, const char *cookie_header, err_t *e);
/* The translated text of a fixed message key passed as ?msg= after a change. */
const char *session_flash_text(web_req_t *r, const char *key);
/* The audit log's name for who acts: "web:NAME". */
const char *session_actor(web_req_t *r);

#endif
