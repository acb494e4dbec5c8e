/*
 * `r1540 fingerprint`: one line, the SHA-256 of the database's whole content
 * (store_fingerprint: every record and the audit log, not sessions). Tests
 * compare it before and after an operation that must change nothing, on any
 * backend, instead of reading the database file themselves.
 */
#include "commands.h"

static const char usage[] =
    "usage: r1540 fingerprint\n"
    "\n"
    "Prints the hex SHA-256 of everything the database holds (records and audit\n"
    "log; not sign-in sessions). Two equal fingerprints mean equal content.\n";

rc_t cmd_fingerprint(cli_t *c, int argc, char **argv)
{
    store_t *st;
    char fp[65];
    if (cli_wants_help(argc, argv))
        return fputs(usage, stdout), RC_OK;
    if (argc != 1)
        return cli_usage_error(c, usage, "fingerprint takes no arguments");
    rc_t rc = cli_store(c, STORE_OPEN_EXISTING, &st);
    if (rc == RC_OK)
        rc = store_fingerprint(st, fp, &c->err);
    if (rc == RC_OK)
        printf("%s\n", fp);
    return rc;
}
