/*
 * `r1540 programme`: organizations' programmes (themes, regions, languages,
 * period, contact), the offers made under them, and the overlap view for the
 * "without duplication" ask (src/app/app_programme.h). With --as the run is
 * held to that account's permissions, as on the web.
 */
#include <string.h>

#include "../app/app_programme.h"
#include "../util/json_out.h"
#include "commands.h"

static const char usage[] =
    "usage: r1540 programme add --org CODE --title TEXT --themes LIST [FIELDS]\n"
    "       r1540 programme update ID [--title TEXT] [--themes LIST] [FIELDS]\n"
    "       r1540 programme remove ID\n"
    "       r1540 programme list [--org CODE] [--format text|json]\n"
    "       r1540 programme show ID [--format text|json]\n"
    "       r1540 programme link ID --offer OFFER\n"
    "       r1540 programme unlink --offer OFFER\n"
    "       r1540 programme overlap [--theme KEY] [--format text|json]\n"
    "\n"
    "FIELDS: --regions LIST (M49 codes; none: worldwide), --languages LIST (ISO\n"
    "639), --from DATE, --until DATE, --contact TEXT, --description TEXT. Lists\n"
    "are comma-separated codes. `overlap` lists the pairs of programmes of\n"
    "different organizations that share a theme and a region (one inside the\n"
    "other counts) in periods that meet.\n";

enum {
    O_ORG = 1,
    O_TITLE,
    O_THEMES,
    O_REGIONS,
    O_LANGS,
    O_FROM,
    O_UNTIL,
    O_CONTACT,
    O_DESC,
    O_OFFER,
    O_FORMAT,
    O_THEME
};

static const struct option opts[] = {{"org", required_argument, NULL, O_ORG},
                                     {"title", required_argument, NULL, O_TITLE},
                                     {"themes", required_argument, NULL, O_THEMES},
                                     {"regions", required_argument, NULL, O_REGIONS},
                                     {"languages", required_argument, NULL, O_LANGS},
                                     {"from", required_argument, NULL, O_FROM},
                                     {"until", required_argument, NULL, O_UNTIL},
                                     {"contact", required_argument, NULL, O_CONTACT},
                                     {"description", required_argument, NULL, O_DESC},
                                     {"offer", required_argument, NULL, O_OFFER},
                                     {"format", required_argument, NULL, O_FORMAT},
                                     {"theme", required_argument, NULL, O_THEME},
                                     {NULL, 0, NULL, 0}};

typedef struct {
    programme_t p;       /* the fields given (update: over the stored ones) */
    long long offer;     /* --offer, 0 if absent */
    const char *format;  /* --format */
    const char *theme;   /* --theme */
    const char *allowed; /* the options this subcommand takes, as O_* bytes */
} args_t;

/* Parses the options from argv[optind] on; RC_USAGE for one the subcommand
 * does not take. */
static rc_t parse(cli_t *c, int argc, char **argv, args_t *g)
{
    rc_t rc = RC_OK;
    for (int op; rc == RC_OK && (op = getopt_long(argc, argv, "", opts, NULL)) != -1;) {
        if (op <= 0 || !strchr(g->allowed, op))
            return cli_usage_error(c, usage, "unknown option");
        switch (op) {
        case O_ORG:
            g->p.org = optarg;
            break;
        case O_TITLE:
            g->p.title = optarg;
            break;
        case O_THEMES:
            g->p.themes = optarg;
            break;
        case O_REGIONS:
            g->p.regions = optarg;
            break;
        case O_LANGS:
            g->p.languages = optarg;
            break;
        case O_CONTACT:
            g->p.contact = optarg;
            break;
        case O_DESC:
            g->p.description = optarg;
            break;
        case O_FROM:
            rc = cli_date(c, optarg, "--from", g->p.start);
            break;
        case O_UNTIL:
            rc = cli_date(c, optarg, "--until", g->p.end);
            break;
        case O_OFFER:
            rc = cli_int(c, optarg, "--offer", 1, (long long)1 << 53, &g->offer);
            break;
        case O_FORMAT:
            g->format = optarg;
            break;
        default:
            g->theme = optarg;
            break;
        }
    }
    return rc;
}

static const char FIELD_OPTS[] = {O_TITLE, O_THEMES,  O_REGIONS, O_LANGS, O_FROM,
                                  O_UNTIL, O_CONTACT, O_DESC,    0};

/* The ID argument at argv[1] (before the options: getopt_long moves it). */
static rc_t id_arg(cli_t *c, int argc, char **argv, const char *what, long long *id)
{
    if (argc < 2 || argv[1][0] == '-')
        return cli_usage_error(c, usage, "programme %s takes an ID", what);
    return cli_int(c, argv[1], "programme id", 1, (long long)1 << 53, id);
}

static rc_t programme_add(cli_t *c, app_t *app, int argc, char **argv)
{
    char allowed[16] = {O_ORG};
    memcpy(allowed + 1, FIELD_OPTS, sizeof FIELD_OPTS);
    args_t g = {.allowed = allowed};
    optind = 1;
    rc_t rc = parse(c, argc, argv, &g);
    if (rc != RC_OK)
        return rc;
    if (optind < argc)
        return cli_usage_error(c, usage, "unexpected argument '%s'", argv[optind]);
    programme_t *p = &g.p;
    p->description = p->description ? p->description : "";
    p->regions = p->regions ? p->regions : "";
    p->languages = p->languages ? p->languages : "";
    p->contact = p->contact ? p->contact : "";
    if ((rc = app_programme_add(app, p, &c->err)) == RC_OK)
        printf("programme %lld: %s %s\n", p->id, p->org, p->title);
    return rc;
}

/* update ID: the stored fields, then the options given over them. */
static rc_t programme_update(cli_t *c, app_t *app, int argc, char **argv)
{
    long long id;
    rc_t rc = id_arg(c, argc, argv, "update", &id);
    args_t g = {.allowed = FIELD_OPTS};
    programme_t old;
    optind = 2;
    if (rc != RC_OK || (rc = parse(c, argc, argv, &g)) != RC_OK)
        return rc;
    if (optind < argc)
        return cli_usage_error(c, usage, "unexpected argument '%s'", argv[optind]);
    if ((rc = app_programme_get(app, id, &old, NULL, NULL, &c->err)) != RC_OK)
        return rc;
    programme_t *p = &g.p;
#define KEEP(f) p->f = p->f ? p->f : old.f
    KEEP(title);
    KEEP(description);
    KEEP(themes);
    KEEP(regions);
    KEEP(languages);
    KEEP(contact);
#undef KEEP
    if (!p->start[0])
        memcpy(p->start, old.start, 11);
    if (!p->end[0])
        memcpy(p->end, old.end, 11);
    p->id = id;
    if ((rc = app_programme_update(app, p, &c->err)) == RC_OK)
        printf("programme %lld: updated\n", id);
    return rc;
}

static rc_t programme_remove(cli_t *c, app_t *app, int argc, char **argv)
{
    long long id;
    rc_t rc = id_arg(c, argc, argv, "remove", &id);
    if (rc == RC_OK && argc > 2)
        return cli_usage_error(c, usage, "unexpected argument '%s'", argv[2]);
    if (rc == RC_OK && (rc = app_programme_remove(app, id, &c->err)) == RC_OK)
        printf("programme %lld: removed\n", id);
    return rc;
}

/* link ID --offer N and unlink --offer N */
static rc_t programme_link(cli_t *c, app_t *app, int argc, char **argv)
{
    bool link = strcmp(argv[0], "link") == 0;
    long long id = 0;
    args_t g = {.allowed = (const char[]){O_OFFER, 0}};
    rc_t rc = link ? id_arg(c, argc, argv, "link", &id) : RC_OK;
    optind = link ? 2 : 1;
    if (rc != RC_OK || (rc = parse(c, argc, argv, &g)) != RC_OK)
        return rc;
    if (optind < argc || !g.offer)
        return cli_usage_error(c, usage, "give --offer OFFER and nothing else");
    rc = link ? app_programme_offer_link(app, id, g.offer, &c->err)
              : app_programme_offer_unlink(app, g.offer, &c->err);
    if (rc == RC_OK && link)
        printf("offer %lld: under programme %lld\n", g.offer, id);
    else if (rc == RC_OK)
        printf("offer %lld: in no programme\n", g.offer);
    return rc;
}

/* A programme as JSON; with its offers' ids when with_offers. */
static void programme_json(buf_t *b, const programme_t *p, bool with_offers,
                           const long long *offers, size_t n)
{
    buf_putc(b, '{');
    json_out_kll(b, 0, "id", p->id);
    json_out_kv(b, 1, "org", p->org);
    json_out_kv(b, 1, "title", p->title);
    json_out_kv(b, 1, "description", p->description);
    json_out_kv(b, 1, "themes", p->themes);
    json_out_kv(b, 1, "regions", p->regions);
    json_out_kv(b, 1, "languages", p->languages);
    json_out_kv(b, 1, "start", p->start);
    json_out_kv(b, 1, "end", p->end);
    json_out_kv(b, 1, "contact", p->contact);
    if (with_offers) {
        buf_puts(b, ",\"offers\":[");
        for (size_t i = 0; i < n; i++)
            buf_printf(b, "%s%lld", i ? "," : "", offers[i]);
        buf_putc(b, ']');
    }
    buf_putc(b, '}');
}

static void programme_text(buf_t *b, const programme_t *p)
{
    buf_printf(b, "%lld  %-8s  %s  themes %s  regions %s  %s..%s\n", p->id, p->org, p->title,
               p->themes, *p->regions ? p->regions : "world", p->start, p->end);
}

/* list, show ID, overlap */
static rc_t programme_read(cli_t *c, app_t *app, int argc, char **argv)
{
    bool show = strcmp(argv[0], "show") == 0, overlap = strcmp(argv[0], "overlap") == 0, json;
    long long id = 0;
    args_t g = {.allowed = show      ? (const char[]){O_FORMAT, 0}
                           : overlap ? (const char[]){O_FORMAT, O_THEME, 0}
                                     : (const char[]){O_FORMAT, O_ORG, 0}};
    rc_t rc = show ? id_arg(c, argc, argv, "show", &id) : RC_OK;
    optind = show ? 2 : 1;
    if (rc != RC_OK || (rc = parse(c, argc, argv, &g)) != RC_OK ||
        (rc = cli_format_json(c, g.format, &json)) != RC_OK)
        return rc;
    if (optind < argc)
        return cli_usage_error(c, usage, "unexpected argument '%s'", argv[optind]);
    buf_t b;
    buf_init(&b, 0);
    if (show) {
        programme_t p;
        long long *offers;
        size_t n;
        if ((rc = app_programme_get(app, id, &p, &offers, &n, &c->err)) != RC_OK)
            return buf_free(&b), rc;
        if (json)
            programme_json(&b, &p, true, offers, n), buf_putc(&b, '\n');
        else {
            programme_text(&b, &p);
            buf_printf(&b, "languages %s\ncontact %s\noffers", p.languages, p.contact);
            for (size_t i = 0; i < n; i++)
                buf_printf(&b, " %lld", offers[i]);
            buf_printf(&b, "\n%s%s", p.description, *p.description ? "\n" : "");
        }
    } else if (overlap) {
        programme_overlap_t *o;
        size_t n;
        if ((rc = app_programme_overlap(app, g.theme, &o, &n, &c->err)) != RC_OK)
            return buf_free(&b), rc;
        buf_puts(&b, json ? "[" : "");
        for (size_t i = 0; i < n; i++) {
            if (json) {
                buf_puts(&b, i ? ",\n{" : "{");
                json_out_kll(&b, 0, "a", o[i].a->id);
                json_out_kll(&b, 1, "b", o[i].b->id);
                json_out_kv(&b, 1, "a_org", o[i].a->org);
                json_out_kv(&b, 1, "b_org", o[i].b->org);
                json_out_kv(&b, 1, "themes", o[i].themes);
                json_out_kv(&b, 1, "regions", o[i].regions);
                json_out_kv(&b, 1, "from", o[i].from);
                json_out_kv(&b, 1, "until", o[i].until);
                buf_putc(&b, '}');
            } else
                buf_printf(&b, "%lld %s ~ %lld %s  themes %s  regions %s  %s..%s\n", o[i].a->id,
                           o[i].a->org, o[i].b->id, o[i].b->org, o[i].themes, o[i].regions,
                           o[i].from, o[i].until);
        }
        buf_puts(&b, json ? "]\n" : "");
    } else {
        programme_t *p;
        size_t n;
        if ((rc = app_programme_list(app, g.p.org, &p, &n, &c->err)) != RC_OK)
            return buf_free(&b), rc;
        buf_puts(&b, json ? "[" : "");
        for (size_t i = 0; i < n; i++) {
            if (json)
                buf_puts(&b, i ? ",\n" : ""), programme_json(&b, &p[i], false, NULL, 0);
            else
                programme_text(&b, &p[i]);
        }
        buf_puts(&b, json ? "]\n" : "");
    }
    rc = cli_print(c, &b);
    buf_free(&b);
    return rc;
}

rc_t cmd_programme(cli_t *c, int argc, char **argv)
{
    if (argc < 2 || cli_wants_help(argc, argv))
        return argc < 2 ? cli_usage_error(c, usage, "give a subcommand")
                        : (fputs(usage, stdout), RC_OK);
    static const struct {
        const char *name;
        rc_t (*run)(cli_t *, app_t *, int, char **);
    } subs[] = {{"add", programme_add},       {"update", programme_update},
                {"remove", programme_remove}, {"list", programme_read},
                {"show", programme_read},     {"overlap", programme_read},
                {"link", programme_link},     {"unlink", programme_link}};
    for (size_t i = 0; i < sizeof subs / sizeof *subs; i++)
        if (strcmp(argv[1], subs[i].name) == 0) {
            app_t app;
            rc_t rc = cli_app(c, &app);
            return rc == RC_OK ? subs[i].run(c, &app, argc - 1, argv + 1) : rc;
        }
    return cli_usage_error(c, usage, "unknown subcommand '%s'", argv[1]);
}
