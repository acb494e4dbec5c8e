/*
 * The PostgreSQL side of a state's draft review (store_ops.def, after
 * comment_insert; sqlite_comment.c is the SQLite side): reading one comment,
 * changing or deleting a draft, sending a version's drafts and marking a sent
 * comment answered. As on SQLite, the WHERE clauses carry the rules (only a
 * draft changes; only a sent, unanswered comment is answered), so a race
 * between two servers cannot break them: the second writer's statement finds
 * no row and is told so.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/review.h"
#include "postgres_private.h"

/* The time now as r1540 writes it (postgres_accounts.c's NOW). */
#define NOW "to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"

/* Runs a statement that must change one row: RC_NOTFOUND naming what if none did. */
static rc_t change_one(pg_store_t *h, const char *sql, int n, const char *const *p,
                       const char *what, long long id, err_t *e)
{
    PGresult *r;
    rc_t rc = pg_exec(h, sql, n, p, &r, e);
    if (rc == RC_OK && strcmp(PQcmdTuples(r), "0") == 0)
        rc = err_set(e, RC_NOTFOUND, "no %s with id %lld", what, id);
    PQclear(r);
    return rc;
}

rc_t pg_comment_get(void *h, long long id, arena_t *a, matrix_comment_t *out, err_t *e)
{
    char ids[24];
    snprintf(ids, sizeof ids, "%lld", id);
    const char *p[] = {ids};
    PGresult *r;
    rc_t rc = pg_exec(h,
                      "SELECT " PG_COMMENT_COLS " FROM matrix_comment c"
                      " JOIN \"user\" u ON u.id = c.user_id WHERE c.id = $1",
                      1, p, &r, e);
    if (rc != RC_OK)
        return rc;
    if (PQntuples(r) == 1)
        pg_read_comment(a, r, 0, out);
    else
        rc = err_set(e, RC_NOTFOUND, "no comment with id %lld", id);
    PQclear(r);
    return rc;
}

rc_t pg_comment_set_text(void *h, long long id, const char *text, err_t *e)
{
    char ids[24];
    snprintf(ids, sizeof ids, "%lld", id);
    const char *p[] = {text ? text : "", ids};
    rc_t rc = change_one(h, "UPDATE matrix_comment SET text = $1 WHERE id = $2 AND sent = 0", 2, p,
                         "draft comment", id, e);
    if (rc == RC_INPUT) /* the length CHECK: said as SQLite's side says it */
        err_set(e, RC_INPUT, "a comment must have 1 to %d characters", REVIEW_COMMENT_MAX);
    return rc;
}

rc_t pg_comment_delete(void *h, long long id, err_t *e)
{
    char ids[24];
    snprintf(ids, sizeof ids, "%lld", id);
    const char *p[] = {ids};
    return change_one(h, "DELETE FROM matrix_comment WHERE id = $1 AND sent = 0", 1, p,
                      "draft comment", id, e);
}

rc_t pg_comments_send(void *h, long long version_id, int *n, err_t *e)
{
    char vid[24];
    snprintf(vid, sizeof vid, "%lld", version_id);
    const char *p[] = {vid};
    PGresult *r;
    *n = 0;
    rc_t rc = pg_exec(h, "UPDATE matrix_comment SET sent = 1 WHERE version_id = $1 AND sent = 0", 1,
                      p, &r, e);
    if (rc == RC_OK) {
        *n = (int)strtol(PQcmdTuples(r), NULL, 10);
        PQclear(r);
    }
    return rc;
}

rc_t pg_comment_answer(void *h, long long id, long long user_id, err_t *e)
{
    char ids[24], uid[24];
    snprintf(ids, sizeof ids, "%lld", id);
    snprintf(uid, sizeof uid, "%lld", user_id);
    /* the system actor (id 0) is no user row: its answer names nobody */
    const char *p[] = {user_id > 0 ? uid : NULL, ids};
    return change_one(h,
                      "UPDATE matrix_comment SET answered_by = $1, answered = " NOW
                      " WHERE id = $2 AND sent = 1 AND answered IS NULL",
                      2, p, "unanswered comment", id, e);
}
