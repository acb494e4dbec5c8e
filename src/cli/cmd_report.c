/*
 * `r1540 report add|list|get`: the documents states submit.
 */
#include <libgen.h>
#include <stdlib.h>
#include <string.h>

#include "../app/app_report.h"
#include "../io/json_export.h"
#include "../util/file.h"
#include "../util/json_out.h"
#include "../util/text.h"
#include "commands.h"

static const char usage[] =
    "usage: r1540 report add STATE --kind KIND --date YYYY-MM-DD --language LL\n"
    "                          --title TEXT [--file PATH]\n"
    "       r1540 report list [STATE] [--format text|json]\n"
    "       r1540 report get ID [-o PATH] [--format text|json]\n"
    "\n"
    "add    records a document a state submitted; KIND is first-report,\n"
    "       additional-information, action-plan, peer-review or letter; the file\n"
    "       (PDF, Word, OpenDocument or text, up to the database's maximum document\n"
    "       size) is stored with its SHA-256. Prints the new report's id.\n"
    "list   all reports, or one state's, by date\n"
    "get    a report's metadata; with -o PATH writes the stored file there\n"
    "       (-o - writes it to standard output)\n";

typedef struct {
    const char *kind, *date, *language, *title, *file, *out, *format;
} report_opts_t;

static rc_t report_add(cli_t *c, const char *code, const report_opts_t *o)
{
    store_t *st;
    state_t s;
    app_t a;
    report_t r;
    rc_t rc = cli_state(c, code, &s);
    if (rc != RC_OK || (rc = cli_store(c, STORE_OPEN_EXISTING, &st)) != RC_OK)
        return rc;
    if (!o->kind || !o->date || !o->language || !o->title)
        return cli_usage_error(c, usage, "--kind, --date, --language and --title are required");
    app_report_in_t in = {.state = s.alpha3, .kind = o->kind, .date = o->date,
                          .language = o->language, .title = o->title};
    if (o->file) { /* read at most one byte over the limit: the operation refuses it */
        char *doc, *max;
        if ((rc = store_meta_get(st, "max_document_bytes", &c->arena, &max, &c->err)) != RC_OK ||
            (rc = file_read_all(o->file, strtoull(max, NULL, 10), &c->arena, &doc, &in.len,
                                &c->err)) != RC_OK)
            return rc;
        in.doc = doc;
        in.filename = basename(arena_strdup(&c->arena, o->file));
    }
    if ((rc = cli_app(c, &a)) != RC_OK || (rc = app_report_add(&a, &in, &r, &c->err)) != RC_OK)
        return rc;
    printf("%lld\n", r.id);
    return RC_OK;
}

static rc_t report_list(cli_t *c, const char *code, bool json)
{
    store_t *st;
    state_t s;
    report_t *reports;
    size_t n;
    rc_t rc = code ? cli_state(c, code, &s) : RC_OK;
    if (rc != RC_OK || (rc = cli_store(c, STORE_OPEN_EXISTING, &st)) != RC_OK ||
        (rc = store_report_list(st, code ? s.alpha3 : NULL, &c->arena, &reports, &n,
                                &c->err)) != RC_OK)
        return rc;
    buf_t b;
    buf_init(&b, 0);
    buf_puts(&b, json ? "[" : "");
    for (size_t i = 0; i < n; i++) {
        if (json) {
            buf_puts(&b, i ? ",\n" : "\n");
            json_write_report(&b, &reports[i], NULL, 0);
        } else {
            buf_printf(&b, "%5lld  %s  %s  %-22s  %-2s  %s\n", reports[i].id, reports[i].state,
                       reports[i].date, reports[i].kind, reports[i].language, reports[i].title);
        }
    }
    buf_puts(&b, json ? "\n]\n" : "");
    rc = cli_print(c, &b);
    buf_free(&b);
    return rc;
}

static rc_t write_document(cli_t *c, store_t *st, long long id, const char *path)
{
    void *doc;
    size_t len;
    rc_t rc = store_report_document(st, id, &c->arena, &doc, &len, &c->err);
    if (rc != RC_OK)
        return rc;
    FILE *f = strcmp(path, "-") == 0 ? stdout : fopen(path, "wb");
    if (!f)
        return err_set(&c->err, RC_FAIL, "%s: cannot write", path);
    bool ok = fwrite(doc, 1, len, f) == len;
    ok = (f == stdout ? fflush(f) : fclose(f)) == 0 && ok;
    return ok ? RC_OK : err_set(&c->err, RC_FAIL, "%s: write failed", path);
}

static rc_t report_get(cli_t *c, const char *arg, const report_opts_t *o, bool json)
{
    store_t *st;
    report_t r;
    long long id;
    rc_t rc = cli_int(c, arg, "ID", 1, 1LL << 53, &id);
    if (rc != RC_OK || (rc = cli_store(c, STORE_OPEN_EXISTING, &st)) != RC_OK ||
        (rc = store_report_get(st, id, &c->arena, &r, &c->err)) != RC_OK)
        return rc;
    if (o->out)
        return write_document(c, st, id, o->out);
    buf_t b;
    buf_init(&b, 0);
    if (json) {
        json_write_report(&b, &r, NULL, 0);
        buf_putc(&b, '\n');
    } else {
        buf_printf(&b, "id: %lld\nstate: %s\nkind: %s\ndate: %s\nlanguage: %s\ntitle: %s\n", r.id,
                   r.state, r.kind, r.date, r.language, r.title);
        if (r.size >= 0)
            buf_printf(&b, "file: %s (%s, %lld bytes%s)\nsha256: %s\n",
                       r.filename ? r.filename : "", r.media_type ? r.media_type : "", r.size,
                       r.has_document ? "" : ", not stored", r.sha256);
        report_text_t t;
        if (r.has_document && store_report_text_get(st, r.id, &c->arena, &t, &c->err) == RC_OK)
            buf_printf(&b, "text: %s, %d pages%s%s\n",
                       strcmp(t.status, REPORT_TEXT_OK) == 0 ? "text" : "no text", t.pages,
                       *t.note ? "; " : "", t.note);
    }
    rc = cli_print(c, &b);
    buf_free(&b);
    return rc;
}

rc_t cmd_report(cli_t *c, int argc, char **argv)
{
    static const struct option opts[] = {
        {"kind", required_argument, NULL, 'k'},   {"date", required_argument, NULL, 'd'},
        {"language", required_argument, NULL, 'l'}, {"title", required_argument, NULL, 't'},
        {"file", required_argument, NULL, 'F'},   {"output", required_argument, NULL, 'o'},
        {"format", required_argument, NULL, 'f'}, {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    report_opts_t o = {0};
    optind = 0;
    for (int opt; (opt = getopt_long(argc, argv, "ho:", opts, NULL)) != -1;) {
        switch (opt) {
        case 'h': return fputs(usage, stdout), RC_OK;
        case 'k': o.kind = optarg; break;
        case 'd': o.date = optarg; break;
        case 'l': o.language = optarg; break;
        case 't': o.title = optarg; break;
        case 'F': o.file = optarg; break;
        case 'o': o.out = optarg; break;
        case 'f': o.format = optarg; break;
        default: return cli_usage_error(c, usage, "unknown option");
        }
    }
    bool json;
    if (cli_format_json(c, o.format, &json) != RC_OK)
        return RC_USAGE;
    int rest = argc - optind;
    const char *verb = rest > 0 ? argv[optind] : "";
    if (strcmp(verb, "add") == 0 && rest == 2)
        return report_add(c, argv[optind + 1], &o);
    if (strcmp(verb, "list") == 0 && rest <= 2)
        return report_list(c, rest == 2 ? argv[optind + 1] : NULL, json);
    if (strcmp(verb, "get") == 0 && rest == 2)
        return report_get(c, argv[optind + 1], &o, json);
    return cli_usage_error(c, usage, "expected `report add STATE ...`, `report list [STATE]` "
                                     "or `report get ID`");
}
