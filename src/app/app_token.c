/*
 * API token operations (app_token.h).
 *
 * Why SHA-256 and not Argon2 for the stored hash: a token is 32 random bytes
 * from libsodium, not a password a person chose, so nobody can guess it
 * from a dictionary and a slow hash would only make every API call slow; a
 * fast hash is as good as the token's entropy (the sessions' tokens are kept
 * the same way). The hash is also what the lookup is by, so the token never
 * needs comparing in C.
 */
#include "app_token.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "../util/date.h"
#include "../util/secret.h"
#include "../util/text.h"

/* Whose tokens: the actor's own need only a session; anyone else's the
 * user-management permission. */
static rc_t token_owner(app_t *a, const char *name, user_t *u, err_t *e)
{
    /* the actor's own record was read for this request already (the web's
     * session or token, the CLI's --as): not read again. Not the system
     * user, who is no row of the table (id 0). */
    const user_t *me = a->actor.user;
    if (me && me->id > 0 && strcmp(me->name, name) == 0) {
        *u = *me;
        return app_allow(a, ACT_WORKSPACE, NULL, e);
    }
    rc_t rc = store_user_get(a->st, name, a->arena, u, e);
    if (rc == RC_NOTFOUND)
        return app_fail(a, e, RC_NOTFOUND, "There is no such user.");
    if (rc != RC_OK)
        return rc;
    bool own = a->actor.user && a->actor.user->id == u->id;
    return app_allow(a, own ? ACT_WORKSPACE : ACT_USER_MANAGE, NULL, e);
}

static rc_t token_input(app_t *a, const char *scope, const char *expires, const char *label,
                        err_t *e)
{
    char today[11];
    date_today(today);
    if (scope && token_scope_parse(scope) < 0)
        return app_fail(a, e, RC_INPUT, "scope: read or write is expected.");
    if (expires && *expires && (!date_valid(expires) || strcmp(expires, today) < 0))
        return app_fail(a, e, RC_INPUT, "expires: a date YYYY-MM-DD, not in the past, is expected.");
    if (label && !text_single_line_ok(label, TOKEN_LABEL_MAX))
        return app_fail(a, e, RC_INPUT,
                        "label: at most 100 bytes of text on one line is expected.");
    return RC_OK;
}

rc_t app_token_add(app_t *a, const char *user, const char *scope, const char *expires,
                   const char *label, char text[TOKEN_TEXT_LEN + 1], api_token_t *out,
                   err_t *e)
{
    user_t u;
    rc_t rc = token_input(a, scope, expires, label, e);
    if (rc == RC_OK)
        rc = token_owner(a, user ? user : "", &u, e);
    if (rc != RC_OK || (rc = app_begin(a, e)) != RC_OK)
        return rc;
    memcpy(text, TOKEN_PREFIX, 6);
    secret_random_hex(text + 6);
    char *hash = arena_alloc(a->arena, SECRET_HEX_LEN + 1);
    secret_sha256_hex(text, TOKEN_TEXT_LEN, hash);
    api_token_t t = {.user_id = u.id, .user_name = u.name,
                     .scope = scope ? (token_scope_t)token_scope_parse(scope) : TOKEN_READ,
                     .label = (char *)(label ? label : ""), .token_hash = hash,
                     .expires = (char *)(expires ? expires : "")};
    rc = store_token_insert(a->st, &t, e);
    char object[32], detail[160];
    snprintf(object, sizeof object, "token:%lld", t.id);
    snprintf(detail, sizeof detail, "user=%s scope=%s expires=%s", u.name,
             token_scope_name(t.scope), *t.expires ? t.expires : "never");
    rc = app_finish(a, rc, "token.add", object, detail, e);
    if (rc != RC_OK)
        sodium_memzero(text, TOKEN_TEXT_LEN + 1);
    else if (out) {
        char today[11];
        date_today(today);
        t.created = arena_strdup(a->arena, today);
        t.revoked = "";
        t.token_hash = NULL;
        *out = t;
    }
    return rc;
}

rc_t app_token_list(app_t *a, const char *user, api_token_t **out, size_t *n, err_t *e)
{
    user_t u = {0};
    rc_t rc = user ? token_owner(a, user, &u, e) : app_allow(a, ACT_USER_MANAGE, NULL, e);
    if (rc == RC_OK)
        rc = store_token_list(a->st, user ? u.id : 0, a->arena, out, n, e);
    for (size_t i = 0; rc == RC_OK && i < *n; i++)
        (*out)[i].token_hash = NULL;
    return rc;
}

rc_t app_token_revoke(app_t *a, long long id, err_t *e)
{
    rc_t rc = app_begin(a, e);
    if (rc != RC_OK)
        return rc;
    api_token_t *all;
    size_t n;
    const api_token_t *t = NULL;
    rc = store_token_list(a->st, 0, a->arena, &all, &n, e);
    for (size_t i = 0; rc == RC_OK && i < n; i++)
        if (all[i].id == id)
            t = &all[i];
    bool own = t && a->actor.user && a->actor.user->id == t->user_id;
    /* another's token is "not found" to someone who may not manage users */
    if (rc == RC_OK && (!t || *t->revoked ||
                        (!own && !authz_allowed(a->actor.user, ACT_USER_MANAGE, NULL))))
        rc = app_fail(a, e, RC_NOTFOUND, "There is no such token.");
    char today[11];
    date_today(today);
    if (rc == RC_OK)
        rc = store_token_revoke(a->st, id, today, e);
    char object[32];
    snprintf(object, sizeof object, "token:%lld", id);
    return app_finish(a, rc, "token.revoke", object, t ? t->user_name : "", e);
}
