/*
 * Effective practices and lessons learned (issue 17 item 5): the list and
 * the practices of one matrix item (/LANG/practices?item=ID,
 * /api/v1/practices), one practice with its review form
 * (/LANG/practices/ID), its document, and the submission, publication and
 * return. Never cached: what a reader sees depends on who reads (a practice
 * under review is shown to its reviewers and its own submitting side only,
 * src/app/app_practice.h). Every change is an operation of
 * src/app/app_practice.c.
 */
#include <stdio.h>
#include <string.h>

#include "../app/app_practice.h"
#include "../core/media.h"
#include "../util/text.h"
#include "change.h"
#include "handlers.h"
#include "model.h"
#include "web.h"

static const char *status_name(web_req_t *r, const char *status)
{
    if (status && strcmp(status, PRACTICE_PUBLISHED) == 0)
        return web_tr(r, "Published after review");
    if (status && strcmp(status, PRACTICE_RETURNED) == 0)
        return web_tr(r, "Returned with a note");
    return web_tr(r, "Waiting for review");
}

/* A comma-separated list as a JSON array of strings. */
static json_t *list_json(const char *list)
{
    json_t *a = json_array();
    for (const char *p = list; p && *p;) {
        size_t n = strcspn(p, ",");
        json_array_append_new(a, json_stringn(p, n));
        p += n + (p[n] != '\0');
    }
    return a;
}

/* The submitter's name in the reader's language: the state's, or the
 * organization's code. */
static const char *by_name(web_req_t *r, const practice_t *p)
{
    state_t s;
    err_t ignore = {0};
    if (p->state[0] && store_state_get(r->st, p->state, &r->arena, &s, &ignore) == RC_OK)
        return s.name[r->lang];
    return p->state[0] ? p->state : p->org;
}

static json_t *practice_json(web_req_t *r, const practice_t *p)
{
    json_t *o = json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:b}", "id",
                          (json_int_t)p->id, "state", p->state, "org", p->org, "by",
                          by_name(r, p), "title", p->title, "summary", p->summary, "language",
                          p->language, "status", p->status, "status_name",
                          status_name(r, p->status), "submitted", p->submitted, "decided",
                          p->decided, "demo", p->demo);
    json_object_set_new(o, "kind", json_string("practice"));
    json_object_set_new(o, "items", list_json(p->items));
    json_object_set_new(o, "themes", list_json(p->themes));
    json_object_set_new(o, "published", json_boolean(strcmp(p->status, PRACTICE_PUBLISHED) == 0));
    /* the note and the submitter's account are for the reviewers and the
     * submitting side, who alone read a practice that is not published */
    if (strcmp(p->status, PRACTICE_PUBLISHED) != 0) {
        json_object_set_new(o, "note", json_string(p->note));
        json_object_set_new(o, "submitter", json_string(p->submitter));
    }
    if (p->has_document)
        json_object_set_new(o, "document",
                            json_pack("{s:s,s:s,s:I,s:s}", "filename", p->filename, "media_type",
                                      p->media_type, "size", (json_int_t)p->size, "sha256",
                                      p->sha256));
    else
        json_object_set_new(o, "document", json_null());
    return o;
}

/* What the submission form needs: whether the reader may submit, and for
 * whom (a point of contact: their state; a provider: their organization;
 * an expert: either, typed). */
static void submit_form(web_req_t *r, json_t *m)
{
    const user_t *u = r->user;
    if (!u || !authz_allowed(u, ACT_PRACTICE_SUBMIT, u->role == ROLE_POC ? u->state : NULL))
        return;
    json_t *f = json_object();
    if (u->role == ROLE_POC)
        json_object_set_new(f, "state", json_string(u->state));
    else if (u->role == ROLE_PROVIDER)
        json_object_set_new(f, "org", json_string(u->org ? u->org : ""));
    else
        json_object_set_new(f, "choose", json_true());
    const char *item = web_query(r, "item");
    json_object_set_new(f, "item", json_string(item && text_single_line_ok(item, 40) ? item : ""));
    json_t *langs = json_array();
    for (int l = 0; l < LANG_COUNT; l++)
        json_array_append_new(langs, json_pack("{s:s,s:s,s:b}", "code", lang_code((lang_t)l),
                                               "name", lang_native_name((lang_t)l), "selected",
                                               l == (int)r->lang));
    json_object_set_new(f, "languages", langs);
    json_object_set_new(m, "submit", f);
}

rc_t h_practices(web_req_t *r, json_t *m, err_t *e)
{
    practice_filter_t f = {.status = web_query(r, "status"), .item = web_query(r, "item"),
                           .org = web_query(r, "org")};
    const char *state = web_query(r, "state");
    state_t s;
    app_t a;
    practice_t *rows;
    size_t n;
    rc_t rc = RC_OK;
    if (f.item && *f.item && !template_item_id_ok(f.item))
        return web_fail(r, e, 422, RC_INPUT, "%s", web_tr(r, "item: not a template item id."));
    if (state && *state && (rc = model_state_arg(r, state, &s, e)) != RC_OK)
        return rc;
    f.state = state && *state ? s.alpha3 : NULL;
    web_app_of(r, &a);
    if ((rc = app_practice_list(&a, &f, &rows, &n, e)) == RC_INPUT)
        r->status = 422;
    if (rc != RC_OK)
        return rc;
    r->no_cache = true;
    json_t *list = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(list, practice_json(r, &rows[i]));
    json_object_set_new(m, "practices", list);
    json_object_set_new(m, "item", json_string(f.item && *f.item ? f.item : ""));
    json_object_set_new(m, "can_review", json_boolean(authz_allowed(r->user, ACT_PRACTICE_REVIEW,
                                                                    NULL)));
    if (!r->api)
        submit_form(r, m);
    return RC_OK;
}

static rc_t practice_arg(web_req_t *r, practice_t *p, err_t *e)
{
    app_t a;
    long long id = web_id(r->args[0]);
    web_app_of(r, &a);
    rc_t rc = id ? app_practice_get(&a, id, p, e) : RC_NOTFOUND;
    if (rc == RC_NOTFOUND)
        return web_fail(r, e, 404, RC_NOTFOUND, "%s", web_tr(r, "There is no such practice."));
    return rc;
}

rc_t h_practice(web_req_t *r, json_t *m, err_t *e)
{
    practice_t p;
    rc_t rc = practice_arg(r, &p, e);
    if (rc != RC_OK)
        return rc;
    r->no_cache = true;
    json_object_set_new(m, "practice", practice_json(r, &p));
    json_object_set_new(m, "can_decide",
                        json_boolean(authz_allowed(r->user, ACT_PRACTICE_REVIEW, NULL) &&
                                     strcmp(p.status, PRACTICE_SUBMITTED) == 0));
    return RC_OK;
}

rc_t h_practice_file(web_req_t *r, json_t *m, err_t *e)
{
    (void)m;
    practice_t p;
    app_t a;
    void *doc;
    size_t len;
    long long id = web_id(r->args[0]);
    web_app_of(r, &a);
    rc_t rc = id ? app_practice_document(&a, id, &p, &doc, &len, e) : RC_NOTFOUND;
    if (rc == RC_NOTFOUND)
        return web_fail(r, e, 404, RC_NOTFOUND, "%s", web_tr(r, "There is no such practice."));
    if (rc != RC_OK)
        return rc;
    r->no_cache = true;
    /* the name is ours (practice-ID.ext): a submitted name never reaches the header */
    r->download = arena_printf(&r->arena, "attachment; filename=\"practice-%lld%s\"", p.id,
                               media_extension(p.media_type));
    r->file = doc;
    r->file_len = len;
    r->file_type = p.media_type;
    return RC_OK;
}

/* An API body's fields must be strings: a number or a list is not taken for
 * its printed form. */
static rc_t strings_only(web_req_t *r, err_t *e)
{
    static const char *const names[] = {"state", "org", "title", "summary", "language", "items",
                                        "themes", NULL};
    for (size_t i = 0; r->body && names[i]; i++) {
        json_t *v = json_object_get(r->body, names[i]);
        if (v && !json_is_string(v) && !json_is_null(v))
            return web_fail(r, e, 422, RC_INPUT, "%s: %s", names[i],
                            web_tr(r, "give a string."));
    }
    return RC_OK;
}

rc_t h_practice_submit(web_req_t *r, json_t *m, err_t *e)
{
    if (strings_only(r, e) != RC_OK)
        return RC_INPUT;
    const web_field_t *f = web_file(r, "file");
    app_practice_in_t in = {.state = web_param(r, "state"), .org = web_param(r, "org"),
                            .title = web_param(r, "title"), .summary = web_param(r, "summary"),
                            .language = web_param(r, "language"),
                            .items = web_param(r, "items"), .themes = web_param(r, "themes")};
    if (f && f->filename && *f->filename) { /* a form's empty file input sends no name */
        if ((long long)f->len > web_app->max_upload)
            return web_fail_field(r, e, 413, RC_REFUSED, "file", "The file is too large.");
        in.filename = f->filename;
        in.doc = f->value;
        in.len = f->len;
    }
    app_t a;
    practice_t p;
    web_app_of(r, &a);
    rc_t rc = app_practice_submit(&a, &in, &p, e);
    if (rc == RC_INPUT || (rc == RC_NOTFOUND && !r->status))
        r->status = 422; /* a bad field of the form, not a missing page */
    if (rc != RC_OK)
        return rc;
    json_object_set_new(m, "practice", practice_json(r, &p));
    r->status = 201;
    r->redirect = arena_printf(&r->arena, "practices/%lld?msg=practice-submitted", p.id);
    return RC_OK;
}

static rc_t decide(web_req_t *r, json_t *m, const char *decision, err_t *e)
{
    app_t a;
    practice_t p;
    long long id = web_id(r->args[0]);
    web_app_of(r, &a);
    rc_t rc = id ? app_practice_decide(&a, id, decision, web_param(r, "note"), &p, e)
                 : web_fail(r, e, 404, RC_NOTFOUND, "%s", web_tr(r, "There is no such practice."));
    if (rc == RC_INPUT)
        r->status = 422;
    if (rc != RC_OK)
        return rc;
    json_object_set_new(m, "practice", practice_json(r, &p));
    r->redirect = arena_printf(&r->arena, "practices/%lld?msg=practice-%s", id,
                               strcmp(decision, "publish") == 0 ? "published" : "returned");
    return RC_OK;
}

rc_t h_practice_publish(web_req_t *r, json_t *m, err_t *e) { return decide(r, m, "publish", e); }

rc_t h_practice_return(web_req_t *r, json_t *m, err_t *e) { return decide(r, m, "return", e); }
