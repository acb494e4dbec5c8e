/*
 * `r1540 contact`: the roster of national points of contact and training
 * attendance (src/app/app_roster.h). Every subcommand is an operation of the
 * application layer, so `--as USER` holds the run to that account's
 * permissions exactly as the web does; without it the operator acts as the
 * system actor.
 */
#include <string.h>

#include "../app/app_roster.h"
#include "../util/json_out.h"
#include "commands.h"

static const char usage[] =
    "usage: r1540 contact add STATE --person NAME --areas A,... --since DATE\n"
    "                 [--function F] [--ministry M] [--languages LL,...]\n"
    "       r1540 contact update ID [--person ...] [--areas ...] [--since ...]\n"
    "                 [--function F] [--ministry M] [--languages LL,...]\n"
    "       r1540 contact remove ID\n"
    "       r1540 contact list [STATE] [--format text|json]\n"
    "       r1540 contact show ID [--format text|json]\n"
    "       r1540 contact link ID USER      (administrators)\n"
    "       r1540 contact unlink ID\n"
    "       r1540 contact attend EVENT ID [--clear]\n"
    "       r1540 contact attendance EVENT [--format text|json]\n"
    "\n"
    "Areas: nuclear, chemical, biological, delivery, export-control, general.\n"
    "The roster is personal data: the Committee, experts, administrators and the\n"
    "state's own accounts read it; the state's accounts keep it current (--as).\n";

static rc_t id_arg(cli_t *c, const char *s, const char *what, long long *id)
{
    return cli_int(c, s, what, 1, (long long)1 << 53, id);
}

/* Parses the field options into *ct (only those given change it). */
static rc_t parse_fields(cli_t *c, int argc, char **argv, contact_t *ct)
{
    static const struct option opts[] = {
        {"person", required_argument, NULL, 'p'},   {"function", required_argument, NULL, 'f'},
        {"ministry", required_argument, NULL, 'm'}, {"areas", required_argument, NULL, 'a'},
        {"languages", required_argument, NULL, 'l'}, {"since", required_argument, NULL, 's'},
        {NULL, 0, NULL, 0}};
    optind = 2; /* argv[1] is the state or the id */
    for (int o; (o = getopt_long(argc, argv, "", opts, NULL)) != -1;) {
        switch (o) {
        case 'p': ct->person = optarg; break;
        case 'f': ct->function = optarg; break;
        case 'm': ct->ministry = optarg; break;
        case 'a': ct->areas = optarg; break;
        case 'l': ct->languages = optarg; break;
        case 's':
            if (cli_date(c, optarg, "--since", ct->since) != RC_OK)
                return RC_USAGE;
            break;
        default: return cli_usage_error(c, usage, "unknown option");
        }
    }
    if (optind < argc)
        return cli_usage_error(c, usage, "unexpected argument '%s'", argv[optind]);
    return RC_OK;
}

static rc_t contact_add(cli_t *c, app_t *app, int argc, char **argv)
{
    contact_t ct = {.function = "", .ministry = "", .languages = ""};
    state_t s;
    if (argc < 2)
        return cli_usage_error(c, usage, "contact add takes a STATE");
    rc_t rc = cli_state(c, argv[1], &s);
    if (rc != RC_OK || (rc = parse_fields(c, argc, argv, &ct)) != RC_OK)
        return rc;
    memcpy(ct.state, s.alpha3, 4);
    if ((rc = app_contact_add(app, &ct, &c->err)) == RC_OK)
        printf("contact %lld: %s\n", ct.id, ct.state);
    return rc;
}

static rc_t contact_update(cli_t *c, app_t *app, int argc, char **argv)
{
    long long id;
    contact_t ct;
    rc_t rc = argc < 2 ? cli_usage_error(c, usage, "contact update takes an ID")
                       : id_arg(c, argv[1], "contact id", &id);
    if (rc != RC_OK || (rc = app_contact_get(app, id, &ct, &c->err)) != RC_OK ||
        (rc = parse_fields(c, argc, argv, &ct)) != RC_OK)
        return rc;
    if ((rc = app_contact_update(app, &ct, &c->err)) == RC_OK)
        printf("contact %lld: updated\n", id);
    return rc;
}

static void put_json(buf_t *b, const contact_t *ct, const long long *events, size_t nevents)
{
    buf_putc(b, '{');
    json_out_kll(b, 0, "id", ct->id);
    json_out_kv(b, 1, "state", ct->state);
    json_out_kv(b, 1, "person", ct->person);
    json_out_kv(b, 1, "function", ct->function);
    json_out_kv(b, 1, "ministry", ct->ministry);
    json_out_kv(b, 1, "areas", ct->areas);
    json_out_kv(b, 1, "languages", ct->languages);
    json_out_kv(b, 1, "since", ct->since);
    json_out_kv(b, 1, "user", ct->user_name);
    if (events) {
        buf_puts(b, ",\"trainings\":[");
        for (size_t i = 0; i < nevents; i++)
            buf_printf(b, "%s%lld", i ? "," : "", events[i]);
        buf_putc(b, ']');
    }
    buf_putc(b, '}');
}

static void put_text(buf_t *b, const contact_t *ct)
{
    buf_printf(b, "%lld  %s  %s  %s  %s  [%s]  %s  since %s%s%s\n", ct->id, ct->state,
               ct->person, ct->function, ct->ministry, ct->areas, ct->languages, ct->since,
               *ct->user_name ? "  account " : "", ct->user_name);
}

/* list [STATE], show ID, attendance EVENT */
static rc_t contact_read(cli_t *c, app_t *app, int argc, char **argv)
{
    static const struct option opts[] = {{"format", required_argument, NULL, 'f'},
                                         {NULL, 0, NULL, 0}};
    const char *format = NULL, *what = argv[0];
    optind = 1;
    for (int o; (o = getopt_long(argc, argv, "", opts, NULL)) != -1;) {
        if (o != 'f')
            return cli_usage_error(c, usage, "unknown option");
        format = optarg;
    }
    bool json, list = strcmp(what, "list") == 0, show = strcmp(what, "show") == 0;
    rc_t rc = cli_format_json(c, format, &json);
    if (rc != RC_OK)
        return rc;
    if (argc - optind > 1 || (!list && argc - optind != 1))
        return cli_usage_error(c, usage, "contact %s: wrong arguments", what);
    contact_t *rows = NULL, one;
    long long *events = NULL, id = 0;
    size_t n = 1, nevents = 0;
    state_t s;
    if (list && optind < argc && (rc = cli_state(c, argv[optind], &s)) != RC_OK)
        return rc;
    if (!list && (rc = id_arg(c, argv[optind], show ? "contact id" : "event id", &id)) != RC_OK)
        return rc;
    if (list)
        rc = app_contact_list(app, optind < argc ? s.alpha3 : NULL, &rows, &n, &c->err);
    else if (show && (rc = app_contact_get(app, id, &one, &c->err)) == RC_OK)
        rows = &one, rc = store_attendance_of(app->st, id, &c->arena, &events, &nevents, &c->err);
    else if (!show)
        rc = app_attendance_list(app, id, &rows, &n, &c->err);
    if (rc != RC_OK)
        return rc;
    buf_t b;
    buf_init(&b, 0);
    buf_puts(&b, json && !show ? "[" : "");
    for (size_t i = 0; i < n; i++) {
        if (json) {
            buf_puts(&b, i ? ",\n" : "");
            put_json(&b, &rows[i], show ? (events ? events : (long long[]){0}) : NULL, nevents);
        } else {
            put_text(&b, &rows[i]);
        }
    }
    if (!json && show) {
        buf_puts(&b, "trainings:");
        for (size_t i = 0; i < nevents; i++)
            buf_printf(&b, " %lld", events[i]);
        buf_putc(&b, '\n');
    }
    buf_puts(&b, json ? (show ? "\n" : "]\n") : "");
    rc = cli_print(c, &b);
    buf_free(&b);
    return rc;
}

/* remove ID, link ID USER, unlink ID, attend EVENT ID [--clear] */
static rc_t contact_change(cli_t *c, app_t *app, int argc, char **argv)
{
    const char *what = argv[0];
    bool attend = strcmp(what, "attend") == 0, link = strcmp(what, "link") == 0;
    bool clear = attend && argc == 4 && strcmp(argv[3], "--clear") == 0;
    int want = attend || link ? 3 : 2;
    if (argc != want && !clear)
        return cli_usage_error(c, usage, "contact %s: wrong arguments", what);
    long long id, other = 0;
    rc_t rc = id_arg(c, argv[1], attend ? "event id" : "contact id", &id);
    if (rc == RC_OK && attend)
        rc = id_arg(c, argv[2], "contact id", &other);
    if (rc != RC_OK)
        return rc;
    if (attend)
        rc = app_attendance_set(app, id, other, !clear, &c->err);
    else if (strcmp(what, "remove") == 0)
        rc = app_contact_remove(app, id, &c->err);
    else
        rc = app_contact_link(app, id, link ? argv[2] : NULL, &c->err);
    if (rc == RC_OK)
        printf("%s %lld: %s\n", attend ? "event" : "contact", id,
               attend ? (clear ? "attendance cleared" : "attendance recorded") : what);
    return rc;
}

rc_t cmd_contact(cli_t *c, int argc, char **argv)
{
    if (argc < 2 || cli_wants_help(argc, argv))
        return argc < 2 ? cli_usage_error(c, usage, "give a subcommand")
                        : (fputs(usage, stdout), RC_OK);
    static const struct {
        const char *name;
        rc_t (*run)(cli_t *, app_t *, int, char **);
    } subs[] = {
        {"add", contact_add},          {"update", contact_update}, {"list", contact_read},
        {"show", contact_read},        {"attendance", contact_read}, {"remove", contact_change},
        {"link", contact_change},      {"unlink", contact_change},   {"attend", contact_change},
    };
    for (size_t i = 0; i < sizeof subs / sizeof *subs; i++)
        if (strcmp(argv[1], subs[i].name) == 0) {
            app_t app;
            rc_t rc = cli_app(c, &app);
            return rc == RC_OK ? subs[i].run(c, &app, argc - 1, argv + 1) : rc;
        }
    return cli_usage_error(c, usage, "unknown subcommand '%s'", argv[1]);
}
