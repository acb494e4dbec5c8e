/*
 * A refused form shown again with its input (form_again.h).
 */
#include "form_again.h"

#include <string.h>

#include "../util/text.h"

/* The forms that are shown again on a refusal. The pages of the matrix
 * editor (version.html) answer their own errors (h_entry_set). */
static const form_page_t form_pages[] = {
    {"login", h_login_form, "login", ""},
    {"reset/*", h_reset_form, "reset", ""},
    /* a comment on a row: its text back on that row (h_comment.c) */
    {"states/*/versions/*/draft-comments", h_version, "version", ""},
    {"states/*/versions/*/comments/*", h_version, "version", ""},
    {"states/*/versions/*/comments", h_version, "version", ""},
    /* a proposal's answer or delivery with its note; a lift of a lockout */
    {"assistance/proposals/*/accept", h_proposal, "proposal", ""},
    {"assistance/proposals/*/decline", h_proposal, "proposal", ""},
    {"assistance/proposals/*/deliver", h_proposal, "proposal", ""},
    {"signins/lift", h_signins, "signins", ""},
    {"users", h_users, "users", "role=roles state=states"},
    {"states/*/reports", h_workspace, "workspace", "kind=kinds language=doc_langs"},
    {"states/*/requests", h_state, "state",
     "kind=request_form.kinds priority=request_form.priorities items=request_form.items "
     "themes=request_form.themes languages=request_form.languages areas=request_form.areas"},
    {"assistance/offers", h_offers, "offers",
     "kinds=form.kinds themes=form.themes items=form.items regions=form.regions "
     "languages=form.languages"},
    {"programmes", h_programmes, "programmes",
     "org=form.orgs themes=form.themes regions=form.regions languages=form.languages"},
    {"programmes/*", h_programme, "programme",
     "themes=form.themes regions=form.regions languages=form.languages"},
};

/* A typed value longer than this is not shown again: the message says it is
 * too long, and a page need not carry a megabyte back. */
#define FORM_VALUE_MAX 16384

const form_page_t *form_page_of(const char *pattern)
{
    for (size_t i = 0; i < sizeof form_pages / sizeof *form_pages; i++)
        if (strcmp(form_pages[i].pattern, pattern) == 0)
            return &form_pages[i];
    return NULL;
}

/* Fields never written back into a page: secrets and one-time tokens. */
static bool secret(const char *name)
{
    return strcmp(name, "password") == 0 || strcmp(name, "csrf") == 0 ||
           strcmp(name, "login_token") == 0 || strncmp(name, "password", 8) == 0;
}

static json_t *typed_values(web_req_t *r)
{
    json_t *v = json_object();
    for (size_t i = 0; i < r->nfields; i++) {
        const web_field_t *f = &r->fields[i];
        if (f->filename || secret(f->name) || json_object_get(v, f->name) ||
            f->len > FORM_VALUE_MAX || strlen(f->value) != f->len)
            continue;
        json_object_set_new(v, f->name, json_string(text_utf8_repair(&r->arena, f->value)));
    }
    return v;
}

/* True if code is one of the comma-separated values of list. */
static bool in_list(const char *list, const char *code)
{
    size_t n = strlen(code);
    for (const char *p = list; p && *p;) {
        const char *end = strchr(p, ',');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (len == n && strncmp(p, code, n) == 0)
            return true;
        p = end ? end + 1 : NULL;
    }
    return false;
}

/* Marks the options of m's list `key` ("list" or "object.list") that field
 * was sent with. The list is copied first: a page's lists may be shared with
 * the thread's cache. */
static void mark_chosen(web_req_t *r, json_t *m, const char *field, const char *key)
{
    const char *dot = strchr(key, '.');
    if (dot) {
        m = json_object_get(m, arena_strndup(&r->arena, key, (size_t)(dot - key)));
        key = dot + 1;
    }
    json_t *list = json_is_object(m) ? json_object_get(m, key) : NULL, *o;
    const char *sent = web_param_list(r, field);
    if (!json_is_array(list))
        return;
    json_t *copy = json_deep_copy(list);
    size_t i;
    json_array_foreach(copy, i, o) {
        const char *code = json_string_value(json_object_get(o, "code"));
        json_object_set_new(o, "chosen", json_boolean(code && in_list(sent, code)));
    }
    json_object_set_new(m, key, copy);
}

static void mark_choices(web_req_t *r, json_t *m, const char *choices)
{
    for (const char *p = choices; *p;) {
        size_t len = strcspn(p, " ");
        const char *eq = memchr(p, '=', len);
        if (eq) {
            char *field = arena_strndup(&r->arena, p, (size_t)(eq - p));
            char *key = arena_strndup(&r->arena, eq + 1, len - (size_t)(eq - p) - 1);
            mark_chosen(r, m, field, key);
        }
        p += len;
        while (*p == ' ')
            p++;
    }
}

rc_t form_again(web_req_t *r, const form_page_t *fp, const err_t *fail, const char *msg,
                json_t *m, err_t *e)
{
    int status = r->status;
    rc_t rc = fp->fn(r, m, e);
    r->status = status; /* the refusal's, not the page's */
    r->redirect = NULL;
    r->no_cache = true;
    if (rc != RC_OK)
        return rc;
    mark_choices(r, m, fp->choices);
    json_t *form = json_object();
    json_object_set_new(form, "error", json_string(msg));
    json_object_set_new(form, "v", typed_values(r));
    json_t *by_field = json_object();
    if (fail->field[0]) {
        json_object_set_new(form, "field", json_string(fail->field));
        json_object_set_new(by_field, fail->field, json_string(msg));
    }
    json_object_set_new(form, "e", by_field);
    json_object_set_new(m, "again", form);
    return RC_OK;
}
