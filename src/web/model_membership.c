/*
 * The state page's formal name and membership history (issue 12): the UN
 * formal name in the page's language, and every LDC, LLDC, SIDS and UN
 * regional group period with its dates and source, each marked as ended,
 * current, current with a scheduled end, or scheduled (a graduation that has
 * not yet taken effect is shown as scheduled, never as done).
 */
#include <string.h>

#include "../util/date.h"
#include "model.h"

/* The group's name: the category abbreviations as the UN writes them, the
 * regional groups from the reference vocabulary. */
static const char *group_name(web_req_t *r, const char *group)
{
    if (strcmp(group, "LDC") == 0)
        return web_tr(r, "LDC");
    if (strcmp(group, "LLDC") == 0)
        return web_tr(r, "LLDC");
    if (strcmp(group, "SIDS") == 0)
        return web_tr(r, "SIDS");
    return model_vocab_name(r, "group", group);
}

static const char *status_name(web_req_t *r, const char *status)
{
    if (strcmp(status, "past") == 0)
        return web_tr(r, "ended");
    if (strcmp(status, "scheduled") == 0)
        return web_tr(r, "scheduled");
    if (strcmp(status, "ends") == 0)
        return web_tr(r, "current, end scheduled");
    return web_tr(r, "current");
}

void model_state_history(web_req_t *r, const state_t *s, json_t *m)
{
    const char *formal = model_vocab_name(r, "formal", s->alpha3);
    json_object_set_new(m, "formal_name", json_string(strcmp(formal, s->alpha3) ? formal : ""));
    membership_t *ms;
    size_t n;
    err_t e = {0};
    json_t *list = json_array();
    char today[11];
    date_today(today);
    if (store_membership_list(r->st, s->alpha3, &r->arena, &ms, &n, &e) != RC_OK)
        n = 0; /* a page without its history rather than no page */
    for (size_t i = 0; i < n; i++) {
        const char *status = membership_status(&ms[i], today);
        json_array_append_new(
            list, json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:b}", "group", ms[i].group, "name",
                            group_name(r, ms[i].group), "from", ms[i].from, "to", ms[i].to,
                            "source", ms[i].source, "status", status_name(r, status),
                            "scheduled", strcmp(status, "scheduled") == 0 ||
                                             strcmp(status, "ends") == 0));
    }
    json_object_set_new(m, "has_memberships", json_boolean(json_array_size(list) > 0));
    json_object_set_new(m, "memberships", list);
}
