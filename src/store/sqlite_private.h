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

#include "../util/buf.h"
#include "store_backend.h"

/* Statement slots for the files other than sqlite.c; each file owns a range:
 * sqlite_accounts.c from 0, sqlite_event.c from SQLITE_EVENT_SLOTS,
 * sqlite_assistance.c from SQLITE_ASSIST_SLOTS, sqlite.c's matrix entries
 * (their text built from the field table) from SQLITE_ENTRY_SLOTS. */
enum {
    SQLITE_EVENT_SLOTS = 24,
    SQLITE_ASSIST_SLOTS = 32,
    SQLITE_ENTRY_SLOTS = 36,
    SQLITE_TOKEN_SLOTS = 40, /* sqlite_tokens.c */
    SQLITE_EXTRA_STMTS = 48
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
/* Prepares sql for one call (the statements that are not worth a slot): RC_OK
 * with the statement in *s, for the caller to finalize (or to run with
 * sqlite_store_run_once); else the failure in e and *s NULL. */
rc_t sqlite_store_prepare(sqlite_store_t *h, const char *sql, sqlite3_stmt **s, err_t *e);
/* The same, for a caller that keeps one rc: the statement, or NULL with *rc set. */
sqlite3_stmt *sqlite_store_prepare_once(sqlite_store_t *h, const char *sql, rc_t *rc, err_t *e);
/* Runs a one-call statement that returns no rows, then finalizes it. */
rc_t sqlite_store_run_once(sqlite_store_t *h, sqlite3_stmt *s, err_t *e);
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

/* A matrix comment's columns (c: matrix_comment, u: its author) and their
 * reader (sqlite_accounts.c), shared with sqlite_comment.c. */
#define SQLITE_COMMENT_COLS                                                                    \
    "c.id, c.version_id, c.user_id, c.item, u.name, c.text, c.created, c.sent,"                \
    " coalesce(c.answered, '')"
void sqlite_read_comment(arena_t *a, sqlite3_stmt *s, void *record);

/* A user's columns with the table as u, and their reader from column col on
 * (sqlite_accounts.c): a session's or a token's user read in the same
 * statement as the session or token (sqlite_tokens.c). */
#define SQLITE_USER_COLS_U                                                                     \
    "u.id, u.name, u.role, coalesce(u.state, ''), u.org, u.disabled, u.created, u.pw_hash"
void sqlite_read_user_at(arena_t *a, sqlite3_stmt *s, int col, user_t *u);

/* The backend's operations: sqlite_NAME for each line of store_ops.def, defined
 * in sqlite.c or the sqlite_*.c file of their records; sqlite.c lists them all
 * in store_sqlite_backend. */
#define STORE_OP(name, params, args) rc_t sqlite_##name(void *h, STORE_PARAMS params);
#include "store_ops.def"

/* Appends the FTS5 expression of a parsed query (sqlite_search.c): units
 * joined by AND, alternatives by OR; shared by every FTS5 index. */
void sqlite_fts_expression(buf_t *b, const text_query_t *q);

/* The connection itself, for the files that run one-off statements. */
sqlite3 *sqlite_store_db(void *h);

#endif
