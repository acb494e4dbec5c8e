/*
 * Assistance records to JSON, in the request's language.
 */
#include "model_assist.h"

#include <stdlib.h>
#include <string.h>

#include "../core/authz.h"
#include "../util/langname.h"
#include "model.h"
#include "model_fields.h"
#include "refcache.h"

static int item_cmp(const void *a, const void *b)
{
    return strcmp(((const template_item_t *)a)->id, ((const template_item_t *)b)->id);
}

rc_t model_assist_names(web_req_t *r, assist_names_t *n, err_t *e)
{
    const char *v = web_ref_meta(r, "template_version");
    int version = v ? (int)strtol(v, NULL, 10) : 1;
    rc_t rc = web_ref_states(r, &n->states, &n->nstates, e);
    if (rc == RC_OK)
        rc = web_ref_orgs(r, &n->orgs, &n->norgs, e);
    if (rc == RC_OK)
        rc = web_ref_items(r, version, true, &n->items, &n->nitems, e);
    return rc;
}

rc_t model_assist_names_of(web_req_t *r, const match_context_t *c, assist_names_t *n, err_t *e)
{
    n->states = c->states, n->nstates = c->nstates;
    n->items = c->tmpl, n->nitems = c->ntmpl; /* sorted by id, as here */
    return web_ref_orgs(r, &n->orgs, &n->norgs, e);
}

json_t *model_fixed_choices(web_req_t *r, const char *const *codes,
                            const char *(*name)(web_req_t *, const char *), const char *current)
{
    json_t *a = json_array();
    for (size_t i = 0; codes[i]; i++)
        json_array_append_new(a, json_pack("{s:s,s:s,s:b}", "code", codes[i], "name",
                                           name(r, codes[i]), "selected",
                                           current && strcmp(current, codes[i]) == 0));
    return a;
}

static const char *item_label(web_req_t *r, const template_item_t *it)
{
    return it->label[r->lang] && *it->label[r->lang] ? it->label[r->lang] : it->label[LANG_EN];
}

json_t *model_item_list(web_req_t *r, const assist_names_t *n, const char *items)
{
    json_t *a = model_code_list(r, items, "");
    json_t *o;
    size_t i;
    json_array_foreach(a, i, o) {
        template_item_t key = {.id = (char *)json_string_value(json_object_get(o, "code"))};
        const template_item_t *it = bsearch(&key, n->items, n->nitems, sizeof key, item_cmp);
        if (it)
            json_object_set_new(o, "name", json_string(item_label(r, it)));
    }
    return a;
}

const char *model_assist_themes(web_req_t *r, const assist_names_t *n, const char *themes,
                                const char *items)
{
    return match_themes_of(themes, items, n->items, n->nitems, &r->arena);
}

static json_t *themes_of(web_req_t *r, const assist_names_t *n, const char *themes,
                         const char *items)
{
    return model_code_list(r, model_assist_themes(r, n, themes, items), "theme");
}

static const char *label_of(web_req_t *r, const char *const (*labels)[2], size_t n,
                            const char *code)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(code, labels[i][0]) == 0)
            return web_tr(r, labels[i][1]);
    return code;
}

const char *model_assist_kind_name(web_req_t *r, const char *kind)
{
    static const char *const assist_kinds[][2] = {
        {"legislative-drafting", "Legislative drafting"},
        {"training", "Training"},
        {"equipment", "Equipment"},
        {"expert-visit", "Expert visit"},
        {"technical-advice", "Technical advice"},
        {"workshop", "Workshop"},
        {"awareness-raising", "Awareness raising"},
    };
    return label_of(r, assist_kinds, sizeof assist_kinds / sizeof *assist_kinds, kind);
}

const char *model_assist_status_name(web_req_t *r, const char *status)
{
    static const char *const assist_statuses[][2] = {
        {"open", "open"},
        {"matched", "matched"},
        {"delivered", "delivered"},
        {"withdrawn", "withdrawn"},
        {"closed", "closed"},
        {"proposed", "proposed"},
        {"accepted", "accepted"},
        {"declined", "declined"},
        {"provider-accepted", "accepted by the provider"},
        {"provider-declined", "declined by the provider"},
        {"state-accepted", "accepted by the state"},
        {"state-declined", "declined by the state"},
        {"", "waiting"},
    };
    return label_of(r, assist_statuses, sizeof assist_statuses / sizeof *assist_statuses,
                    status);
}

static int state_key_cmp(const void *key, const void *s)
{
    return strcmp(key, ((const state_t *)s)->alpha3);
}

static int org_key_cmp(const void *key, const void *o)
{
    return strcmp(key, ((const organization_t *)o)->code);
}

const state_t *model_assist_state(const assist_names_t *n, const char *alpha3)
{
    return bsearch(alpha3, n->states, n->nstates, sizeof *n->states, state_key_cmp);
}

const char *model_assist_state_name(web_req_t *r, const assist_names_t *n, const char *alpha3)
{
    const state_t *s = model_assist_state(n, alpha3);
    return s ? model_state_name(r, s) : alpha3;
}

const char *model_provider_name(web_req_t *r, const assist_names_t *n, const char *provider)
{
    const organization_t *o = bsearch(provider, n->orgs, n->norgs, sizeof *n->orgs, org_key_cmp);
    if (o)
        return o->name[r->lang] && *o->name[r->lang] ? o->name[r->lang] : o->name[LANG_EN];
    return model_assist_state_name(r, n, provider);
}

json_t *model_code_list(web_req_t *r, const char *list, const char *vocab)
{
    json_t *a = json_array();
    for (const char *p = list; p && *p;) {
        size_t len = strcspn(p, ",");
        char *code = arena_strndup(&r->arena, p, len);
        const char *name = !vocab ? model_assist_kind_name(r, code)
                           : *vocab ? model_vocab_name(r, vocab, code) : code;
        json_array_append_new(a, json_pack("{s:s,s:s}", "code", code, "name", name));
        p += len + (p[len] == ',');
    }
    return a;
}

static void set_str(json_t *o, const char *key, const char *v)
{
    json_object_set_new(o, key, json_string(v ? v : ""));
}

json_t *model_request(web_req_t *r, const assist_names_t *n, const assistance_request_t *q)
{
    json_t *o = json_object();
    model_fields_set(o, &request_fields, q); /* then what the pages show besides */
    /* Who to call and what the state told the Committee are for the
     * Committee, the experts and the state: not on public pages or the API. */
    if (!authz_allowed(r->user, ACT_ASSIST_READ, NULL) &&
        authz_proposal_side(r->user, q->state, NULL) != SIDE_STATE) {
        json_object_del(o, "contact");
        json_object_del(o, "feedback");
    }
    set_str(o, "state_name", model_assist_state_name(r, n, q->state));
    set_str(o, "kind_name", model_assist_kind_name(r, q->kind));
    json_object_set_new(o, "items", model_item_list(r, n, q->items));
    json_object_set_new(o, "themes", themes_of(r, n, q->themes, q->items));
    set_str(o, "status_name", model_assist_status_name(r, q->status));
    json_object_set_new(o, "open", json_boolean(strcmp(q->status, "open") == 0));
    if (!r->api) /* "English, French" in the page's language, not "en,fr" */
        set_str(o, "language_names", lang_display_list(&r->arena, q->languages, r->lang));
    return o;
}

json_t *model_offer(web_req_t *r, const assist_names_t *n, const assistance_offer_t *of)
{
    const char *provider = match_provider(of);
    json_t *o = json_object();
    model_fields_set(o, &offer_fields, of); /* then what the pages show besides */
    set_str(o, "provider", provider);
    set_str(o, "provider_name", model_provider_name(r, n, provider));
    json_object_set_new(o, "provider_is_state", json_boolean(*of->provider_state != 0));
    json_object_set_new(o, "kinds", model_code_list(r, of->kinds, NULL));
    json_object_set_new(o, "items", model_item_list(r, n, of->items));
    json_object_set_new(o, "themes", themes_of(r, n, of->themes, of->items));
    json_object_set_new(o, "regions", model_code_list(r, of->regions, "region"));
    set_str(o, "status_name", model_assist_status_name(r, of->status));
    json_object_set_new(o, "open", json_boolean(strcmp(of->status, "open") == 0));
    if (!r->api)
        set_str(o, "language_names", lang_display_list(&r->arena, of->languages, r->lang));
    return o;
}

static const char *factor_name(web_req_t *r, const char *factor)
{
    static const char *const match_factors[][2] = {
        {"items", "Items"},          {"themes", "Themes"},
        {"kind", "Kind"},            {"region", "Region"},
        {"language", "Language"},    {"dates", "Dates"},
        {"developing", "Developing state"},
        {"coverage", "Low coverage"}, {"no-report", "No report"},
        {"priority", "Priority"},    {"overlap", "Other offers that fit"},
        {"alternative", "Better-scoring offer"},
    };
    return label_of(r, match_factors, sizeof match_factors / sizeof *match_factors, factor);
}

/* Replaces each {key} of a translated template with its value. */
static const char *fill(web_req_t *r, const char *tmpl, const char *const *kv, size_t n)
{
    buf_t b;
    buf_init(&b, 1u << 16);
    for (const char *p = tmpl; *p;) {
        size_t i = 0;
        for (; i < n; i += 2)
            if (*p == '{' && strncmp(p + 1, kv[i], strlen(kv[i])) == 0 &&
                p[1 + strlen(kv[i])] == '}')
                break;
        if (i < n) {
            buf_puts(&b, kv[i + 1]);
            p += strlen(kv[i]) + 2;
        } else
            buf_putc(&b, *p++);
    }
    const char *out = arena_strdup(&r->arena, buf_str(&b));
    buf_free(&b);
    return out;
}

/* A list of codes with each code's name, joined by ", ". */
static const char *names_of(web_req_t *r, const char *list, const char *vocab)
{
    json_t *a = model_code_list(r, list, vocab), *o;
    size_t i;
    buf_t b;
    buf_init(&b, 1u << 16);
    json_array_foreach(a, i, o)
        buf_printf(&b, "%s%s", i ? ", " : "", json_string_value(json_object_get(o, "name")));
    json_decref(a);
    const char *out = arena_strdup(&r->arena, buf_str(&b));
    buf_free(&b);
    return out;
}

/*
 * A factor's detail in the request's language. The score (match/score.c)
 * writes it in English, and a stored proposal keeps that text; the known
 * forms are read back here and said again with translated words and names.
 * A form not known here is shown as it is.
 */
static const char *factor_detail(web_req_t *r, const char *factor, const char *d)
{
    int a, b, used = 0;
    char list[512];
    if ((!strcmp(factor, "items") || !strcmp(factor, "themes")) &&
        sscanf(d, "%d shared: %511s%n", &a, list, &used) == 2 && !d[used]) {
        char n[16];
        snprintf(n, sizeof n, "%d", a);
        const char *kv[] = {"n", n, "list", !strcmp(factor, "themes") ? names_of(r, list, "theme") : list};
        return fill(r, web_tr(r, "{n} shared: {list}"), kv, 4);
    }
    if (!strcmp(factor, "kind") && sscanf(d, "%511s offered%n", list, &used) == 1 && !d[used]) {
        const char *kv[] = {"kind", model_assist_kind_name(r, list)};
        return fill(r, web_tr(r, "{kind} offered"), kv, 2);
    }
    if (!strcmp(factor, "region") && sscanf(d, "the offer serves region %511s%n", list, &used) == 1 &&
        !d[used]) {
        const char *kv[] = {"region", model_vocab_name(r, "region", list)};
        return fill(r, web_tr(r, "the offer serves {region}"), kv, 2);
    }
    if (!strcmp(factor, "coverage") &&
        sscanf(d, "%d of %d applicable fields marked X%n", &a, &b, &used) == 2 && !d[used]) {
        char x[16], n[16];
        snprintf(x, sizeof x, "%d", a), snprintf(n, sizeof n, "%d", b);
        const char *kv[] = {"x", x, "n", n};
        return fill(r, web_tr(r, "{x} of {n} applicable fields marked X"), kv, 4);
    }
    if (!strcmp(factor, "priority") && sscanf(d, "priority %d%n", &a, &used) == 1 && !d[used]) {
        char n[16];
        snprintf(n, sizeof n, "%d", a);
        const char *kv[] = {"n", n};
        return fill(r, web_tr(r, "priority {n}"), kv, 2);
    }
    if (!strcmp(factor, "overlap") && sscanf(d, "%d other offer%n", &a, &used) == 1) {
        char n[16];
        snprintf(n, sizeof n, "%d", a);
        const char *kv[] = {"n", n};
        return fill(r, web_tr(r, "{n} other offers fit"), kv, 2);
    }
    if (!strcmp(factor, "developing")) { /* "LDC LLDC": the tags the state pages show */
        buf_t t;
        buf_init(&t, 256);
        for (const char *p = d; *p;) {
            size_t len = strcspn(p, " ");
            char *flag = arena_strndup(&r->arena, p, len);
            buf_printf(&t, "%s%s", t.len ? " " : "", web_tr(r, flag));
            p += len + (p[len] == ' ');
        }
        const char *out = arena_strdup(&r->arena, buf_str(&t));
        buf_free(&t);
        return out;
    }
    if (!strcmp(d, "the offer serves every region"))
        return web_tr(r, "the offer serves every region");
    if (!strcmp(d, "the periods overlap"))
        return web_tr(r, "the periods overlap");
    if (!strcmp(d, "no preference"))
        return web_tr(r, "no preference");
    if (!strcmp(d, "no approved matrix"))
        return web_tr(r, "no approved matrix");
    if (!strcmp(d, "never reported"))
        return web_tr(r, "never reported");
    return d;
}

static json_t *factor_json(web_req_t *r, const char *name, const char *detail, long points,
                           bool has_points)
{
    json_t *f = json_pack("{s:s,s:s,s:s}", "factor", name, "name", factor_name(r, name),
                          "detail", factor_detail(r, name, detail));
    json_object_set_new(f, "points", has_points ? json_integer(points) : json_null());
    return f;
}

json_t *model_factors(web_req_t *r, const match_explain_t *ex)
{
    json_t *a = json_array();
    for (int i = 0; ex && i < ex->nfactors; i++)
        json_array_append_new(a, factor_json(r, ex->factor[i].name, ex->factor[i].detail,
                                             ex->factor[i].points, true));
    return a;
}

/* A stored explanation, "factor: detail = points" per line (match_explain_text),
 * back into factors; a line without points (the overlap) keeps its detail. */
static json_t *explanation_factors(web_req_t *r, const char *text)
{
    json_t *a = json_array();
    for (const char *line = text; line && *line;) {
        size_t len = strcspn(line, "\n");
        char *s = arena_strndup(&r->arena, line, len);
        line += len + (line[len] == '\n');
        while (*s == ' ')
            s++;
        char *colon = strstr(s, ": ");
        if (!colon)
            continue;
        *colon = 0;
        char *detail = colon + 2, *eq = strrchr(detail, '=');
        char *end = NULL;
        long points = eq ? strtol(eq + 1, &end, 10) : 0;
        bool has_points = eq && eq > detail && eq[-1] == ' ' && end && !*end;
        if (has_points)
            eq[-1] = 0;
        json_array_append_new(a, factor_json(r, s, detail, points, has_points));
    }
    return a;
}

static json_t *proposal_json(web_req_t *r, const assist_names_t *n, const assistance_proposal_t *p,
                             const assistance_request_t *q, const assistance_offer_t *of,
                             const assistance_event_t *ev, size_t nev, bool factors);

json_t *model_proposal(web_req_t *r, const assist_names_t *n, const assistance_proposal_t *p,
                       const assistance_request_t *q, const assistance_offer_t *of,
                       const assistance_event_t *ev, size_t nev)
{
    return proposal_json(r, n, p, q, of, ev, nev, true);
}

json_t *model_proposal_brief(web_req_t *r, const assist_names_t *n, const assistance_proposal_t *p,
                             const assistance_request_t *q, const assistance_offer_t *of)
{
    return proposal_json(r, n, p, q, of, NULL, 0, false);
}

static json_t *proposal_json(web_req_t *r, const assist_names_t *n, const assistance_proposal_t *p,
                             const assistance_request_t *q, const assistance_offer_t *of,
                             const assistance_event_t *ev, size_t nev, bool factors)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(p->id));
    json_object_set_new(o, "request", json_integer(p->request_id));
    json_object_set_new(o, "offer", json_integer(p->offer_id));
    json_object_set_new(o, "score", json_integer(p->score));
    set_str(o, "batch", p->batch);
    set_str(o, "created", p->created);
    set_str(o, "status", p->status);
    set_str(o, "status_name", model_assist_status_name(r, p->status));
    set_str(o, "provider_answer", p->provider_answer);
    set_str(o, "provider_answer_name", model_assist_status_name(r, p->provider_answer));
    set_str(o, "state_answer", p->state_answer);
    set_str(o, "state_answer_name", model_assist_status_name(r, p->state_answer));
    if (factors)
        json_object_set_new(o, "factors", explanation_factors(r, p->explanation));
    if (q) {
        set_str(o, "request_title", q->title);
        set_str(o, "state", q->state);
        set_str(o, "state_name", model_assist_state_name(r, n, q->state));
    }
    if (of) {
        set_str(o, "offer_title", of->title);
        set_str(o, "provider", match_provider(of));
        set_str(o, "provider_name", model_provider_name(r, n, match_provider(of)));
    }
    if (ev) {
        json_t *h = json_array();
        for (size_t i = 0; i < nev; i++)
            json_array_append_new(h, json_pack("{s:i,s:s,s:s,s:s,s:s}", "seq", ev[i].seq,
                                               "date", ev[i].date, "event", ev[i].event,
                                               "event_name",
                                               model_assist_status_name(r, ev[i].event),
                                               "note", ev[i].note ? ev[i].note : ""));
        json_object_set_new(o, "history", h);
    }
    return o;
}

json_t *model_assist_form(web_req_t *r, const assist_names_t *n)
{
    json_t *f = json_object(), *a = json_array(), *k = json_array(), *l = json_array();
    for (size_t i = 0; i < n->nitems; i++)
        json_array_append_new(a, json_pack("{s:s,s:s}", "code", n->items[i].id, "name",
                                           item_label(r, &n->items[i])));
    for (size_t i = 0; assistance_kinds[i]; i++)
        json_array_append_new(k, json_pack("{s:s,s:s}", "code", assistance_kinds[i], "name",
                                           model_assist_kind_name(r, assistance_kinds[i])));
    for (int i = 0; i < LANG_COUNT; i++)
        json_array_append_new(l, json_pack("{s:s,s:s,s:b}", "code", lang_code((lang_t)i), "name",
                                           lang_native_name((lang_t)i), "selected",
                                           i == (int)r->lang));
    json_object_set_new(f, "items", a);
    json_object_set_new(f, "kinds", k);
    json_object_set_new(f, "languages", l);
    json_object_set_new(f, "themes", model_choices(r, "theme", NULL, false));
    json_object_set_new(f, "regions", model_choices(r, "region", NULL, true));
    return f;
}
