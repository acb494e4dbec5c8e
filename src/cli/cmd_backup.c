/*
 * `r1540 backup -o FILE` and `r1540 restore FILE`: a consistent copy of the
 * database while the server runs, and its way back. Both go through SQLite's
 * online backup API (store/backup.h), so neither stops the server; both
 * verify what they made (PRAGMA integrity_check and the audit log's hash
 * chain) before anyone relies on it, and both leave an audit entry in the
 * live database. A restore copies the file to a scratch copy first and
 * verifies that: the backup file itself is never opened for writing.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "../store/audit_log.h"
#include "../store/backup.h"
#include "commands.h"

static const char backup_usage[] =
    "usage: r1540 backup -o FILE\n"
    "\n"
    "Copies the database to FILE (which must not exist) as one consistent\n"
    "snapshot, also while `r1540 serve` runs and writes. The copy is checked\n"
    "(SQLite's integrity check and the audit log's hash chain) before it gets\n"
    "its name; the backup is recorded in the audit log. Prints the copy's audit\n"
    "head: a later restore of it leads to the same head. See docs/deployment.md.\n"
    "Exit status: 0 done, 2 usage, 5 FILE exists or the copy failed a check,\n"
    "6 database unusable.\n";

static const char restore_usage[] =
    "usage: r1540 restore FILE [--force]\n"
    "\n"
    "Replaces the database with the backup FILE, after checking the backup\n"
    "(integrity check, audit hash chain). An existing database is replaced\n"
    "only with --force: the replacement goes through SQLite's locks, so a\n"
    "running server sees it as one change. The restored database is checked\n"
    "again and the restore is recorded in its audit log.\n"
    "Exit status: 0 done, 2 usage, 4 FILE fails a check, 5 the database exists\n"
    "(no --force), 6 database unusable.\n";

/* The integrity check and the audit chain of the database at path; count
 * and head say what was verified. */
static rc_t verify_copy(cli_t *c, const char *path, long long *count, char head[AUDIT_HASH_HEX])
{
    rc_t rc = store_backup_check(path, &c->err);
    if (rc != RC_OK)
        return rc;
    store_t *st;
    if ((rc = store_open(path, STORE_OPEN_EXISTING, &st, &c->err)) != RC_OK)
        return rc;
    long long bad = 0;
    rc = audit_verify(st, &bad, count, head, &c->err);
    store_close(st);
    if (rc == RC_REFUSED)
        err_set(&c->err, RC_INPUT, "%s: the audit log fails its check at entry %lld", path, bad);
    return rc == RC_REFUSED ? RC_INPUT : rc;
}

/* A scratch name next to path, for a copy that gets its real name (or is
 * removed) once it is verified. */
static char *scratch_name(cli_t *c, const char *path)
{
    size_t n = strlen(path) + 32;
    char *s = arena_alloc(&c->arena, n);
    snprintf(s, n, "%s.partial-%ld", path, (long)getpid());
    return s;
}

/* Removes a scratch copy with whatever SQLite made beside it while it was
 * verified; a failure leaves a stray file, not a wrong answer, so it is not
 * reported. */
static void scratch_remove(const char *path) { store_destroy(path, NULL); }

/* Appends the entry recording a backup or a restore to the live database. */
static rc_t record(cli_t *c, const char *action, const char *file, long long count,
                   const char *head)
{
    store_t *st;
    rc_t rc = cli_store(c, STORE_OPEN_EXISTING, &st);
    if (rc == RC_OK)
        rc = store_begin(st, &c->err);
    if (rc != RC_OK)
        return rc;
    char detail[160];
    snprintf(detail, sizeof detail, "%lld audit entries, head %.16s", count, head);
    return cli_commit_audited(c, RC_OK, action, file, detail);
}

rc_t cmd_backup(cli_t *c, int argc, char **argv)
{
    static const struct option opts[] = {{"output", required_argument, NULL, 'o'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    const char *out = NULL;
    optind = 0;
    for (int o; (o = getopt_long(argc, argv, "ho:", opts, NULL)) != -1;) {
        switch (o) {
        case 'h':
            return fputs(backup_usage, stdout), RC_OK;
        case 'o':
            out = optarg;
            break;
        default:
            return cli_usage_error(c, backup_usage, "unknown option");
        }
    }
    if (!out || !*out)
        return cli_usage_error(c, backup_usage, "-o FILE is required");
    if (optind < argc)
        return cli_usage_error(c, backup_usage, "unexpected argument '%s'", argv[optind]);
    if (access(out, F_OK) == 0)
        return err_set(&c->err, RC_REFUSED, "%s exists: a backup never replaces a file", out);
    store_t *st;
    rc_t rc = cli_store(c, STORE_OPEN_EXISTING, &st); /* an r1540 database, or a clear error */
    if (rc != RC_OK)
        return rc;
    const char *tmp = scratch_name(c, out);
    long long count = 0;
    char head[AUDIT_HASH_HEX] = "";
    rc = store_backup_copy(c->db_path, tmp, false, &c->err);
    if (rc == RC_OK && (rc = verify_copy(c, tmp, &count, head)) != RC_OK)
        rc = rc == RC_INPUT ? RC_REFUSED : rc;
    if (rc == RC_OK && rename(tmp, out) != 0)
        rc = err_set(&c->err, RC_FAIL, "%s: cannot give the copy its name", out);
    if (rc != RC_OK) {
        scratch_remove(tmp);
        return rc;
    }
    rc = record(c, "db.backup", out, count, head);
    if (rc == RC_OK)
        printf("backup %s: integrity ok, audit log intact: %lld entries, head %s\n", out, count,
               head);
    return rc;
}

rc_t cmd_restore(cli_t *c, int argc, char **argv)
{
    static const struct option opts[] = {
        {"force", no_argument, NULL, 'f'}, {"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
    bool force = false;
    optind = 0;
    for (int o; (o = getopt_long(argc, argv, "h", opts, NULL)) != -1;) {
        switch (o) {
        case 'h':
            return fputs(restore_usage, stdout), RC_OK;
        case 'f':
            force = true;
            break;
        default:
            return cli_usage_error(c, restore_usage, "unknown option");
        }
    }
    if (argc - optind != 1)
        return cli_usage_error(c, restore_usage, "expected one backup FILE");
    const char *file = argv[optind];
    if (access(file, R_OK) != 0)
        return err_set(&c->err, RC_NOTFOUND, "%s: no such file", file);
    const char *tmp = scratch_name(c, c->db_path);
    long long count = 0;
    char head[AUDIT_HASH_HEX] = "";
    rc_t rc = store_backup_copy(file, tmp, false, &c->err);
    if (rc == RC_DB)
        rc = err_set(&c->err, RC_INPUT, "%s is not a database backup", file);
    if (rc == RC_OK)
        rc = verify_copy(c, tmp, &count, head);
    if (rc == RC_OK && !force && store_exists(c->db_path))
        rc = err_set(&c->err, RC_REFUSED,
                     "%s exists (a server may be using it): restore --force replaces it",
                     c->db_path);
    if (rc == RC_OK)
        rc = store_backup_copy(tmp, c->db_path, true, &c->err);
    scratch_remove(tmp);
    if (rc == RC_OK)
        rc = record(c, "db.restore", file, count, head);
    long long now = 0;
    char now_head[AUDIT_HASH_HEX] = "";
    if (rc == RC_OK)
        rc = verify_copy(c, c->db_path, &now, now_head);
    if (rc == RC_OK)
        printf("restored %s: integrity ok, audit log intact: %lld entries (the backup's %lld "
               "and this restore), head %s\n",
               file, now, count, now_head);
    return rc;
}
