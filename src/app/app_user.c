/*
 * User operations (app_user.h).
 */
#include "app_user.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "../util/buf.h"
#include "../util/json_out.h"
#include "../util/password.h"

/* Checks and hashes a clear-text password before any transaction opens
 * (Argon2id takes a while; no lock is held meanwhile). */
static rc_t password_arg(app_t *a, const char *pw, char hash[crypto_pwhash_STRBYTES], err_t *e)
{
    const char *problem = pw ? password_problem(pw) : "a password is required";
    /* the page shows its own sentence by the field; the CLI keeps the detail */
    if (problem)
        return err_field(e, RC_INPUT, "password", "A password has 12 to 1024 characters.",
                         "%s: %s", app_tr(a, "Password"), problem);
    return password_hash(pw, hash, e);
}

static const char *user_object(app_t *a, const char *name)
{
    size_t n = strlen(name) + 6;
    char *s = arena_alloc(a->arena, n);
    snprintf(s, n, "user:%s", name);
    return s;
}

/* The role, state and organization of a new user, as the store will take them. */
static rc_t user_fields(app_t *a, const app_user_in_t *in, user_t *u, err_t *e)
{
    int role = in->role ? role_parse(in->role) : -1;
    bool has_state = in->state && *in->state, has_org = in->org && *in->org;
    if (!in->name || !user_name_ok(in->name))
        return app_fail_field(a, e, RC_INPUT, "name",
                              "A user name is 1 to 64 letters, digits and . _ @ -");
    if (role < 0)
        return app_fail_field(a, e, RC_INPUT, "role", "Choose a role.");
    if ((role == ROLE_POC) != has_state)
        return app_fail_field(a, e, RC_INPUT, "state",
                              "A point of contact needs a state; other roles have none.");
    if (has_org && (role != ROLE_PROVIDER || !user_org_ok(in->org)))
        return app_fail_field(a, e, RC_INPUT, "org",
                              "Organization: a code of 1 to 32 of A-Z a-z 0-9 . _ -, "
                              "for providers only.");
    *u = (user_t){.name = (char *)in->name,
                  .role = (role_t)role,
                  .state = "",
                  .org = (char *)(has_org ? in->org : ""),
                  .created = ""};
    if (has_state) {
        state_t s;
        rc_t rc = app_state(a, in->state, &s, e);
        if (rc == RC_NOTFOUND)
            return app_fail_field(a, e, RC_NOTFOUND, "state", "There is no such state.");
        if (rc != RC_OK)
            return rc;
        u->state = arena_strdup(a->arena, s.alpha3);
    }
    return RC_OK;
}

rc_t app_user_add(app_t *a, const app_user_in_t *in, user_t *out, bool *taken, err_t *e)
{
    user_t u, old;
    char hash[crypto_pwhash_STRBYTES];
    rc_t rc = app_allow(a, ACT_USER_MANAGE, NULL, e);
    if (rc == RC_OK)
        rc = user_fields(a, in, &u, e);
    if (rc == RC_OK)
        rc = password_arg(a, in->password, hash, e);
    if (rc != RC_OK || (rc = app_begin(a, e)) != RC_OK)
        return rc;
    u.pw_hash = hash;
    /* Looked up in the transaction: the insert's refusal is then known to be
     * the taken name, whatever words the store gives it. */
    bool exists = store_user_get(a->st, u.name, a->arena, &old, NULL) == RC_OK;
    rc = store_user_insert(a->st, &u, e);
    if (taken)
        *taken = rc == RC_INPUT && exists;
    if (rc == RC_INPUT && exists)
        err_mark(e, "name", "This user name is already taken.");
    buf_t detail;
    buf_init(&detail, 0);
    buf_puts(&detail, "{");
    json_out_kv(&detail, 0, "role", role_name(u.role));
    json_out_kv(&detail, 1, "state", u.state);
    json_out_kv(&detail, 1, "org", u.org);
    buf_puts(&detail, "}");
    rc = app_finish(a, rc, "user.add", user_object(a, u.name), buf_str(&detail), e);
    buf_free(&detail);
    sodium_memzero(hash, sizeof hash);
    u.pw_hash = NULL;
    if (rc == RC_OK && out)
        *out = u;
    return rc;
}

/* Reads the user named, inside the transaction. */
static rc_t user_read(app_t *a, const char *name, user_t *u, err_t *e)
{
    rc_t rc =
        name && user_name_ok(name) ? store_user_get(a->st, name, a->arena, u, e) : RC_NOTFOUND;
    if (rc == RC_NOTFOUND)
        return app_fail(a, e, RC_NOTFOUND, "There is no user named '%s'.", name ? name : "");
    return rc;
}

rc_t app_user_passwd(app_t *a, const char *name, const char *password, err_t *e)
{
    user_t u;
    char hash[crypto_pwhash_STRBYTES];
    rc_t rc = app_allow(a, ACT_USER_MANAGE, NULL, e);
    if (rc == RC_OK && !(name && user_name_ok(name)))
        rc = app_fail(a, e, RC_NOTFOUND, "There is no user named '%s'.", name ? name : "");
    if (rc == RC_OK)
        rc = password_arg(a, password, hash, e);
    if (rc != RC_OK || (rc = app_begin(a, e)) != RC_OK)
        return rc;
    if ((rc = user_read(a, name, &u, e)) == RC_OK &&
        (rc = store_user_set_password(a->st, u.id, hash, e)) == RC_OK)
        rc = store_session_delete_user(a->st, u.id, e);
    sodium_memzero(hash, sizeof hash);
    return app_finish(a, rc, "user.passwd", user_object(a, name), "", e);
}

rc_t app_user_set_disabled(app_t *a, const char *name, bool disable, user_t *out, err_t *e)
{
    user_t u;
    rc_t rc = app_allow(a, ACT_USER_MANAGE, NULL, e);
    if (rc != RC_OK || (rc = app_begin(a, e)) != RC_OK)
        return rc;
    if ((rc = user_read(a, name, &u, e)) == RC_OK && disable && a->actor.user->id == u.id)
        rc = app_fail(a, e, RC_REFUSED, "You cannot disable yourself.");
    if (rc == RC_OK)
        rc = store_user_set_disabled(a->st, u.id, disable, e);
    if (rc == RC_OK && disable)
        rc = store_session_delete_user(a->st, u.id, e);
    rc = app_finish(a, rc, disable ? "user.disable" : "user.enable",
                    user_object(a, name ? name : ""), "", e);
    if (rc == RC_OK && out) {
        u.disabled = disable;
        u.pw_hash = NULL;
        *out = u;
    }
    return rc;
}
