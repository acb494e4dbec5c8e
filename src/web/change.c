/*
 * One change and its audit entry, all or nothing.
 */
#include "change.h"

#include "../core/audit.h"
#include "session.h"
#include "web.h"

void web_app_of(web_req_t *r, app_t *out)
{
    *out = (app_t){.st = r->st, .arena = &r->arena, .lang = r->lang,
                   .changed = web_data_changed,
                   .actor = {.user = r->user, .name = r->user ? session_actor(r) : "web:"}};
}

rc_t web_change(web_req_t *r, web_change_fn fn, void *arg, const char *action,
                const char *object, const char *detail, err_t *e)
{
    rc_t rc = store_begin(r->st, e);
    if (rc == RC_OK)
        rc = fn(r, arg, e);
    if (rc == RC_OK)
        rc = audit_append(r->st, session_actor(r), action,
                          r->change_object ? r->change_object : object,
                          r->change_detail ? r->change_detail : detail, e);
    if (rc == RC_OK)
        rc = store_commit(r->st, e);
    if (rc != RC_OK) {
        store_rollback(r->st);
        if (rc == RC_REFUSED && !r->status)
            r->status = 409;
        return rc;
    }
    web_data_changed();
    return RC_OK;
}
