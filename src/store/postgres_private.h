/*
 * What the files of the PostgreSQL backend (src/store/postgres*.c) share: the
 * handle, the helpers that run statements over libpq and turn PostgreSQL's
 * errors (by SQLSTATE) into r1540's result codes, and the pg_NAME
 * declarations generated from store_ops.def. Nothing outside
 * src/store/postgres*.c includes this or libpq-fe.h.
 *
 * Parameters travel as text (PQexecParams with NULL types): every value r1540
 * stores is text or an integer, and PostgreSQL infers the types from the
 * statement.
 */
#ifndef R1540_STORE_POSTGRES_PRIVATE_H
#define R1540_STORE_POSTGRES_PRIVATE_H

#include <libpq-fe.h>

#include "../text/analyze.h"
#include "../util/buf.h"
#include "store_backend.h"

typedef struct pg_store {
    PGconn *conn;
    char *name; /* "postgres database NAME", for messages: never the URI (it may hold a password) */
    /* The constraint the last failure broke ("" if none), set by pg_fail: a
     * failed statement aborts PostgreSQL's transaction, so a refused write is
     * explained from this rather than from a query after it. */
    char constraint[64];
    /* Inside a transaction begun by pg_begin or pg_begin_read: a lost
     * connection is then not replaced (its statements would run outside the
     * transaction and its lock); the caller's rollback ends it. */
    bool in_tx;
    /* How many times a lost connection was replaced (PQreset): the change
     * counter moves with it, since a commit may have been missed meanwhile. */
    long long resets;
    /* Opened with STORE_OPEN_READ_ONLY: every session, a replaced one too, is
     * set to default_transaction_read_only. */
    bool read_only;
    /* LISTENing on PG_CHANGE_CHANNEL (change_wait), as of resets == listen_resets:
     * a replaced connection listens no more. */
    bool listening;
    long long listen_resets;
    /* The statements prepared on this connection (postgres_stmt.c). */
    struct pg_stmts *stmts;
} pg_store_t;
typedef struct pg_stmts pg_stmts_t;

/* The SQLSTATE our PL/pgSQL refusals raise (postgres_schema.c's r1540_refuse):
 * mapped to RC_REFUSED, the message after "r1540: " kept. */
#define PG_REFUSED_STATE "R1540"

/* Turns a failed result (or, with r NULL, the connection's last error) into an
 * rc and a message; does not clear r. */
rc_t pg_fail(pg_store_t *h, const PGresult *r, err_t *e);
/* Runs sql with n text parameters (NULL entries are SQL NULL); the rows, if
 * any, in *out (the caller PQclears it) when out is not NULL. */
rc_t pg_exec(pg_store_t *h, const char *sql, int n, const char *const *params, PGresult **out,
             err_t *e);
/* The same with binary parameters: formats[i] 1 takes lengths[i] bytes (bytea). */
rc_t pg_exec_bin(pg_store_t *h, const char *sql, int n, const char *const *params,
                 const int *lengths, const int *formats, PGresult **out, err_t *e);
/* A read of no parameters that, outside a transaction, is tried again once
 * on a new connection when the server closed this one (a restarted
 * PostgreSQL): the first request after a restart is then answered. Only
 * reads: a write whose connection broke may or may not have committed. */
rc_t pg_exec_read(pg_store_t *h, const char *sql, PGresult **out, err_t *e);
/* Runs sql with its parameters as PQexecParams does, from a statement
 * prepared once per connection (postgres_stmt.c). */
PGresult *pg_stmt_exec(pg_store_t *h, const char *sql, int n, const char *const *params,
                       const int *lengths, const int *formats);
/* The tsquery of a parsed query, as text to send as a parameter
 * (postgres_search_query.c): units ANDed, alternatives ORed, a phrase's
 * terms adjacent, each term a quoted lexeme. The report and practice
 * searches both use it; the terms are analyzed already. */
void pg_tsquery(buf_t *b, const text_query_t *q);
/* Forgets the connection's prepared statements (after a reset, which lost
 * them, or a migration, which changed their tables; on close). */
void pg_stmt_forget(pg_store_t *h);
/* Runs sql (several statements allowed, no parameters). */
rc_t pg_script(pg_store_t *h, const char *sql, err_t *e);
/* The text of row i, column c copied into the arena ("" for NULL). */
char *pg_text(arena_t *a, const PGresult *r, int i, int c);
/* The integer in row i, column c (0 for NULL). */
long long pg_int(const PGresult *r, int i, int c);
/* Copies a column into a fixed buffer ("" if NULL or too long). */
void pg_copy(const PGresult *r, int i, int c, char *dst, size_t size);
/* The rows of r read into an arena array of elem-sized records. */
typedef void (*pg_row_reader_t)(arena_t *a, const PGresult *r, int row, void *record);
void pg_collect(const PGresult *r, arena_t *a, size_t elem, pg_row_reader_t read_row, void *out,
                size_t *n);

/* A matrix comment's columns as pg_read_comment reads them (postgres_accounts.c;
 * the comment table as c, its author's user row as u): what pg_comments and
 * pg_comment_get (postgres_comment.c) share. */
#define PG_COMMENT_COLS                                                                        \
    "c.id, c.version_id, c.user_id, c.item, u.name, c.text, c.created, c.sent, c.answered"
void pg_read_comment(arena_t *a, const PGresult *r, int i, void *record);

/* A user's columns with the table as u, and their reader from column col on
 * (postgres_accounts.c): a session's or a token's user read in the same
 * statement as the session or token, one round trip instead of two
 * (postgres_session.c, postgres_tokens.c). */
#define PG_USER_COLS_U                                                                         \
    "u.id, u.name, u.role, coalesce(u.state, ''), u.org, u.disabled, u.created, u.pw_hash"
void pg_read_user_at(arena_t *a, const PGresult *r, int i, int col, user_t *u);

/* The backend's operations: pg_NAME for each line of store_ops.def. Those not
 * written yet fall back on postgres_todo.c's weak definitions, which refuse
 * with RC_FAIL naming the operation. */
#define STORE_OP(name, params, args) rc_t pg_##name(void *h, STORE_PARAMS params);
#include "store_ops.def"

#endif
