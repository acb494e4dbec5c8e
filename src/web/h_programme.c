/*
 * Programmes and partners (issue 17 item 4): the list of organizations'
 * programmes (/LANG/programmes, /api/v1/programmes), one programme with the
 * offers under it (programmes/{id}), the overlap view (programmes/overlap),
 * and the forms that add, change and remove a programme and put an offer
 * under it. Reading is public (the contact only for a signed-in reader);
 * every change is an operation of src/app/app_programme.c.
 */
#include <stdio.h>
#include <string.h>

#include "../app/app_programme.h"
#include "../util/date.h"
#include "change.h"
#include "handlers.h"
#include "model.h"
#include "model_assist.h"
#include "refcache.h"
#include "web.h"

static const char *org_name(web_req_t *r, const char *code)
{
    const organization_t *o;
    size_t n;
    if (web_ref_orgs(r, &o, &n, NULL) == RC_OK)
        for (size_t i = 0; i < n; i++)
            if (strcmp(o[i].code, code) == 0)
                return o[i].name[r->lang];
    return code;
}

/* A list of ISO 639 codes as [{code, name}]: the UN languages by their own
 * names, any other by its code. */
static json_t *language_list(const char *list)
{
    json_t *out = json_array();
    char code[8];
    for (const char *p = list; p && *p;) {
        size_t k = strcspn(p, ",");
        snprintf(code, sizeof code, "%.*s", (int)(k < 7 ? k : 7), p);
        int l = lang_parse(code);
        json_array_append_new(out, json_pack("{s:s,s:s}", "code", code, "name",
                                             l >= 0 ? lang_native_name((lang_t)l) : code));
        p += k + (p[k] == ',');
    }
    return out;
}

static json_t *programme_json(web_req_t *r, const programme_t *p)
{
    json_t *j = json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s}", "id", (json_int_t)p->id,
                          "org", p->org, "org_name", org_name(r, p->org), "title", p->title,
                          "description", p->description, "themes_codes", p->themes, "regions_codes",
                          p->regions, "languages_codes", p->languages, "start", p->start, "end",
                          p->end, "contact", p->contact);
    json_object_set_new(j, "themes", model_code_list(r, p->themes, "theme"));
    json_object_set_new(j, "regions", model_code_list(r, p->regions, "region"));
    json_object_set_new(j, "languages", language_list(p->languages));
    return j;
}

/* The form's choices: themes, every M49 region, the six languages; those of
 * p (when editing) chosen. The organizations to choose from for whoever keeps
 * more than one organization's programmes. */
static json_t *form_json(web_req_t *r, const programme_t *p)
{
    json_t *f = json_object(), *l = json_array(), *orgs = json_array();
    json_t *themes = model_choices(r, "theme", NULL, false);
    json_t *regions = model_choices(r, "region", NULL, false);
    for (int i = 0; i < LANG_COUNT; i++)
        json_array_append_new(l, json_pack("{s:s,s:s}", "code", lang_code((lang_t)i), "name",
                                           lang_native_name((lang_t)i)));
    struct {
        json_t *list;
        const char *chosen;
    } sets[] = {
        {themes, p ? p->themes : ""}, {regions, p ? p->regions : ""}, {l, p ? p->languages : ""}};
    for (size_t s = 0; s < 3; s++) {
        size_t i;
        json_t *o;
        json_array_foreach(sets[s].list, i, o)
        {
            const char *code = json_string_value(json_object_get(o, "code"));
            json_object_set_new(o, "chosen",
                                json_boolean(code && assistance_list_has(sets[s].chosen, code)));
        }
    }
    const organization_t *org;
    size_t n;
    if (web_ref_orgs(r, &org, &n, NULL) == RC_OK)
        for (size_t i = 0; i < n; i++)
            if (authz_acts_for_org(r->user, org[i].code))
                json_array_append_new(orgs, json_pack("{s:s,s:s}", "code", org[i].code, "name",
                                                      org[i].name[r->lang]));
    json_object_set_new(f, "themes", themes);
    json_object_set_new(f, "regions", regions);
    json_object_set_new(f, "languages", l);
    json_object_set_new(f, "orgs", orgs);
    json_object_set_new(f, "ask_org", json_boolean(r->user && r->user->role != ROLE_PROVIDER));
    return f;
}

rc_t h_programmes(web_req_t *r, json_t *m, err_t *e)
{
    const char *org = web_query(r, "org");
    app_t a;
    programme_t *p;
    size_t n;
    web_app_of(r, &a);
    rc_t rc = app_programme_list(&a, org && *org ? org : NULL, &p, &n, e);
    if (rc != RC_OK)
        return rc;
    if (r->user)
        r->no_cache = true; /* the contact is shown to accounts */
    json_t *list = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(list, programme_json(r, &p[i]));
    json_object_set_new(m, "programmes", list);
    json_object_set_new(m, "org", json_string(org ? org : ""));
    if (authz_allowed(r->user, ACT_PROGRAMME_EDIT, NULL) && !r->api) {
        json_object_set_new(m, "form", form_json(r, NULL));
        json_object_set_new(m, "can_edit", json_true());
    }
    return RC_OK;
}

rc_t h_programme_overlap(web_req_t *r, json_t *m, err_t *e)
{
    const char *theme = web_query(r, "theme");
    app_t a;
    programme_overlap_t *o;
    size_t n;
    web_app_of(r, &a);
    rc_t rc = app_programme_overlap(&a, theme && *theme ? theme : NULL, &o, &n, e);
    if (rc != RC_OK)
        return rc;
    json_t *list = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *pair = json_pack("{s:I,s:s,s:s,s:I,s:s,s:s,s:s,s:s}", "a", (json_int_t)o[i].a->id,
                                 "a_title", o[i].a->title, "a_org", org_name(r, o[i].a->org), "b",
                                 (json_int_t)o[i].b->id, "b_title", o[i].b->title, "b_org",
                                 org_name(r, o[i].b->org), "from", o[i].from, "until", o[i].until);
        json_object_set_new(pair, "themes", model_code_list(r, o[i].themes, "theme"));
        json_object_set_new(pair, "regions", model_code_list(r, o[i].regions, "region"));
        json_array_append_new(list, pair);
    }
    json_object_set_new(m, "overlaps", list);
    json_object_set_new(m, "themes", model_choices(r, "theme", theme, false));
    return RC_OK;
}

rc_t h_programme(web_req_t *r, json_t *m, err_t *e)
{
    long long id = web_id(r->args[0]), *offers;
    programme_t p;
    size_t n;
    app_t a;
    web_app_of(r, &a);
    rc_t rc = id ? app_programme_get(&a, id, &p, &offers, &n, e) : RC_NOTFOUND;
    if (rc == RC_NOTFOUND)
        return web_fail(r, e, 404, RC_NOTFOUND, "%s", web_tr(r, "There is no such programme."));
    if (rc != RC_OK)
        return rc;
    if (r->user)
        r->no_cache = true;
    json_t *j = programme_json(r, &p), *list = json_array();
    for (size_t i = 0; i < n; i++) {
        assistance_offer_t o;
        if (store_offer_get(r->st, offers[i], &r->arena, &o, NULL) == RC_OK)
            json_array_append_new(list, json_pack("{s:I,s:s,s:s}", "id", (json_int_t)o.id, "title",
                                                  o.title, "status", o.status));
    }
    json_object_set_new(j, "offers", list);
    json_object_set_new(m, "programme", j);
    if (authz_acts_for_org(r->user, p.org) && !r->api) {
        json_object_set_new(m, "form", form_json(r, &p));
        json_object_set_new(m, "can_edit", json_true());
    }
    return RC_OK;
}

/* The operations' refusals of a field (an unknown theme is RC_NOTFOUND on
 * "themes") are the user's to fix: 422; a programme that is not there 404. */
static rc_t invalid(web_req_t *r, rc_t rc, const err_t *e)
{
    if (rc == RC_INPUT || (rc == RC_NOTFOUND && e->field[0])) {
        r->status = 422;
        return RC_INPUT;
    }
    if (rc == RC_NOTFOUND)
        r->status = 404;
    return rc;
}

static bool date_field(const char *v, char out[11])
{
    out[0] = '\0';
    if (!v || !*v)
        return true;
    if (strlen(v) != 10 || !date_valid(v))
        return false;
    memcpy(out, v, 11);
    return true;
}

/* Reads the form (or JSON body) into p; a 422 naming the field otherwise. */
static rc_t read_form(web_req_t *r, programme_t *p, err_t *e)
{
    const char *lists[3] = {web_param_list(r, "themes"), web_param_list(r, "regions"),
                            web_param_list(r, "languages")};
    static const char *const names[3] = {"themes", "regions", "languages"};
    p->title = (char *)web_param(r, "title");
    p->description = (char *)web_param(r, "description");
    p->contact = (char *)web_param(r, "contact");
    if (!p->title || !*p->title)
        return web_fail_field(r, e, 422, RC_INPUT, "title", "A title is required.");
    for (int i = 0; i < 3; i++)
        if (!lists[i])
            return web_fail_field(r, e, 422, RC_INPUT, names[i],
                                  i == 0   ? "Choose themes from the list."
                                  : i == 1 ? "Choose regions from the list."
                                           : "Choose languages from the list.");
    if (!*lists[0])
        return web_fail_field(r, e, 422, RC_INPUT, "themes", "Choose themes from the list.");
    if (!date_field(web_param(r, "start"), p->start))
        return web_fail_field(r, e, 422, RC_INPUT, "start", "The date must be YYYY-MM-DD.");
    if (!date_field(web_param(r, "end"), p->end))
        return web_fail_field(r, e, 422, RC_INPUT, "end", "The date must be YYYY-MM-DD.");
    p->themes = (char *)lists[0], p->regions = (char *)lists[1], p->languages = (char *)lists[2];
    p->description = p->description ? p->description : "";
    p->contact = p->contact ? p->contact : "";
    return RC_OK;
}

/* The programme's page, with a message. */
static void to_programme(web_req_t *r, long long id, const char *msg)
{
    r->redirect = arena_printf(&r->arena, "programmes/%lld?msg=%s", id, msg);
}

rc_t h_programme_add(web_req_t *r, json_t *m, err_t *e)
{
    programme_t p = {0};
    app_t a;
    rc_t rc = read_form(r, &p, e);
    if (rc != RC_OK)
        return rc;
    p.org = (char *)web_param(r, "org");
    web_app_of(r, &a);
    if ((rc = app_programme_add(&a, &p, e)) != RC_OK)
        return invalid(r, rc, e);
    json_object_set_new(m, "programme", programme_json(r, &p));
    r->status = 201;
    to_programme(r, p.id, "programme-saved");
    return RC_OK;
}

rc_t h_programme_update(web_req_t *r, json_t *m, err_t *e)
{
    programme_t p = {.id = web_id(r->args[0])};
    app_t a;
    if (!p.id)
        return web_fail(r, e, 404, RC_NOTFOUND, "%s", web_tr(r, "There is no such programme."));
    rc_t rc = read_form(r, &p, e);
    if (rc != RC_OK)
        return rc;
    web_app_of(r, &a);
    if ((rc = app_programme_update(&a, &p, e)) != RC_OK)
        return invalid(r, rc, e);
    json_object_set_new(m, "programme", programme_json(r, &p));
    to_programme(r, p.id, "programme-saved");
    return RC_OK;
}

rc_t h_programme_remove(web_req_t *r, json_t *m, err_t *e)
{
    long long id = web_id(r->args[0]);
    app_t a;
    web_app_of(r, &a);
    rc_t rc = id ? app_programme_remove(&a, id, e) : RC_NOTFOUND;
    if (rc == RC_NOTFOUND)
        return web_fail(r, e, 404, RC_NOTFOUND, "%s", web_tr(r, "There is no such programme."));
    if (rc != RC_OK)
        return rc;
    json_object_set_new(m, "removed", json_integer(id));
    r->redirect = "programmes?msg=programme-removed";
    return RC_OK;
}

/* POST programmes/{id}/offers (offer=N) links; .../offers/{offer}/unlink unlinks. */
rc_t h_programme_link(web_req_t *r, json_t *m, err_t *e)
{
    long long id = web_id(r->args[0]), offer = web_id(web_param(r, "offer"));
    app_t a;
    if (!id)
        return web_fail(r, e, 404, RC_NOTFOUND, "%s", web_tr(r, "There is no such programme."));
    if (!offer)
        return web_fail_field(r, e, 422, RC_INPUT, "offer", "Give the number of an offer.");
    web_app_of(r, &a);
    rc_t rc = app_programme_offer_link(&a, id, offer, e);
    if (rc == RC_NOTFOUND && strstr(e->msg, "offer")) /* the offer named in the form */
        r->status = 422;
    if (rc != RC_OK)
        return rc;
    json_object_set_new(m, "offer", json_integer(offer));
    to_programme(r, id, "programme-linked");
    return RC_OK;
}

rc_t h_programme_unlink(web_req_t *r, json_t *m, err_t *e)
{
    long long id = web_id(r->args[0]), offer = web_id(r->args[1]), in = 0;
    app_t a;
    /* the offer must be under the URL's programme; the operation checks who */
    if (!id || !offer || store_programme_of_offer(r->st, offer, &in, NULL) != RC_OK || in != id)
        return web_fail(r, e, 404, RC_NOTFOUND, "%s", web_tr(r, "The offer is in no programme."));
    web_app_of(r, &a);
    rc_t rc = app_programme_offer_unlink(&a, offer, e);
    if (rc != RC_OK)
        return rc;
    json_object_set_new(m, "offer", json_integer(offer));
    to_programme(r, id, "programme-linked");
    return RC_OK;
}
