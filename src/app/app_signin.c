/*
 * Lifting sign-in lockouts (app_signin.h).
 */
#include "app_signin.h"

#include <stdio.h>

#include "../util/buf.h"

rc_t app_signin_lift(app_t *a, const char *name, const char *address, int *lifted, err_t *e)
{
    *lifted = 0;
    rc_t rc = app_allow(a, ACT_USER_MANAGE, NULL, e);
    if (rc == RC_OK && ((!name && !address) || (name && !user_name_ok(name))))
        rc = app_fail(a, e, RC_INPUT, "Give a user name, an IP address, or both.");
    if (rc != RC_OK || (rc = app_begin(a, e)) != RC_OK)
        return rc;
    rc = store_signin_lift(a->st, name, address, lifted, e);
    buf_t object;
    char detail[64];
    buf_init(&object, 0);
    buf_printf(&object, "%s%s%s%s%s", name ? "user:" : "", name ? name : "",
               name && address ? " " : "", address ? "address:" : "", address ? address : "");
    snprintf(detail, sizeof detail, "%d failed sign-ins lifted", *lifted);
    rc = app_finish(a, rc, "signin.lift", buf_str(&object), detail, e);
    buf_free(&object);
    return rc;
}
