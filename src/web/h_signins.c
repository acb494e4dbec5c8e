/*
 * Failed sign-ins for administrators: the list (name, address, time, whether
 * it still counts) and lifting a lockout by name, by address or both. The
 * throttle itself is signin.c; the same lift is `r1540 user unlock`.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "../app/app_signin.h"
#include "change.h"
#include "client_addr.h"
#include "handlers.h"
#include "signin.h"
#include "web.h"

#define SIGNINS_SHOWN 500

/* Unix seconds as the audit log writes times: YYYY-MM-DDTHH:MM:SSZ (UTC). */
static const char *utc_text(web_req_t *r, long long at)
{
    char s[32];
    struct tm tm;
    time_t t = (time_t)at;
    gmtime_r(&t, &tm);
    strftime(s, sizeof s, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return arena_strdup(&r->arena, s);
}

rc_t h_signins(web_req_t *r, json_t *m, err_t *e)
{
    signin_attempt_t *a;
    size_t n;
    long long now = time(NULL);
    rc_t rc = store_signin_list(r->st, now - SIGNIN_KEEP, SIGNINS_SHOWN, &r->arena, &a, &n, e);
    if (rc != RC_OK)
        return rc;
    json_t *list = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(list, json_pack("{s:s,s:s,s:s,s:I,s:b}", "name", a[i].name,
                                              "address", a[i].address, "at",
                                              utc_text(r, a[i].at), "unix", (json_int_t)a[i].at,
                                              "lifted", strcmp(a[i].outcome, "lifted") == 0));
    json_object_set_new(m, "signins", list);
    json_object_set_new(m, "window_minutes", json_integer(SIGNIN_WINDOW / 60));
    json_object_set_new(m, "keep_days", json_integer(SIGNIN_KEEP / 86400));
    return RC_OK;
}

rc_t h_signin_lift(web_req_t *r, json_t *m, err_t *e)
{
    const char *name = web_param(r, "name"), *address = web_param(r, "address");
    const char *addr = NULL;
    if (address && *address && !(addr = client_address_normal(address, &r->arena)))
        return web_fail_field(r, e, 422, RC_INPUT, "address",
                              "Give a user name, an IP address, or both.");
    app_t a;
    int lifted;
    web_app_of(r, &a);
    rc_t rc = app_signin_lift(&a, name && *name ? name : NULL, addr, &lifted, e);
    if (rc != RC_OK)
        return rc;
    json_object_set_new(m, "lifted", json_integer(lifted));
    r->redirect = "signins?msg=signins-lifted";
    return RC_OK;
}
