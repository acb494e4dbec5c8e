/*
 * The audit log page: the newest entries first, the actions in words in the
 * page's language, filters by actor, action and record, and each record a
 * link to its page.
 */
#include <stdio.h>
#include <string.h>

#include "../core/audit.h"
#include "handlers.h"
#include "model.h"
#include "web.h"

/* The actions in words (msgids; tools/po_extract.py reads this table). An
 * action not listed is shown by its code. */
static const char *const action_names[][2] = {
    {"report.add", "Report added"},
    {"matrix.new", "Draft made"},
    {"matrix.set", "Entry set"},
    {"matrix.send", "Sent to the state"},
    {"matrix.return", "Taken back from the state"},
    {"matrix.accept", "Accepted by the state"},
    {"matrix.comment", "Commented by the state"},
    {"matrix.comment.draft", "Comment drafted by the state"},
    {"matrix.comment.edit", "Draft comment changed"},
    {"matrix.comment.delete", "Draft comment deleted"},
    {"matrix.comment.answer", "Comment marked answered"},
    {"matrix.approve", "Version approved"},
    {"matrix.publish", "Version published"},
    {"assistance.request.add", "Assistance request recorded"},
    {"assistance.request.withdraw", "Assistance request withdrawn"},
    {"assistance.offer.add", "Offer recorded"},
    {"assistance.offer.close", "Offer closed"},
    {"assistance.offer.reopen", "Offer reopened"},
    {"assistance.proposal.accept", "Proposal accepted"},
    {"assistance.proposal.decline", "Proposal declined"},
    {"assistance.proposal.deliver", "Assistance delivered"},
    {"match.propose", "Matches proposed"},
    {"event.add", "Event added"},
    {"user.add", "User added"},
    {"user.disable", "User disabled"},
    {"user.enable", "User enabled"},
    {"user.passwd", "Password changed"},
    {"user.reset-issue", "Password reset link issued"},
    {"user.reset-password", "Password set through a reset link"},
    {"session.start", "Signed in"},
    {"session.end", "Signed out"},
    {"signin.lockout", "Sign-in locked"},
    {"signin.lift", "Sign-in lockout lifted"},
};

#define AUDIT_SHOWN 200   /* entries on the page */
#define AUDIT_CHUNK 1000  /* entries read at a time, newest first */

static const char *action_name(web_req_t *r, const char *code)
{
    for (size_t i = 0; i < sizeof action_names / sizeof *action_names; i++)
        if (strcmp(action_names[i][0], code) == 0)
            return web_tr(r, action_names[i][1]);
    return code;
}

/* The page of a record named in the log ("report:12" -> "reports/12"); NULL
 * for a record no page shows. */
static const char *record_href(web_req_t *r, const char *object)
{
    static const char *const pages[][2] = {
        {"report:", "reports/"},  {"request:", "assistance/requests/"},
        {"offer:", "assistance/offers/"}, {"proposal:", "assistance/proposals/"},
    };
    char state[4];
    int number, used = 0;
    if (sscanf(object, "matrix:%3[A-Z]/%d%n", state, &number, &used) == 2 &&
        object[used] == 0)
        return arena_printf(&r->arena, "states/%s/versions/%d", state, number);
    if (strncmp(object, "user:", 5) == 0)
        return "users";
    for (size_t i = 0; i < sizeof pages / sizeof *pages; i++) {
        size_t n = strlen(pages[i][0]);
        if (strncmp(object, pages[i][0], n) == 0 && web_id(object + n))
            return arena_printf(&r->arena, "%s%s", pages[i][1], object + n);
    }
    return NULL;
}

static bool entry_passes(const audit_entry_t *en, const char *actor, const char *action,
                         const char *record)
{
    return (!*actor || strcmp(en->actor, actor) == 0) &&
           (!*action || strcmp(en->action, action) == 0) &&
           (!*record || strcmp(en->object, record) == 0);
}

static json_t *entry_json(web_req_t *r, const audit_entry_t *en)
{
    json_t *o = json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:s,s:s}", "seq", (json_int_t)en->seq, "at",
                          en->at, "actor", en->actor, "action", en->action, "action_name",
                          action_name(r, en->action), "object", en->object, "detail", en->detail,
                          "hash", en->hash);
    const char *href = r->api ? NULL : record_href(r, en->object);
    if (href)
        json_object_set_new(o, "href", json_string(href));
    return o;
}

/* A filter from the query: "" when absent, too long or not text. */
static const char *filter(web_req_t *r, const char *name)
{
    const char *v = web_query(r, name);
    return v && strlen(v) <= 200 && strlen(v) > 0 ? v : "";
}

static json_t *action_choices(web_req_t *r, const char *chosen)
{
    json_t *a = json_array();
    for (size_t i = 0; i < sizeof action_names / sizeof *action_names; i++)
        json_array_append_new(a, json_pack("{s:s,s:s,s:b}", "code", action_names[i][0], "name",
                                           web_tr(r, action_names[i][1]), "selected",
                                           strcmp(chosen, action_names[i][0]) == 0));
    return a;
}

rc_t h_audit(web_req_t *r, json_t *m, err_t *e)
{
    const char *actor = filter(r, "actor"), *action = filter(r, "action"),
               *record = filter(r, "record");
    audit_entry_t last, *en;
    size_t n = 0, shown = 0;
    json_t *rows = json_array();
    json_object_set_new(m, "entries", rows);
    json_object_set_new(m, "filter", json_pack("{s:s,s:s,s:s}", "actor", actor, "action", action,
                                               "record", record));
    json_object_set_new(m, "actions", action_choices(r, action));
    rc_t rc = store_audit_last(r->st, &r->arena, &last, e);
    if (rc == RC_NOTFOUND)
        return RC_OK;
    /* newest first, a chunk at a time, until the page is full or the log read */
    for (long long to = rc == RC_OK ? last.seq : 0; rc == RC_OK && to >= 1 && shown < AUDIT_SHOWN;) {
        long long from = to > AUDIT_CHUNK ? to - AUDIT_CHUNK + 1 : 1;
        arena_t chunk = ARENA_INIT;
        rc = store_audit_list(r->st, from, (size_t)(to - from + 1), &chunk, &en, &n, e);
        for (size_t i = n; rc == RC_OK && i-- > 0 && shown < AUDIT_SHOWN;)
            if (entry_passes(&en[i], actor, action, record)) {
                json_array_append_new(rows, entry_json(r, &en[i]));
                shown++;
            }
        arena_free(&chunk);
        to = from - 1;
    }
    return rc;
}
