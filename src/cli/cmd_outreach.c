/*
 * `r1540 outreach`: the Committee's letters, meetings and visits to one state
 * with the state's answer, and the states that never reported or have been
 * silent for years with the last outreach to each (src/app/app_outreach.h).
 * With --as the run is held to that account's permissions, as on the web.
 */
#include <string.h>

#include "../app/app_outreach.h"
#include "../util/date.h"
#include "../util/json_out.h"
#include "commands.h"

static const char usage[] =
    "usage: r1540 outreach add STATE --kind letter|meeting|visit --date DATE --subject TEXT\n"
    "       r1540 outreach answer ID --date DATE --text TEXT\n"
    "       r1540 outreach list [STATE] [--format text|json]\n"
    "       r1540 outreach silent [--years N] [--as-of DATE] [--format text|json]\n"
    "\n"
    "`silent` lists the states that never reported or whose latest report is N\n"
    "years old or more (default 5) as of DATE (default today), never-reported\n"
    "first, each with the last outreach to it. Not public: the Committee, the\n"
    "experts and administrators read it; a state reads its own entries.\n";

static rc_t outreach_add(cli_t *c, app_t *app, int argc, char **argv)
{
    static const struct option opts[] = {{"kind", required_argument, NULL, 'k'},
                                         {"date", required_argument, NULL, 'd'},
                                         {"subject", required_argument, NULL, 's'},
                                         {NULL, 0, NULL, 0}};
    outreach_entry_t o = {0};
    optind = 2;
    for (int op; (op = getopt_long(argc, argv, "", opts, NULL)) != -1;) {
        if (op == 'k')
            o.kind = optarg;
        else if (op == 's')
            o.subject = optarg;
        else if (op != 'd' || cli_date(c, optarg, "--date", o.date) != RC_OK)
            return op == 'd' ? RC_USAGE : cli_usage_error(c, usage, "unknown option");
    }
    if (argc < 2 || optind < argc)
        return cli_usage_error(c, usage, "outreach add takes one STATE");
    snprintf(o.state, sizeof o.state, "%.3s", argv[1]);
    state_t s;
    rc_t rc = cli_state(c, argv[1], &s);
    if (rc != RC_OK)
        return rc;
    memcpy(o.state, s.alpha3, 4);
    if ((rc = app_outreach_add(app, &o, &c->err)) == RC_OK)
        printf("outreach %lld: %s %s %s\n", o.id, o.state, o.kind, o.date);
    return rc;
}

static rc_t outreach_answer(cli_t *c, app_t *app, int argc, char **argv)
{
    static const struct option opts[] = {{"date", required_argument, NULL, 'd'},
                                         {"text", required_argument, NULL, 't'},
                                         {NULL, 0, NULL, 0}};
    char date[11] = "";
    const char *text = NULL;
    optind = 2;
    for (int op; (op = getopt_long(argc, argv, "", opts, NULL)) != -1;) {
        if (op == 't')
            text = optarg;
        else if (op != 'd' || cli_date(c, optarg, "--date", date) != RC_OK)
            return op == 'd' ? RC_USAGE : cli_usage_error(c, usage, "unknown option");
    }
    long long id;
    if (argc < 2 || optind < argc)
        return cli_usage_error(c, usage, "outreach answer takes one ID");
    rc_t rc = cli_int(c, argv[1], "outreach id", 1, (long long)1 << 53, &id);
    if (rc == RC_OK && (rc = app_outreach_answer(app, id, text, date, &c->err)) == RC_OK)
        printf("outreach %lld: answered %s\n", id, date);
    return rc;
}

static void entry_json(buf_t *b, const outreach_entry_t *o)
{
    buf_putc(b, '{');
    json_out_kll(b, 0, "id", o->id);
    json_out_kv(b, 1, "state", o->state);
    json_out_kv(b, 1, "date", o->date);
    json_out_kv(b, 1, "kind", o->kind);
    json_out_kv(b, 1, "subject", o->subject);
    json_out_kv(b, 1, "answer", o->answer);
    json_out_kv(b, 1, "answer_date", o->answer_date);
    buf_putc(b, '}');
}

/* list [STATE] and silent [--years N] [--as-of DATE] */
static rc_t outreach_read(cli_t *c, app_t *app, int argc, char **argv)
{
    static const struct option opts[] = {{"format", required_argument, NULL, 'f'},
                                         {"years", required_argument, NULL, 'y'},
                                         {"as-of", required_argument, NULL, 'a'},
                                         {NULL, 0, NULL, 0}};
    bool silent = strcmp(argv[0], "silent") == 0, json;
    const char *format = NULL;
    long long years = 5;
    char as_of[11];
    date_today(as_of);
    rc_t rc = RC_OK;
    optind = 1;
    for (int op; rc == RC_OK && (op = getopt_long(argc, argv, "", opts, NULL)) != -1;) {
        if (op == 'f')
            format = optarg;
        else if (op == 'y' && silent)
            rc = cli_int(c, optarg, "--years", 1, 100, &years);
        else if (op == 'a' && silent)
            rc = cli_date(c, optarg, "--as-of", as_of);
        else
            return cli_usage_error(c, usage, "unknown option");
    }
    if (rc != RC_OK || (rc = cli_format_json(c, format, &json)) != RC_OK)
        return rc;
    if (argc - optind > (silent ? 0 : 1))
        return cli_usage_error(c, usage, "unexpected argument '%s'", argv[argc - 1]);
    state_t s;
    if (!silent && optind < argc && (rc = cli_state(c, argv[optind], &s)) != RC_OK)
        return rc;
    buf_t b;
    buf_init(&b, 0);
    if (silent) {
        outreach_silence_t *rows;
        size_t n;
        if ((rc = app_outreach_silence(app, (int)years, as_of, &rows, &n, &c->err)) != RC_OK)
            return buf_free(&b), rc;
        buf_puts(&b, json ? "[" : "");
        for (size_t i = 0; i < n; i++) {
            const outreach_silence_t *r = &rows[i];
            if (json) {
                buf_puts(&b, i ? ",\n{" : "{");
                json_out_kv(&b, 0, "state", r->state.alpha3);
                json_out_kv(&b, 1, "last_report", r->last_report);
                buf_printf(&b, ",\"years_silent\":%d,\"outreach_count\":%zu,\"last_outreach\":",
                           r->years_silent, r->nentries);
                if (r->last)
                    entry_json(&b, r->last);
                else
                    buf_puts(&b, "null");
                buf_putc(&b, '}');
            } else {
                buf_printf(&b, "%s  %-10s  %s", r->state.alpha3,
                           r->last_report[0] ? r->last_report : "never", r->last ? "" : "no outreach");
                if (r->last)
                    buf_printf(&b, "last %s %s%s", r->last->kind, r->last->date,
                               r->last->answer_date[0] ? ", answered" : ", no answer");
                buf_putc(&b, '\n');
            }
        }
        buf_puts(&b, json ? "]\n" : "");
    } else {
        outreach_entry_t *rows;
        size_t n;
        rc = app_outreach_list(app, optind < argc ? s.alpha3 : NULL, &rows, &n, &c->err);
        if (rc != RC_OK)
            return buf_free(&b), rc;
        buf_puts(&b, json ? "[" : "");
        for (size_t i = 0; i < n; i++) {
            if (json) {
                buf_puts(&b, i ? ",\n" : "");
                entry_json(&b, &rows[i]);
            } else {
                buf_printf(&b, "%lld  %s  %s  %-7s  %s%s%s\n", rows[i].id, rows[i].state,
                           rows[i].date, rows[i].kind, rows[i].subject,
                           rows[i].answer_date[0] ? "  answered " : "", rows[i].answer_date);
            }
        }
        buf_puts(&b, json ? "]\n" : "");
    }
    rc = cli_print(c, &b);
    buf_free(&b);
    return rc;
}

rc_t cmd_outreach(cli_t *c, int argc, char **argv)
{
    if (argc < 2 || cli_wants_help(argc, argv))
        return argc < 2 ? cli_usage_error(c, usage, "give a subcommand")
                        : (fputs(usage, stdout), RC_OK);
    static const struct {
        const char *name;
        rc_t (*run)(cli_t *, app_t *, int, char **);
    } subs[] = {{"add", outreach_add},
                {"answer", outreach_answer},
                {"list", outreach_read},
                {"silent", outreach_read}};
    for (size_t i = 0; i < sizeof subs / sizeof *subs; i++)
        if (strcmp(argv[1], subs[i].name) == 0) {
            app_t app;
            rc_t rc = cli_app(c, &app);
            return rc == RC_OK ? subs[i].run(c, &app, argc - 1, argv + 1) : rc;
        }
    return cli_usage_error(c, usage, "unknown subcommand '%s'", argv[1]);
}
