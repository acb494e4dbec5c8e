/*
 * The SQLite side of a state's draft review (store_ops.def, after
 * comment_insert): reading one comment, changing or deleting a draft, sending
 * a version's drafts and marking a sent comment answered. A few per version
 * and round, so each statement is prepared when called and finalized after
 * (as sqlite_outreach.c does). The WHERE clauses carry the rule (only a draft
 * changes; only a sent comment is answered), so a race cannot break it.
 */
#include "sqlite_private.h"

#include "../core/review.h"

/* Runs s (finalizing it); RC_NOTFOUND naming what if it changed no row. */
static rc_t run_one(sqlite_store_t *h, sqlite3_stmt *s, const char *what, long long id, err_t *e)
{
    rc_t rc = sqlite_store_run(h, s, e);
    sqlite3_finalize(s);
    if (rc == RC_OK && sqlite_store_changes(h) == 0)
        rc = err_set(e, RC_NOTFOUND, "no %s with id %lld", what, id);
    return rc;
}

rc_t sqlite_comment_get(void *hv, long long id, arena_t *a, matrix_comment_t *out, err_t *e)
{
    sqlite_store_t *h = hv;
    rc_t rc = RC_OK;
    sqlite3_stmt *s =
        sqlite_store_prepare_once(h,
                                  "SELECT " SQLITE_COMMENT_COLS " FROM matrix_comment c"
                                  " JOIN user u ON u.id = c.user_id WHERE c.id = ?",
                                  &rc, e);
    if (!s)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    int got = sqlite_store_step(h, s, &rc, e);
    if (got == 1)
        sqlite_read_comment(a, s, out);
    else if (got == 0)
        rc = err_set(e, RC_NOTFOUND, "no comment with id %lld", id);
    sqlite3_finalize(s);
    return rc;
}

rc_t sqlite_comment_set_text(void *hv, long long id, const char *text, err_t *e)
{
    sqlite_store_t *h = hv;
    rc_t rc = RC_OK;
    sqlite3_stmt *s = sqlite_store_prepare_once(
        h, "UPDATE matrix_comment SET text = ? WHERE id = ? AND sent = 0", &rc, e);
    if (!s)
        return rc;
    sqlite_bind_text(s, 1, text);
    sqlite3_bind_int64(s, 2, id);
    rc = run_one(h, s, "draft comment", id, e);
    if (rc == RC_INPUT)
        err_set(e, RC_INPUT, "a comment must have 1 to %d characters", REVIEW_COMMENT_MAX);
    return rc;
}

rc_t sqlite_comment_delete(void *hv, long long id, err_t *e)
{
    sqlite_store_t *h = hv;
    rc_t rc = RC_OK;
    sqlite3_stmt *s = sqlite_store_prepare_once(
        h, "DELETE FROM matrix_comment WHERE id = ? AND sent = 0", &rc, e);
    if (!s)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    return run_one(h, s, "draft comment", id, e);
}

rc_t sqlite_comments_send(void *hv, long long version_id, int *n, err_t *e)
{
    sqlite_store_t *h = hv;
    rc_t rc = RC_OK;
    *n = 0;
    sqlite3_stmt *s = sqlite_store_prepare_once(
        h, "UPDATE matrix_comment SET sent = 1 WHERE version_id = ? AND sent = 0", &rc, e);
    if (!s)
        return rc;
    sqlite3_bind_int64(s, 1, version_id);
    rc = sqlite_store_run(h, s, e);
    sqlite3_finalize(s);
    if (rc == RC_OK)
        *n = sqlite_store_changes(h);
    return rc;
}

rc_t sqlite_comment_answer(void *hv, long long id, long long user_id, err_t *e)
{
    sqlite_store_t *h = hv;
    rc_t rc = RC_OK;
    sqlite3_stmt *s = sqlite_store_prepare_once(h,
                                                "UPDATE matrix_comment SET answered_by = ?,"
                                                " answered = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
                                                " WHERE id = ? AND sent = 1 AND answered IS NULL",
                                                &rc, e);
    if (!s)
        return rc;
    if (user_id > 0) /* the system actor (id 0) is no user row */
        sqlite3_bind_int64(s, 1, user_id);
    sqlite3_bind_int64(s, 2, id);
    return run_one(h, s, "unanswered comment", id, e);
}
