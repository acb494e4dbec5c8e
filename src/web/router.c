/*
 * The router: from a URL to a handler, through the checks every request
 * passes in the same order — language, route, session, authorization, CSRF —
 * and from the handler's model to the answer: a page rendered by the route's
 * template, the same model as JSON for /api/v1/, a redirect or a download.
 *
 * URLs: /<lang>/<path> for pages (ar, zh, en, fr, ru, es), /api/v1/<path>
 * for the API (language from ?lang=, the lang cookie or Accept-Language),
 * /static/<file> for CSS and JavaScript, and / which redirects to a language.
 */
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "../core/authz.h"
#include "../util/i18n.h"
#include "../util/text.h"
#include "bearer.h"
#include "conditional.h"
#include "form_again.h"
#include "handlers.h"
#include "health.h"
#include "page_title.h"
#include "paging.h"
#include "model.h"
#include "refcache.h"
#include "session.h"
#include "static.h"
#include "web.h"

enum { PUBLIC_PAGE = 1, /* the same for everyone: may be cached */
       NO_CSRF = 2,     /* the login form checks its own token */
       UPLOAD = 4,      /* takes a document: its body may be up to max_upload */
       API_ONLY = 8,    /* no page: /<lang>/PATH is 404 */
       PAGE_ONLY = 16 }; /* no API call: /api/v1/PATH is 404 (not in openapi.json) */

typedef struct {
    const char *method;
    const char *pattern; /* '*' matches one path segment */
    web_handler_t fn;
    const char *template;
    authz_action_t action;
    int state_arg; /* which '*' names the state the action concerns; -1 none */
    int flags;
} route_t;

static const route_t routes[] = {
    {"GET", "", h_home, "home", ACT_PUBLIC, -1, PUBLIC_PAGE},
    {"GET", "states", h_states, "states", ACT_PUBLIC, -1, PUBLIC_PAGE},
    {"GET", "states/*", h_state, "state", ACT_PUBLIC, 0, PUBLIC_PAGE},
    {"GET", "states/*/versions/*", h_version, "version", ACT_PUBLIC, 0, 0},
    {"GET", "states/*/versions/*/download/*", h_matrix_download, NULL, ACT_PUBLIC, 0, PUBLIC_PAGE},
    {"GET", "states/*/diff", h_diff, "diff", ACT_PUBLIC, 0, 0},
    {"GET", "reports/*", h_report, "report", ACT_PUBLIC, -1, PUBLIC_PAGE},
    {"GET", "reports/*/file", h_report_file, NULL, ACT_PUBLIC, -1, PUBLIC_PAGE},
    {"GET", "search", h_search, "search", ACT_PUBLIC, -1, 0},
    {"GET", "data", h_data, "data", ACT_PUBLIC, -1, PUBLIC_PAGE},
    {"GET", "data/*", h_data_file, NULL, ACT_PUBLIC, -1, PUBLIC_PAGE},
    {"GET", "events.ics", h_events_ics, NULL, ACT_PUBLIC, -1, PUBLIC_PAGE},
    {"GET", "states/*/contacts", h_contacts, "contacts", ACT_ROSTER_READ, 0, 0},
    {"POST", "states/*/contacts", h_contact_add, NULL, ACT_ROSTER_EDIT, 0, 0},
    {"POST", "states/*/contacts/*", h_contact_update, NULL, ACT_ROSTER_EDIT, 0, 0},
    {"POST", "states/*/contacts/*/remove", h_contact_remove, NULL, ACT_ROSTER_EDIT, 0, 0},
    {"POST", "states/*/contacts/*/link", h_contact_link, NULL, ACT_ROSTER_LINK, -1, 0},
    {"GET", "events/*/attendance", h_attendance, NULL, ACT_WORKSPACE, -1, 0},
    {"POST", "events/*/attendance", h_attendance_set, NULL, ACT_ATTENDANCE_RECORD, -1, 0},
    {"GET", "outreach", h_outreach, "outreach", ACT_OUTREACH_READ, -1, 0},
    {"POST", "outreach", h_outreach_record, NULL, ACT_OUTREACH_RECORD, -1, 0},
    {"GET", "states/*/outreach", h_state_outreach, NULL, ACT_OUTREACH_READ, 0, 0},
    {"POST", "states/*/outreach", h_outreach_add, NULL, ACT_OUTREACH_RECORD, 0, 0},
    {"POST", "states/*/outreach/*/answer", h_outreach_answer, NULL, ACT_OUTREACH_ANSWER, 0, 0},
    {"GET", "programmes", h_programmes, "programmes", ACT_PUBLIC, -1, PUBLIC_PAGE},
    {"GET", "programmes/overlap", h_programme_overlap, "programme_overlap", ACT_PUBLIC, -1,
     PUBLIC_PAGE},
    {"GET", "programmes/*", h_programme, "programme", ACT_PUBLIC, -1, PUBLIC_PAGE},
    {"POST", "programmes", h_programme_add, NULL, ACT_PROGRAMME_EDIT, -1, 0},
    {"POST", "programmes/*", h_programme_update, NULL, ACT_PROGRAMME_EDIT, -1, 0},
    {"POST", "programmes/*/remove", h_programme_remove, NULL, ACT_PROGRAMME_EDIT, -1, 0},
    {"POST", "programmes/*/offers", h_programme_link, NULL, ACT_PROGRAMME_EDIT, -1, 0},
    {"POST", "programmes/*/offers/*/unlink", h_programme_unlink, NULL, ACT_PROGRAMME_EDIT, -1, 0},
    /* effective practices: the app layer decides who reads one under review */
    {"GET", "practices", h_practices, "practices", ACT_PUBLIC, -1, 0},
    {"POST", "practices", h_practice_submit, NULL, ACT_WORKSPACE, -1, UPLOAD},
    {"GET", "practices/*", h_practice, "practice", ACT_PUBLIC, -1, 0},
    {"GET", "practices/*/file", h_practice_file, NULL, ACT_PUBLIC, -1, 0},
    {"POST", "practices/*/publish", h_practice_publish, NULL, ACT_PRACTICE_REVIEW, -1, 0},
    {"POST", "practices/*/return", h_practice_return, NULL, ACT_PRACTICE_REVIEW, -1, 0},
    {"GET", "login", h_login_form, "login", ACT_PUBLIC, -1, 0},
    {"POST", "login", h_login, "login", ACT_PUBLIC, -1, NO_CSRF},
    {"POST", "logout", h_logout, NULL, ACT_WORKSPACE, -1, 0},
    {"GET", "workspace", h_workspace, "workspace", ACT_WORKSPACE, -1, 0},
    {"POST", "states/*/reports", h_report_upload, NULL, ACT_REPORT_UPLOAD, 0, UPLOAD},
    {"POST", "states/*/versions", h_version_new, NULL, ACT_MATRIX_EDIT, 0, 0},
    {"POST", "states/*/versions/*/entries", h_entry_set, NULL, ACT_MATRIX_EDIT, 0, 0},
    {"POST", "states/*/versions/*/entries/*", h_entry_set, NULL, ACT_MATRIX_EDIT, 0, 0},
    {"GET", "states/*/versions/*/send", h_decide_send, "decision", ACT_MATRIX_SEND, 0, 0},
    {"GET", "states/*/versions/*/accept", h_decide_accept, "decision", ACT_MATRIX_REVIEW, 0, 0},
    {"GET", "states/*/versions/*/approve", h_decide_approve, "decision", ACT_MATRIX_APPROVE, 0, 0},
    {"GET", "states/*/versions/*/publish", h_decide_publish, "decision", ACT_MATRIX_PUBLISH, 0, 0},
    {"POST", "states/*/versions/*/send", h_version_send, NULL, ACT_MATRIX_SEND, 0, 0},
    {"POST", "states/*/versions/*/return", h_version_return, NULL, ACT_MATRIX_SEND, 0, 0},
    {"POST", "states/*/versions/*/accept", h_version_accept, NULL, ACT_MATRIX_REVIEW, 0, 0},
    {"POST", "states/*/versions/*/comments", h_version_comment, NULL, ACT_MATRIX_REVIEW, 0, 0},
    {"POST", "states/*/versions/*/draft-comments", h_comment_add, NULL, ACT_MATRIX_REVIEW, 0, 0},
    {"POST", "states/*/versions/*/comments/*", h_comment_edit, NULL, ACT_MATRIX_REVIEW, 0, 0},
    {"POST", "states/*/versions/*/comments/*/delete", h_comment_delete, NULL, ACT_MATRIX_REVIEW, 0,
     0},
    {"POST", "states/*/versions/*/comments/*/answer", h_comment_answer, NULL, ACT_MATRIX_EDIT, 0,
     0},
    {"POST", "states/*/versions/*/approve", h_version_approve, NULL, ACT_MATRIX_APPROVE, 0, 0},
    {"POST", "states/*/versions/*/publish", h_version_publish, NULL, ACT_MATRIX_PUBLISH, 0, 0},
    {"GET", "users", h_users, "users", ACT_USER_MANAGE, -1, 0},
    {"POST", "users", h_user_add, NULL, ACT_USER_MANAGE, -1, 0},
    {"POST", "users/*/disable", h_user_disable, NULL, ACT_USER_MANAGE, -1, 0},
    {"POST", "users/*/enable", h_user_enable, NULL, ACT_USER_MANAGE, -1, 0},
    {"POST", "users/*/password", h_user_password, NULL, ACT_USER_MANAGE, -1, 0},
    {"POST", "users/*/reset", h_user_reset, NULL, ACT_USER_MANAGE, -1, 0},
    {"GET", "reset/*", h_reset_form, "reset", ACT_PUBLIC, -1, 0},
    /* no CSRF token: no session; the link's secret token is the proof */
    {"POST", "reset/*", h_reset, NULL, ACT_PUBLIC, -1, NO_CSRF},
    {"GET", "audit", h_audit, "audit", ACT_AUDIT_READ, -1, 0},
    {"GET", "signins", h_signins, "signins", ACT_USER_MANAGE, -1, 0},
    {"POST", "signins/lift", h_signin_lift, NULL, ACT_USER_MANAGE, -1, 0},
    {"GET", "assistance/requests", h_requests, "requests", ACT_PUBLIC, -1, PUBLIC_PAGE},
    {"GET", "assistance/requests/*", h_request, "request", ACT_PUBLIC, -1, PUBLIC_PAGE},
    {"POST", "states/*/requests", h_request_add, NULL, ACT_ASSIST_REQUEST, 0, 0},
    {"POST", "states/*/requests/*/withdraw", h_request_withdraw, NULL, ACT_ASSIST_REQUEST, 0, 0},
    {"POST", "states/*/requests/*/feedback", h_request_feedback, NULL, ACT_ASSIST_REQUEST, 0, 0},
    {"GET", "assistance/offers", h_offers, "offers", ACT_PUBLIC, -1, PUBLIC_PAGE},
    {"GET", "assistance/offers/*", h_offer, "offer", ACT_PUBLIC, -1, PUBLIC_PAGE},
    {"POST", "assistance/offers", h_offer_add, NULL, ACT_ASSIST_OFFER, -1, 0},
    {"POST", "assistance/offers/*/close", h_offer_close, NULL, ACT_ASSIST_OFFER, -1, 0},
    {"POST", "assistance/offers/*/reopen", h_offer_reopen, NULL, ACT_ASSIST_OFFER, -1, 0},
    {"GET", "assistance/match", h_match, "match", ACT_ASSIST_MATCH, -1, 0},
    {"POST", "assistance/match", h_match_run, NULL, ACT_ASSIST_MATCH, -1, 0},
    {"GET", "assistance/proposals", h_proposals, "proposals", ACT_WORKSPACE, -1, 0},
    {"GET", "assistance/proposals/*", h_proposal, "proposal", ACT_WORKSPACE, -1, 0},
    {"POST", "assistance/proposals/*/accept", h_proposal_accept, NULL, ACT_ASSIST_ANSWER, -1, 0},
    {"POST", "assistance/proposals/*/decline", h_proposal_decline, NULL, ACT_ASSIST_ANSWER, -1, 0},
    {"POST", "assistance/proposals/*/deliver", h_proposal_deliver, NULL, ACT_ASSIST_DELIVER, -1, 0},
    {"GET", "review", h_review, "review", ACT_PUBLIC, -1, PUBLIC_PAGE},
    {"GET", "review/charts/*", h_review_chart, NULL, ACT_PUBLIC, -1, PUBLIC_PAGE},
    {"GET", "review/download/*", h_review_download, NULL, ACT_PUBLIC, -1, PUBLIC_PAGE},
    /* the inbox (h_notify.c): settings before "inbox/ID", which would match them */
    {"GET", "inbox", h_inbox, "inbox", ACT_WORKSPACE, -1, 0},
    {"GET", "inbox/settings", h_inbox_settings, "inbox_settings", ACT_WORKSPACE, -1, 0},
    {"POST", "inbox/settings", h_inbox_settings_set, NULL, ACT_WORKSPACE, -1, 0},
    {"POST", "inbox/read", h_inbox_read, NULL, ACT_WORKSPACE, -1, 0},
    {"GET", "inbox/*", h_inbox_open, NULL, ACT_WORKSPACE, -1, 0},
    {"POST", "inbox/*/read", h_inbox_read, NULL, ACT_WORKSPACE, -1, 0},
    {"GET", "versions", h_versions, NULL, ACT_PUBLIC, -1, PUBLIC_PAGE | API_ONLY},
    {"GET", "reports", h_reports, NULL, ACT_PUBLIC, -1, PUBLIC_PAGE | API_ONLY},
    /* the API's description (h_openapi.c): as data, and as a page for people */
    {"GET", "openapi.json", h_openapi, NULL, ACT_PUBLIC, -1, PUBLIC_PAGE | API_ONLY},
    {"GET", "api", h_api_page, "api", ACT_PUBLIC, -1, PUBLIC_PAGE | PAGE_ONLY},
    /* the caller's own API tokens (h_tokens.c): with a session only */
    {"GET", "tokens", h_tokens, "tokens", ACT_WORKSPACE, -1, 0},
    {"POST", "tokens", h_token_add, "tokens", ACT_WORKSPACE, -1, 0},
    {"POST", "tokens/*/revoke", h_token_revoke, NULL, ACT_WORKSPACE, -1, 0},
};

/* The list calls and the member of their answer that holds the list: the
 * router pages it (paging.h). NULL: the handler pages in the store itself. */
static const struct {
    const char *pattern;
    const char *key;
} list_routes[] = {
    {"states", "states"},
    {"versions", "versions"},
    {"reports", "reports"},
    {"users", "users"},
    {"audit", "entries"},
    {"signins", "signins"},
    {"assistance/proposals", "proposals"},
    {"assistance/requests", NULL},
    {"assistance/offers", NULL},
    {"search", NULL},
};

/* The list call of route rt, or NULL if it is not one. */
static const char *const *list_of(const route_t *rt)
{
    if (strcmp(rt->method, "GET") != 0)
        return NULL;
    for (size_t i = 0; i < sizeof list_routes / sizeof *list_routes; i++)
        if (strcmp(list_routes[i].pattern, rt->pattern) == 0)
            return &list_routes[i].key;
    return NULL;
}

/* ---- languages and cookies ----------------------------------------------- */

char *web_cookie_get(arena_t *a, const char *header, const char *name)
{
    size_t nl = strlen(name);
    for (const char *p = header; p && *p;) {
        while (*p == ' ' || *p == ';')
            p++;
        const char *end = strchr(p, ';');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (len > nl && strncmp(p, name, nl) == 0 && p[nl] == '=')
            return arena_strndup(a, p + nl + 1, len - nl - 1);
        p = end;
    }
    return NULL;
}

lang_t web_pick_lang(const char *cookie, const char *accept_language)
{
    const char *c = cookie ? strstr(cookie, "r1540_lang=") : NULL;
    if (c && (c == cookie || c[-1] == ' ' || c[-1] == ';')) {
        char code[3] = {c[11], c[11] ? c[12] : 0, 0};
        int l = lang_parse(code);
        if (l >= 0)
            return (lang_t)l;
    }
    /* the first of the six in the header's own order (q-values are rare in
     * practice and browsers list by preference) */
    for (const char *p = accept_language; p && *p;) {
        while (*p == ' ' || *p == ',')
            p++;
        char code[3] = {p[0], p[0] ? p[1] : 0, 0};
        code[0] = (char)(code[0] | 0x20), code[1] = (char)(code[1] | 0x20);
        int l = lang_parse(code);
        if (l >= 0)
            return (lang_t)l;
        p = strchr(p, ',');
    }
    return LANG_EN;
}

/* ---- matching ------------------------------------------------------------- */

/* Matches path against pattern; fills args with the '*' segments. */
static bool route_match(const char *pattern, const char *path, arena_t *a, const char **args)
{
    int n = 0;
    while (*pattern || *path) {
        if (*pattern == '*') {
            size_t len = strcspn(path, "/");
            if (len == 0 || n == WEB_ARGS_MAX)
                return false;
            args[n++] = arena_strndup(a, path, len);
            path += len;
            pattern++;
        } else if (*pattern == *path) {
            pattern++, path++;
        } else {
            return false;
        }
    }
    return true;
}

static const route_t *route_find(web_req_t *r, bool *other_method)
{
    *other_method = false;
    for (size_t i = 0; i < sizeof routes / sizeof *routes; i++) {
        const char *args[WEB_ARGS_MAX] = {0};
        if ((routes[i].flags & API_ONLY) && !r->api)
            continue;
        if ((routes[i].flags & PAGE_ONLY) && r->api)
            continue;
        if (!route_match(routes[i].pattern, r->path, &r->arena, args))
            continue;
        /* HEAD is GET without the body (the server leaves the body out) */
        const char *method = strcmp(r->method, "HEAD") == 0 ? "GET" : r->method;
        if (strcmp(routes[i].method, method) != 0) {
            *other_method = true;
            continue;
        }
        memcpy(r->args, args, sizeof args);
        return &routes[i];
    }
    return NULL;
}

/* ---- answers -------------------------------------------------------------- */

static const char *status_code(int status)
{
    switch (status) {
    case 400: return "bad-request";
    case 401: return "sign-in-required";
    case 403: return "forbidden";
    case 404: return "not-found";
    case 405: return "method-not-allowed";
    case 409: return "conflict";
    case 410: return "gone";
    case 413: return "too-large";
    case 415: return "unsupported-media-type";
    case 422: return "invalid";
    case 429: return "too-many-attempts";
    case 503: return "unavailable";
    default: return "error";
    }
}

static int status_of(rc_t rc)
{
    switch (rc) {
    case RC_OK: return 200;
    case RC_USAGE:
    case RC_INPUT: return 422;
    case RC_NOTFOUND: return 404;
    case RC_REFUSED: return 409;
    case RC_DENIED: return 403;
    case RC_DB: return 503;
    default: return 500;
    }
}

/* The answer takes b's bytes as they are (the server frees them with the
 * response); b is empty afterwards. */
static void answer_bytes(web_answer_t *out, const char *type, buf_t *b)
{
    out->content_type = type;
    out->len = b->len;
    out->body = b->data ? b->data : "";
    out->owned = b->data != NULL;
    b->data = NULL;
    buf_free(b);
}

static void answer_json(web_req_t *r, web_answer_t *out, json_t *v)
{
    char *s = v ? json_dumps(v, JSON_COMPACT | JSON_ENSURE_ASCII) : NULL;
    /* never "null": a value jansson refused still gets an answer a client can read */
    const char *text = s ? s
                         : "{\"error\":{\"status\":500,\"code\":\"error\","
                           "\"message\":\"the answer could not be written\"}}";
    size_t n = strlen(text);
    char *body = arena_alloc_raw(&r->arena, n + 2);
    memcpy(body, text, n);
    body[n] = '\n';
    body[n + 1] = 0;
    free(s);
    out->content_type = "application/json; charset=utf-8";
    out->body = body;
    out->len = n + 1;
}

/* The keys every page's template may use: language, direction, the language
 * switch, the signed-in user, the CSRF token, the demo marker. */
static void page_common(web_req_t *r, const char *template, json_t *m)
{
    json_object_set_new(m, "page_title", json_string(page_title(r, template, m)));
    json_object_set_new(m, "lang", json_string(lang_code(r->lang)));
    json_object_set_new(m, "dir", json_string(r->lang == LANG_AR ? "rtl" : "ltr"));
    json_t *langs = json_array();
    for (int l = 0; l < LANG_COUNT; l++) {
        json_t *o = json_object();
        json_object_set_new(o, "code", json_string(lang_code((lang_t)l)));
        json_object_set_new(o, "name", json_string(lang_native_name((lang_t)l)));
        char href[2048];
        snprintf(href, sizeof href, "/%s/%s%s", lang_code((lang_t)l), r->path,
                 *r->query ? r->query : "");
        json_object_set_new(o, "href", json_string(href));
        json_object_set_new(o, "current", json_boolean(l == (int)r->lang));
        json_array_append_new(langs, o);
    }
    json_object_set_new(m, "langs", langs);
    char base[8];
    snprintf(base, sizeof base, "/%s/", lang_code(r->lang));
    json_object_set_new(m, "base", json_string(base));
    if (r->user) {
        json_t *u = json_object();
        json_object_set_new(u, "name", json_string(r->user->name));
        json_object_set_new(u, "role", json_string(role_name(r->user->role)));
        json_object_set_new(u, "role_name", json_string(model_role_name(r, r->user->role)));
        json_object_set_new(u, "state", json_string(r->user->state ? r->user->state : ""));
        json_object_set_new(u, "can_users", json_boolean(authz_allowed(r->user, ACT_USER_MANAGE, NULL)));
        json_object_set_new(u, "can_audit", json_boolean(authz_allowed(r->user, ACT_AUDIT_READ, NULL)));
        json_object_set_new(u, "can_match", json_boolean(authz_allowed(r->user, ACT_ASSIST_MATCH, NULL)));
        json_object_set_new(u, "can_outreach", json_boolean(authz_allowed(r->user, ACT_OUTREACH_READ, NULL)));
        long long unread = 0; /* the inbox link's count; a failed read shows none */
        err_t ue = {0};
        if (store_notify_unread(r->st, r->user->id, &unread, &ue) == RC_OK && unread > 0)
            json_object_set_new(u, "unread", json_integer(unread));
        json_object_set_new(m, "me", u);
        json_object_set_new(m, "csrf", json_string(r->session->csrf));
    }
    /* a read-only server offers no sign-in: the primary site, if named, instead */
    if (web_app->read_only) {
        json_object_set_new(m, "read_only", json_true());
        if (web_app->primary)
            json_object_set_new(m, "primary", json_string(web_app->primary));
    }
    const char *demo = web_ref_meta(r, "demo");
    if (demo && strcmp(demo, "1") == 0)
        json_object_set_new(m, "demo", json_true());
    const char *msg = web_query(r, "msg");
    if (msg && *msg)
        json_object_set_new(m, "flash", json_string(session_flash_text(r, msg)));
}

static void answer_page(web_req_t *r, web_answer_t *out, const char *template, json_t *m)
{
    page_common(r, template, m);
    buf_t b;
    buf_init(&b, 64u << 20);
    err_t e = {0};
    if (tmpl_render(web_app->tmpl, template, m, r->lang, &b, &e) != RC_OK || b.overflow) {
        buf_reset(&b);
        buf_printf(&b, "<!doctype html><title>500</title><p>%s</p>", "rendering failed");
        out->status = 500;
    }
    answer_bytes(out, "text/html; charset=utf-8", &b);
}

/* An API error: the message in the request's language, and for a wrong
 * field its name and the full detail (the CLI's words) as well. */
static void answer_api_error(web_req_t *r, web_answer_t *out, int status, const char *msg,
                             const err_t *fail)
{
    json_t *o = json_pack("{s:{s:i,s:s,s:s}}", "error", "status", status, "code",
                          status_code(status), "message", msg);
    json_t *err = json_object_get(o, "error");
    if (fail && fail->field[0])
        json_object_set_new(err, "field", json_string(fail->field));
    if (fail && fail->code && strcmp(fail->msg, msg) != 0)
        json_object_set_new(err, "detail",
                            json_string(text_utf8_repair(&r->arena, fail->msg)));
    answer_json(r, out, o);
    json_decref(o);
}

static void answer_error_of(web_req_t *r, web_answer_t *out, int status, const char *msg,
                            const err_t *fail)
{
    out->status = status;
    out->cacheable = false;
    /* a message may echo what the client sent: JSON and HTML need valid UTF-8 */
    msg = text_utf8_repair(&r->arena, msg ? msg : "");
    if (r->api) {
        answer_api_error(r, out, status, msg, fail);
        return;
    }
    json_t *m = json_pack("{s:i,s:s}", "status", status, "message", msg);
    if (status == 401)
        json_object_set_new(m, "signin", json_true());
    answer_page(r, out, "error", m);
    out->status = status;
    json_decref(m);
}

static void answer_error(web_req_t *r, web_answer_t *out, int status, const char *msg)
{
    answer_error_of(r, out, status, msg, NULL);
}

static void answer_redirect(web_answer_t *out, const char *to)
{
    out->status = 303;
    out->content_type = "text/plain; charset=utf-8";
    out->location = to;
    out->body = "";
    out->len = 0;
}

static void answer_success(web_req_t *r, const route_t *rt, json_t *m, web_answer_t *out)
{
    out->status = r->status ? r->status : 200;
    if (r->download) {
        out->content_type = r->file_type;
        out->body = r->file;
        out->len = r->file_len;
        out->disposition = r->download;
        out->from_fd = r->file_is_fd;
        out->fd = r->file_fd;
    } else if (r->api) {
        answer_json(r, out, m);
    } else if (r->redirect) {
        char *to = arena_alloc(&r->arena, strlen(r->redirect) + 16);
        snprintf(to, strlen(r->redirect) + 16, "/%s/%s", lang_code(r->lang), r->redirect);
        answer_redirect(out, to);
        return;
    } else {
        answer_page(r, out, r->page ? r->page : rt->template, m);
    }
    out->cacheable = (rt->flags & PUBLIC_PAGE) && !r->user && !r->no_cache && r->ncookies == 0;
}

/* ---- the checks ----------------------------------------------------------- */

static bool csrf_ok(web_req_t *r, const web_headers_t *h)
{
    const char *token = r->api ? h->csrf : web_param(r, "csrf");
    if (!token && r->api)
        token = web_param(r, "csrf");
    const char *want = r->session ? r->session->csrf : NULL;
    return token && want && strlen(token) == strlen(want) &&
           sodium_memcmp(token, want, strlen(want)) == 0;
}

/* Splits the URL into mode, language and path; false if it is none of ours. */
static bool parse_url(web_req_t *r, const char *url, const web_headers_t *h)
{
    const char *q = strchr(url, '?');
    r->query = q ? arena_strdup(&r->arena, q) : "";
    char *path = arena_strndup(&r->arena, url, q ? (size_t)(q - url) : strlen(url));
    if (strncmp(path, "/api/v1/", 8) == 0 || strcmp(path, "/api/v1") == 0) {
        r->api = true;
        r->path = path[7] ? path + 8 : "";
        const char *ql = web_query(r, "lang");
        int l = ql ? lang_parse(ql) : -1;
        r->lang = l >= 0 ? (lang_t)l : web_pick_lang(h->cookie, h->accept_language);
        return true;
    }
    char code[3] = {0};
    if (path[0] == '/' && path[1] && path[2] && (path[3] == '/' || path[3] == 0)) {
        code[0] = path[1], code[1] = path[2];
        int l = lang_parse(code);
        if (l < 0)
            return false;
        r->lang = (lang_t)l;
        r->path = path[3] ? path + 4 : "";
        return true;
    }
    return false;
}

static void remember_lang(web_req_t *r, const web_headers_t *h)
{
    if (r->api || web_pick_lang(h->cookie, NULL) == r->lang)
        return;
    char c[96];
    snprintf(c, sizeof c, "r1540_lang=%s; Path=/; Max-Age=31536000; SameSite=Strict",
             lang_code(r->lang));
    web_cookie(r, c);
}

/* What a failure of the store or of the machine tells the client: that it
 * failed, not why (a path, an SQLite message); the why goes to the server's
 * log, where the administrator looks. */
static const char *failure_message(web_req_t *r, rc_t rc, const char *detail)
{
    fprintf(stderr, "r1540: %s %s: %s\n", r->method, r->path ? r->path : "", detail);
    return rc == RC_DB ? web_tr(r, "The database is busy or cannot be used. Please try again.")
                       : web_tr(r, "Something went wrong on the server. Please try again.");
}

/* A read-only server (serve --read-only, say on a PostgreSQL standby) answers
 * what anyone may read and nothing else, and writes nothing of its own: no
 * sign-in (a session and a sign-in attempt are writes), no form or API write,
 * no API token (a token may see more than the public, and it is checked
 * against the accounts the primary keeps), no page that needs a user. */
static bool read_only_refuses(const web_req_t *r, const route_t *rt, const web_headers_t *h)
{
    if (!web_app->read_only)
        return false;
    if ((strcmp(r->method, "GET") != 0 && strcmp(r->method, "HEAD") != 0) || h->authorization)
        return true;
    return rt && (rt->action != ACT_PUBLIC || strcmp(rt->pattern, "login") == 0 ||
                  strcmp(rt->pattern, "reset/*") == 0);
}

/* The read-only refusal: 403 with the reason and, when --primary named it, a
 * link to the site that takes sign-ins and changes. */
static void answer_read_only(web_req_t *r, web_answer_t *out)
{
    const char *msg = web_tr(r, "This is a read-only copy of the site: signing in and changes "
                                "are made on the primary site.");
    out->status = 403;
    out->cacheable = false;
    if (r->api) {
        json_t *o = json_pack("{s:{s:i,s:s,s:s}}", "error", "status", 403, "code", "read-only",
                              "message", msg);
        if (web_app->primary)
            json_object_set_new(json_object_get(o, "error"), "primary",
                                json_string(web_app->primary));
        answer_json(r, out, o);
        json_decref(o);
        return;
    }
    json_t *m = json_pack("{s:i,s:s}", "status", 403, "message", msg);
    answer_page(r, out, "error", m);
    out->status = 403;
    json_decref(m);
}

/* Whether the request's user may use the route; if not, out holds the
 * answer: the sign-in page for a page, 401 or 403 otherwise. */
static bool route_authorized(web_req_t *r, const route_t *rt, web_answer_t *out)
{
    const char *state = rt->state_arg >= 0 ? r->args[rt->state_arg] : NULL;
    if (authz_allowed(r->user, rt->action, state)) {
        if (!r->token || r->token->scope == TOKEN_WRITE || strcmp(r->method, "POST") != 0)
            return true;
        answer_error(r, out, 403, web_tr(r, "This API token may only read."));
        return false;
    }
    if (!r->user && !r->api) {
        char *to = arena_alloc(&r->arena, strlen(r->path) + 32);
        snprintf(to, strlen(r->path) + 32, "/%s/login?next=%s", lang_code(r->lang), r->path);
        answer_redirect(out, to);
        return false;
    }
    answer_error(r, out, r->user ? 403 : 401,
                 r->user ? web_tr(r, "You are not allowed to do this.")
                         : web_tr(r, "Please sign in first."));
    return false;
}

/* A read anyone may make, made by no one signed in: its answer is the same
 * for every anonymous caller, so it gets validators, a public Cache-Control
 * and CORS (conditional.h). */
static bool public_read(const web_req_t *r, const route_t *rt)
{
    return rt->action == ACT_PUBLIC && !r->user &&
           (strcmp(r->method, "GET") == 0 || strcmp(r->method, "HEAD") == 0);
}

/* The ETag of a public read: the API and a page of the same path differ. */
static const char *public_etag(web_req_t *r, long long generation)
{
    size_t n = strlen(r->path) + strlen(r->query) + 16;
    char *url = arena_alloc(&r->arena, n);
    snprintf(url, n, "%s/%s%s", r->api ? "api" : "page", r->path, r->query);
    return web_etag(r, url, generation);
}

/* Fills in the validators and caching headers of a public read's answer. */
static void public_headers(web_req_t *r, const route_t *rt, const char *etag,
                           long long changed_at, web_answer_t *out)
{
    out->cors = r->api || r->download;
    if (out->status != 200 && out->status != 304)
        return;
    if (r->no_cache || r->ncookies)
        return;
    out->etag = etag;
    out->last_modified = web_last_modified(changed_at, (long long)time(NULL));
    out->cache_control = web_cache_control(rt->pattern);
}

/* The words a person is shown for a refusal: the field's message in the
 * page's language when the error has one, else the error's own. */
static const char *refusal_text(web_req_t *r, const err_t *e)
{
    return e->code ? web_tr(r, e->code) : e->msg;
}

/* A refused form (bad input, a taken name, a state that does not exist) is
 * answered with its page again, input kept; false when the route has no such
 * page or the page cannot be built (then the error page answers). */
static bool answer_form_again(web_req_t *r, const route_t *rt, rc_t rc, const err_t *fail,
                              web_answer_t *out)
{
    const form_page_t *fp = r->api ? NULL : form_page_of(rt->pattern);
    if (!fp || !(rc == RC_INPUT || rc == RC_NOTFOUND || rc == RC_REFUSED || rc == RC_USAGE))
        return false;
    int status = r->status ? r->status : status_of(rc);
    const char *msg = text_utf8_repair(&r->arena, refusal_text(r, fail));
    json_t *m = json_object();
    err_t e = {0};
    bool ok = form_again(r, fp, fail, msg, m, &e) == RC_OK;
    if (ok) {
        answer_page(r, out, fp->template, m);
        if (out->status != 500)
            out->status = status;
        out->cacheable = false;
    }
    json_decref(m);
    return ok;
}

/* Runs the route's handler once every check has passed. */
static void route_run(web_req_t *r, const route_t *rt, const web_headers_t *h,
                      web_answer_t *out)
{
    if (!route_authorized(r, rt, out))
        return;
    /* a bearer token comes with no cookie: nothing a browser sends by itself */
    if (strcmp(r->method, "POST") == 0 && !(rt->flags & NO_CSRF) && !r->token && !csrf_ok(r, h)) {
        answer_error(r, out, 403,
                     web_tr(r, "The form has expired or did not come from this site. "
                               "Please reload the page and try again."));
        return;
    }
    bool pub = public_read(r, rt);
    /* read before the handler reads the data: if a change comes between, the
     * next request sees a newer generation (a 200 where a 304 would do) */
    long long changed_at = web_data_changed_at();
    const char *etag = pub ? public_etag(r, web_data_generation()) : NULL;
    if (pub && r->ncookies == 0 &&
        web_not_modified(h->if_none_match, h->if_modified_since, etag, changed_at,
                         (long long)time(NULL))) {
        out->status = 304;
        out->content_type = r->api ? "application/json; charset=utf-8" : "text/html; charset=utf-8";
        out->body = "";
        out->len = 0;
        public_headers(r, rt, etag, changed_at, out);
        return;
    }
    const char *const *list = list_of(rt);
    err_t e = {0};
    if (list && web_paging_parse(r, r->api, &e) != RC_OK) {
        answer_error(r, out, 422, e.msg);
        if (pub)
            public_headers(r, rt, etag, changed_at, out);
        return;
    }
    json_t *m = json_object();
    rc_t rc = rt->fn(r, m, &e);
    if (rc == RC_OK && list && *list && r->api)
        web_paging_slice(r, m, *list);
    out->link = r->link;
    if (rc == RC_OK)
        answer_success(r, rt, m, out);
    else if ((rc == RC_DB || rc == RC_FAIL) && !r->status)
        answer_error(r, out, status_of(rc), failure_message(r, rc, e.msg));
    else if (!answer_form_again(r, rt, rc, &e, out))
        answer_error_of(r, out, r->status ? r->status : status_of(rc), refusal_text(r, &e), &e);
    if (pub)
        public_headers(r, rt, etag, changed_at, out);
    json_decref(m);
}

/* A CORS preflight (OPTIONS): 204 with the CORS headers for a path whose GET
 * is a public read that carries CORS (an API call, or a file anyone may
 * download: a route with no template), so that a page on another site may
 * send If-None-Match; anything else is 405 without them, and the browser
 * does not send the request. Answered before any session or token is looked
 * at: a preflight carries neither. */
static void answer_preflight(web_req_t *r, web_answer_t *out)
{
    const char *method = r->method;
    bool other;
    r->method = "GET";
    const route_t *rt = route_find(r, &other);
    r->method = method;
    /* the sign-in and reset forms are public, but no other site has any
     * business with them */
    bool signin = rt && (strcmp(rt->pattern, "login") == 0 || strcmp(rt->pattern, "reset/*") == 0);
    if (!rt && !other) {
        answer_error(r, out, 404, web_tr(r, "There is no such page."));
        return;
    }
    if (!rt || rt->action != ACT_PUBLIC || !(r->api || !rt->template) || signin) {
        answer_error(r, out, 405, web_tr(r, "This address does not take that method."));
        return;
    }
    out->status = 204;
    out->content_type = "text/plain; charset=utf-8";
    out->body = "";
    out->len = 0;
    out->cors = true;
    out->preflight = true;
}

void web_route(web_req_t *r, const char *url, const web_headers_t *h, web_answer_t *out)
{
    if (strncmp(url, "/static/", 8) == 0) {
        /* a query string (style.css?v=2, to bust a browser's cache) names the same file */
        const char *q = strchr(url + 8, '?');
        const char *name = q ? arena_strndup(&r->arena, url + 8, (size_t)(q - url - 8)) : url + 8;
        if (!static_find(name, out))
            out->status = 404, out->content_type = "text/plain", out->body = "not found\n",
            out->len = 10;
        return;
    }
    if (strcmp(url, "/") == 0 || strncmp(url, "/?", 2) == 0) {
        char *to = arena_alloc(&r->arena, 8);
        snprintf(to, 8, "/%s/", lang_code(web_pick_lang(h->cookie, h->accept_language)));
        answer_redirect(out, to);
        return;
    }
    if (web_health_url(url)) {
        web_health(r, out);
        return;
    }
    err_t e = {0};
    if (!parse_url(r, url, h)) {
        r->lang = web_pick_lang(h->cookie, h->accept_language);
        r->path = "";
        if (web_store(&r->st, &e) == RC_OK)
            answer_error(r, out, 404, web_tr(r, "There is no such page."));
        else
            out->status = 404, out->content_type = "text/plain", out->body = "not found\n",
            out->len = 10;
        return;
    }
    if (web_store(&r->st, &e) != RC_OK) {
        r->api = true;
        answer_error(r, out, 503, failure_message(r, RC_DB, e.msg));
        return;
    }
    web_data_check(r->st);
    web_ref_begin();
    r->cookie_header = h->cookie;
    if (strcmp(r->method, "OPTIONS") == 0) {
        answer_preflight(r, out);
        return;
    }
    remember_lang(r, h);
    bool other;
    const route_t *rt = route_find(r, &other);
    if (read_only_refuses(r, rt, h)) {
        answer_read_only(r, out);
        return;
    }
    if (web_app->read_only) {
        /* anonymous whatever the cookie says: resolving a session touches it */
    } else if (r->api && h->authorization) {
        rc_t rc = bearer_resolve(r, h->authorization, &e);
        if (rc == RC_DENIED)
            answer_error(r, out, 401,
                         web_tr(r, "The API token is not valid: unknown, expired or revoked."));
        else if (rc != RC_OK)
            answer_error(r, out, 503, failure_message(r, RC_DB, e.msg));
        if (rc != RC_OK)
            return;
    } else if (session_resolve(r, h->cookie, &e) != RC_OK) {
        answer_error(r, out, 503, failure_message(r, RC_DB, e.msg));
        return;
    }
    if (!rt)
        answer_error(r, out, other ? 405 : 404,
                     other ? web_tr(r, "This address does not take that method.")
                           : web_tr(r, "There is no such page."));
    else
        route_run(r, rt, h, out);
}

/* ---- admission: before a body is read ------------------------------------ */

bool web_route_admit(web_req_t *r, const char *url, const web_headers_t *h,
                     web_answer_t *out, size_t *body_max)
{
    /* what has no route of its own (static files, /, unknown URLs) is
     * answered by web_route later; it needs no more than a small body */
    *body_max = WEB_ANON_BODY_MAX;
    err_t e = {0};
    if (strncmp(url, "/static/", 8) == 0 || !parse_url(r, url, h) ||
        web_store(&r->st, &e) != RC_OK)
        return true;
    bool other;
    const route_t *rt = route_find(r, &other);
    if (read_only_refuses(r, rt, h)) {
        answer_read_only(r, out);
        return false;
    }
    if (!rt || web_app->read_only)
        return true;
    if (r->api && h->authorization) {
        rc_t rc = bearer_resolve(r, h->authorization, &e);
        if (rc == RC_DENIED) {
            answer_error(r, out, 401,
                         web_tr(r, "The API token is not valid: unknown, expired or revoked."));
            return false;
        }
        if (rc != RC_OK)
            return true; /* web_route answers 503 */
    } else if (session_resolve(r, h->cookie, &e) != RC_OK) {
        return true;
    }
    if (!route_authorized(r, rt, out))
        return false;
    if (rt->flags & UPLOAD)
        *body_max = (size_t)web_app->max_upload + 64 * 1024;
    else if (r->user)
        *body_max = WEB_FORM_MAX;
    return true;
}
