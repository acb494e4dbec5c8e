/*
 * The PostgreSQL side of user accounts, matrix comments and the state's
 * review of a version. New rows get the highest id + 1, as SQLite's rowid
 * does. Sessions, sign-in attempts, API tokens and password resets are in
 * postgres_session.c, postgres_signin.c, postgres_tokens.c, postgres_reset.c.
 */
#include <stdio.h>
#include <string.h>

#include "postgres_private.h"

/* The time now as r1540 writes it, when the caller gave none. */
#define NOW "to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
#define USER_COLS "id, name, role, coalesce(state, ''), org, disabled, created, pw_hash"

static void num(char *buf, size_t size, long long v) { snprintf(buf, size, "%lld", v); }

/* Runs a statement that must change a row: RC_NOTFOUND naming what if none did. */
static rc_t exec_one(pg_store_t *h, const char *sql, int n, const char *const *p,
                     const char *what, long long id, err_t *e)
{
    PGresult *r;
    rc_t rc = pg_exec(h, sql, n, p, &r, e);
    if (rc == RC_OK && strcmp(PQcmdTuples(r), "0") == 0)
        rc = err_set(e, RC_NOTFOUND, "no %s with id %lld", what, id);
    PQclear(r);
    return rc;
}

/* ---- users ------------------------------------------------------------------ */

/* Says which rule a refused user broke, in the user's terms (as SQLite's
 * side does), from the constraint's name: the transaction is aborted. */
static void user_insert_failure(pg_store_t *h, const user_t *u, err_t *e)
{
    if (!e)
        return;
    if (strcmp(h->constraint, "user_name_key") == 0) {
        err_set(e, RC_INPUT, "a user named '%s' already exists", u->name);
    } else if (strcmp(h->constraint, "user_state_fkey") == 0) {
        err_set(e, RC_INPUT, "state '%s': no such state", u->state ? u->state : "");
    } else if (strstr(e->msg, "check constraint")) {
        err_set(e, RC_INPUT, "user '%s': invalid name, role or state (a point of "
                "contact needs a state; no other role has one)", u->name);
    }
}

rc_t pg_user_insert(void *h, user_t *u, err_t *e)
{
    char disabled[4];
    snprintf(disabled, sizeof disabled, "%d", u->disabled ? 1 : 0);
    const char *p[] = {u->name, role_name(u->role), u->state ? u->state : "",
                       u->org ? u->org : "", u->pw_hash, disabled, u->created ? u->created : ""};
    PGresult *r;
    rc_t rc = pg_exec(h,
                      "INSERT INTO \"user\" (id, name, role, state, org, pw_hash, disabled, created)"
                      " VALUES ((SELECT coalesce(max(id), 0) + 1 FROM \"user\"), $1, $2,"
                      " nullif($3, ''), $4, $5, $6, coalesce(nullif($7, ''), " NOW "))"
                      " RETURNING id",
                      7, p, &r, e);
    if (rc == RC_OK) {
        u->id = pg_int(r, 0, 0);
        PQclear(r);
    } else if (rc == RC_INPUT) {
        user_insert_failure(h, u, e);
    }
    return rc;
}

void pg_read_user_at(arena_t *a, const PGresult *r, int i, int col, user_t *u)
{
    memset(u, 0, sizeof *u);
    u->id = pg_int(r, i, col);
    u->name = pg_text(a, r, i, col + 1);
    int role = role_parse(PQgetvalue(r, i, col + 2));
    u->role = role < 0 ? ROLE_PROVIDER : (role_t)role; /* the CHECK makes role >= 0 */
    u->state = pg_text(a, r, i, col + 3);
    u->org = pg_text(a, r, i, col + 4);
    u->disabled = pg_int(r, i, col + 5) != 0;
    u->created = pg_text(a, r, i, col + 6);
    u->pw_hash = pg_text(a, r, i, col + 7);
}

static void read_user(arena_t *a, const PGresult *r, int i, void *record)
{
    pg_read_user_at(a, r, i, 0, record);
}

/* The one user of sql's answer; RC_NOTFOUND (no message) if none. */
static rc_t user_one(pg_store_t *h, const char *sql, const char *key, arena_t *a, user_t *out,
                     err_t *e)
{
    const char *p[] = {key};
    PGresult *r;
    rc_t rc = pg_exec(h, sql, 1, p, &r, e);
    if (rc != RC_OK)
        return rc;
    if (PQntuples(r) == 1)
        read_user(a, r, 0, out);
    else
        rc = RC_NOTFOUND;
    PQclear(r);
    return rc;
}

rc_t pg_user_get(void *h, const char *name, arena_t *a, user_t *out, err_t *e)
{
    rc_t rc = user_one(h, "SELECT " USER_COLS " FROM \"user\" WHERE name = $1", name, a, out, e);
    return rc == RC_NOTFOUND ? err_set(e, rc, "no user named '%s'", name) : rc;
}

rc_t pg_user_get_id(void *h, long long id, arena_t *a, user_t *out, err_t *e)
{
    char ids[24];
    num(ids, sizeof ids, id);
    rc_t rc = user_one(h, "SELECT " USER_COLS " FROM \"user\" WHERE id = $1", ids, a, out, e);
    return rc == RC_NOTFOUND ? err_set(e, rc, "no user with id %lld", id) : rc;
}

rc_t pg_user_list(void *h, arena_t *a, user_t **out, size_t *n, err_t *e)
{
    PGresult *r;
    rc_t rc = pg_exec(h, "SELECT " USER_COLS " FROM \"user\" ORDER BY name", 0, NULL, &r, e);
    if (rc == RC_OK) {
        pg_collect(r, a, sizeof **out, read_user, out, n);
        PQclear(r);
    }
    return rc;
}

rc_t pg_user_set_password(void *h, long long id, const char *pw_hash, err_t *e)
{
    char ids[24];
    num(ids, sizeof ids, id);
    const char *p[] = {pw_hash, ids};
    return exec_one(h, "UPDATE \"user\" SET pw_hash = $1 WHERE id = $2", 2, p, "user", id, e);
}

rc_t pg_user_set_disabled(void *h, long long id, bool disabled, err_t *e)
{
    char ids[24];
    num(ids, sizeof ids, id);
    const char *p[] = {disabled ? "1" : "0", ids};
    return exec_one(h, "UPDATE \"user\" SET disabled = $1 WHERE id = $2", 2, p, "user", id, e);
}

/* ---- matrix comments and reviews ----------------------------------------------- */

rc_t pg_comment_insert(void *h, matrix_comment_t *c, err_t *e)
{
    char vid[24], uid[24];
    num(vid, sizeof vid, c->version_id);
    num(uid, sizeof uid, c->user_id);
    const char *p[] = {vid, c->item ? c->item : "", uid, c->text, c->created ? c->created : "",
                       c->sent ? "1" : "0"};
    PGresult *r;
    rc_t rc = pg_exec(h,
                      "INSERT INTO matrix_comment (id, version_id, item, user_id, text, created,"
                      " sent) VALUES ((SELECT coalesce(max(id), 0) + 1 FROM matrix_comment), $1,"
                      " $2, $3, $4, coalesce(nullif($5, ''), " NOW "), $6) RETURNING id",
                      6, p, &r, e);
    if (rc == RC_OK) {
        c->id = pg_int(r, 0, 0);
        PQclear(r);
    } else if (rc == RC_INPUT && strstr(e->msg, "a referenced state")) {
        err_set(e, RC_INPUT, "no matrix version %lld or no user %lld", c->version_id,
                c->user_id);
    } else if (rc == RC_INPUT) {
        err_set(e, RC_INPUT, "a comment must have 1 to %d characters", REVIEW_COMMENT_MAX);
    }
    return rc;
}

void pg_read_comment(arena_t *a, const PGresult *r, int i, void *record)
{
    matrix_comment_t *c = record;
    c->id = pg_int(r, i, 0);
    c->version_id = pg_int(r, i, 1);
    c->user_id = pg_int(r, i, 2);
    c->item = pg_text(a, r, i, 3);
    c->user_name = pg_text(a, r, i, 4);
    c->text = pg_text(a, r, i, 5);
    c->created = pg_text(a, r, i, 6);
    c->sent = pg_int(r, i, 7) != 0;
    c->answered = pg_text(a, r, i, 8); /* "" while unanswered */
}

rc_t pg_comments(void *h, long long version_id, arena_t *a, matrix_comment_t **out, size_t *n,
                 err_t *e)
{
    char vid[24];
    num(vid, sizeof vid, version_id);
    const char *p[] = {vid};
    PGresult *r;
    rc_t rc = pg_exec(h,
                      "SELECT " PG_COMMENT_COLS
                      " FROM matrix_comment c JOIN \"user\" u ON u.id = c.user_id"
                      " WHERE c.version_id = $1 ORDER BY c.id",
                      1, p, &r, e);
    if (rc == RC_OK) {
        pg_collect(r, a, sizeof **out, pg_read_comment, out, n);
        PQclear(r);
    }
    return rc;
}

rc_t pg_review_set(void *h, const matrix_review_t *rv, err_t *e)
{
    char vid[24], uid[24];
    num(vid, sizeof vid, rv->version_id);
    num(uid, sizeof uid, rv->user_id);
    const char *p[] = {vid, rv->response, uid, rv->at ? rv->at : ""};
    rc_t rc = pg_exec(h,
                      "INSERT INTO matrix_review (version_id, response, user_id, at)"
                      " VALUES ($1, $2, $3, coalesce(nullif($4, ''), " NOW "))"
                      " ON CONFLICT (version_id) DO UPDATE SET response = excluded.response,"
                      " user_id = excluded.user_id, at = excluded.at",
                      4, p, NULL, e);
    if (rc == RC_INPUT && strstr(e->msg, "a referenced state"))
        return err_set(e, RC_INPUT, "no matrix version %lld or no user %lld", rv->version_id,
                       rv->user_id);
    if (rc == RC_INPUT)
        return err_set(e, RC_INPUT, "response '%s': must be accepted or commented",
                       rv->response ? rv->response : "");
    return rc;
}

rc_t pg_review_clear(void *h, long long version_id, err_t *e)
{
    char vid[24];
    num(vid, sizeof vid, version_id);
    const char *p[] = {vid};
    return pg_exec(h, "DELETE FROM matrix_review WHERE version_id = $1", 1, p, NULL, e);
}

static void read_review(arena_t *a, const PGresult *r, int i, void *record)
{
    matrix_review_t *rv = record;
    rv->version_id = pg_int(r, i, 0);
    rv->user_id = pg_int(r, i, 1);
    rv->response = pg_text(a, r, i, 2);
    rv->at = pg_text(a, r, i, 3);
}

rc_t pg_review_get(void *h, long long version_id, arena_t *a, matrix_review_t *out, err_t *e)
{
    char vid[24];
    num(vid, sizeof vid, version_id);
    const char *p[] = {vid};
    PGresult *r;
    rc_t rc = pg_exec(h,
                      "SELECT version_id, user_id, response, at FROM matrix_review"
                      " WHERE version_id = $1",
                      1, p, &r, e);
    if (rc != RC_OK)
        return rc;
    if (PQntuples(r) == 1) {
        read_review(a, r, 0, out);
    } else {
        rc = err_set(e, RC_NOTFOUND, "matrix version %lld has no answer from its state",
                     version_id);
    }
    PQclear(r);
    return rc;
}

rc_t pg_review_list(void *h, arena_t *a, matrix_review_t **out, size_t *n, err_t *e)
{
    PGresult *r;
    rc_t rc = pg_exec(h,
                      "SELECT version_id, user_id, response, at FROM matrix_review"
                      " ORDER BY version_id",
                      0, NULL, &r, e);
    if (rc == RC_OK) {
        pg_collect(r, a, sizeof **out, read_review, out, n);
        PQclear(r);
    }
    return rc;
}
