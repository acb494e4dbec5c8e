/*
 * Page titles (page_title.h).
 */
#include "page_title.h"

#include <stdio.h>
#include <string.h>

/* What each template shows, in words (msgids; tools/po_extract.py reads this
 * table). A template not listed gets the site's name alone. */
static const char *const page_names[][2] = {
    {"states", "States"},
    {"state", "State"},
    {"version", "Matrix version"},
    {"diff", "Changes between versions"},
    {"report", "Report"},
    {"data", "Open data"},
    {"api", "The JSON API"},
    {"tokens", "API tokens"},
    {"login", "Sign in"},
    {"workspace", "Workspace"},
    {"users", "Users"},
    {"audit", "Audit log"},
    {"signins", "Failed sign-ins"},
    {"requests", "Assistance requests"},
    {"request", "Assistance request"},
    {"offers", "Assistance offers"},
    {"offer", "Assistance offer"},
    {"match", "Match review"},
    {"proposals", "Proposals"},
    {"proposal", "Proposal"},
    {"review", "Review"},
    {"reset", "Set a new password"},
    {"search", "Search the reports"},
    {"practices", "Effective practices and lessons learned"},
    {"practice", "Effective practice"},
    {"programmes", "Programmes of organizations"},
    {"programme", "Programme"},
    {"programme_overlap", "Overlapping programmes"},
    {"inbox", "Inbox"},
    {"inbox_settings", "E-mail settings"},
    {"contacts", "Points of contact"},
    {"outreach", "Outreach to states that do not report"},
    {"error", "Something went wrong"},
};

static const char *str_at(json_t *m, const char *obj, const char *key)
{
    const char *s = json_string_value(json_object_get(json_object_get(m, obj), key));
    return s && *s ? s : NULL;
}

/* The record the page shows: its title or name, if the model has one. */
static const char *subject_of(json_t *m)
{
    static const char *const where[][2] = {
        {"report", "title"},   {"request", "title"},   {"offer", "title"},
        {"practice", "title"}, {"programme", "title"}, {"state", "name"}};
    for (size_t i = 0; i < sizeof where / sizeof *where; i++) {
        const char *s = str_at(m, where[i][0], where[i][1]);
        if (s)
            return s;
    }
    return NULL;
}

const char *page_title(web_req_t *r, const char *template, json_t *m)
{
    const char *name = NULL;
    for (size_t i = 0; i < sizeof page_names / sizeof *page_names; i++)
        if (strcmp(page_names[i][0], template) == 0)
            name = web_tr(r, page_names[i][1]);
    if (!name)
        return web_tr(r, "r1540 — resolution 1540 information system");
    const char *subject = strcmp(template, "error") == 0 ? NULL : subject_of(m);
    size_t n = strlen(name) + (subject ? strlen(subject) : 0) + 32;
    char *t = arena_alloc(&r->arena, n);
    if (!subject)
        snprintf(t, n, "%s — r1540", name);
    else if (strcmp(template, "state") == 0) /* the state's name says it all */
        snprintf(t, n, "%s — r1540", subject);
    else
        snprintf(t, n, "%s — %s — r1540", subject, name);
    return t;
}
