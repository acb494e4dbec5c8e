/*
 * `r1540 import PATH`: a canonical JSON file, one CSV file, or a folder of CSV
 * files. All or nothing: the first problem is reported with its position and
 * the database is left exactly as it was. The operation is app_import (a
 * power of the system actor: with --as it is refused).
 */
#include "../app/app_import.h"
#include "commands.h"

static const char usage[] =
    "usage: r1540 import PATH\n"
    "\n"
    "Imports states, reports and matrix versions from PATH: a .json file in the\n"
    "canonical format, a .csv file, or a folder of CSV files as written by\n"
    "`r1540 export --format csv` (docs/formats.md). The import is one transaction:\n"
    "on any error nothing changes. Records that already exist must be identical,\n"
    "except matrix versions that are still drafts or with the state, which are\n"
    "replaced; approved versions never change. Only the operator imports: with\n"
    "--as USER the import is refused (exit 7), whatever USER's role.\n";

rc_t cmd_import(cli_t *c, int argc, char **argv)
{
    if (cli_wants_help(argc, argv))
        return fputs(usage, stdout), RC_OK;
    if (argc != 2 || argv[1][0] == '-')
        return cli_usage_error(c, usage, "give one file or folder to import");
    app_t a;
    dataset_t ds;
    rc_t rc = cli_app(c, &a);
    if (rc != RC_OK || (rc = app_import(&a, argv[1], &ds, &c->err)) != RC_OK)
        return rc;
    printf("imported %zu states, %zu reports, %zu matrix versions", ds.nstates, ds.nreports,
           ds.nmatrices);
    if (ds.nrequests || ds.noffers || ds.nproposals)
        printf(", %zu assistance requests, %zu offers, %zu proposals", ds.nrequests, ds.noffers,
               ds.nproposals);
    printf(" from %s\n", argv[1]);
    return RC_OK;
}
