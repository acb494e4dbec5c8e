/*
 * The PostgreSQL side of notifications (sqlite_notify.c): queueing (what the
 * workflow's steps call), the inbox, each account's settings, and the mail
 * sender's operations: the outbox, the claim, the outcome of a delivery, the
 * reminders. Ids follow SQLite's: the highest + 1, one after another in the
 * order of the accounts' ids. Every statement is one call; ids and times
 * travel as text parameters like every other value.
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

/* ---- the inbox -------------------------------------------------------------- */

#define COLUMNS                                                                                    \
    "n.id, n.user_id, n.event, n.state, n.number, n.extra, n.link, n.created, n.read_at,"          \
    " n.mail, n.attempts, u.name, coalesce(st.email, ''), coalesce(st.lang, 'en'),"                \
    " coalesce(st.mode, 'immediate'), coalesce(st.last_digest, 0)"
#define FROM                                                                                       \
    " FROM notification n JOIN \"user\" u ON u.id = n.user_id"                                     \
    " LEFT JOIN notify_setting st ON st.user_id = n.user_id"

static void num(char *buf, size_t size, long long v)
{
    snprintf(buf, size, "%lld", v);
}

static void read_row(arena_t *a, const PGresult *r, int i, void *record)
{
    notification_t *n = record;
    n->id = pg_int(r, i, 0);
    n->user_id = pg_int(r, i, 1);
    int ev = notify_event_parse(PQgetvalue(r, i, 2));
    n->event = ev < 0 ? NE_COUNT : (notify_event_t)ev;
    n->state = pg_text(a, r, i, 3);
    n->number = pg_int(r, i, 4);
    n->extra = pg_text(a, r, i, 5);
    n->link = pg_text(a, r, i, 6);
    n->created = pg_int(r, i, 7);
    n->read_at = pg_int(r, i, 8);
    n->mail = pg_text(a, r, i, 9);
    n->attempts = (int)pg_int(r, i, 10);
    n->user_name = pg_text(a, r, i, 11);
    n->email = pg_text(a, r, i, 12);
    n->lang = pg_text(a, r, i, 13);
    int m = notify_mode_parse(PQgetvalue(r, i, 14));
    n->mode = m < 0 ? NM_NEVER : (notify_mode_t)m;
    n->last_digest = pg_int(r, i, 15);
}

/* Runs a query of notifications with two integer parameters into *out. */
static rc_t collect(pg_store_t *h, const char *sql, long long p1, long long p2, arena_t *a,
                    notification_t **out, size_t *n, err_t *e)
{
    char s1[24], s2[24];
    num(s1, sizeof s1, p1);
    num(s2, sizeof s2, p2);
    const char *p[] = {s1, s2};
    PGresult *r;
    *out = NULL;
    *n = 0;
    rc_t rc = pg_exec(h, sql, 2, p, &r, e);
    if (rc != RC_OK)
        return rc;
    pg_collect(r, a, sizeof **out, read_row, out, n);
    PQclear(r);
    return RC_OK;
}

rc_t pg_notify_inbox(void *h, long long user_id, int limit, arena_t *a, notification_t **out,
                     size_t *n, err_t *e)
{
    return collect(h, "SELECT " COLUMNS FROM " WHERE n.user_id = $1 ORDER BY n.id DESC LIMIT $2",
                   user_id, limit, a, out, n, e);
}

rc_t pg_notify_get(void *h, long long user_id, long long id, arena_t *a, notification_t *out,
                   err_t *e)
{
    notification_t *rows;
    size_t count;
    rc_t rc = collect(h, "SELECT " COLUMNS FROM " WHERE n.user_id = $1 AND n.id = $2", user_id, id,
                      a, &rows, &count, e);
    if (rc == RC_OK && count == 0)
        rc = err_set(e, RC_NOTFOUND, "no such notification");
    if (rc == RC_OK)
        *out = rows[0];
    return rc;
}

/* Answered from the partial index notification_unread alone. */
rc_t pg_notify_unread(void *h, long long user_id, long long *count, err_t *e)
{
    char u[24];
    num(u, sizeof u, user_id);
    const char *p[] = {u};
    PGresult *r;
    *count = 0;
    rc_t rc = pg_exec(h, "SELECT count(*) FROM notification WHERE user_id = $1 AND read_at = 0", 1,
                      p, &r, e);
    if (rc != RC_OK)
        return rc;
    *count = pg_int(r, 0, 0);
    PQclear(r);
    return RC_OK;
}

rc_t pg_notify_mark_read(void *h, long long user_id, long long id, long long at, err_t *e)
{
    char u[24], i[24], t[24];
    num(u, sizeof u, user_id);
    num(i, sizeof i, id);
    num(t, sizeof t, at);
    const char *p[] = {u, i, t};
    /* one row of the account, read or not: found (its first reading kept);
     * id 0: every unread row of the account */
    const char *sql = id ? "UPDATE notification SET read_at = CASE read_at WHEN 0 THEN $3::bigint"
                           " ELSE read_at END WHERE user_id = $1 AND id = $2"
                         : "UPDATE notification SET read_at = $3 WHERE user_id = $1 AND read_at = 0"
                           " AND $2::bigint = 0";
    PGresult *r;
    rc_t rc = pg_exec(h, sql, 3, p, &r, e);
    if (rc != RC_OK)
        return rc;
    if (id && strcmp(PQcmdTuples(r), "0") == 0)
        rc = err_set(e, RC_NOTFOUND, "no such notification");
    PQclear(r);
    return rc;
}

/* ---- settings --------------------------------------------------------------- */

rc_t pg_notify_setting_get(void *h, long long user_id, arena_t *a, notify_setting_t *out, err_t *e)
{
    char u[24];
    num(u, sizeof u, user_id);
    const char *p[] = {u};
    PGresult *r;
    memset(out, 0, sizeof *out);
    out->user_id = user_id;
    out->email = "";
    memcpy(out->lang, "en", 3);
    out->mode = NM_IMMEDIATE;
    rc_t rc = pg_exec(h,
                      "SELECT email, lang, mode, last_digest FROM notify_setting"
                      " WHERE user_id = $1",
                      1, p, &r, e);
    if (rc != RC_OK)
        return rc;
    if (PQntuples(r) == 1) {
        out->email = pg_text(a, r, 0, 0);
        const char *l = PQgetvalue(r, 0, 1);
        if (strlen(l) == 2)
            memcpy(out->lang, l, 3);
        int m = notify_mode_parse(PQgetvalue(r, 0, 2));
        out->mode = m < 0 ? NM_NEVER : (notify_mode_t)m;
        out->last_digest = pg_int(r, 0, 3);
    }
    PQclear(r);
    return RC_OK;
}

rc_t pg_notify_setting_put(void *h, const notify_setting_t *st, err_t *e)
{
    char u[24];
    num(u, sizeof u, st->user_id);
    const char *p[] = {u, st->email ? st->email : "", st->lang, notify_mode_name(st->mode)};
    return pg_exec(h,
                   "INSERT INTO notify_setting (user_id, email, lang, mode) VALUES ($1, $2, $3, $4)"
                   " ON CONFLICT (user_id) DO UPDATE SET email = excluded.email,"
                   " lang = excluded.lang, mode = excluded.mode",
                   4, p, NULL, e);
}

/* ---- the sender --------------------------------------------------------------- */

rc_t pg_notify_outbox(void *h, long long now, int limit, arena_t *a, notification_t **out,
                      size_t *n, err_t *e)
{
    return collect(h,
                   "SELECT " COLUMNS FROM " WHERE n.mail = 'pending' AND n.next_try <= $1"
                   " AND n.claimed_until <= $1 ORDER BY n.user_id, n.id LIMIT $2",
                   now, limit, a, out, n, e);
}

/* Several servers may send from one database. The claim is one UPDATE whose
 * condition PostgreSQL checks again on the newest version of the row after
 * waiting for its row lock (READ COMMITTED): of two senders claiming the same
 * row at once, the second finds the first's lease and claims nothing, even
 * without the write lock that pg_begin takes around the sender's claims. */
rc_t pg_notify_claim(void *h, long long id, long long now, long long until, bool *claimed, err_t *e)
{
    char i[24], t[24], u[24];
    num(i, sizeof i, id);
    num(t, sizeof t, now);
    num(u, sizeof u, until);
    const char *p[] = {i, t, u};
    PGresult *r;
    *claimed = false;
    rc_t rc = pg_exec(h,
                      "UPDATE notification SET claimed_until = $3 WHERE id = $1"
                      " AND mail = 'pending' AND claimed_until <= $2 RETURNING id",
                      3, p, &r, e);
    if (rc != RC_OK)
        return rc;
    *claimed = PQntuples(r) == 1;
    PQclear(r);
    return RC_OK;
}

rc_t pg_notify_mailed(void *h, long long id, long long now, bool skipped, err_t *e)
{
    char i[24], t[24];
    num(i, sizeof i, id);
    num(t, sizeof t, skipped ? 0 : now);
    const char *p[] = {i, t, skipped ? "skipped" : "sent"};
    return pg_exec(h,
                   "UPDATE notification SET mail = $3, sent_at = $2, claimed_until = 0,"
                   " last_error = '' WHERE id = $1 AND mail = 'pending'",
                   3, p, NULL, e);
}

rc_t pg_notify_retry(void *h, long long id, long long next_try, const char *error, err_t *e)
{
    char i[24], t[24];
    num(i, sizeof i, id);
    num(t, sizeof t, next_try);
    const char *p[] = {i, t, error ? error : ""};
    /* substr counts characters, as SQLite's does on text */
    return pg_exec(h,
                   "UPDATE notification SET attempts = attempts + 1, next_try = $2,"
                   " claimed_until = 0, last_error = substr($3, 1, 200)"
                   " WHERE id = $1 AND mail = 'pending'",
                   3, p, NULL, e);
}

rc_t pg_notify_digested(void *h, long long user_id, long long now, err_t *e)
{
    char u[24], t[24];
    num(u, sizeof u, user_id);
    num(t, sizeof t, now);
    const char *p[] = {u, t};
    return pg_exec(h,
                   "INSERT INTO notify_setting (user_id, last_digest) VALUES ($1, $2)"
                   " ON CONFLICT (user_id) DO UPDATE SET last_digest = excluded.last_digest",
                   2, p, NULL, e);
}

/* ---- reminders ------------------------------------------------------------------ */

/* Over the assistance tables (assistance_offer, assistance_request), which
 * mirror SQLite's. The link is the record's page, `number` the record's id,
 * `extra` its end date. Ids go on from the highest in the order SQLite's
 * plan visits the rows (EXPLAIN QUERY PLAN: every offer, then its provider
 * accounts; every point of contact, then their state's requests), so that
 * both backends number the reminders alike. */
rc_t pg_notify_ending(void *h, const char *from, const char *until, long long now,
                      long long *queued, err_t *e)
{
    static const char *const sql[] = {
        "INSERT INTO notification (id, user_id, event, state, number, extra, link, created)"
        " SELECT (SELECT coalesce(max(id), 0) FROM notification)"
        "   + row_number() OVER (ORDER BY o.id, u.id),"
        "   u.id, 'offer-ending', '', o.id, o.\"end\", 'assistance/offers/' || o.id, $3"
        " FROM assistance_offer o JOIN \"user\" u ON u.role = 'provider' AND u.disabled = 0"
        "   AND u.org = coalesce(o.provider_org, o.provider_state)"
        " WHERE o.status = 'open' AND o.\"end\" <> '' AND o.\"end\" BETWEEN $1 AND $2"
        " AND NOT EXISTS (SELECT 1 FROM notification x WHERE x.user_id = u.id"
        "   AND x.event = 'offer-ending' AND x.state = '' AND x.number = o.id)",
        "INSERT INTO notification (id, user_id, event, state, number, extra, link, created)"
        " SELECT (SELECT coalesce(max(id), 0) FROM notification)"
        "   + row_number() OVER (ORDER BY u.id, q.id),"
        "   u.id, 'request-ending', q.state, q.id, q.\"end\", 'assistance/requests/' || q.id, $3"
        " FROM assistance_request q JOIN \"user\" u ON u.role = 'poc' AND u.disabled = 0"
        "   AND u.state = q.state"
        " WHERE q.status = 'open' AND q.\"end\" <> '' AND q.\"end\" BETWEEN $1 AND $2"
        " AND NOT EXISTS (SELECT 1 FROM notification x WHERE x.user_id = u.id"
        "   AND x.event = 'request-ending' AND x.state = q.state AND x.number = q.id)"};
    char t[24];
    num(t, sizeof t, now);
    const char *p[] = {from, until, t};
    *queued = 0;
    /* The sender's thread runs this every pass (a minute by default), nearly
     * always queueing nothing. An INSERT of no rows still fires the
     * statement-level trigger that moves the change counter
     * (postgres_schema.c), where SQLite's data_version stays put: every
     * server's cached answers and ETags were dropped once a minute. So the
     * inserts run in a savepoint (or a transaction of their own outside one)
     * that is undone when they queued nothing. */
    pg_store_t *hs = h;
    bool own = PQtransactionStatus(hs->conn) == PQTRANS_IDLE;
    rc_t rc = pg_script(hs, own ? "BEGIN" : "SAVEPOINT notify_ending", e);
    if (rc != RC_OK)
        return rc;
    if (own)
        hs->in_tx = true; /* a lost connection is not replaced halfway through */
    for (size_t i = 0; i < sizeof sql / sizeof *sql && rc == RC_OK; i++) {
        PGresult *r;
        rc = pg_exec(hs, sql[i], 3, p, &r, e);
        if (rc == RC_OK) {
            *queued += strtoll(PQcmdTuples(r), NULL, 10);
            PQclear(r);
        }
    }
    if (own)
        hs->in_tx = false;
    if (rc != RC_OK || *queued == 0) {
        PQclear(PQexec(hs->conn, own ? "ROLLBACK"
                                     : "ROLLBACK TO SAVEPOINT notify_ending;"
                                       " RELEASE SAVEPOINT notify_ending"));
        if (rc != RC_OK)
            *queued = 0;
        return rc;
    }
    return own ? pg_commit(hs, e) : pg_script(hs, "RELEASE SAVEPOINT notify_ending", e);
}
