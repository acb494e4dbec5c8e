/*
 * `r1540 matrix ...`: a state's matrix versions — read them, compare two,
 * edit a draft, and move a version through the workflow. The store refuses
 * any change to an approved version; these commands only make the request.
 */
#include <stdlib.h>
#include <string.h>

#include "../io/json_export.h"
#include "../util/date.h"
#include "../util/json_out.h"
#include "commands.h"

static const char usage[] =
    "usage: r1540 matrix list STATE\n"
    "       r1540 matrix show STATE [VERSION] [--all] [--lang L]\n"
    "       r1540 matrix diff STATE V1 V2\n"
    "       r1540 matrix new STATE [--from VERSION] [--date D] [--note TEXT]\n"
    "       r1540 matrix set STATE VERSION ITEM MARK [--ref TEXT] [--source ID]\n"
    "                        [--page P] [--remark TEXT]\n"
    "       r1540 matrix send|return STATE VERSION\n"
    "       r1540 matrix approve|publish STATE VERSION [--date D]\n"
    "       (list, show and diff take --format text|json)\n"
    "\n"
    "MARK is X (measure reported or legal basis found), ? (references incomplete\n"
    "or not directly relevant), NA (not applicable) or - (blank: no information).\n"
    "show   the latest version unless VERSION is given; --all lists blank items too\n"
    "new    a new draft copying the entries of --from (default: the latest version)\n"
    "set    changes one entry of a draft (or a version with the state)\n"
    "send   draft -> with-state; return: with-state -> draft;\n"
    "approve: with-state -> approved; publish: approved -> published.\n"
    "An approved version never changes: make a new version to edit.\n";

typedef struct {
    const char *format, *lang, *date, *note, *ref, *source, *page, *remark, *from;
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

/* The audit log's name of a version: "matrix:FRA/3". */
static const char *version_object(const state_t *s, int number, arena_t *a)
{
    char object[32];
    snprintf(object, sizeof object, "matrix:%s/%d", s->alpha3, number);
    return arena_strdup(a, object);
}

static rc_t date_opt(cli_t *c, const char *given, char out[11])
{
    if (!given) {
        date_today(out);
        return RC_OK;
    }
    if (!date_valid(given))
        return err_set(&c->err, RC_INPUT, "--date: '%s' is not a date (YYYY-MM-DD)", given);
    date_today(out);
    if (strcmp(given, out) > 0)
        return err_set(&c->err, RC_INPUT, "--date: %s is in the future", given);
    memcpy(out, given, 11);
    return RC_OK;
}

static rc_t matrix_new(cli_t *c, const state_t *s, const matrix_opts_t *o)
{
    store_t *st;
    matrix_version_t from, *vs;
    matrix_entry_t *es = NULL;
    size_t nv, ne = 0;
    char *tv;
    rc_t rc = cli_store(c, STORE_OPEN_EXISTING, &st);
    if (rc != RC_OK || (rc = store_version_list(st, s->alpha3, &c->arena, &vs, &nv, &c->err)) ||
        (rc = store_meta_get(st, "template_version", &c->arena, &tv, &c->err)))
        return rc;
    matrix_version_t v = {.number = nv ? vs[nv - 1].number + 1 : 1,
                          .template_version = (int)strtol(tv, NULL, 10),
                          .note = (char *)(o->note ? o->note : "")};
    memcpy(v.state, s->alpha3, 4);
    if ((rc = date_opt(c, o->date, v.created)) != RC_OK)
        return rc;
    if ((nv || o->from) && (rc = version_arg(c, s, o->from, &from)) == RC_OK) {
        v.template_version = from.template_version;
        rc = store_entries(st, from.id, &c->arena, &es, &ne, &c->err);
    }
    if (rc != RC_OK || (rc = store_begin(st, &c->err)) != RC_OK)
        return rc;
    if ((rc = store_version_insert(st, &v, &c->err)) == RC_OK) /* no version without */
        rc = store_entries_insert(st, v.id, es, ne, &c->err);  /* its entries */
    buf_t detail;
    buf_init(&detail, 0);
    buf_printf(&detail, "{\"template_version\":%d,\"entries\":%zu", v.template_version, ne);
    if (nv || o->from)
        buf_printf(&detail, ",\"from\":%d", from.number);
    buf_puts(&detail, "}");
    rc = cli_commit_audited(c, rc, "matrix.new", version_object(s, v.number, &c->arena),
                            buf_str(&detail));
    buf_free(&detail);
    if (rc != RC_OK)
        return rc;
    printf("%s version %d: draft with %zu entries\n", s->alpha3, v.number, ne);
    return RC_OK;
}

/* RC_NOTFOUND unless item is an item of the version's template. */
static rc_t check_item(cli_t *c, store_t *st, const matrix_version_t *v, const char *item)
{
    template_item_t *items;
    size_t n;
    rc_t rc = store_template_items(st, v->template_version, &c->arena, &items, &n, &c->err);
    for (size_t i = 0; rc == RC_OK && i < n; i++)
        if (strcmp(items[i].id, item) == 0)
            return RC_OK;
    return rc == RC_OK ? err_set(&c->err, RC_NOTFOUND, "item %s: unknown template item", item)
                       : rc;
}

static rc_t matrix_set(cli_t *c, const state_t *s, char **args, const matrix_opts_t *o)
{
    store_t *st;
    matrix_version_t v;
    const char *mark = strcmp(args[2], "-") == 0 ? "" : args[2];
    int m = matrix_mark_parse(mark);
    if (m < 0)
        return err_set(&c->err, RC_INPUT, "MARK: '%s' is not X, ?, NA or - (blank)", args[2]);
    matrix_entry_t en = {.item = args[1], .mark = (mark_t)m,
                         .legal_reference = (char *)(o->ref ? o->ref : ""),
                         .page = (char *)(o->page ? o->page : ""),
                         .remark = (char *)(o->remark ? o->remark : "")};
    rc_t rc = version_arg(c, s, args[0], &v);
    if (rc != RC_OK || (rc = cli_store(c, STORE_OPEN_EXISTING, &st)) != RC_OK)
        return rc;
    if (o->source &&
        (rc = cli_int(c, o->source, "--source", 1, 1LL << 53, &en.source_report)) != RC_OK)
        return rc;
    if ((rc = matrix_entry_validate(&en, &c->err)) != RC_OK ||
        (rc = check_item(c, st, &v, en.item)) != RC_OK)
        return rc;
    if (matrix_status_frozen(v.status))
        return err_set(&c->err, RC_REFUSED, "%s version %d is %s and cannot change; "
                                           "make a new version with `matrix new`",
                       s->alpha3, v.number, matrix_status_str(v.status));
    if ((rc = store_begin(st, &c->err)) != RC_OK)
        return rc;
    rc = matrix_entry_empty(&en) ? store_entry_delete(st, v.id, en.item, &c->err)
                                 : store_entry_put(st, v.id, &en, &c->err);
    buf_t detail;
    buf_init(&detail, 0);
    buf_puts(&detail, "{");
    json_out_kv(&detail, 0, "item", en.item);
    json_out_kv(&detail, 1, "mark", matrix_mark_str(en.mark));
    if (en.source_report)
        json_out_kll(&detail, 1, "source", en.source_report);
    buf_puts(&detail, "}");
    rc = cli_commit_audited(c, rc, "matrix.set", version_object(s, v.number, &c->arena),
                            buf_str(&detail));
    buf_free(&detail);
    return rc;
}

static rc_t matrix_move(cli_t *c, const state_t *s, const char *varg, mv_status_t to,
                        const matrix_opts_t *o)
{
    store_t *st;
    matrix_version_t v;
    char date[11];
    if (o->date && to != MV_APPROVED && to != MV_PUBLISHED) /* only those dates are kept */
        return err_set(&c->err, RC_USAGE, "--date goes with approve and publish");
    rc_t rc = version_arg(c, s, varg, &v);
    if (rc != RC_OK || (rc = cli_store(c, STORE_OPEN_EXISTING, &st)) != RC_OK ||
        (rc = date_opt(c, o->date, date)) != RC_OK)
        return rc;
    if (!matrix_status_transition_ok(v.status, to))
        return err_set(&c->err, RC_REFUSED, "%s version %d is %s; it cannot become %s",
                       s->alpha3, v.number, matrix_status_str(v.status), matrix_status_str(to));
    if ((to == MV_APPROVED && strcmp(date, v.created) < 0) ||
        (to == MV_PUBLISHED && strcmp(date, v.approved) < 0))
        return err_set(&c->err, RC_INPUT, "--date: %s is before the version was %s", date,
                       to == MV_APPROVED ? "created" : "approved");
    if ((rc = store_begin(st, &c->err)) != RC_OK)
        return rc;
    rc = store_version_set_status(st, v.id, to, date, &c->err);
    static const char *const actions[] = {"matrix.return", "matrix.send", "matrix.approve",
                                          "matrix.publish"};
    char detail[80];
    snprintf(detail, sizeof detail, "{\"from\":\"%s\",\"to\":\"%s\",\"date\":\"%s\"}",
             matrix_status_str(v.status), matrix_status_str(to), date);
    rc = cli_commit_audited(c, rc, actions[to], version_object(s, v.number, &c->arena), detail);
    if (rc != RC_OK)
        return rc;
    printf("%s version %d: %s\n", s->alpha3, v.number, matrix_status_str(to));
    return RC_OK;
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
    static const char *const moves[] = {"return", "send", "approve", "publish"};
    for (int i = 0; i < 4; i++)
        if (strcmp(verb, moves[i]) == 0 && nargs == 2)
            return matrix_move(c, &s, args[1], (mv_status_t)i, o);
    if (strcmp(verb, "list") == 0 && nargs == 1)
        return matrix_list(c, &s, json);
    if (strcmp(verb, "show") == 0 && nargs <= 2)
        return matrix_show(c, &s, nargs == 2 ? args[1] : NULL, o, json);
    if (strcmp(verb, "diff") == 0 && nargs == 3)
        return matrix_diff_cmd(c, &s, args[1], args[2], json);
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
        {"help", no_argument, NULL, 'h'},         {NULL, 0, NULL, 0}};
    matrix_opts_t o = {0};
    optind = 0;
    for (int opt; (opt = getopt_long(argc, argv, "h", opts, NULL)) != -1;) {
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
        default: return cli_usage_error(c, usage, "unknown option");
        }
    }
    bool json;
    if (cli_format_json(c, o.format, &json) != RC_OK)
        return RC_USAGE;
    if (optind >= argc)
        return cli_usage_error(c, usage, "give a matrix command");
    return matrix_dispatch(c, argv[optind], argv + optind + 1, argc - optind - 1, &o, json);
}
