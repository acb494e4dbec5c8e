/*
 * Failed sign-ins for administrators: the list (name, address, time, whether
 * it still counts) and lifting a lockout by name, by address or both. The
 * throttle itself is signin.c; the same lift is `r1540 user unlock`.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

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

typedef struct {
    const char *name, *address; /* NULL: any */
    int lifted;
} signin_lift_t;

static rc_t lift(web_req_t *r, void *arg, err_t *e)
{
    signin_lift_t *l = arg;
    rc_t rc = store_signin_lift(r->st, l->name, l->address, &l->lifted, e);
    char detail[64];
    snprintf(detail, sizeof detail, "%d failed sign-ins lifted", l->lifted);
    r->change_detail = arena_strdup(&r->arena, detail);
    return rc;
}

rc_t h_signin_lift(web_req_t *r, json_t *m, err_t *e)
{
    const char *name = web_param(r, "name"), *address = web_param(r, "address");
    signin_lift_t l = {.name = name && *name ? name : NULL, .lifted = 0};
    if (address && *address &&
        !(l.address = client_address_normal(address, &r->arena)))
        return web_fail(r, e, 422, RC_INPUT, "%s",
                        web_tr(r, "Give a user name, an IP address, or both."));
    if ((!l.name && !l.address) || (l.name && !user_name_ok(l.name)))
        return web_fail(r, e, 422, RC_INPUT, "%s",
                        web_tr(r, "Give a user name, an IP address, or both."));
    char object[160];
    snprintf(object, sizeof object, "%s%s%s%s%s", l.name ? "user:" : "", l.name ? l.name : "",
             l.name && l.address ? " " : "", l.address ? "address:" : "",
             l.address ? l.address : "");
    rc_t rc = web_change(r, lift, &l, "signin.lift", object, "", e);
    if (rc != RC_OK)
        return rc;
    json_object_set_new(m, "lifted", json_integer(l.lifted));
    r->redirect = "signins?msg=signins-lifted";
    return RC_OK;
}
