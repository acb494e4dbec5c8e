/*
 * Queueing notifications inside the operations' transactions, and the
 * inbox's own operations (app_notify.h). Who hears of what is written here
 * once, as a table per record, so that a new event is a row, not a branch in
 * an operation.
 */
#include "app_notify.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "../util/buf.h"
#include "../util/json_out.h"

/* One audience of a matrix step. */
typedef struct {
    matrix_step_t step;
    notify_event_t event;
    notify_audience_t to;
} version_rule_t;

static const version_rule_t version_rules[] = {
    {MW_SEND, NE_VERSION_SENT, NT_STATE_POC},
    {MW_ACCEPT, NE_VERSION_ACCEPTED, NT_EXPERTS},
    {MW_ACCEPT, NE_VERSION_ACCEPTED, NT_COMMITTEE}, /* approval now waits for them */
    {MW_COMMENT, NE_VERSION_COMMENTED, NT_EXPERTS},
    {MW_APPROVE, NE_VERSION_APPROVED, NT_STATE_POC},
    {MW_APPROVE, NE_VERSION_APPROVED, NT_EXPERTS},
    {MW_PUBLISH, NE_VERSION_PUBLISHED, NT_STATE_POC},
};

/* The actor is left out: they know what they just did. */
static long long actor_id(app_t *a)
{
    return a->actor.user ? a->actor.user->id : 0;
}

static rc_t queue(app_t *a, notify_event_t ev, notify_audience_t to, const char *key,
                  const char *state, long long number, const char *extra, const char *link,
                  err_t *e)
{
    notify_spec_t n = {.event = ev, .to = to, .key = key, .except = actor_id(a),
                       .state = state, .number = number, .extra = extra, .link = link,
                       .created = (long long)time(NULL)};
    return store_notify_queue(a->st, &n, NULL, e);
}

rc_t app_notify_version(app_t *a, matrix_step_t step, const char *state, int number, err_t *e)
{
    char link[64];
    snprintf(link, sizeof link, "states/%s/versions/%d", state, number);
    rc_t rc = RC_OK;
    for (size_t i = 0; rc == RC_OK && i < sizeof version_rules / sizeof *version_rules; i++)
        if (version_rules[i].step == step)
            rc = queue(a, version_rules[i].event, version_rules[i].to, state, state, number, "",
                       link, e);
    return rc;
}

rc_t app_notify_proposals(app_t *a, const match_context_t *ctx, const match_result_t *res,
                          err_t *e)
{
    rc_t rc = RC_OK;
    for (size_t i = 0; rc == RC_OK && i < res->n; i++) {
        const match_proposal_t *p = &res->p[i];
        if (!p->id)
            continue;
        const char *state = ctx->req[p->req].state;
        char link[64];
        snprintf(link, sizeof link, "assistance/proposals/%lld", p->id);
        rc = queue(a, NE_PROPOSAL_WAITING, NT_PROVIDER, match_provider(&ctx->off[p->off]), state,
                   p->id, "", link, e);
        if (rc == RC_OK)
            rc = queue(a, NE_PROPOSAL_WAITING, NT_STATE_POC, state, state, p->id, "", link, e);
    }
    return rc;
}

rc_t app_notify_proposal_step(app_t *a, const assistance_proposal_t *p, const char *event,
                              err_t *e)
{
    assistance_request_t q;
    assistance_offer_t o;
    rc_t rc = store_request_get(a->st, p->request_id, a->arena, &q, e);
    if (rc == RC_OK)
        rc = store_offer_get(a->st, p->offer_id, a->arena, &o, e);
    if (rc != RC_OK)
        return rc;
    char link[64];
    snprintf(link, sizeof link, "assistance/proposals/%lld", p->id);
    const char *provider = match_provider(&o);
    bool delivered = strcmp(event, "delivered") == 0;
    notify_event_t ev = delivered ? NE_PROPOSAL_DELIVERED : NE_PROPOSAL_ANSWERED;
    /* an answer goes to the other side; a delivery to the state */
    if (delivered || strncmp(event, "provider-", 9) == 0)
        rc = queue(a, ev, NT_STATE_POC, q.state, q.state, p->id, event, link, e);
    else
        rc = queue(a, ev, NT_PROVIDER, provider, q.state, p->id, event, link, e);
    if (rc == RC_OK) /* the experts follow every proposal they made */
        rc = queue(a, ev, NT_EXPERTS, NULL, q.state, p->id, event, link, e);
    return rc;
}

rc_t app_notify_read(app_t *a, long long id, err_t *e)
{
    rc_t rc = app_allow(a, ACT_WORKSPACE, NULL, e);
    if (rc != RC_OK)
        return rc;
    if (id < 0)
        return app_fail(a, e, RC_NOTFOUND, "There is no such notification.");
    rc = store_notify_mark_read(a->st, a->actor.user->id, id, (long long)time(NULL), e);
    if (rc == RC_NOTFOUND)
        return app_fail(a, e, RC_NOTFOUND, "There is no such notification.");
    return rc;
}

/* Checks and writes one account's settings, audited. */
static rc_t settings_write(app_t *a, const user_t *who, const char *email, const char *lang,
                           const char *mode, err_t *e)
{
    int m = notify_mode_parse(mode);
    if (!notify_email_ok(email))
        return app_fail(a, e, RC_INPUT,
                        "E-mail: give one address such as name@example.org, or none.");
    if (!lang || lang_parse(lang) < 0)
        return app_fail(a, e, RC_INPUT, "Language: choose one of the six languages.");
    if (m < 0)
        return app_fail(a, e, RC_INPUT, "E-mail: choose immediately, a daily digest or never.");
    notify_setting_t s = {.user_id = who->id, .email = (char *)email, .mode = (notify_mode_t)m};
    snprintf(s.lang, sizeof s.lang, "%s", lang);
    rc_t rc = app_begin(a, e);
    if (rc != RC_OK)
        return rc;
    rc = store_notify_setting_put(a->st, &s, e);
    buf_t detail;
    buf_init(&detail, 0);
    buf_putc(&detail, '{');
    json_out_kv(&detail, 0, "lang", s.lang);
    json_out_kv(&detail, 1, "mode", notify_mode_name(s.mode));
    /* whether an address is set, not the address: the log is read by many */
    json_out_kv(&detail, 1, "email", *email ? "set" : "none");
    buf_putc(&detail, '}');
    char object[96];
    snprintf(object, sizeof object, "user:%s", who->name);
    rc = app_finish(a, rc, "notify.settings", object, buf_str(&detail), e);
    buf_free(&detail);
    return rc;
}

rc_t app_notify_settings(app_t *a, const char *email, const char *lang, const char *mode,
                         err_t *e)
{
    rc_t rc = app_allow(a, ACT_WORKSPACE, NULL, e);
    if (rc != RC_OK)
        return rc;
    return settings_write(a, a->actor.user, email, lang, mode, e);
}

rc_t app_notify_settings_for(app_t *a, const user_t *who, const char *email, const char *lang,
                             const char *mode, err_t *e)
{
    if (!a->actor.user || a->actor.user->role != AUTHZ_ROLE_SYSTEM)
        return app_fail(a, e, RC_DENIED, "Your role does not allow this (%s).", "notify-settings");
    return settings_write(a, who, email, lang, mode, e);
}
