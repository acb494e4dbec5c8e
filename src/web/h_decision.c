/*
 * The decision pages (issue 13): sending a draft to the state, the state's
 * acceptance, the Committee's approval and publication are not undone, so on
 * the web each is a page of its own before it is taken. The page shows what
 * changes against the version in force (marks, legal references, sources by
 * title and date, pages, remarks, web addresses) and who will be told
 * (src/core/matrix_audience.h), with the decision's button next to it; the
 * button posts to the step's URL with confirm=yes (h_workspace.c's
 * workflow_step refuses a page's POST without it). The API takes the steps
 * directly: a program has no use for a page.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/matrix_audience.h"
#include "../core/matrix_workflow.h"
#include "../core/review.h"
#include "handlers.h"
#include "model.h"
#include "refcache.h"
#include "web.h"

/* What each decision page says, in English msgids (translated on use). */
typedef struct {
    matrix_step_t step;
    const char *title;  /* the page's heading */
    const char *effect; /* what the step does, in one or two sentences */
    const char *button; /* the decision's button */
} decision_t;

static const decision_t decisions[] = {
    {MW_SEND, "Send this draft to the state for review",
     "The state's points of contact will review it. The experts cannot change it while the state "
     "has it, unless they take it back.",
     "Send to the state for review"},
    {MW_ACCEPT, "Accept this version",
     "You accept the version as it stands. The Committee can then approve it; any later change "
     "clears your acceptance.",
     "Accept this version"},
    {MW_APPROVE, "Approve this version",
     "What the Committee approves is what the state accepted. An approved version never changes.",
     "Approve"},
    {MW_PUBLISH, "Publish this version",
     "The version becomes public as the state's matrix in force.", "Publish"},
};

bool h_decision_needs_confirm(matrix_step_t step)
{
    for (size_t i = 0; i < sizeof decisions / sizeof *decisions; i++)
        if (decisions[i].step == step)
            return true;
    return false;
}

/* The version the changes are counted from: the newest earlier one the
 * Committee approved or published (the one in force); if none was, the one
 * just before; *found false for a state's first version. */
rc_t web_version_before(web_req_t *r, const matrix_version_t *v, matrix_version_t *out,
                        bool *found, err_t *e)
{
    matrix_version_t *vs;
    size_t n;
    rc_t rc = store_version_list(r->st, v->state, &r->arena, &vs, &n, e);
    if (rc != RC_OK)
        return rc;
    const matrix_version_t *best = NULL, *just_before = NULL;
    for (size_t i = 0; i < n; i++) {
        if (vs[i].number >= v->number)
            continue;
        if (!just_before || vs[i].number > just_before->number)
            just_before = &vs[i];
        if ((vs[i].status == MV_APPROVED || vs[i].status == MV_PUBLISHED) &&
            (!best || vs[i].number > best->number))
            best = &vs[i];
    }
    best = best ? best : just_before;
    *found = best != NULL;
    if (best)
        *out = *best;
    return RC_OK;
}

/* A report cited as a source, as people know it: "title (date)". */
static const char *source_name(web_req_t *r, const report_t *reps, size_t n, long long id)
{
    for (size_t i = 0; id && i < n; i++)
        if (reps[i].id == id) {
            size_t len = strlen(reps[i].title) + 16;
            char *s = arena_alloc(&r->arena, len);
            snprintf(s, len, "%s (%s)", reps[i].title, reps[i].date);
            return s;
        }
    return "";
}

/* One side of a change: each field with its value and whether it differs
 * from the other side (the page marks those). */
static json_t *change_side(web_req_t *r, const report_t *reps, size_t nr, const matrix_entry_t *en,
                           const matrix_entry_t *other)
{
    static const char *const names[] = {"Mark", "Legal reference", "Source", "Page", "Remark",
                                        "Official web address"};
    const char *v[6], *o[6];
    const matrix_entry_t *side[2] = {en, other};
    const char **out[2] = {v, o};
    for (int k = 0; k < 2; k++) {
        const matrix_entry_t *x = side[k];
        out[k][0] = x ? matrix_mark_str(x->mark) : "";
        out[k][1] = x ? x->legal_reference : "";
        out[k][2] = x ? source_name(r, reps, nr, x->source_report) : "";
        out[k][3] = x ? x->page : "";
        out[k][4] = x ? x->remark : "";
        out[k][5] = x && x->source_url ? x->source_url : "";
    }
    json_t *a = json_array();
    for (int i = 0; i < 6; i++)
        if (*v[i] || *o[i])
            json_array_append_new(a, json_pack("{s:s,s:s,s:b}", "name", web_tr(r, names[i]),
                                               "value", v[i], "changed", strcmp(v[i], o[i]) != 0));
    return a;
}

/* The changes from version a (NULL: none before) to b, in template order. */
static rc_t changes_json(web_req_t *r, const matrix_version_t *a, const matrix_version_t *b,
                         json_t **out, err_t *e)
{
    const template_item_t *items;
    matrix_entry_t *ea = NULL, *eb;
    report_t *reps;
    size_t ni, na = 0, nb, nr, nc;
    rc_t rc = web_ref_items(r, b->template_version, false, &items, &ni, e);
    if (rc == RC_OK && a)
        rc = store_entries(r->st, a->id, &r->arena, &ea, &na, e);
    if (rc == RC_OK)
        rc = store_entries(r->st, b->id, &r->arena, &eb, &nb, e);
    if (rc == RC_OK)
        rc = store_report_list(r->st, b->state, &r->arena, &reps, &nr, e);
    if (rc != RC_OK)
        return rc;
    matrix_change_t *ch = matrix_diff(items, ni, ea, na, eb, nb, &nc);
    json_t *list = json_array();
    for (size_t i = 0, k = 0; i < nc; i++) {
        while (k < ni && strcmp(items[k].id, ch[i].item) != 0)
            k++;
        json_array_append_new(
            list, json_pack("{s:s,s:s,s:o,s:o}", "item", ch[i].item, "label",
                            k < ni ? items[k].label[r->lang] : ch[i].item, "old",
                            change_side(r, reps, nr, ch[i].old, ch[i].new), "new",
                            change_side(r, reps, nr, ch[i].new, ch[i].old)));
    }
    free(ch);
    *out = list;
    return RC_OK;
}

/* The users the step will concern, by name with their role. */
static rc_t told_json(web_req_t *r, matrix_step_t step, const char *state, json_t **out, err_t *e)
{
    user_t *us;
    size_t n;
    rc_t rc = store_user_list(r->st, &r->arena, &us, &n, e);
    if (rc != RC_OK)
        return rc;
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        if (matrix_step_tells(step, &us[i], state, r->user))
            json_array_append_new(a, json_pack("{s:s,s:s}", "name", us[i].name, "role_name",
                                               model_role_name(r, us[i].role)));
    *out = a;
    return RC_OK;
}

/* GET of a decision's URL: the page to take it from. 409 when the version's
 * status or the state's answer does not allow the step now (the router has
 * checked the permission). */
static rc_t decision_page(web_req_t *r, const decision_t *d, json_t *m, err_t *e)
{
    state_t s;
    matrix_version_t v, before;
    matrix_review_t rv;
    bool has_before;
    rc_t rc = model_state_arg(r, r->args[0], &s, e);
    if (rc == RC_OK)
        rc = model_version_arg(r, &s, r->args[1], &v, e);
    if (rc != RC_OK)
        return rc;
    rc = store_review_get(r->st, v.id, &r->arena, &rv, e);
    if (rc != RC_OK && rc != RC_NOTFOUND)
        return rc;
    bool accepted = rc == RC_OK && strcmp(rv.response, "accepted") == 0;
    if (!matrix_step_possible(d->step, v.status, accepted))
        return web_fail(r, e, 409, RC_REFUSED, "%s",
                        web_tr(r, "This step cannot be taken on the version as it is now."));
    if ((rc = web_version_before(r, &v, &before, &has_before, e)) != RC_OK)
        return rc;
    json_t *changes = NULL, *told;
    bool same_template = !has_before || before.template_version == v.template_version;
    if (same_template && (rc = changes_json(r, has_before ? &before : NULL, &v, &changes, e)))
        return rc;
    if ((rc = told_json(r, d->step, s.alpha3, &told, e)) != RC_OK)
        return rc;
    json_object_set_new(m, "state", model_state(r, &s));
    json_object_set_new(m, "version", model_version(r, &v));
    if (has_before)
        json_object_set_new(m, "since", model_version(r, &before));
    json_object_set_new(m, "other_template", json_boolean(!same_template));
    json_object_set_new(m, "changes", changes ? changes : json_array());
    json_object_set_new(m, "count", json_integer((json_int_t)json_array_size(changes)));
    json_object_set_new(m, "told", told);
    json_object_set_new(m, "decision",
                        json_pack("{s:s,s:s,s:s,s:s}", "verb", matrix_transition(d->step)->verb,
                                  "title", web_tr(r, d->title), "effect", web_tr(r, d->effect),
                                  "button", web_tr(r, d->button)));
    r->no_cache = true;
    return RC_OK;
}

static const decision_t *decision_of(matrix_step_t step)
{
    for (size_t i = 0; i < sizeof decisions / sizeof *decisions; i++)
        if (decisions[i].step == step)
            return &decisions[i];
    return NULL;
}

rc_t h_decide_send(web_req_t *r, json_t *m, err_t *e)
{
    return decision_page(r, decision_of(MW_SEND), m, e);
}

rc_t h_decide_accept(web_req_t *r, json_t *m, err_t *e)
{
    return decision_page(r, decision_of(MW_ACCEPT), m, e);
}

rc_t h_decide_approve(web_req_t *r, json_t *m, err_t *e)
{
    return decision_page(r, decision_of(MW_APPROVE), m, e);
}

rc_t h_decide_publish(web_req_t *r, json_t *m, err_t *e)
{
    return decision_page(r, decision_of(MW_PUBLISH), m, e);
}
