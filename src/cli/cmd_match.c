/*
 * `r1540 match`: proposes assistance matches from the stored requests and
 * offers (src/match/), or, with --solve FILE, runs the bare solver on a text
 * instance (the form docs/matching.md documents; the benchmark and tests use it).
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../app/app_match.h"
#include "../match/instance.h"
#include "../match/propose.h"
#include "../match/solver.h"
#include "../util/date.h"
#include "../util/file.h"
#include "../util/json_out.h"
#include "commands.h"

/* Instances are read whole; the benchmark's largest (n = 5,000, dense) is ~350 MB. */
#define INSTANCE_MAX_BYTES ((size_t)2 << 30)

static const char usage[] =
    "usage: r1540 match [--dry-run] [--region R] [--only PICKS] [--format text|json]\n"
    "       r1540 match --solve FILE [--method auto|dense|sparse] [--time]\n"
    "\n"
    "Without --solve: scores every open request against every open offer (the\n"
    "weights are in data/match/weights.conf), finds the assignment with the\n"
    "largest total score, and records it as proposals; --dry-run shows it without\n"
    "recording; --region R (an M49 region or sub-region code) limits it to the\n"
    "requests of that region; each proposal says why, and each request left\n"
    "without one says why not (docs/matching.md).\n"
    "\n"
    "--only PICKS  record only these proposals of the optimum: request ids, or\n"
    "              REQUEST:OFFER pairs as the dry run shows them, comma-separated;\n"
    "              nothing is recorded if one is no longer proposed (the data\n"
    "              changed) or a regional batch is picked in part\n"
    "--solve FILE  the bare solver on a text instance: `R O E`, then the O\n"
    "              capacities, then E lines `r o score`; prints the optimal total,\n"
    "              then one line `r o` per assigned pair\n"
    "--method      the solver method (default auto: dense when the instance is\n"
    "              complete, else sparse)\n"
    "--time        print the solver's own time (without reading) on standard error\n";

typedef struct {
    const char *solve, *method, *region, *format, *only;
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

/* ---- matching the stored requests and offers ----------------------------------- */

static void proposal_text(const match_context_t *ctx, const match_proposal_t *p, buf_t *b)
{
    const assistance_request_t *r = &ctx->req[p->req];
    const assistance_offer_t *o = &ctx->off[p->off];
    buf_printf(b, "request %lld (%s, %s: %s)\n  -> offer %lld (%s: %s)  score %d\n", r->id,
               r->state, r->kind, r->title, o->id, match_provider(o), o->title, p->score);
    if (p->id)
        buf_printf(b, "  proposal %lld\n", p->id);
    /* The explanation, indented. */
    for (const char *line = p->explanation; *line;) {
        size_t n = strcspn(line, "\n");
        buf_printf(b, "    %.*s\n", (int)n, line);
        line += n + (line[n] == '\n');
    }
}

/* The better-scoring offer a request did not get, or null. */
static void alternative_json(const match_context_t *ctx, const match_why_t *w, buf_t *b)
{
    if (!w || !w->has_alt) {
        buf_puts(b, ",\"alternative\":null");
        return;
    }
    buf_puts(b, ",\"alternative\":{");
    json_out_kll(b, 0, "offer", ctx->off[w->alt_offer].id);
    json_out_kll(b, 1, "score", match_context_score(ctx, w->req, w->alt_offer, NULL));
    json_out_kll(b, 1, "total_with_it", w->alt_total);
    json_out_kll(b, 1, "loss", w->alt_loss);
    buf_puts(b, ",\"held_by\":[");
    for (size_t h = 0; h < w->nholders; h++) {
        buf_puts(b, h ? ",{" : "{");
        json_out_kll(b, 0, "request", ctx->req[w->holders[h].req].id);
        json_out_kv(b, 1, "state", ctx->req[w->holders[h].req].state);
        json_out_kll(b, 1, "score", w->holders[h].score);
        buf_puts(b, "}");
    }
    buf_puts(b, "]}");
}

/* ,"key":[{"offer":ID,"score":N},...] */
static void offer_scores_json(const match_context_t *ctx, const char *key,
                              const match_offer_score_t *o, size_t n, buf_t *b)
{
    buf_printf(b, ",\"%s\":[", key);
    for (size_t k = 0; k < n; k++) {
        buf_puts(b, k ? ",{" : "{");
        json_out_kll(b, 0, "offer", ctx->off[o[k].offer].id);
        json_out_kll(b, 1, "score", o[k].score);
        buf_puts(b, "}");
    }
    buf_puts(b, "]");
}

/* A request without a proposal: why, as a key, a line and its parts. */
static void unmatched_json(const match_context_t *ctx, const match_why_t *w, buf_t *b)
{
    buf_t t;
    buf_init(&t, 0);
    match_why_text(ctx, w, &t);
    buf_puts(b, "{");
    json_out_kll(b, 0, "request", ctx->req[w->req].id);
    json_out_kv(b, 1, "state", ctx->req[w->req].state);
    json_out_kv(b, 1, "reason", match_why_key(w->kind));
    json_out_kv(b, 1, "why", buf_str(&t));
    offer_scores_json(ctx, "declined", w->declined, w->ndeclined, b);
    offer_scores_json(ctx, "full", w->full, w->nfull, b);
    alternative_json(ctx, w, b);
    buf_puts(b, "}");
    buf_free(&t);
}

static void proposal_json(const match_context_t *ctx, const match_proposal_t *p, buf_t *b)
{
    buf_puts(b, "{");
    json_out_kll(b, 0, "request", ctx->req[p->req].id);
    json_out_kv(b, 1, "state", ctx->req[p->req].state);
    json_out_kll(b, 1, "offer", ctx->off[p->off].id);
    json_out_kv(b, 1, "provider", match_provider(&ctx->off[p->off]));
    json_out_kll(b, 1, "score", p->score);
    if (p->id)
        json_out_kll(b, 1, "proposal", p->id);
    else
        buf_puts(b, ",\"proposal\":null");
    json_out_kv(b, 1, "batch", p->batch);
    buf_puts(b, ",\"factors\":[");
    for (int f = 0; f < p->ex.nfactors; f++) {
        buf_puts(b, f ? ",{" : "{");
        json_out_kv(b, 0, "factor", p->ex.factor[f].name);
        json_out_kv(b, 1, "detail", p->ex.factor[f].detail);
        json_out_kll(b, 1, "points", p->ex.factor[f].points);
        buf_puts(b, "}");
    }
    buf_puts(b, "],\"overlaps\":[");
    for (size_t k = 0; k < p->noverlaps; k++) {
        buf_puts(b, k ? ",{" : "{");
        json_out_kll(b, 0, "offer", ctx->off[p->overlaps[k].offer].id);
        json_out_kv(b, 1, "provider", match_provider(&ctx->off[p->overlaps[k].offer]));
        json_out_kll(b, 1, "score", p->overlaps[k].score);
        buf_puts(b, "}");
    }
    buf_puts(b, "]");
    alternative_json(ctx, p->why, b);
    buf_puts(b, "}");
}

static rc_t print_result(cli_t *c, const match_context_t *ctx, const match_result_t *r,
                         const match_opts_t *o, bool json)
{
    buf_t b;
    buf_init(&b, 0);
    if (json) {
        buf_puts(&b, "{");
        json_out_kll(&b, 0, "total", r->total);
        json_out_kll(&b, 1, "picked_total", r->picked_total);
        buf_printf(&b, ",\"dry_run\":%s", o->dry_run ? "true" : "false");
        json_out_kv(&b, 1, "region", o->region ? o->region : "");
        json_out_kll(&b, 1, "requests", (long long)r->requests);
        json_out_kll(&b, 1, "offers", (long long)r->offers);
        json_out_kll(&b, 1, "pairs", (long long)r->pairs);
        buf_puts(&b, ",\"proposals\":[");
        for (size_t k = 0; k < r->n; k++) {
            buf_puts(&b, k ? ",\n" : "\n");
            proposal_json(ctx, &r->p[k], &b);
        }
        buf_puts(&b, "\n],\"unmatched\":[");
        for (size_t k = 0, n = 0; k < r->nwhy; k++)
            if (r->why[k].kind != MATCH_WHY_PROPOSED) {
                buf_puts(&b, n++ ? ",\n" : "\n");
                unmatched_json(ctx, &r->why[k], &b);
            }
        buf_puts(&b, "\n]}\n");
    } else {
        for (size_t k = 0; k < r->n; k++)
            proposal_text(ctx, &r->p[k], &b);
        for (size_t k = 0; k < r->nwhy; k++)
            if (r->why[k].kind != MATCH_WHY_PROPOSED) {
                const assistance_request_t *q = &ctx->req[r->why[k].req];
                buf_printf(&b, "request %lld (%s, %s: %s)\n  no proposal: ", q->id, q->state,
                           q->kind, q->title);
                match_why_text(ctx, &r->why[k], &b);
                buf_putc(&b, '\n');
            }
        buf_printf(&b,
                   "%zu proposal%s%s, total score %lld (the largest possible); %zu open "
                   "request%s, %zu offer%s with room, %zu candidate pairs\n",
                   r->n, r->n == 1 ? "" : "s", o->dry_run ? " (dry run: nothing recorded)" : "",
                   r->total, r->requests, r->requests == 1 ? "" : "s", r->offers,
                   r->offers == 1 ? "" : "s", r->pairs);
    }
    rc_t rc = cli_print(c, &b);
    buf_free(&b);
    return rc;
}

static rc_t match_stored(cli_t *c, const match_opts_t *o)
{
    bool json;
    match_context_t ctx;
    match_result_t r;
    char today[11];
    date_today(today);
    match_run_opts_t ro = {o->region, o->dry_run, today, NULL, 0};
    match_pick_t *picks;
    app_t a;
    rc_t rc = cli_format_json(c, o->format, &json);
    if (rc == RC_OK && o->only) {
        if (match_picks_parse(o->only, &c->arena, &picks, &ro.npicks, &c->err) != RC_OK) {
            char why[sizeof c->err.msg];
            snprintf(why, sizeof why, "%s", c->err.msg);
            return cli_usage_error(c, usage, "--only: %s", why);
        }
        ro.picks = picks;
    }
    if (rc != RC_OK || (rc = cli_app(c, &a)) != RC_OK)
        return rc;
    /* Recording is the operation (one transaction, one audit entry); the dry
     * run is the review the web shows, under the same permission. */
    if (!o->dry_run)
        rc = app_match_record(&a, c->data_dir, &ro, &ctx, &r, &c->err);
    else if ((rc = app_allow(&a, ACT_ASSIST_MATCH, NULL, &c->err)) == RC_OK &&
             (rc = match_context_load(a.st, c->data_dir, &c->arena, &ctx, &c->err)) == RC_OK)
        rc = match_run(a.st, &ctx, &ro, &c->arena, &r, &c->err);
    if (rc != RC_OK)
        return rc;
    return print_result(c, &ctx, &r, o, json);
}

rc_t cmd_match(cli_t *c, int argc, char **argv)
{
    static const struct option opts[] = {
        {"solve", required_argument, NULL, 's'},  {"method", required_argument, NULL, 'm'},
        {"time", no_argument, NULL, 't'},         {"dry-run", no_argument, NULL, 'n'},
        {"region", required_argument, NULL, 'r'}, {"format", required_argument, NULL, 'f'},
        {"only", required_argument, NULL, 'o'},   {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    match_opts_t o = {0};
    optind = 0;
    for (int opt; (opt = getopt_long(argc, argv, "h", opts, NULL)) != -1;) {
        switch (opt) {
        case 'h':
            return fputs(usage, stdout), RC_OK;
        case 's':
            o.solve = optarg;
            break;
        case 'm':
            o.method = optarg;
            break;
        case 't':
            o.time = true;
            break;
        case 'n':
            o.dry_run = true;
            break;
        case 'r':
            o.region = optarg;
            break;
        case 'f':
            o.format = optarg;
            break;
        case 'o':
            o.only = optarg;
            break;
        default:
            return cli_usage_error(c, usage, "unknown option");
        }
    }
    if (optind < argc)
        return cli_usage_error(c, usage, "unexpected argument '%s'", argv[optind]);
    if (o.solve)
        return match_solve_file(c, &o);
    return match_stored(c, &o);
}
