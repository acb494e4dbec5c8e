/*
 * Prepared statements, per connection. r1540's statements are a fixed set of
 * SQL texts with parameters; sent with PQexecParams, PostgreSQL parses and
 * plans each one again on every call, which on a signed-in page (a handful of
 * short queries) costs about as much as running them. Here each text is
 * prepared once per connection under a name of its own (r1540_sN) and then
 * only executed: the same answers, fewer round trips of work on the server.
 *
 * The names live as long as the connection: a reset (postgres.c's
 * reconnect_if_lost) opens a new session without them, and migrations
 * change the tables they were planned on; both forget them. Prepared
 * statements are not transactional in PostgreSQL, so a rollback keeps them.
 * A text that cannot be prepared (a missing table) is not kept: the failed
 * preparation is the answer, with the error PQexecParams would have given
 * (it parses the same way), and without running anything after it in a
 * transaction the failure aborted.
 *
 * R1540_PG_PREPARE=0 switches this off: bench/pg_prepared.sh compares both,
 * and a pooler in transaction mode (pgbouncer) needs it off, since a session's
 * prepared statements do not follow a transaction to another connection.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../util/mem.h"
#include "postgres_private.h"

/* A power of two; a connection keeps at most half as many, then runs the
 * rest unprepared (r1540 has a few hundred texts; generated ones, such as a
 * multi-row insert's, vary with their row count). */
#define SLOTS 1024

struct pg_stmts {
    size_t n;
    struct {
        char *sql;
        unsigned id;
    } slot[SLOTS];
};

static bool preparing(void)
{
    static int on = -1; /* read once: the same for the process's life */
    if (on < 0) {
        const char *v = getenv("R1540_PG_PREPARE");
        on = !(v && strcmp(v, "0") == 0);
    }
    return on;
}

static size_t slot_of(const pg_stmts_t *s, const char *sql)
{
    uint64_t x = 1469598103934665603ULL; /* FNV-1a */
    for (const unsigned char *c = (const unsigned char *)sql; *c; c++)
        x = (x ^ *c) * 1099511628211ULL;
    size_t i = (size_t)x & (SLOTS - 1);
    while (s->slot[i].sql && strcmp(s->slot[i].sql, sql) != 0)
        i = (i + 1) & (SLOTS - 1);
    return i;
}

PGresult *pg_stmt_exec(pg_store_t *h, const char *sql, int n, const char *const *params,
                       const int *lengths, const int *formats)
{
    if (!preparing())
        return PQexecParams(h->conn, sql, n, NULL, params, lengths, formats, 0);
    if (!h->stmts)
        h->stmts = xcalloc(1, sizeof *h->stmts);
    pg_stmts_t *s = h->stmts;
    size_t i = slot_of(s, sql);
    char name[32];
    if (!s->slot[i].sql) {
        if (s->n >= SLOTS / 2)
            return PQexecParams(h->conn, sql, n, NULL, params, lengths, formats, 0);
        unsigned id = (unsigned)s->n + 1;
        snprintf(name, sizeof name, "r1540_s%u", id);
        PGresult *p = PQprepare(h->conn, name, sql, n, NULL);
        if (PQresultStatus(p) != PGRES_COMMAND_OK)
            return p; /* its error is the statement's (PQexecParams parses the same way) */
        PQclear(p);
        s->slot[i].sql = xstrdup(sql);
        s->slot[i].id = id;
        s->n++;
    }
    snprintf(name, sizeof name, "r1540_s%u", s->slot[i].id);
    return PQexecPrepared(h->conn, name, n, params, lengths, formats, 0);
}

void pg_stmt_forget(pg_store_t *h)
{
    if (!h->stmts)
        return;
    for (size_t i = 0; i < SLOTS; i++)
        free(h->stmts->slot[i].sql);
    free(h->stmts);
    h->stmts = NULL;
}
