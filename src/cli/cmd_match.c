/*
 * `r1540 match`: proposes assistance matches from the stored requests and
 * offers (src/match/), or, with --solve FILE, runs the bare solver on a text
 * instance (the form docs/matching.md documents; the benchmark and tests use it).
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../match/instance.h"
#include "../match/solver.h"
#include "../util/file.h"
#include "commands.h"

/* Instances are read whole; the benchmark's largest (n = 5,000, dense) is ~350 MB. */
#define INSTANCE_MAX_BYTES ((size_t)2 << 30)

static const char usage[] =
    "usage: r1540 match [--dry-run] [--region R] [--format text|json]\n"
    "       r1540 match --solve FILE [--method auto|dense|sparse] [--time]\n"
    "\n"
    "Without --solve: scores every open request against every open offer (the\n"
    "weights are in data/match/weights.conf), finds the assignment with the\n"
    "largest total score, and records it as proposals; --dry-run shows it without\n"
    "recording; --region R (an M49 region or sub-region code) limits it to the\n"
    "requests of that region; each proposal says why (docs/matching.md).\n"
    "\n"
    "--solve FILE  the bare solver on a text instance: `R O E`, then the O\n"
    "              capacities, then E lines `r o score`; prints the optimal total,\n"
    "              then one line `r o` per assigned pair\n"
    "--method      the solver method (default auto: dense when the instance is\n"
    "              complete, else sparse)\n"
    "--time        print the solver's own time (without reading) on standard error\n";

typedef struct {
    const char *solve, *method, *region, *format;
    bool dry_run, time;
} match_opts_t;

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static rc_t parse_method(cli_t *c, const char *s, match_method_t *m)
{
    if (!s || strcmp(s, "auto") == 0)
        *m = MATCH_METHOD_AUTO;
    else if (strcmp(s, "dense") == 0)
        *m = MATCH_METHOD_DENSE;
    else if (strcmp(s, "sparse") == 0)
        *m = MATCH_METHOD_SPARSE;
    else
        return cli_usage_error(c, usage, "--method: '%s' is not auto, dense or sparse", s);
    return RC_OK;
}

static rc_t print_assignment(cli_t *c, const match_instance_t *in, const match_assignment_t *a)
{
    buf_t b;
    buf_init(&b, 0);
    buf_printf(&b, "%lld\n", a->total);
    for (int r = 0; r < in->nreq; r++)
        if (a->offer_of[r] >= 0)
            buf_printf(&b, "%d %d\n", r, a->offer_of[r]);
    rc_t rc = cli_print(c, &b);
    buf_free(&b);
    return rc;
}

static rc_t match_solve_file(cli_t *c, const match_opts_t *o)
{
    match_method_t method = MATCH_METHOD_AUTO;
    char *text;
    size_t len;
    match_instance_t in;
    rc_t rc = parse_method(c, o->method, &method);
    if (rc != RC_OK ||
        (rc = file_read_all(o->solve, INSTANCE_MAX_BYTES, &c->arena, &text, &len, &c->err)) !=
            RC_OK ||
        (rc = match_instance_parse(o->solve, text, len, &in, &c->err)) != RC_OK)
        return rc;
    match_assignment_t a;
    double t0 = now_ms();
    match_solve(&in, method, &a);
    double t1 = now_ms();
    if (o->time)
        fprintf(stderr, "solve: %.1f ms (%s)\n", t1 - t0, a.dense ? "dense" : "sparse");
    rc = print_assignment(c, &in, &a);
    match_assignment_free(&a);
    match_instance_free(&in);
    return rc;
}

rc_t cmd_match(cli_t *c, int argc, char **argv)
{
    static const struct option opts[] = {
        {"solve", required_argument, NULL, 's'},  {"method", required_argument, NULL, 'm'},
        {"time", no_argument, NULL, 't'},         {"dry-run", no_argument, NULL, 'n'},
        {"region", required_argument, NULL, 'r'}, {"format", required_argument, NULL, 'f'},
        {"help", no_argument, NULL, 'h'},         {NULL, 0, NULL, 0}};
    match_opts_t o = {0};
    optind = 0;
    for (int opt; (opt = getopt_long(argc, argv, "h", opts, NULL)) != -1;) {
        switch (opt) {
        case 'h': return fputs(usage, stdout), RC_OK;
        case 's': o.solve = optarg; break;
        case 'm': o.method = optarg; break;
        case 't': o.time = true; break;
        case 'n': o.dry_run = true; break;
        case 'r': o.region = optarg; break;
        case 'f': o.format = optarg; break;
        default: return cli_usage_error(c, usage, "unknown option");
        }
    }
    if (optind < argc)
        return cli_usage_error(c, usage, "unexpected argument '%s'", argv[optind]);
    if (o.solve)
        return match_solve_file(c, &o);
    return cli_usage_error(c, usage, "matching stored requests is not built yet; use --solve");
}
