/*
 * `r1540 practice`: effective practices and lessons learned (issue 17 item
 * 5; src/app/app_practice.h). A state's or an organization's accounts submit
 * (`--as`), an expert or the Committee publishes or returns with a note;
 * list and show give what the actor may read (published ones to anyone).
 */
#include <libgen.h>
#include <stdlib.h>
#include <string.h>

#include "../app/app_practice.h"
#include "../util/file.h"
#include "../util/json_out.h"
#include "commands.h"

static const char usage[] =
    "usage: r1540 practice add (STATE | --org CODE) --title TEXT --summary TEXT\n"
    "                          --language ar|zh|en|fr|ru|es [--items ID,...] [--themes KEY,...]\n"
    "                          [--file PATH]\n"
    "       r1540 practice list [--status submitted|published|returned] [--item ID]\n"
    "                           [--state CODE] [--org CODE] [--format text|json]\n"
    "       r1540 practice show ID [--format text|json]\n"
    "       r1540 practice publish ID\n"
    "       r1540 practice return ID --note TEXT\n"
    "\n"
    "A practice is linked to matrix items (template item ids) or themes, at\n"
    "least one. It waits for an expert or the Committee: `publish` makes it\n"
    "public and searchable, `return` sends it back with the note. Until then\n"
    "only the reviewers and the submitting state's or organization's accounts\n"
    "read it.\n";

static rc_t practice_add(cli_t *c, app_t *app, int argc, char **argv)
{
    static const struct option opts[] = {
        {"org", required_argument, NULL, 'o'},      {"title", required_argument, NULL, 't'},
        {"summary", required_argument, NULL, 's'},  {"language", required_argument, NULL, 'l'},
        {"items", required_argument, NULL, 'i'},    {"themes", required_argument, NULL, 'h'},
        {"file", required_argument, NULL, 'f'},     {NULL, 0, NULL, 0}};
    app_practice_in_t in = {0};
    const char *file = NULL;
    optind = 1;
    for (int op; (op = getopt_long(argc, argv, "", opts, NULL)) != -1;) {
        switch (op) {
        case 'o': in.org = optarg; break;
        case 't': in.title = optarg; break;
        case 's': in.summary = optarg; break;
        case 'l': in.language = optarg; break;
        case 'i': in.items = optarg; break;
        case 'h': in.themes = optarg; break;
        case 'f': file = optarg; break;
        default: return cli_usage_error(c, usage, "unknown option");
        }
    }
    if (argc - optind > 1 || (argc - optind == 1) == (in.org != NULL))
        return cli_usage_error(c, usage, "practice add takes one STATE or --org CODE");
    in.state = optind < argc ? argv[optind] : NULL;
    if (!in.title || !in.summary || !in.language)
        return cli_usage_error(c, usage, "--title, --summary and --language are required");
    rc_t rc;
    if (file) { /* read at most one byte over the limit: the store refuses it */
        char *doc, *max;
        if ((rc = store_meta_get(app->st, "max_document_bytes", &c->arena, &max, &c->err)) !=
                RC_OK ||
            (rc = file_read_all(file, strtoull(max, NULL, 10), &c->arena, &doc, &in.len,
                                &c->err)) != RC_OK)
            return rc;
        in.doc = doc;
        in.filename = basename(arena_strdup(&c->arena, file));
    }
    practice_t p;
    if ((rc = app_practice_submit(app, &in, &p, &c->err)) == RC_OK)
        printf("practice %lld: submitted\n", p.id);
    return rc;
}

static rc_t practice_id(cli_t *c, int argc, char **argv, const char *what, long long *id)
{
    if (optind != argc - 1)
        return cli_usage_error(c, usage, "%s takes one ID", what);
    return cli_int(c, argv[optind], "practice id", 1, (long long)1 << 53, id);
}

static rc_t practice_decide(cli_t *c, app_t *app, int argc, char **argv)
{
    static const struct option opts[] = {{"note", required_argument, NULL, 'n'},
                                         {NULL, 0, NULL, 0}};
    bool publish = strcmp(argv[0], "publish") == 0;
    const char *note = NULL;
    optind = 1;
    for (int op; (op = getopt_long(argc, argv, "", opts, NULL)) != -1;) {
        if (op == 'n' && !publish)
            note = optarg;
        else
            return cli_usage_error(c, usage, "unknown option");
    }
    long long id;
    rc_t rc = practice_id(c, argc, argv, argv[0], &id);
    practice_t p;
    if (rc == RC_OK && (rc = app_practice_decide(app, id, argv[0], note, &p, &c->err)) == RC_OK)
        printf("practice %lld: %s\n", id, p.status);
    return rc;
}

static void practice_json(buf_t *b, const practice_t *p)
{
    buf_putc(b, '{');
    json_out_kll(b, 0, "id", p->id);
    json_out_kv(b, 1, "state", p->state);
    json_out_kv(b, 1, "org", p->org);
    json_out_kv(b, 1, "title", p->title);
    json_out_kv(b, 1, "summary", p->summary);
    json_out_kv(b, 1, "language", p->language);
    json_out_kv(b, 1, "items", p->items);
    json_out_kv(b, 1, "themes", p->themes);
    json_out_kv(b, 1, "status", p->status);
    json_out_kv(b, 1, "note", p->note);
    json_out_kv(b, 1, "submitted", p->submitted);
    json_out_kv(b, 1, "decided", p->decided);
    json_out_kv(b, 1, "submitter", p->submitter);
    buf_printf(b, ",\"demo\":%s,\"document\":", p->demo ? "true" : "false");
    if (p->has_document) {
        buf_putc(b, '{');
        json_out_kv(b, 0, "filename", p->filename);
        json_out_kv(b, 1, "media_type", p->media_type);
        json_out_kll(b, 1, "size", p->size);
        json_out_kv(b, 1, "sha256", p->sha256);
        buf_putc(b, '}');
    } else {
        buf_puts(b, "null");
    }
    buf_putc(b, '}');
}

static void practice_text(buf_t *b, const practice_t *p)
{
    buf_printf(b, "practice %lld: %s%s\n", p->id, p->title, p->demo ? " (demo)" : "");
    buf_printf(b, "by: %s\nstatus: %s\nsubmitted: %s by %s\n", p->state[0] ? p->state : p->org,
               p->status, p->submitted, p->submitter);
    if (p->decided[0])
        buf_printf(b, "decided: %s\n", p->decided);
    if (p->note[0])
        buf_printf(b, "note: %s\n", p->note);
    buf_printf(b, "language: %s\nitems: %s\nthemes: %s\n", p->language, p->items, p->themes);
    if (p->has_document)
        buf_printf(b, "document: %s (%s, %lld bytes, sha256 %s)\n", p->filename, p->media_type,
                   p->size, p->sha256);
    buf_printf(b, "\n%s\n", p->summary);
}

static rc_t practice_read(cli_t *c, app_t *app, int argc, char **argv)
{
    static const struct option opts[] = {
        {"format", required_argument, NULL, 'f'}, {"status", required_argument, NULL, 's'},
        {"item", required_argument, NULL, 'i'},   {"state", required_argument, NULL, 't'},
        {"org", required_argument, NULL, 'o'},    {NULL, 0, NULL, 0}};
    bool show = strcmp(argv[0], "show") == 0, json;
    const char *format = NULL, *state = NULL;
    practice_filter_t f = {0};
    optind = 1;
    for (int op; (op = getopt_long(argc, argv, "", opts, NULL)) != -1;) {
        if (op == 'f')
            format = optarg;
        else if (op == 's' && !show)
            f.status = optarg;
        else if (op == 'i' && !show)
            f.item = optarg;
        else if (op == 't' && !show)
            state = optarg;
        else if (op == 'o' && !show)
            f.org = optarg;
        else
            return cli_usage_error(c, usage, "unknown option");
    }
    rc_t rc = cli_format_json(c, format, &json);
    state_t s;
    if (rc == RC_OK && state && (rc = cli_state(c, state, &s)) == RC_OK)
        f.state = s.alpha3;
    if (rc != RC_OK)
        return rc;
    buf_t b;
    buf_init(&b, 0);
    if (show) {
        long long id;
        practice_t p;
        if ((rc = practice_id(c, argc, argv, "show", &id)) != RC_OK ||
            (rc = app_practice_get(app, id, &p, &c->err)) != RC_OK)
            return buf_free(&b), rc;
        if (json)
            practice_json(&b, &p), buf_putc(&b, '\n');
        else
            practice_text(&b, &p);
    } else {
        practice_t *rows;
        size_t n;
        if (optind < argc)
            return cli_usage_error(c, usage, "unexpected argument '%s'", argv[optind]);
        if ((rc = app_practice_list(app, &f, &rows, &n, &c->err)) != RC_OK)
            return buf_free(&b), rc;
        buf_puts(&b, json ? "[" : "");
        for (size_t i = 0; i < n; i++) {
            if (json) {
                buf_puts(&b, i ? ",\n" : "");
                practice_json(&b, &rows[i]);
            } else {
                buf_printf(&b, "%lld  %-9s  %-4s  %s  %s%s\n", rows[i].id, rows[i].status,
                           rows[i].state[0] ? rows[i].state : rows[i].org, rows[i].submitted,
                           rows[i].title, rows[i].demo ? "  (demo)" : "");
            }
        }
        buf_puts(&b, json ? "]\n" : "");
    }
    rc = cli_print(c, &b);
    buf_free(&b);
    return rc;
}

rc_t cmd_practice(cli_t *c, int argc, char **argv)
{
    if (argc < 2 || cli_wants_help(argc, argv))
        return argc < 2 ? cli_usage_error(c, usage, "give a subcommand")
                        : (fputs(usage, stdout), RC_OK);
    static const struct {
        const char *name;
        rc_t (*run)(cli_t *, app_t *, int, char **);
    } subs[] = {{"add", practice_add},         {"list", practice_read},
                {"show", practice_read},       {"publish", practice_decide},
                {"return", practice_decide}};
    for (size_t i = 0; i < sizeof subs / sizeof *subs; i++)
        if (strcmp(argv[1], subs[i].name) == 0) {
            app_t app;
            rc_t rc = cli_app(c, &app);
            return rc == RC_OK ? subs[i].run(c, &app, argc - 1, argv + 1) : rc;
        }
    return cli_usage_error(c, usage, "unknown subcommand '%s'", argv[1]);
}
