/*
 * The health check (health.h). It asks the database on every call, through
 * the worker thread's own connection, so a PostgreSQL that went away is seen
 * at once (503) and a connection that PostgreSQL closed is replaced here as
 * on any request (postgres.c): the check turns 200 again without the server
 * being restarted. The body is small and fixed in shape so that a check can
 * match on it, and it says nothing a visitor should not know (no paths, no
 * host names).
 */
#include <stdio.h>
#include <string.h>

#include "health.h"

bool web_health_url(const char *url)
{
    return strncmp(url, "/healthz", 8) == 0 && (url[8] == 0 || url[8] == '?');
}

static void answer_text(web_req_t *r, web_answer_t *out, int status, const char *text)
{
    out->status = status;
    out->content_type = "application/json; charset=utf-8";
    out->body = arena_strdup(&r->arena, text);
    out->len = strlen(text);
    out->cacheable = false; /* and Cache-Control: no-store, the default */
}

void web_health(web_req_t *r, web_answer_t *out)
{
    err_t e = {0};
    store_t *st;
    store_health_t hl;
    rc_t rc = web_store(&st, &e);
    if (rc == RC_OK)
        rc = store_health(st, &hl, &e);
    if (rc != RC_OK) {
        fprintf(stderr, "r1540: GET /healthz: %s\n", e.msg);
        answer_text(r, out, 503,
                    "{\"status\":\"unavailable\","
                    "\"message\":\"the database cannot be reached\"}\n");
        return;
    }
    /* read_only: what this server accepts, the database's say included (a
     * server without --read-only on a standby takes no write either) */
    /* on a standby: the lag, whether it receives from its primary at all
     * (without, its lag is the age of its last replayed transaction: a
     * standby cut off is never "0 behind"), and that age */
    char lag[160] = "";
    if (hl.standby) {
        char l[32] = "null", age[32] = "null";
        if (hl.lag_seconds >= 0)
            snprintf(l, sizeof l, "%.3f", hl.lag_seconds);
        if (hl.replay_age_seconds >= 0)
            snprintf(age, sizeof age, "%.3f", hl.replay_age_seconds);
        snprintf(lag, sizeof lag,
                 ",\"replica_lag_seconds\":%s,\"wal_receiver\":%s,\"last_replay_seconds\":%s", l,
                 hl.wal_receiver == 1 ? "true" : "false", age);
    }
    char body[384];
    snprintf(body, sizeof body,
             "{\"status\":\"ok\",\"backend\":\"%s\",\"schema\":%d,\"read_only\":%s,"
             "\"standby\":%s%s}\n",
             hl.backend, hl.schema, web_app->read_only || hl.read_only ? "true" : "false",
             hl.standby ? "true" : "false", lag);
    answer_text(r, out, 200, body);
}
