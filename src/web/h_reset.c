/*
 * Password resets on the web (src/app/app_reset.h): an administrator issues
 * the link on the users page, where it is shown once; the user opens it
 * (reset/TOKEN, no sign-in) and sets a new password.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "../app/app_reset.h"
#include "../util/date.h"
#include "change.h"
#include "handlers.h"
#include "model.h"
#include "web.h"

rc_t h_user_reset(web_req_t *r, json_t *m, err_t *e)
{
    app_t a;
    char token[APP_RESET_TOKEN_LEN + 1];
    long long now = time(NULL);
    web_app_of(r, &a);
    rc_t rc = app_reset_issue(&a, r->args[0], now, token, e);
    if (rc != RC_OK)
        return rc;
    char link[128];
    snprintf(link, sizeof link, "/%s/reset/%s", lang_code(r->lang), token);
    json_t *reset = json_pack("{s:s,s:s,s:I}", "name", r->args[0], "link", link, "expires",
                              (json_int_t)(now + APP_RESET_TTL));
    if (!r->api) { /* the users page, with the link shown this once */
        if ((rc = h_users(r, m, e)) != RC_OK) {
            json_decref(reset);
            return rc;
        }
        r->page = "users";
    }
    json_object_set_new(m, "reset", reset);
    r->status = 201;
    r->no_cache = true;
    return RC_OK;
}

rc_t h_reset_form(web_req_t *r, json_t *m, err_t *e)
{
    app_t a;
    const char *name;
    web_app_of(r, &a);
    r->no_cache = true;
    rc_t rc = app_reset_check(&a, r->args[0], time(NULL), &name, e);
    if (rc == RC_REFUSED)
        r->status = 410; /* used or expired: gone for good */
    if (rc != RC_OK)
        return rc;
    json_object_set_new(m, "name", json_string(name));
    json_object_set_new(m, "token", json_string(r->args[0]));
    return RC_OK;
}

rc_t h_reset(web_req_t *r, json_t *m, err_t *e)
{
    app_t a;
    const char *name, *pw = web_param(r, "password"), *again = web_param(r, "password2");
    web_app_of(r, &a);
    r->no_cache = true;
    if (!r->api && (!again || !pw || strcmp(pw, again) != 0))
        return web_fail_field(r, e, 422, RC_INPUT, "password2", "The two passwords differ.");
    rc_t rc = app_reset_use(&a, r->args[0], pw, time(NULL), &name, e);
    if (rc == RC_REFUSED)
        r->status = 410;
    else if (rc == RC_INPUT)
        r->status = 422;
    if (rc != RC_OK)
        return rc;
    json_object_set_new(m, "user", json_pack("{s:s}", "name", name));
    r->redirect = "login?msg=password-reset";
    return RC_OK;
}
