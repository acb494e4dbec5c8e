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

#include "../core/audit.h"
#include "../core/authz.h"
#include "../core/media.h"
#include "../core/review.h"
#include "../util/date.h"
#include "../util/text.h"
#include "change.h"
#include "handlers.h"
#include "model.h"
#include "session.h"
#include "web.h"

/* After a change, a page goes to the state's page (version 0) or to the
 * version's page, with a message. */
static void go(web_req_t *r, const char *state, int version, const char *msg)
{
    size_t len = 96;
    r->redirect = arena_alloc(&r->arena, len);
    if (version)
        snprintf(r->redirect, len, "states/%s/versions/%d?msg=%s", state, version, msg);
    else
        snprintf(r->redirect, len, "states/%s?msg=%s", state, msg);
}

/* ---- the workspace page ------------------------------------------------------ */

/* The versions and states a workspace lists, read once per page. */
typedef struct {
    matrix_version_t *v;
    size_t nv;
    state_t *states; /* by alpha-3, as the store lists them */
    size_t ns;
} workspace_t;

static int state_code_cmp(const void *key, const void *s)
{
    return strcmp(key, ((const state_t *)s)->alpha3);
}

/* Whether the state accepted the version: 1 yes, 0 no (or no answer yet). */
static int version_accepted(web_req_t *r, long long id)
{
    matrix_review_t rv;
    err_t e = {0};
    return store_review_get(r->st, id, &r->arena, &rv, &e) == RC_OK &&
           strcmp(rv.response, "accepted") == 0;
}

/* The versions in one stage of the workflow, with their state's name; with
 * accepted 0 or 1, only those the state has (1) or has not (0) accepted. */
static json_t *versions_in(web_req_t *r, const workspace_t *w, mv_status_t status, int accepted)
{
    json_t *a = json_array();
    for (size_t i = 0; i < w->nv; i++) {
        if (w->v[i].status != status ||
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

rc_t h_workspace(web_req_t *r, json_t *m, err_t *e)
{
    const user_t *u = r->user;
    char today[11];
    date_today(today);
    json_object_set_new(m, "today", json_string(today));
    workspace_t w;
    const char *own = u->role == ROLE_POC ? u->state : NULL;
    rc_t rc = store_version_list(r->st, own, &r->arena, &w.v, &w.nv, e);
    if (rc == RC_OK)
        rc = store_state_list(r->st, &r->arena, &w.states, &w.ns, e);
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

/* The matrix entry of `item` in a version's grouped model, or NULL. */
static json_t *matrix_entry_of(json_t *m, const char *item)
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

/* The entry form of a draft: the state's reports to cite, the marks, and,
 * with ?item=ID, that item chosen and its current entry filled in. */
static rc_t edit_form(web_req_t *r, const char *state, json_t *m, err_t *e)
{
    report_t *reps;
    size_t n;
    rc_t rc = store_report_list(r->st, state, &r->arena, &reps, &n, e);
    if (rc != RC_OK)
        return rc;
    const char *item = web_query(r, "item");
    json_t *current = item ? matrix_entry_of(m, item) : NULL;
    json_t *src = current ? json_object_get(current, "source_report") : NULL;
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *o = model_report(r, &reps[i]);
        json_object_set_new(o, "selected", json_boolean(src && json_integer_value(src) == reps[i].id));
        json_array_append_new(a, o);
    }
    json_object_set_new(m, "reports", a);
    const char *mark = current ? json_string_value(json_object_get(current, "mark")) : "X";
    json_t *marks = json_array();
    static const char *const codes[] = {"X", "?", "NA", ""};
    for (size_t i = 0; i < 4; i++)
        json_array_append_new(marks, json_pack("{s:s,s:s,s:b}", "code", codes[i], "name",
                                               *codes[i] ? codes[i] : web_tr(r, "blank"),
                                               "selected", strcmp(mark, codes[i]) == 0));
    json_object_set_new(m, "marks", marks);
    if (current) {
        json_object_set_new(current, "selected", json_true());
        json_object_set(m, "editing", current);
    }
    return RC_OK;
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
    bool draft = v->status == MV_DRAFT, with = v->status == MV_WITH_STATE;
    json_object_set_new(m, "can_edit", json_boolean(draft && authz_allowed(r->user, ACT_MATRIX_EDIT, st)));
    json_object_set_new(m, "can_send", json_boolean(draft && authz_allowed(r->user, ACT_MATRIX_SEND, st)));
    json_object_set_new(m, "can_review", json_boolean(with && !accepted && authz_allowed(r->user, ACT_MATRIX_REVIEW, st)));
    json_object_set_new(m, "can_approve", json_boolean(with && accepted && authz_allowed(r->user, ACT_MATRIX_APPROVE, st)));
    json_object_set_new(m, "can_publish", json_boolean(v->status == MV_APPROVED && authz_allowed(r->user, ACT_MATRIX_PUBLISH, st)));
    json_object_set_new(m, "can_new", json_boolean(!draft && !with && authz_allowed(r->user, ACT_MATRIX_EDIT, st)));
    if (v->status != MV_PUBLISHED) {
        matrix_comment_t *c;
        size_t n;
        if ((rc = store_comments(r->st, v->id, &r->arena, &c, &n, e)) != RC_OK)
            return rc;
        json_t *a = json_array();
        for (size_t i = 0; i < n; i++)
            json_array_append_new(a, json_pack("{s:s,s:s,s:s,s:s}", "item", c[i].item, "user",
                                               c[i].user_name ? c[i].user_name : "", "text",
                                               c[i].text, "created", c[i].created));
        json_object_set_new(m, "comments", a);
        r->no_cache = true;
    }
    if (json_is_true(json_object_get(m, "can_edit")))
        return edit_form(r, st, m, e);
    return RC_OK;
}

/* ---- a point of contact uploads a report ------------------------------------ */

typedef struct {
    report_t rep;
    const void *doc;
    size_t len;
} upload_t;

static rc_t upload_insert(web_req_t *r, void *arg, err_t *e)
{
    upload_t *u = arg;
    return store_report_insert(r->st, &u->rep, u->doc, u->len, e);
}

static rc_t upload_read(web_req_t *r, const state_t *s, upload_t *u, err_t *e)
{
    const char *kind = web_param(r, "kind"), *date = web_param(r, "date"),
               *language = web_param(r, "language"), *title = web_param(r, "title");
    const web_field_t *f = web_file(r, "file");
    if (!kind || !date || !language || !title || !f)
        return web_fail(r, e, 422, RC_INPUT, "%s",
                        web_tr(r, "Kind, date, language, title and a file are all required."));
    if (strlen(date) != 10 || !date_valid(date))
        return web_fail(r, e, 422, RC_INPUT, "%s", web_tr(r, "The date must be YYYY-MM-DD."));
    if (strlen(language) > 3)
        return web_fail(r, e, 422, RC_INPUT, "%s",
                        web_tr(r, "The language must be an ISO 639 code such as en or fr."));
    if (f->len == 0)
        return web_fail(r, e, 422, RC_INPUT, "%s", web_tr(r, "The file is empty."));
    if ((long long)f->len > web_app->max_upload)
        return web_fail(r, e, 413, RC_REFUSED, "%s", web_tr(r, "The file is too large."));
    u->rep = (report_t){.kind = report_kind_parse(kind), .title = (char *)title, .size = -1};
    memcpy(u->rep.state, s->alpha3, sizeof u->rep.state);
    snprintf(u->rep.date, sizeof u->rep.date, "%s", date);
    snprintf(u->rep.language, sizeof u->rep.language, "%s", language);
    /* no bidi controls: they would make the name shown differ from the file's */
    u->rep.filename = text_bidi_strip(&r->arena, f->filename);
    u->rep.media_type = (char *)media_type_detect(f->value, f->len, f->filename);
    if (!u->rep.media_type)
        return web_fail(r, e, 415, RC_INPUT, "%s",
                        web_tr(r, "The file must be a PDF, Word, OpenDocument or text file."));
    u->rep.size = (long long)f->len;
    u->rep.has_document = true;
    report_sha256_hex(f->value, f->len, u->rep.sha256);
    u->doc = f->value;
    u->len = f->len;
    rc_t rc = report_validate(&u->rep, e);
    if (rc != RC_OK)
        r->status = 422;
    return rc;
}

rc_t h_report_upload(web_req_t *r, json_t *m, err_t *e)
{
    state_t s;
    upload_t u;
    rc_t rc = model_state_arg(r, r->args[0], &s, e);
    if (rc == RC_OK)
        rc = upload_read(r, &s, &u, e);
    char object[64], detail[128];
    if (rc == RC_OK) {
        snprintf(object, sizeof object, "state:%s", s.alpha3);
        snprintf(detail, sizeof detail, "sha256 %s, %zu bytes", u.rep.sha256, u.len);
        rc = web_change(r, upload_insert, &u, "report.add", object, detail, e);
    }
    if (rc != RC_OK)
        return rc;
    json_object_set_new(m, "report", model_report(r, &u.rep));
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

static rc_t wrong_status(web_req_t *r, err_t *e)
{
    return web_fail(r, e, 409, RC_REFUSED, "%s",
                    web_tr(r, "The version's status does not allow this."));
}

typedef struct {
    matrix_version_t v;
    matrix_entry_t *entries;
    size_t n;
} new_draft_t;

static rc_t draft_insert(web_req_t *r, void *arg, err_t *e)
{
    new_draft_t *d = arg;
    rc_t rc = store_version_insert(r->st, &d->v, e);
    return rc == RC_OK ? store_entries_insert(r->st, d->v.id, d->entries, d->n, e) : rc;
}

rc_t h_version_new(web_req_t *r, json_t *m, err_t *e)
{
    state_t s;
    matrix_version_t *vs;
    size_t nv;
    char *tv;
    rc_t rc = model_state_arg(r, r->args[0], &s, e);
    if (rc == RC_OK)
        rc = store_version_list(r->st, s.alpha3, &r->arena, &vs, &nv, e);
    if (rc == RC_OK)
        rc = store_meta_get(r->st, "template_version", &r->arena, &tv, e);
    if (rc != RC_OK)
        return rc;
    for (size_t i = 0; i < nv; i++)
        if (vs[i].status == MV_DRAFT || vs[i].status == MV_WITH_STATE)
            return web_fail(r, e, 409, RC_REFUSED, "%s",
                            web_tr(r, "This state already has a version in progress."));
    new_draft_t d = {.v = {.number = nv ? vs[nv - 1].number + 1 : 1,
                           .template_version = (int)strtol(tv, NULL, 10), .note = ""}};
    memcpy(d.v.state, s.alpha3, 4);
    date_today(d.v.created);
    if (nv) { /* start from the newest version's entries */
        d.v.template_version = vs[nv - 1].template_version;
        if ((rc = store_entries(r->st, vs[nv - 1].id, &r->arena, &d.entries, &d.n, e)) != RC_OK)
            return rc;
    }
    char object[32];
    snprintf(object, sizeof object, "matrix:%s/%d", s.alpha3, d.v.number);
    if ((rc = web_change(r, draft_insert, &d, "matrix.new", object, "", e)) != RC_OK)
        return rc;
    json_object_set_new(m, "version", model_version(r, &d.v));
    r->status = 201;
    go(r, s.alpha3, d.v.number, "draft-made");
    return RC_OK;
}

typedef struct {
    long long version_id;
    matrix_entry_t en;
} entry_change_t;

static rc_t entry_write(web_req_t *r, void *arg, err_t *e)
{
    entry_change_t *c = arg;
    if (matrix_entry_empty(&c->en))
        return store_entry_delete(r->st, c->version_id, c->en.item, e);
    return store_entry_put(r->st, c->version_id, &c->en, e);
}

static rc_t entry_read(web_req_t *r, const version_ref_t *vr, entry_change_t *c, err_t *e)
{
    const char *mark = web_param(r, "mark"), *src = web_param(r, "source_report");
    int mk = matrix_mark_parse(mark ? mark : "");
    if (mk < 0)
        return web_fail(r, e, 422, RC_INPUT, "%s", web_tr(r, "The mark must be X, ?, NA or blank."));
    const char *ref = web_param(r, "legal_reference"), *page = web_param(r, "page"),
               *remark = web_param(r, "remark");
    const char *item = r->args[2] ? r->args[2] : web_param(r, "item");
    if (!item || !template_item_id_ok(item))
        return web_fail(r, e, 422, RC_INPUT, "%s", web_tr(r, "There is no such item."));
    c->version_id = vr->v.id;
    c->en = (matrix_entry_t){.item = (char *)item, .mark = (mark_t)mk,
                             .legal_reference = (char *)(ref ? ref : ""),
                             .page = (char *)(page ? page : ""),
                             .remark = (char *)(remark ? remark : "")};
    if (src && *src) {
        char *end;
        c->en.source_report = strtoll(src, &end, 10);
        if (*end || c->en.source_report <= 0)
            return web_fail(r, e, 422, RC_INPUT, "%s", web_tr(r, "The source report is not a report number."));
    }
    rc_t rc = matrix_entry_validate(&c->en, e);
    if (rc != RC_OK)
        r->status = 422;
    return rc;
}

rc_t h_entry_set(web_req_t *r, json_t *m, err_t *e)
{
    version_ref_t vr;
    entry_change_t c;
    rc_t rc = version_ref(r, &vr, e);
    if (rc != RC_OK)
        return rc;
    if (vr.v.status != MV_DRAFT)
        return wrong_status(r, e);
    if ((rc = entry_read(r, &vr, &c, e)) != RC_OK)
        return rc;
    char detail[128];
    snprintf(detail, sizeof detail, "%s = %s", c.en.item, matrix_mark_str(c.en.mark));
    rc = web_change(r, entry_write, &c, "matrix.set", vr.object, detail, e);
    if (rc == RC_NOTFOUND || rc == RC_INPUT)
        r->status = 422; /* an unknown item or a report of another state */
    if (rc != RC_OK)
        return rc;
    json_object_set_new(m, "item", json_string(c.en.item));
    json_object_set_new(m, "mark", json_string(matrix_mark_str(c.en.mark)));
    go(r, vr.s.alpha3, vr.v.number, "entry-saved");
    return RC_OK;
}

typedef struct {
    long long id;
    mv_status_t to;
    const char *date;
} move_t;

static rc_t version_move(web_req_t *r, void *arg, err_t *e)
{
    move_t *mv = arg;
    return store_version_set_status(r->st, mv->id, mv->to, mv->date, e);
}

/* Moves the version along the workflow from `from` to `to`. */
static rc_t workflow_step(web_req_t *r, json_t *m, mv_status_t from, mv_status_t to,
                          const char *action, const char *msg, err_t *e)
{
    version_ref_t vr;
    rc_t rc = version_ref(r, &vr, e);
    if (rc != RC_OK)
        return rc;
    if (vr.v.status != from)
        return wrong_status(r, e);
    if (to == MV_APPROVED) { /* only what the state has accepted */
        matrix_review_t rv;
        rc = store_review_get(r->st, vr.v.id, &r->arena, &rv, e);
        if (rc == RC_NOTFOUND || (rc == RC_OK && strcmp(rv.response, "accepted") != 0))
            return web_fail(r, e, 409, RC_REFUSED, "%s",
                            web_tr(r, "The state has not accepted this version yet."));
        if (rc != RC_OK)
            return rc;
    }
    char today[11];
    date_today(today);
    move_t mv = {vr.v.id, to, today};
    if ((rc = web_change(r, version_move, &mv, action, vr.object, matrix_status_str(to), e)) != RC_OK)
        return rc;
    vr.v.status = to;
    json_object_set_new(m, "version", model_version(r, &vr.v));
    go(r, vr.s.alpha3, vr.v.number, msg);
    return RC_OK;
}

rc_t h_version_send(web_req_t *r, json_t *m, err_t *e)
{
    return workflow_step(r, m, MV_DRAFT, MV_WITH_STATE, "matrix.send", "sent", e);
}

rc_t h_version_approve(web_req_t *r, json_t *m, err_t *e)
{
    return workflow_step(r, m, MV_WITH_STATE, MV_APPROVED, "matrix.approve", "approved", e);
}

rc_t h_version_publish(web_req_t *r, json_t *m, err_t *e)
{
    return workflow_step(r, m, MV_APPROVED, MV_PUBLISHED, "matrix.publish", "published", e);
}

static rc_t review_accept(web_req_t *r, void *arg, err_t *e)
{
    matrix_review_t rv = {.version_id = *(long long *)arg, .user_id = r->user->id,
                          .response = "accepted", .at = ""};
    return store_review_set(r->st, &rv, e);
}

rc_t h_version_accept(web_req_t *r, json_t *m, err_t *e)
{
    version_ref_t vr;
    rc_t rc = version_ref(r, &vr, e);
    if (rc != RC_OK)
        return rc;
    if (vr.v.status != MV_WITH_STATE)
        return wrong_status(r, e);
    if ((rc = web_change(r, review_accept, &vr.v.id, "matrix.accept", vr.object, "", e)) != RC_OK)
        return rc;
    json_object_set_new(m, "accepted", json_true());
    go(r, vr.s.alpha3, vr.v.number, "accepted");
    return RC_OK;
}

/* The state comments (on one entry or the whole version): the comment is
 * kept and the version goes back to the experts as a draft. */
typedef struct {
    matrix_comment_t c;
    long long version_id;
} comment_t;

static rc_t comment_write(web_req_t *r, void *arg, err_t *e)
{
    comment_t *c = arg;
    matrix_review_t rv = {.version_id = c->version_id, .user_id = r->user->id,
                          .response = "commented", .at = ""};
    rc_t rc = store_comment_insert(r->st, &c->c, e);
    if (rc == RC_OK)
        rc = store_review_set(r->st, &rv, e);
    char today[11];
    date_today(today);
    if (rc == RC_OK)
        rc = store_version_set_status(r->st, c->version_id, MV_DRAFT, today, e);
    return rc;
}

rc_t h_version_comment(web_req_t *r, json_t *m, err_t *e)
{
    version_ref_t vr;
    rc_t rc = version_ref(r, &vr, e);
    if (rc != RC_OK)
        return rc;
    if (vr.v.status != MV_WITH_STATE)
        return wrong_status(r, e);
    const char *text = web_param(r, "text"), *item = web_param(r, "item");
    if (!text || !*text || !text_multi_line_ok(text, REVIEW_COMMENT_MAX))
        return web_fail(r, e, 422, RC_INPUT, "%s",
                        web_tr(r, "A comment needs text (at most 4,000 characters)."));
    if (item && *item && !template_item_id_ok(item))
        return web_fail(r, e, 422, RC_INPUT, "%s", web_tr(r, "There is no such item."));
    comment_t c = {.c = {.version_id = vr.v.id, .user_id = r->user->id,
                         .item = (char *)(item ? item : ""), .text = (char *)text, .created = ""},
                   .version_id = vr.v.id};
    if ((rc = web_change(r, comment_write, &c, "matrix.comment", vr.object, c.c.item, e)) != RC_OK)
        return rc;
    json_object_set_new(m, "commented", json_true());
    go(r, vr.s.alpha3, vr.v.number, "commented");
    return RC_OK;
}
