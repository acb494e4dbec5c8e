/*
 * `r1540 fingerprint`: one line, the SHA-256 of the database's whole content
 * (store_fingerprint: every record and the audit log, not sessions). Tests
 * compare it before and after an operation that must change nothing, on any
 * backend, instead of reading the database file themselves. --data leaves
 * the audit log out too, for a command that must change nothing but add its
 * audit entry (init again, a repeated import).
 */
#include <string.h>

#include "commands.h"

static const char usage[] =
    "usage: r1540 fingerprint [--data]\n"
    "\n"
    "Prints the hex SHA-256 of everything the database holds (records and audit\n"
    "log; not sign-in sessions). Two equal fingerprints mean equal content.\n"
    "  --data   leave the audit log out: equal means equal records, whatever\n"
    "           was audited in between\n";

rc_t cmd_fingerprint(cli_t *c, int argc, char **argv)
{
    store_t *st;
    char fp[65];
    if (cli_wants_help(argc, argv))
        return fputs(usage, stdout), RC_OK;
    bool data_only = argc == 2 && strcmp(argv[1], "--data") == 0;
    if (argc != 1 && !data_only)
        return cli_usage_error(c, usage, "fingerprint takes no arguments but --data");
    rc_t rc = cli_store(c, STORE_OPEN_EXISTING, &st);
    if (rc == RC_OK)
        rc = store_fingerprint(st, data_only, fp, &c->err);
    if (rc == RC_OK)
        printf("%s\n", fp);
    return rc;
}
