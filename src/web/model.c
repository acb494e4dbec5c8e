/*
 * Store records to JSON, in the request's language.
 */
#include "model.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/authz.h"
#include "../core/matrix_info.h"
#include "../util/i18n.h"
#include "../util/langname.h"
#include "model_fields.h"
#include "model_matrix_read.h"
#include "refcache.h"

const char *model_vocab_name(web_req_t *r, const char *kind, const char *code)
{
    const vocab_t *v;
    size_t n;
    err_t e = {0};
    if (web_ref_vocab(r, kind, &v, &n, &e) != RC_OK)
        return code;
    for (size_t i = 0; i < n; i++)
        if (strcmp(v[i].code, code) == 0)
            return v[i].name[r->lang];
    return code;
}

const char *model_state_name(web_req_t *r, const state_t *s)
{
    return s->name[r->lang] && *s->name[r->lang] ? s->name[r->lang] : s->name[LANG_EN];
}

rc_t model_state_arg(web_req_t *r, const char *code, state_t *out, err_t *e)
{
    if (!code || !state_code_syntax_ok(code))
        return web_fail(r, e, 404, RC_NOTFOUND, "%s", web_tr(r, "There is no such state."));
    rc_t rc = web_ref_state(r, code, out, e);
    if (rc == RC_NOTFOUND)
        return web_fail(r, e, 404, RC_NOTFOUND, "%s", web_tr(r, "There is no such state."));
    return rc;
}

bool model_sees_drafts(web_req_t *r, const char *alpha3)
{
    return authz_allowed(r->user, ACT_MATRIX_READ, alpha3);
}

rc_t model_version_arg(web_req_t *r, const state_t *s, const char *number,
                       matrix_version_t *out, err_t *e)
{
    char *end;
    long n = number ? strtol(number, &end, 10) : 0;
    rc_t rc = RC_NOTFOUND;
    if (number && *number && !*end && n > 0 && n < 100000)
        rc = store_version_get(r->st, s->alpha3, (int)n, &r->arena, out, e);
    if (rc == RC_OK && out->status != MV_PUBLISHED && !model_sees_drafts(r, s->alpha3))
        rc = RC_NOTFOUND; /* a draft's existence is not public either */
    if (rc == RC_NOTFOUND)
        return web_fail(r, e, 404, RC_NOTFOUND, "%s",
                        web_tr(r, "There is no such matrix version."));
    return rc;
}

const char *model_role_name(web_req_t *r, role_t role)
{
    switch (role) {
    case ROLE_ADMIN: return web_tr(r, "administrator");
    case ROLE_COMMITTEE: return web_tr(r, "Committee member");
    case ROLE_EXPERT: return web_tr(r, "expert");
    case ROLE_POC: return web_tr(r, "point of contact");
    case ROLE_PROVIDER: return web_tr(r, "assistance provider");
    default: return "";
    }
}

json_t *model_state(web_req_t *r, const state_t *s)
{
    json_t *o = json_object();
    json_object_set_new(o, "code", json_string(s->alpha3));
    json_object_set_new(o, "alpha2", json_string(s->alpha2));
    json_object_set_new(o, "name", json_string(model_state_name(r, s)));
    json_object_set_new(o, "group", json_string(s->un_group));
    json_object_set_new(o, "group_name", json_string(model_vocab_name(r, "group", s->un_group)));
    json_object_set_new(o, "region", json_string(s->m49_region));
    json_object_set_new(o, "region_name",
                        json_string(model_vocab_name(r, "region", s->m49_region)));
    json_object_set_new(o, "subregion_name",
                        json_string(model_vocab_name(r, "region", s->m49_subregion)));
    json_object_set_new(o, "ldc", json_boolean(s->ldc));
    json_object_set_new(o, "lldc", json_boolean(s->lldc));
    json_object_set_new(o, "sids", json_boolean(s->sids));
    return o;
}

const char *model_report_kind_name(web_req_t *r, const char *kind)
{
    static const char *const labels[][2] = {
        {"first-report", "First national report"},
        {"additional-information", "Additional information"},
        {"action-plan", "National implementation action plan"},
        {"peer-review", "Peer review report"},
        {"letter", "Letter"},
    };
    for (size_t i = 0; i < sizeof labels / sizeof *labels; i++)
        if (strcmp(kind, labels[i][0]) == 0)
            return web_tr(r, labels[i][1]);
    return kind;
}

json_t *model_report(web_req_t *r, const report_t *rep)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(rep->id));
    json_object_set_new(o, "state", json_string(rep->state));
    json_object_set_new(o, "kind", json_string(rep->kind));
    json_object_set_new(o, "kind_name", json_string(model_report_kind_name(r, rep->kind)));
    json_object_set_new(o, "date", json_string(rep->date));
    json_object_set_new(o, "language", json_string(rep->language));
    if (!r->api)
        json_object_set_new(o, "language_name",
                            json_string(lang_display_name(&r->arena, rep->language, r->lang)));
    json_object_set_new(o, "title", json_string(rep->title));
    json_object_set_new(o, "has_file", json_boolean(rep->has_document));
    if (rep->has_document) {
        json_object_set_new(o, "filename", json_string(rep->filename ? rep->filename : ""));
        json_object_set_new(o, "media_type",
                            json_string(rep->media_type ? rep->media_type : ""));
        json_object_set_new(o, "size", json_integer(rep->size));
        json_object_set_new(o, "sha256", json_string(rep->sha256));
    }
    return o;
}

static const char *status_label(web_req_t *r, mv_status_t s)
{
    switch (s) {
    case MV_DRAFT: return web_tr(r, "draft");
    case MV_WITH_STATE: return web_tr(r, "with the state for review");
    case MV_APPROVED: return web_tr(r, "approved");
    default: return web_tr(r, "published");
    }
}

json_t *model_version(web_req_t *r, const matrix_version_t *v)
{
    json_t *o = json_object();
    json_object_set_new(o, "state", json_string(v->state));
    json_object_set_new(o, "number", json_integer(v->number));
    json_object_set_new(o, "status", json_string(matrix_status_str(v->status)));
    json_object_set_new(o, "status_name", json_string(status_label(r, v->status)));
    json_object_set_new(o, "template_version", json_integer(v->template_version));
    json_object_set_new(o, "created", json_string(v->created));
    json_object_set_new(o, "approved", json_string(v->approved));
    json_object_set_new(o, "published", json_string(v->published));
    /* issue 12: a published matrix whose approval date the Committee did not make public */
    json_object_set_new(o, "approval_unknown", json_boolean(v->status == MV_PUBLISHED &&
                                                            !*v->approved));
    json_object_set_new(o, "note", json_string(v->note ? v->note : ""));
    json_object_set_new(o, "is_draft", json_boolean(v->status == MV_DRAFT));
    json_object_set_new(o, "is_with_state", json_boolean(v->status == MV_WITH_STATE));
    json_object_set_new(o, "is_approved", json_boolean(v->status == MV_APPROVED));
    json_object_set_new(o, "is_published", json_boolean(v->status == MV_PUBLISHED));
    return o;
}

static const char *mark_class(mark_t m)
{
    switch (m) {
    case MARK_X: return "x";
    case MARK_UNSURE: return "q";
    case MARK_NA: return "na";
    default: return "blank";
    }
}

/* The name of a relevant-information date in the page's language. */
static const char *info_date_name(web_req_t *r, info_date_t d)
{
    switch (d) {
    case INFO_SIGNED: return web_tr(r, "signed");
    case INFO_RATIFIED: return web_tr(r, "ratified");
    default: return web_tr(r, "acceded");
    }
}

/* tmpl (issue 12): the row's note (template v2), the web-address source
 * (shown as a link: matrix_info_validate lets only http/https through) and
 * OP1's relevant information with its dates, named in the page's language. */
static void entry_info_json(web_req_t *r, json_t *o, const template_item_t *it,
                            const matrix_entry_t *en)
{
    json_object_set_new(o, "note", json_string(it->note[r->lang] ? it->note[r->lang] : ""));
    json_object_set_new(o, "source_url", json_string(en ? matrix_str(en->source_url) : ""));
    json_object_set_new(o, "info", json_string(en ? matrix_str(en->info) : ""));
    json_t *dates = json_array();
    for (int d = 0; en && d < INFO_DATE_COUNT; d++)
        if (en->info_date[d][0])
            json_array_append_new(dates, json_pack("{s:s,s:s,s:s}", "key",
                                                   matrix_info_date_names[d], "name",
                                                   info_date_name(r, (info_date_t)d), "date",
                                                   en->info_date[d]));
    json_object_set_new(o, "has_info", json_boolean(en && (*matrix_str(en->info) ||
                                                           json_array_size(dates))));
    json_object_set_new(o, "info_dates", dates);
}

static json_t *entry_json(web_req_t *r, const template_item_t *it, const matrix_entry_t *en)
{
    matrix_entry_t blank = {.item = it->id, .legal_reference = "", .page = "",
                            .remark = ""}; /* an item without an entry shows as blank */
    json_t *o = json_object();
    model_fields_set(o, &matrix_entry_fields, en ? en : &blank);
    json_object_set_new(o, "item", json_string(it->id));
    json_object_set_new(o, "label", json_string(it->label[r->lang]));
    json_object_set_new(o, "weapon", json_string(it->weapon));
    json_object_set_new(o, "mark_class", json_string(mark_class(en ? en->mark : MARK_BLANK)));
    entry_info_json(r, o, it, en); /* the FIELD_JSON_HOOK rows, and the row's note */
    return o;
}

/* Appends an entry under its section and heading, opening new groups as the
 * template order moves on (items come sorted by section and heading). */
static void matrix_place(web_req_t *r, json_t *sections, const template_item_t *it, json_t *en)
{
    json_t *sec = json_array_size(sections) ? json_array_get(sections, json_array_size(sections) - 1)
                                            : NULL;
    if (!sec || strcmp(json_string_value(json_object_get(sec, "code")), it->section) != 0) {
        sec = json_pack("{s:s,s:s,s:[]}", "code", it->section, "name",
                        model_vocab_name(r, "section", it->section), "tables");
        json_array_append_new(sections, sec);
    }
    json_t *tables = json_object_get(sec, "tables");
    json_t *tab = json_array_size(tables) ? json_array_get(tables, json_array_size(tables) - 1) : NULL;
    if (!tab || strcmp(json_string_value(json_object_get(tab, "code")), it->heading) != 0) {
        tab = json_pack("{s:s,s:s,s:[]}", "code", it->heading, "name",
                        model_vocab_name(r, "heading", it->heading), "entries");
        json_array_append_new(tables, tab);
    }
    json_array_append_new(json_object_get(tab, "entries"), en);
}

rc_t model_matrix_shared(web_req_t *r, const matrix_version_t *v, json_t **out, err_t *e)
{
    json_t *kept = web_ref_matrix(v->id, r->lang);
    if (kept) {
        *out = json_incref(kept);
        return RC_OK;
    }
    rc_t rc = model_matrix(r, v, out, e);
    if (rc == RC_OK)
        web_ref_matrix_keep(v->id, r->lang, *out);
    return rc;
}

rc_t model_matrix(web_req_t *r, const matrix_version_t *v, json_t **out, err_t *e)
{
    const template_item_t *items;
    matrix_entry_t *entries;
    size_t ni, ne;
    rc_t rc = web_ref_items(r, v->template_version, false, &items, &ni, e);
    if (rc == RC_OK)
        rc = store_entries(r->st, v->id, &r->arena, &entries, &ne, e);
    if (rc != RC_OK)
        return rc;
    report_t *reports; /* issue 13: sources named by their report's title and date */
    size_t nr;
    if ((rc = store_report_list(r->st, v->state, &r->arena, &reports, &nr, e)) != RC_OK)
        return rc;
    json_t *sections = json_array();
    int counts[4] = {0};
    size_t k = 0;
    const matrix_entry_t **by_item = arena_alloc(&r->arena, (ni + 1) * sizeof *by_item);
    for (size_t i = 0; i < ni; i++) {
        const matrix_entry_t *en = k < ne && strcmp(entries[k].item, items[i].id) == 0
                                       ? &entries[k++] : NULL;
        by_item[i] = en;
        counts[en ? en->mark : MARK_BLANK]++;
        json_t *o = entry_json(r, &items[i], en);
        model_entry_source(r, o, en, reports, nr);
        matrix_place(r, sections, &items[i], o);
    }
    *out = json_pack("{s:o,s:i,s:i,s:i,s:i,s:i}", "sections", sections, "items", (int)ni,
                     "x", counts[MARK_X], "unsure", counts[MARK_UNSURE], "na", counts[MARK_NA],
                     "blank", counts[MARK_BLANK]);
    model_matrix_read(r, *out, items, ni, by_item);
    return RC_OK;
}

/* The filter's choices, each marked when it is the one in force. */
json_t *model_choices(web_req_t *r, const char *kind, const char *current, bool top_only)
{
    json_t *a = json_array();
    const vocab_t *v;
    size_t n;
    err_t e = {0};
    if (web_ref_vocab(r, kind, &v, &n, &e) != RC_OK)
        return a;
    for (size_t i = 0; i < n; i++)
        if (!top_only || strcmp(v[i].parent, "001") == 0)
            json_array_append_new(a, json_pack("{s:s,s:s,s:b}", "code", v[i].code, "name",
                                               v[i].name[r->lang], "selected",
                                               current && strcmp(current, v[i].code) == 0));
    return a;
}
