/*
 * The roster of a state's points of contact (/LANG/states/{code}/contacts and
 * the same under /api/v1/), its forms, and training attendance
 * (/api/v1/events/{id}/attendance). Each handler parses, calls the operation
 * of src/app/app_roster.c, which checks the permission on the stored entry's
 * own state, and renders. The pages are never cached (not PUBLIC_PAGE rows:
 * they hold personal data).
 */
#include <string.h>

#include "../app/app_roster.h"
#include "change.h"
#include "handlers.h"
#include "model.h"
#include "web.h"

/* A comma-separated list as a JSON array of strings. */
static json_t *list_json(const char *list)
{
    json_t *a = json_array();
    for (const char *p = list; p && *p;) {
        size_t n = strcspn(p, ",");
        json_array_append_new(a, json_stringn(p, n));
        p += n + (p[n] == ',');
    }
    return a;
}

static json_t *contact_json(const contact_t *c)
{
    return json_pack("{s:I,s:s,s:s,s:s,s:s,s:o,s:o,s:s,s:s}", "id", (json_int_t)c->id, "state",
                     c->state, "person", c->person, "function", c->function, "ministry",
                     c->ministry, "areas", list_json(c->areas), "languages",
                     list_json(c->languages), "since", c->since, "user", c->user_name);
}

/* An area's name in the request's language (literal msgids, so that
 * tools/po_extract.py finds them). */
static const char *area_name(web_req_t *r, int i)
{
    switch (i) {
    case 0: return web_tr(r, "Nuclear");
    case 1: return web_tr(r, "Chemical");
    case 2: return web_tr(r, "Biological");
    case 3: return web_tr(r, "Means of delivery");
    case 4: return web_tr(r, "Export control");
    default: return web_tr(r, "General");
    }
}

json_t *h_roster_area_boxes(web_req_t *r, const char *list)
{
    json_t *a = json_array();
    for (int i = 0; i < CONTACT_AREA_COUNT; i++)
        json_array_append_new(a, json_pack("{s:s,s:s,s:b}", "code", contact_areas[i], "name",
                                           area_name(r, i), "checked",
                                           list && assistance_list_has(list, contact_areas[i])));
    return a;
}

rc_t h_contacts(web_req_t *r, json_t *m, err_t *e)
{
    state_t s;
    app_t a;
    contact_t *cs;
    size_t n;
    rc_t rc = model_state_arg(r, r->args[0], &s, e);
    if (rc != RC_OK)
        return rc;
    web_app_of(r, &a);
    if ((rc = app_contact_list(&a, s.alpha3, &cs, &n, e)) != RC_OK)
        return rc;
    r->no_cache = true;
    json_t *rows = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *row = contact_json(&cs[i]);
        json_object_set_new(row, "area_boxes", h_roster_area_boxes(r, cs[i].areas));
        json_object_set_new(row, "languages_text", json_string(cs[i].languages));
        json_array_append_new(rows, row);
    }
    json_object_set_new(m, "contacts", rows);
    json_object_set_new(m, "state", json_pack("{s:s,s:s}", "code", s.alpha3, "name",
                                              s.name[r->lang]));
    json_object_set_new(m, "area_boxes", h_roster_area_boxes(r, NULL));
    json_object_set_new(m, "can_edit", json_boolean(authz_allowed(r->user, ACT_ROSTER_EDIT,
                                                                  s.alpha3)));
    json_object_set_new(m, "can_link", json_boolean(authz_allowed(r->user, ACT_ROSTER_LINK,
                                                                  NULL)));
    return RC_OK;
}

/* The entry named by the URL (states/{code}/contacts/{id}), which must be of
 * that state: 404 otherwise, whatever the caller may read. */
static rc_t entry_arg(web_req_t *r, app_t *a, contact_t *out, err_t *e)
{
    state_t s;
    long long id = web_id(r->args[1]);
    rc_t rc = model_state_arg(r, r->args[0], &s, e);
    if (rc == RC_OK)
        rc = id ? app_contact_get(a, id, out, e) : RC_NOTFOUND;
    if (rc == RC_NOTFOUND || (rc == RC_OK && strcmp(out->state, s.alpha3) != 0))
        return web_fail(r, e, 404, RC_NOTFOUND, "%s",
                        web_tr(r, "There is no such point of contact."));
    return rc;
}

/* The languages: a JSON array or repeated field, or the form's one text box
 * of comma-separated codes, spaces dropped ("en, fr" is en,fr). */
static char *languages_from(web_req_t *r)
{
    const char *list = web_param_list(r, "languages");
    if (!list && !r->api)
        list = web_param(r, "languages");
    if (!list)
        return NULL;
    char *out = arena_strdup(&r->arena, list), *w = out;
    for (const char *p = list; *p; p++)
        if (*p != ' ')
            *w++ = *p;
    *w = '\0';
    return out;
}

/* Fills c's fields from the form or JSON body; a field left out is "" (the
 * operation says which one is missing). */
static rc_t fields_from(web_req_t *r, contact_t *c, err_t *e)
{
    const char *since = web_param(r, "since");
    c->person = (char *)(web_param(r, "person") ? web_param(r, "person") : "");
    c->function = (char *)(web_param(r, "function") ? web_param(r, "function") : "");
    c->ministry = (char *)(web_param(r, "ministry") ? web_param(r, "ministry") : "");
    c->areas = (char *)web_param_list(r, "areas");
    c->languages = languages_from(r);
    if (!c->areas || !c->languages)
        return web_fail(r, e, 422, RC_INPUT, "%s",
                        web_tr(r, "The areas and the languages are lists of codes."));
    if (!since || strlen(since) != 10)
        return web_fail(r, e, 422, RC_INPUT, "%s",
                        web_tr(r, "Give the date since when (YYYY-MM-DD)."));
    memcpy(c->since, since, 11);
    return RC_OK;
}

static rc_t done(web_req_t *r, json_t *m, const contact_t *c, const char *state, int status)
{
    if (c)
        json_object_set_new(m, "contact", contact_json(c));
    r->status = status;
    r->redirect = arena_printf(&r->arena, "states/%s/contacts?msg=roster-saved", state);
    return RC_OK;
}

rc_t h_contact_add(web_req_t *r, json_t *m, err_t *e)
{
    state_t s;
    app_t a;
    contact_t c = {0};
    rc_t rc = model_state_arg(r, r->args[0], &s, e);
    if (rc != RC_OK || (rc = fields_from(r, &c, e)) != RC_OK)
        return rc;
    memcpy(c.state, s.alpha3, 4);
    web_app_of(r, &a);
    if ((rc = app_contact_add(&a, &c, e)) != RC_OK)
        return rc;
    c.user_name = "";
    return done(r, m, &c, s.alpha3, 201);
}

rc_t h_contact_update(web_req_t *r, json_t *m, err_t *e)
{
    app_t a;
    contact_t c;
    web_app_of(r, &a);
    rc_t rc = entry_arg(r, &a, &c, e);
    if (rc != RC_OK || (rc = fields_from(r, &c, e)) != RC_OK ||
        (rc = app_contact_update(&a, &c, e)) != RC_OK)
        return rc;
    return done(r, m, &c, c.state, 200);
}

rc_t h_contact_remove(web_req_t *r, json_t *m, err_t *e)
{
    app_t a;
    contact_t c;
    web_app_of(r, &a);
    rc_t rc = entry_arg(r, &a, &c, e);
    if (rc != RC_OK || (rc = app_contact_remove(&a, c.id, e)) != RC_OK)
        return rc;
    return done(r, m, NULL, c.state, 200);
}

rc_t h_contact_link(web_req_t *r, json_t *m, err_t *e)
{
    app_t a;
    contact_t c;
    web_app_of(r, &a);
    rc_t rc = entry_arg(r, &a, &c, e);
    const char *user = web_param(r, "user");
    if (rc != RC_OK || (rc = app_contact_link(&a, c.id, user, e)) != RC_OK)
        return rc;
    if ((rc = app_contact_get(&a, c.id, &c, e)) != RC_OK)
        return rc;
    return done(r, m, &c, c.state, 200);
}

rc_t h_attendance(web_req_t *r, json_t *m, err_t *e)
{
    app_t a;
    contact_t *cs;
    size_t n;
    long long id = web_id(r->args[0]);
    if (!r->api) /* the list is an API call; events have no page yet */
        return web_fail(r, e, 404, RC_NOTFOUND, "%s", web_tr(r, "There is no such event."));
    web_app_of(r, &a);
    rc_t rc = id ? app_attendance_list(&a, id, &cs, &n, e)
                 : web_fail(r, e, 404, RC_NOTFOUND, "%s", web_tr(r, "There is no such event."));
    if (rc != RC_OK)
        return rc;
    r->no_cache = true;
    json_t *rows = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(rows, contact_json(&cs[i]));
    json_object_set_new(m, "event", json_integer(id));
    json_object_set_new(m, "attended", rows);
    return RC_OK;
}

rc_t h_attendance_set(web_req_t *r, json_t *m, err_t *e)
{
    app_t a;
    long long id = web_id(r->args[0]), contact = web_id(web_param(r, "contact"));
    const char *attended = web_param(r, "attended");
    if (!contact)
        return web_fail(r, e, 422, RC_INPUT, "%s",
                        web_tr(r, "Name the point of contact by their id."));
    if (attended && strcmp(attended, "true") && strcmp(attended, "false") &&
        strcmp(attended, "1") && strcmp(attended, "0"))
        return web_fail(r, e, 422, RC_INPUT, "%s",
                        web_tr(r, "Attended is true or false."));
    bool yes = !attended || strcmp(attended, "true") == 0 || strcmp(attended, "1") == 0;
    web_app_of(r, &a);
    rc_t rc = id ? app_attendance_set(&a, id, contact, yes, e)
                 : web_fail(r, e, 404, RC_NOTFOUND, "%s", web_tr(r, "There is no such event."));
    if (rc != RC_OK)
        return rc;
    json_object_set_new(m, "event", json_integer(id));
    json_object_set_new(m, "contact", json_integer(contact));
    json_object_set_new(m, "attended", json_boolean(yes));
    r->redirect = "workspace";
    return RC_OK;
}
