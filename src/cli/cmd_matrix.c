/*
 * `r1540 matrix ...`: a state's matrix versions — read them, compare two,
 * edit a draft, and move a version through the workflow. The store refuses
 * any change to an approved version; these commands only make the request.
 */
#include <stdlib.h>
#include <string.h>

#include "../app/app_matrix.h"
#include "../core/matrix_info.h"
#include "../io/json_export.h"
#include "../util/json_out.h"
#include "cmd_matrix_download.h"
#include "cmd_matrix_suggest.h"
#include "commands.h"

static const char usage[] =
    "usage: r1540 matrix list STATE\n"
    "       r1540 matrix show STATE [VERSION] [--all] [--lang L]\n"
    "       r1540 matrix diff STATE V1 V2\n"
    "       r1540 matrix new STATE [--from VERSION] [--template vN] [--date D]\n"
    "                        [--note TEXT]\n"
    "       r1540 matrix set STATE VERSION ITEM MARK [--ref TEXT] [--source ID]\n"
    "                        [--page P] [--remark TEXT] [--url URL]\n"
    "                        [--info TEXT] [--signed D] [--ratified D] [--acceded D]\n"
    "       r1540 matrix send|return|accept STATE VERSION\n"
    "       r1540 matrix comment STATE VERSION --text TEXT [--item ITEM]\n"
    "       r1540 matrix approve|publish STATE VERSION [--date D]\n"
    "       r1540 matrix suggest STATE VERSION [--item ITEM] [--limit N]\n"
    "       (list, show, diff and suggest take --format text|json)\n"
    "       r1540 matrix show STATE [VERSION] --format pdf|xlsx|csv -o FILE [--lang L]\n"
    "\n"
    "MARK is X (measure reported or legal basis found), ? (references incomplete\n"
    "or not directly relevant), NA (not applicable) or - (blank: no information).\n"
    "show   the latest version unless VERSION is given; --all lists blank items too;\n"
    "       --format pdf|xlsx|csv writes the file a reader downloads: the header\n"
    "       dates, the caveat and every item (docs/formats.md)\n"
    "new    a new draft copying the entries of --from (default: the latest version);\n"
    "       refused while the state has a draft or a version with the state;\n"
    "       --template vN: the draft uses template vN, its entries carried through\n"
    "       the crosswalk (data/template/vN/from-vM.tsv); those that cannot be\n"
    "       carried are listed and left out\n"
    "set    changes one entry of a draft; --url an official web address as source\n"
    "       (http/https); --info and its dates: OP1's relevant information\n"
    "       (signature, ratification, accession); if the state had accepted the version,\n"
    "       its acceptance is cleared (it must accept the changed content again)\n"
    "send   draft -> with-state; return: with-state -> draft (the experts);\n"
    "accept, comment: the state's answer (--as its point of contact); a comment\n"
    "       sends the version back to the experts as a draft;\n"
    "approve: with-state, accepted by the state -> approved; publish: approved ->\n"
    "published. An approved version never changes: make a new version to edit.\n"
    "suggest: per item, the pages of the state's reports that match the item's key\n"
    "       terms, with the article found near them (docs/drafting-aid.md); only reads\n"
    "The rules are the web's: see docs/internals/app.md. Without --as the command\n"
    "acts as the system actor, which may not answer for a state.\n";

typedef struct {
    const char *format, *lang, *date, *note, *ref, *source, *page, *remark, *from, *text, *item;
    const char *tmpl, *url, *info, *info_date[INFO_DATE_COUNT]; /* tmpl (issue 12) */
    const char *out; /* -o: the file of show --format pdf|xlsx|csv */
    const char *limit; /* suggest --limit */
    bool all;
} matrix_opts_t;

static rc_t version_arg(cli_t *c, const state_t *s, const char *arg, matrix_version_t *v)
{
    store_t *st;
    long long n;
    rc_t rc = cli_store(c, STORE_OPEN_EXISTING, &st);
    if (rc != RC_OK)
        return rc;
    if (!arg) { /* latest */
        matrix_version_t *vs;
        size_t nv;
        if ((rc = store_version_list(st, s->alpha3, &c->arena, &vs, &nv, &c->err)) != RC_OK)
            return rc;
        if (nv == 0)
            return err_set(&c->err, RC_NOTFOUND, "%s has no matrix yet", s->alpha3);
        *v = vs[nv - 1];
        return RC_OK;
    }
    if ((rc = cli_int(c, arg[0] == 'v' ? arg + 1 : arg, "VERSION", 1, 1000000, &n)) != RC_OK)
        return rc;
    return store_version_get(st, s->alpha3, (int)n, &c->arena, v, &c->err);
}

static rc_t matrix_list(cli_t *c, const state_t *s, bool json)
{
    store_t *st;
    matrix_version_t *vs;
    size_t n;
    rc_t rc = cli_store(c, STORE_OPEN_EXISTING, &st);
    if (rc != RC_OK || (rc = store_version_list(st, s->alpha3, &c->arena, &vs, &n, &c->err)))
        return rc;
    buf_t b;
    buf_init(&b, 0);
    buf_puts(&b, json ? "[" : "");
    for (size_t i = 0; i < n; i++) {
        if (json) {
            buf_puts(&b, i ? ",\n{" : "\n{");
            json_write_version(&b, &vs[i]);
            buf_putc(&b, '}');
        } else {
            buf_printf(&b, "v%-3d %-10s created %s  approved %-10s  published %-10s %s\n",
                       vs[i].number, matrix_status_str(vs[i].status), vs[i].created,
                       vs[i].approved, vs[i].published, vs[i].note);
        }
    }
    buf_puts(&b, json ? "\n]\n" : "");
    rc = cli_print(c, &b);
    buf_free(&b);
    return rc;
}

/* Finds an item's entry in a version's entries (template order) by id. */
static const matrix_entry_t *find_entry(const matrix_entry_t *es, size_t n, const char *item)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(es[i].item, item) == 0)
            return &es[i];
    return NULL;
}

/* tmpl (issue 12): the row's note, the web-address source and OP1's relevant
 * information, each on a line of its own under the entry. */
static void show_info(buf_t *b, const matrix_entry_t *en, const template_item_t *it, int lang)
{
    if (it->note[lang] && *it->note[lang])
        buf_printf(b, "\n%34snote: %s", "", it->note[lang]);
    if (*matrix_str(en->source_url))
        buf_printf(b, "\n%34ssource: %s", "", en->source_url);
    bool dated = false;
    for (int d = 0; d < INFO_DATE_COUNT; d++)
        dated = dated || en->info_date[d][0];
    if (!*matrix_str(en->info) && !dated)
        return;
    buf_printf(b, "\n%34srelevant information: %s", "", matrix_str(en->info));
    for (int d = 0; d < INFO_DATE_COUNT; d++)
        if (en->info_date[d][0])
            buf_printf(b, " [%s %s]", matrix_info_date_names[d], en->info_date[d]);
}

static rc_t matrix_show(cli_t *c, const state_t *s, const char *varg, const matrix_opts_t *o,
                        bool json)
{
    store_t *st;
    matrix_version_t v;
    matrix_entry_t *es;
    template_item_t *items;
    size_t ne, ni;
    int lang = lang_parse(o->lang ? o->lang : "en");
    if (lang < 0)
        return err_set(&c->err, RC_USAGE, "--lang: '%s' is not ar, zh, en, fr, ru or es", o->lang);
    rc_t rc = version_arg(c, s, varg, &v);
    if (rc != RC_OK || (rc = cli_store(c, STORE_OPEN_EXISTING, &st)) != RC_OK ||
        (rc = store_entries(st, v.id, &c->arena, &es, &ne, &c->err)) != RC_OK ||
        (rc = store_template_items(st, v.template_version, &c->arena, &items, &ni, &c->err)))
        return rc;
    buf_t b;
    buf_init(&b, 0);
    if (json) {
        buf_putc(&b, '{');
        json_write_version(&b, &v);
        buf_puts(&b, ",\"entries\":[");
    } else {
        buf_printf(&b, "%s (%s) matrix version %d: %s, created %s%s%s%s%s\n", s->name[LANG_EN],
                   s->alpha3, v.number, matrix_status_str(v.status), v.created,
                   *v.approved ? ", approved " : "", v.approved,
                   *v.published ? ", published " : "", v.published);
    }
    int shown = 0;
    for (size_t i = 0; i < ni; i++) {
        const matrix_entry_t *en = find_entry(es, ne, items[i].id);
        if (!en && !o->all)
            continue;
        matrix_entry_t blank = {.item = items[i].id, .legal_reference = "", .page = "",
                                .remark = ""};
        if (!en)
            en = &blank;
        if (json) {
            buf_puts(&b, shown ? ",\n" : "\n");
            json_write_entry(&b, en);
        } else {
            buf_printf(&b, "%-32s %-2s  %s", en->item, matrix_mark_str(en->mark),
                       items[i].label[lang]);
            if (*en->legal_reference)
                buf_printf(&b, "\n%34s%s", "", en->legal_reference);
            if (en->source_report)
                buf_printf(&b, " (report %lld%s%s)", en->source_report, *en->page ? ", " : "",
                           en->page);
            if (*en->remark)
                buf_printf(&b, "\n%34sremark: %s", "", en->remark);
            show_info(&b, en, &items[i], lang);
            buf_putc(&b, '\n');
        }
        shown++;
    }
    buf_puts(&b, json ? "\n]}\n" : "");
    rc = cli_print(c, &b);
    buf_free(&b);
    return rc;
}

static void diff_side(buf_t *b, const char *sign, const matrix_entry_t *en)
{
    if (!en) {
        buf_printf(b, "  %s (blank)\n", sign);
        return;
    }
    buf_printf(b, "  %s [%s] %s", sign, matrix_mark_str(en->mark), en->legal_reference);
    if (en->source_report)
        buf_printf(b, " (report %lld %s)", en->source_report, en->page);
    if (*en->remark)
        buf_printf(b, " remark: %s", en->remark);
    buf_putc(b, '\n');
}

static rc_t matrix_diff_cmd(cli_t *c, const state_t *s, const char *a1, const char *a2, bool json)
{
    store_t *st;
    matrix_version_t v1, v2;
    matrix_entry_t *e1, *e2;
    template_item_t *items;
    size_t n1, n2, ni, nc;
    rc_t rc = version_arg(c, s, a1, &v1);
    if (rc != RC_OK || (rc = version_arg(c, s, a2, &v2)) != RC_OK ||
        (rc = cli_store(c, STORE_OPEN_EXISTING, &st)) != RC_OK ||
        (rc = store_entries(st, v1.id, &c->arena, &e1, &n1, &c->err)) != RC_OK ||
        (rc = store_entries(st, v2.id, &c->arena, &e2, &n2, &c->err)) != RC_OK)
        return rc;
    if (v1.template_version != v2.template_version)
        return err_set(&c->err, RC_INPUT, "versions %d and %d use different templates (%d, %d)",
                       v1.number, v2.number, v1.template_version, v2.template_version);
    if ((rc = store_template_items(st, v1.template_version, &c->arena, &items, &ni, &c->err)))
        return rc;
    matrix_change_t *ch = matrix_diff(items, ni, e1, n1, e2, n2, &nc);
    buf_t b;
    buf_init(&b, 0);
    if (json)
        buf_printf(&b, "{\"state\":\"%s\",\"from\":%d,\"to\":%d,\"changes\":[", s->alpha3,
                   v1.number, v2.number);
    else
        buf_printf(&b, "%s: %zu changed item%s from version %d to version %d\n", s->alpha3, nc,
                   nc == 1 ? "" : "s", v1.number, v2.number);
    for (size_t i = 0; i < nc; i++) {
        if (json) {
            buf_puts(&b, i ? ",\n{" : "\n{");
            json_out_kv(&b, 0, "item", ch[i].item);
            buf_puts(&b, ",\"old\":");
            if (ch[i].old)
                json_write_entry(&b, ch[i].old);
            else
                buf_puts(&b, "null");
            buf_puts(&b, ",\"new\":");
            if (ch[i].new)
                json_write_entry(&b, ch[i].new);
            else
                buf_puts(&b, "null");
            buf_putc(&b, '}');
        } else {
            buf_printf(&b, "%s\n", ch[i].item);
            diff_side(&b, "-", ch[i].old);
            diff_side(&b, "+", ch[i].new);
        }
    }
    buf_puts(&b, json ? "\n]}\n" : "");
    free(ch);
    rc = cli_print(c, &b);
    buf_free(&b);
    return rc;
}

/* The number of a version argument ("3" or "v3"). */
static rc_t number_arg(cli_t *c, const char *arg, int *number)
{
    long long n;
    rc_t rc = cli_int(c, arg[0] == 'v' ? arg + 1 : arg, "VERSION", 1, 1000000, &n);
    *number = (int)n;
    return rc;
}

/* tmpl (issue 12): what --template carried and what it could not. */
static void print_carry(const state_t *s, const matrix_version_t *v, const template_carry_t *c)
{
    printf("%s version %d: template v%d, %zu entries carried, %zu not carried\n", s->alpha3,
           v->number, v->template_version, c->ncarried, c->nlost);
    for (size_t i = 0; i < c->nlost; i++)
        printf("  not carried: %s\n", c->lost[i]);
}

static rc_t matrix_new(cli_t *c, const state_t *s, const matrix_opts_t *o)
{
    app_t a;
    template_carry_t carried = {0};
    app_matrix_new_t in = {.date = o->date, .note = o->note, .carry = &carried};
    matrix_version_t v;
    size_t copied;
    long long tv = 0;
    rc_t rc = cli_app(c, &a);
    if (rc == RC_OK && o->from)
        rc = number_arg(c, o->from, &in.from);
    if (rc == RC_OK && o->tmpl)
        rc = cli_int(c, o->tmpl[0] == 'v' ? o->tmpl + 1 : o->tmpl, "--template", 1, 1000, &tv);
    in.template_version = (int)tv;
    if (rc == RC_OK)
        rc = app_matrix_new(&a, s->alpha3, &in, &v, &copied, &c->err);
    if (rc == RC_OK)
        printf("%s version %d: draft with %zu entries\n", s->alpha3, v.number, copied);
    if (rc == RC_OK && o->tmpl)
        print_carry(s, &v, &carried);
    return rc;
}

static rc_t matrix_set(cli_t *c, const state_t *s, char **args, const matrix_opts_t *o)
{
    app_t a;
    int number;
    bool cleared;
    const char *mark = strcmp(args[2], "-") == 0 ? "" : args[2];
    int m = matrix_mark_parse(mark);
    if (m < 0)
        return err_set(&c->err, RC_INPUT, "MARK: '%s' is not X, ?, NA or - (blank)", args[2]);
    matrix_entry_t en = {.item = args[1], .mark = (mark_t)m,
                         .legal_reference = (char *)(o->ref ? o->ref : ""),
                         .page = (char *)(o->page ? o->page : ""),
                         .remark = (char *)(o->remark ? o->remark : ""),
                         .source_url = (char *)o->url, .info = (char *)o->info};
    rc_t rc = RC_OK;
    for (int d = 0; d < INFO_DATE_COUNT && rc == RC_OK; d++)
        rc = matrix_info_date_set(&en, (info_date_t)d, o->info_date[d], &c->err);
    if (rc == RC_OK)
        rc = number_arg(c, args[0], &number);
    if (rc == RC_OK && o->source)
        rc = cli_int(c, o->source, "--source", 1, 1LL << 53, &en.source_report);
    if (rc == RC_OK)
        rc = cli_app(c, &a);
    if (rc == RC_OK)
        rc = app_matrix_set(&a, s->alpha3, number, &en, &cleared, &c->err);
    if (rc == RC_OK && cleared)
        printf("%s version %d: the state's acceptance was cleared; it must accept the changed "
               "version again\n", s->alpha3, number);
    return rc;
}

/* send, return, accept, comment, approve, publish: one row of the workflow table. */
static rc_t matrix_step_cmd(cli_t *c, const state_t *s, matrix_step_t step, const char *varg,
                            const matrix_opts_t *o)
{
    app_t a;
    int number;
    matrix_version_t v;
    app_matrix_step_t in = {.date = o->date, .text = o->text, .item = o->item};
    if (o->date && !matrix_transition(step)->dated) /* only those dates are kept */
        return err_set(&c->err, RC_USAGE, "--date goes with approve and publish");
    if ((o->text || o->item) && step != MW_COMMENT)
        return err_set(&c->err, RC_USAGE, "--text and --item go with comment");
    rc_t rc = number_arg(c, varg, &number);
    if (rc == RC_OK)
        rc = cli_app(c, &a);
    if (rc == RC_OK)
        rc = app_matrix_step(&a, step, s->alpha3, number, &in, &v, &c->err);
    if (rc == RC_OK)
        printf("%s version %d: %s%s\n", s->alpha3, v.number, matrix_status_str(v.status),
               step == MW_ACCEPT ? ", accepted by the state" : "");
    return rc;
}

static rc_t matrix_dispatch(cli_t *c, const char *verb, char **args, int nargs,
                            const matrix_opts_t *o, bool json)
{
    state_t s;
    if (nargs < 1)
        return cli_usage_error(c, usage, "give a state");
    rc_t rc = cli_state(c, args[0], &s);
    if (rc != RC_OK)
        return rc;
    if (matrix_download_format(o->format) && strcmp(verb, "show") != 0)
        return cli_usage_error(c, usage, "--format %s goes with show", o->format);
    int step = matrix_step_parse(verb);
    if (step >= 0 && nargs == 2)
        return matrix_step_cmd(c, &s, (matrix_step_t)step, args[1], o);
    if (strcmp(verb, "list") == 0 && nargs == 1)
        return matrix_list(c, &s, json);
    if (strcmp(verb, "show") == 0 && nargs <= 2 && matrix_download_format(o->format))
        return matrix_download(c, &s, nargs == 2 ? args[1] : NULL, o->format, o->lang, o->out);
    if (strcmp(verb, "show") == 0 && nargs <= 2)
        return matrix_show(c, &s, nargs == 2 ? args[1] : NULL, o, json);
    if (strcmp(verb, "diff") == 0 && nargs == 3)
        return matrix_diff_cmd(c, &s, args[1], args[2], json);
    if (strcmp(verb, "suggest") == 0 && nargs == 2)
        return matrix_suggest(c, &s, args[1], o->item, o->limit, json);
    if (strcmp(verb, "new") == 0 && nargs == 1)
        return matrix_new(c, &s, o);
    if (strcmp(verb, "set") == 0 && nargs == 4)
        return matrix_set(c, &s, args + 1, o);
    return cli_usage_error(c, usage, "wrong arguments for `matrix %s`", verb);
}

rc_t cmd_matrix(cli_t *c, int argc, char **argv)
{
    static const struct option opts[] = {
        {"format", required_argument, NULL, 'f'}, {"lang", required_argument, NULL, 'l'},
        {"date", required_argument, NULL, 'd'},   {"note", required_argument, NULL, 'n'},
        {"ref", required_argument, NULL, 'r'},    {"source", required_argument, NULL, 's'},
        {"page", required_argument, NULL, 'p'},   {"remark", required_argument, NULL, 'm'},
        {"from", required_argument, NULL, 'F'},   {"all", no_argument, NULL, 'a'},
        {"text", required_argument, NULL, 't'},   {"item", required_argument, NULL, 'i'},
        {"template", required_argument, NULL, 'T'}, {"url", required_argument, NULL, 'u'},
        {"info", required_argument, NULL, 'I'},   {"signed", required_argument, NULL, 'S'},
        {"ratified", required_argument, NULL, 'R'}, {"acceded", required_argument, NULL, 'A'},
        {"output", required_argument, NULL, 'o'}, {"limit", required_argument, NULL, 'L'},
        {"help", no_argument, NULL, 'h'},         {NULL, 0, NULL, 0}};
    matrix_opts_t o = {0};
    optind = 0;
    for (int opt; (opt = getopt_long(argc, argv, "ho:", opts, NULL)) != -1;) {
        switch (opt) {
        case 'h': return fputs(usage, stdout), RC_OK;
        case 'f': o.format = optarg; break;
        case 'l': o.lang = optarg; break;
        case 'd': o.date = optarg; break;
        case 'n': o.note = optarg; break;
        case 'r': o.ref = optarg; break;
        case 's': o.source = optarg; break;
        case 'p': o.page = optarg; break;
        case 'm': o.remark = optarg; break;
        case 'F': o.from = optarg; break;
        case 'a': o.all = true; break;
        case 't': o.text = optarg; break;
        case 'i': o.item = optarg; break;
        case 'T': o.tmpl = optarg; break;
        case 'u': o.url = optarg; break;
        case 'I': o.info = optarg; break;
        case 'S': o.info_date[INFO_SIGNED] = optarg; break;
        case 'R': o.info_date[INFO_RATIFIED] = optarg; break;
        case 'A': o.info_date[INFO_ACCEDED] = optarg; break;
        case 'o': o.out = optarg; break;
        case 'L': o.limit = optarg; break;
        default: return cli_usage_error(c, usage, "unknown option");
        }
    }
    bool json = false;
    if (!matrix_download_format(o.format) && cli_format_json(c, o.format, &json) != RC_OK)
        return RC_USAGE;
    if (optind >= argc)
        return cli_usage_error(c, usage, "give a matrix command");
    return matrix_dispatch(c, argv[optind], argv + optind + 1, argc - optind - 1, &o, json);
}
