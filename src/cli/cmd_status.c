/*
 * `r1540 status`: the reporting and matrix coverage summary. Coverage is the
 * share of applicable matrix fields marked X in each state's latest approved
 * version — an indicator of what the matrices record, not a measure of
 * compliance, and the output says so.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../io/refdata.h"
#include "../util/json_out.h"
#include "commands.h"

static const char usage[] =
    "usage: r1540 status [--format text|json]\n"
    "\n"
    "Summarises reporting (states that have reported, never reported, additional\n"
    "information, action plans) and the coverage of matrix fields in each state's\n"
    "latest approved or published matrix, by section.\n";

static const char caveat[] =
    "The matrices are indicators of fact, not a measure of compliance.";

enum { SECTIONS = 4 };
static const char *const section_keys[SECTIONS] = {"OP1", "OP2", "OP3AB", "OP3CD"};

typedef struct {
    size_t states, reported, additional, plan_states, plans, peer_reviews, with_matrix;
    size_t x_fields, unsure_fields, le30;
    size_t sec_x[SECTIONS], sec_applicable[SECTIONS];
    char never[200][4];
    size_t nnever;
    bool demo;
    /* the Committee's public figures (data/facts), NULL where the database has none */
    char *fact[REFDATA_FACTS], *fact_as_of[REFDATA_FACTS], *fact_source[REFDATA_FACTS];
    char *fact_never, *fact_never_as_of;
    int template_version;    /* of the items below, loaded once and reused */
    template_item_t *items;
    size_t nitems;
} status_t;

static int section_index(const char *s)
{
    for (int i = 0; i < SECTIONS; i++)
        if (strcmp(s, section_keys[i]) == 0)
            return i;
    return -1;
}

static void count_reports(const report_t *r, size_t n, status_t *s)
{
    bool first = false, add = false, plan = false;
    for (size_t i = 0; i < n; i++) {
        first |= strcmp(r[i].kind, "first-report") == 0;
        add |= strcmp(r[i].kind, "additional-information") == 0;
        plan |= strcmp(r[i].kind, "action-plan") == 0;
        s->plans += strcmp(r[i].kind, "action-plan") == 0;
        s->peer_reviews += strcmp(r[i].kind, "peer-review") == 0;
    }
    s->reported += first;
    s->additional += add;
    s->plan_states += plan;
}

/* Adds the latest approved/published version of one state to the totals. */
static rc_t count_matrix(cli_t *c, store_t *st, const state_t *state, status_t *s)
{
    matrix_version_t *vs;
    size_t nv, ne, ni;
    rc_t rc = store_version_list(st, state->alpha3, &c->arena, &vs, &nv, &c->err);
    if (rc != RC_OK)
        return rc;
    const matrix_version_t *latest = NULL;
    for (size_t i = 0; i < nv; i++)
        if (matrix_status_frozen(vs[i].status))
            latest = &vs[i];
    if (!latest)
        return RC_OK;
    matrix_entry_t *es;
    if ((rc = store_entries(st, latest->id, &c->arena, &es, &ne, &c->err)) != RC_OK)
        return rc;
    if (s->template_version != latest->template_version) {
        if ((rc = store_template_items(st, latest->template_version, &c->arena, &s->items,
                                       &s->nitems, &c->err)) != RC_OK)
            return rc;
        s->template_version = latest->template_version;
    }
    const template_item_t *items = s->items;
    ni = s->nitems;
    s->with_matrix++;
    size_t x = 0, j = 0;
    for (size_t i = 0; i < ni; i++) { /* both lists are in template order */
        const matrix_entry_t *en = j < ne && strcmp(es[j].item, items[i].id) == 0 ? &es[j++]
                                                                                  : NULL;
        int sec = section_index(items[i].section);
        mark_t m = en ? en->mark : MARK_BLANK;
        if (sec < 0 || m == MARK_NA)
            continue;
        s->sec_applicable[sec]++;
        s->sec_x[sec] += m == MARK_X;
        x += m == MARK_X;
        s->unsure_fields += m == MARK_UNSURE;
    }
    s->x_fields += x;
    s->le30 += x <= 30;
    return RC_OK;
}

/* Reads the public figures that init stored as meta keys fact.* (missing ones stay NULL). */
static void load_facts(cli_t *c, store_t *st, status_t *s)
{
    char key[96];
    for (int k = 0; k < REFDATA_FACTS; k++) {
        snprintf(key, sizeof key, "fact.%s", refdata_fact_key(k));
        if (store_meta_get(st, key, &c->arena, &s->fact[k], NULL) != RC_OK)
            s->fact[k] = NULL;
        snprintf(key, sizeof key, "fact.%s.as_of", refdata_fact_key(k));
        if (store_meta_get(st, key, &c->arena, &s->fact_as_of[k], NULL) != RC_OK)
            s->fact_as_of[k] = "";
        snprintf(key, sizeof key, "fact.%s.source", refdata_fact_key(k));
        if (store_meta_get(st, key, &c->arena, &s->fact_source[k], NULL) != RC_OK)
            s->fact_source[k] = "";
    }
    if (store_meta_get(st, "fact.never_reported", &c->arena, &s->fact_never, NULL) != RC_OK)
        s->fact_never = NULL;
    if (store_meta_get(st, "fact.never_reported.as_of", &c->arena, &s->fact_never_as_of,
                       NULL) != RC_OK)
        s->fact_never_as_of = "";
}

/* "Public figures of the 1540 Committee" with their dates, if the database has them. */
static void print_facts(buf_t *b, const status_t *s)
{
    static const char *const labels[REFDATA_FACTS] = {
        "Submitted a first national report", "Never reported",
        "Gave additional information",       "National implementation action plans",
        "States behind those action plans",  "States with an approved matrix"};
    if (!s->fact[0])
        return;
    buf_puts(b, "\nPublic figures of the 1540 Committee (real; sources in data/facts/README.md):\n");
    for (int k = 0; k < REFDATA_FACTS; k++) {
        if (!s->fact[k])
            continue;
        buf_printf(b, "  %-38s %4s  (as of %s)", labels[k], s->fact[k], s->fact_as_of[k]);
        if (k == 1 && s->fact_never)
            buf_printf(b, ": %s", s->fact_never);
        buf_putc(b, '\n');
    }
}

static rc_t gather(cli_t *c, status_t *s)
{
    store_t *st;
    state_t *states;
    size_t n;
    char *demo;
    rc_t rc = cli_store(c, STORE_OPEN_EXISTING, &st);
    if (rc != RC_OK || (rc = store_state_list(st, &c->arena, &states, &n, &c->err)) != RC_OK)
        return rc;
    s->states = n;
    s->demo = store_meta_get(st, "demo", &c->arena, &demo, NULL) == RC_OK && !strcmp(demo, "1");
    load_facts(c, st, s);
    for (size_t i = 0; i < n && rc == RC_OK; i++) {
        report_t *r;
        size_t nr;
        size_t before = s->reported;
        if ((rc = store_report_list(st, states[i].alpha3, &c->arena, &r, &nr, &c->err)))
            return rc;
        count_reports(r, nr, s);
        if (s->reported == before && s->nnever < 200)
            memcpy(s->never[s->nnever++], states[i].alpha3, 4);
        rc = count_matrix(c, st, &states[i], s);
    }
    return rc;
}

static double pct(size_t a, size_t b)
{
    return b ? 100.0 * (double)a / (double)b : 0.0;
}

static void print_text(buf_t *b, const status_t *s)
{
    if (s->demo)
        buf_puts(b, "DEMO DATA: the reports, matrices and counts below come from generated demo\n"
                    "data. Real: the states that never reported (the Committee's public list)\n"
                    "and the public figures at the end.\n\n");
    buf_printf(b, "Member states: %zu\n", s->states);
    buf_printf(b, "Submitted a first national report: %zu; never reported: %zu", s->reported,
               s->nnever);
    for (size_t i = 0; i < s->nnever; i++)
        buf_printf(b, "%s%s", i ? ", " : " (", s->never[i]);
    buf_puts(b, s->nnever ? ")\n" : "\n");
    buf_printf(b, "Gave additional information: %zu states\n", s->additional);
    buf_printf(b, "National implementation action plans: %zu from %zu states\n", s->plans,
               s->plan_states);
    buf_printf(b, "Peer-review reports: %zu\n\n", s->peer_reviews);
    buf_printf(b, "States with an approved matrix: %zu\n", s->with_matrix);
    buf_printf(b, "Fields marked X per state (latest approved matrix), average: %.1f\n",
               s->with_matrix ? (double)s->x_fields / (double)s->with_matrix : 0.0);
    buf_printf(b, "States with 30 fields marked X or fewer: %zu\n", s->le30);
    buf_printf(b, "Fields marked ? (references incomplete): %zu\n", s->unsure_fields);
    buf_puts(b, "Coverage of applicable matrix fields marked X, by section:\n");
    for (int i = 0; i < SECTIONS; i++)
        buf_printf(b, "  %-6s %5.1f%%  (%zu of %zu)\n", section_keys[i],
                   pct(s->sec_x[i], s->sec_applicable[i]), s->sec_x[i], s->sec_applicable[i]);
    print_facts(b, s);
    buf_printf(b, "\n%s\n", caveat);
}

static void print_json(buf_t *b, const status_t *s)
{
    buf_printf(b, "{\"demo\":%s,\"states\":%zu,\"reported\":%zu,\"never_reported\":[",
               s->demo ? "true" : "false", s->states, s->reported);
    for (size_t i = 0; i < s->nnever; i++) {
        if (i)
            buf_putc(b, ',');
        json_out_str(b, s->never[i]);
    }
    buf_printf(b, "],\"additional_information_states\":%zu,\"action_plans\":%zu,"
                  "\"action_plan_states\":%zu,\"peer_reviews\":%zu,\"states_with_matrix\":%zu,"
                  "\"x_fields\":%zu,\"unsure_fields\":%zu,\"states_30_or_fewer\":%zu,"
                  "\"coverage\":{",
               s->additional, s->plans, s->plan_states, s->peer_reviews, s->with_matrix,
               s->x_fields, s->unsure_fields, s->le30);
    for (int i = 0; i < SECTIONS; i++)
        buf_printf(b, "%s\"%s\":{\"x\":%zu,\"applicable\":%zu}", i ? "," : "", section_keys[i],
                   s->sec_x[i], s->sec_applicable[i]);
    buf_puts(b, "},\"public_figures\":{");
    for (int k = 0, first = 1; k < REFDATA_FACTS; k++) {
        if (!s->fact[k])
            continue;
        buf_printf(b, "%s\"%s\":{\"value\":%ld,\"as_of\":", first ? "" : ",",
                   refdata_fact_key(k), strtol(s->fact[k], NULL, 10));
        json_out_str(b, s->fact_as_of[k]);
        buf_puts(b, ",\"source\":");
        json_out_str(b, s->fact_source[k]);
        buf_putc(b, '}');
        first = 0;
    }
    buf_puts(b, "},\"public_never_reported\":");
    json_out_str(b, s->fact_never ? s->fact_never : "");
    buf_puts(b, ",\"caveat\":");
    json_out_str(b, caveat);
    buf_puts(b, "}\n");
}

rc_t cmd_status(cli_t *c, int argc, char **argv)
{
    static const struct option opts[] = {{"format", required_argument, NULL, 'f'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    const char *format = NULL;
    optind = 0;
    for (int o; (o = getopt_long(argc, argv, "h", opts, NULL)) != -1;) {
        if (o == 'h')
            return fputs(usage, stdout), RC_OK;
        if (o != 'f')
            return cli_usage_error(c, usage, "unknown option");
        format = optarg;
    }
    bool json;
    if (cli_format_json(c, format, &json) != RC_OK)
        return RC_USAGE;
    if (optind < argc)
        return cli_usage_error(c, usage, "unexpected argument '%s'", argv[optind]);
    status_t *s = arena_alloc(&c->arena, sizeof *s);
    rc_t rc = gather(c, s);
    if (rc != RC_OK)
        return rc;
    buf_t b;
    buf_init(&b, 0);
    (json ? print_json : print_text)(&b, s);
    rc = cli_print(c, &b);
    buf_free(&b);
    return rc;
}
