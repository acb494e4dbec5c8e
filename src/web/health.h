/*
 * GET /healthz: whether this server can answer from its database, for a load
 * balancer's health checks (nginx, docs/deployment.md). Never cached, never
 * behind a session, the same on both backends.
 */
#ifndef R1540_WEB_HEALTH_H
#define R1540_WEB_HEALTH_H

#include <stdbool.h>

#include "web.h"

/* Whether url is the health check's ("/healthz", any query ignored). */
bool web_health_url(const char *url);

/* Answers the health check into out, its body in r's arena: 200 with
 * {"status":"ok","backend":...,"schema":N,"read_only":...,"standby":...,
 * "replica_lag_seconds":...,"wal_receiver":true|false,"last_replay_seconds":...}
 * (the last three only on a standby), or 503 with
 * {"status":"unavailable","message":...} when the database cannot be reached
 * (the reason goes to the server's log, not to whoever asks). */
void web_health(web_req_t *r, web_answer_t *out);

#endif
