/*
 * The SQLite backend's API tokens (migration sqlite_schema_tokens.c), in the
 * handle's extra slots from SQLITE_TOKEN_SLOTS (sqlite_private.h).
 */
#include <string.h>

#include "sqlite_private.h"

enum { T_INSERT, T_GET, T_GET_USER, T_LIST, T_LIST_ALL, T_REVOKE, T_COUNT };
_Static_assert((int)SQLITE_TOKEN_SLOTS + (int)T_COUNT <= (int)SQLITE_EXTRA_STMTS,
               "sqlite_private.h: raise SQLITE_EXTRA_STMTS");

#define TOKEN_COLS                                                                         \
    "t.id, t.user_id, u.name, t.scope, t.label, t.token_hash, t.created, t.expires, t.revoked"

static const char *const queries[T_COUNT] = {
    [T_INSERT] = "INSERT INTO api_token (user_id, token_hash, scope, label, created, expires)"
                 " VALUES (?, ?, ?, ?, coalesce(nullif(?, ''), date('now')), ?)",
    [T_GET] = "SELECT " TOKEN_COLS " FROM api_token t JOIN user u ON u.id = t.user_id"
              " WHERE t.token_hash = ?",
    [T_GET_USER] = "SELECT " TOKEN_COLS ", " SQLITE_USER_COLS_U
                   " FROM api_token t JOIN user u ON u.id = t.user_id WHERE t.token_hash = ?",
    [T_LIST] = "SELECT " TOKEN_COLS " FROM api_token t JOIN user u ON u.id = t.user_id"
               " WHERE t.user_id = ? ORDER BY t.id",
    [T_LIST_ALL] = "SELECT " TOKEN_COLS " FROM api_token t JOIN user u ON u.id = t.user_id"
                   " ORDER BY t.id",
    [T_REVOKE] = "UPDATE api_token SET revoked = ? WHERE id = ? AND revoked = ''",
};

#define PREPARE(h, s, which, e)                                                                \
    sqlite3_stmt *s = sqlite_store_stmt(h, SQLITE_TOKEN_SLOTS + (which), queries[which]);      \
    if (!s)                                                                                    \
        return sqlite_store_fail(h, e);

static void read_token(arena_t *a, sqlite3_stmt *s, void *record)
{
    api_token_t *t = record;
    t->id = sqlite3_column_int64(s, 0);
    t->user_id = sqlite3_column_int64(s, 1);
    t->user_name = sqlite_col_text(a, s, 2);
    t->scope = strcmp((const char *)sqlite3_column_text(s, 3), "write") == 0 ? TOKEN_WRITE
                                                                             : TOKEN_READ;
    t->label = sqlite_col_text(a, s, 4);
    t->token_hash = sqlite_col_text(a, s, 5);
    t->created = sqlite_col_text(a, s, 6);
    t->expires = sqlite_col_text(a, s, 7);
    t->revoked = sqlite_col_text(a, s, 8);
}

rc_t sqlite_token_insert(void *hv, api_token_t *t, err_t *e)
{
    sqlite_store_t *h = hv;
    PREPARE(h, s, T_INSERT, e);
    sqlite3_bind_int64(s, 1, t->user_id);
    sqlite_bind_text(s, 2, t->token_hash);
    sqlite_bind_text(s, 3, token_scope_name(t->scope));
    sqlite_bind_text(s, 4, t->label ? t->label : "");
    sqlite_bind_text(s, 5, t->created ? t->created : "");
    sqlite_bind_text(s, 6, t->expires ? t->expires : "");
    rc_t rc = sqlite_store_run(h, s, e);
    if (rc == RC_INPUT && sqlite_store_errcode(h) == SQLITE_CONSTRAINT_FOREIGNKEY)
        return err_set(e, RC_INPUT, "no user with id %lld", t->user_id);
    if (rc == RC_OK)
        t->id = sqlite_store_last_id(h);
    return rc;
}

rc_t sqlite_token_get(void *hv, const char *token_hash, arena_t *a, api_token_t *out, err_t *e)
{
    sqlite_store_t *h = hv;
    PREPARE(h, s, T_GET, e);
    sqlite_bind_text(s, 1, token_hash);
    rc_t rc = RC_OK;
    int r = sqlite_store_step(h, s, &rc, e);
    if (r == 1)
        read_token(a, s, out);
    sqlite3_reset(s);
    /* the message never repeats the hash: it is as good as the token here */
    return r == 0 ? err_set(e, RC_NOTFOUND, "no such token") : rc;
}

rc_t sqlite_token_user_get(void *hv, const char *token_hash, arena_t *a, api_token_t *out,
                           user_t *user, err_t *e)
{
    sqlite_store_t *h = hv;
    PREPARE(h, s, T_GET_USER, e);
    sqlite_bind_text(s, 1, token_hash);
    rc_t rc = RC_OK;
    int r = sqlite_store_step(h, s, &rc, e);
    if (r == 1) {
        read_token(a, s, out);
        sqlite_read_user_at(a, s, 9, user);
    }
    sqlite3_reset(s);
    return r == 0 ? err_set(e, RC_NOTFOUND, "no such token") : rc;
}

rc_t sqlite_token_list(void *hv, long long user_id, arena_t *a, api_token_t **out, size_t *n,
                       err_t *e)
{
    sqlite_store_t *h = hv;
    if (user_id) {
        PREPARE(h, s, T_LIST, e);
        sqlite3_bind_int64(s, 1, user_id);
        return sqlite_store_collect(h, s, a, sizeof **out, read_token, out, n, e);
    }
    PREPARE(h, s, T_LIST_ALL, e);
    return sqlite_store_collect(h, s, a, sizeof **out, read_token, out, n, e);
}

rc_t sqlite_token_revoke(void *hv, long long id, const char *date, err_t *e)
{
    sqlite_store_t *h = hv;
    PREPARE(h, s, T_REVOKE, e);
    sqlite_bind_text(s, 1, date);
    sqlite3_bind_int64(s, 2, id);
    rc_t rc = sqlite_store_run(h, s, e);
    if (rc == RC_OK && sqlite_store_changes(h) == 0)
        rc = err_set(e, RC_NOTFOUND, "no live token with id %lld", id);
    return rc;
}
