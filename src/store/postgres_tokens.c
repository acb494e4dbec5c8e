/*
 * The PostgreSQL side of API tokens (postgres_schema_sessions.c), as
 * sqlite_tokens.c's. A new token gets the highest id + 1, as SQLite's rowid
 * does, so both backends number the same tokens alike; writers are serialized
 * by the write lock taken at begin, and a racing insert outside a transaction
 * fails on the primary key rather than taking a used id.
 */
#include <stdio.h>
#include <string.h>

#include "postgres_private.h"

#define TOKEN_COLS                                                                         \
    "t.id, t.user_id, u.name, t.scope, t.label, t.token_hash, t.created, t.expires, t.revoked"
#define TOKEN_FROM " FROM api_token t JOIN \"user\" u ON u.id = t.user_id"

static void read_token(arena_t *a, const PGresult *r, int i, void *record)
{
    api_token_t *t = record;
    t->id = pg_int(r, i, 0);
    t->user_id = pg_int(r, i, 1);
    t->user_name = pg_text(a, r, i, 2);
    t->scope = strcmp(PQgetvalue(r, i, 3), "write") == 0 ? TOKEN_WRITE : TOKEN_READ;
    t->label = pg_text(a, r, i, 4);
    t->token_hash = pg_text(a, r, i, 5);
    t->created = pg_text(a, r, i, 6);
    t->expires = pg_text(a, r, i, 7);
    t->revoked = pg_text(a, r, i, 8);
}

rc_t pg_token_insert(void *hv, api_token_t *t, err_t *e)
{
    pg_store_t *h = hv;
    char uid[24];
    snprintf(uid, sizeof uid, "%lld", t->user_id);
    const char *p[] = {uid, t->token_hash, token_scope_name(t->scope), t->label ? t->label : "",
                       t->created ? t->created : "", t->expires ? t->expires : ""};
    PGresult *r;
    /* created: today in UTC when not given, as SQLite's date('now') */
    rc_t rc = pg_exec(h,
                      "INSERT INTO api_token (id, user_id, token_hash, scope, label, created,"
                      " expires) VALUES ((SELECT coalesce(max(id), 0) + 1 FROM api_token),"
                      " $1, $2, $3, $4, coalesce(nullif($5, ''),"
                      " to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD')), $6) RETURNING id",
                      6, p, &r, e);
    if (rc == RC_OK) {
        t->id = pg_int(r, 0, 0);
        PQclear(r);
    } else if (rc == RC_INPUT && strcmp(h->constraint, "api_token_user_id_fkey") == 0) {
        err_set(e, RC_INPUT, "no user with id %lld", t->user_id);
    }
    return rc;
}

rc_t pg_token_get(void *h, const char *token_hash, arena_t *a, api_token_t *out, err_t *e)
{
    const char *p[] = {token_hash};
    PGresult *r;
    rc_t rc = pg_exec(h, "SELECT " TOKEN_COLS TOKEN_FROM " WHERE t.token_hash = $1", 1, p, &r, e);
    if (rc != RC_OK)
        return rc;
    if (PQntuples(r) == 1)
        read_token(a, r, 0, out);
    else /* the message never repeats the hash: it is as good as the token here */
        rc = err_set(e, RC_NOTFOUND, "no such token");
    PQclear(r);
    return rc;
}

rc_t pg_token_user_get(void *h, const char *token_hash, arena_t *a, api_token_t *out,
                       user_t *user, err_t *e)
{
    const char *p[] = {token_hash};
    PGresult *r;
    rc_t rc = pg_exec(h, "SELECT " TOKEN_COLS ", " PG_USER_COLS_U TOKEN_FROM
                         " WHERE t.token_hash = $1", 1, p, &r, e);
    if (rc != RC_OK)
        return rc;
    if (PQntuples(r) == 1) {
        read_token(a, r, 0, out);
        pg_read_user_at(a, r, 0, 9, user);
    } else {
        rc = err_set(e, RC_NOTFOUND, "no such token");
    }
    PQclear(r);
    return rc;
}

rc_t pg_token_list(void *h, long long user_id, arena_t *a, api_token_t **out, size_t *n,
                   err_t *e)
{
    char uid[24];
    snprintf(uid, sizeof uid, "%lld", user_id);
    const char *p[] = {uid};
    PGresult *r;
    rc_t rc = user_id ? pg_exec(h, "SELECT " TOKEN_COLS TOKEN_FROM
                                   " WHERE t.user_id = $1 ORDER BY t.id",
                                1, p, &r, e)
                      : pg_exec(h, "SELECT " TOKEN_COLS TOKEN_FROM " ORDER BY t.id", 0, NULL,
                                &r, e);
    if (rc == RC_OK) {
        pg_collect(r, a, sizeof **out, read_token, out, n);
        PQclear(r);
    }
    return rc;
}

rc_t pg_token_revoke(void *h, long long id, const char *date, err_t *e)
{
    char ids[24];
    snprintf(ids, sizeof ids, "%lld", id);
    const char *p[] = {date, ids};
    PGresult *r;
    rc_t rc = pg_exec(h, "UPDATE api_token SET revoked = $1 WHERE id = $2 AND revoked = ''", 2,
                      p, &r, e);
    if (rc == RC_OK && strcmp(PQcmdTuples(r), "0") == 0)
        rc = err_set(e, RC_NOTFOUND, "no live token with id %lld", id);
    PQclear(r);
    return rc;
}
