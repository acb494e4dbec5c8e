/*
 * What the review report says, in order: how the figures are made, reporting,
 * coverage by every grouping, trend, gaps, the heat map of states by themes,
 * the proposed workshops with the offers that fit them, assistance demand
 * against supply, and outreach events. States are listed in the collation
 * order of the report's language (never by coverage: the review does not rank
 * states).
 */
#include "report_doc.h"

#include "../util/date.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "../util/i18n.h"
#include "../util/numfmt.h"

typedef struct {
    const review_t *r;
    review_doc_t *doc;
    arena_t *a;
    lang_t l;
    numfmt_t *nf; /* the language's numbers and dates (owned by review_doc_build) */
    bool plain;   /* table cells as C numbers and ISO dates (the XLSX keeps them as numbers) */
} ctx_t;

/* Figures in table cells: as the language writes them, or plain for XLSX. */
static const char *pct(ctx_t *c, double v)
{
    return v < 0 ? "–" : c->plain ? arena_printf(c->a, "%.1f%%", v) : numfmt_pct(c->nf, c->a, v);
}
static const char *num(ctx_t *c, long long v)
{
    return c->plain ? arena_printf(c->a, "%lld", v) : numfmt_int(c->nf, c->a, v);
}
static const char *change(ctx_t *c, double v)
{
    return c->plain ? arena_printf(c->a, "%+.1f", v) : numfmt_dec(c->nf, c->a, v, 1, true);
}
static const char *cell_date(ctx_t *c, const char *iso)
{
    return c->plain ? iso : numfmt_date(c->nf, c->a, iso);
}
/* A date inside a sentence: always in words, with no-break spaces. */
static const char *day(ctx_t *c, const char *iso) { return numfmt_date(c->nf, c->a, iso); }

/* A sentence with its figures as the language writes them (numfmt_printf). */
#define say(c, ...) numfmt_printf((c)->nf, (c)->a, __VA_ARGS__)

static doc_block_t *add(ctx_t *c, doc_kind_t kind, const char *text)
{
    review_doc_t *d = c->doc;
    if (d->n == d->cap) {
        d->cap = d->cap ? d->cap * 2 : 64;
        doc_block_t *nb = arena_alloc(c->a, d->cap * sizeof *nb);
        if (d->n)
            memcpy(nb, d->blocks, d->n * sizeof *nb);
        d->blocks = nb;
    }
    doc_block_t *b = &d->blocks[d->n++];
    memset(b, 0, sizeof *b);
    b->kind = kind;
    b->text = text;
    return b;
}

static doc_block_t *table(ctx_t *c, const char *key, const char *caption, size_t ncols,
                          size_t nrows)
{
    doc_block_t *b = add(c, DOC_TABLE, caption);
    b->key = key;
    b->ncols = ncols;
    b->nrows = nrows;
    b->cells = arena_alloc(c->a, (nrows + 1) * ncols * sizeof *b->cells);
    return b;
}

/* The translation of msgid; format_arg lets the compiler check a translated
 * format's arguments against the English one. xgettext finds these strings
 * with --keyword=tr:2 (data/po/README.md). */
static const char *tr(ctx_t *c, const char *msgid) __attribute__((format_arg(2)));
static const char *tr(ctx_t *c, const char *msgid) { return i18n_tr(c->l, msgid); }

/* A coverage table: one row per named aggregate, plus its bar chart. */
static void cov_table(ctx_t *c, const char *key, const char *caption, const char *first_col,
                      const char *const *names, const cov_t *cov, size_t n, bool chart)
{
    doc_block_t *t = table(c, key, caption, 6, n);
    const char *head[6] = {first_col, tr(c, "Fields marked X"), tr(c, "Marked ?"),
                           tr(c, "Blank"), tr(c, "Applicable"), tr(c, "Coverage")};
    memcpy(t->cells, head, sizeof head);
    double *v = arena_alloc(c->a, (n + 1) * sizeof *v);
    for (size_t i = 0; i < n; i++) {
        const char **row = t->cells + (i + 1) * 6;
        v[i] = cov_pct(&cov[i]);
        row[0] = names[i];
        row[1] = num(c, cov[i].x);
        row[2] = num(c, cov[i].unsure);
        row[3] = num(c, cov[i].blank);
        row[4] = num(c, cov_applicable(&cov[i]));
        row[5] = pct(c, v[i]);
    }
    if (chart)
        add(c, DOC_CHART, caption)->chart =
            (chart_t){.kind = CHART_BARS, .lang = c->l, .labels = names, .nlabels = n, .values = v};
}

static const char **vocab_names(ctx_t *c, const vocab_t *v, size_t n)
{
    const char **names = arena_alloc(c->a, (n + 1) * sizeof *names);
    for (size_t i = 0; i < n; i++)
        names[i] = v[i].name[c->l];
    return names;
}

/* The states' names, comma-separated, in the language's collation order. */
static const char *state_names(ctx_t *c, const size_t *idx, size_t n)
{
    size_t *sorted = arena_alloc(c->a, (n + 1) * sizeof *sorted);
    memcpy(sorted, idx, n * sizeof *sorted);
    review_sort_states(&c->r->d, c->l, sorted, n);
    buf_t b;
    buf_init(&b, 0);
    for (size_t i = 0; i < n; i++)
        buf_printf(&b, "%s%s", i ? tr(c, ", ") : "", c->r->d.states[sorted[i]].name[c->l]);
    const char *s = arena_strdup(c->a, buf_str(&b));
    buf_free(&b);
    return s;
}

static void section_method(ctx_t *c)
{
    add(c, DOC_HEADING, tr(c, "How the figures are computed"));
    add(c, DOC_PARA, tr(c, "Coverage is the share of applicable matrix fields marked X. A field "
                           "marked NA is not applicable; blank fields and fields marked ? are "
                           "applicable and not covered (fields marked ? are shown apart). Each "
                           "state counts with its matrix in force on the review date: its "
                           "approved version with the latest approval date on or before that "
                           "date. The formulas are in the review methodology of r1540's "
                           "documentation; every figure can be recomputed from the "
                           "open-data export."));
}

static void section_reporting(ctx_t *c)
{
    const review_data_t *d = &c->r->d;
    const review_snapshot_t *s = &c->r->now;
    static const int bounds[] = {1, 5, 10};
    size_t bucket[4] = {0}, nn = 0;
    size_t *never = arena_alloc(c->a, (d->nstates + 1) * sizeof *never);
    for (size_t k = 0; k < d->nstates; k++) {
        if (!d->first_report[k][0] || strcmp(d->first_report[k], s->as_of) > 0)
            never[nn++] = k;
        if (s->years_since[k] >= 0) {
            int i = 0;
            while (i < 3 && s->years_since[k] >= bounds[i])
                i++;
            bucket[i]++;
        }
    }
    add(c, DOC_HEADING, tr(c, "Reporting"));
    doc_block_t *t = table(c, "reporting", tr(c, "Reporting status"), 2, 7);
    const char *labels[] = {tr(c, "Member states"), tr(c, "Submitted a first national report"),
                            tr(c, "Never reported"), tr(c, "Last report less than 1 year ago"),
                            tr(c, "Last report 1 to 4 years ago"),
                            tr(c, "Last report 5 to 9 years ago"),
                            tr(c, "Last report 10 years ago or more")};
    size_t values[] = {d->nstates, s->reported, s->never, bucket[0], bucket[1], bucket[2],
                       bucket[3]};
    t->cells[0] = tr(c, "Status");
    t->cells[1] = tr(c, "States");
    for (size_t i = 0; i < 7; i++) {
        t->cells[(i + 1) * 2] = labels[i];
        t->cells[(i + 1) * 2 + 1] = num(c, values[i]);
    }
    if (nn)
        add(c, DOC_PARA, arena_printf(c->a, "%s %s", tr(c, "States that have never reported:"),
                              state_names(c, never, nn)));
}

static void section_coverage(ctx_t *c)
{
    const review_data_t *d = &c->r->d;
    const review_snapshot_t *s = &c->r->now;
    add(c, DOC_HEADING, tr(c, "Coverage of matrix fields"));
    add(c, DOC_PARA, say(c, tr(c, "States with a matrix in force: %zu. Fields marked X: %u "
                                      "of %u applicable (%.1f%%); fields marked ?: %u."),
                          s->with_matrix, s->total.x, cov_applicable(&s->total),
                          cov_pct(&s->total), s->total.unsure));
    const char **wn = arena_alloc(c->a, REVIEW_WEAPONS * sizeof *wn);
    const char **fn = arena_alloc(c->a, REVIEW_FLAGS * sizeof *fn);
    for (int w = 0; w < REVIEW_WEAPONS; w++)
        wn[w] = review_weapon_name(c->l, w);
    for (int f = 0; f < REVIEW_FLAGS; f++)
        fn[f] = review_flag_name(c->l, f);
    cov_table(c, "by_section", tr(c, "Coverage by operative paragraph"),
              tr(c, "Operative paragraph"), vocab_names(c, d->sections, d->nsections),
              s->by_section, d->nsections, false);
    cov_table(c, "by_weapon", tr(c, "Coverage by weapon type"), tr(c, "Weapon type"), wn,
              s->by_weapon, REVIEW_WEAPONS, false);
    cov_table(c, "by_region", tr(c, "Coverage by region"), tr(c, "Region"),
              vocab_names(c, d->regions, d->nregions), s->by_region, d->nregions, true);
    cov_table(c, "by_group", tr(c, "Coverage by UN regional group"), tr(c, "Regional group"),
              vocab_names(c, d->groups, d->ngroups), s->by_group, d->ngroups, false);
    cov_table(c, "by_flag", tr(c, "Coverage in LDC, LLDC and SIDS"), tr(c, "Category"), fn,
              s->by_flag, REVIEW_FLAGS, false);
    cov_table(c, "by_theme", tr(c, "Coverage by theme"), tr(c, "Theme"),
              vocab_names(c, d->themes, d->nthemes), s->by_theme, d->nthemes, true);
}

static void section_trend(ctx_t *c)
{
    const review_t *r = c->r;
    size_t np = r->ntrend, ns = r->d.nregions + 1;
    const char **dates = arena_alloc(c->a, (np + 1) * sizeof *dates);
    const char **series = arena_alloc(c->a, (ns + 1) * sizeof *series);
    double *v = arena_alloc(c->a, (np * ns + 1) * sizeof *v);
    series[0] = tr(c, "All states");
    for (size_t g = 0; g < r->d.nregions; g++)
        series[g + 1] = r->d.regions[g].name[c->l];
    for (size_t i = 0; i < np; i++) {
        dates[i] = arena_printf(c->a, "%.4s", r->trend[i].date);
        for (size_t g = 0; g < ns; g++)
            v[g * np + i] = cov_pct(g ? &r->trend[i].by_region[g - 1] : &r->trend[i].total);
    }
    add(c, DOC_HEADING, tr(c, "Coverage over time"));
    add(c, DOC_PARA, tr(c, "One point per year end, from the matrices in force on that date; "
                           "the last point is the review date."));
    add(c, DOC_CHART, tr(c, "Coverage over time"))->chart =
        (chart_t){.kind = CHART_LINES, .lang = c->l, .labels = dates, .nlabels = np,
                  .series = series, .nseries = ns, .values = v};
    doc_block_t *t = table(c, "trend", tr(c, "Coverage over time"), ns + 1, np);
    t->cells[0] = tr(c, "Date");
    memcpy(t->cells + 1, series, ns * sizeof *series);
    for (size_t i = 0; i < np; i++) {
        t->cells[(i + 1) * (ns + 1)] = cell_date(c, r->trend[i].date);
        for (size_t g = 0; g < ns; g++)
            t->cells[(i + 1) * (ns + 1) + 1 + g] = pct(c, v[g * np + i]);
    }
}

static void gap_table(ctx_t *c, const char *key, const char *caption, const review_gap_t *g,
                      size_t n, bool items)
{
    const review_data_t *d = &c->r->d;
    doc_block_t *t = table(c, key, caption, 5, n);
    const char *head[5] = {tr(c, "Rank"), items ? tr(c, "Field") : tr(c, "Theme"),
                           tr(c, "Coverage"), tr(c, "Earlier coverage"),
                           tr(c, "Change (points)")};
    memcpy(t->cells, head, sizeof head);
    for (size_t i = 0; i < n; i++) {
        const char **row = t->cells + (i + 1) * 5;
        row[0] = num(c, i + 1);
        row[1] = items ? arena_printf(c->a, "%s — %s", d->items[g[i].index].id,
                              d->items[g[i].index].label[c->l])
                       : d->themes[g[i].index].name[c->l];
        row[2] = pct(c, g[i].pct);
        row[3] = pct(c, g[i].pct_since);
        row[4] = g[i].pct_since < 0 ? "–" : change(c, g[i].pct - g[i].pct_since);
    }
}

static void section_gaps(ctx_t *c)
{
    const review_t *r = c->r;
    add(c, DOC_HEADING, tr(c, "Where implementation most needs strengthening"));
    add(c, DOC_PARA, say(c, tr(c, "The fields and themes with the lowest coverage, lowest "
                                      "first, and the change in percentage points since %s."),
                          day(c, r->then.as_of)));
    gap_table(c, "gap_fields", tr(c, "Fields with the lowest coverage"), r->item_gaps,
              r->nitem_gaps, true);
    gap_table(c, "gap_themes", tr(c, "Themes with the lowest coverage"), r->theme_gaps,
              r->ntheme_gaps, false);
    for (size_t g = 0; g < r->d.nregions; g++)
        gap_table(c, arena_printf(c->a, "gap_themes_%s", r->d.regions[g].code),
                  arena_printf(c->a, "%s: %s", tr(c, "Themes with the lowest coverage"),
                       r->d.regions[g].name[c->l]),
                  r->region_theme_gaps[g], r->nregion_theme_gaps[g] < 5 ? r->nregion_theme_gaps[g] : 5,
                  false);
}

static void section_heat(ctx_t *c)
{
    const review_t *r = c->r;
    const review_data_t *d = &r->d;
    size_t n = 0, nt = d->nthemes;
    const char **rows = arena_alloc(c->a, (d->nstates + 1) * sizeof *rows);
    double *v = arena_alloc(c->a, (d->nstates * nt + 1) * sizeof *v);
    for (size_t i = 0; i < d->nstates; i++) {
        size_t k = r->state_order[i];
        if (r->now.in_force[k] < 0)
            continue;
        rows[n] = d->states[k].name[c->l];
        for (size_t t = 0; t < nt; t++)
            v[n * nt + t] = cov_pct(&r->now.state_theme[k * nt + t]);
        n++;
    }
    add(c, DOC_HEADING, tr(c, "Coverage by state and theme"));
    add(c, DOC_PARA, tr(c, "Each cell is the share of a state's applicable fields of one theme "
                           "marked X: darker is higher, grey is nothing applicable. States are "
                           "in alphabetical order."));
    add(c, DOC_CHART, tr(c, "Coverage by state and theme"))->chart =
        (chart_t){.kind = CHART_HEAT, .lang = c->l, .labels = rows, .nlabels = n,
                  .series = vocab_names(c, d->themes, nt), .nseries = nt, .values = v};
}

static void section_events(ctx_t *c)
{
    const review_t *r = c->r;
    add(c, DOC_HEADING, tr(c, "Outreach events"));
    add(c, DOC_PARA, say(c, tr(c, "Training courses for points of contact, regional "
                                      "workshops, peer-review visits and national round tables "
                                      "from %s to %s: %zu."),
                          day(c, r->then.as_of), day(c, r->now.as_of), r->nevents));
    if (r->nevents == 0)
        return;
    /* Titles and places are free text in the organizer's language: they are in
     * the JSON, not in a table meant to read in one language. */
    doc_block_t *t = table(c, "events", tr(c, "Outreach events"), 4, r->nevents);
    const char *head[4] = {tr(c, "Date"), tr(c, "Event"), tr(c, "Status"), tr(c, "States")};
    memcpy(t->cells, head, sizeof head);
    for (size_t i = 0; i < r->nevents; i++) {
        const event_t *ev = &r->events[i];
        const char **row = t->cells + (i + 1) * 4;
        row[0] = cell_date(c, ev->start);
        row[1] = review_event_kind_name(c->l, ev->kind);
        row[2] = review_event_status_name(c->l, ev->status);
        row[3] = num(c, ev->nstates);
    }
}

static const char *days(ctx_t *c, double v)
{
    return v < 0 ? "–" : numfmt_dec(c->nf, c->a, v, 1, false);
}

/* Demand against supply by theme, with the share of requests still unmet as
 * a bar chart (a percentage, as the chart kinds draw). */
static void assist_theme_table(ctx_t *c)
{
    const review_data_t *d = &c->r->d;
    const assist_figures_t *f = &c->r->assist;
    size_t nt = d->nthemes;
    doc_block_t *t = table(c, "assistance_by_theme", tr(c, "Demand and supply by theme"), 6, nt);
    const char *head[6] = {tr(c, "Theme"),  tr(c, "Requests"), tr(c, "Unmet"),
                           tr(c, "Offers"), tr(c, "Capacity"), tr(c, "Share unmet")};
    memcpy(t->cells, head, sizeof head);
    double *v = arena_alloc(c->a, (nt + 1) * sizeof *v);
    for (size_t i = 0; i < nt; i++) {
        const assist_theme_t *th = &f->by_theme[i];
        const char **row = t->cells + (i + 1) * 6;
        v[i] = assist_unmet_pct(th);
        row[0] = d->themes[i].name[c->l];
        row[1] = num(c, th->requests);
        row[2] = num(c, th->unmet);
        row[3] = num(c, th->offers);
        row[4] = num(c, th->capacity);
        row[5] = pct(c, v[i]);
    }
    add(c, DOC_CHART, tr(c, "Share of requests still unmet, by theme"))->chart =
        (chart_t){.kind = CHART_BARS, .lang = c->l, .labels = vocab_names(c, d->themes, nt),
                  .nlabels = nt, .values = v};
}

/* Unmet requests by M49 region of the requesting state, then LDC, LLDC, SIDS. */
static void assist_region_table(ctx_t *c)
{
    const review_data_t *d = &c->r->d;
    const assist_figures_t *f = &c->r->assist;
    size_t n = d->nregions + REVIEW_FLAGS;
    doc_block_t *t = table(c, "assistance_unmet", tr(c, "Unmet requests by region and category"),
                           3, n);
    t->cells[0] = tr(c, "Region or category");
    t->cells[1] = tr(c, "Requests");
    t->cells[2] = tr(c, "Unmet");
    for (size_t i = 0; i < n; i++) {
        bool region = i < d->nregions;
        const assist_count_t *k = region ? &f->by_region[i] : &f->by_flag[i - d->nregions];
        const char **row = t->cells + (i + 1) * 3;
        row[0] = region ? d->regions[i].name[c->l] : review_flag_name(c->l, (int)(i - d->nregions));
        row[1] = num(c, k->requests);
        row[2] = num(c, k->unmet);
    }
}

static void assist_oldest_table(ctx_t *c)
{
    const assist_figures_t *f = &c->r->assist;
    if (f->noldest == 0)
        return;
    doc_block_t *t = table(c, "assistance_oldest", tr(c, "Oldest unmet requests"), 4, f->noldest);
    const char *head[4] = {tr(c, "Request"), tr(c, "State"), tr(c, "Submitted"),
                           tr(c, "Days waiting")};
    memcpy(t->cells, head, sizeof head);
    for (size_t i = 0; i < f->noldest; i++) {
        const char **row = t->cells + (i + 1) * 4;
        row[0] = arena_printf(c->a, "%lld", f->oldest[i].req->id);
        row[1] = c->r->d.states[f->oldest[i].state].name[c->l];
        row[2] = cell_date(c, f->oldest[i].req->submitted);
        row[3] = num(c, f->oldest[i].days);
    }
}

static void section_assistance(ctx_t *c)
{
    const assist_figures_t *f = &c->r->assist;
    add(c, DOC_HEADING, tr(c, "Assistance: demand and supply"));
    add(c, DOC_PARA, say(c, tr(c, "Requests for assistance submitted by %s and not "
                                      "withdrawn: %u, of which %u unmet (no proposal accepted by "
                                      "both the provider and the state, or delivered, by that "
                                      "date). Offers open on that date: %u, able to take %u "
                                      "requests in all."),
                          day(c, c->r->now.as_of), f->requests, f->unmet, f->offers, f->capacity));
    add(c, DOC_PARA, tr(c, "Per theme: the requests that concern it (they list it, or an item "
                           "that carries it), those still unmet, and the supply: the offers "
                           "open on the review date that cover it and their capacity (how many "
                           "requests they can take). An offer or a request that covers several "
                           "themes counts under each. These are counts of requests and offers, "
                           "not a measure of any state."));
    assist_theme_table(c);
    assist_region_table(c);
    add(c, DOC_PARA, say(c, tr(c, "Time from a request to its first proposal: median %s "
                                      "days, mean %s days, over %zu requests. Time from a "
                                      "request to a match (accepted by both the provider and the "
                                      "state): median %s days, mean %s days, over %zu requests. "
                                      "Requests not matched by the review date are not counted "
                                      "in these times; they are among the unmet requests."),
                          days(c, f->to_proposal.median), days(c, f->to_proposal.mean),
                          f->to_proposal.n, days(c, f->to_match.median), days(c, f->to_match.mean),
                          f->to_match.n));
    assist_oldest_table(c);
}

static void section_states(ctx_t *c)
{
    const review_t *r = c->r;
    const review_data_t *d = &r->d;
    doc_block_t *t = table(c, "by_state", tr(c, "Coverage per state"), 7, r->now.with_matrix);
    const char *head[7] = {tr(c, "State"), tr(c, "Matrix version"), tr(c, "Approved"),
                           tr(c, "Fields marked X"), tr(c, "Marked ?"), tr(c, "Applicable"),
                           tr(c, "Coverage")};
    memcpy(t->cells, head, sizeof head);
    for (size_t i = 0, row = 1; i < d->nstates; i++) {
        size_t k = r->state_order[i];
        if (r->now.in_force[k] < 0)
            continue;
        const review_version_t *v = &d->versions[r->now.in_force[k]];
        const cov_t *cv = &r->now.by_state[k];
        const char **cell = t->cells + row++ * 7;
        cell[0] = d->states[k].name[c->l];
        cell[1] = num(c, v->number);
        cell[2] = cell_date(c, v->approved);
        cell[3] = num(c, cv->x);
        cell[4] = num(c, cv->unsure);
        cell[5] = num(c, cov_applicable(cv));
        cell[6] = pct(c, cov_pct(cv));
    }
}

/* A session theme's name: the theme's, or "items without a theme". */
static const char *session_name(ctx_t *c, size_t theme)
{
    return theme == SIZE_MAX ? tr(c, "items without a theme") : c->r->d.themes[theme].name[c->l];
}

/* The plan's offers for a workshop: "provider (offer N): themes; K shared gaps". */
static const char *plan_assigned(ctx_t *c, const assist_workshop_offers_t *wo)
{
    if (wo->nassigned == 0)
        return tr(c, "none");
    buf_t b;
    buf_init(&b, 0);
    for (size_t k = 0; k < wo->nassigned; k++) {
        const assist_assigned_t *as = &wo->assigned[k];
        buf_printf(&b, "%s%s (%s %lld): ", k ? "\n" : "", as->provider_name[c->l], tr(c, "offer"),
                   as->offer->id);
        for (size_t t = 0; t < as->nthemes; t++)
            buf_printf(&b, "%s%s", t ? tr(c, ", ") : "", session_name(c, as->themes[t]));
        buf_printf(&b, "%s%s %zu", tr(c, "; "), tr(c, "shared gaps:"), as->ngaps);
    }
    const char *out = arena_strdup(c->a, buf_str(&b));
    buf_free(&b);
    return out;
}

/* What the plan leaves uncovered in a workshop, and why. */
static const char *plan_uncovered(ctx_t *c, const assist_workshop_offers_t *wo)
{
    if (wo->nuncovered == 0)
        return tr(c, "none");
    buf_t b;
    buf_init(&b, 0);
    for (size_t k = 0; k < wo->nuncovered; k++) {
        const assist_uncovered_t *u = &wo->uncovered[k];
        buf_printf(&b, "%s%s (%s %zu: %s)", k ? tr(c, "; ") : "", session_name(c, u->theme),
                   tr(c, "shared gaps:"), u->ngaps,
                   u->could ? tr(c, "the offers that cover it cover more shared gaps elsewhere")
                            : tr(c, "no available offer covers it"));
    }
    const char *out = arena_strdup(c->a, buf_str(&b));
    buf_free(&b);
    return out;
}

static void section_workshops(ctx_t *c)
{
    const review_t *r = c->r;
    const review_data_t *d = &r->d;
    add(c, DOC_HEADING, tr(c, "Groups of states with similar gaps"));
    add(c, DOC_PARA, say(c, tr(c, "States are grouped by the similarity of their gaps "
                                      "(Jaccard distance between their sets of applicable fields "
                                      "not marked X; agglomerative clustering with average "
                                      "linkage; %zu groups). Proposed regional workshops are "
                                      "drawn within one M49 sub-region, M49 region or UN "
                                      "regional group each: groups of %zu to %zu states with "
                                      "similar gaps, chosen together with the offers assigned "
                                      "to them so that the offers cover the most shared gaps "
                                      "of their states, no state in two workshops, each on the "
                                      "themes where its coverage is lowest."),
                          r->ngroups, r->workshop_min, r->workshop_max));
    for (size_t i = 0; i < r->nworkshops; i++) {
        const review_workshop_t *w = &r->workshops[i];
        buf_t b;
        buf_init(&b, 0);
        for (size_t t = 0; t < w->nthemes; t++)
            buf_printf(&b, "%s%s", t ? tr(c, ", ") : "", d->themes[w->themes[t]].name[c->l]);
        for (size_t g = 0; g < w->ngaps && g < 5; g++)
            buf_printf(&b, "%s%s", g ? tr(c, ", ") : "\n", d->items[w->gaps[g]].id);
        const char *themes = arena_strdup(c->a, buf_str(&b));
        buf_free(&b);
        const assist_workshop_offers_t *wo = &r->assist.workshops[i];
        add(c, DOC_PARA,
            say(c, "%s %zu — %s (%s %zu)\n%s: %s\n%s: %s\n%s: %zu\n%s: %zu / %zu\n%s:\n%s\n%s: %s",
                 tr(c, "Proposed workshop"), i + 1, review_workshop_place(d, w, c->l),
                 tr(c, "group"), w->group + 1, tr(c, "States"),
                 state_names(c, w->states, w->nstates), tr(c, "Themes"), themes,
                 tr(c, "Shared gaps"), w->ngaps,
                 tr(c, "Shared gaps covered by the assigned offers"), wo->covered, wo->shared,
                 tr(c, "Assigned offers (each offer's capacity used once)"),
                 plan_assigned(c, wo), tr(c, "Not covered"), plan_uncovered(c, wo)));
    }
}

/* The cover's lines and the summary's headline figures (the PDF puts them on
 * pages of their own; the other formats have the same figures in the body). */
static void cover_and_summary(ctx_t *c)
{
    const review_t *r = c->r;
    const review_data_t *d = &r->d;
    review_doc_t *doc = c->doc;
    char today[11];
    date_today(today);
    doc->cover[0] = arena_printf(c->a, "%s: %s", tr(c, "Report date"), day(c, today));
    doc->cover[1] = arena_printf(c->a, "%s: %s", tr(c, "As of"), day(c, r->now.as_of));
    doc->cover[2] = arena_printf(c->a, "%s: %s", tr(c, "Basis"),
                         r->published_only
                             ? tr(c, "published matrices only")
                             : tr(c, "published matrices and approved ones awaiting publication "
                                     "(--include-approved)"));
    doc->cover[3] = arena_printf(c->a, "%s: %s", tr(c, "Movements since"), day(c, r->then.as_of));
    doc->summary_title = tr(c, "Summary");
    doc->contents_title = tr(c, "Contents");
    const char **s = arena_alloc(c->a, 8 * sizeof *s);
    size_t n = 0, covered = 0, shared = 0;
    for (size_t i = 0; i < r->nworkshops; i++) {
        covered += r->assist.workshops[i].covered;
        shared += r->assist.workshops[i].shared;
    }
    s[n++] = say(c, tr(c, "%zu of %zu states had a matrix in force on %s."),
                  r->now.with_matrix, d->nstates, day(c, r->now.as_of));
    s[n++] = say(c, tr(c, "Applicable matrix fields marked X: %s (%s on %s)."),
                  pct(c, cov_pct(&r->now.total)), pct(c, cov_pct(&r->then.total)),
                  day(c, r->then.as_of));
    s[n++] = say(c, tr(c, "States that have never submitted a report: %zu."), r->now.never);
    s[n++] = say(c, tr(c, "Assistance requests: %u, of which unmet: %u; offers available: %u."),
                  r->assist.requests, r->assist.unmet, r->assist.offers);
    s[n++] = say(c,
                  tr(c, "Proposed regional workshops: %zu; their assigned offers cover %zu of "
                        "%zu shared gaps."),
                  r->nworkshops, covered, shared);
    s[n++] = doc->caveat;
    doc->summary = s;
    doc->nsummary = n;
}

void review_doc_build(const review_t *r, bool plain, arena_t *a, review_doc_t *doc)
{
    memset(doc, 0, sizeof *doc);
    ctx_t c = {r, doc, a, r->lang, numfmt_open(r->lang), plain};
    doc->lang = r->lang;
    doc->demo = r->d.demo;
    doc->title = tr(&c, "Review of the coverage of 1540 matrix fields");
    doc->caveat = review_caveat(r->lang);
    doc->short_caveat = tr(&c, "Indicators of fact, not a measure of compliance.");
    doc->demo_note = r->d.demo ? tr(&c, "DEMO DATA: the figures below come from generated demo "
                                        "data.")
                               : "";
    cover_and_summary(&c);
    add(&c, DOC_TITLE, doc->title);
    add(&c, DOC_PARA, say(&c, tr(&c, "As of %s; movements since %s."), day(&c, r->now.as_of),
                           day(&c, r->then.as_of)));
    if (r->d.demo)
        add(&c, DOC_PARA, doc->demo_note);
    add(&c, DOC_PARA, doc->caveat);
    section_method(&c);
    section_reporting(&c);
    section_coverage(&c);
    section_trend(&c);
    section_gaps(&c);
    section_heat(&c);
    section_workshops(&c);
    section_assistance(&c);
    section_events(&c);
    section_states(&c);
    numfmt_close(c.nf);
}
