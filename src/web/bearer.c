/*
 * Bearer tokens (bearer.h). The lookup is by the token's SHA-256 (an indexed
 * read, as for sessions: app_token.c says why a fast hash is enough), so a
 * wrong token costs the same as a right one and is never compared in C.
 */
#include "bearer.h"

#include <string.h>
#include <strings.h>

#include "../util/date.h"
#include "../util/secret.h"

rc_t bearer_resolve(web_req_t *r, const char *authorization, err_t *e)
{
    if (strncasecmp(authorization, "Bearer ", 7) != 0)
        return RC_DENIED;
    const char *text = authorization + 7;
    while (*text == ' ')
        text++;
    if (!token_syntax_ok(text))
        return RC_DENIED;
    char hash[SECRET_HEX_LEN + 1];
    secret_sha256_hex(text, TOKEN_TEXT_LEN, hash);
    api_token_t *t = arena_alloc(&r->arena, sizeof *t);
    user_t *u = arena_alloc(&r->arena, sizeof *u);
    err_t le = {0};
    /* the token and its user in one read (one round trip on PostgreSQL) */
    rc_t rc = store_token_user_get(r->st, hash, &r->arena, t, u, &le);
    if (rc == RC_NOTFOUND)
        return RC_DENIED;
    if (rc != RC_OK) {
        *e = le;
        return rc;
    }
    char today[11];
    date_today(today);
    if (!token_live(t, today) || u->disabled)
        return RC_DENIED;
    r->user = u;
    r->token = t;
    r->no_cache = true;
    return RC_OK;
}
