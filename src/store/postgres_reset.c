/*
 * The PostgreSQL side of one-time password resets (postgres_schema_sessions.c),
 * as sqlite_reset.c's. Marking a reset used is one conditional UPDATE, so of
 * two servers given the same link at once only one succeeds.
 */
#include <stdio.h>
#include <string.h>

#include "postgres_private.h"

rc_t pg_reset_insert(void *h, long long user_id, const char *token_hash, long long created,
                     long long expires, err_t *e)
{
    char uid[24], from[24], until[24];
    snprintf(uid, sizeof uid, "%lld", user_id);
    snprintf(from, sizeof from, "%lld", created);
    snprintf(until, sizeof until, "%lld", expires);
    const char *p[] = {token_hash, uid, from, until};
    /* only the newest link works: the user's earlier unused ones go */
    rc_t rc = pg_exec(h, "DELETE FROM password_reset WHERE user_id = $1 AND used = 0", 1, p + 1,
                      NULL, e);
    if (rc == RC_OK)
        rc = pg_exec(h,
                     "INSERT INTO password_reset (token_hash, user_id, created, expires)"
                     " VALUES ($1, $2, $3, $4)",
                     4, p, NULL, e);
    return rc;
}

rc_t pg_reset_get(void *h, const char *token_hash, password_reset_t *out, err_t *e)
{
    const char *p[] = {token_hash};
    PGresult *r;
    rc_t rc = pg_exec(h,
                      "SELECT user_id, created, expires, used FROM password_reset"
                      " WHERE token_hash = $1",
                      1, p, &r, e);
    if (rc != RC_OK)
        return rc;
    if (PQntuples(r) == 1)
        *out = (password_reset_t){.user_id = pg_int(r, 0, 0),
                                  .created = pg_int(r, 0, 1),
                                  .expires = pg_int(r, 0, 2),
                                  .used = pg_int(r, 0, 3) != 0};
    else
        rc = err_set(e, RC_NOTFOUND, "no such password reset");
    PQclear(r);
    return rc;
}

rc_t pg_reset_use(void *h, const char *token_hash, err_t *e)
{
    const char *p[] = {token_hash};
    PGresult *r;
    rc_t rc = pg_exec(h, "UPDATE password_reset SET used = 1 WHERE token_hash = $1 AND used = 0",
                      1, p, &r, e);
    if (rc == RC_OK && strcmp(PQcmdTuples(r), "0") == 0)
        rc = err_set(e, RC_REFUSED, "the password reset was already used");
    PQclear(r);
    return rc;
}
