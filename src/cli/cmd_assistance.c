/*
 * `r1540 assistance`: requests from states, offers from states and
 * organizations, the organizations registry, and the proposals `r1540 match`
 * makes, with their accept / decline / delivered workflow. Every change is
 * an operation of src/app/app_assist.c; this file parses and prints.
 */
#include <stdlib.h>
#include <string.h>

#include "../app/app_assist.h"
#include "../io/json_assistance.h"
#include "../match/propose.h"
#include "../util/date.h"
#include "../util/json_out.h"
#include "../util/text.h"
#include "commands.h"

static const char usage[] =
    "usage: r1540 assistance request add STATE --kind KIND --items ID,... --title TEXT\n"
    "                [--themes KEY,...] [--description TEXT] [--languages LL,...]\n"
    "                [--priority 1|2|3] [--date YYYY-MM-DD] [--start DATE] [--end DATE]\n"
    "                [--areas AREA,...] [--context TEXT] [--contact TEXT]\n"
    "       r1540 assistance request feedback ID [--outcome TEXT] [--feedback TEXT]\n"
    "       r1540 assistance request list [STATE] [--format text|json]\n"
    "       r1540 assistance request show ID [--format text|json]\n"
    "       r1540 assistance request withdraw ID\n"
    "       r1540 assistance offer add PROVIDER --kinds KIND,... --capacity N --title TEXT\n"
    "                [--items ID,...] [--themes KEY,...] [--regions M49,...]\n"
    "                [--languages LL,...] [--description TEXT] [--start DATE] [--end DATE]\n"
    "       r1540 assistance offer list|show [ID] [--format text|json]\n"
    "       r1540 assistance offer close|reopen ID\n"
    "       r1540 assistance org list [--format text|json]\n"
    "       r1540 assistance proposal list [--format text|json]\n"
    "       r1540 assistance proposal show ID [--format text|json]\n"
    "       r1540 assistance proposal accept|decline ID [--by provider|state] [--note TEXT]\n"
    "       r1540 assistance proposal deliver ID [--note TEXT]\n"
    "\n"
    "KIND is legislative-drafting, training, equipment, expert-visit,\n"
    "technical-advice, workshop or awareness-raising. Items are template item ids\n"
    "(`r1540 template list`), themes the template's theme keys. A PROVIDER is a\n"
    "state code or an organization code (`assistance org list`). Priority: 1\n"
    "normal (default), 2 high, 3 urgent. Regions are M49 codes; none: every region.\n"
    "AREA is nuclear, chemical, biological, delivery, export-control or general;\n"
    "--context is the national context, --contact who answers for the request.\n"
    "`request feedback` records, once the request is delivered, its outcome and\n"
    "the state's feedback to the Committee, dated today (resolution 2663, OP 20).\n"
    "`request show` lists the offers that fit and says when several providers\n"
    "overlap. A proposal is accepted when the provider and the state both accept;\n"
    "either may decline (final: the pair is never proposed again). A request is\n"
    "withdrawn only while open and without a live proposal; a closed offer is not\n"
    "matched until it is reopened. With --as USER, a proposal's party answers for\n"
    "its own side; without it, the operator records an answer that came by letter\n"
    "and says whose with --by (docs/internals/app.md).\n";

typedef struct {
    const char *kind, *items, *themes, *title, *description, *languages, *priority, *date, *start,
        *end, *capacity, *regions, *by, *note, *format, *areas, *context, *contact, *outcome,
        *feedback;
} assist_opts_t;

static const char *or_empty(const char *s)
{
    return s ? s : "";
}

/* Copies a date option into out, "" when it was not given (any date). A date
 * is field input here, as in the web forms: RC_INPUT rather than cli_date's
 * RC_USAGE. */
static rc_t opt_date(cli_t *c, const char *s, const char *what, char out[11])
{
    *out = '\0';
    if (s && cli_date(c, s, what, out) != RC_OK)
        return c->err.rc = RC_INPUT;
    return RC_OK;
}

/* ---- requests ------------------------------------------------------------------ */

static rc_t request_add(cli_t *c, const char *code, const assist_opts_t *o)
{
    app_t a;
    state_t s;
    long long prio = 1;
    if (!o->kind || !o->title)
        return cli_usage_error(c, usage, "--kind, --items and --title are required");
    rc_t rc = cli_state(c, code, &s);
    if (rc != RC_OK || (rc = cli_app(c, &a)) != RC_OK ||
        (o->priority && (rc = cli_int(c, o->priority, "--priority", 1, 3, &prio)) != RC_OK))
        return rc == RC_USAGE ? RC_INPUT : rc;
    assistance_request_t r = {.kind = (char *)o->kind,
                              .items = (char *)or_empty(o->items),
                              .themes = (char *)or_empty(o->themes),
                              .title = (char *)o->title,
                              .description = (char *)or_empty(o->description),
                              .languages = (char *)or_empty(o->languages),
                              .priority = (int)prio,
                              .areas = (char *)or_empty(o->areas),
                              .context = (char *)or_empty(o->context),
                              .contact = (char *)or_empty(o->contact),
                              .outcome = "",
                              .feedback = ""};
    memcpy(r.state, s.alpha3, sizeof r.state);
    if ((rc = opt_date(c, o->date, "--date", r.submitted)) != RC_OK ||
        (rc = opt_date(c, o->start, "--start", r.start)) != RC_OK ||
        (rc = opt_date(c, o->end, "--end", r.end)) != RC_OK ||
        (rc = app_assist_request_add(&a, &r, &c->err)) != RC_OK)
        return rc;
    printf("%lld\n", r.id);
    return RC_OK;
}

/* `request feedback ID`: app_assist_request_feedback. */
static rc_t request_feedback(cli_t *c, const char *arg, const assist_opts_t *o)
{
    app_t a;
    long long id;
    rc_t rc = cli_int(c, arg, "ID", 1, 1LL << 53, &id);
    if (rc != RC_OK || (rc = cli_app(c, &a)) != RC_OK ||
        (rc = app_assist_request_feedback(&a, id, or_empty(o->outcome), or_empty(o->feedback),
                                          &c->err)) != RC_OK)
        return rc;
    printf("request %lld: feedback recorded\n", id);
    return RC_OK;
}

static void request_line(buf_t *b, const assistance_request_t *r)
{
    buf_printf(b, "%5lld  %s  %-9s  %-20s  p%d  %s  %s\n", r->id, r->state, r->status, r->kind,
               r->priority, r->submitted, r->title);
}

static rc_t request_list(cli_t *c, const char *code, bool json)
{
    store_t *st;
    state_t s;
    assistance_request_t *rs;
    size_t n;
    rc_t rc = code ? cli_state(c, code, &s) : RC_OK;
    if (rc != RC_OK || (rc = cli_store(c, STORE_OPEN_EXISTING, &st)) != RC_OK ||
        (rc = store_request_list(st, code ? s.alpha3 : NULL, &c->arena, &rs, &n, &c->err)) != RC_OK)
        return rc;
    buf_t b;
    buf_init(&b, 0);
    buf_puts(&b, json ? "[" : "");
    for (size_t i = 0; i < n; i++) {
        if (json) {
            buf_puts(&b, i ? ",\n" : "\n");
            json_write_request(&b, &rs[i]);
        } else {
            request_line(&b, &rs[i]);
        }
    }
    buf_puts(&b, json ? "\n]\n" : "");
    rc = cli_print(c, &b);
    buf_free(&b);
    return rc;
}

/* The open offers that fit request ri, by id, and how many providers they come from. */
static void fitting_offers(cli_t *c, const match_context_t *ctx, size_t ri, buf_t *b, bool json)
{
    match_overlap_t *fits;
    size_t n = match_fitting_offers(ctx, ri, &c->arena, &fits);
    size_t providers = match_fitting_providers(ctx, fits, n);
    buf_puts(b, json ? ",\"fitting_offers\":[" : "offers that fit:\n");
    for (size_t k = 0; k < n; k++) {
        const assistance_offer_t *o = &ctx->off[fits[k].offer];
        if (json) {
            buf_puts(b, k ? ",{" : "{");
            json_out_kll(b, 0, "offer", o->id);
            json_out_kv(b, 1, "provider", match_provider(o));
            json_out_kll(b, 1, "score", fits[k].score);
            buf_putc(b, '}');
        } else
            buf_printf(b, "  offer %lld  %-8s  score %d  %s\n", o->id, match_provider(o),
                       fits[k].score, o->title);
    }
    if (json)
        buf_printf(b, "],\"providers_overlapping\":%zu", providers > 1 ? providers : 0);
    else if (providers > 1)
        buf_printf(b, "overlap: %zu providers offer what this request asks for\n", providers);
    else if (n == 0)
        buf_puts(b, "  (none)\n");
}

/* The proposals made for request_id (from the loaded context) with their history;
 * a failure to read a history is the command's failure, not an empty history. */
static rc_t proposals_of(cli_t *c, store_t *st, const match_context_t *ctx, long long request_id,
                         buf_t *b, bool json)
{
    size_t shown = 0;
    buf_puts(b, json ? ",\"proposals\":[" : "");
    for (size_t i = 0; i < ctx->nprop; i++) {
        const assistance_proposal_t *p = &ctx->prop[i];
        assistance_event_t *ev;
        size_t ne;
        if (p->request_id != request_id)
            continue;
        rc_t rc = store_event_list(st, p->id, &c->arena, &ev, &ne, &c->err);
        if (rc != RC_OK)
            return rc;
        if (json) {
            buf_puts(b, shown++ ? "," : "");
            json_write_proposal(b, p, ev, ne);
            continue;
        }
        buf_printf(b, "%s  proposal %lld: offer %lld, score %d, %s\n",
                   shown++ ? "" : "proposals:\n", p->id, p->offer_id, p->score, p->status);
        for (size_t k = 0; k < ne; k++)
            buf_printf(b, "    %s  %s%s%s\n", ev[k].date, ev[k].event, *ev[k].note ? ": " : "",
                       ev[k].note);
    }
    buf_puts(b, json ? "]" : "");
    return RC_OK;
}

static rc_t request_show(cli_t *c, const char *arg, bool json)
{
    store_t *st;
    long long id;
    match_context_t ctx;
    rc_t rc = cli_int(c, arg, "ID", 1, 1LL << 53, &id);
    if (rc != RC_OK || (rc = cli_store(c, STORE_OPEN_EXISTING, &st)) != RC_OK ||
        (rc = match_context_load(st, c->data_dir, &c->arena, &ctx, &c->err)) != RC_OK)
        return rc;
    size_t ri = 0;
    while (ri < ctx.nreq && ctx.req[ri].id != id)
        ri++;
    if (ri == ctx.nreq)
        return err_set(&c->err, RC_NOTFOUND, "no request with id %lld", id);
    const assistance_request_t *r = &ctx.req[ri];
    buf_t b;
    buf_init(&b, 0);
    if (json) {
        json_write_request(&b, r);
        b.len--; /* reopen the object to add the related records */
    } else {
        buf_printf(&b,
                   "id: %lld\nstate: %s\nkind: %s\nstatus: %s\ntitle: %s\nitems: %s\n"
                   "themes: %s\nlanguages: %s\npriority: %d\nsubmitted: %s\nperiod: %s to %s\n",
                   r->id, r->state, r->kind, r->status, r->title, r->items, r->themes, r->languages,
                   r->priority, r->submitted, *r->start ? r->start : "any",
                   *r->end ? r->end : "any");
        if (*r->description)
            buf_printf(&b, "description: %s\n", r->description);
        /* The fields of resolution 2663's template, when given. */
        const char *const extra[][2] = {{"areas", r->areas},       {"context", r->context},
                                        {"contact", r->contact},   {"outcome", r->outcome},
                                        {"feedback", r->feedback}, {"feedback date", r->feedback_date}};
        for (size_t i = 0; i < sizeof extra / sizeof *extra; i++)
            if (extra[i][1] && *extra[i][1])
                buf_printf(&b, "%s: %s\n", extra[i][0], extra[i][1]);
    }
    fitting_offers(c, &ctx, ri, &b, json);
    rc = proposals_of(c, st, &ctx, id, &b, json);
    buf_puts(&b, json ? "}\n" : "");
    if (rc == RC_OK)
        rc = cli_print(c, &b);
    buf_free(&b);
    return rc;
}

/* ---- offers -------------------------------------------------------------------- */

static rc_t offer_add(cli_t *c, const char *provider, const assist_opts_t *o)
{
    app_t a;
    long long cap;
    if (!o->kind || !o->capacity || !o->title)
        return cli_usage_error(c, usage, "--kinds, --capacity and --title are required");
    rc_t rc = cli_app(c, &a);
    if (rc != RC_OK)
        return rc;
    if (cli_int(c, o->capacity, "--capacity", 0, 1000000, &cap) != RC_OK)
        return err_set(&c->err, RC_INPUT, "capacity: '%s' is not a number from 0 to 1000000",
                       o->capacity);
    assistance_offer_t of = {.kinds = (char *)o->kind,
                             .items = (char *)or_empty(o->items),
                             .themes = (char *)or_empty(o->themes),
                             .title = (char *)o->title,
                             .description = (char *)or_empty(o->description),
                             .regions = (char *)or_empty(o->regions),
                             .languages = (char *)or_empty(o->languages),
                             .capacity = (int)cap};
    if ((rc = opt_date(c, o->start, "--start", of.start)) != RC_OK ||
        (rc = opt_date(c, o->end, "--end", of.end)) != RC_OK ||
        (rc = app_assist_offer_add(&a, provider, &of, &c->err)) != RC_OK)
        return rc;
    printf("%lld\n", of.id);
    return RC_OK;
}

static rc_t offer_list(cli_t *c, const char *arg, bool json)
{
    store_t *st;
    assistance_offer_t *os, one;
    size_t n = 1;
    long long id = 0;
    rc_t rc = arg ? cli_int(c, arg, "ID", 1, 1LL << 53, &id) : RC_OK;
    if (rc != RC_OK || (rc = cli_store(c, STORE_OPEN_EXISTING, &st)) != RC_OK ||
        (rc = arg ? store_offer_get(st, id, &c->arena, &one, &c->err)
                  : store_offer_list(st, &c->arena, &os, &n, &c->err)) != RC_OK)
        return rc;
    if (arg)
        os = &one;
    buf_t b;
    buf_init(&b, 0);
    buf_puts(&b, json && !arg ? "[" : "");
    for (size_t i = 0; i < n; i++) {
        const assistance_offer_t *o = &os[i];
        if (json) {
            buf_puts(&b, arg ? "" : i ? ",\n" : "\n");
            json_write_offer(&b, o);
        } else if (!arg) {
            buf_printf(&b, "%5lld  %-8s  %-6s  cap %3d  %-30.30s  %s\n", o->id, match_provider(o),
                       o->status, o->capacity, o->kinds, o->title);
        } else {
            buf_printf(&b,
                       "id: %lld\nprovider: %s\nstatus: %s\ntitle: %s\nkinds: %s\n"
                       "items: %s\nthemes: %s\nregions: %s\nlanguages: %s\ncapacity: %d\n"
                       "period: %s to %s\n",
                       o->id, match_provider(o), o->status, o->title, o->kinds, o->items, o->themes,
                       *o->regions ? o->regions : "all", o->languages, o->capacity,
                       *o->start ? o->start : "any", *o->end ? o->end : "any");
        }
    }
    buf_puts(&b, json ? (arg ? "\n" : "\n]\n") : "");
    rc = cli_print(c, &b);
    buf_free(&b);
    return rc;
}

static rc_t org_list(cli_t *c, bool json)
{
    store_t *st;
    organization_t *os;
    size_t n;
    rc_t rc = cli_store(c, STORE_OPEN_EXISTING, &st);
    if (rc != RC_OK || (rc = store_org_list(st, &c->arena, &os, &n, &c->err)) != RC_OK)
        return rc;
    buf_t b;
    buf_init(&b, 0);
    buf_puts(&b, json ? "[" : "");
    for (size_t i = 0; i < n; i++) {
        if (json) {
            buf_puts(&b, i ? ",\n" : "\n");
            json_write_organization(&b, &os[i]);
        } else {
            buf_printf(&b, "%-9s %-18s %-12s %s\n", os[i].code, os[i].kind,
                       *os[i].regions ? os[i].regions : "worldwide", os[i].name[LANG_EN]);
        }
    }
    buf_puts(&b, json ? "\n]\n" : "");
    rc = cli_print(c, &b);
    buf_free(&b);
    return rc;
}

/* ---- proposals ------------------------------------------------------------------ */

static rc_t proposal_list(cli_t *c, const char *arg, bool json)
{
    store_t *st;
    assistance_proposal_t *ps, one;
    size_t n = 1;
    long long id = 0;
    rc_t rc = arg ? cli_int(c, arg, "ID", 1, 1LL << 53, &id) : RC_OK;
    if (rc != RC_OK || (rc = cli_store(c, STORE_OPEN_EXISTING, &st)) != RC_OK ||
        (rc = arg ? store_proposal_get(st, id, &c->arena, &one, &c->err)
                  : store_proposal_list(st, 0, &c->arena, &ps, &n, &c->err)) != RC_OK)
        return rc;
    if (arg)
        ps = &one;
    buf_t b;
    buf_init(&b, 0);
    buf_puts(&b, json && !arg ? "[" : "");
    for (size_t i = 0; i < n; i++) {
        assistance_event_t *ev = NULL;
        size_t ne = 0;
        if (arg && (rc = store_event_list(st, id, &c->arena, &ev, &ne, &c->err)) != RC_OK)
            break;
        if (json) {
            buf_puts(&b, arg ? "" : i ? ",\n" : "\n");
            json_write_proposal(&b, &ps[i], ev, ne);
        } else {
            buf_printf(&b,
                       "%5lld  request %lld  offer %lld  score %d  %s  provider %s, state "
                       "%s%s%s\n",
                       ps[i].id, ps[i].request_id, ps[i].offer_id, ps[i].score, ps[i].status,
                       *ps[i].provider_answer ? ps[i].provider_answer : "waiting",
                       *ps[i].state_answer ? ps[i].state_answer : "waiting",
                       *ps[i].batch ? "  batch " : "", ps[i].batch);
            if (arg)
                buf_printf(&b, "why:\n%s", ps[i].explanation);
            for (size_t k = 0; k < ne; k++)
                buf_printf(&b, "  %d  %s  %s%s%s\n", ev[k].seq, ev[k].date, ev[k].event,
                           *ev[k].note ? ": " : "", ev[k].note);
        }
    }
    buf_puts(&b, json ? (arg ? "\n" : "\n]\n") : "");
    if (rc == RC_OK)
        rc = cli_print(c, &b);
    buf_free(&b);
    return rc;
}

/*
 * `proposal accept|decline|deliver`: the operation app_assist_proposal_step.
 * A party (--as its account) answers for its own side; the operator records
 * a side's answer that came by letter, naming it with --by.
 */
static rc_t proposal_act(cli_t *c, assist_step_t step, const char *arg, const assist_opts_t *o)
{
    app_t a;
    long long id;
    assistance_proposal_t p;
    app_proposal_step_t in = {SIDE_NONE, o->note};
    if (o->by && strcmp(o->by, "provider") != 0 && strcmp(o->by, "state") != 0)
        return cli_usage_error(c, usage, "--by is provider or state");
    if (step != AW_PROPOSAL_DELIVER && !o->by && !c->as_user)
        return cli_usage_error(c, usage, "--by provider or --by state is required");
    if (o->by)
        in.side = strcmp(o->by, "provider") == 0 ? SIDE_PROVIDER : SIDE_STATE;
    rc_t rc = cli_int(c, arg, "ID", 1, 1LL << 53, &id);
    if (rc != RC_OK)
        return rc;
    if (o->note && !text_multi_line_ok(o->note, ASSIST_TEXT_MAX))
        return err_set(&c->err, RC_INPUT, "--note: must be UTF-8 text of at most %d bytes",
                       ASSIST_TEXT_MAX);
    if ((rc = cli_app(c, &a)) != RC_OK ||
        (rc = app_assist_proposal_step(&a, step, id, &in, &p, NULL, &c->err)) != RC_OK)
        return rc;
    printf("proposal %lld: %s\n", id, p.status);
    return RC_OK;
}

/* ---- status changes -------------------------------------------------------------- */

/* `request withdraw`, `offer close` and `offer reopen`: app_assist_status_step. */
static rc_t status_step(cli_t *c, assist_step_t step, const char *arg)
{
    app_t a;
    long long id;
    const assist_transition_t *t = assist_transition(step);
    rc_t rc = cli_int(c, arg, "ID", 1, 1LL << 53, &id);
    if (rc != RC_OK || (rc = cli_app(c, &a)) != RC_OK ||
        (rc = app_assist_status_step(&a, step, id, NULL, &c->err)) != RC_OK)
        return rc;
    printf("%s %lld: %s\n", t->noun, id, t->to);
    return RC_OK;
}

/* ---- dispatch ------------------------------------------------------------------- */

static rc_t dispatch(cli_t *c, int rest, char **args, const assist_opts_t *o, bool json)
{
    const char *noun = rest > 0 ? args[0] : "", *verb = rest > 1 ? args[1] : "";
    const char *arg = rest > 2 ? args[2] : NULL;
    bool one = rest == 3, none = rest == 2;
    int step = -1;
    if (strcmp(noun, "request") == 0) {
        if (strcmp(verb, "add") == 0 && one)
            return request_add(c, arg, o);
        if (strcmp(verb, "list") == 0 && (one || none))
            return request_list(c, arg, json);
        if (strcmp(verb, "show") == 0 && one)
            return request_show(c, arg, json);
        if (strcmp(verb, "feedback") == 0 && one)
            return request_feedback(c, arg, o);
        if ((step = assist_step_parse(AW_REQUEST, verb)) >= 0 && one)
            return status_step(c, (assist_step_t)step, arg);
    } else if (strcmp(noun, "offer") == 0) {
        if (strcmp(verb, "add") == 0 && one)
            return offer_add(c, arg, o);
        if ((strcmp(verb, "list") == 0 && none) || (strcmp(verb, "show") == 0 && one))
            return offer_list(c, arg, json);
        if ((step = assist_step_parse(AW_OFFER, verb)) >= 0 && one)
            return status_step(c, (assist_step_t)step, arg);
    } else if (strcmp(noun, "org") == 0 && strcmp(verb, "list") == 0 && none) {
        return org_list(c, json);
    } else if (strcmp(noun, "proposal") == 0) {
        if ((strcmp(verb, "list") == 0 && none) || (strcmp(verb, "show") == 0 && one))
            return proposal_list(c, arg, json);
        if ((step = assist_step_parse(AW_PROPOSAL, verb)) >= 0 && one)
            return proposal_act(c, (assist_step_t)step, arg, o);
    }
    return cli_usage_error(c, usage, "expected `assistance request|offer|org|proposal VERB ...`");
}

rc_t cmd_assistance(cli_t *c, int argc, char **argv)
{
    static const struct option opts[] = {{"kind", required_argument, NULL, 'k'},
                                         {"kinds", required_argument, NULL, 'k'},
                                         {"items", required_argument, NULL, 'i'},
                                         {"themes", required_argument, NULL, 't'},
                                         {"title", required_argument, NULL, 'T'},
                                         {"description", required_argument, NULL, 'D'},
                                         {"languages", required_argument, NULL, 'l'},
                                         {"priority", required_argument, NULL, 'p'},
                                         {"date", required_argument, NULL, 'd'},
                                         {"start", required_argument, NULL, 's'},
                                         {"end", required_argument, NULL, 'e'},
                                         {"capacity", required_argument, NULL, 'c'},
                                         {"regions", required_argument, NULL, 'r'},
                                         {"by", required_argument, NULL, 'b'},
                                         {"note", required_argument, NULL, 'n'},
                                         {"format", required_argument, NULL, 'f'},
                                         {"areas", required_argument, NULL, 'A'},
                                         {"context", required_argument, NULL, 'C'},
                                         {"contact", required_argument, NULL, 'P'},
                                         {"outcome", required_argument, NULL, 'O'},
                                         {"feedback", required_argument, NULL, 'F'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    assist_opts_t o = {0};
    optind = 0;
    for (int opt; (opt = getopt_long(argc, argv, "h", opts, NULL)) != -1;) {
        switch (opt) {
        case 'h':
            return fputs(usage, stdout), RC_OK;
        case 'k':
            o.kind = optarg;
            break;
        case 'i':
            o.items = optarg;
            break;
        case 't':
            o.themes = optarg;
            break;
        case 'T':
            o.title = optarg;
            break;
        case 'D':
            o.description = optarg;
            break;
        case 'l':
            o.languages = optarg;
            break;
        case 'p':
            o.priority = optarg;
            break;
        case 'd':
            o.date = optarg;
            break;
        case 's':
            o.start = optarg;
            break;
        case 'e':
            o.end = optarg;
            break;
        case 'c':
            o.capacity = optarg;
            break;
        case 'r':
            o.regions = optarg;
            break;
        case 'b':
            o.by = optarg;
            break;
        case 'A':
            o.areas = optarg;
            break;
        case 'C':
            o.context = optarg;
            break;
        case 'P':
            o.contact = optarg;
            break;
        case 'O':
            o.outcome = optarg;
            break;
        case 'F':
            o.feedback = optarg;
            break;
        case 'n':
            o.note = optarg;
            break;
        case 'f':
            o.format = optarg;
            break;
        default:
            return cli_usage_error(c, usage, "unknown option");
        }
    }
    bool json;
    if (cli_format_json(c, o.format, &json) != RC_OK)
        return RC_USAGE;
    return dispatch(c, argc - optind, argv + optind, &o, json);
}
