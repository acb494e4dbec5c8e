/*
 * `r1540 init [--demo] [--max-document-bytes N]`: creates the database if
 * needed, applies migrations, (re)loads the reference data, and with --demo
 * fills it with the deterministic demo data set. All in one transaction.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "../app/app_search.h"
#include "../io/demo.h"
#include "../io/refdata.h"
#include "../store/store_url.h"
#include "commands.h"

static const char usage[] =
    "usage: r1540 init [--demo] [--max-document-bytes N]\n"
    "\n"
    "Creates the database (--db) if it does not exist and loads the reference data\n"
    "from data/ (or $R1540_DATA): the 193 UN member states, M49 regions, UN regional\n"
    "groups and the matrix template. Running it again reloads the reference data.\n"
    "\n"
    "  --demo                   add the demo data set (reports and matrices), marked\n"
    "                           as demo; refused if the database already holds data\n"
    "  --max-document-bytes N   largest document the store accepts (default 26214400)\n";

/* Removes the database after a failed first init (the first error is the one
 * reported, so the removal's own is not kept). */
static void remove_database(cli_t *c)
{
    store_close(c->store);
    c->store = NULL;
    store_destroy(c->db_path, NULL);
}

static rc_t init_store(cli_t *c, long long max_doc, bool demo)
{
    store_t *st;
    rc_t rc = cli_store(c, STORE_OPEN_CREATE, &st);
    if (rc != RC_OK || (rc = store_begin(st, &c->err)) != RC_OK)
        return rc;
    char *value;
    if (max_doc > 0 || store_meta_get(st, "max_document_bytes", &c->arena, &value, NULL) != RC_OK) {
        char v[32];
        snprintf(v, sizeof v, "%lld", max_doc > 0 ? max_doc : (long long)REPORT_DEFAULT_MAX_DOCUMENT);
        if ((rc = store_meta_set(st, "max_document_bytes", v, &c->err)) != RC_OK)
            return rc;
    }
    if ((rc = refdata_load(st, c->data_dir, &c->arena, &c->err)) != RC_OK)
        return rc;
    if (demo && (rc = demo_generate(st, c->data_dir, &c->arena, &c->err)) != RC_OK)
        return rc;
    size_t indexed = 0; /* the demo's reports are found by search at once */
    if (demo && (rc = app_report_index_new(st, NULL, 0, &indexed, &c->err)) != RC_OK)
        return rc;
    char detail[96];
    int n = snprintf(detail, sizeof detail, "{\"demo\":%s", demo ? "true" : "false");
    if (max_doc > 0)
        n += snprintf(detail + n, sizeof detail - (size_t)n, ",\"max_document_bytes\":%lld",
                      max_doc);
    snprintf(detail + n, sizeof detail - (size_t)n, "}");
    return cli_commit_audited(c, RC_OK, "init", "database", detail);
}

rc_t cmd_init(cli_t *c, int argc, char **argv)
{
    static const struct option opts[] = {{"demo", no_argument, NULL, 'd'},
                                         {"max-document-bytes", required_argument, NULL, 'm'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    bool demo = false;
    long long max_doc = -1;
    optind = 0;
    for (int o; (o = getopt_long(argc, argv, "h", opts, NULL)) != -1;) {
        if (o == 'h')
            return fputs(usage, stdout), RC_OK;
        if (o == 'd')
            demo = true;
        else if (o == 'm') {
            if (cli_int(c, optarg, "--max-document-bytes", 1, 1LL << 31, &max_doc) != RC_OK)
                return RC_USAGE;
        } else
            return cli_usage_error(c, usage, "unknown option");
    }
    if (optind < argc)
        return cli_usage_error(c, usage, "unexpected argument '%s'", argv[optind]);
    bool existed = store_exists(c->db_path);
    rc_t rc = init_store(c, max_doc, demo);
    if (rc != RC_OK && !existed) /* leave no half-made database behind */
        remove_database(c);
    char shown[1024];
    store_url_redacted(c->db_path, shown, sizeof shown);
    if (rc == RC_OK)
        printf("%s: initialized%s\n", shown, demo ? " with demo data" : "");
    return rc;
}
