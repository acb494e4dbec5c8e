/*
 * `r1540 export`: the whole database (or one state) as canonical JSON, as a
 * folder of CSV files, or as an XLSX workbook (a state's matrix, or the
 * all-states overview).
 */
#include <string.h>

#include "../io/csv_export.h"
#include "../io/iati_export.h"
#include "../io/json_export.h"
#include "../io/xlsx_export.h"
#include "cmd_matrix_download.h"
#include "commands.h"

static const char usage[] =
    "usage: r1540 export --format json|csv|xlsx|iati -o PATH [--state CODE] [options]\n"
    "\n"
    "  --format json   one file with everything (documents inlined as base64);\n"
    "                  PATH - writes to standard output\n"
    "  --format csv    PATH is a folder: states.csv, reports.csv (metadata only),\n"
    "                  matrix_versions.csv, matrix_entries.csv\n"
    "  --format xlsx   with --state: that state's matrix (latest version, or\n"
    "                  --version N), as `matrix show --format xlsx` writes it;\n"
    "                  without: the all-states overview\n"
    "  --format iati   IATI 2.03 activities of the assistance under way or\n"
    "                  delivered (PATH - writes to standard output)\n"
    "  --reporting-org REF  the IATI identifier of the publishing organisation\n"
    "                  (default " IATI_DEFAULT_ORG_REF ", which is not registered)\n"
    "  --state CODE    only this state (alpha-2 or alpha-3)\n"
    "  --no-documents  JSON without the files' bytes (metadata and sha256 only)\n"
    "  --public        only what the public may see, as the server's /data/ files:\n"
    "                  published matrices, no proposals, no documents' bytes\n"
    "  --lang L        XLSX state names and item labels in ar, zh, en, fr, ru or es\n"
    "                  (default en; a state's matrix is wholly in that language,\n"
    "                  the overview's column titles are in English for now)\n"
    "Formats are described in docs/formats.md.\n";

rc_t cmd_export(cli_t *c, int argc, char **argv)
{
    static const struct option opts[] = {
        {"format", required_argument, NULL, 'f'}, {"output", required_argument, NULL, 'o'},
        {"state", required_argument, NULL, 's'},  {"no-documents", no_argument, NULL, 'n'},
        {"lang", required_argument, NULL, 'l'},   {"version", required_argument, NULL, 'v'},
        {"public", no_argument, NULL, 'p'},       {"help", no_argument, NULL, 'h'},
        {"reporting-org", required_argument, NULL, 'r'},
        {NULL, 0, NULL, 0}};
    const char *format = NULL, *out = NULL, *code = NULL, *lang = "en", *org_ref = NULL;
    bool documents = true, public_only = false;
    long long version = 0;
    optind = 0;
    for (int o; (o = getopt_long(argc, argv, "ho:", opts, NULL)) != -1;) {
        switch (o) {
        case 'h': return fputs(usage, stdout), RC_OK;
        case 'f': format = optarg; break;
        case 'o': out = optarg; break;
        case 's': code = optarg; break;
        case 'n': documents = false; break;
        case 'p': public_only = true; break;
        case 'l': lang = optarg; break;
        case 'r': org_ref = optarg; break;
        case 'v':
            if (cli_int(c, optarg, "--version", 1, 1000000, &version) != RC_OK)
                return RC_USAGE;
            break;
        default: return cli_usage_error(c, usage, "unknown option");
        }
    }
    if (!format || !out)
        return cli_usage_error(c, usage, "--format and -o are required");
    if (optind < argc)
        return cli_usage_error(c, usage, "unexpected argument '%s'", argv[optind]);
    int l = lang_parse(lang);
    if (l < 0)
        return err_set(&c->err, RC_USAGE, "--lang: '%s' is not ar, zh, en, fr, ru or es", lang);
    store_t *st;
    state_t s;
    rc_t rc = cli_store(c, STORE_OPEN_EXISTING, &st);
    if (rc != RC_OK || (code && (rc = cli_state(c, code, &s)) != RC_OK))
        return rc;
    if (strcmp(format, "iati") == 0) {
        if (code)
            return cli_usage_error(c, usage, "--state: the IATI export covers every state");
        return iati_export_file(st, org_ref, out, &c->arena, &c->err);
    }
    if (org_ref)
        return cli_usage_error(c, usage, "--reporting-org is for --format iati");
    if (strcmp(format, "xlsx") == 0 && code && public_only)
        return cli_usage_error(c, usage, "--public: an XLSX export is the overview only");
    if (strcmp(format, "xlsx") == 0)
        return code ? matrix_download_version(c, &s, (int)version, "xlsx", lang, out)
                    : xlsx_export_overview(st, (lang_t)l, public_only, out, &c->arena,
                                           &c->err);
    bool json = strcmp(format, "json") == 0;
    if (!json && strcmp(format, "csv") != 0)
        return cli_usage_error(c, usage, "--format: '%s' is not json, csv, xlsx or iati", format);
    dataset_t ds;
    rc = dataset_load(st, code ? s.alpha3 : NULL, json && documents, &c->arena, &ds, &c->err);
    if (rc != RC_OK)
        return rc;
    if (public_only)
        dataset_keep_public(&ds);
    return json ? json_export_file(&ds, out, &c->err) : csv_export_dir(&ds, out, &c->err);
}
