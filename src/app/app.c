/*
 * What every operation shares: the permission check, the transaction that
 * holds the change and its audit entry, and translated messages.
 */
#include "app.h"

#include <stdarg.h>
#include <stdio.h>

#include "../store/audit_log.h"
#include "../util/i18n.h"

rc_t app_allow(app_t *a, authz_action_t act, const char *state, err_t *e)
{
    if (authz_allowed(a->actor.user, act, state))
        return RC_OK;
    return app_fail(a, e, RC_DENIED, "Your role does not allow this (%s).", authz_action_name(act));
}

rc_t app_begin(app_t *a, err_t *e)
{
    return store_begin(a->st, e);
}

rc_t app_finish(app_t *a, rc_t rc, const char *action, const char *object, const char *detail,
                err_t *e)
{
    if (rc == RC_OK)
        rc = audit_append(a->st, a->actor.name, action, object, detail, e);
    if (rc == RC_OK)
        rc = store_commit(a->st, e);
    if (rc != RC_OK) {
        store_rollback(a->st);
        return rc;
    }
    if (a->changed)
        a->changed();
    return RC_OK;
}

const char *app_tr(app_t *a, const char *msgid)
{
    return i18n_tr(a->lang, msgid);
}

rc_t app_fail(app_t *a, err_t *e, rc_t rc, const char *msgid, ...)
{
    char msg[sizeof e->msg];
    va_list ap;
    va_start(ap, msgid);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
    vsnprintf(msg, sizeof msg, app_tr(a, msgid), ap);
#pragma GCC diagnostic pop
    va_end(ap);
    return err_set(e, rc, "%s", msg);
}

rc_t app_fail_field(app_t *a, err_t *e, rc_t rc, const char *field, const char *msgid)
{
    return err_field(e, rc, field, msgid, "%s", app_tr(a, msgid));
}

rc_t app_state(app_t *a, const char *code, state_t *out, err_t *e)
{
    rc_t rc = code && *code ? store_state_get(a->st, code, a->arena, out, e) : RC_NOTFOUND;
    if (rc == RC_NOTFOUND)
        return app_fail(a, e, RC_NOTFOUND, "There is no such state.");
    return rc;
}
