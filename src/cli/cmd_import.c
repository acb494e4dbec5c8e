/*
 * `r1540 import PATH`: a canonical JSON file, one CSV file, or a folder of CSV
 * files. All or nothing: the first problem is reported with its position and
 * the database is left exactly as it was.
 */
#include <string.h>
#include <sys/stat.h>

#include "../io/csv_import.h"
#include "../io/json_import.h"
#include "../util/json_out.h"
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

/* The audit detail of an import: what was read (the file's SHA-256, or each
 * CSV file's in a folder, so the very bytes can be matched later) and how
 * many records it held. One entry per import, however many records. */
static void import_detail(const char *path, bool folder, const dataset_t *ds, buf_t *b)
{
    buf_puts(b, "{");
    json_out_kv(b, 0, folder ? "folder" : "file", path);
    buf_puts(b, ",\"sha256\":");
    if (!folder)
        json_out_str(b, ds->sources[0].sha256);
    for (size_t i = 0; folder && i < ds->nsources; i++) {
        const ds_source_t *src = &ds->sources[i];
        buf_puts(b, i ? "," : "{");
        if (src->sha256[0])
            json_out_kv(b, 0, src->name, src->sha256);
        else
            buf_printf(b, "\"%s\":null", src->name);
    }
    size_t entries = 0;
    for (size_t i = 0; i < ds->nmatrices; i++)
        entries += ds->matrices[i].nentries;
    buf_printf(b, "%s,\"states\":%zu,\"reports\":%zu,\"matrix_versions\":%zu,"
                  "\"matrix_entries\":%zu}",
               folder ? "}" : "", ds->nstates, ds->nreports, ds->nmatrices, entries);
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
    if ((rc = store_begin(st, &c->err)) != RC_OK)
        return rc;
    if ((rc = dataset_apply_in(st, &ds, &c->arena, &c->err)) != RC_OK &&
        !S_ISDIR(sb.st_mode) && !ends_with(path, ".csv")) /* CSV records name file:line */
        err_prefix(&c->err, "%s: ", path);
    buf_t detail, object;
    buf_init(&detail, 0);
    buf_init(&object, 0);
    if (rc == RC_OK)
        import_detail(path, S_ISDIR(sb.st_mode), &ds, &detail);
    buf_printf(&object, "%s:%s", S_ISDIR(sb.st_mode) ? "folder" : "file", path);
    rc = cli_commit_audited(c, rc, "import", buf_str(&object), buf_str(&detail));
    buf_free(&detail);
    buf_free(&object);
    if (rc != RC_OK)
        return rc;
    printf("imported %zu states, %zu reports, %zu matrix versions", ds.nstates, ds.nreports,
           ds.nmatrices);
    if (ds.nrequests || ds.noffers || ds.nproposals)
        printf(", %zu assistance requests, %zu offers, %zu proposals", ds.nrequests, ds.noffers,
               ds.nproposals);
    printf(" from %s\n", path);
    return RC_OK;
}
