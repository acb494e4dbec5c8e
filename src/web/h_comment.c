/*
 * A state's comments on the rows of a version (app_comment.h): the point of
 * contact writes, edits and deletes draft comments on rows, which only the
 * state sees until "send the comments back" (h_version_comment, the workflow's
 * comment step) sends them together; the experts see each sent comment on its
 * row and mark it answered. A refused comment shows the page again with the
 * text kept, on its row (form_again.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../app/app_comment.h"
#include "../core/authz.h"
#include "../core/template.h"
#include "change.h"
#include "handlers.h"
#include "model.h"
#include "web.h"

/* The comment's JSON for the page: its row, author, text and what the
 * viewer may do with it. */
static json_t *comment_json(web_req_t *r, const matrix_comment_t *c, bool review, bool edit)
{
    bool mine = !c->sent && review && r->user && r->user->id == c->user_id;
    json_t *o = json_pack("{s:I,s:s,s:s,s:s,s:s,s:b,s:b,s:b}", "id", (json_int_t)c->id, "item",
                          c->item, "user", c->user_name ? c->user_name : "", "text", c->text,
                          "created", c->created, "draft", !c->sent, "mine", mine, "can_answer",
                          c->sent && !*c->answered && edit);
    if (*c->answered)
        json_object_set_new(o, "answered", json_string(c->answered));
    /* a refused edit of this comment: the text as typed goes back in its box */
    const char *again = web_param(r, "comment");
    const char *text = web_param(r, "text");
    char *end;
    bool refused = mine && strcmp(r->method, "POST") == 0 && again && text &&
                   strtoll(again, &end, 10) == c->id && !*end;
    json_object_set_new(o, "edit_text", json_string(refused ? text : c->text));
    if (refused)
        json_object_set_new(o, "refused", json_true());
    return o;
}

/* A refused comment on this row (the POST being answered with its page
 * again): its text goes back into the row's form. */
static void row_again(web_req_t *r, json_t *row, const char *item)
{
    const char *sent_item = web_param(r, "item");
    const char *text = web_param(r, "text");
    if (strcmp(r->method, "POST") == 0 && text && sent_item && strcmp(sent_item, item) == 0 &&
        !web_param(r, "comment"))
        json_object_set_new(row, "comment_again", json_pack("{s:s}", "text", text));
}

rc_t h_version_comments(web_req_t *r, const char *state, const matrix_version_t *v, json_t *m,
                        err_t *e)
{
    matrix_comment_t *c;
    size_t n;
    rc_t rc = store_comments(r->st, v->id, &r->arena, &c, &n, e);
    if (rc != RC_OK)
        return rc;
    /* drafts are the state's until sent; answering is the experts' */
    bool review = authz_allowed(r->user, ACT_MATRIX_REVIEW, state);
    bool edit = authz_allowed(r->user, ACT_MATRIX_EDIT, state);
    json_t *all = json_array();
    int drafts = 0;
    for (size_t i = 0; i < n; i++) {
        if (!c[i].sent && !review)
            continue;
        drafts += !c[i].sent;
        json_array_append_new(all, comment_json(r, &c[i], review, edit));
        json_t *row = *c[i].item ? web_matrix_entry_of(m, c[i].item) : NULL;
        if (!row)
            continue;
        json_t *list = json_object_get(row, "row_comments");
        if (!list)
            json_object_set_new(row, "row_comments", list = json_array());
        json_array_append_new(list, comment_json(r, &c[i], review, edit));
    }
    json_object_set_new(m, "comments", all);
    json_object_set_new(m, "drafts", json_integer(drafts));
    if (json_is_true(json_object_get(m, "can_review"))) {
        /* every row offers a comment */
        json_t *sec, *tab, *en;
        size_t i, k, j;
        json_array_foreach(json_object_get(json_object_get(m, "matrix"), "sections"), i, sec)
            json_array_foreach(json_object_get(sec, "tables"), k, tab)
                json_array_foreach(json_object_get(tab, "entries"), j, en) {
                    json_object_set_new(en, "can_comment", json_true());
                    row_again(r, en, json_string_value(json_object_get(en, "item")));
                }
    }
    return RC_OK;
}

/* The version and comment of the URL: states/X/versions/N[/comments/ID]. */
static rc_t comment_ref(web_req_t *r, state_t *s, matrix_version_t *v, long long *id, err_t *e)
{
    rc_t rc = model_state_arg(r, r->args[0], s, e);
    if (rc == RC_OK)
        rc = model_version_arg(r, s, r->args[1], v, e);
    if (rc != RC_OK || !id)
        return rc;
    char *end;
    const char *arg = r->args[2] ? r->args[2] : "";
    *id = strtoll(arg, &end, 10);
    if (!*arg || *end || *id <= 0)
        return web_fail(r, e, 404, RC_NOTFOUND, "%s", web_tr(r, "There is no such comment."));
    return RC_OK;
}

/* Back to the row, which shows the comment, with a message. */
static void go_row(web_req_t *r, const state_t *s, const matrix_version_t *v, const char *msg,
                   const char *item)
{
    bool row = item && template_item_id_ok(item); /* a sent value: only an id's characters */
    size_t len = 200;
    r->redirect = arena_alloc(&r->arena, len);
    snprintf(r->redirect, len, "states/%s/versions/%d?msg=%s%s%s", s->alpha3, v->number, msg,
             row ? "#" : "", row ? item : "");
}

rc_t h_comment_add(web_req_t *r, json_t *m, err_t *e)
{
    state_t s;
    matrix_version_t v;
    app_t a;
    long long id = 0;
    rc_t rc = comment_ref(r, &s, &v, NULL, e);
    if (rc != RC_OK)
        return rc;
    const char *item = web_param(r, "item");
    web_app_of(r, &a);
    rc = app_comment_add(&a, s.alpha3, v.number, item, web_param(r, "text"), &id, e);
    if (rc != RC_OK)
        return rc;
    json_object_set_new(m, "id", json_integer(id));
    r->status = 201;
    go_row(r, &s, &v, "comment-drafted", item);
    return RC_OK;
}

rc_t h_comment_edit(web_req_t *r, json_t *m, err_t *e)
{
    state_t s;
    matrix_version_t v;
    app_t a;
    long long id;
    rc_t rc = comment_ref(r, &s, &v, &id, e);
    if (rc != RC_OK)
        return rc;
    web_app_of(r, &a);
    rc = app_comment_edit(&a, s.alpha3, v.number, id, web_param(r, "text"), e);
    if (rc != RC_OK)
        return rc;
    json_object_set_new(m, "id", json_integer(id));
    go_row(r, &s, &v, "comment-edited", web_param(r, "item"));
    return RC_OK;
}

rc_t h_comment_delete(web_req_t *r, json_t *m, err_t *e)
{
    state_t s;
    matrix_version_t v;
    app_t a;
    long long id;
    rc_t rc = comment_ref(r, &s, &v, &id, e);
    if (rc != RC_OK)
        return rc;
    web_app_of(r, &a);
    rc = app_comment_delete(&a, s.alpha3, v.number, id, e);
    if (rc != RC_OK)
        return rc;
    json_object_set_new(m, "id", json_integer(id));
    go_row(r, &s, &v, "comment-deleted", web_param(r, "item"));
    return RC_OK;
}

rc_t h_comment_answer(web_req_t *r, json_t *m, err_t *e)
{
    state_t s;
    matrix_version_t v;
    app_t a;
    long long id;
    rc_t rc = comment_ref(r, &s, &v, &id, e);
    if (rc != RC_OK)
        return rc;
    web_app_of(r, &a);
    rc = app_comment_answer(&a, s.alpha3, v.number, id, e);
    if (rc != RC_OK)
        return rc;
    json_object_set_new(m, "id", json_integer(id));
    go_row(r, &s, &v, "comment-answered", web_param(r, "item"));
    return RC_OK;
}
