/*
 * Administration: users (add, disable, enable) and the audit log.
 */
#include <stdio.h>
#include <string.h>

#include "../core/audit.h"
#include "../util/password.h"
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

static rc_t user_insert(web_req_t *r, void *u, err_t *e)
{
    return store_user_insert(r->st, u, e);
}

/* Disabling a user also ends the user's sessions, in the same transaction. */
typedef struct {
    long long id;
    bool disable;
} user_switch_t;

static rc_t user_switch(web_req_t *r, void *arg, err_t *e)
{
    const user_switch_t *w = arg;
    rc_t rc = store_user_set_disabled(r->st, w->id, w->disable, e);
    if (rc == RC_OK && w->disable)
        rc = store_session_delete_user(r->st, w->id, e);
    return rc;
}

rc_t h_user_add(web_req_t *r, json_t *m, err_t *e)
{
    const char *name = web_param(r, "name"), *role = web_param(r, "role"),
               *state = web_param(r, "state"), *org = web_param(r, "org"),
               *pw = web_param(r, "password");
    int ro = role ? role_parse(role) : -1;
    if (!name || !user_name_ok(name))
        return web_fail(r, e, 422, RC_INPUT, "%s",
                        web_tr(r, "A user name is 1 to 64 letters, digits and . _ @ -"));
    if (ro < 0)
        return web_fail(r, e, 422, RC_INPUT, "%s", web_tr(r, "There is no such role."));
    state_t s;
    bool poc = ro == ROLE_POC;
    if (poc != (state && *state))
        return web_fail(r, e, 422, RC_INPUT, "%s",
                        web_tr(r, "A point of contact needs a state; other roles have none."));
    if (poc && model_state_arg(r, state, &s, e) != RC_OK)
        return web_fail(r, e, 422, RC_INPUT, "%s", web_tr(r, "There is no such state."));
    /* the same rule as `r1540 user add --org`: a provider's code such as IAEA */
    if (org && *org && (ro != ROLE_PROVIDER || !user_org_ok(org)))
        return web_fail(r, e, 422, RC_INPUT, "%s: %s", web_tr(r, "Organization (providers)"),
                        "a code of 1 to 32 of A-Z a-z 0-9 . _ -, for providers only");
    const char *problem = pw ? password_problem(pw) : "a password is required";
    if (problem)
        return web_fail(r, e, 422, RC_INPUT, "%s: %s", web_tr(r, "Password"), problem);
    char hash[crypto_pwhash_STRBYTES];
    rc_t rc = password_hash(pw, hash, e);
    if (rc != RC_OK)
        return rc;
    user_t u = {.name = (char *)name, .role = (role_t)ro, .state = poc ? s.alpha3 : "",
                .org = (char *)(org ? org : ""), .pw_hash = hash, .created = ""};
    char object[96];
    snprintf(object, sizeof object, "user:%s", name);
    rc = web_change(r, user_insert, &u, "user.add", object, "", e);
    if (rc == RC_INPUT)
        r->status = 409; /* the name is taken */
    if (rc != RC_OK)
        return rc;
    json_object_set_new(m, "user", user_json(r, &u));
    r->status = 201;
    r->redirect = "users?msg=user-added";
    return RC_OK;
}

static rc_t user_enable(web_req_t *r, json_t *m, bool disable, err_t *e)
{
    user_t u;
    rc_t rc = user_name_ok(r->args[0]) ? store_user_get(r->st, r->args[0], &r->arena, &u, e)
                                       : RC_NOTFOUND;
    if (rc == RC_NOTFOUND)
        return web_fail(r, e, 404, RC_NOTFOUND, "%s", web_tr(r, "There is no such user."));
    if (rc != RC_OK)
        return rc;
    if (u.id == r->user->id)
        return web_fail(r, e, 409, RC_REFUSED, "%s", web_tr(r, "You cannot disable yourself."));
    char object[96];
    snprintf(object, sizeof object, "user:%s", u.name);
    user_switch_t w = {u.id, disable};
    if ((rc = web_change(r, user_switch, &w, disable ? "user.disable" : "user.enable", object,
                         "", e)) != RC_OK)
        return rc;
    u.disabled = disable;
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
