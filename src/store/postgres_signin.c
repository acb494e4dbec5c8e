/*
 * The PostgreSQL side of sign-in attempts (postgres_schema_sessions.c), as
 * sqlite_signin.c's. The throttle (web/signin.c) counts and records in one
 * transaction under the write lock taken at begin, so guesses sent to several
 * servers sharing the database see each other as those sent to one do. A new
 * attempt gets the highest id + 1, as SQLite's rowid does.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "postgres_private.h"

static void num(char *buf, size_t size, long long v) { snprintf(buf, size, "%lld", v); }

rc_t pg_signin_counts(void *h, const char *name, const char *address, long long since,
                      signin_counts_t *out, err_t *e)
{
    /* the indexes by (name, at) and (address, at) answer each part */
    static const char sql[] =
        "SELECT (SELECT count(*) FROM signin_attempt WHERE name = $1 AND address = $2"
        "         AND at >= $3 AND outcome <> 'lifted'),"
        "       (SELECT coalesce(max(at), 0) FROM signin_attempt WHERE name = $1"
        "         AND address = $2 AND at >= $3 AND outcome <> 'lifted'),"
        "       (SELECT count(*) FROM signin_attempt WHERE address = $2 AND at >= $3"
        "         AND outcome <> 'lifted'),"
        "       (SELECT coalesce(max(at), 0) FROM signin_attempt WHERE address = $2"
        "         AND at >= $3 AND outcome <> 'lifted'),"
        "       (SELECT count(*) FROM signin_attempt WHERE name = $1 AND at >= $3"
        "         AND outcome <> 'lifted'),"
        "       (SELECT coalesce(max(at), 0) FROM signin_attempt WHERE name = $1"
        "         AND at >= $3 AND outcome <> 'lifted')";
    char at[24];
    num(at, sizeof at, since);
    const char *p[] = {name, address, at};
    PGresult *r;
    memset(out, 0, sizeof *out);
    rc_t rc = pg_exec(h, sql, 3, p, &r, e);
    if (rc != RC_OK)
        return rc;
    out->pair = (int)pg_int(r, 0, 0);
    out->pair_last = pg_int(r, 0, 1);
    out->address = (int)pg_int(r, 0, 2);
    out->address_last = pg_int(r, 0, 3);
    out->name = (int)pg_int(r, 0, 4);
    out->name_last = pg_int(r, 0, 5);
    PQclear(r);
    return RC_OK;
}

rc_t pg_signin_add(void *h, signin_attempt_t *a, err_t *e)
{
    char at[24];
    num(at, sizeof at, a->at);
    const char *p[] = {a->name, a->address, at, a->outcome};
    PGresult *r;
    rc_t rc = pg_exec(h,
                      "INSERT INTO signin_attempt (id, name, address, at, outcome)"
                      " VALUES ((SELECT coalesce(max(id), 0) + 1 FROM signin_attempt),"
                      " $1, $2, $3, $4) RETURNING id",
                      4, p, &r, e);
    if (rc == RC_OK) {
        a->id = pg_int(r, 0, 0);
        PQclear(r);
    }
    return rc;
}

rc_t pg_signin_finish(void *h, long long id, bool succeeded, err_t *e)
{
    char ids[24];
    num(ids, sizeof ids, id);
    const char *p[] = {ids};
    if (!succeeded)
        return pg_exec(h, "UPDATE signin_attempt SET outcome = 'failed' WHERE id = $1", 1, p,
                       NULL, e);
    /* a success lifts the earlier failures of that name from that address */
    rc_t rc = pg_exec(h,
                      "UPDATE signin_attempt SET outcome = 'lifted' WHERE outcome = 'failed'"
                      " AND (name, address) = (SELECT name, address FROM signin_attempt"
                      " WHERE id = $1)",
                      1, p, NULL, e);
    if (rc == RC_OK)
        rc = pg_exec(h, "DELETE FROM signin_attempt WHERE id = $1", 1, p, NULL, e);
    return rc;
}

rc_t pg_signin_lift(void *h, const char *name, const char *address, int *n, err_t *e)
{
    const char *p[] = {name, address};
    PGresult *r;
    *n = 0;
    rc_t rc = pg_exec(h,
                      "UPDATE signin_attempt SET outcome = 'lifted' WHERE outcome = 'failed'"
                      " AND ($1::text IS NULL OR name = $1::text)"
                      " AND ($2::text IS NULL OR address = $2::text)",
                      2, p, &r, e);
    if (rc == RC_OK) {
        *n = (int)strtol(PQcmdTuples(r), NULL, 10);
        PQclear(r);
    }
    return rc;
}

rc_t pg_signin_purge(void *h, long long before, err_t *e)
{
    char at[24];
    num(at, sizeof at, before);
    const char *p[] = {at};
    return pg_exec(h, "DELETE FROM signin_attempt WHERE at < $1", 1, p, NULL, e);
}

static void read_attempt(arena_t *a, const PGresult *r, int i, void *record)
{
    signin_attempt_t *t = record;
    t->id = pg_int(r, i, 0);
    t->name = pg_text(a, r, i, 1);
    t->address = pg_text(a, r, i, 2);
    t->at = pg_int(r, i, 3);
    t->outcome = pg_text(a, r, i, 4);
}

rc_t pg_signin_list(void *h, long long since, int limit, arena_t *a, signin_attempt_t **out,
                    size_t *n, err_t *e)
{
    char at[24], lim[24];
    num(at, sizeof at, since);
    num(lim, sizeof lim, limit);
    /* SQLite reads a negative LIMIT as none; PostgreSQL's none is NULL */
    const char *p[] = {at, limit < 0 ? NULL : lim};
    PGresult *r;
    *out = NULL;
    *n = 0;
    rc_t rc = pg_exec(h,
                      "SELECT id, name, address, at, outcome FROM signin_attempt"
                      " WHERE at >= $1 AND outcome <> 'pending' ORDER BY at DESC, id DESC"
                      " LIMIT $2::bigint",
                      2, p, &r, e);
    if (rc == RC_OK) {
        pg_collect(r, a, sizeof **out, read_attempt, out, n);
        PQclear(r);
    }
    if (!*out) /* as SQLite's side: an empty list is an array, never NULL */
        *out = arena_alloc(a, sizeof **out);
    return rc;
}
