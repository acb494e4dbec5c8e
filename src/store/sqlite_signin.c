/*
 * The SQLite backend's sign-in attempts (migration 5,
 * sqlite_schema_signin.c). The statements are prepared per call: a sign-in
 * costs an Argon2id hash, next to which preparing is nothing, and the
 * accounts' statement slots stay for the hot paths.
 */
#include <string.h>

#include "sqlite_private.h"

rc_t sqlite_signin_counts(void *h, const char *name, const char *address, long long since,
                          signin_counts_t *out, err_t *e)
{
    /* the indexes by (name, at) and (address, at) answer each part */
    static const char sql[] =
        "SELECT (SELECT count(*) FROM signin_attempt WHERE name = ?1 AND address = ?2"
        "         AND at >= ?3 AND outcome <> 'lifted'),"
        "       (SELECT coalesce(max(at), 0) FROM signin_attempt WHERE name = ?1"
        "         AND address = ?2 AND at >= ?3 AND outcome <> 'lifted'),"
        "       (SELECT count(*) FROM signin_attempt WHERE address = ?2 AND at >= ?3"
        "         AND outcome <> 'lifted'),"
        "       (SELECT coalesce(max(at), 0) FROM signin_attempt WHERE address = ?2"
        "         AND at >= ?3 AND outcome <> 'lifted'),"
        "       (SELECT count(*) FROM signin_attempt WHERE name = ?1 AND at >= ?3"
        "         AND outcome <> 'lifted'),"
        "       (SELECT coalesce(max(at), 0) FROM signin_attempt WHERE name = ?1"
        "         AND at >= ?3 AND outcome <> 'lifted')";
    sqlite3_stmt *s;
    rc_t rc = sqlite_store_prepare(h, sql, &s, e);
    if (rc != RC_OK)
        return rc;
    sqlite_bind_text(s, 1, name);
    sqlite_bind_text(s, 2, address);
    sqlite3_bind_int64(s, 3, since);
    memset(out, 0, sizeof *out);
    if (sqlite_store_step(h, s, &rc, e) == 1) {
        out->pair = sqlite3_column_int(s, 0);
        out->pair_last = sqlite3_column_int64(s, 1);
        out->address = sqlite3_column_int(s, 2);
        out->address_last = sqlite3_column_int64(s, 3);
        out->name = sqlite3_column_int(s, 4);
        out->name_last = sqlite3_column_int64(s, 5);
    }
    sqlite3_finalize(s);
    return rc;
}

rc_t sqlite_signin_add(void *h, signin_attempt_t *a, err_t *e)
{
    sqlite3_stmt *s;
    rc_t rc = sqlite_store_prepare(
        h, "INSERT INTO signin_attempt (name, address, at, outcome) VALUES (?, ?, ?, ?)", &s, e);
    if (rc != RC_OK)
        return rc;
    sqlite_bind_text(s, 1, a->name);
    sqlite_bind_text(s, 2, a->address);
    sqlite3_bind_int64(s, 3, a->at);
    sqlite_bind_text(s, 4, a->outcome);
    rc = sqlite_store_run_once(h, s, e);
    if (rc == RC_OK)
        a->id = sqlite_store_last_id(h);
    return rc;
}

rc_t sqlite_signin_finish(void *h, long long id, bool succeeded, err_t *e)
{
    sqlite3_stmt *s;
    rc_t rc;
    if (!succeeded) {
        if ((rc = sqlite_store_prepare(
                 h, "UPDATE signin_attempt SET outcome = 'failed' WHERE id = ?", &s, e)) != RC_OK)
            return rc;
        sqlite3_bind_int64(s, 1, id);
        return sqlite_store_run_once(h, s, e);
    }
    if ((rc = sqlite_store_prepare(
             h,
             "UPDATE signin_attempt SET outcome = 'lifted' WHERE outcome = 'failed'"
             " AND (name, address) = (SELECT name, address FROM signin_attempt WHERE id = ?1)",
             &s, e)) != RC_OK)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    if ((rc = sqlite_store_run_once(h, s, e)) != RC_OK ||
        (rc = sqlite_store_prepare(h, "DELETE FROM signin_attempt WHERE id = ?", &s, e)) != RC_OK)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    return sqlite_store_run_once(h, s, e);
}

rc_t sqlite_signin_lift(void *h, const char *name, const char *address, int *n, err_t *e)
{
    sqlite3_stmt *s;
    rc_t rc =
        sqlite_store_prepare(h,
                             "UPDATE signin_attempt SET outcome = 'lifted' WHERE outcome = 'failed'"
                             " AND (?1 IS NULL OR name = ?1) AND (?2 IS NULL OR address = ?2)",
                             &s, e);
    if (rc != RC_OK)
        return rc;
    sqlite_bind_text(s, 1, name);
    sqlite_bind_text(s, 2, address);
    rc = sqlite_store_run_once(h, s, e);
    *n = rc == RC_OK ? sqlite_store_changes(h) : 0;
    return rc;
}

rc_t sqlite_signin_purge(void *h, long long before, err_t *e)
{
    sqlite3_stmt *s;
    rc_t rc = sqlite_store_prepare(h, "DELETE FROM signin_attempt WHERE at < ?", &s, e);
    if (rc != RC_OK)
        return rc;
    sqlite3_bind_int64(s, 1, before);
    return sqlite_store_run_once(h, s, e);
}

static void read_attempt(arena_t *a, sqlite3_stmt *s, void *record)
{
    signin_attempt_t *t = record;
    t->id = sqlite3_column_int64(s, 0);
    t->name = sqlite_col_text(a, s, 1);
    t->address = sqlite_col_text(a, s, 2);
    t->at = sqlite3_column_int64(s, 3);
    t->outcome = sqlite_col_text(a, s, 4);
}

rc_t sqlite_signin_list(void *h, long long since, int limit, arena_t *a, signin_attempt_t **out,
                        size_t *n, err_t *e)
{
    sqlite3_stmt *s;
    rc_t rc = sqlite_store_prepare(
        h,
        "SELECT id, name, address, at, outcome FROM signin_attempt"
        " WHERE at >= ? AND outcome <> 'pending' ORDER BY at DESC, id DESC LIMIT ?",
        &s, e);
    if (rc != RC_OK)
        return rc;
    sqlite3_bind_int64(s, 1, since);
    sqlite3_bind_int(s, 2, limit);
    *out = NULL;
    rc = sqlite_store_collect(h, s, a, sizeof **out, read_attempt, out, n, e);
    sqlite3_finalize(s);
    if (!*out)
        *out = arena_alloc(a, sizeof **out);
    return rc;
}
