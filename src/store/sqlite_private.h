/*
 * What sqlite.c shares with the other files of the SQLite backend
 * (sqlite_accounts.c, sqlite_review.c, sqlite_event.c): the handle, a cache of
 * prepared statements, and the helpers that step statements and turn SQLite's
 * errors into r1540's result codes, so that every file maps errors the same
 * way. Nothing outside src/store/sqlite*.c includes this.
 */
#ifndef R1540_STORE_SQLITE_PRIVATE_H
#define R1540_STORE_SQLITE_PRIVATE_H

#include <sqlite3.h>

#include "store.h"

/* Statement slots for the files other than sqlite.c; each file owns a range:
 * sqlite_accounts.c from 0, sqlite_event.c from SQLITE_EVENT_SLOTS,
 * sqlite_assistance.c from SQLITE_ASSIST_SLOTS, sqlite.c's matrix entries
 * (their text built from the field table) from SQLITE_ENTRY_SLOTS. */
enum {
    SQLITE_EVENT_SLOTS = 24,
    SQLITE_ASSIST_SLOTS = 32,
    SQLITE_ENTRY_SLOTS = 36,
    SQLITE_EXTRA_STMTS = 40
};

typedef struct sqlite_store sqlite_store_t;

/* The statement in slot `slot`, prepared from sql on first use and reset (with
 * its bindings cleared) on later ones; NULL if it cannot be prepared (then
 * sqlite_store_fail says why). The handle owns it. */
sqlite3_stmt *sqlite_store_stmt(sqlite_store_t *h, int slot, const char *sql);
/* Turns the connection's last failure into an rc and a message in e. */
rc_t sqlite_store_fail(sqlite_store_t *h, err_t *e);
/* Runs a statement that returns no rows and resets it. */
rc_t sqlite_store_run(sqlite_store_t *h, sqlite3_stmt *s, err_t *e);
/* Steps a row-returning statement: 1 for a row, 0 when done, -1 on error (*rc set). */
int sqlite_store_step(sqlite_store_t *h, sqlite3_stmt *s, rc_t *rc, err_t *e);
/* Reads every row of s into an arena array of elem-sized records; resets s. */
typedef void (*sqlite_row_reader_t)(arena_t *a, sqlite3_stmt *s, void *record);
rc_t sqlite_store_collect(sqlite_store_t *h, sqlite3_stmt *s, arena_t *a, size_t elem,
                          sqlite_row_reader_t read_row, void *out, size_t *n, err_t *e);
/* The rowid of the last insert and the rows changed by the last statement. */
long long sqlite_store_last_id(sqlite_store_t *h);
int sqlite_store_changes(sqlite_store_t *h);
/* The extended code of the last failure (SQLITE_CONSTRAINT_UNIQUE, ...). */
int sqlite_store_errcode(sqlite_store_t *h);
/* Binds text, or NULL when v is NULL; v must outlive the step. */
void sqlite_bind_text(sqlite3_stmt *s, int i, const char *v);
/* A column's text copied into the arena ("" for NULL). */
char *sqlite_col_text(arena_t *a, sqlite3_stmt *s, int i);

/* ---- sqlite_accounts.c ---- */
rc_t sqlite_user_insert(void *h, user_t *u, err_t *e);
rc_t sqlite_user_get(void *h, const char *name, arena_t *a, user_t *out, err_t *e);
rc_t sqlite_user_get_id(void *h, long long id, arena_t *a, user_t *out, err_t *e);
rc_t sqlite_user_list(void *h, arena_t *a, user_t **out, size_t *n, err_t *e);
rc_t sqlite_user_set_password(void *h, long long id, const char *pw_hash, err_t *e);
rc_t sqlite_user_set_disabled(void *h, long long id, bool disabled, err_t *e);
rc_t sqlite_session_insert(void *h, const session_t *s, err_t *e);
rc_t sqlite_session_get(void *h, const char *token_hash, arena_t *a, session_t *out, err_t *e);
rc_t sqlite_session_touch(void *h, const char *token_hash, long long now, err_t *e);
rc_t sqlite_session_delete(void *h, const char *token_hash, err_t *e);
rc_t sqlite_session_delete_user(void *h, long long user_id, err_t *e);
rc_t sqlite_session_purge(void *h, long long idle_before, long long created_before, err_t *e);
/* sqlite_signin.c */
rc_t sqlite_signin_counts(void *h, const char *name, const char *address, long long since,
                          signin_counts_t *out, err_t *e);
rc_t sqlite_signin_add(void *h, signin_attempt_t *a, err_t *e);
rc_t sqlite_signin_finish(void *h, long long id, bool succeeded, err_t *e);
rc_t sqlite_signin_lift(void *h, const char *name, const char *address, int *n, err_t *e);
rc_t sqlite_signin_purge(void *h, long long before, err_t *e);
rc_t sqlite_signin_list(void *h, long long since, int limit, arena_t *a, signin_attempt_t **out,
                        size_t *n, err_t *e);
rc_t sqlite_audit_insert(void *h, const audit_entry_t *en, err_t *e);
rc_t sqlite_audit_last(void *h, arena_t *a, audit_entry_t *out, err_t *e);
rc_t sqlite_audit_list(void *h, long long from_seq, size_t limit, arena_t *a,
                       audit_entry_t **out, size_t *n, err_t *e);
rc_t sqlite_comment_insert(void *h, matrix_comment_t *c, err_t *e);
rc_t sqlite_comments(void *h, long long version_id, arena_t *a, matrix_comment_t **out,
                     size_t *n, err_t *e);
rc_t sqlite_review_set(void *h, const matrix_review_t *r, err_t *e);
rc_t sqlite_review_clear(void *h, long long version_id, err_t *e);
rc_t sqlite_review_get(void *h, long long version_id, arena_t *a, matrix_review_t *out,
                       err_t *e);

/* The members of store_sqlite_backend that sqlite_accounts.c provides. */
#define SQLITE_ACCOUNT_OPS                                                                     \
    .user_insert = sqlite_user_insert, .user_get = sqlite_user_get,                            \
    .user_get_id = sqlite_user_get_id, .user_list = sqlite_user_list,                          \
    .user_set_password = sqlite_user_set_password,                                             \
    .user_set_disabled = sqlite_user_set_disabled, .session_insert = sqlite_session_insert,    \
    .session_get = sqlite_session_get, .session_touch = sqlite_session_touch,                  \
    .session_delete = sqlite_session_delete,                                                   \
    .session_delete_user = sqlite_session_delete_user,                                         \
    .session_purge = sqlite_session_purge, .signin_counts = sqlite_signin_counts,              \
    .signin_add = sqlite_signin_add, .signin_finish = sqlite_signin_finish,                    \
    .signin_lift = sqlite_signin_lift, .signin_purge = sqlite_signin_purge,                    \
    .signin_list = sqlite_signin_list, .audit_insert = sqlite_audit_insert,                    \
    .audit_last = sqlite_audit_last, .audit_list = sqlite_audit_list,                          \
    .comment_insert = sqlite_comment_insert, .comments = sqlite_comments,                      \
    .review_set = sqlite_review_set, .review_get = sqlite_review_get,                          \
    .review_clear = sqlite_review_clear

/* The connection itself, for the files that run one-off statements. */
sqlite3 *sqlite_store_db(void *h);

/* sqlite_fingerprint.c */
rc_t sqlite_fingerprint(void *h, char out[65], err_t *e);
/* sqlite_review.c */
rc_t sqlite_marks_each(void *h, void (*fn)(void *, long long, const char *, mark_t), void *ctx,
                       err_t *e);
/* sqlite_membership.c */
rc_t sqlite_membership_put(void *h, const membership_t *m, err_t *e);
rc_t sqlite_membership_clear(void *h, err_t *e);
rc_t sqlite_membership_list(void *h, const char *state, arena_t *a, membership_t **out,
                            size_t *n, err_t *e);
/* sqlite_event.c */
rc_t sqlite_outreach_insert(void *h, event_t *ev, err_t *e);
rc_t sqlite_outreach_get(void *h, long long id, arena_t *a, event_t *out, err_t *e);
rc_t sqlite_outreach_list(void *h, const char *state, arena_t *a, event_t **out, size_t *n,
                       err_t *e);

#endif
