/*
 * Password resets (app_reset.h).
 */
#include "app_reset.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "../util/password.h"
#include "../util/secret.h"

/* The stored form of a token: hex SHA-256. False for a token that is not 64
 * lowercase hex digits (nothing is looked up for it). */
static bool token_hash(const char *token, char out[SECRET_HEX_LEN + 1])
{
    if (!secret_hex_ok(token))
        return false;
    secret_sha256_hex(token, SECRET_HEX_LEN, out);
    return true;
}

static const char *user_object(app_t *a, const char *name)
{
    size_t n = strlen(name) + 6;
    char *s = arena_alloc(a->arena, n);
    snprintf(s, n, "user:%s", name);
    return s;
}

rc_t app_reset_issue(app_t *a, const char *name, long long now, char *token, err_t *e)
{
    user_t u;
    char hash[SECRET_HEX_LEN + 1];
    rc_t rc = app_allow(a, ACT_USER_MANAGE, NULL, e);
    if (rc != RC_OK || (rc = app_begin(a, e)) != RC_OK)
        return rc;
    rc = name && user_name_ok(name) ? store_user_get(a->st, name, a->arena, &u, e) : RC_NOTFOUND;
    if (rc == RC_NOTFOUND)
        rc = app_fail(a, e, RC_NOTFOUND, "There is no user named '%s'.", name ? name : "");
    else if (rc == RC_OK && u.disabled)
        rc = app_fail(a, e, RC_REFUSED, "This account is disabled: enable it first.");
    if (rc == RC_OK) {
        secret_random_hex(token);
        token_hash(token, hash);
        rc = store_reset_insert(a->st, u.id, hash, now, now + APP_RESET_TTL, e);
    }
    rc = app_finish(a, rc, "user.reset-issue", user_object(a, name ? name : ""), "", e);
    if (rc != RC_OK && token)
        sodium_memzero(token, APP_RESET_TOKEN_LEN + 1);
    return rc;
}

/* The reset of a token, if usable at now, and its user. */
static rc_t reset_read(app_t *a, const char *token, long long now, char hash[SECRET_HEX_LEN + 1],
                       user_t *u, err_t *e)
{
    password_reset_t pr;
    rc_t rc = token_hash(token, hash) ? store_reset_get(a->st, hash, &pr, e) : RC_NOTFOUND;
    if (rc == RC_NOTFOUND)
        return app_fail(a, e, RC_NOTFOUND, "This password reset link is not valid.");
    if (rc != RC_OK)
        return rc;
    if (pr.used)
        return app_fail(a, e, RC_REFUSED, "This password reset link was already used.");
    if (now >= pr.expires)
        return app_fail(a, e, RC_REFUSED, "This password reset link has expired.");
    rc = store_user_get_id(a->st, pr.user_id, a->arena, u, e);
    if (rc == RC_OK && u->disabled)
        return app_fail(a, e, RC_REFUSED, "This account is disabled: enable it first.");
    return rc;
}

rc_t app_reset_check(app_t *a, const char *token, long long now, const char **name, err_t *e)
{
    char hash[SECRET_HEX_LEN + 1];
    user_t u;
    rc_t rc = reset_read(a, token, now, hash, &u, e);
    if (rc == RC_OK)
        *name = u.name;
    return rc;
}

rc_t app_reset_use(app_t *a, const char *token, const char *password, long long now,
                   const char **name, err_t *e)
{
    char hash[SECRET_HEX_LEN + 1], pw[crypto_pwhash_STRBYTES];
    user_t u;
    const char *problem = password ? password_problem(password) : "a password is required";
    if (problem)
        return err_field(e, RC_INPUT, "password", "A password has 12 to 1024 characters.",
                         "%s: %s", app_tr(a, "Password"), problem);
    /* hashed before the transaction: Argon2id takes a while, no lock meanwhile */
    rc_t rc = password_hash(password, pw, e);
    if (rc != RC_OK || (rc = app_begin(a, e)) != RC_OK)
        return rc;
    if ((rc = reset_read(a, token, now, hash, &u, e)) == RC_OK &&
        (rc = store_reset_use(a->st, hash, e)) == RC_OK &&
        (rc = store_user_set_password(a->st, u.id, pw, e)) == RC_OK)
        rc = store_session_delete_user(a->st, u.id, e);
    sodium_memzero(pw, sizeof pw);
    app_actor_t was = a->actor;
    if (rc == RC_OK) { /* the user acts, through the link: the log says so */
        size_t n = strlen(u.name) + 24;
        char *actor = arena_alloc(a->arena, n);
        snprintf(actor, n, "web:%s (reset link)", u.name);
        a->actor.name = actor;
    }
    rc = app_finish(a, rc, "user.reset-password", rc == RC_OK ? user_object(a, u.name) : "", "",
                    e);
    a->actor = was;
    if (rc == RC_OK && name)
        *name = u.name;
    return rc;
}
