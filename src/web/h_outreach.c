/*
 * Outreach to states that do not report: the view of the states that never
 * reported or have been silent for years with the last letter, meeting or
 * visit to each (/LANG/outreach, /api/v1/outreach), a state's entries
 * (/api/v1/states/{code}/outreach), recording one and the state's answer.
 * Not public, never cached; every change is an operation of
 * src/app/app_outreach.c.
 */
#include <stdlib.h>
#include <string.h>

#include "../app/app_outreach.h"
#include "../util/date.h"
#include "change.h"
#include "handlers.h"
#include "model.h"
#include "refcache.h"
#include "web.h"

static const char *kind_name(web_req_t *r, const char *kind)
{
    if (kind && strcmp(kind, "letter") == 0)
        return web_tr(r, "Letter");
    if (kind && strcmp(kind, "meeting") == 0)
        return web_tr(r, "Meeting");
    return web_tr(r, "Visit");
}

static json_t *entry_json(web_req_t *r, const outreach_entry_t *o)
{
    return json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:s,s:s}", "id", (json_int_t)o->id, "state",
                     o->state, "date", o->date, "kind", o->kind, "kind_name",
                     kind_name(r, o->kind), "subject", o->subject, "answer", o->answer,
                     "answer_date", o->answer_date);
}

rc_t h_outreach(web_req_t *r, json_t *m, err_t *e)
{
    const char *y = web_query(r, "years"), *as_of = web_query(r, "as_of");
    char today[11];
    date_today(today);
    long long years = y && *y ? web_id(y) : 5;
    if (!as_of || !*as_of)
        as_of = today;
    app_t a;
    outreach_silence_t *rows;
    size_t n;
    web_app_of(r, &a);
    rc_t rc = app_outreach_silence(&a, (int)(years > 100 ? 0 : years), as_of, &rows, &n, e);
    if (rc == RC_INPUT)
        r->status = 422;
    if (rc != RC_OK)
        return rc;
    r->no_cache = true;
    json_t *list = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *o = json_pack("{s:s,s:s,s:s,s:i,s:b,s:I}", "state", rows[i].state.alpha3, "name",
                              rows[i].state.name[r->lang], "last_report", rows[i].last_report,
                              "years_silent", rows[i].years_silent, "never",
                              rows[i].years_silent < 0, "outreach_count",
                              (json_int_t)rows[i].nentries);
        json_object_set_new(o, "last_outreach",
                            rows[i].last ? entry_json(r, rows[i].last) : json_null());
        json_array_append_new(list, o);
    }
    json_object_set_new(m, "states", list);
    json_object_set_new(m, "years", json_integer(years));
    json_object_set_new(m, "as_of", json_string(as_of));
    json_object_set_new(m, "can_record", json_boolean(authz_allowed(r->user, ACT_OUTREACH_RECORD,
                                                                    NULL)));
    return RC_OK;
}

rc_t h_state_outreach(web_req_t *r, json_t *m, err_t *e)
{
    state_t s;
    app_t a;
    outreach_entry_t *rows;
    size_t n;
    rc_t rc = model_state_arg(r, r->args[0], &s, e);
    if (rc != RC_OK)
        return rc;
    if (!r->api) /* the entries are an API call; the page is /outreach */
        return web_fail(r, e, 404, RC_NOTFOUND, "%s", web_tr(r, "There is no such page."));
    web_app_of(r, &a);
    if ((rc = app_outreach_list(&a, s.alpha3, &rows, &n, e)) != RC_OK)
        return rc;
    r->no_cache = true;
    json_t *list = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(list, entry_json(r, &rows[i]));
    json_object_set_new(m, "entries", list);
    return RC_OK;
}

/* Records an entry for the state named by code (the URL's or the form's). */
static rc_t add_for(web_req_t *r, json_t *m, const char *code, bool from_form, err_t *e)
{
    state_t s;
    app_t a;
    const char *date = web_param(r, "date");
    outreach_entry_t o = {.kind = web_param(r, "kind"), .subject = (char *)web_param(r, "subject")};
    rc_t rc = code && *code ? model_state_arg(r, code, &s, e)
                            : web_fail(r, e, 422, RC_INPUT, "%s", web_tr(r, "Name the state."));
    if (rc == RC_NOTFOUND && from_form)
        r->status = 422; /* a bad field of the form, not a missing page */
    if (rc != RC_OK)
        return rc;
    if (!date || strlen(date) != 10)
        return web_fail(r, e, 422, RC_INPUT, "%s", web_tr(r, "Give the date (YYYY-MM-DD)."));
    memcpy(o.date, date, 11);
    memcpy(o.state, s.alpha3, 4);
    web_app_of(r, &a);
    if ((rc = app_outreach_add(&a, &o, e)) != RC_OK)
        return rc;
    o.answer = "";
    json_object_set_new(m, "entry", entry_json(r, &o));
    r->status = 201;
    r->redirect = "outreach?msg=outreach-saved";
    return RC_OK;
}

rc_t h_outreach_add(web_req_t *r, json_t *m, err_t *e) { return add_for(r, m, r->args[0], false, e); }

rc_t h_outreach_record(web_req_t *r, json_t *m, err_t *e)
{
    return add_for(r, m, web_param(r, "state"), true, e);
}

rc_t h_outreach_answer(web_req_t *r, json_t *m, err_t *e)
{
    state_t s;
    app_t a;
    outreach_entry_t o;
    long long id = web_id(r->args[1]);
    const char *date = web_param(r, "date"), *text = web_param(r, "answer");
    rc_t rc = model_state_arg(r, r->args[0], &s, e);
    if (rc != RC_OK)
        return rc;
    /* the entry must be the URL's state's; the operation checks the permission */
    rc = id ? store_outreach_entry_get(r->st, id, &r->arena, &o, e) : RC_NOTFOUND;
    if (rc == RC_NOTFOUND || (rc == RC_OK && strcmp(o.state, s.alpha3) != 0))
        return web_fail(r, e, 404, RC_NOTFOUND, "%s",
                        web_tr(r, "There is no such outreach entry."));
    web_app_of(r, &a);
    if (rc != RC_OK || (rc = app_outreach_answer(&a, id, text, date ? date : "", e)) != RC_OK)
        return rc;
    json_object_set_new(m, "id", json_integer(id));
    r->redirect = "outreach?msg=outreach-saved";
    return RC_OK;
}
