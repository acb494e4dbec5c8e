/*
 * `r1540 search` and `r1540 reindex`: the text of reports.
 */
#include <stdlib.h>
#include <string.h>

#include "../app/app_search.h"
#include "../io/json_search.h"
#include "commands.h"

static const char search_usage[] =
    "usage: r1540 search QUERY [--state CODE] [--kind K] [--lang L] [--from DATE]\n"
    "                          [--to DATE] [--offset N] [--limit N] [--format text|json]\n"
    "\n"
    "Finds the pages of reports that hold every word of QUERY, in any of the six\n"
    "languages, whatever their accents, Arabic diacritics or inflection (a \"quoted\n"
    "phrase\" must appear as such); best pages first (BM25). --lang restricts to\n"
    "reports in that language and stems the query in it. Prints report, state,\n"
    "page, score and the passage with the matched words marked.\n";

static const char reindex_usage[] =
    "usage: r1540 reindex [--state CODE] [--missing]\n"
    "\n"
    "Extracts again the text of every stored report file (or one state's; with\n"
    "--missing only those never extracted) and rebuilds their search index,\n"
    "with a progress line on standard error.\n";

rc_t cmd_search(cli_t *c, int argc, char **argv)
{
    static const struct option opts[] = {
        {"state", required_argument, NULL, 's'}, {"kind", required_argument, NULL, 'k'},
        {"lang", required_argument, NULL, 'l'},  {"from", required_argument, NULL, 'F'},
        {"to", required_argument, NULL, 'T'},    {"offset", required_argument, NULL, 'o'},
        {"limit", required_argument, NULL, 'n'}, {"format", required_argument, NULL, 'f'},
        {"help", no_argument, NULL, 'h'},        {NULL, 0, NULL, 0}};
    app_search_in_t in = {0};
    const char *format = NULL, *offset = NULL, *limit = NULL;
    optind = 0;
    for (int opt; (opt = getopt_long(argc, argv, "h", opts, NULL)) != -1;) {
        switch (opt) {
        case 'h': return fputs(search_usage, stdout), RC_OK;
        case 's': in.state = optarg; break;
        case 'k': in.kind = optarg; break;
        case 'l': in.language = optarg; break;
        case 'F': in.from = optarg; break;
        case 'T': in.to = optarg; break;
        case 'o': offset = optarg; break;
        case 'n': limit = optarg; break;
        case 'f': format = optarg; break;
        default: return cli_usage_error(c, search_usage, "unknown option");
        }
    }
    bool json;
    if (cli_format_json(c, format, &json) != RC_OK)
        return RC_USAGE;
    if (argc - optind != 1)
        return cli_usage_error(c, search_usage, "expected one QUERY (quote it)");
    in.query = argv[optind];
    rc_t rc = RC_OK;
    if (offset)
        rc = cli_int(c, offset, "--offset", 0, 1LL << 40, &in.offset);
    if (rc == RC_OK && limit)
        rc = cli_int(c, limit, "--limit", 1, 100, &in.limit);
    store_t *st;
    app_t a;
    app_search_out_t out;
    if (rc != RC_OK || (rc = cli_store(c, STORE_OPEN_EXISTING, &st)) != RC_OK ||
        (rc = cli_app(c, &a)) != RC_OK || (rc = app_search(&a, &in, &out, &c->err)) != RC_OK)
        return rc;
    buf_t b;
    buf_init(&b, 0);
    if (json) {
        json_write_search(&b, &out);
        buf_putc(&b, '\n');
    } else {
        buf_printf(&b, "%lld pages found\n", out.total);
        for (size_t i = 0; i < out.n; i++) {
            const search_hit_t *h = &out.hits[i].hit;
            buf_printf(&b, "\nreport %lld  %s  page %d  score %.2f%s  %s\n  ", h->report, h->state,
                       h->page, h->score, h->recognized ? "  (recognized text)" : "", h->title);
            snippet_text(&b, &out.hits[i].snippet, "**", "**");
            buf_putc(&b, '\n');
        }
        for (size_t i = 0; i < out.npractices; i++) {
            const practice_t *p = &out.practices[i].practice;
            buf_printf(&b, "\neffective practice %lld  %s  %s\n  ", p->id,
                       p->state[0] ? p->state : p->org, p->title);
            snippet_text(&b, &out.practices[i].snippet, "**", "**");
            buf_putc(&b, '\n');
        }
    }
    rc = cli_print(c, &b);
    buf_free(&b);
    return rc;
}

/* The progress line: one per report, on standard error. */
static void reindex_progress(void *ctx, size_t done, size_t total, const report_t *r,
                             const report_text_t *t)
{
    (void)ctx;
    fprintf(stderr, "reindex: %zu/%zu  report %lld %s: %s, %zu pages with text%s%s\n", done,
            total, r->id, r->state, t->status, t->n, *t->note ? " - " : "", t->note);
}

rc_t cmd_reindex(cli_t *c, int argc, char **argv)
{
    static const struct option opts[] = {{"state", required_argument, NULL, 's'},
                                         {"missing", no_argument, NULL, 'm'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    const char *state = NULL;
    bool missing = false;
    optind = 0;
    for (int opt; (opt = getopt_long(argc, argv, "h", opts, NULL)) != -1;) {
        switch (opt) {
        case 'h': return fputs(reindex_usage, stdout), RC_OK;
        case 's': state = optarg; break;
        case 'm': missing = true; break;
        default: return cli_usage_error(c, reindex_usage, "unknown option");
        }
    }
    if (argc != optind)
        return cli_usage_error(c, reindex_usage, "unexpected argument '%s'", argv[optind]);
    store_t *st;
    app_t a;
    size_t done;
    rc_t rc = cli_store(c, STORE_OPEN_EXISTING, &st);
    if (rc == RC_OK && (rc = cli_app(c, &a)) == RC_OK)
        rc = app_report_reindex(&a, state, missing, reindex_progress, NULL, &done, &c->err);
    if (rc == RC_OK)
        printf("%zu reports indexed\n", done);
    return rc;
}
