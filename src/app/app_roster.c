/*
 * Roster and attendance operations (app_roster.h). Each re-reads the entry
 * inside its transaction and asks the permission table about the stored
 * entry's state, so an id of another state's entry gets nowhere whatever
 * state the caller names.
 */
#include "app_roster.h"

#include <stdio.h>

#include "../util/buf.h"
#include "../util/json_out.h"

/* Ends an operation on entry id of state with its audit entry. */
static rc_t finish(app_t *a, rc_t rc, const char *action, long long id, const char *state,
                   const char *user, err_t *e)
{
    char object[40];
    snprintf(object, sizeof object, "contact:%lld", id);
    buf_t d;
    buf_init(&d, 0);
    buf_putc(&d, '{');
    json_out_kv(&d, 0, "state", state);
    if (user)
        json_out_kv(&d, 1, "user", user);
    buf_putc(&d, '}');
    rc = app_finish(a, rc, action, object, buf_str(&d), e);
    buf_free(&d);
    return rc;
}

/* Reads entry id and checks act on its state. */
static rc_t entry_for(app_t *a, authz_action_t act, long long id, contact_t *out, err_t *e)
{
    rc_t rc = store_contact_get(a->st, id, a->arena, out, e);
    if (rc == RC_NOTFOUND)
        return app_fail(a, e, RC_NOTFOUND, "There is no such point of contact.");
    return rc == RC_OK ? app_allow(a, act, out->state, e) : rc;
}

rc_t app_contact_list(app_t *a, const char *state, contact_t **out, size_t *n, err_t *e)
{
    rc_t rc = app_allow(a, ACT_ROSTER_READ, state, e);
    return rc == RC_OK ? store_contact_list(a->st, state, a->arena, out, n, e) : rc;
}

rc_t app_contact_get(app_t *a, long long id, contact_t *out, err_t *e)
{
    return entry_for(a, ACT_ROSTER_READ, id, out, e);
}

rc_t app_contact_add(app_t *a, contact_t *c, err_t *e)
{
    rc_t rc = app_allow(a, ACT_ROSTER_EDIT, c->state, e);
    if (rc == RC_OK)
        rc = contact_validate(c, e);
    if (rc != RC_OK || (rc = app_begin(a, e)) != RC_OK)
        return rc;
    c->user_id = 0;
    c->id = 0;
    rc = store_contact_insert(a->st, c, e);
    return finish(a, rc, "contact.add", c->id, c->state, NULL, e);
}

rc_t app_contact_update(app_t *a, contact_t *c, err_t *e)
{
    rc_t rc = contact_validate(c, e);
    if (rc != RC_OK || (rc = app_begin(a, e)) != RC_OK)
        return rc;
    contact_t old;
    rc = entry_for(a, ACT_ROSTER_EDIT, c->id, &old, e);
    if (rc == RC_OK) {
        snprintf(c->state, sizeof c->state, "%s", old.state);
        rc = store_contact_update(a->st, c, e);
    }
    return finish(a, rc, "contact.update", c->id, c->state, NULL, e);
}

rc_t app_contact_remove(app_t *a, long long id, err_t *e)
{
    rc_t rc = app_begin(a, e);
    if (rc != RC_OK)
        return rc;
    contact_t old = {0};
    rc = entry_for(a, ACT_ROSTER_EDIT, id, &old, e);
    if (rc == RC_OK)
        rc = store_contact_delete(a->st, id, e);
    return finish(a, rc, "contact.remove", id, old.state, NULL, e);
}

rc_t app_contact_link(app_t *a, long long id, const char *user_name, err_t *e)
{
    rc_t rc = app_allow(a, ACT_ROSTER_LINK, NULL, e);
    if (rc != RC_OK || (rc = app_begin(a, e)) != RC_OK)
        return rc;
    contact_t old = {0};
    user_t u = {0};
    bool link = user_name && *user_name;
    rc = entry_for(a, ACT_ROSTER_LINK, id, &old, e);
    if (rc == RC_OK && link && (rc = store_user_get(a->st, user_name, a->arena, &u, e)) ==
                                   RC_NOTFOUND)
        rc = app_fail(a, e, RC_NOTFOUND, "There is no such user.");
    if (rc == RC_OK && (rc = store_contact_link(a->st, id, link ? u.id : 0, e)) == RC_REFUSED)
        rc = app_fail(a, e, RC_REFUSED,
                      "Only an account of a point of contact of the same state can be linked.");
    return finish(a, rc, "contact.link", id, old.state, link ? user_name : "", e);
}

rc_t app_attendance_set(app_t *a, long long event_id, long long contact_id, bool attended,
                        err_t *e)
{
    rc_t rc = app_allow(a, ACT_ATTENDANCE_RECORD, NULL, e);
    if (rc != RC_OK || (rc = app_begin(a, e)) != RC_OK)
        return rc;
    event_t ev;
    contact_t c = {0};
    rc = store_outreach_get(a->st, event_id, a->arena, &ev, e);
    if (rc == RC_NOTFOUND)
        rc = app_fail(a, e, RC_NOTFOUND, "There is no such event.");
    if (rc == RC_OK)
        rc = entry_for(a, ACT_ROSTER_READ, contact_id, &c, e);
    if (rc == RC_OK)
        rc = store_attendance_set(a->st, event_id, contact_id, attended, e);
    char object[40];
    snprintf(object, sizeof object, "event:%lld", event_id);
    buf_t d;
    buf_init(&d, 0);
    buf_putc(&d, '{');
    json_out_kll(&d, 0, "contact", contact_id);
    json_out_kv(&d, 1, "state", c.state);
    buf_printf(&d, ",\"attended\":%s}", attended ? "true" : "false");
    rc = app_finish(a, rc, "attendance.set", object, buf_str(&d), e);
    buf_free(&d);
    return rc;
}

rc_t app_attendance_list(app_t *a, long long event_id, contact_t **out, size_t *n, err_t *e)
{
    const user_t *u = a->actor.user;
    if (!authz_allowed(u, ACT_ROSTER_READ, u && u->state && *u->state ? u->state : NULL))
        return app_allow(a, ACT_ROSTER_READ, NULL, e); /* refused, with its message */
    event_t ev;
    rc_t rc = store_outreach_get(a->st, event_id, a->arena, &ev, e);
    if (rc == RC_NOTFOUND)
        return app_fail(a, e, RC_NOTFOUND, "There is no such event.");
    if (rc != RC_OK || (rc = store_attendance_list(a->st, event_id, a->arena, out, n, e)) != RC_OK)
        return rc;
    size_t k = 0;
    for (size_t i = 0; i < *n; i++)
        if (authz_allowed(a->actor.user, ACT_ROSTER_READ, (*out)[i].state))
            (*out)[k++] = (*out)[i];
    *n = k;
    return RC_OK;
}
