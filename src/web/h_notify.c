/*
 * The inbox: a signed-in user's notifications (core/notify.h), newest first,
 * each opened through /inbox/ID (which marks it read and goes to the page to
 * act on), and the user's own mail settings. The same handlers answer the
 * API (/api/v1/inbox...). Every account sees only its own rows: the store
 * reads them by the session's user id, never by an id from the URL alone.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "../app/app_notify.h"
#include "../app/notify_text.h"
#include "change.h"
#include "handlers.h"
#include "web.h"

#define INBOX_SHOWN 200

static const char *utc_text(web_req_t *r, long long at)
{
    char s[32];
    struct tm tm;
    time_t t = (time_t)at;
    gmtime_r(&t, &tm);
    strftime(s, sizeof s, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return arena_strdup(&r->arena, s);
}

static json_t *note_model(web_req_t *r, const notification_t *n)
{
    const char *title, *text;
    notify_text(r->st, &r->arena, r->lang, n, &title, &text);
    char open[48];
    snprintf(open, sizeof open, "inbox/%lld", n->id);
    return json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:s,s:b}", "id", (json_int_t)n->id, "event",
                     notify_event_name(n->event), "title", title, "text", text, "link", n->link,
                     "open", open, "created", utc_text(r, n->created), "read", n->read_at != 0);
}

rc_t h_inbox(web_req_t *r, json_t *m, err_t *e)
{
    notification_t *n;
    size_t count;
    long long unread = 0;
    rc_t rc = store_notify_inbox(r->st, r->user->id, INBOX_SHOWN, &r->arena, &n, &count, e);
    if (rc == RC_OK)
        rc = store_notify_unread(r->st, r->user->id, &unread, e);
    if (rc != RC_OK)
        return rc;
    json_t *list = json_array();
    for (size_t i = 0; i < count; i++)
        json_array_append_new(list, note_model(r, &n[i]));
    json_object_set_new(m, "notifications", list);
    json_object_set_new(m, "unread", json_integer(unread));
    json_object_set_new(m, "empty", json_boolean(count == 0));
    r->no_cache = true;
    return RC_OK;
}

/* The notification of the URL's id (the session's own), or RC_NOTFOUND. */
static rc_t note_of_url(web_req_t *r, notification_t *n, err_t *e)
{
    long long id = web_id(r->args[0]);
    rc_t rc = id > 0 ? store_notify_get(r->st, r->user->id, id, &r->arena, n, e) : RC_NOTFOUND;
    if (rc == RC_NOTFOUND)
        return web_fail(r, e, 404, RC_NOTFOUND, "%s", web_tr(r, "There is no such notification."));
    return rc;
}

rc_t h_inbox_open(web_req_t *r, json_t *m, err_t *e)
{
    notification_t n;
    app_t a;
    rc_t rc = note_of_url(r, &n, e);
    web_app_of(r, &a);
    /* opening is reading: the only change is the reader's own read mark */
    if (rc == RC_OK && !n.read_at)
        rc = app_notify_read(&a, n.id, e);
    if (rc != RC_OK)
        return rc;
    n.read_at = n.read_at ? n.read_at : 1;
    if (r->api) {
        json_object_set_new(m, "notification", note_model(r, &n));
        return RC_OK;
    }
    r->redirect = arena_strdup(&r->arena, n.link);
    return RC_OK;
}

rc_t h_inbox_read(web_req_t *r, json_t *m, err_t *e)
{
    long long id = r->args[0] ? web_id(r->args[0]) : 0;
    app_t a;
    web_app_of(r, &a);
    if (r->args[0] && id <= 0)
        return web_fail(r, e, 404, RC_NOTFOUND, "%s", web_tr(r, "There is no such notification."));
    rc_t rc = app_notify_read(&a, id, e);
    if (rc != RC_OK)
        return rc;
    json_object_set_new(m, "read", json_true());
    r->redirect = "inbox";
    return RC_OK;
}

static void settings_model(web_req_t *r, json_t *m, const notify_setting_t *s)
{
    json_object_set_new(m, "email", json_string(s->email));
    json_object_set_new(m, "lang_pref", json_string(s->lang));
    json_object_set_new(m, "mode", json_string(notify_mode_name(s->mode)));
    json_t *langs = json_array();
    for (int l = 0; l < LANG_COUNT; l++)
        json_array_append_new(langs, json_pack("{s:s,s:s,s:b}", "code", lang_code((lang_t)l),
                                               "name", lang_native_name((lang_t)l), "selected",
                                               strcmp(s->lang, lang_code((lang_t)l)) == 0));
    json_object_set_new(m, "pref_langs", langs);
    const char *labels[NM_COUNT] = {web_tr(r, "Immediately"), web_tr(r, "In a daily digest"),
                                    web_tr(r, "Never")};
    json_t *modes = json_array();
    for (int i = 0; i < NM_COUNT; i++)
        json_array_append_new(modes, json_pack("{s:s,s:s,s:b}", "code",
                                               notify_mode_name((notify_mode_t)i), "name",
                                               labels[i], "selected", (int)s->mode == i));
    json_object_set_new(m, "modes", modes);
}

rc_t h_inbox_settings(web_req_t *r, json_t *m, err_t *e)
{
    notify_setting_t s;
    rc_t rc = store_notify_setting_get(r->st, r->user->id, &r->arena, &s, e);
    if (rc != RC_OK)
        return rc;
    settings_model(r, m, &s);
    const char *saved = web_query(r, "saved");
    json_object_set_new(m, "saved", json_boolean(saved && strcmp(saved, "1") == 0));
    r->no_cache = true;
    return RC_OK;
}

rc_t h_inbox_settings_set(web_req_t *r, json_t *m, err_t *e)
{
    const char *email = web_param(r, "email"), *lang = web_param(r, "lang"),
               *mode = web_param(r, "mode");
    app_t a;
    web_app_of(r, &a);
    rc_t rc = app_notify_settings(&a, email ? email : "", lang, mode, e);
    if (rc == RC_INPUT && !r->api) {
        /* the form again, with what was typed and the message by it */
        notify_setting_t s = {.email = (char *)(email ? email : ""), .mode = NM_IMMEDIATE};
        snprintf(s.lang, sizeof s.lang, "%s", lang && lang_parse(lang) >= 0 ? lang : "en");
        int md = notify_mode_parse(mode);
        s.mode = md < 0 ? NM_IMMEDIATE : (notify_mode_t)md;
        settings_model(r, m, &s);
        json_object_set_new(m, "error", json_string(e->msg));
        r->page = "inbox_settings";
        r->status = 422;
        return RC_OK;
    }
    if (rc != RC_OK)
        return rc;
    if (r->api)
        return h_inbox_settings(r, m, e);
    r->redirect = "inbox/settings?saved=1";
    return RC_OK;
}
