/*
 * The workspace: what signed-in users do. A point of contact uploads reports
 * and reviews the draft matrix sent to their state; an expert drafts entries
 * and sends a draft to the state; a Committee member approves and publishes.
 * The router has checked the role and the state; these handlers check what
 * depends on the data (the version's status) and write each change together
 * with its audit-log entry in one transaction.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../app/app_matrix.h"
#include "../app/app_report.h"
#include "../core/audit.h"
#include "../core/authz.h"
#include "../core/matrix_info.h"
#include "../core/matrix_page.h"
#include "../core/media.h"
#include "../core/review.h"
#include "../core/template.h"
#include "../util/date.h"
#include "../util/langname.h"
#include "../util/text.h"
#include "change.h"
#include "handlers.h"
#include "model.h"
#include "model_filter.h"
#include "model_practice.h"
#include "refcache.h"
#include "session.h"
#include "suggest_panel.h"
#include "web.h"

/* After a change, a page goes to the state's page (version 0) or to the
 * version's page, with a message. */
static void go(web_req_t *r, const char *state, int version, const char *msg)
{
    size_t len = 160;
    r->redirect = arena_alloc(&r->arena, len);
    if (version)
        snprintf(r->redirect, len, "states/%s/versions/%d?msg=%s", state, version, msg);
    else
        snprintf(r->redirect, len, "states/%s?msg=%s", state, msg);
}

/* After saving an entry, back to its row (the fragment), which says it was
 * saved: someone editing several entries goes on from where they were. The
 * item is a template item id the operation has just accepted ([A-Z0-9-]). */
static void go_row(web_req_t *r, const char *state, int version, const char *msg,
                   const char *item)
{
    size_t len = 200;
    r->redirect = arena_alloc(&r->arena, len);
    snprintf(r->redirect, len, "states/%s/versions/%d?msg=%s&saved=%s#%s", state, version, msg,
             item, item);
}

/* ---- the workspace page ------------------------------------------------------ */

/* The versions and states a workspace lists, read once per page. */
typedef struct {
    const matrix_version_t *v; /* every state's (the thread's cache, refcache.h) */
    size_t nv;
    const char *own;           /* a point of contact's state: only its versions */
    const state_t *states; /* by alpha-3, as the store lists them (refcache.h) */
    size_t ns;
} workspace_t;

static int state_code_cmp(const void *key, const void *s)
{
    return strcmp(key, ((const state_t *)s)->alpha3);
}

/* Whether the state accepted the version: 1 yes, 0 no (or no answer yet). */
static int version_accepted(web_req_t *r, long long id)
{
    const matrix_review_t *rv;
    err_t e = {0};
    return web_ref_review(r, id, &rv, &e) == RC_OK && rv && strcmp(rv->response, "accepted") == 0;
}

/* The versions in one stage of the workflow, with their state's name; with
 * accepted 0 or 1, only those the state has (1) or has not (0) accepted. */
static json_t *versions_in(web_req_t *r, const workspace_t *w, mv_status_t status, int accepted)
{
    json_t *a = json_array();
    for (size_t i = 0; i < w->nv; i++) {
        if (w->v[i].status != status || (w->own && strcmp(w->v[i].state, w->own) != 0) ||
            (accepted >= 0 && version_accepted(r, w->v[i].id) != accepted))
            continue;
        json_t *o = model_version(r, &w->v[i]);
        const state_t *s = bsearch(w->v[i].state, w->states, w->ns, sizeof *w->states,
                                   state_code_cmp);
        if (s)
            json_object_set_new(o, "state_name", json_string(model_state_name(r, s)));
        json_array_append_new(a, o);
    }
    return a;
}

static json_t *report_kinds_json(web_req_t *r)
{
    json_t *a = json_array();
    for (int i = 0; i < REPORT_KIND_COUNT; i++)
        json_array_append_new(a, json_pack("{s:s,s:s}", "code", report_kinds[i], "name",
                                           model_report_kind_name(r, report_kinds[i])));
    return a;
}

/* The languages a report may be in, named in the page's language; the
 * page's own language comes first chosen. */
static json_t *doc_langs_json(web_req_t *r)
{
    json_t *a = json_array();
    for (int l = 0; l < LANG_COUNT; l++)
        json_array_append_new(a, json_pack("{s:s,s:s,s:b}", "code", lang_code((lang_t)l), "name",
                                           lang_display_name(&r->arena, lang_code((lang_t)l),
                                                             r->lang),
                                           "current", l == (int)r->lang));
    return a;
}

rc_t h_workspace(web_req_t *r, json_t *m, err_t *e)
{
    const user_t *u = r->user;
    char today[11];
    date_today(today);
    json_object_set_new(m, "today", json_string(today));
    workspace_t w = {.own = u->role == ROLE_POC ? u->state : NULL};
    rc_t rc = web_ref_versions(r, &w.v, &w.nv, e);
    if (rc == RC_OK)
        rc = web_ref_states(r, &w.states, &w.ns, e);
    if (rc != RC_OK)
        return rc;
    if (u->role == ROLE_POC) {
        state_t s;
        if ((rc = model_state_arg(r, u->state, &s, e)) != RC_OK)
            return rc;
        json_object_set_new(m, "poc", json_true());
        json_object_set_new(m, "state", model_state(r, &s));
        json_object_set_new(m, "to_review", versions_in(r, &w, MV_WITH_STATE, -1));
        json_object_set_new(m, "kinds", report_kinds_json(r));
        json_object_set_new(m, "doc_langs", doc_langs_json(r));
    }
    if (u->role == ROLE_EXPERT) {
        json_object_set_new(m, "expert", json_true());
        json_object_set_new(m, "drafts", versions_in(r, &w, MV_DRAFT, -1));
        json_object_set_new(m, "with_state", versions_in(r, &w, MV_WITH_STATE, -1));
    }
    if (u->role == ROLE_COMMITTEE) { /* only what the state accepted can be approved */
        json_object_set_new(m, "committee", json_true());
        json_object_set_new(m, "to_approve", versions_in(r, &w, MV_WITH_STATE, 1));
        json_object_set_new(m, "with_state", versions_in(r, &w, MV_WITH_STATE, 0));
        json_object_set_new(m, "approved", versions_in(r, &w, MV_APPROVED, -1));
    }
    if (u->role == ROLE_ADMIN)
        json_object_set_new(m, "admin", json_true());
    if (u->role == ROLE_PROVIDER)
        json_object_set_new(m, "provider", json_true());
    return h_assist_inbox(r, m, e);
}

/* ---- a version's workflow panel (used by h_version) ------------------------ */

json_t *web_matrix_entry_of(json_t *m, const char *item)
{
    json_t *sec, *tab, *en;
    size_t i, k, j;
    json_array_foreach(json_object_get(json_object_get(m, "matrix"), "sections"), i, sec)
        json_array_foreach(json_object_get(sec, "tables"), k, tab)
            json_array_foreach(json_object_get(tab, "entries"), j, en)
                if (strcmp(json_string_value(json_object_get(en, "item")), item) == 0)
                    return en;
    return NULL;
}

/* The values the entry form shows: with ?item=ID (or m's "load_item", set
 * when a save was refused because the form showed another item's values) the
 * current entry of that item; after a refused save, what the user typed (m's
 * "typed", set by entry_form_again); else nothing. Each date also under its
 * own name ("signed", ...) for its input. */
static json_t *edit_values(web_req_t *r, json_t *m)
{
    json_t *typed = json_object_get(m, "typed");
    if (typed)
        return json_incref(typed);
    const char *item = json_string_value(json_object_get(m, "load_item"));
    item = item ? item : web_query(r, "item");
    json_t *current = item ? web_matrix_entry_of(m, item) : NULL;
    if (!current)
        return NULL;
    json_t *v = json_deep_copy(current);
    size_t i;
    json_t *d;
    json_array_foreach(json_object_get(current, "info_dates"), i, d)
        json_object_set(v, json_string_value(json_object_get(d, "key")), json_object_get(d, "date"));
    suggest_use(r, v); /* "Use this" of the drafting aid: report, page, reference */
    return v;
}

/* The entry form of a draft: the state's reports to cite, the marks, and the
 * values of edit_values with their item, mark and report chosen. The OP1
 * inputs (relevant information and its dates) show unless the item chosen is
 * outside OP1 (and nothing was typed in them): with no item chosen the list
 * opens on OP1, and the operation refuses them on another item
 * (matrix_info_validate). */
static rc_t edit_form(web_req_t *r, const char *state, json_t *m, err_t *e)
{
    report_t *reps;
    size_t n;
    rc_t rc = store_report_list(r->st, state, &r->arena, &reps, &n, e);
    if (rc != RC_OK)
        return rc;
    json_t *editing = edit_values(r, m);
    const char *item = editing ? json_string_value(json_object_get(editing, "item")) : NULL;
    json_t *chosen = item ? web_matrix_entry_of(m, item) : NULL;
    json_t *src = editing ? json_object_get(editing, "source_report") : NULL;
    long long src_id = json_is_integer(src) ? json_integer_value(src)
                       : json_is_string(src) ? web_id(json_string_value(src)) : 0;
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *o = model_report(r, &reps[i]);
        json_object_set_new(o, "selected", json_boolean(src_id == reps[i].id));
        json_array_append_new(a, o);
    }
    json_object_set_new(m, "reports", a);
    const char *mark = editing ? json_string_value(json_object_get(editing, "mark")) : NULL;
    mark = mark ? mark : "X";
    json_t *marks = json_array();
    static const char *const codes[] = {"X", "?", "NA", ""};
    for (size_t i = 0; i < 4; i++)
        json_array_append_new(marks, json_pack("{s:s,s:s,s:b}", "code", codes[i], "name",
                                               *codes[i] ? codes[i] : web_tr(r, "blank"),
                                               "selected", strcmp(mark, codes[i]) == 0));
    json_object_set_new(m, "marks", marks);
    if (chosen)
        json_object_set_new(chosen, "selected", json_true());
    bool typed_info = false; /* shown again, refused on a non-OP1 item: kept, not lost */
    static const char *const info_keys[] = {"info", "signed", "ratified", "acceded"};
    for (size_t i = 0; editing && i < sizeof info_keys / sizeof *info_keys; i++) {
        const char *v = json_string_value(json_object_get(editing, info_keys[i]));
        typed_info = typed_info || (v && *v);
    }
    json_object_set_new(m, "info_form", json_boolean(!item || matrix_item_op1(item) || typed_info));
    if (editing)
        json_object_set_new(m, "editing", editing);
    /* the item whose values the form holds: a save of another item is refused
     * (h_entry_set), so that a changed choice in the list never saves the
     * values shown for the item before it */
    json_object_set_new(m, "loaded", json_string(item && chosen ? item : ""));
    return RC_OK;
}

/* Marks ("changed": true) the rows of a version in progress that differ from
 * the version before it (web_version_before), and counts them in m's
 * "changed_count"; nothing to mark on a state's first version, or across a
 * change of template. */
static rc_t mark_changed(web_req_t *r, const matrix_version_t *v, json_t *m, err_t *e)
{
    matrix_version_t before;
    bool found;
    rc_t rc = web_version_before(r, v, &before, &found, e);
    if (rc != RC_OK || !found || before.template_version != v->template_version)
        return rc;
    const template_item_t *items;
    matrix_entry_t *ea, *eb;
    size_t ni, na, nb, nc;
    if ((rc = web_ref_items(r, v->template_version, false, &items, &ni, e)) ||
        (rc = store_entries(r->st, before.id, &r->arena, &ea, &na, e)) ||
        (rc = store_entries(r->st, v->id, &r->arena, &eb, &nb, e)))
        return rc;
    matrix_change_t *ch = matrix_diff(items, ni, ea, na, eb, nb, &nc);
    for (size_t i = 0; i < nc; i++) {
        json_t *row = web_matrix_entry_of(m, ch[i].item);
        if (row)
            json_object_set_new(row, "changed", json_true());
    }
    free(ch);
    json_object_set_new(m, "changed_count", json_integer((json_int_t)nc));
    json_object_set_new(m, "changed_since", json_integer(before.number));
    return RC_OK;
}

/* True if the user may take the step on the version now. */
static bool can_step(web_req_t *r, matrix_step_t step, const matrix_version_t *v, bool accepted,
                     const char *state)
{
    return matrix_step_possible(step, v->status, accepted) &&
           authz_allowed(r->user, matrix_transition(step)->act, state);
}

rc_t h_version_workflow(web_req_t *r, const state_t *s, const matrix_version_t *v, json_t *m,
                        err_t *e)
{
    const char *st = s->alpha3;
    matrix_review_t rv;
    rc_t rc = store_review_get(r->st, v->id, &r->arena, &rv, e);
    if (rc != RC_OK && rc != RC_NOTFOUND)
        return rc;
    bool accepted = rc == RC_OK && strcmp(rv.response, "accepted") == 0;
    if (rc == RC_OK)
        json_object_set_new(m, "review", json_pack("{s:s,s:s}", "response", rv.response, "at", rv.at));
    json_object_set_new(m, "accepted", json_boolean(accepted));
    /* what the page offers: the workflow table's rows and the permission table,
     * as the operations will check them */
    bool edit = authz_allowed(r->user, ACT_MATRIX_EDIT, st);
    json_object_set_new(m, "can_edit", json_boolean(edit && matrix_status_editable(v->status)));
    json_object_set_new(m, "can_send", json_boolean(can_step(r, MW_SEND, v, accepted, st)));
    json_object_set_new(m, "can_return", json_boolean(can_step(r, MW_RETURN, v, accepted, st)));
    json_object_set_new(m, "can_review", json_boolean(can_step(r, MW_ACCEPT, v, accepted, st)));
    json_object_set_new(m, "can_approve", json_boolean(can_step(r, MW_APPROVE, v, accepted, st)));
    json_object_set_new(m, "can_publish", json_boolean(can_step(r, MW_PUBLISH, v, accepted, st)));
    json_object_set_new(m, "can_new", json_boolean(edit && !matrix_status_in_progress(v->status)));
    if (v->status != MV_PUBLISHED) {
        if ((rc = h_version_comments(r, st, v, m, e)) != RC_OK)
            return rc;
        r->no_cache = true;
    }
    if (matrix_status_in_progress(v->status) && (rc = mark_changed(r, v, m, e)) != RC_OK)
        return rc;
    const char *saved = web_query(r, "saved");
    json_t *row = saved ? web_matrix_entry_of(m, saved) : NULL;
    if (row) /* the row just saved says so (h_version gives this page a model of its own) */
        json_object_set_new(row, "saved", json_true());
    json_t *matrix = json_object_get(m, "matrix");
    if (json_is_true(json_object_get(m, "can_edit"))) {
        if ((rc = edit_form(r, st, m, e)) != RC_OK || (rc = suggest_panel(r, v, m, e)) != RC_OK)
            return rc;
        /* the form's list offers every item, whatever the filter shows */
        json_object_set_new(m, "form_items", json_deep_copy(matrix));
    }
    if (v->status != MV_PUBLISHED)
        model_filter_rows(r, m, matrix);
    return RC_OK;
}

/* ---- a point of contact uploads a report ------------------------------------ */

/* The upload form: every field present, the file within the server's upload
 * limit and of a known type (the operation checks them again; here they
 * choose the HTTP status: 422, 413, 415). */
static rc_t upload_read(web_req_t *r, const state_t *s, app_report_in_t *in, err_t *e)
{
    const web_field_t *f = web_file(r, "file");
    *in = (app_report_in_t){.state = s->alpha3, .kind = web_param(r, "kind"),
                            .date = web_param(r, "date"), .language = web_param(r, "language"),
                            .title = web_param(r, "title")};
    /* the first field missing, with its own words */
    if (!in->kind)
        return web_fail_field(r, e, 422, RC_INPUT, "kind", "Choose a kind of report.");
    if (!in->date || !*in->date)
        return web_fail_field(r, e, 422, RC_INPUT, "date", "The date must be YYYY-MM-DD.");
    if (!in->language)
        return web_fail_field(r, e, 422, RC_INPUT, "language", "Choose a language.");
    if (!in->title || !*in->title)
        return web_fail_field(r, e, 422, RC_INPUT, "title", "A title is required.");
    if (!f || !f->filename || !*f->filename)
        return web_fail_field(r, e, 422, RC_INPUT, "file", "Choose a file to upload.");
    if (strlen(in->date) != 10 || !date_valid(in->date))
        return web_fail_field(r, e, 422, RC_INPUT, "date", "The date must be YYYY-MM-DD.");
    if (strlen(in->language) > 3)
        return web_fail_field(r, e, 422, RC_INPUT, "language",
                              "The language must be an ISO 639 code such as en or fr.");
    if (f->len == 0)
        return web_fail_field(r, e, 422, RC_INPUT, "file", "The file is empty.");
    if ((long long)f->len > web_app->max_upload)
        return web_fail_field(r, e, 413, RC_REFUSED, "file", "The file is too large.");
    if (!media_type_detect(f->value, f->len, f->filename))
        return web_fail_field(r, e, 415, RC_INPUT, "file",
                              "The file must be a PDF, Word, OpenDocument or text file.");
    in->filename = f->filename;
    in->doc = f->value;
    in->len = f->len;
    return RC_OK;
}

rc_t h_report_upload(web_req_t *r, json_t *m, err_t *e)
{
    state_t s;
    app_report_in_t in;
    app_t a;
    report_t rep;
    rc_t rc = model_state_arg(r, r->args[0], &s, e);
    if (rc == RC_OK)
        rc = upload_read(r, &s, &in, e);
    web_app_of(r, &a);
    if (rc == RC_OK)
        rc = app_report_add(&a, &in, &rep, e);
    if (rc == RC_INPUT && !r->status)
        r->status = 422;
    if (rc != RC_OK)
        return rc;
    json_object_set_new(m, "report", model_report(r, &rep));
    r->status = 201;
    go(r, s.alpha3, 0, "uploaded");
    return RC_OK;
}

/* ---- matrix versions: new draft, entries, send, review, approve, publish ---- */

typedef struct {
    state_t s;
    matrix_version_t v;
    char object[32];
} version_ref_t;

static rc_t version_ref(web_req_t *r, version_ref_t *vr, err_t *e)
{
    rc_t rc = model_state_arg(r, r->args[0], &vr->s, e);
    if (rc == RC_OK)
        rc = model_version_arg(r, &vr->s, r->args[1], &vr->v, e);
    snprintf(vr->object, sizeof vr->object, "matrix:%s/%d", vr->s.alpha3, vr->v.number);
    return rc;
}

rc_t h_version_new(web_req_t *r, json_t *m, err_t *e)
{
    state_t s;
    app_t a;
    matrix_version_t v;
    size_t copied;
    rc_t rc = model_state_arg(r, r->args[0], &s, e);
    web_app_of(r, &a);
    if (rc == RC_OK)
        rc = app_matrix_new(&a, s.alpha3, &(app_matrix_new_t){0}, &v, &copied, e);
    if (rc != RC_OK)
        return rc;
    json_object_set_new(m, "version", model_version(r, &v));
    r->status = 201;
    go(r, s.alpha3, v.number, "draft-made");
    return RC_OK;
}

/* A template v2 field of the entry as text: *out NULL when absent; 422 when it
 * is there but not text (a JSON array or object, a NUL inside), rather than
 * dropped as if it had not been sent. */
static rc_t entry_text(web_req_t *r, const char *name, const char **out, err_t *e)
{
    size_t len;
    json_t *v = r->body ? json_object_get(r->body, name) : NULL;
    const char *s = web_param_len(r, name, &len);
    *out = web_param(r, name);
    if ((s && !*out) || (v && !json_is_string(v) && !json_is_integer(v) && !json_is_null(v))) {
        rc_t rc = web_fail(r, e, 422, RC_INPUT, "%s: %s", name, web_tr(r, "must be text."));
        err_mark(e, name, "must be text.");
        return rc;
    }
    return RC_OK;
}

/* The entry's fields as the form or the JSON body gives them; the operation
 * checks them (matrix_entry_validate). Template v2's fields: source_url, and
 * on OP1 items info with the dates signed, ratified and acceded. */
static rc_t entry_read(web_req_t *r, matrix_entry_t *en, err_t *e)
{
    const char *mark = web_param(r, "mark"), *src = web_param(r, "source_report");
    const char *ref = web_param(r, "legal_reference"), *page = web_param(r, "page"),
               *remark = web_param(r, "remark"), *url, *info, *date[INFO_DATE_COUNT];
    rc_t rc = entry_text(r, "source_url", &url, e);
    if (rc == RC_OK)
        rc = entry_text(r, "info", &info, e);
    for (int d = 0; d < INFO_DATE_COUNT && rc == RC_OK; d++)
        rc = entry_text(r, matrix_info_date_names[d], &date[d], e);
    if (rc != RC_OK)
        return rc;
    const char *item = r->args[2] ? r->args[2] : web_param(r, "item");
    *en = (matrix_entry_t){.item = (char *)(item ? item : ""),
                           .legal_reference = (char *)(ref ? ref : ""),
                           .page = (char *)(page ? page : ""),
                           .remark = (char *)(remark ? remark : ""),
                           .source_url = (char *)(url ? url : ""),
                           .info = (char *)(info ? info : "")};
    int mk = matrix_mark_parse(mark ? mark : "");
    if (mk < 0)
        return web_fail_field(r, e, 422, RC_INPUT, "mark", "The mark must be X, ?, NA or blank.");
    en->mark = (mark_t)mk;
    if (src && *src) {
        char *end;
        en->source_report = strtoll(src, &end, 10);
        if (*end || en->source_report <= 0)
            return web_fail_field(r, e, 422, RC_INPUT, "source_report",
                                  "The source report is not a report number.");
    }
    for (int d = 0; d < INFO_DATE_COUNT; d++) {
        rc = matrix_info_date_set(en, (info_date_t)d, date[d], e);
        if (rc != RC_OK) {
            r->status = 422;
            return rc;
        }
    }
    return RC_OK;
}

/* After a refused save, the version's page again (422) with the message and
 * every value as the user typed it, so that nothing typed is lost; the
 * message also stands next to the field at fault when the rule names one
 * (entry_error.<field>, the code in the page's language). */
static rc_t entry_form_again(web_req_t *r, const version_ref_t *vr, json_t *m, const err_t *fail,
                             err_t *e)
{
    const char *msg = fail->code ? web_tr(r, fail->code) : fail->msg;
    if (fail->field[0] && fail->code)
        json_object_set_new(m, "entry_error", json_pack("{s:s}", fail->field, msg));
    json_t *mx;
    rc_t rc = model_matrix(r, &vr->v, &mx, e);
    if (rc != RC_OK)
        return rc;
    json_object_set_new(m, "state", model_state(r, &vr->s));
    json_object_set_new(m, "version", model_version(r, &vr->v));
    /* the same rows as h_version shows: practice counts, the item's practices */
    json_object_set_new(m, "matrix", model_practice_counts(r, mx));
    const char *item = r->args[2] ? r->args[2] : web_param(r, "item");
    if (item && template_item_id_ok(item))
        json_object_set_new(m, "item_practices", model_item_practices(r, item));
    json_object_set_new(m, "form_error", json_string(text_utf8_repair(&r->arena, msg)));
    static const char *const names[] = {"item",   "mark",   "legal_reference", "source_report",
                                        "page",   "remark", "source_url",      "info",
                                        "signed", "ratified", "acceded"};
    json_t *typed = json_object();
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        const char *v = i == 0 && r->args[2] ? r->args[2] : web_param(r, names[i]);
        json_object_set_new(typed, names[i], json_string(text_utf8_repair(&r->arena, v ? v : "")));
    }
    json_object_set_new(m, "typed", typed);
    if ((rc = h_version_workflow(r, &vr->s, &vr->v, m, e)) != RC_OK)
        return rc;
    r->page = "version";
    r->status = 422;
    r->redirect = NULL;
    return RC_OK;
}

/* True if an entry of the page's model carries nothing: saving over it
 * loses nothing, whatever the form showed before. */
static bool entry_model_blank(json_t *en)
{
    static const char *const texts[] = {"mark", "legal_reference", "page", "remark",
                                        "source_url", "info"};
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
        const char *v = json_string_value(json_object_get(en, texts[i]));
        if (v && *v)
            return false;
    }
    return !json_is_integer(json_object_get(en, "source_report")) &&
           json_array_size(json_object_get(en, "info_dates")) == 0;
}

/* The form's item is not the one whose values it showed ("loaded", a hidden
 * field of the page's form): the list was changed without loading the new
 * item's values, and saving would overwrite that entry's legal reference and
 * source with the other item's. Nothing is saved; the page comes back (409)
 * with the chosen item's current values to check and save. */
static rc_t entry_load_again(web_req_t *r, const version_ref_t *vr, const char *item, json_t *m,
                             err_t *e)
{
    /* what was typed stays on the page, next to the values now loaded */
    json_t *typed = json_array();
    static const char *const shown[] = {"mark", "legal_reference", "page", "remark"};
    for (size_t i = 0; i < sizeof shown / sizeof *shown; i++) {
        const char *v = web_param(r, shown[i]);
        if (v && *v)
            json_array_append_new(typed, json_string(text_utf8_repair(&r->arena, v)));
    }
    json_object_set_new(m, "typed_before", typed);
    json_t *mx;
    rc_t rc = model_matrix(r, &vr->v, &mx, e);
    if (rc != RC_OK)
        return rc;
    json_object_set_new(m, "state", model_state(r, &vr->s));
    json_object_set_new(m, "version", model_version(r, &vr->v));
    json_object_set_new(m, "matrix", mx);
    json_t *current = web_matrix_entry_of(m, item);
    if (!current)
        return web_fail(r, e, 422, RC_INPUT, "%s", web_tr(r, "No such item in this matrix."));
    json_object_set_new(m, "load_item", json_string(item));
    json_object_set_new(m, "form_notice",
                        json_string(web_tr(r, "Nothing was saved: the form now shows the current "
                                              "values of the item you chose. Check them and save again.")));
    if ((rc = h_version_workflow(r, &vr->s, &vr->v, m, e)) != RC_OK)
        return rc;
    r->page = "version";
    r->status = 409;
    return RC_OK;
}

/* True if the version has no entry (or a blank one) for the item; false
 * when it has one, or when the store cannot say (then the save is checked). */
static bool item_blank(web_req_t *r, const version_ref_t *vr, const char *item)
{
    json_t *mx;
    err_t e = {0};
    if (model_matrix(r, &vr->v, &mx, &e) != RC_OK)
        return false;
    json_t *wrap = json_pack("{s:o}", "matrix", mx);
    json_t *en = web_matrix_entry_of(wrap, item);
    bool blank = !en || entry_model_blank(en);
    json_decref(wrap);
    return blank;
}

rc_t h_entry_set(web_req_t *r, json_t *m, err_t *e)
{
    version_ref_t vr;
    matrix_entry_t en;
    app_t a;
    bool cleared;
    rc_t rc = version_ref(r, &vr, e);
    if (rc != RC_OK)
        return rc;
    const char *loaded = r->api ? NULL : web_param(r, "loaded");
    const char *item = r->args[2] ? r->args[2] : web_param(r, "item");
    if (loaded && item && strcmp(loaded, item) != 0 && !item_blank(r, &vr, item))
        return entry_load_again(r, &vr, item, m, e);
    const char *page = web_param(r, "page");
    if (!r->api && !matrix_page_ok(page)) /* the form's rule (matrix_page.h); the API's is the entry's */
        rc = web_fail_field(r, e, 422, RC_INPUT, "page",
                            "Page: give page numbers, such as 12, p. 12, pp. 12-14 or iv.");
    else
        rc = entry_read(r, &en, e);
    if (rc == RC_OK) {
        web_app_of(r, &a);
        rc = app_matrix_set(&a, vr.s.alpha3, vr.v.number, &en, &cleared, e);
        if (rc == RC_NOTFOUND || rc == RC_INPUT)
            r->status = 422; /* an unknown item, an invalid field, a report of another state */
    }
    if ((rc == RC_NOTFOUND || rc == RC_INPUT) && !r->api) {
        err_t e2 = {0};
        rc_t rc2 = entry_form_again(r, &vr, m, e, &e2);
        if (rc2 != RC_OK)
            *e = e2;
        return rc2;
    }
    if (rc != RC_OK)
        return rc;
    json_object_set_new(m, "item", json_string(en.item));
    json_object_set_new(m, "mark", json_string(matrix_mark_str(en.mark)));
    json_object_set_new(m, "acceptance_cleared", json_boolean(cleared));
    const char *msg = cleared ? "entry-saved-acceptance-cleared" : "entry-saved";
    if (r->api)
        go(r, vr.s.alpha3, vr.v.number, msg);
    else
        go_row(r, vr.s.alpha3, vr.v.number, msg, en.item);
    return RC_OK;
}

/* One step of the workflow (src/core/matrix_workflow.c), then the version's page. */
static rc_t workflow_step(web_req_t *r, json_t *m, matrix_step_t step,
                          const app_matrix_step_t *in, const char *msg, err_t *e)
{
    version_ref_t vr;
    app_t a;
    rc_t rc = version_ref(r, &vr, e);
    if (rc != RC_OK)
        return rc;
    const char *confirm = web_param(r, "confirm");
    if (!r->api && h_decision_needs_confirm(step) && !(confirm && strcmp(confirm, "yes") == 0)) {
        /* a page's one-click POST: nothing is done; the decision page shows
         * what would change and who would be told (h_decision.c) */
        size_t len = 96;
        r->redirect = arena_alloc(&r->arena, len);
        snprintf(r->redirect, len, "states/%s/versions/%d/%s", vr.s.alpha3, vr.v.number,
                 matrix_transition(step)->verb);
        return RC_OK;
    }
    web_app_of(r, &a);
    rc = app_matrix_step(&a, step, vr.s.alpha3, vr.v.number, in, &vr.v, e);
    if (rc != RC_OK)
        return rc;
    json_object_set_new(m, "version", model_version(r, &vr.v));
    if (step == MW_ACCEPT)
        json_object_set_new(m, "accepted", json_true());
    if (step == MW_COMMENT)
        json_object_set_new(m, "commented", json_true());
    go(r, vr.s.alpha3, vr.v.number, msg);
    return RC_OK;
}

rc_t h_version_send(web_req_t *r, json_t *m, err_t *e)
{
    return workflow_step(r, m, MW_SEND, NULL, "sent", e);
}

rc_t h_version_return(web_req_t *r, json_t *m, err_t *e)
{
    return workflow_step(r, m, MW_RETURN, NULL, "returned", e);
}

rc_t h_version_accept(web_req_t *r, json_t *m, err_t *e)
{
    return workflow_step(r, m, MW_ACCEPT, NULL, "accepted", e);
}

/* The state sends its comments back: the draft comments on rows (h_comment.c)
 * and, if text is given, one on the whole version; the version goes back to
 * the experts as a draft. The item is no longer typed: a row's comment is
 * written on its row. */
rc_t h_version_comment(web_req_t *r, json_t *m, err_t *e)
{
    app_matrix_step_t in = {.text = web_param(r, "text")};
    return workflow_step(r, m, MW_COMMENT, &in, "commented", e);
}

rc_t h_version_approve(web_req_t *r, json_t *m, err_t *e)
{
    return workflow_step(r, m, MW_APPROVE, NULL, "approved", e);
}

rc_t h_version_publish(web_req_t *r, json_t *m, err_t *e)
{
    return workflow_step(r, m, MW_PUBLISH, NULL, "published", e);
}
