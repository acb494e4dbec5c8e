/*
 * The PostgreSQL backend of the store, over libpq: connecting, the schema
 * migrations, transactions (the write lock is a transaction-level advisory
 * lock taken at begin, so writers queue there as on SQLite and the audit hash
 * chain stays linear across servers), settings and the change counter, and
 * the error mapping by SQLSTATE. The records live in postgres_*.c, one file
 * per family; operations not written yet are postgres_todo.c's refusals.
 * Selected by a postgres:// or postgresql:// URI (store.c).
 */
#include <errno.h>
#include <poll.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "postgres_private.h"
#include "postgres_schema.h"

/* pg_advisory_xact_lock(PG_LOCK_CLASS, n): n = 1 the write lock, 0 migrations. */
#define PG_LOCK_CLASS "1540"

/* ---- errors ---------------------------------------------------------------- */

/* libpq's messages end with a newline and may run to several lines: the first. */
static void first_line(char *dst, size_t size, const char *msg)
{
    size_t n = strcspn(msg ? msg : "", "\n");
    if (n >= size)
        n = size - 1;
    memcpy(dst, msg ? msg : "", n);
    dst[n] = '\0';
}

rc_t pg_fail(pg_store_t *h, const PGresult *r, err_t *e)
{
    const char *state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
    const char *primary = r ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) : NULL;
    char msg[512];
    first_line(msg, sizeof msg, primary ? primary : PQerrorMessage(h->conn));
    const char *constraint = r ? PQresultErrorField(r, PG_DIAG_CONSTRAINT_NAME) : NULL;
    snprintf(h->constraint, sizeof h->constraint, "%s", constraint ? constraint : "");
    if (!state || PQstatus(h->conn) != CONNECTION_OK || strncmp(state, "08", 2) == 0)
        return err_set(e, RC_DB, "%s: %s", h->name, msg);
    if (strcmp(state, PG_REFUSED_STATE) == 0 && strncmp(msg, "r1540: ", 7) == 0)
        return err_set(e, RC_REFUSED, "%s", msg + 7);
    /* lock_not_available (the lock_timeout), serialization failure, deadlock */
    if (strcmp(state, "55P03") == 0 || strcmp(state, "40001") == 0 ||
        strcmp(state, "40P01") == 0)
        return err_set(e, RC_DB, "%s: the database is locked by another process; try again later",
                       h->name);
    if (strcmp(state, "23503") == 0)
        return err_set(e, RC_INPUT, "a referenced state, report or version does not exist");
    if (strncmp(state, "23", 2) == 0) /* check, unique, not null */
        return err_set(e, RC_INPUT, "%s", msg);
    if (strcmp(state, "53100") == 0 || strcmp(state, "25006") == 0) /* disk full, read-only */
        return err_set(e, RC_DB, "%s: %s", h->name, msg);
    return err_set(e, RC_FAIL, "%s: database error: %s", h->name, msg);
}

/* ---- running statements ----------------------------------------------------- */

/* What every connection is set to, at its start and again after a reset:
 * UTC and ISO dates whatever the server's settings (r1540 writes its own
 * timestamps, but now() must agree with SQLite's strftime if it is used). */
static const char session_setup[] = "SET TIME ZONE 'UTC'; SET client_encoding = 'UTF8'";

static const char session_read_only[] = "SET default_transaction_read_only = on";

static long long monotonic_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000000000LL + t.tv_nsec;
}

/* Connecting, or replacing a lost connection, may block for up to
 * connect_timeout (a host that is gone answers nothing). Across the process,
 * one lost connection at a time is replaced (another waits RESET_WAIT_NS for
 * it, then gives up), and after a try of either kind that failed slowly
 * (CONNECT_SLOW_NS or more) none is made for as long as it took: the
 * server's other workers then fail at once (a 503) instead of each blocking
 * in turn, and a worker's request does not wait once per statement or per
 * connection it wants. A try refused at once (PostgreSQL stopped, its socket
 * gone) holds no one back: the next use tries again. */
#define RESET_WAIT_NS 250000000LL
#define CONNECT_SLOW_NS 500000000LL
static atomic_flag reset_busy = ATOMIC_FLAG_INIT;
static atomic_llong connect_paused_until; /* monotonic ns; 0 none */

static bool connect_paused(void) { return monotonic_ns() < atomic_load(&connect_paused_until); }

/* Notes how a try that started at START went. */
static void connect_tried(bool ok, long long start)
{
    long long took = monotonic_ns() - start;
    atomic_store(&connect_paused_until, !ok && took >= CONNECT_SLOW_NS ? monotonic_ns() + took : 0);
}

/* A connection PostgreSQL closed (a restart, a failover, a network cut) is
 * replaced at its next use, so that a server carries on once the database is
 * back without being restarted itself; not inside a transaction (see in_tx).
 * When PostgreSQL is still away the reset fails (or is not tried: above)
 * and the statement fails with RC_DB as it would have. */
static void reconnect_if_lost(pg_store_t *h)
{
    if (PQstatus(h->conn) != CONNECTION_BAD || h->in_tx)
        return;
    if (connect_paused())
        return;
    long long waited = 0;
    for (; atomic_flag_test_and_set(&reset_busy); waited += 10000000LL) {
        if (waited >= RESET_WAIT_NS)
            return;
        nanosleep(&(struct timespec){0, 10000000L}, NULL);
    }
    long long start = monotonic_ns();
    PQreset(h->conn);
    pg_stmt_forget(h); /* the new session has none of the old one's */
    bool back = PQstatus(h->conn) == CONNECTION_OK;
    connect_tried(back, start);
    atomic_flag_clear(&reset_busy);
    if (!back)
        return;
    h->resets++;
    PQclear(PQexec(h->conn, session_setup));
    if (h->read_only)
        PQclear(PQexec(h->conn, session_read_only));
}

rc_t pg_exec_read(pg_store_t *h, const char *sql, PGresult **out, err_t *e)
{
    rc_t rc = pg_exec(h, sql, 0, NULL, out, e);
    if (rc == RC_DB && !h->in_tx && PQstatus(h->conn) == CONNECTION_BAD) {
        err_clear(e);
        rc = pg_exec(h, sql, 0, NULL, out, e);
    }
    return rc;
}

rc_t pg_exec(pg_store_t *h, const char *sql, int n, const char *const *params, PGresult **out,
             err_t *e)
{
    return pg_exec_bin(h, sql, n, params, NULL, NULL, out, e);
}

rc_t pg_exec_bin(pg_store_t *h, const char *sql, int n, const char *const *params,
                 const int *lengths, const int *formats, PGresult **out, err_t *e)
{
    if (out)
        *out = NULL;
    reconnect_if_lost(h);
    PGresult *r = pg_stmt_exec(h, sql, n, params, lengths, formats);
    ExecStatusType st = PQresultStatus(r);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
        rc_t rc = pg_fail(h, r, e);
        PQclear(r);
        return rc;
    }
    if (out)
        *out = r;
    else
        PQclear(r);
    return RC_OK;
}

rc_t pg_script(pg_store_t *h, const char *sql, err_t *e)
{
    reconnect_if_lost(h);
    PGresult *r = PQexec(h->conn, sql);
    ExecStatusType st = PQresultStatus(r);
    rc_t rc = st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK ? RC_OK : pg_fail(h, r, e);
    PQclear(r);
    return rc;
}

char *pg_text(arena_t *a, const PGresult *r, int i, int c)
{
    if (PQgetisnull(r, i, c))
        return arena_strndup(a, "", 0);
    return arena_strndup(a, PQgetvalue(r, i, c), (size_t)PQgetlength(r, i, c));
}

long long pg_int(const PGresult *r, int i, int c)
{
    return PQgetisnull(r, i, c) ? 0 : strtoll(PQgetvalue(r, i, c), NULL, 10);
}

void pg_copy(const PGresult *r, int i, int c, char *dst, size_t size)
{
    size_t n = PQgetisnull(r, i, c) ? 0 : (size_t)PQgetlength(r, i, c);
    if (n >= size)
        n = 0;
    memcpy(dst, PQgetvalue(r, i, c), n);
    dst[n] = '\0';
}

void pg_collect(const PGresult *r, arena_t *a, size_t elem, pg_row_reader_t read_row, void *out,
                size_t *n)
{
    int rows = PQntuples(r);
    unsigned char *arr = rows ? arena_alloc(a, (size_t)rows * elem) : NULL;
    for (int i = 0; i < rows; i++)
        read_row(a, r, i, arr + (size_t)i * elem);
    memcpy(out, &arr, sizeof arr);
    *n = (size_t)rows;
}

/* ---- connecting ----------------------------------------------------------- */

/* Seconds libpq may take to connect when neither the URI nor
 * PGCONNECT_TIMEOUT says (docs/deployment.md). */
#define PG_CONNECT_TIMEOUT_DEFAULT "5"

/* libpq wants the whole URI; store.c gave it without its "postgresql:" or
 * "postgres:" (both mean the same to libpq). */
static char *full_uri(const char *where)
{
    size_t n = strlen(where) + sizeof "postgresql:";
    char *uri = xmalloc(n);
    snprintf(uri, n, "postgresql:%s", where);
    return uri;
}

/* "postgres database NAME" from the URI, for messages; the URI itself may
 * hold a password, so it is never printed. */
static char *display_name(const char *uri)
{
    PQconninfoOption *opts = PQconninfoParse(uri, NULL);
    const char *db = NULL, *user = NULL;
    for (PQconninfoOption *o = opts; o && o->keyword; o++) {
        if (strcmp(o->keyword, "dbname") == 0)
            db = o->val;
        else if (strcmp(o->keyword, "user") == 0)
            user = o->val;
    }
    char buf[256];
    snprintf(buf, sizeof buf, "postgres database %s", db && *db ? db : user && *user ? user : "(default)");
    PQconninfoFree(opts);
    return xstrdup(buf);
}

static void quiet_notices(void *arg, const char *message) { (void)arg, (void)message; }

static void pg_close(void *hv)
{
    pg_store_t *h = hv;
    if (!h)
        return;
    PQfinish(h->conn); /* an open transaction ends with the connection: rolled back */
    pg_stmt_forget(h);
    free(h->name);
    free(h);
}

/* Opens a connection; RC_DB saying why not (a missing database, a refused
 * connection), the message from libpq's first line. */
static rc_t connect_to(const char *where, pg_store_t **out, err_t *e)
{
    *out = NULL;
    char *uri = full_uri(where);
    char *errmsg = NULL;
    PQconninfoOption *opts = PQconninfoParse(uri, &errmsg);
    if (!opts) {
        char msg[512];
        first_line(msg, sizeof msg, errmsg);
        PQfreemem(errmsg);
        free(uri);
        /* libpq quotes the part it could not read, which may be a password */
        char *quoted = strpbrk(msg, "\"'");
        if (quoted)
            *quoted = '\0';
        size_t len = strlen(msg);
        while (len && (msg[len - 1] == ' ' || msg[len - 1] == ':'))
            msg[--len] = '\0';
        return err_set(e, RC_DB, "not a PostgreSQL connection URI: %s", msg);
    }
    PQconninfoFree(opts);
    pg_store_t *h = xcalloc(1, sizeof *h);
    h->name = display_name(uri);
    if (connect_paused()) {
        free(uri);
        rc_t rc = err_set(e, RC_DB,
                          "%s: cannot connect: the host did not answer a try moments ago",
                          h->name);
        pg_close(h);
        return rc;
    }
    /* without a connect_timeout, libpq waits for a host that answers nothing
     * as long as TCP does (minutes), and a server's worker with it: a default
     * the URI (a later keyword) or PGCONNECT_TIMEOUT replaces */
    const char *keys[] = {"connect_timeout", "dbname", NULL};
    const char *vals[] = {PG_CONNECT_TIMEOUT_DEFAULT, uri, NULL};
    int skip = getenv("PGCONNECT_TIMEOUT") ? 1 : 0;
    long long start = monotonic_ns();
    h->conn = PQconnectdbParams(keys + skip, vals + skip, 1);
    free(uri);
    connect_tried(PQstatus(h->conn) == CONNECTION_OK, start);
    if (PQstatus(h->conn) != CONNECTION_OK) {
        char msg[512];
        first_line(msg, sizeof msg, PQerrorMessage(h->conn));
        rc_t rc = err_set(e, RC_DB, "%s: cannot connect: %s", h->name, msg);
        pg_close(h);
        return rc;
    }
    PQsetNoticeProcessor(h->conn, quiet_notices, NULL);
    *out = h;
    return RC_OK;
}

/* ---- the schema -------------------------------------------------------------- */

/* The schema number (0: no r1540_schema table) and how many other tables the
 * current schema holds. */
static rc_t schema_state(pg_store_t *h, int *version, long long *tables, err_t *e)
{
    PGresult *r;
    rc_t rc = pg_exec(h,
                      "SELECT to_regclass('r1540_schema') IS NOT NULL, count(*) FROM pg_tables"
                      " WHERE schemaname = current_schema()",
                      0, NULL, &r, e);
    if (rc != RC_OK)
        return rc;
    bool ours = PQgetvalue(r, 0, 0)[0] == 't';
    *tables = pg_int(r, 0, 1);
    PQclear(r);
    *version = 0;
    if (!ours)
        return RC_OK;
    if ((rc = pg_exec(h, "SELECT version FROM r1540_schema", 0, NULL, &r, e)) != RC_OK)
        return rc;
    *version = PQntuples(r) == 1 ? (int)pg_int(r, 0, 0) : 0;
    PQclear(r);
    return RC_OK;
}

/* Applies migration v+1 unless another process did while we waited for the
 * migration lock; each in its own transaction with its schema number. */
static rc_t migrate_one(pg_store_t *h, int v, err_t *e)
{
    rc_t rc = pg_script(h, "BEGIN; SELECT pg_advisory_xact_lock(" PG_LOCK_CLASS ", 0)", e);
    int now = 0;
    long long tables;
    if (rc == RC_OK)
        rc = schema_state(h, &now, &tables, e);
    if (rc == RC_OK && now == v) {
        char set[96];
        snprintf(set, sizeof set, "UPDATE r1540_schema SET version = %d", v + 1);
        if ((v > 0 || (rc = pg_script(h, postgres_schema_base, e)) == RC_OK) &&
            (rc = pg_script(h, postgres_migrations[v], e)) == RC_OK &&
            (rc = pg_script(h, postgres_count_changes, e)) == RC_OK)
            rc = pg_script(h, set, e);
    }
    if (rc == RC_OK)
        rc = pg_script(h, "COMMIT", e);
    if (rc != RC_OK) {
        PQclear(PQexec(h->conn, "ROLLBACK"));
        err_prefix(e, "schema migration %d: ", v + 1);
    }
    /* the statements prepared so far were planned on the tables before it */
    PQclear(PQexec(h->conn, "DEALLOCATE ALL"));
    pg_stmt_forget(h);
    return rc;
}

static rc_t migrate(pg_store_t *h, int from, err_t *e)
{
    for (int v = from; v < postgres_migration_count; v++) {
        rc_t rc = migrate_one(h, v, e);
        if (rc != RC_OK)
            return rc;
    }
    return RC_OK;
}

/* Whether the database is r1540's (or empty and may become it), and its schema. */
static rc_t check_is_r1540(pg_store_t *h, store_open_mode_t mode, int *version, err_t *e)
{
    long long tables;
    rc_t rc = schema_state(h, version, &tables, e);
    if (rc != RC_OK)
        return rc;
    if (*version > postgres_migration_count)
        return err_set(e, RC_DB, "%s: made by a newer r1540 (schema %d, this one knows %d)",
                       h->name, *version, postgres_migration_count);
    if (*version == 0 && tables > 0)
        return err_set(e, RC_DB, "%s: holds %lld other table%s, not an r1540 database (r1540 "
                                 "needs an empty database of its own)",
                       h->name, tables, tables == 1 ? "" : "s");
    if (*version == 0 && mode == STORE_OPEN_EXISTING)
        return err_set(e, RC_DB, "%s: an empty database, not an r1540 one (create one with "
                                 "`r1540 init`)", h->name);
    return RC_OK;
}

static rc_t pg_open(const char *where, store_open_mode_t mode, void **handle, err_t *e)
{
    pg_store_t *h;
    rc_t rc = connect_to(where, &h, e);
    if (rc != RC_OK)
        return rc;
    int version = 0;
    h->read_only = mode == STORE_OPEN_READ_ONLY;
    if ((rc = pg_script(h, session_setup, e)) != RC_OK ||
        (h->read_only && (rc = pg_script(h, session_read_only, e)) != RC_OK) ||
        (rc = check_is_r1540(h, mode, &version, e)) != RC_OK) {
        pg_close(h);
        return rc;
    }
    /* a read-only server (on a standby, which could not anyway) leaves the
     * schema to the primary's servers */
    if (h->read_only && version < postgres_migration_count)
        rc = err_set(e, RC_DB,
                     "%s: its schema (%d) is older than this r1540's (%d), and a read-only "
                     "server does not migrate: run this r1540 once against the primary "
                     "(`r1540 --db URI status`), then start it again",
                     h->name, version, postgres_migration_count);
    else if (!h->read_only)
        rc = migrate(h, version, e);
    if (rc != RC_OK) {
        pg_close(h);
        return rc;
    }
    *handle = h;
    return RC_OK;
}

/* Something of r1540's or anyone's: a table in the database's current schema.
 * An empty database made with createdb is "nothing there" for init, so that a
 * failed first init removes what it made and leaves the empty database. */
static bool pg_exists(const char *where)
{
    pg_store_t *h;
    if (connect_to(where, &h, NULL) != RC_OK)
        return false;
    int version;
    long long tables = 0;
    bool any = schema_state(h, &version, &tables, NULL) == RC_OK && (tables > 0 || version > 0);
    pg_close(h);
    return any;
}

/* Drops r1540's tables and functions, leaving the (empty) database, which
 * the role may not be allowed to drop and re-create. A database that is not
 * r1540's is left alone. */
static rc_t pg_destroy(const char *where, err_t *e)
{
    pg_store_t *h;
    if (connect_to(where, &h, NULL) != RC_OK)
        return RC_OK; /* no database there: nothing to remove */
    int version;
    long long tables;
    rc_t rc = schema_state(h, &version, &tables, e);
    if (rc == RC_OK && version == 0 && tables > 0)
        rc = err_set(e, RC_FAIL, "%s: not an r1540 database; not removing anything", h->name);
    else if (rc == RC_OK && version > 0)
        rc = pg_script(h, postgres_schema_drop, e);
    pg_close(h);
    return rc;
}

/* ---- transactions ---------------------------------------------------------- */

/* How long a writer waits for the write lock: R1540_BUSY_TIMEOUT_MS as on SQLite, else 5 s. */
static long busy_timeout_ms(void)
{
    const char *v = getenv("R1540_BUSY_TIMEOUT_MS");
    char *end;
    long ms = v ? strtol(v, &end, 10) : -1;
    return v && *v && !*end && ms >= 0 && ms <= 600000 ? ms : 5000;
}

/* The write lock up front: writers queue here, never half-way through, and
 * each sees the last writer's commit (READ COMMITTED reads after the lock). */
rc_t pg_begin(void *hv, err_t *e)
{
    pg_store_t *h = hv;
    char sql[160];
    snprintf(sql, sizeof sql,
             "BEGIN; SET LOCAL lock_timeout = %ld; SELECT pg_advisory_xact_lock(" PG_LOCK_CLASS
             ", 1)",
             busy_timeout_ms());
    rc_t rc = pg_script(h, sql, e);
    if (rc != RC_OK)
        PQclear(PQexec(h->conn, "ROLLBACK"));
    h->in_tx = rc == RC_OK;
    return rc;
}

/* One snapshot for all its reads; writers go on. */
rc_t pg_begin_read(void *hv, err_t *e)
{
    pg_store_t *h = hv;
    rc_t rc = pg_script(h, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", e);
    h->in_tx = rc == RC_OK;
    return rc;
}

rc_t pg_commit(void *hv, err_t *e)
{
    pg_store_t *h = hv;
    h->in_tx = false;
    PGresult *r = PQexec(h->conn, "COMMIT");
    rc_t rc = RC_OK;
    /* a COMMIT of a failed transaction "succeeds" as ROLLBACK: that is a failure here */
    if (PQresultStatus(r) != PGRES_COMMAND_OK)
        rc = pg_fail(h, r, e);
    else if (strcmp(PQcmdStatus(r), "ROLLBACK") == 0)
        rc = err_set(e, RC_FAIL, "%s: the transaction failed and was rolled back", h->name);
    PQclear(r);
    if (rc != RC_OK && PQtransactionStatus(h->conn) != PQTRANS_IDLE)
        PQclear(PQexec(h->conn, "ROLLBACK"));
    return rc;
}

static void pg_rollback(void *hv)
{
    pg_store_t *h = hv;
    h->in_tx = false;
    if (PQtransactionStatus(h->conn) != PQTRANS_IDLE)
        PQclear(PQexec(h->conn, "ROLLBACK"));
}

/* ---- settings and the change counter ---------------------------------------- */

rc_t pg_meta_get(void *hv, const char *key, arena_t *a, char **value, err_t *e)
{
    PGresult *r;
    const char *p[] = {key};
    rc_t rc = pg_exec(hv, "SELECT value FROM meta WHERE key = $1", 1, p, &r, e);
    if (rc != RC_OK)
        return rc;
    if (PQntuples(r) == 1)
        *value = pg_text(a, r, 0, 0);
    else
        rc = err_set(e, RC_NOTFOUND, "no setting '%s'", key);
    PQclear(r);
    return rc;
}

rc_t pg_meta_set(void *hv, const char *key, const char *value, err_t *e)
{
    const char *p[] = {key, value};
    return pg_exec(hv,
                   "INSERT INTO meta (key, value) VALUES ($1, $2)"
                   " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                   2, p, NULL, e);
}

/* One row bumped by a statement-level trigger on every table, in the writing
 * transaction (postgres_schema.c): any server's commit moves it, this
 * connection's included, and reads never do. A replaced connection moves it
 * too (by 2^40 a reset): across the gap the database may have changed in ways
 * the row does not show (a failover to a standby that had not replayed the
 * last commits counts them again), so a cache must not trust what it kept. */
rc_t pg_change_counter(void *hv, long long *out, err_t *e)
{
    pg_store_t *h = hv;
    PGresult *r;
    rc_t rc = pg_exec_read(h, "SELECT n FROM r1540_change", &r, e);
    if (rc != RC_OK)
        return rc;
    *out = (PQntuples(r) == 1 ? pg_int(r, 0, 0) : 0) + (h->resets << 40);
    PQclear(r);
    return RC_OK;
}

/* A notice on PG_CHANGE_CHANNEL is sent by the change counter's trigger at the
 * commit of a transaction that wrote anything (postgres_schema.c). A hot
 * standby replays no notices and refuses LISTEN: RC_REFUSED, and the server
 * polls. A lost connection is replaced by the next call, through pg_script,
 * which listens again and reports *heard: the commits in the gap went unheard. */
rc_t pg_change_wait(void *hv, int timeout_ms, bool *heard, err_t *e)
{
    pg_store_t *h = hv;
    *heard = false;
    if (!h->listening || h->listen_resets != h->resets ||
        PQstatus(h->conn) != CONNECTION_OK) {
        h->listening = false;
        PGresult *r;
        rc_t rc = pg_exec_read(h, "SELECT pg_is_in_recovery()", &r, e);
        if (rc != RC_OK)
            return rc;
        bool standby = PQgetvalue(r, 0, 0)[0] == 't';
        PQclear(r);
        if (standby)
            return err_set(e, RC_REFUSED, "%s: a standby announces no changes", h->name);
        if ((rc = pg_script(h, "LISTEN " PG_CHANGE_CHANNEL, e)) != RC_OK)
            return rc;
        h->listening = true;
        h->listen_resets = h->resets;
        *heard = true;
        return RC_OK;
    }
    /* notices libpq already read (with a statement's answer) are not on
     * the socket any more: waiting on it first would hold them back */
    for (PGnotify *note; (note = PQnotifies(h->conn)) != NULL; PQfreemem(note))
        *heard = true;
    if (*heard)
        return RC_OK;
    struct pollfd p = {.fd = PQsocket(h->conn), .events = POLLIN};
    int n = poll(&p, 1, timeout_ms);
    if (n < 0 && errno != EINTR)
        return err_set(e, RC_FAIL, "%s: waiting for changes: %s", h->name, strerror(errno));
    if (n > 0 && (!PQconsumeInput(h->conn) || PQstatus(h->conn) != CONNECTION_OK)) {
        h->listening = false;
        return pg_fail(h, NULL, e);
    }
    for (PGnotify *note; (note = PQnotifies(h->conn)) != NULL; PQfreemem(note))
        *heard = true;
    return RC_OK;
}

const store_backend_t store_postgres_backend = {
    .name = "postgres",
    .open = pg_open,
    .exists = pg_exists,
    .destroy = pg_destroy,
    .close = pg_close,
    .rollback = pg_rollback,
#define STORE_OP(name, params, args) .name = pg_##name,
#include "store_ops.def"
};
