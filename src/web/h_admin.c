/*
 * Administration: users (add, disable, enable) and the audit log.
 */
#include <stdio.h>

#include "../app/app_user.h"
#include "../core/audit.h"
#include "change.h"
#include "handlers.h"
#include "model.h"
#include "session.h"
#include "web.h"

static json_t *user_json(web_req_t *r, const user_t *u)
{
    return json_pack("{s:s,s:s,s:s,s:s,s:s,s:b,s:s}", "name", u->name, "role",
                     role_name(u->role), "role_name", model_role_name(r, u->role),
                     "state", u->state ? u->state : "", "org", u->org ? u->org : "",
                     "disabled", u->disabled, "created", u->created ? u->created : "");
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

rc_t h_audit(web_req_t *r, json_t *m, err_t *e)
{
    audit_entry_t last, *en;
    size_t n = 0;
    rc_t rc = store_audit_last(r->st, &r->arena, &last, e);
    if (rc == RC_NOTFOUND) {
        json_object_set_new(m, "entries", json_array());
        return RC_OK;
    }
    long long from = rc == RC_OK && last.seq > 200 ? last.seq - 199 : 1;
    if (rc == RC_OK)
        rc = store_audit_list(r->st, from, 200, &r->arena, &en, &n, e);
    if (rc != RC_OK)
        return rc;
    json_t *a = json_array();
    for (size_t i = n; i-- > 0;)
        json_array_append_new(a, json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:s}", "seq",
                                           (json_int_t)en[i].seq, "at", en[i].at, "actor",
                                           en[i].actor, "action", en[i].action, "object",
                                           en[i].object, "detail", en[i].detail, "hash",
                                           en[i].hash));
    json_object_set_new(m, "entries", a);
    return RC_OK;
}
