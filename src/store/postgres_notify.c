/*
 * The PostgreSQL side of notifications: queueing so far (what the workflow's
 * steps call); the inbox, settings and the mail sender's operations are not
 * written yet. Ids follow SQLite's: the highest + 1, one after another in the
 * order of the accounts' ids.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "postgres_private.h"

/* The accounts of an audience, as a condition on user u; k.key is the key. */
static const char *audience_sql(notify_audience_t to)
{
    switch (to) {
    case NT_STATE_POC: return "u.role = 'poc' AND u.state = k.key";
    case NT_EXPERTS: return "u.role = 'expert'";
    case NT_COMMITTEE: return "u.role = 'committee'";
    case NT_PROVIDER: return "u.role = 'provider' AND u.org = k.key";
    }
    return "false";
}

rc_t pg_notify_queue(void *h, const notify_spec_t *n, long long *queued, err_t *e)
{
    char sql[1536];
    /* k names the key whether or not the audience uses it: PostgreSQL
     * refuses a parameter a statement never mentions */
    snprintf(sql, sizeof sql,
             "WITH k AS (SELECT $1::text AS key)"
             " INSERT INTO notification (id, user_id, event, state, number, extra, link, created)"
             " SELECT (SELECT coalesce(max(id), 0) FROM notification)"
             " + row_number() OVER (ORDER BY u.id), u.id, $2, $3, $4, $5, $6, $7"
             " FROM \"user\" u, k WHERE u.disabled = 0 AND u.id <> $8 AND %s%s",
             audience_sql(n->to),
             n->once ? " AND NOT EXISTS (SELECT 1 FROM notification o WHERE o.user_id = u.id"
                       " AND o.event = $2 AND o.state = $3 AND o.number = $4)"
                     : "");
    char number[24], created[24], except[24];
    snprintf(number, sizeof number, "%lld", (long long)n->number);
    snprintf(created, sizeof created, "%lld", (long long)n->created);
    snprintf(except, sizeof except, "%lld", (long long)n->except);
    const char *p[] = {n->key ? n->key : "", notify_event_name(n->event), n->state ? n->state : "",
                       number, n->extra ? n->extra : "", n->link ? n->link : "", created, except};
    PGresult *r;
    rc_t rc = pg_exec(h, sql, 8, p, &r, e);
    if (queued)
        *queued = rc == RC_OK ? strtoll(PQcmdTuples(r), NULL, 10) : 0;
    PQclear(r);
    return rc;
}
