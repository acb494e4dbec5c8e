/*
 * Matrix operations (app_matrix.h). The rules they apply live in
 * src/core/matrix_workflow.c's table and in the store's refusals (an approved
 * version never changes); this file only reads them, inside the transaction.
 */
#include "app_matrix.h"
#include "app_notify.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/buf.h"
#include "../util/date.h"
#include "../util/json_out.h"
#include "../util/text.h"

/* The audit log's name of a version: "matrix:FRA/3". */
static const char *version_object(app_t *a, const char *state, int number)
{
    char object[32];
    snprintf(object, sizeof object, "matrix:%s/%d", state, number);
    return arena_strdup(a->arena, object);
}

/* A date given for a step or a new version: valid and not in the future;
 * today when none is given. */
static rc_t date_arg(app_t *a, const char *given, char out[11], err_t *e)
{
    date_today(out);
    if (!given)
        return RC_OK;
    if (strlen(given) != 10 || !date_valid(given))
        return app_fail(a, e, RC_INPUT, "'%s' is not a date (YYYY-MM-DD).", given);
    if (strcmp(given, out) > 0)
        return app_fail(a, e, RC_INPUT, "%s is in the future.", given);
    memcpy(out, given, 11);
    return RC_OK;
}

/* Reads the version inside the transaction. */
static rc_t version_read(app_t *a, const char *state, int number, matrix_version_t *v, err_t *e)
{
    rc_t rc = store_version_get(a->st, state, number, a->arena, v, e);
    if (rc == RC_NOTFOUND)
        return app_fail(a, e, RC_NOTFOUND, "There is no matrix version %d of %s.", number, state);
    return rc;
}

/* Whether the state's present answer to the version is an acceptance. */
static rc_t version_accepted(app_t *a, long long version_id, bool *accepted, err_t *e)
{
    matrix_review_t rv;
    rc_t rc = store_review_get(a->st, version_id, a->arena, &rv, e);
    *accepted = rc == RC_OK && strcmp(rv.response, "accepted") == 0;
    if (rc == RC_NOTFOUND) {
        err_clear(e);
        return RC_OK;
    }
    return rc;
}

/* ---- new ------------------------------------------------------------------ */

/* RC_NOTFOUND unless template version `version` is loaded. */
static rc_t template_known(app_t *a, int version, err_t *e)
{
    template_item_t *items;
    size_t n;
    rc_t rc = store_template_items(a->st, version, a->arena, &items, &n, e);
    if (rc == RC_OK && n == 0)
        return app_fail(a, e, RC_NOTFOUND, "There is no template version %d.", version);
    return rc;
}

/* tmpl (issue 12): replaces *es (entries of `from`) by those the crosswalk
 * carries to template version `to`; in->carry, if given, gets the details. */
static rc_t carry(app_t *a, const matrix_version_t *from, int to, const app_matrix_new_t *in,
                  matrix_entry_t **es, size_t *ne, err_t *e)
{
    template_item_t *fi, *ti;
    size_t nf, nt;
    template_carry_t c;
    int gap = to - from->template_version;
    rc_t rc = template_known(a, to, e);
    if (rc == RC_OK && (gap < -1 || gap > 1))
        return app_fail(a, e, RC_INPUT,
                        "No crosswalk joins template v%d to v%d: carry one version at a time.",
                        from->template_version, to);
    if (rc == RC_OK)
        rc = store_template_items(a->st, from->template_version, a->arena, &fi, &nf, e);
    if (rc == RC_OK)
        rc = store_template_items(a->st, to, a->arena, &ti, &nt, e);
    if (rc == RC_OK)
        rc = template_carry(from->template_version, fi, nf, to, ti, nt, *es, *ne, a->arena, &c, e);
    if (rc != RC_OK)
        return rc;
    *es = c.entries;
    *ne = c.ncarried;
    if (in->carry)
        *in->carry = c;
    return RC_OK;
}

/* The state's versions, the newest last, and the template version to use. */
static rc_t new_source(app_t *a, const state_t *s, const app_matrix_new_t *in, matrix_version_t *v,
                       matrix_entry_t **es, size_t *ne, err_t *e)
{
    matrix_version_t *vs, from;
    size_t nv;
    char *tv;
    rc_t rc = store_version_list(a->st, s->alpha3, a->arena, &vs, &nv, e);
    if (rc == RC_OK)
        rc = store_meta_get(a->st, "template_version", a->arena, &tv, e);
    if (rc != RC_OK)
        return rc;
    if (in->from && (rc = version_read(a, s->alpha3, in->from, &from, e)) != RC_OK)
        return rc;
    for (size_t i = 0; i < nv; i++)
        if (matrix_status_in_progress(vs[i].status))
            return app_fail(a, e, RC_REFUSED, "This state already has a version in progress.");
    v->number = nv ? vs[nv - 1].number + 1 : 1;
    v->template_version = in->template_version ? in->template_version : (int)strtol(tv, NULL, 10);
    *es = NULL;
    *ne = 0;
    if (!nv && !in->from)
        return template_known(a, v->template_version, e);
    if (!in->from)
        from = vs[nv - 1];
    if (!in->template_version)
        v->template_version = from.template_version;
    rc = store_entries(a->st, from.id, a->arena, es, ne, e);
    if (rc == RC_OK && v->template_version != from.template_version)
        rc = carry(a, &from, v->template_version, in, es, ne, e);
    return rc;
}

rc_t app_matrix_new(app_t *a, const char *state, const app_matrix_new_t *in, matrix_version_t *out,
                    size_t *copied, err_t *e)
{
    state_t s;
    matrix_version_t v = {.note = (char *)(in->note ? in->note : "")};
    matrix_entry_t *es;
    size_t ne = 0;
    rc_t rc = app_state(a, state, &s, e);
    if (rc == RC_OK)
        rc = app_allow(a, ACT_MATRIX_EDIT, s.alpha3, e);
    if (rc == RC_OK)
        rc = date_arg(a, in->date, v.created, e);
    if (rc == RC_OK && !text_single_line_ok(v.note, 200))
        rc = app_fail(a, e, RC_INPUT, "The note must be one line of at most 200 bytes.");
    if (rc != RC_OK || (rc = app_begin(a, e)) != RC_OK)
        return rc;
    memcpy(v.state, s.alpha3, 4);
    rc = new_source(a, &s, in, &v, &es, &ne, e);
    if (rc == RC_OK && (rc = store_version_insert(a->st, &v, e)) == RC_OK) /* no version */
        rc = store_entries_insert(a->st, v.id, es, ne, e);                 /* without its entries */
    buf_t detail;
    buf_init(&detail, 0);
    buf_printf(&detail, "{\"template_version\":%d,\"entries\":%zu", v.template_version, ne);
    if (in->template_version) /* tmpl (issue 12): carried through the crosswalk */
        buf_printf(&detail, ",\"not_carried\":%zu", in->carry ? in->carry->nlost : (size_t)0);
    if (in->from)
        buf_printf(&detail, ",\"from\":%d", in->from);
    buf_puts(&detail, "}");
    rc =
        app_finish(a, rc, "matrix.new", version_object(a, s.alpha3, v.number), buf_str(&detail), e);
    buf_free(&detail);
    if (rc == RC_OK) {
        *out = v;
        *copied = ne;
    }
    return rc;
}

/* ---- set ------------------------------------------------------------------ */

/* RC_NOTFOUND unless item is an item of the version's template. */
static rc_t item_check(app_t *a, const matrix_version_t *v, const char *item, err_t *e)
{
    template_item_t *items;
    size_t n;
    rc_t rc = store_template_items(a->st, v->template_version, a->arena, &items, &n, e);
    for (size_t i = 0; rc == RC_OK && i < n; i++)
        if (strcmp(items[i].id, item) == 0)
            return RC_OK;
    return rc == RC_OK ? app_fail(a, e, RC_NOTFOUND, "Item %s: unknown template item.", item) : rc;
}

/* The writes of a set, inside the transaction: the status check, the
 * acceptance it clears, the entry. */
static rc_t set_write(app_t *a, const matrix_version_t *v, const matrix_entry_t *en, bool *cleared,
                      err_t *e)
{
    bool accepted;
    rc_t rc = item_check(a, v, en->item, e);
    if (rc == RC_OK && !matrix_status_editable(v->status))
        return app_fail(a, e, RC_REFUSED,
                        "%s version %d is %s and cannot change: only a draft's "
                        "entries change.",
                        v->state, v->number, matrix_status_str(v->status));
    if (rc == RC_OK)
        rc = version_accepted(a, v->id, &accepted, e);
    if (rc == RC_OK && accepted && (rc = store_review_clear(a->st, v->id, e)) == RC_OK)
        *cleared = true;
    if (rc != RC_OK)
        return rc;
    return matrix_entry_empty(en) ? store_entry_delete(a->st, v->id, en->item, e)
                                  : store_entry_put(a->st, v->id, en, e);
}

rc_t app_matrix_set(app_t *a, const char *state, int number, const matrix_entry_t *en,
                    bool *acceptance_cleared, err_t *e)
{
    state_t s;
    matrix_version_t v;
    bool cleared = false;
    rc_t rc = app_state(a, state, &s, e);
    if (rc == RC_OK)
        rc = app_allow(a, ACT_MATRIX_EDIT, s.alpha3, e);
    if (rc == RC_OK && (!en->item || !template_item_id_ok(en->item)))
        rc = app_fail(a, e, RC_NOTFOUND, "Item %s: unknown template item.",
                      en->item ? en->item : "");
    if (rc == RC_OK)
        rc = matrix_entry_validate(en, e);
    if (rc != RC_OK || (rc = app_begin(a, e)) != RC_OK)
        return rc;
    if ((rc = version_read(a, s.alpha3, number, &v, e)) == RC_OK)
        rc = set_write(a, &v, en, &cleared, e);
    buf_t detail;
    buf_init(&detail, 0);
    buf_puts(&detail, "{");
    json_out_kv(&detail, 0, "item", en->item);
    json_out_kv(&detail, 1, "mark", matrix_mark_str(en->mark));
    if (en->source_report)
        json_out_kll(&detail, 1, "source", en->source_report);
    if (en->source_url && *en->source_url) /* tmpl (issue 12) */
        json_out_kv(&detail, 1, "source_url", en->source_url);
    if (cleared)
        buf_puts(&detail, ",\"acceptance_cleared\":true");
    buf_puts(&detail, "}");
    rc = app_finish(a, rc, "matrix.set", version_object(a, s.alpha3, number), buf_str(&detail), e);
    buf_free(&detail);
    if (acceptance_cleared)
        *acceptance_cleared = rc == RC_OK && cleared;
    return rc;
}

/* ---- workflow steps ------------------------------------------------------- */

/* Checks the step's input outside the transaction. */
static rc_t step_input(app_t *a, const matrix_transition_t *t, const app_matrix_step_t *in,
                       err_t *e)
{
    if (in->date && !t->dated)
        return app_fail(a, e, RC_INPUT, "Only approval and publication take a date.");
    if (t != matrix_transition(MW_COMMENT))
        return RC_OK;
    /* no text: the step sends the draft comments alone (app_comment.h) */
    if (in->text && *in->text && !text_multi_line_ok(in->text, REVIEW_COMMENT_MAX))
        return app_fail(a, e, RC_INPUT, "A comment needs text (at most 4,000 characters).");
    if (in->item && *in->item && !template_item_id_ok(in->item))
        return app_fail(a, e, RC_INPUT, "Item %s: unknown template item.", in->item);
    return RC_OK;
}

/* The rule of the step's row against the version as the transaction reads it. */
static rc_t step_check(app_t *a, const matrix_transition_t *t, const matrix_version_t *v,
                       const char *date, err_t *e)
{
    bool accepted;
    if (v->status != t->from && t->to != t->from)
        return app_fail(a, e, RC_REFUSED, "%s version %d is %s; it cannot become %s.", v->state,
                        v->number, matrix_status_str(v->status), matrix_status_str(t->to));
    if (v->status != t->from)
        return app_fail(a, e, RC_REFUSED,
                        "%s version %d is %s; the state answers only a "
                        "version sent to it.",
                        v->state, v->number, matrix_status_str(v->status));
    if (t->to == MV_APPROVED && strcmp(date, v->created) < 0)
        return app_fail(a, e, RC_INPUT, "%s is before the version was created.", date);
    if (t->to == MV_PUBLISHED && strcmp(date, v->approved) < 0)
        return app_fail(a, e, RC_INPUT, "%s is before the version was approved.", date);
    rc_t rc = version_accepted(a, v->id, &accepted, e);
    if (rc != RC_OK)
        return rc;
    if (t->answer == MW_ACCEPTED && !accepted)
        return app_fail(a, e, RC_REFUSED, "The state has not accepted this version yet.");
    if (t->answer == MW_NOT_ACCEPTED && accepted)
        return app_fail(a, e, RC_REFUSED, "The state has already accepted this version.");
    return RC_OK;
}

/* The comment step's comments: the one it carries (if any, sent at once) and
 * every draft of the version, sent together. RC_INPUT if that is none. */
static rc_t comments_send(app_t *a, const matrix_version_t *v, const app_matrix_step_t *in,
                          err_t *e)
{
    int n = 0;
    rc_t rc = RC_OK;
    if (in->text && *in->text) {
        /* a row of this version's template, as a draft's (app_comment.c) */
        if (in->item && *in->item && (rc = item_check(a, v, in->item, e)) != RC_OK)
            return rc;
        matrix_comment_t c = {.version_id = v->id,
                              .user_id = a->actor.user->id,
                              .item = (char *)(in->item ? in->item : ""),
                              .text = (char *)in->text,
                              .created = "",
                              .sent = true};
        rc = store_comment_insert(a->st, &c, e);
        n++;
    }
    int drafts = 0;
    if (rc == RC_OK)
        rc = store_comments_send(a->st, v->id, &drafts, e);
    if (rc == RC_OK && n + drafts == 0)
        return app_fail(a, e, RC_INPUT,
                        "There is no comment to send: a comment needs text, or draft comments "
                        "written on rows.");
    return rc;
}

/* The step's writes. */
static rc_t step_write(app_t *a, matrix_step_t step, const matrix_version_t *v,
                       const app_matrix_step_t *in, const char *date, err_t *e)
{
    const matrix_transition_t *t = matrix_transition(step);
    long long uid = a->actor.user->id;
    if (step == MW_ACCEPT || step == MW_COMMENT) {
        matrix_review_t rv = {.version_id = v->id,
                              .user_id = uid,
                              .response = step == MW_ACCEPT ? "accepted" : "commented",
                              .at = ""};
        rc_t rc = RC_OK;
        if (step == MW_COMMENT)
            rc = comments_send(a, v, in, e);
        if (rc == RC_OK)
            rc = store_review_set(a->st, &rv, e);
        if (rc != RC_OK || t->to == t->from)
            return rc;
    }
    return store_version_set_status(a->st, v->id, t->to, date, e);
}

rc_t app_matrix_step(app_t *a, matrix_step_t step, const char *state, int number,
                     const app_matrix_step_t *in, matrix_version_t *out, err_t *e)
{
    static const app_matrix_step_t none = {0};
    const matrix_transition_t *t = matrix_transition(step);
    state_t s;
    matrix_version_t v = {0};
    char date[11];
    if (!t)
        return err_set(e, RC_USAGE, "no such workflow step");
    in = in ? in : &none;
    rc_t rc = app_state(a, state, &s, e);
    if (rc == RC_OK)
        rc = app_allow(a, t->act, s.alpha3, e);
    if (rc == RC_OK)
        rc = step_input(a, t, in, e);
    if (rc == RC_OK)
        rc = date_arg(a, in->date, date, e);
    if (rc != RC_OK || (rc = app_begin(a, e)) != RC_OK)
        return rc;
    if ((rc = version_read(a, s.alpha3, number, &v, e)) == RC_OK &&
        (rc = step_check(a, t, &v, date, e)) == RC_OK)
        rc = step_write(a, step, &v, in, date, e);
    if (rc == RC_OK) /* in the step's transaction: none for a step that rolls back */
        rc = app_notify_version(a, step, s.alpha3, number, e);
    buf_t detail;
    buf_init(&detail, 0);
    buf_puts(&detail, "{");
    json_out_kv(&detail, 0, "from", matrix_status_str(t->from));
    json_out_kv(&detail, 1, "to", matrix_status_str(t->to));
    json_out_kv(&detail, 1, "date", date);
    if (step == MW_COMMENT)
        json_out_kv(&detail, 1, "item", in->item ? in->item : "");
    buf_puts(&detail, "}");
    rc = app_finish(a, rc, t->audit, version_object(a, s.alpha3, number), buf_str(&detail), e);
    buf_free(&detail);
    if (rc != RC_OK || !out)
        return rc;
    v.status = t->to;
    if (t->to == MV_APPROVED)
        memcpy(v.approved, date, 11);
    if (t->to == MV_PUBLISHED)
        memcpy(v.published, date, 11);
    *out = v;
    return RC_OK;
}
