/*
 * The SQLite backend's accounts, sessions, audit log and
 * matrix review (migration 2, sqlite_schema_accounts.c). Statements live in
 * the handle's extra slots (sqlite_private.h), prepared on first use like
 * sqlite.c's. Timestamps the caller leaves empty are filled by SQLite in UTC,
 * so every row written in the same second carries the same form of time.
 */
#include <string.h>

#include "sqlite_private.h"

enum {
    A_USER_INSERT, A_USER_GET, A_USER_GET_ID, A_USER_LIST, A_USER_PASSWORD, A_USER_DISABLED,
    A_SESSION_INSERT, A_SESSION_GET, A_SESSION_USER, A_SESSION_TOUCH, A_SESSION_DELETE, A_SESSION_DELETE_USER,
    A_SESSION_PURGE, A_AUDIT_INSERT,
    A_AUDIT_LAST, A_AUDIT_LIST, A_COMMENT_INSERT, A_COMMENTS, A_REVIEW_SET, A_REVIEW_GET, A_REVIEW_LIST, A_REVIEW_CLEAR,
    A_STATE_KNOWN, A_COUNT
};
_Static_assert((int)A_COUNT <= (int)SQLITE_EVENT_SLOTS, "sqlite_private.h: move SQLITE_EVENT_SLOTS");

#define NOW "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
#define USER_COLS "id, name, role, coalesce(state, ''), org, disabled, created, pw_hash"
/* read_comment's columns; sqlite_comment.c reads the same */
#define COMMENT_COLS SQLITE_COMMENT_COLS
#define AUDIT_COLS "seq, at, actor, action, object, detail, prev_hash, hash"

static const char *const queries[A_COUNT] = {
    [A_USER_INSERT] = "INSERT INTO user (name, role, state, org, pw_hash, disabled, created)"
                      " VALUES (?, ?, nullif(?, ''), ?, ?, ?, coalesce(nullif(?, ''), " NOW "))",
    [A_USER_GET] = "SELECT " USER_COLS " FROM user WHERE name = ?",
    [A_USER_GET_ID] = "SELECT " USER_COLS " FROM user WHERE id = ?",
    [A_USER_LIST] = "SELECT " USER_COLS " FROM user ORDER BY name",
    [A_USER_PASSWORD] = "UPDATE user SET pw_hash = ? WHERE id = ?",
    [A_USER_DISABLED] = "UPDATE user SET disabled = ? WHERE id = ?",
    [A_SESSION_INSERT] = "INSERT INTO session (token_hash, user_id, csrf, created, last_seen)"
                         " VALUES (?, ?, ?, ?, ?)",
    [A_SESSION_GET] = "SELECT token_hash, user_id, csrf, created, last_seen FROM session"
                      " WHERE token_hash = ?",
    [A_SESSION_USER] = "SELECT s.token_hash, s.user_id, s.csrf, s.created, s.last_seen, "
                       SQLITE_USER_COLS_U " FROM session s JOIN user u ON u.id = s.user_id"
                       " WHERE s.token_hash = ?",
    [A_SESSION_TOUCH] = "UPDATE session SET last_seen = ? WHERE token_hash = ?",
    [A_SESSION_DELETE] = "DELETE FROM session WHERE token_hash = ?",
    [A_SESSION_DELETE_USER] = "DELETE FROM session WHERE user_id = ?",
    [A_SESSION_PURGE] = "DELETE FROM session WHERE last_seen < ? OR created < ?",
    [A_AUDIT_INSERT] = "INSERT INTO audit (" AUDIT_COLS ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    [A_AUDIT_LAST] = "SELECT " AUDIT_COLS " FROM audit ORDER BY seq DESC LIMIT 1",
    [A_AUDIT_LIST] = "SELECT " AUDIT_COLS " FROM audit WHERE seq >= ? ORDER BY seq LIMIT ?",
    [A_COMMENT_INSERT] = "INSERT INTO matrix_comment (version_id, item, user_id, text, created,"
                         " sent) VALUES (?, ?, ?, ?, coalesce(nullif(?, ''), " NOW "), ?)",
    [A_COMMENTS] = "SELECT " COMMENT_COLS
                   " FROM matrix_comment c JOIN user u ON u.id = c.user_id"
                   " WHERE c.version_id = ? ORDER BY c.id",
    [A_REVIEW_SET] = "INSERT INTO matrix_review (version_id, response, user_id, at)"
                     " VALUES (?, ?, ?, coalesce(nullif(?, ''), " NOW "))"
                     " ON CONFLICT (version_id) DO UPDATE SET response = excluded.response,"
                     " user_id = excluded.user_id, at = excluded.at",
    [A_REVIEW_CLEAR] = "DELETE FROM matrix_review WHERE version_id = ?",
    [A_REVIEW_GET] = "SELECT version_id, user_id, response, at FROM matrix_review"
                     " WHERE version_id = ?",
    [A_REVIEW_LIST] = "SELECT version_id, user_id, response, at FROM matrix_review"
                      " ORDER BY version_id",
    [A_STATE_KNOWN] = "SELECT 1 FROM state WHERE alpha3 = ?",
};

#define PREPARE(h, s, which, e)                                                                \
    sqlite3_stmt *s = sqlite_store_stmt(h, which, queries[which]);                             \
    if (!s)                                                                                    \
        return sqlite_store_fail(h, e);

/* Runs a statement that must change a row: RC_NOTFOUND naming what if none did. */
static rc_t run_one(sqlite_store_t *h, sqlite3_stmt *s, const char *what, long long id,
                    err_t *e)
{
    rc_t rc = sqlite_store_run(h, s, e);
    if (rc == RC_OK && sqlite_store_changes(h) == 0)
        rc = err_set(e, RC_NOTFOUND, "no %s with id %lld", what, id);
    return rc;
}

/* ---- users ------------------------------------------------------------------ */

static bool state_known(sqlite_store_t *h, const char *alpha3)
{
    sqlite3_stmt *s = sqlite_store_stmt(h, A_STATE_KNOWN, queries[A_STATE_KNOWN]);
    if (!s)
        return true; /* let the insert's own error speak */
    sqlite_bind_text(s, 1, alpha3);
    bool known = sqlite3_step(s) == SQLITE_ROW;
    sqlite3_reset(s);
    return known;
}

/* Says which rule a refused user broke, in the user's terms rather than SQL's. */
static rc_t user_insert_failure(sqlite_store_t *h, const user_t *u, err_t *e)
{
    int code = sqlite_store_errcode(h);
    if (code == SQLITE_CONSTRAINT_UNIQUE)
        return err_set(e, RC_INPUT, "a user named '%s' already exists", u->name);
    if (code == SQLITE_CONSTRAINT_FOREIGNKEY && u->state && !state_known(h, u->state))
        return err_set(e, RC_INPUT, "state '%s': no such state", u->state);
    if (code == SQLITE_CONSTRAINT_CHECK)
        return err_set(e, RC_INPUT, "user '%s': invalid name, role or state (a point of "
                       "contact needs a state; no other role has one)", u->name);
    return RC_OK;
}

rc_t sqlite_user_insert(void *hv, user_t *u, err_t *e)
{
    sqlite_store_t *h = hv;
    PREPARE(h, s, A_USER_INSERT, e);
    sqlite_bind_text(s, 1, u->name);
    sqlite_bind_text(s, 2, role_name(u->role));
    sqlite_bind_text(s, 3, u->state ? u->state : "");
    sqlite_bind_text(s, 4, u->org ? u->org : "");
    sqlite_bind_text(s, 5, u->pw_hash);
    sqlite3_bind_int(s, 6, u->disabled);
    sqlite_bind_text(s, 7, u->created ? u->created : "");
    rc_t rc = sqlite_store_run(h, s, e);
    if (rc == RC_OK) {
        u->id = sqlite_store_last_id(h);
        return RC_OK;
    }
    if (rc == RC_INPUT && e) { /* e may be NULL, as everywhere in the store */
        err_t why = {0};
        if (user_insert_failure(h, u, &why) != RC_OK)
            *e = why;
    }
    return rc;
}

void sqlite_read_user_at(arena_t *a, sqlite3_stmt *s, int col, user_t *u)
{
    memset(u, 0, sizeof *u);
    u->id = sqlite3_column_int64(s, col);
    u->name = sqlite_col_text(a, s, col + 1);
    int r = role_parse((const char *)sqlite3_column_text(s, col + 2));
    u->role = r < 0 ? ROLE_PROVIDER : (role_t)r; /* the CHECK makes r >= 0 */
    u->state = sqlite_col_text(a, s, col + 3);
    u->org = sqlite_col_text(a, s, col + 4);
    u->disabled = sqlite3_column_int(s, col + 5) != 0;
    u->created = sqlite_col_text(a, s, col + 6);
    u->pw_hash = sqlite_col_text(a, s, col + 7);
}

static void read_user(arena_t *a, sqlite3_stmt *s, void *record)
{
    sqlite_read_user_at(a, s, 0, record);
}

/* Reads the one row of a get statement whose key is already bound. */
static rc_t get_one(sqlite_store_t *h, sqlite3_stmt *s, arena_t *a, sqlite_row_reader_t read,
                    void *out, err_t *e)
{
    rc_t rc = RC_OK;
    int r = sqlite_store_step(h, s, &rc, e);
    if (r == 1)
        read(a, s, out);
    else if (r == 0)
        rc = RC_NOTFOUND;
    sqlite3_reset(s);
    return rc;
}

rc_t sqlite_user_get(void *hv, const char *name, arena_t *a, user_t *out, err_t *e)
{
    sqlite_store_t *h = hv;
    PREPARE(h, s, A_USER_GET, e);
    sqlite_bind_text(s, 1, name);
    rc_t rc = get_one(h, s, a, read_user, out, e);
    return rc == RC_NOTFOUND ? err_set(e, rc, "no user named '%s'", name) : rc;
}

rc_t sqlite_user_get_id(void *hv, long long id, arena_t *a, user_t *out, err_t *e)
{
    sqlite_store_t *h = hv;
    PREPARE(h, s, A_USER_GET_ID, e);
    sqlite3_bind_int64(s, 1, id);
    rc_t rc = get_one(h, s, a, read_user, out, e);
    return rc == RC_NOTFOUND ? err_set(e, rc, "no user with id %lld", id) : rc;
}

rc_t sqlite_user_list(void *hv, arena_t *a, user_t **out, size_t *n, err_t *e)
{
    sqlite_store_t *h = hv;
    PREPARE(h, s, A_USER_LIST, e);
    return sqlite_store_collect(h, s, a, sizeof **out, read_user, out, n, e);
}

rc_t sqlite_user_set_password(void *hv, long long id, const char *pw_hash, err_t *e)
{
    sqlite_store_t *h = hv;
    PREPARE(h, s, A_USER_PASSWORD, e);
    sqlite_bind_text(s, 1, pw_hash);
    sqlite3_bind_int64(s, 2, id);
    return run_one(h, s, "user", id, e);
}

rc_t sqlite_user_set_disabled(void *hv, long long id, bool disabled, err_t *e)
{
    sqlite_store_t *h = hv;
    PREPARE(h, s, A_USER_DISABLED, e);
    sqlite3_bind_int(s, 1, disabled);
    sqlite3_bind_int64(s, 2, id);
    return run_one(h, s, "user", id, e);
}

/* ---- sessions ------------------------------------------ */

rc_t sqlite_session_insert(void *hv, const session_t *se, err_t *e)
{
    sqlite_store_t *h = hv;
    PREPARE(h, s, A_SESSION_INSERT, e);
    sqlite_bind_text(s, 1, se->token_hash);
    sqlite3_bind_int64(s, 2, se->user_id);
    sqlite_bind_text(s, 3, se->csrf);
    sqlite3_bind_int64(s, 4, se->created);
    sqlite3_bind_int64(s, 5, se->last_seen);
    rc_t rc = sqlite_store_run(h, s, e);
    if (rc == RC_INPUT && sqlite_store_errcode(h) == SQLITE_CONSTRAINT_FOREIGNKEY)
        return err_set(e, RC_INPUT, "no user with id %lld", se->user_id);
    return rc;
}

static void read_session(arena_t *a, sqlite3_stmt *s, void *record)
{
    session_t *se = record;
    se->token_hash = sqlite_col_text(a, s, 0);
    se->user_id = sqlite3_column_int64(s, 1);
    se->csrf = sqlite_col_text(a, s, 2);
    se->created = sqlite3_column_int64(s, 3);
    se->last_seen = sqlite3_column_int64(s, 4);
}

rc_t sqlite_session_get(void *hv, const char *token_hash, arena_t *a, session_t *out, err_t *e)
{
    sqlite_store_t *h = hv;
    PREPARE(h, s, A_SESSION_GET, e);
    sqlite_bind_text(s, 1, token_hash);
    rc_t rc = get_one(h, s, a, read_session, out, e);
    /* The message never repeats the hash: it is as good as a key to the session table. */
    return rc == RC_NOTFOUND ? err_set(e, rc, "no such session") : rc;
}

rc_t sqlite_session_user_get(void *hv, const char *token_hash, arena_t *a, session_t *out,
                             user_t *user, err_t *e)
{
    sqlite_store_t *h = hv;
    PREPARE(h, s, A_SESSION_USER, e);
    sqlite_bind_text(s, 1, token_hash);
    rc_t rc = RC_OK;
    int r = sqlite_store_step(h, s, &rc, e);
    if (r == 1) {
        read_session(a, s, out);
        sqlite_read_user_at(a, s, 5, user);
    }
    sqlite3_reset(s);
    return r == 0 ? err_set(e, RC_NOTFOUND, "no such session") : rc;
}

rc_t sqlite_session_touch(void *hv, const char *token_hash, long long now, err_t *e)
{
    sqlite_store_t *h = hv;
    PREPARE(h, s, A_SESSION_TOUCH, e);
    sqlite3_bind_int64(s, 1, now);
    sqlite_bind_text(s, 2, token_hash);
    return sqlite_store_run(h, s, e);
}

rc_t sqlite_session_delete(void *hv, const char *token_hash, err_t *e)
{
    sqlite_store_t *h = hv;
    PREPARE(h, s, A_SESSION_DELETE, e);
    sqlite_bind_text(s, 1, token_hash);
    return sqlite_store_run(h, s, e);
}

rc_t sqlite_session_delete_user(void *hv, long long user_id, err_t *e)
{
    sqlite_store_t *h = hv;
    PREPARE(h, s, A_SESSION_DELETE_USER, e);
    sqlite3_bind_int64(s, 1, user_id);
    return sqlite_store_run(h, s, e);
}

rc_t sqlite_session_purge(void *hv, long long idle_before, long long created_before, err_t *e)
{
    sqlite_store_t *h = hv;
    PREPARE(h, s, A_SESSION_PURGE, e);
    sqlite3_bind_int64(s, 1, idle_before);
    sqlite3_bind_int64(s, 2, created_before);
    return sqlite_store_run(h, s, e);
}

/* ---- audit log ---------------------------------------------------------------- */

rc_t sqlite_audit_insert(void *hv, const audit_entry_t *en, err_t *e)
{
    sqlite_store_t *h = hv;
    PREPARE(h, s, A_AUDIT_INSERT, e);
    sqlite3_bind_int64(s, 1, en->seq);
    const char *fields[] = {en->at, en->actor, en->action, en->object, en->detail,
                            en->prev_hash, en->hash};
    for (int i = 0; i < 7; i++)
        sqlite_bind_text(s, 2 + i, fields[i] ? fields[i] : "");
    rc_t rc = sqlite_store_run(h, s, e);
    if (rc == RC_INPUT && sqlite_store_errcode(h) == SQLITE_CONSTRAINT_PRIMARYKEY)
        return err_set(e, RC_INPUT, "audit entry %lld already exists", en->seq);
    return rc;
}

static void read_audit(arena_t *a, sqlite3_stmt *s, void *record)
{
    audit_entry_t *en = record;
    en->seq = sqlite3_column_int64(s, 0);
    en->at = sqlite_col_text(a, s, 1);
    en->actor = sqlite_col_text(a, s, 2);
    en->action = sqlite_col_text(a, s, 3);
    en->object = sqlite_col_text(a, s, 4);
    en->detail = sqlite_col_text(a, s, 5);
    en->prev_hash = sqlite_col_text(a, s, 6);
    en->hash = sqlite_col_text(a, s, 7);
}

rc_t sqlite_audit_last(void *hv, arena_t *a, audit_entry_t *out, err_t *e)
{
    sqlite_store_t *h = hv;
    PREPARE(h, s, A_AUDIT_LAST, e);
    rc_t rc = get_one(h, s, a, read_audit, out, e);
    return rc == RC_NOTFOUND ? err_set(e, rc, "the audit log is empty") : rc;
}

rc_t sqlite_audit_list(void *hv, long long from_seq, size_t limit, arena_t *a,
                       audit_entry_t **out, size_t *n, err_t *e)
{
    sqlite_store_t *h = hv;
    PREPARE(h, s, A_AUDIT_LIST, e);
    sqlite3_bind_int64(s, 1, from_seq);
    sqlite3_bind_int64(s, 2, limit > (size_t)1 << 62 ? (long long)1 << 62 : (long long)limit);
    return sqlite_store_collect(h, s, a, sizeof **out, read_audit, out, n, e);
}

/* ---- matrix review -------------------------------------------------------- */

rc_t sqlite_comment_insert(void *hv, matrix_comment_t *c, err_t *e)
{
    sqlite_store_t *h = hv;
    PREPARE(h, s, A_COMMENT_INSERT, e);
    sqlite3_bind_int64(s, 1, c->version_id);
    sqlite_bind_text(s, 2, c->item ? c->item : "");
    sqlite3_bind_int64(s, 3, c->user_id);
    sqlite_bind_text(s, 4, c->text);
    sqlite_bind_text(s, 5, c->created ? c->created : "");
    sqlite3_bind_int(s, 6, c->sent);
    rc_t rc = sqlite_store_run(h, s, e);
    if (rc == RC_OK)
        c->id = sqlite_store_last_id(h);
    else if (rc == RC_INPUT && sqlite_store_errcode(h) == SQLITE_CONSTRAINT_FOREIGNKEY)
        err_set(e, RC_INPUT, "no matrix version %lld or no user %lld", c->version_id,
                c->user_id);
    else if (rc == RC_INPUT)
        err_set(e, RC_INPUT, "a comment must have 1 to %d characters", REVIEW_COMMENT_MAX);
    return rc;
}

void sqlite_read_comment(arena_t *a, sqlite3_stmt *s, void *record)
{
    matrix_comment_t *c = record;
    c->id = sqlite3_column_int64(s, 0);
    c->version_id = sqlite3_column_int64(s, 1);
    c->user_id = sqlite3_column_int64(s, 2);
    c->item = sqlite_col_text(a, s, 3);
    c->user_name = sqlite_col_text(a, s, 4);
    c->text = sqlite_col_text(a, s, 5);
    c->created = sqlite_col_text(a, s, 6);
    c->sent = sqlite3_column_int(s, 7) != 0;
    c->answered = sqlite_col_text(a, s, 8);
}

rc_t sqlite_comments(void *hv, long long version_id, arena_t *a, matrix_comment_t **out,
                     size_t *n, err_t *e)
{
    sqlite_store_t *h = hv;
    PREPARE(h, s, A_COMMENTS, e);
    sqlite3_bind_int64(s, 1, version_id);
    return sqlite_store_collect(h, s, a, sizeof **out, sqlite_read_comment, out, n, e);
}

rc_t sqlite_review_set(void *hv, const matrix_review_t *r, err_t *e)
{
    sqlite_store_t *h = hv;
    PREPARE(h, s, A_REVIEW_SET, e);
    sqlite3_bind_int64(s, 1, r->version_id);
    sqlite_bind_text(s, 2, r->response);
    sqlite3_bind_int64(s, 3, r->user_id);
    sqlite_bind_text(s, 4, r->at ? r->at : "");
    rc_t rc = sqlite_store_run(h, s, e);
    if (rc == RC_INPUT && sqlite_store_errcode(h) == SQLITE_CONSTRAINT_FOREIGNKEY)
        return err_set(e, RC_INPUT, "no matrix version %lld or no user %lld", r->version_id,
                       r->user_id);
    if (rc == RC_INPUT)
        return err_set(e, RC_INPUT, "response '%s': must be accepted or commented",
                       r->response ? r->response : "");
    return rc;
}

rc_t sqlite_review_clear(void *hv, long long version_id, err_t *e)
{
    sqlite_store_t *h = hv;
    PREPARE(h, s, A_REVIEW_CLEAR, e);
    sqlite3_bind_int64(s, 1, version_id);
    return sqlite_store_run(h, s, e);
}

static void read_review(arena_t *a, sqlite3_stmt *s, void *record)
{
    matrix_review_t *r = record;
    r->version_id = sqlite3_column_int64(s, 0);
    r->user_id = sqlite3_column_int64(s, 1);
    r->response = sqlite_col_text(a, s, 2);
    r->at = sqlite_col_text(a, s, 3);
}

rc_t sqlite_review_get(void *hv, long long version_id, arena_t *a, matrix_review_t *out,
                       err_t *e)
{
    sqlite_store_t *h = hv;
    PREPARE(h, s, A_REVIEW_GET, e);
    sqlite3_bind_int64(s, 1, version_id);
    rc_t rc = get_one(h, s, a, read_review, out, e);
    return rc == RC_NOTFOUND
               ? err_set(e, rc, "matrix version %lld has no answer from its state", version_id)
               : rc;
}

rc_t sqlite_review_list(void *hv, arena_t *a, matrix_review_t **out, size_t *n, err_t *e)
{
    sqlite_store_t *h = hv;
    PREPARE(h, s, A_REVIEW_LIST, e);
    return sqlite_store_collect(h, s, a, sizeof **out, read_review, out, n, e);
}
