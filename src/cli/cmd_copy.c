/*
 * `r1540 copy TARGET`: the whole database (--db, the source) into a new
 * database of either backend: how a site moves from SQLite to PostgreSQL,
 * or back. The copy itself is store_copy (src/store/store_copy.c), one for
 * every pair of backends; this command guards the target: it must hold
 * nothing (an existing r1540 database or anyone's tables are refused before
 * anything is touched), its schema is made by the same migrations as `init`,
 * and a copy that fails (or whose audit chain does not verify) is removed,
 * leaving the target as it was. The target's URI may hold a password: it is
 * never printed (the backends' messages name a database, not its URI).
 */
#include <stdio.h>
#include <unistd.h>

#include "../store/audit_log.h"
#include "../store/store_copy.h"
#include "commands.h"

static const char usage[] =
    "usage: r1540 [--db SOURCE] copy TARGET\n"
    "\n"
    "Copies the whole database SOURCE (every record, the reports' documents, the\n"
    "accounts, the audit log; not sign-in sessions) into TARGET: a new SQLite\n"
    "file, or an empty PostgreSQL database (postgresql://...). Either backend to\n"
    "either. TARGET's schema is made as `init` makes it, then every row is written\n"
    "in one transaction, ids and bytes as they are, and TARGET's audit log is\n"
    "verified. A TARGET that holds anything is refused; a copy that fails leaves\n"
    "TARGET as it was (what it made is removed). Afterwards `export --format json`\n"
    "and `fingerprint` give the same output on SOURCE and TARGET. Shows its\n"
    "progress on standard error when that is a terminal.\n"
    "Exit status: 0 copied, 2 usage, 5 TARGET not empty or lacking a table the\n"
    "source uses, 6 a database unusable (unreachable, not r1540's).\n";

/* The progress line, rewritten in place on a terminal. */
static void show_progress(void *ctx, const char *table, size_t table_no, size_t tables,
                          long long rows)
{
    (void)ctx;
    fprintf(stderr, "\rcopy: table %zu of %zu, %s: %lld rows\033[K", table_no, tables, table,
            rows);
    fflush(stderr);
}

/* RC_OK when nothing is at target; otherwise why it cannot take a copy,
 * found without changing it. */
static rc_t check_empty(cli_t *c, const char *target)
{
    if (!store_exists(target))
        return RC_OK;
    store_t *st;
    rc_t rc = store_open(target, STORE_OPEN_EXISTING, &st, &c->err);
    if (rc != RC_OK) /* not r1540's: the backend says why */
        return err_prefix(&c->err, "target: "), rc;
    store_close(st);
    return err_set(&c->err, RC_REFUSED,
                   "target: already holds an r1540 database; copy writes only into an empty one");
}

/* RC_REFUSED if the opened target already holds records: every r1540
 * database has at least the audit entry of its init. */
static rc_t target_has_records(cli_t *c, store_t *dst)
{
    arena_t a = ARENA_INIT;
    audit_entry_t last;
    err_t e = {0};
    rc_t rc = store_audit_last(dst, &a, &last, &e);
    arena_free(&a);
    if (rc == RC_NOTFOUND)
        return RC_OK;
    if (rc != RC_OK)
        return err_set(&c->err, rc, "target: %s", e.msg);
    return err_set(&c->err, RC_REFUSED,
                   "target: already holds an r1540 database; copy writes only into an empty one");
}

/* The target's audit chain, checked as `audit verify` checks it. */
static rc_t verify_target(cli_t *c, store_t *dst)
{
    long long bad = 0;
    rc_t rc = audit_verify(dst, &bad, NULL, NULL, &c->err);
    if (rc == RC_REFUSED)
        err_prefix(&c->err, "target: the audit log fails its check at entry %lld: ", bad);
    return rc == RC_REFUSED ? RC_FAIL : rc;
}

rc_t cmd_copy(cli_t *c, int argc, char **argv)
{
    if (cli_wants_help(argc, argv))
        return fputs(usage, stdout), RC_OK;
    if (argc != 2 || argv[1][0] == '\0' || argv[1][0] == '-')
        return cli_usage_error(c, usage, "copy takes one argument: the target database");
    const char *target = argv[1];
    store_t *src, *dst = NULL;
    rc_t rc = cli_store(c, STORE_OPEN_EXISTING, &src);
    if (rc == RC_OK)
        rc = check_empty(c, target);
    if (rc != RC_OK)
        return rc;
    if ((rc = store_open(target, STORE_OPEN_CREATE, &dst, &c->err)) != RC_OK) {
        store_destroy(target, NULL); /* what the failed open made, if anything */
        return err_prefix(&c->err, "target: "), rc;
    }
    /* check_empty's look was not the last word: a target it could not reach
     * counts as nothing there. One that holds records now is refused, and
     * left as it is: it was not made here. */
    if ((rc = target_has_records(c, dst)) != RC_OK) {
        store_close(dst);
        return rc;
    }
    bool tty = isatty(STDERR_FILENO);
    long long rows = 0;
    rc = store_copy(src, dst, tty ? show_progress : NULL, NULL, &rows, &c->err);
    if (tty)
        fputs("\n", stderr);
    if (rc == RC_OK)
        rc = verify_target(c, dst);
    store_close(dst);
    if (rc != RC_OK) {
        store_destroy(target, NULL);
        return rc;
    }
    printf("copied %lld rows\n", rows);
    return RC_OK;
}
