/*
 * `r1540 event`: outreach events — training courses for points of contact,
 * regional workshops, peer-review visits, national round tables. `event add
 * --from-workshop N` turns the review's proposed workshop N into a planned
 * regional workshop with its states and themes. Recording is the operation
 * app_event_add (ACT_EVENT_ADD: experts, the Committee, the operator).
 */
#include <string.h>

#include "../app/app_event.h"
#include "../io/json_export.h"
#include "../review/review.h"
#include "commands.h"

static const char usage[] =
    "usage: r1540 event add --kind K --title T --start DATE [--end DATE] [--place P]\n"
    "                 [--organizer O] [--status S] --state CODE... [--theme KEY...]\n"
    "       r1540 event add --from-workshop N [--as-of DATE] [--groups K] --title T\n"
    "                 --start DATE [--end DATE] [--place P] [--organizer O]\n"
    "       r1540 event list [--state CODE] [--format text|json]\n"
    "       r1540 event show ID [--format text|json]\n"
    "\n"
    "  --kind K      training-course, regional-workshop, peer-review-visit, round-table\n"
    "  --status S    planned (default), held or cancelled\n"
    "  --state CODE  a participating state (repeat, or give a comma-separated list)\n"
    "  --theme KEY   a theme of the matrix template (repeat, or a comma-separated list)\n"
    "  --from-workshop N  the review's proposed workshop N (`r1540 review workshops`,\n"
    "                 with the same --as-of and --groups): its states and themes\n";

enum { MAX_MEMBERS = 400 };

typedef struct {
    event_t ev;
    char states[MAX_MEMBERS][4];
    char *themes[MAX_MEMBERS];
    long long workshop;
    review_opts_t ro;
} event_args_t;

/* Adds a comma-separated list of state codes (alpha-2 or alpha-3) as alpha-3. */
static rc_t add_states(cli_t *c, event_args_t *a, const char *list)
{
    char *copy = arena_strdup(&c->arena, list), *save = NULL;
    for (char *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        state_t s;
        rc_t rc = cli_state(c, tok, &s);
        if (rc != RC_OK)
            return err_prefix(&c->err, "--state: "), RC_INPUT;
        if (a->ev.nstates == MAX_MEMBERS)
            return err_set(&c->err, RC_INPUT, "--state: more than %d states", MAX_MEMBERS);
        memcpy(a->states[a->ev.nstates++], s.alpha3, 4);
    }
    return RC_OK;
}

static rc_t add_themes(cli_t *c, event_args_t *a, const char *list)
{
    char *copy = arena_strdup(&c->arena, list), *save = NULL;
    for (char *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        if (a->ev.nthemes == MAX_MEMBERS)
            return err_set(&c->err, RC_INPUT, "--theme: more than %d themes", MAX_MEMBERS);
        a->themes[a->ev.nthemes++] = tok;
    }
    return RC_OK;
}

static rc_t parse_add(cli_t *c, int argc, char **argv, event_args_t *a)
{
    static const struct option opts[] = {
        {"kind", required_argument, NULL, 'k'},    {"title", required_argument, NULL, 't'},
        {"start", required_argument, NULL, 's'},   {"end", required_argument, NULL, 'e'},
        {"place", required_argument, NULL, 'p'},   {"organizer", required_argument, NULL, 'o'},
        {"status", required_argument, NULL, 'S'},  {"state", required_argument, NULL, 'c'},
        {"theme", required_argument, NULL, 'T'},   {"from-workshop", required_argument, NULL, 'w'},
        {"as-of", required_argument, NULL, 'a'},   {"groups", required_argument, NULL, 'g'},
        {NULL, 0, NULL, 0}};
    rc_t rc = RC_OK;
    long long k;
    a->ro.published_only = true; /* the workshops `review workshops` lists by default */
    optind = 1;
    for (int o; rc == RC_OK && (o = getopt_long(argc, argv, "", opts, NULL)) != -1;) {
        switch (o) {
        case 'k': a->ev.kind = optarg; break;
        case 't': a->ev.title = optarg; break;
        case 's': rc = cli_date(c, optarg, "--start", a->ev.start); break;
        case 'e': rc = cli_date(c, optarg, "--end", a->ev.end); break;
        case 'p': a->ev.place = optarg; break;
        case 'o': a->ev.organizer = optarg; break;
        case 'S': a->ev.status = optarg; break;
        case 'c': rc = add_states(c, a, optarg); break;
        case 'T': rc = add_themes(c, a, optarg); break;
        case 'w': rc = cli_int(c, optarg, "--from-workshop", 1, 100000, &a->workshop); break;
        case 'a': rc = cli_date(c, optarg, "--as-of", a->ro.as_of); break;
        case 'g':
            if ((rc = cli_int(c, optarg, "--groups", 1, 50, &k)) == RC_OK)
                a->ro.groups = (size_t)k;
            break;
        default: return cli_usage_error(c, usage, "unknown option");
        }
    }
    if (rc != RC_OK)
        return rc;
    if (optind < argc)
        return cli_usage_error(c, usage, "unexpected argument '%s'", argv[optind]);
    if (!a->workshop && (a->ro.as_of[0] || a->ro.groups))
        return cli_usage_error(c, usage, "--as-of and --groups go with --from-workshop");
    if (!a->ev.end[0])
        memcpy(a->ev.end, a->ev.start, 11);
    return RC_OK;
}

/* Fills states, themes and kind from the review's proposed workshop. */
static rc_t from_workshop(cli_t *c, event_args_t *a)
{
    if (a->ev.nstates || a->ev.nthemes || (a->ev.kind && strcmp(a->ev.kind, "regional-workshop")))
        return err_set(&c->err, RC_USAGE, "--from-workshop takes its states, themes and kind"
                       " from the proposal; leave out --state, --theme and --kind");
    store_t *st;
    review_t *r = arena_alloc(&c->arena, sizeof *r);
    rc_t rc = cli_store(c, STORE_OPEN_EXISTING, &st);
    if (rc != RC_OK || (rc = review_build(st, &a->ro, &c->arena, r, &c->err)) != RC_OK)
        return rc;
    if ((size_t)a->workshop > r->nworkshops)
        return err_set(&c->err, RC_NOTFOUND, "--from-workshop: no proposed workshop %lld (the"
                       " review proposes %zu as of %s)", a->workshop, r->nworkshops, r->now.as_of);
    const review_workshop_t *w = &r->workshops[a->workshop - 1];
    for (size_t i = 0; i < w->nstates; i++)
        memcpy(a->states[a->ev.nstates++], r->d.states[w->states[i]].alpha3, 4);
    for (size_t i = 0; i < w->nthemes; i++)
        a->themes[a->ev.nthemes++] = r->d.themes[w->themes[i]].code;
    a->ev.kind = "regional-workshop";
    return RC_OK;
}

static rc_t event_add(cli_t *c, int argc, char **argv)
{
    event_args_t *a = arena_alloc(&c->arena, sizeof *a);
    a->ev.status = "planned";
    rc_t rc = parse_add(c, argc, argv, a);
    if (rc == RC_OK && a->workshop)
        rc = from_workshop(c, a);
    if (rc != RC_OK)
        return rc;
    a->ev.states = a->states;
    a->ev.themes = a->themes;
    app_t app;
    if ((rc = cli_app(c, &app)) != RC_OK ||
        (rc = app_event_add(&app, &a->ev, a->workshop, &c->err)) != RC_OK)
        return rc;
    printf("event %lld: %s %s, %zu states\n", a->ev.id, a->ev.kind, a->ev.start, a->ev.nstates);
    return RC_OK;
}

static void put_text(buf_t *b, const event_t *ev, bool full)
{
    buf_printf(b, "%lld  %s..%s  %-17s %-9s %s", ev->id, ev->start, ev->end, ev->kind,
               ev->status, ev->title);
    if (!full) {
        buf_printf(b, " (%zu states)\n", ev->nstates);
        return;
    }
    buf_printf(b, "\nplace: %s\norganizer: %s\nstates:", ev->place, ev->organizer);
    for (size_t i = 0; i < ev->nstates; i++)
        buf_printf(b, " %s", ev->states[i]);
    buf_puts(b, "\nthemes:");
    for (size_t i = 0; i < ev->nthemes; i++)
        buf_printf(b, " %s", ev->themes[i]);
    buf_putc(b, '\n');
}

static rc_t event_read(cli_t *c, int argc, char **argv, bool show)
{
    static const struct option opts[] = {{"format", required_argument, NULL, 'f'},
                                         {"state", required_argument, NULL, 's'},
                                         {NULL, 0, NULL, 0}};
    const char *format = NULL, *code = NULL;
    optind = 1;
    for (int o; (o = getopt_long(argc, argv, "", opts, NULL)) != -1;) {
        if (o == 'f')
            format = optarg;
        else if (o == 's' && !show)
            code = optarg;
        else
            return cli_usage_error(c, usage, "unknown option");
    }
    bool json;
    long long id = 0;
    state_t s;
    store_t *st;
    event_t *evs = NULL, one;
    size_t n = 1;
    rc_t rc = cli_format_json(c, format, &json);
    if (rc == RC_OK && show)
        rc = optind + 1 == argc ? cli_int(c, argv[optind], "event id", 1, (long long)1 << 53, &id)
                                : cli_usage_error(c, usage, "event show takes one ID");
    else if (rc == RC_OK && optind < argc)
        rc = cli_usage_error(c, usage, "unexpected argument '%s'", argv[optind]);
    if (rc == RC_OK && code)
        rc = cli_state(c, code, &s);
    if (rc != RC_OK || (rc = cli_store(c, STORE_OPEN_EXISTING, &st)) != RC_OK)
        return rc;
    rc = show ? store_outreach_get(st, id, &c->arena, &one, &c->err)
              : store_outreach_list(st, code ? s.alpha3 : NULL, &c->arena, &evs, &n, &c->err);
    if (rc != RC_OK)
        return rc;
    if (show)
        evs = &one;
    buf_t b;
    buf_init(&b, 0);
    buf_puts(&b, json && !show ? "[" : "");
    for (size_t i = 0; i < n; i++) {
        if (json) {
            buf_puts(&b, i ? ",\n" : "");
            json_write_event(&b, &evs[i]);
        } else {
            put_text(&b, &evs[i], show);
        }
    }
    buf_puts(&b, json ? (show ? "\n" : "]\n") : "");
    rc = cli_print(c, &b);
    buf_free(&b);
    return rc;
}

rc_t cmd_event(cli_t *c, int argc, char **argv)
{
    if (argc < 2 || cli_wants_help(argc, argv))
        return argc < 2 ? cli_usage_error(c, usage, "give add, list or show")
                        : (fputs(usage, stdout), RC_OK);
    if (strcmp(argv[1], "add") == 0)
        return event_add(c, argc - 1, argv + 1);
    if (strcmp(argv[1], "list") == 0)
        return event_read(c, argc - 1, argv + 1, false);
    if (strcmp(argv[1], "show") == 0)
        return event_read(c, argc - 1, argv + 1, true);
    return cli_usage_error(c, usage, "unknown subcommand '%s' (add, list or show)", argv[1]);
}
