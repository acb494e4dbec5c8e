/*
 * Administration: users (add, disable, enable); the audit log is h_audit.c.
 */
#include <stdio.h>
#include <stdlib.h>

#include "../app/app_user.h"
#include "change.h"
#include "handlers.h"
#include "../util/collate.h"
#include "model.h"
#include "refcache.h"
#include "session.h"
#include "web.h"

static json_t *user_json(web_req_t *r, const user_t *u)
{
    return json_pack("{s:s,s:s,s:s,s:s,s:s,s:b,s:s}", "name", u->name, "role",
                     role_name(u->role), "role_name", model_role_name(r, u->role),
                     "state", u->state ? u->state : "", "org", u->org ? u->org : "",
                     "disabled", u->disabled, "created", u->created ? u->created : "");
}

static int option_name_cmp(const void *a, const void *b, void *lang)
{
    const char *na = json_string_value(json_object_get(*(json_t *const *)a, "name"));
    const char *nb = json_string_value(json_object_get(*(json_t *const *)b, "name"));
    return collate_cmp(*(lang_t *)lang, na, nb);
}

/* The states to pick a point of contact's from: by name in the page's
 * language, as a person looks for them (not by alpha-3 code). */
static rc_t state_options(web_req_t *r, json_t **out, err_t *e)
{
    const state_t *s;
    size_t n;
    rc_t rc = web_ref_states(r, &s, &n, e);
    if (rc != RC_OK)
        return rc;
    json_t **rows = arena_alloc(&r->arena, (n + 1) * sizeof *rows);
    for (size_t i = 0; i < n; i++)
        rows[i] = json_pack("{s:s,s:s}", "code", s[i].alpha3, "name", model_state_name(r, &s[i]));
    qsort_r(rows, n, sizeof *rows, option_name_cmp, &r->lang);
    *out = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(*out, rows[i]);
    return RC_OK;
}

rc_t h_users(web_req_t *r, json_t *m, err_t *e)
{
    user_t *u;
    size_t n;
    rc_t rc = store_user_list(r->st, &r->arena, &u, &n, e);
    if (rc != RC_OK)
        return rc;
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(a, user_json(r, &u[i]));
    json_object_set_new(m, "users", a);
    json_t *roles = json_array();
    for (int i = 0; i < ROLE_COUNT; i++)
        json_array_append_new(roles, json_pack("{s:s,s:s}", "code", role_name((role_t)i), "name",
                                               model_role_name(r, (role_t)i)));
    json_object_set_new(m, "roles", roles);
    json_t *states;
    if ((rc = state_options(r, &states, e)) != RC_OK)
        return rc;
    json_object_set_new(m, "states", states);
    return RC_OK;
}

rc_t h_user_add(web_req_t *r, json_t *m, err_t *e)
{
    app_t a;
    user_t u;
    bool taken = false;
    app_user_in_t in = {.name = web_param(r, "name"), .role = web_param(r, "role"),
                        .state = web_param(r, "state"), .org = web_param(r, "org"),
                        .password = web_param(r, "password")};
    web_app_of(r, &a);
    rc_t rc = app_user_add(&a, &in, &u, &taken, e);
    if (rc == RC_NOTFOUND)
        r->status = 422; /* an unknown state is a bad field here */
    if (rc == RC_INPUT && taken)
        r->status = 409; /* the name is taken */
    if (rc != RC_OK)
        return rc;
    json_object_set_new(m, "user", user_json(r, &u));
    r->status = 201;
    r->redirect = "users?msg=user-added";
    return RC_OK;
}

/* An administrator sets a user's password (and so ends their sessions). */
rc_t h_user_password(web_req_t *r, json_t *m, err_t *e)
{
    app_t a;
    web_app_of(r, &a);
    rc_t rc = app_user_passwd(&a, r->args[0], web_param(r, "password"), e);
    if (rc != RC_OK)
        return rc;
    json_object_set_new(m, "user", json_pack("{s:s}", "name", r->args[0]));
    r->redirect = "users?msg=user-password";
    return RC_OK;
}

static rc_t user_enable(web_req_t *r, json_t *m, bool disable, err_t *e)
{
    app_t a;
    user_t u;
    web_app_of(r, &a);
    rc_t rc = app_user_set_disabled(&a, r->args[0], disable, &u, e);
    if (rc != RC_OK)
        return rc;
    json_object_set_new(m, "user", user_json(r, &u));
    r->redirect = disable ? "users?msg=user-disabled" : "users?msg=user-enabled";
    return RC_OK;
}

rc_t h_user_disable(web_req_t *r, json_t *m, err_t *e) { return user_enable(r, m, true, e); }
rc_t h_user_enable(web_req_t *r, json_t *m, err_t *e) { return user_enable(r, m, false, e); }
