/*
 * The SQLite backend's notifications (sqlite_schema_notify.c). Statements
 * are prepared per call, as in sqlite_signin.c: a notification is queued or
 * mailed far less often than a page is read, and the statement slots stay
 * for the hot paths. The one hot read, the unread count every signed-in page
 * shows, is one indexed count.
 */
#include <stdio.h>
#include <string.h>

#include "sqlite_private.h"

/* The accounts of an audience, as a condition on user u; ?1 is the key. */
static const char *audience_sql(notify_audience_t to)
{
    switch (to) {
    case NT_STATE_POC: return "u.role = 'poc' AND u.state = ?1";
    case NT_EXPERTS: return "u.role = 'expert'";
    case NT_COMMITTEE: return "u.role = 'committee'";
    case NT_PROVIDER: return "u.role = 'provider' AND u.org = ?1";
    }
    return "0";
}

rc_t sqlite_notify_queue(void *h, const notify_spec_t *n, long long *queued, err_t *e)
{
    char sql[1024];
    snprintf(sql, sizeof sql,
             "INSERT INTO notification (user_id, event, state, number, extra, link, created)"
             " SELECT u.id, ?2, ?3, ?4, ?5, ?6, ?7 FROM user u"
             " WHERE u.disabled = 0 AND u.id <> ?8 AND %s%s",
             audience_sql(n->to),
             n->once ? " AND NOT EXISTS (SELECT 1 FROM notification o WHERE o.user_id = u.id"
                       " AND o.event = ?2 AND o.state = ?3 AND o.number = ?4)"
                     : "");
    sqlite3_stmt *s;
    rc_t rc = sqlite_store_prepare(h, sql, &s, e);
    if (rc != RC_OK)
        return rc;
    sqlite_bind_text(s, 1, n->key ? n->key : "");
    sqlite_bind_text(s, 2, notify_event_name(n->event));
    sqlite_bind_text(s, 3, n->state ? n->state : "");
    sqlite3_bind_int64(s, 4, n->number);
    sqlite_bind_text(s, 5, n->extra ? n->extra : "");
    sqlite_bind_text(s, 6, n->link ? n->link : "");
    sqlite3_bind_int64(s, 7, n->created);
    sqlite3_bind_int64(s, 8, n->except);
    rc = sqlite_store_run_once(h, s, e);
    if (queued)
        *queued = rc == RC_OK ? sqlite_store_changes(h) : 0;
    return rc;
}

#define COLUMNS                                                                             \
    "n.id, n.user_id, n.event, n.state, n.number, n.extra, n.link, n.created, n.read_at,"   \
    " n.mail, n.attempts, u.name, coalesce(st.email, ''), coalesce(st.lang, 'en'),"          \
    " coalesce(st.mode, 'immediate'), coalesce(st.last_digest, 0)"
#define FROM                                                                                \
    " FROM notification n JOIN user u ON u.id = n.user_id"                                  \
    " LEFT JOIN notify_setting st ON st.user_id = n.user_id"

static void read_row(arena_t *a, sqlite3_stmt *s, void *record)
{
    notification_t *n = record;
    n->id = sqlite3_column_int64(s, 0);
    n->user_id = sqlite3_column_int64(s, 1);
    int ev = notify_event_parse((const char *)sqlite3_column_text(s, 2));
    n->event = ev < 0 ? NE_COUNT : (notify_event_t)ev;
    n->state = sqlite_col_text(a, s, 3);
    n->number = sqlite3_column_int64(s, 4);
    n->extra = sqlite_col_text(a, s, 5);
    n->link = sqlite_col_text(a, s, 6);
    n->created = sqlite3_column_int64(s, 7);
    n->read_at = sqlite3_column_int64(s, 8);
    n->mail = sqlite_col_text(a, s, 9);
    n->attempts = sqlite3_column_int(s, 10);
    n->user_name = sqlite_col_text(a, s, 11);
    n->email = sqlite_col_text(a, s, 12);
    n->lang = sqlite_col_text(a, s, 13);
    int m = notify_mode_parse((const char *)sqlite3_column_text(s, 14));
    n->mode = m < 0 ? NM_NEVER : (notify_mode_t)m;
    n->last_digest = sqlite3_column_int64(s, 15);
}

rc_t sqlite_notify_inbox(void *h, long long user_id, int limit, arena_t *a, notification_t **out,
                         size_t *n, err_t *e)
{
    sqlite3_stmt *s;
    rc_t rc = sqlite_store_prepare(
        h, "SELECT " COLUMNS FROM " WHERE n.user_id = ? ORDER BY n.id DESC LIMIT ?", &s, e);
    if (rc != RC_OK)
        return rc;
    sqlite3_bind_int64(s, 1, user_id);
    sqlite3_bind_int(s, 2, limit);
    rc = sqlite_store_collect(h, s, a, sizeof **out, read_row, out, n, e);
    sqlite3_finalize(s);
    return rc;
}

rc_t sqlite_notify_get(void *h, long long user_id, long long id, arena_t *a, notification_t *out,
                       err_t *e)
{
    sqlite3_stmt *s;
    rc_t rc =
        sqlite_store_prepare(h, "SELECT " COLUMNS FROM " WHERE n.user_id = ? AND n.id = ?", &s, e);
    if (rc != RC_OK)
        return rc;
    sqlite3_bind_int64(s, 1, user_id);
    sqlite3_bind_int64(s, 2, id);
    int got = sqlite_store_step(h, s, &rc, e);
    if (got == 1)
        read_row(a, s, out);
    else if (got == 0)
        rc = err_set(e, RC_NOTFOUND, "no such notification");
    sqlite3_finalize(s);
    return rc;
}

rc_t sqlite_notify_unread(void *h, long long user_id, long long *count, err_t *e)
{
    sqlite3_stmt *s;
    rc_t rc = sqlite_store_prepare(
        h, "SELECT count(*) FROM notification WHERE user_id = ? AND read_at = 0", &s, e);
    if (rc != RC_OK)
        return rc;
    sqlite3_bind_int64(s, 1, user_id);
    *count = 0;
    if (sqlite_store_step(h, s, &rc, e) == 1)
        *count = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return rc;
}

rc_t sqlite_notify_mark_read(void *h, long long user_id, long long id, long long at, err_t *e)
{
    sqlite3_stmt *s;
    rc_t rc;
    if (id) {
        /* an existing row of the account, read or not: found; any other id: not */
        rc = sqlite_store_prepare(
            h,
            "UPDATE notification SET read_at = CASE read_at WHEN 0 THEN ?3 ELSE read_at"
            " END WHERE user_id = ?1 AND id = ?2",
            &s, e);
    } else {
        rc = sqlite_store_prepare(
            h,
            "UPDATE notification SET read_at = ?3 WHERE user_id = ?1 AND read_at = 0"
            " AND ?2 = 0",
            &s, e);
    }
    if (rc != RC_OK)
        return rc;
    sqlite3_bind_int64(s, 1, user_id);
    sqlite3_bind_int64(s, 2, id);
    sqlite3_bind_int64(s, 3, at);
    rc = sqlite_store_run_once(h, s, e);
    if (rc == RC_OK && id && sqlite_store_changes(h) == 0)
        rc = err_set(e, RC_NOTFOUND, "no such notification");
    return rc;
}

rc_t sqlite_notify_setting_get(void *h, long long user_id, arena_t *a, notify_setting_t *out,
                               err_t *e)
{
    sqlite3_stmt *s;
    rc_t rc = sqlite_store_prepare(
        h, "SELECT email, lang, mode, last_digest FROM notify_setting WHERE user_id = ?", &s, e);
    if (rc != RC_OK)
        return rc;
    sqlite3_bind_int64(s, 1, user_id);
    memset(out, 0, sizeof *out);
    out->user_id = user_id;
    out->email = "";
    memcpy(out->lang, "en", 3);
    out->mode = NM_IMMEDIATE;
    if (sqlite_store_step(h, s, &rc, e) == 1) {
        out->email = sqlite_col_text(a, s, 0);
        const char *l = (const char *)sqlite3_column_text(s, 1);
        if (l && strlen(l) == 2)
            memcpy(out->lang, l, 3);
        int m = notify_mode_parse((const char *)sqlite3_column_text(s, 2));
        out->mode = m < 0 ? NM_NEVER : (notify_mode_t)m;
        out->last_digest = sqlite3_column_int64(s, 3);
    }
    sqlite3_finalize(s);
    return rc;
}

rc_t sqlite_notify_setting_put(void *h, const notify_setting_t *st, err_t *e)
{
    sqlite3_stmt *s;
    rc_t rc = sqlite_store_prepare(
        h,
        "INSERT INTO notify_setting (user_id, email, lang, mode) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (user_id) DO UPDATE SET email = excluded.email,"
        " lang = excluded.lang, mode = excluded.mode",
        &s, e);
    if (rc != RC_OK)
        return rc;
    sqlite3_bind_int64(s, 1, st->user_id);
    sqlite_bind_text(s, 2, st->email ? st->email : "");
    sqlite_bind_text(s, 3, st->lang);
    sqlite_bind_text(s, 4, notify_mode_name(st->mode));
    return sqlite_store_run_once(h, s, e);
}

rc_t sqlite_notify_outbox(void *h, long long now, int limit, arena_t *a, notification_t **out,
                          size_t *n, err_t *e)
{
    sqlite3_stmt *s;
    rc_t rc =
        sqlite_store_prepare(h,
                             "SELECT " COLUMNS FROM " WHERE n.mail = 'pending' AND n.next_try <= ?1"
                             " AND n.claimed_until <= ?1 ORDER BY n.user_id, n.id LIMIT ?2",
                             &s, e);
    if (rc != RC_OK)
        return rc;
    sqlite3_bind_int64(s, 1, now);
    sqlite3_bind_int(s, 2, limit);
    rc = sqlite_store_collect(h, s, a, sizeof **out, read_row, out, n, e);
    sqlite3_finalize(s);
    return rc;
}

rc_t sqlite_notify_claim(void *h, long long id, long long now, long long until, bool *claimed,
                         err_t *e)
{
    sqlite3_stmt *s;
    rc_t rc = sqlite_store_prepare(h,
                                   "UPDATE notification SET claimed_until = ?3 WHERE id = ?1"
                                   " AND mail = 'pending' AND claimed_until <= ?2",
                                   &s, e);
    if (rc != RC_OK)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_int64(s, 2, now);
    sqlite3_bind_int64(s, 3, until);
    rc = sqlite_store_run_once(h, s, e);
    *claimed = rc == RC_OK && sqlite_store_changes(h) == 1;
    return rc;
}

rc_t sqlite_notify_mailed(void *h, long long id, long long now, bool skipped, err_t *e)
{
    sqlite3_stmt *s;
    rc_t rc =
        sqlite_store_prepare(h,
                             "UPDATE notification SET mail = ?3, sent_at = ?2, claimed_until = 0,"
                             " last_error = '' WHERE id = ?1 AND mail = 'pending'",
                             &s, e);
    if (rc != RC_OK)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_int64(s, 2, skipped ? 0 : now);
    sqlite_bind_text(s, 3, skipped ? "skipped" : "sent");
    return sqlite_store_run_once(h, s, e);
}

rc_t sqlite_notify_retry(void *h, long long id, long long next_try, const char *error, err_t *e)
{
    sqlite3_stmt *s;
    rc_t rc = sqlite_store_prepare(h,
                                   "UPDATE notification SET attempts = attempts + 1, next_try = ?2,"
                                   " claimed_until = 0, last_error = substr(?3, 1, 200)"
                                   " WHERE id = ?1 AND mail = 'pending'",
                                   &s, e);
    if (rc != RC_OK)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_int64(s, 2, next_try);
    sqlite_bind_text(s, 3, error ? error : "");
    return sqlite_store_run_once(h, s, e);
}

rc_t sqlite_notify_digested(void *h, long long user_id, long long now, err_t *e)
{
    sqlite3_stmt *s;
    rc_t rc =
        sqlite_store_prepare(h,
                             "INSERT INTO notify_setting (user_id, last_digest) VALUES (?1, ?2)"
                             " ON CONFLICT (user_id) DO UPDATE SET last_digest = ?2",
                             &s, e);
    if (rc != RC_OK)
        return rc;
    sqlite3_bind_int64(s, 1, user_id);
    sqlite3_bind_int64(s, 2, now);
    return sqlite_store_run_once(h, s, e);
}

rc_t sqlite_notify_ending(void *h, const char *from, const char *until, long long now,
                          long long *queued, err_t *e)
{
    /* the link is the record's page; `number` the record's id, `extra` its end */
    static const char *const sql[] = {
        "INSERT INTO notification (user_id, event, state, number, extra, link, created)"
        " SELECT u.id, 'offer-ending', '', o.id, o.end, 'assistance/offers/' || o.id, ?3"
        " FROM assistance_offer o JOIN user u ON u.role = 'provider' AND u.disabled = 0"
        "   AND u.org = coalesce(o.provider_org, o.provider_state)"
        " WHERE o.status = 'open' AND o.end <> '' AND o.end BETWEEN ?1 AND ?2"
        " AND NOT EXISTS (SELECT 1 FROM notification x WHERE x.user_id = u.id"
        "   AND x.event = 'offer-ending' AND x.state = '' AND x.number = o.id)",
        "INSERT INTO notification (user_id, event, state, number, extra, link, created)"
        " SELECT u.id, 'request-ending', q.state, q.id, q.end,"
        "   'assistance/requests/' || q.id, ?3"
        " FROM assistance_request q JOIN user u ON u.role = 'poc' AND u.disabled = 0"
        "   AND u.state = q.state"
        " WHERE q.status = 'open' AND q.end <> '' AND q.end BETWEEN ?1 AND ?2"
        " AND NOT EXISTS (SELECT 1 FROM notification x WHERE x.user_id = u.id"
        "   AND x.event = 'request-ending' AND x.state = q.state AND x.number = q.id)"};
    *queued = 0;
    for (size_t i = 0; i < sizeof sql / sizeof *sql; i++) {
        sqlite3_stmt *s;
        rc_t rc = sqlite_store_prepare(h, sql[i], &s, e);
        if (rc != RC_OK)
            return rc;
        sqlite_bind_text(s, 1, from);
        sqlite_bind_text(s, 2, until);
        sqlite3_bind_int64(s, 3, now);
        if ((rc = sqlite_store_run_once(h, s, e)) != RC_OK)
            return rc;
        *queued += sqlite_store_changes(h);
    }
    return RC_OK;
}
