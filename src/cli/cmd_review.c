/*
 * `r1540 review`: the comprehensive review report (JSON, HTML, PDF or XLSX in
 * any of the six languages, as of any date since 2004), and `r1540 review
 * workshops`: the regional workshops the gap-similarity groups suggest,
 * numbered as `r1540 event add --from-workshop N` takes them.
 */
#include <stdlib.h>
#include <string.h>

#include "../match/propose.h"
#include "../review/chart.h"
#include "../review/review.h"
#include "../review/workshop_plan.h"
#include "../util/collate.h"
#include "../util/i18n.h"
#include "../util/json_out.h"
#include "commands.h"

static const char usage[] =
    "usage: r1540 review [--format json|html|pdf|xlsx] [-o FILE] [--lang L]\n"
    "                    [--as-of DATE] [--since DATE] [--groups K] [--include-approved]\n"
    "                    [--min-size N] [--max-size N] [--frame subregion|region|group]\n"
    "       r1540 review workshops [--as-of DATE] [--groups K] [--lang L] [--format text|json]\n"
    "                    [--min-size N] [--max-size N] [--frame subregion|region|group]\n"
    "\n"
    "The review of coverage of matrix fields: by state, section, weapon type, theme,\n"
    "region, UN regional group and LDC/LLDC/SIDS; its trend; the items and themes with\n"
    "the lowest coverage and how they moved since --since; groups of states with similar\n"
    "gaps and the regional workshops they suggest. Formulas: docs/review.md.\n"
    "\n"
    "  --format F    json (default), html, pdf or xlsx; pdf and xlsx need -o\n"
    "  -o FILE       write to FILE (default: standard output for json and html)\n"
    "  --lang L      ar, zh, en (default), fr, ru or es\n"
    "  --as-of DATE  the matrices in force on DATE (default today): per state, the\n"
    "                approved version with the latest approval date on or before DATE\n"
    "  --since DATE  the comparison date for gap movements (default five years earlier)\n"
    "  --groups K    the number of similar-gap groups (default round(sqrt(states/2)))\n"
    "  --min-size N, --max-size N  the size of a proposed workshop in states\n"
    "                (default 5 to 20); workshops are drawn within one --frame: an\n"
    "                M49 sub-region (default) or region, or a UN regional group\n"
    "                (its members on the --as-of date)\n"
    "  --include-approved  count approved versions awaiting publication too; by\n"
    "                default only published versions count, as on the public web\n"
    "                dashboard (the report's cover says which; --published is the\n"
    "                default, kept for scripts)\n"
    "\n"
    "The matrices are indicators of fact, not a measure of compliance.\n";

typedef struct {
    review_opts_t o;
    const char *format, *out;
    bool workshops;
    bool help; /* --help: print the usage and do nothing else */
} review_args_t;

static rc_t parse_args(cli_t *c, int argc, char **argv, review_args_t *a)
{
    static const struct option opts[] = {
        {"format", required_argument, NULL, 'f'}, {"output", required_argument, NULL, 'o'},
        {"lang", required_argument, NULL, 'l'},   {"as-of", required_argument, NULL, 'a'},
        {"since", required_argument, NULL, 's'},  {"groups", required_argument, NULL, 'g'},
        {"help", no_argument, NULL, 'h'},         {"published", no_argument, NULL, 'p'},
        {"min-size", required_argument, NULL, 'm'}, {"max-size", required_argument, NULL, 'M'},
        {"frame", required_argument, NULL, 'F'},  {"include-approved", no_argument, NULL, 'A'},
        {NULL, 0, NULL, 0}};
    const char *lang = "en";
    long long k;
    a->o.published_only = true; /* the public basis unless --include-approved */
    optind = 0;
    for (int o; (o = getopt_long(argc, argv, "ho:", opts, NULL)) != -1;) {
        switch (o) {
        case 'h': a->help = true; return RC_OK;
        case 'f': a->format = optarg; break;
        case 'o': a->out = optarg; break;
        case 'l': lang = optarg; break;
        case 'a':
            if (cli_date(c, optarg, "--as-of", a->o.as_of) != RC_OK)
                return RC_USAGE;
            break;
        case 's':
            if (cli_date(c, optarg, "--since", a->o.since) != RC_OK)
                return RC_USAGE;
            break;
        case 'p': a->o.published_only = true; break;
        case 'A': a->o.published_only = false; break;
        case 'g':
            if (cli_int(c, optarg, "--groups", 1, 50, &k) != RC_OK)
                return RC_USAGE;
            a->o.groups = (size_t)k;
            break;
        case 'm':
        case 'M':
            if (cli_int(c, optarg, o == 'm' ? "--min-size" : "--max-size", 2, WORKSHOP_SIZE_LIMIT,
                        &k) != RC_OK)
                return RC_USAGE;
            *(o == 'm' ? &a->o.workshops.min_size : &a->o.workshops.max_size) = (size_t)k;
            break;
        case 'F':
            if ((k = workshop_frame_parse(optarg)) < 0)
                return cli_usage_error(c, usage,
                                       "--frame: '%s' is not subregion, region or group", optarg);
            a->o.workshops.frame = (workshop_frame_t)k;
            break;
        default: return cli_usage_error(c, usage, "unknown option");
        }
    }
    size_t lo = a->o.workshops.min_size ? a->o.workshops.min_size : WORKSHOP_MIN_SIZE;
    size_t hi = a->o.workshops.max_size ? a->o.workshops.max_size : WORKSHOP_MAX_SIZE;
    if (lo > hi)
        return cli_usage_error(c, usage, "--min-size %zu is larger than --max-size %zu", lo, hi);
    if (optind < argc && strcmp(argv[optind], "workshops") == 0) {
        a->workshops = true;
        optind++;
    }
    if (optind < argc)
        return cli_usage_error(c, usage, "unexpected argument '%s'", argv[optind]);
    int l = lang_parse(lang);
    if (l < 0)
        return err_set(&c->err, RC_USAGE, "--lang: '%s' is not ar, zh, en, fr, ru or es", lang);
    a->o.lang = (lang_t)l;
    return RC_OK;
}

/* Writes a built buffer to the file (or standard output). */
static rc_t write_buf(cli_t *c, buf_t *b, const char *path)
{
    if (!path || strcmp(path, "-") == 0)
        return cli_print(c, b);
    FILE *f = fopen(path, "wb");
    if (!f)
        return err_set(&c->err, RC_FAIL, "%s: cannot write the report", path);
    bool ok = !b->overflow && fwrite(b->data, 1, b->len, f) == b->len;
    if (fclose(f) != 0 || !ok) {
        remove(path);
        return err_set(&c->err, RC_FAIL, "%s: cannot write the report", path);
    }
    return RC_OK;
}

static const char *session_name(const review_t *r, size_t theme)
{
    return theme == SIZE_MAX ? i18n_tr(r->lang, "items without a theme")
                             : r->d.themes[theme].name[r->lang];
}

/* The plan for one workshop: what its assigned offers cover and what is left. */
static void print_plan_text(const review_t *r, const assist_workshop_offers_t *wo, buf_t *b)
{
    lang_t l = r->lang;
    buf_printf(b, "  %s: %zu / %zu\n", i18n_tr(l, "Shared gaps covered by the assigned offers"),
               wo->covered, wo->shared);
    buf_printf(b, "  %s:%s\n", i18n_tr(l, "Assigned offers (each offer's capacity used once)"),
               wo->nassigned ? "" : " —");
    for (size_t k = 0; k < wo->nassigned; k++) {
        const assist_assigned_t *as = &wo->assigned[k];
        buf_printf(b, "    %lld (%s):", as->offer->id, match_provider(as->offer));
        for (size_t t = 0; t < as->nthemes; t++)
            buf_printf(b, "%s %s", t ? "," : "", session_name(r, as->themes[t]));
        buf_printf(b, "; %s %zu\n", i18n_tr(l, "shared gaps:"), as->ngaps);
    }
    buf_printf(b, "  %s:%s\n", i18n_tr(l, "Not covered"), wo->nuncovered ? "" : " —");
    for (size_t k = 0; k < wo->nuncovered; k++) {
        const assist_uncovered_t *u = &wo->uncovered[k];
        buf_printf(b, "    %s (%s %zu): %s\n", session_name(r, u->theme), i18n_tr(l, "shared gaps:"),
                   u->ngaps,
                   u->could ? i18n_tr(l, "the offers that cover it cover more shared gaps elsewhere")
                            : i18n_tr(l, "no available offer covers it"));
    }
}

static void print_workshops_text(const review_t *r, buf_t *b)
{
    const review_data_t *d = &r->d;
    lang_t l = r->lang;
    buf_printf(b, "%s\n\n", review_caveat(l));
    buf_printf(b, "%s: %s. %s: %zu\n", i18n_tr(l, "As of"), r->now.as_of,
               i18n_tr(l, "Groups of states with similar gaps"), r->ngroups);
    for (size_t i = 0; i < r->nworkshops; i++) {
        const review_workshop_t *w = &r->workshops[i];
        buf_printf(b, "\n%s %zu: %s (%s %zu)\n", i18n_tr(l, "Proposed workshop"), i + 1,
                   review_workshop_place(d, w, l), i18n_tr(l, "group"), w->group + 1);
        buf_printf(b, "  %s:", i18n_tr(l, "States"));
        for (size_t k = 0; k < w->nstates; k++)
            buf_printf(b, " %s", d->states[w->states[k]].alpha3);
        buf_printf(b, "\n  %s:", i18n_tr(l, "Themes"));
        for (size_t t = 0; t < w->nthemes; t++)
            buf_printf(b, "%s %s", t ? "," : "", d->themes[w->themes[t]].name[l]);
        buf_printf(b, "\n  %s: %zu\n", i18n_tr(l, "Shared gaps"), w->ngaps);
        print_plan_text(r, &r->assist.workshops[i], b);
    }
}

static rc_t run_workshops(cli_t *c, const review_t *r, const review_args_t *a)
{
    bool json;
    if (cli_format_json(c, a->format, &json) != RC_OK)
        return RC_USAGE;
    buf_t b;
    buf_init(&b, 0);
    if (json) {
        buf_putc(&b, '{');
        json_out_kv(&b, 0, "as_of", r->now.as_of);
        buf_putc(&b, ',');
        review_render_workshops_json(r, &b);
        buf_puts(&b, "}\n");
    } else {
        print_workshops_text(r, &b);
    }
    rc_t rc = write_buf(c, &b, a->out);
    buf_free(&b);
    return rc;
}

static rc_t run_report(cli_t *c, const review_t *r, const review_args_t *a)
{
    const char *f = a->format ? a->format : "json";
    if (strcmp(f, "pdf") == 0)
        return review_render_pdf(r, a->out, &c->err);
    if (strcmp(f, "xlsx") == 0)
        return review_render_xlsx(r, a->out, &c->err);
    buf_t b;
    buf_init(&b, 0);
    (strcmp(f, "html") == 0 ? review_render_html : review_render_json)(r, &b);
    rc_t rc = write_buf(c, &b, a->out);
    buf_free(&b);
    return rc;
}

/* Checks the format before anything is loaded, so a bad command line fails fast. */
static rc_t check_format(cli_t *c, const review_args_t *a)
{
    static const char *const formats[] = {"json", "html", "pdf", "xlsx", "text"};
    const char *f = a->format ? a->format : "json";
    size_t n = a->workshops ? 5 : 4, i = 0;
    while (i < n && strcmp(f, formats[i]) != 0)
        i++;
    if (i == n)
        return err_set(&c->err, RC_USAGE, "--format: '%s' is not %s", f,
                       a->workshops ? "text or json" : "json, html, pdf or xlsx");
    if (!a->workshops && (i == 2 || i == 3) && (!a->out || strcmp(a->out, "-") == 0))
        return err_set(&c->err, RC_USAGE, "--format %s needs -o FILE", f);
    return RC_OK;
}

rc_t cmd_review(cli_t *c, int argc, char **argv)
{
    review_args_t a = {0};
    rc_t rc = parse_args(c, argc, argv, &a);
    if (rc != RC_OK || a.help)
        return a.help ? fputs(usage, stdout), RC_OK : rc;
    if ((rc = check_format(c, &a)) != RC_OK)
        return rc;
    char po[4096];
    snprintf(po, sizeof po, "%s/po", c->data_dir);
    store_t *st;
    review_t *r = arena_alloc(&c->arena, sizeof *r);
    if ((rc = i18n_load_only(po, (int)a.o.lang, &c->err)) == RC_OK && a.o.lang != LANG_EN &&
        i18n_count(a.o.lang) == 0) /* a report in English under another language's name */
        rc = err_set(&c->err, RC_FAIL, "%s/%s: no translations found (set R1540_DATA to r1540's"
                     " data folder)", po, lang_code(a.o.lang));
    if (rc == RC_OK && (rc = collate_open(a.o.lang, &c->err)) == RC_OK &&
        (rc = cli_store(c, STORE_OPEN_EXISTING, &st)) == RC_OK &&
        (rc = review_build(st, &a.o, &c->arena, r, &c->err)) == RC_OK)
        rc = a.workshops ? run_workshops(c, r, &a) : run_report(c, r, &a);
    collate_free();
    i18n_free();
    if (a.format && (strcmp(a.format, "pdf") == 0 || strcmp(a.format, "html") == 0))
        chart_fonts_release();
    return rc;
}
