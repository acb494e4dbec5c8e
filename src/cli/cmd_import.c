/*
 * `r1540 import PATH`: a canonical JSON file, one CSV file, or a folder of CSV
 * files. All or nothing: the first problem is reported with its position and
 * the database is left exactly as it was.
 */
#include <string.h>
#include <sys/stat.h>

#include "../io/csv_import.h"
#include "../io/json_import.h"
#include "commands.h"

static const char usage[] =
    "usage: r1540 import PATH\n"
    "\n"
    "Imports states, reports and matrix versions from PATH: a .json file in the\n"
    "canonical format, a .csv file, or a folder of CSV files as written by\n"
    "`r1540 export --format csv` (docs/formats.md). The import is one transaction:\n"
    "on any error nothing changes. Records that already exist must be identical,\n"
    "except matrix versions that are still drafts or with the state, which are\n"
    "replaced; approved versions never change.\n";

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

rc_t cmd_import(cli_t *c, int argc, char **argv)
{
    if (cli_wants_help(argc, argv))
        return fputs(usage, stdout), RC_OK;
    if (argc != 2 || argv[1][0] == '-')
        return cli_usage_error(c, usage, "give one file or folder to import");
    const char *path = argv[1];
    struct stat sb;
    if (stat(path, &sb) != 0)
        return err_set(&c->err, RC_NOTFOUND, "%s: no such file or folder", path);
    store_t *st;
    rc_t rc = cli_store(c, STORE_OPEN_EXISTING, &st);
    if (rc != RC_OK)
        return rc;
    dataset_t ds;
    if (S_ISDIR(sb.st_mode) || ends_with(path, ".csv"))
        rc = csv_import_path(path, &c->arena, &ds, &c->err);
    else if (ends_with(path, ".json"))
        rc = json_import_file(path, &c->arena, &ds, &c->err);
    else
        return err_set(&c->err, RC_USAGE, "%s: give a .json file, a .csv file or a folder", path);
    if (rc != RC_OK)
        return rc;
    if ((rc = dataset_apply(st, &ds, &c->arena, &c->err)) != RC_OK) {
        if (!S_ISDIR(sb.st_mode) && !ends_with(path, ".csv")) /* CSV records name file:line */
            err_prefix(&c->err, "%s: ", path);
        return rc;
    }
    printf("imported %zu states, %zu reports, %zu matrix versions", ds.nstates, ds.nreports,
           ds.nmatrices);
    if (ds.nrequests || ds.noffers || ds.nproposals)
        printf(", %zu assistance requests, %zu offers, %zu proposals", ds.nrequests, ds.noffers,
               ds.nproposals);
    printf(" from %s\n", path);
    return RC_OK;
}
