/*
 * The SQLite backend's password resets (sqlite_schema_reset.c). Prepared per
 * call: a reset is rare and costs an Argon2id hash besides.
 */
#include "sqlite_private.h"

rc_t sqlite_reset_insert(void *h, long long user_id, const char *token_hash, long long created,
                         long long expires, err_t *e)
{
    sqlite3_stmt *s;
    rc_t rc =
        sqlite_store_prepare(h, "DELETE FROM password_reset WHERE user_id = ? AND used = 0", &s, e);
    if (rc != RC_OK)
        return rc;
    sqlite3_bind_int64(s, 1, user_id);
    if ((rc = sqlite_store_run_once(h, s, e)) != RC_OK)
        return rc;
    rc = sqlite_store_prepare(h,
                              "INSERT INTO password_reset (token_hash, user_id, created, expires)"
                              " VALUES (?, ?, ?, ?)",
                              &s, e);
    if (rc != RC_OK)
        return rc;
    sqlite_bind_text(s, 1, token_hash);
    sqlite3_bind_int64(s, 2, user_id);
    sqlite3_bind_int64(s, 3, created);
    sqlite3_bind_int64(s, 4, expires);
    return sqlite_store_run_once(h, s, e);
}

rc_t sqlite_reset_get(void *h, const char *token_hash, password_reset_t *out, err_t *e)
{
    sqlite3_stmt *s;
    rc_t rc = sqlite_store_prepare(h,
                                   "SELECT user_id, created, expires, used FROM password_reset"
                                   " WHERE token_hash = ?",
                                   &s, e);
    if (rc != RC_OK)
        return rc;
    sqlite_bind_text(s, 1, token_hash);
    int got = sqlite_store_step(h, s, &rc, e);
    if (got == 1)
        *out = (password_reset_t){.user_id = sqlite3_column_int64(s, 0),
                                  .created = sqlite3_column_int64(s, 1),
                                  .expires = sqlite3_column_int64(s, 2),
                                  .used = sqlite3_column_int(s, 3) != 0};
    sqlite3_finalize(s);
    if (rc == RC_OK && got != 1)
        rc = err_set(e, RC_NOTFOUND, "no such password reset");
    return rc;
}

rc_t sqlite_reset_use(void *h, const char *token_hash, err_t *e)
{
    sqlite3_stmt *s;
    rc_t rc = sqlite_store_prepare(
        h, "UPDATE password_reset SET used = 1 WHERE token_hash = ? AND used = 0", &s, e);
    if (rc != RC_OK)
        return rc;
    sqlite_bind_text(s, 1, token_hash);
    rc = sqlite_store_run(h, s, e);
    sqlite3_finalize(s);
    if (rc == RC_OK && sqlite_store_changes(h) == 0)
        rc = err_set(e, RC_REFUSED, "the password reset was already used");
    return rc;
}
