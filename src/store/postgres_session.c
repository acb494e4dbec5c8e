/*
 * The PostgreSQL side of web sessions (postgres_schema_sessions.c), as
 * sqlite_accounts.c's: a session is found by the SHA-256 of its token, never
 * the token. Being in the shared database is what lets a session made on one
 * server be used on another behind the same proxy (issue 14, item 4).
 */
#include <stdio.h>
#include <string.h>

#include "postgres_private.h"

static void num(char *buf, size_t size, long long v) { snprintf(buf, size, "%lld", v); }

rc_t pg_session_insert(void *hv, const session_t *s, err_t *e)
{
    pg_store_t *h = hv;
    char uid[24], created[24], seen[24];
    num(uid, sizeof uid, s->user_id);
    num(created, sizeof created, s->created);
    num(seen, sizeof seen, s->last_seen);
    const char *p[] = {s->token_hash, uid, s->csrf, created, seen};
    rc_t rc = pg_exec(h,
                      "INSERT INTO session (token_hash, user_id, csrf, created, last_seen)"
                      " VALUES ($1, $2, $3, $4, $5)",
                      5, p, NULL, e);
    /* the transaction is aborted: the constraint's name says which rule */
    if (rc == RC_INPUT && strcmp(h->constraint, "session_user_id_fkey") == 0)
        return err_set(e, RC_INPUT, "no user with id %lld", s->user_id);
    return rc;
}

/* The session in columns 0-4 of row 0 of r (token_hash, user_id, csrf,
 * created, last_seen). */
static void read_session(arena_t *a, const PGresult *r, session_t *out)
{
    out->token_hash = pg_text(a, r, 0, 0);
    out->user_id = pg_int(r, 0, 1);
    out->csrf = pg_text(a, r, 0, 2);
    out->created = pg_int(r, 0, 3);
    out->last_seen = pg_int(r, 0, 4);
}

rc_t pg_session_get(void *h, const char *token_hash, arena_t *a, session_t *out, err_t *e)
{
    const char *p[] = {token_hash};
    PGresult *r;
    rc_t rc = pg_exec(h,
                      "SELECT token_hash, user_id, csrf, created, last_seen FROM session"
                      " WHERE token_hash = $1",
                      1, p, &r, e);
    if (rc != RC_OK)
        return rc;
    if (PQntuples(r) == 1) {
        read_session(a, r, out);
    } else {
        /* the message never repeats the hash: it is as good as a key here */
        rc = err_set(e, RC_NOTFOUND, "no such session");
    }
    PQclear(r);
    return rc;
}

rc_t pg_session_user_get(void *h, const char *token_hash, arena_t *a, session_t *out,
                         user_t *user, err_t *e)
{
    const char *p[] = {token_hash};
    PGresult *r;
    rc_t rc = pg_exec(h,
                      "SELECT s.token_hash, s.user_id, s.csrf, s.created, s.last_seen, "
                      PG_USER_COLS_U " FROM session s JOIN \"user\" u ON u.id = s.user_id"
                      " WHERE s.token_hash = $1",
                      1, p, &r, e);
    if (rc != RC_OK)
        return rc;
    if (PQntuples(r) == 1) {
        read_session(a, r, out);
        pg_read_user_at(a, r, 0, 5, user);
    } else {
        rc = err_set(e, RC_NOTFOUND, "no such session");
    }
    PQclear(r);
    return rc;
}

rc_t pg_session_touch(void *h, const char *token_hash, long long now, err_t *e)
{
    char at[24];
    num(at, sizeof at, now);
    const char *p[] = {at, token_hash};
    return pg_exec(h, "UPDATE session SET last_seen = $1 WHERE token_hash = $2", 2, p, NULL, e);
}

rc_t pg_session_delete(void *h, const char *token_hash, err_t *e)
{
    const char *p[] = {token_hash};
    return pg_exec(h, "DELETE FROM session WHERE token_hash = $1", 1, p, NULL, e);
}

rc_t pg_session_delete_user(void *h, long long user_id, err_t *e)
{
    char uid[24];
    num(uid, sizeof uid, user_id);
    const char *p[] = {uid};
    return pg_exec(h, "DELETE FROM session WHERE user_id = $1", 1, p, NULL, e);
}

rc_t pg_session_purge(void *h, long long idle_before, long long created_before, err_t *e)
{
    char idle[24], created[24];
    num(idle, sizeof idle, idle_before);
    num(created, sizeof created, created_before);
    const char *p[] = {idle, created};
    return pg_exec(h, "DELETE FROM session WHERE last_seen < $1 OR created < $2", 2, p, NULL, e);
}
