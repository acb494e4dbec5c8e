/*
 * The draft review's operations (app_comment.h). Each reads the version and
 * the comment inside its write transaction, so that a comment sent, or a
 * version taken back, meanwhile is seen; the store's WHERE clauses hold the
 * same rules once more.
 */
#include "app_comment.h"

#include <stdio.h>
#include <string.h>

#include "../core/template.h"
#include "../util/buf.h"
#include "../util/json_out.h"
#include "../util/text.h"

/* The audit log's name of a comment: "matrix:FRA/3#12". */
static const char *comment_object(app_t *a, const char *state, int number, long long id)
{
    char object[64];
    snprintf(object, sizeof object, "matrix:%s/%d#%lld", state, number, id);
    return arena_strdup(a->arena, object);
}

/* True if text has something besides spaces and line breaks: a comment of
 * blanks says nothing to the experts. */
static bool text_says_something(const char *text)
{
    return text && text[strspn(text, " \t\r\n")] != '\0';
}

static rc_t text_check(app_t *a, const char *text, err_t *e)
{
    if (!text_says_something(text) || !text_multi_line_ok(text, REVIEW_COMMENT_MAX))
        return app_fail_field(a, e, RC_INPUT, "text",
                              "A comment needs text (at most 4,000 characters).");
    return RC_OK;
}

/* The version, read in the transaction; RC_REFUSED unless it is with the
 * state (comments are written while the state holds the version). */
static rc_t version_with_state(app_t *a, const char *state, int number, matrix_version_t *v,
                               err_t *e)
{
    rc_t rc = store_version_get(a->st, state, number, a->arena, v, e);
    if (rc == RC_NOTFOUND)
        return app_fail(a, e, RC_NOTFOUND, "There is no matrix version %d of %s.", number, state);
    if (rc == RC_OK && v->status != MV_WITH_STATE)
        return app_fail(a, e, RC_REFUSED,
                        "%s version %d is not with the state: comments are written while it is.",
                        state, number);
    return rc;
}

/* RC_INPUT unless item is an item of the version's template. */
static rc_t item_in_template(app_t *a, const matrix_version_t *v, const char *item, err_t *e)
{
    template_item_t *items;
    size_t n;
    if (!item || !*item || !template_item_id_ok(item))
        return app_fail_field(a, e, RC_INPUT, "item", "Choose the row the comment is on.");
    rc_t rc = store_template_items(a->st, v->template_version, a->arena, &items, &n, e);
    for (size_t i = 0; rc == RC_OK && i < n; i++)
        if (strcmp(items[i].id, item) == 0)
            return RC_OK;
    return rc == RC_OK ? app_fail(a, e, RC_INPUT, "Item %s: unknown template item.", item) : rc;
}

/* RC_REFUSED if the state has accepted the version: its answer is given. */
static rc_t not_accepted(app_t *a, const matrix_version_t *v, err_t *e)
{
    matrix_review_t rv;
    rc_t rc = store_review_get(a->st, v->id, a->arena, &rv, e);
    if (rc == RC_NOTFOUND) {
        err_clear(e);
        return RC_OK;
    }
    if (rc == RC_OK && strcmp(rv.response, "accepted") == 0)
        return app_fail(a, e, RC_REFUSED, "The state has already accepted this version.");
    return rc;
}

static rc_t finish(app_t *a, rc_t rc, const char *action, const char *state, int number,
                   long long id, const char *item, err_t *e)
{
    buf_t d;
    buf_init(&d, 0);
    buf_putc(&d, '{');
    json_out_kv(&d, 0, "item", item ? item : "");
    buf_putc(&d, '}');
    rc = app_finish(a, rc, action, comment_object(a, state, number, id), buf_str(&d), e);
    buf_free(&d);
    return rc;
}

rc_t app_comment_add(app_t *a, const char *state, int number, const char *item, const char *text,
                     long long *id, err_t *e)
{
    state_t s;
    matrix_version_t v;
    rc_t rc = app_state(a, state, &s, e);
    if (rc == RC_OK)
        rc = app_allow(a, ACT_MATRIX_REVIEW, s.alpha3, e);
    if (rc == RC_OK)
        rc = text_check(a, text, e);
    if (rc != RC_OK || (rc = app_begin(a, e)) != RC_OK)
        return rc;
    matrix_comment_t c = {.user_id = a->actor.user->id, .item = (char *)item,
                          .text = (char *)text, .created = "", .sent = false};
    if ((rc = version_with_state(a, s.alpha3, number, &v, e)) == RC_OK &&
        (rc = item_in_template(a, &v, item, e)) == RC_OK && (rc = not_accepted(a, &v, e)) == RC_OK) {
        c.version_id = v.id;
        rc = store_comment_insert(a->st, &c, e);
    }
    rc = finish(a, rc, "matrix.comment.draft", s.alpha3, number, c.id, item, e);
    if (rc == RC_OK && id)
        *id = c.id;
    return rc;
}

/* The actor's own draft comment id on the version, read in the transaction. */
static rc_t own_draft(app_t *a, const matrix_version_t *v, long long id, matrix_comment_t *c,
                      err_t *e)
{
    rc_t rc = store_comment_get(a->st, id, a->arena, c, e);
    if (rc == RC_NOTFOUND || (rc == RC_OK && c->version_id != v->id))
        return app_fail(a, e, RC_NOTFOUND, "There is no comment %lld on this version.", id);
    if (rc != RC_OK)
        return rc;
    if (c->user_id != a->actor.user->id)
        return app_fail(a, e, RC_DENIED, "Only its author may change a draft comment.");
    if (c->sent)
        return app_fail(a, e, RC_REFUSED, "This comment was sent; it can no longer change.");
    return RC_OK;
}

/* Edit (text) or delete (text NULL) of the actor's own draft. */
static rc_t draft_change(app_t *a, const char *state, int number, long long id, const char *text,
                         err_t *e)
{
    state_t s;
    matrix_version_t v;
    matrix_comment_t c = {0};
    rc_t rc = app_state(a, state, &s, e);
    if (rc == RC_OK)
        rc = app_allow(a, ACT_MATRIX_REVIEW, s.alpha3, e);
    if (rc == RC_OK && text)
        rc = text_check(a, text, e);
    if (rc != RC_OK || (rc = app_begin(a, e)) != RC_OK)
        return rc;
    if ((rc = version_with_state(a, s.alpha3, number, &v, e)) == RC_OK &&
        (rc = own_draft(a, &v, id, &c, e)) == RC_OK)
        rc = text ? store_comment_set_text(a->st, id, text, e) : store_comment_delete(a->st, id, e);
    return finish(a, rc, text ? "matrix.comment.edit" : "matrix.comment.delete", s.alpha3, number,
                  id, c.item, e);
}

rc_t app_comment_edit(app_t *a, const char *state, int number, long long id, const char *text,
                      err_t *e)
{
    if (!text)
        text = "";
    return draft_change(a, state, number, id, text, e);
}

rc_t app_comment_delete(app_t *a, const char *state, int number, long long id, err_t *e)
{
    return draft_change(a, state, number, id, NULL, e);
}

rc_t app_comment_answer(app_t *a, const char *state, int number, long long id, err_t *e)
{
    state_t s;
    matrix_version_t v;
    matrix_comment_t c = {0};
    rc_t rc = app_state(a, state, &s, e);
    if (rc == RC_OK)
        rc = app_allow(a, ACT_MATRIX_EDIT, s.alpha3, e);
    if (rc != RC_OK || (rc = app_begin(a, e)) != RC_OK)
        return rc;
    rc = store_version_get(a->st, s.alpha3, number, a->arena, &v, e);
    if (rc == RC_NOTFOUND)
        rc = app_fail(a, e, RC_NOTFOUND, "There is no matrix version %d of %s.", number, s.alpha3);
    if (rc == RC_OK)
        rc = store_comment_get(a->st, id, a->arena, &c, e);
    if (rc == RC_NOTFOUND || (rc == RC_OK && (c.version_id != v.id || !c.sent)))
        rc = app_fail(a, e, RC_NOTFOUND, "There is no comment %lld on this version.", id);
    else if (rc == RC_OK && *c.answered)
        rc = app_fail(a, e, RC_REFUSED, "This comment is already marked answered.");
    if (rc == RC_OK)
        rc = store_comment_answer(a->st, id, a->actor.user->id, e);
    return finish(a, rc, "matrix.comment.answer", s.alpha3, number, id, c.item, e);
}
