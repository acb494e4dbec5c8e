/*
 * `r1540 state list|show`: the member states and their reference data.
 */
#include <string.h>

#include "../io/json_export.h"
#include "../util/date.h"
#include "../util/json_out.h"
#include "commands.h"

static const char usage[] =
    "usage: r1540 state list [--group G] [--region M49] [--ldc] [--lldc] [--sids]\n"
    "                        [--as-of DATE] [--format text|json]\n"
    "       r1540 state show CODE [--format text|json]\n"
    "\n"
    "list   the UN member states, filtered by UN regional group (AFR, APG, EEG,\n"
    "       GRULAC, WEOG), by M49 region, sub-region or intermediate region code,\n"
    "       or by the LDC / LLDC / SIDS flags in force on DATE (default today)\n"
    "show   one state (ISO alpha-2 or alpha-3 code, either case) with its UN short\n"
    "       and formal names in the six languages, the history of its LDC / LLDC /\n"
    "       SIDS and regional group memberships, its reports and matrix versions\n";

typedef struct {
    const char *group, *region;
    bool ldc, lldc, sids;
    char as_of[11]; /* "" = today */
} state_filter_t;

/* Sets the LDC / LLDC / SIDS flags of the states to those in force on date. */
static rc_t flags_on(cli_t *c, store_t *st, const char *date, state_t *states, size_t n)
{
    membership_t *m;
    size_t nm;
    rc_t rc = store_membership_list(st, NULL, &c->arena, &m, &nm, &c->err);
    if (rc != RC_OK || nm == 0)
        return rc;
    for (size_t i = 0; i < n; i++) {
        states[i].ldc = membership_on(m, nm, states[i].alpha3, "LDC", date);
        states[i].lldc = membership_on(m, nm, states[i].alpha3, "LLDC", date);
        states[i].sids = membership_on(m, nm, states[i].alpha3, "SIDS", date);
    }
    return RC_OK;
}

static bool state_matches(const state_t *s, const state_filter_t *f)
{
    if (f->group && strcasecmp(f->group, s->un_group) != 0)
        return false;
    if (f->region && strcmp(f->region, s->m49_region) != 0 &&
        strcmp(f->region, s->m49_subregion) != 0 && strcmp(f->region, s->m49_intermediate) != 0)
        return false;
    return (!f->ldc || s->ldc) && (!f->lldc || s->lldc) && (!f->sids || s->sids);
}

static rc_t state_list(cli_t *c, const state_filter_t *f, bool json)
{
    store_t *st;
    state_t *states;
    size_t n;
    rc_t rc = cli_store(c, STORE_OPEN_EXISTING, &st);
    if (rc != RC_OK || (rc = store_state_list(st, &c->arena, &states, &n, &c->err)) != RC_OK ||
        (*f->as_of && (rc = flags_on(c, st, f->as_of, states, n)) != RC_OK))
        return rc;
    buf_t b;
    buf_init(&b, 0);
    buf_puts(&b, json ? "[" : "");
    int shown = 0;
    for (size_t i = 0; i < n; i++) {
        const state_t *s = &states[i];
        if (!state_matches(s, f))
            continue;
        if (json) {
            buf_puts(&b, shown ? ",\n" : "\n");
            json_write_state(&b, s);
        } else {
            buf_printf(&b, "%s  %s  %s  %-6s  %s/%s  %-4s %-4s %-4s  %s\n", s->alpha3,
                       s->alpha2, s->numeric, s->un_group, s->m49_region, s->m49_subregion,
                       s->ldc ? "LDC" : "", s->lldc ? "LLDC" : "", s->sids ? "SIDS" : "",
                       s->name[LANG_EN]);
        }
        shown++;
    }
    buf_puts(&b, json ? "\n]\n" : "");
    rc = cli_print(c, &b);
    buf_free(&b);
    return rc;
}

/* The vocabulary entry of that kind and code, or NULL. */
static const vocab_t *vocab_find(cli_t *c, store_t *st, const char *kind, const char *code)
{
    vocab_t *v;
    size_t n;
    if (store_vocab_list(st, kind, &c->arena, &v, &n, NULL) == RC_OK)
        for (size_t i = 0; i < n; i++)
            if (strcmp(v[i].code, code) == 0)
                return &v[i];
    return NULL;
}

/* The English name of a region or group code, or the code itself if unknown. */
static const char *vocab_en(cli_t *c, store_t *st, const char *kind, const char *code)
{
    const vocab_t *v = vocab_find(c, st, kind, code);
    return v ? v->name[LANG_EN] : code;
}

/* The periods as JSON objects (group, from, to, status today, source). */
static rc_t json_memberships(cli_t *c, store_t *st, const char *alpha3, buf_t *b)
{
    membership_t *m;
    size_t n;
    rc_t rc = store_membership_list(st, alpha3, &c->arena, &m, &n, &c->err);
    char today[11];
    date_today(today);
    for (size_t i = 0; rc == RC_OK && i < n; i++) {
        buf_puts(b, i ? ",\n{" : "\n{");
        json_out_kv(b, 0, "group", m[i].group);
        json_out_kv(b, 1, "from", m[i].from);
        json_out_kv(b, 1, "to", m[i].to);
        json_out_kv(b, 1, "status", membership_status(&m[i], today));
        json_out_kv(b, 1, "source", m[i].source);
        buf_putc(b, '}');
    }
    return rc;
}

/* "Memberships:" and one line per period, with how it stands today. */
static rc_t write_memberships(cli_t *c, store_t *st, const char *alpha3, buf_t *b)
{
    membership_t *m;
    size_t n;
    rc_t rc = store_membership_list(st, alpha3, &c->arena, &m, &n, &c->err);
    if (rc != RC_OK)
        return rc;
    char today[11];
    date_today(today);
    buf_printf(b, "Memberships (%zu):\n", n);
    for (size_t i = 0; i < n; i++) {
        const char *status = membership_status(&m[i], today);
        buf_printf(b, "  %-6s from %-10s to %-10s  %-21s  %s\n", m[i].group,
                   *m[i].from ? m[i].from : "(before)", *m[i].to ? m[i].to : "-",
                   strcmp(status, "ends") == 0 ? "current, end scheduled" : status,
                   m[i].source);
    }
    return RC_OK;
}

static rc_t state_show(cli_t *c, const char *code, bool json)
{
    store_t *st;
    state_t s;
    report_t *reports;
    matrix_version_t *versions;
    size_t nr, nv;
    rc_t rc = cli_state(c, code, &s);
    if (rc != RC_OK || (rc = cli_store(c, STORE_OPEN_EXISTING, &st)) != RC_OK ||
        (rc = store_report_list(st, s.alpha3, &c->arena, &reports, &nr, &c->err)) != RC_OK ||
        (rc = store_version_list(st, s.alpha3, &c->arena, &versions, &nv, &c->err)) != RC_OK)
        return rc;
    buf_t b;
    buf_init(&b, 0);
    if (json) {
        buf_puts(&b, "{\"state\":");
        json_write_state(&b, &s);
        buf_puts(&b, ",\"reports\":[");
        for (size_t i = 0; i < nr; i++) {
            buf_puts(&b, i ? ",\n" : "\n");
            json_write_report(&b, &reports[i], NULL, 0);
        }
        buf_puts(&b, "],\"memberships\":[");
        if ((rc = json_memberships(c, st, s.alpha3, &b)) != RC_OK) {
            buf_free(&b);
            return rc;
        }
        buf_puts(&b, "],\"matrix_versions\":[");
        for (size_t i = 0; i < nv; i++) {
            buf_puts(&b, i ? ",\n{" : "\n{");
            json_write_version(&b, &versions[i]);
            buf_putc(&b, '}');
        }
        buf_puts(&b, "]}\n");
    } else {
        buf_printf(&b, "%s (%s, %s, %s)\nUN regional group: %s (%s)\n", s.name[LANG_EN],
                   s.alpha3, s.alpha2, s.numeric, vocab_en(c, st, "group", s.un_group),
                   s.un_group);
        buf_printf(&b, "M49: %s (%s), %s (%s)", vocab_en(c, st, "region", s.m49_region),
                   s.m49_region, vocab_en(c, st, "region", s.m49_subregion), s.m49_subregion);
        if (*s.m49_intermediate)
            buf_printf(&b, ", %s (%s)", vocab_en(c, st, "region", s.m49_intermediate),
                       s.m49_intermediate);
        buf_printf(&b, "\nLDC: %s  LLDC: %s  SIDS: %s\n", s.ldc ? "yes" : "no",
                   s.lldc ? "yes" : "no", s.sids ? "yes" : "no");
        const vocab_t *formal = vocab_find(c, st, "formal", s.alpha3);
        for (int l = 0; l < LANG_COUNT; l++)
            buf_printf(&b, "  %s: %s%s%s\n", lang_code(l), s.name[l],
                       formal ? "  |  formal: " : "", formal ? formal->name[l] : "");
        if ((rc = write_memberships(c, st, s.alpha3, &b)) != RC_OK) {
            buf_free(&b);
            return rc;
        }
        buf_printf(&b, "Reports (%zu):\n", nr);
        for (size_t i = 0; i < nr; i++)
            buf_printf(&b, "  %5lld  %s  %-22s  %s\n", reports[i].id, reports[i].date,
                       reports[i].kind, reports[i].title);
        buf_printf(&b, "Matrix versions (%zu):\n", nv);
        for (size_t i = 0; i < nv; i++)
            buf_printf(&b, "  v%-3d %-10s created %s%s%s\n", versions[i].number,
                       matrix_status_str(versions[i].status), versions[i].created,
                       *versions[i].approved ? ", approved " : "", versions[i].approved);
    }
    rc = cli_print(c, &b);
    buf_free(&b);
    return rc;
}

rc_t cmd_state(cli_t *c, int argc, char **argv)
{
    static const struct option opts[] = {
        {"group", required_argument, NULL, 'g'}, {"region", required_argument, NULL, 'r'},
        {"ldc", no_argument, NULL, 'L'},         {"lldc", no_argument, NULL, 'K'},
        {"sids", no_argument, NULL, 'S'},        {"format", required_argument, NULL, 'f'},
        {"as-of", required_argument, NULL, 'a'}, {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    state_filter_t f = {0};
    const char *format = NULL;
    optind = 0;
    for (int o; (o = getopt_long(argc, argv, "h", opts, NULL)) != -1;) {
        switch (o) {
        case 'h': return fputs(usage, stdout), RC_OK;
        case 'g': f.group = optarg; break;
        case 'r': f.region = optarg; break;
        case 'L': f.ldc = true; break;
        case 'K': f.lldc = true; break;
        case 'S': f.sids = true; break;
        case 'f': format = optarg; break;
        case 'a':
            if (cli_date(c, optarg, "--as-of", f.as_of) != RC_OK)
                return RC_USAGE;
            break;
        default: return cli_usage_error(c, usage, "unknown option");
        }
    }
    bool json;
    if (cli_format_json(c, format, &json) != RC_OK)
        return RC_USAGE;
    const char *verb = optind < argc ? argv[optind] : "";
    if (strcmp(verb, "list") == 0 && optind + 1 == argc)
        return state_list(c, &f, json);
    if (strcmp(verb, "show") == 0 && optind + 2 == argc)
        return state_show(c, argv[optind + 1], json);
    return cli_usage_error(c, usage, "expected `state list` or `state show CODE`");
}
