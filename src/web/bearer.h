/*
 * API tokens on the web side: `Authorization: Bearer TOKEN` on /api/v1/
 * calls (never on pages). A valid token makes the request its user's, with
 * the token's scope (core/token.h); no cookie is involved, so no CSRF token
 * is needed either.
 */
#ifndef R1540_WEB_BEARER_H
#define R1540_WEB_BEARER_H

#include "request.h"

/* Resolves an Authorization header. RC_OK with r->user and r->token set for
 * a live token of an enabled user; RC_DENIED for anything else (another
 * scheme, a malformed, unknown, expired or revoked token, a disabled user:
 * one answer for all, so that nothing tells them apart); RC_DB if the store
 * fails. */
rc_t bearer_resolve(web_req_t *r, const char *authorization, err_t *e);

#endif
