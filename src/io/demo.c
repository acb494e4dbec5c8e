/*
 * Demo data generator. Each state gets a latent "capacity" from its regional
 * group and LDC/SIDS status (on a fixed day, so the data never changes) plus
 * noise. The states that never reported are the real ones, from the
 * Committee's public list that init loads (data/facts/never-reported.tsv;
 * without it, the eight of lowest capacity); like the Committee, the demo gives
 * them matrices prepared from public information, with no report behind them,
 * so every Member State has an approved matrix. The rest
 * file a first report (most in 2004), additional information over the years,
 * sometimes an action plan, a peer review or a letter. Matrix versions follow
 * the review cycles after the first report; each item has a per-state
 * threshold, so a measure once marked X tends to stay X while coverage grows
 * from version to version, faster for treaties (OP 1) than for financing or
 * brokering controls. The random stream is seeded from the state's code, so the
 * data does not depend on the order states are loaded in.
 */
#include "demo.h"

#include "demo_event.h"
#include "demo_programme.h"
#include "demo_practice.h"
#include "demo_rng.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define NEVER_REPORTED 8

static double rng_unit(demo_rng_t *r)
{
    return (double)(demo_rng_next(r) >> 11) / 9007199254740992.0;
}

/* From lo to hi inclusive, by scaling (unlike demo_rng_int: the reports and
 * matrices were drawn this way). */
static int rng_int(demo_rng_t *r, int lo, int hi)
{
    return lo + (int)(rng_unit(r) * (hi - lo + 1));
}

/* Days since 1970-01-01 <-> YYYY-MM-DD. */
static long date_days(int y, int m, int d)
{
    struct tm tm = {.tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = d, .tm_hour = 12};
    return (long)(timegm(&tm) / 86400);
}

static void days_date(long days, char out[11])
{
    time_t t = (time_t)days * 86400;
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 11, "%Y-%m-%d", &tm);
}


static double capacity(const state_t *s)
{
    static const struct { const char *group; double base; } bases[] = {
        {"WEOG", 0.82}, {"EEG", 0.70}, {"GRULAC", 0.52}, {"APG", 0.50}, {"AFR", 0.36}};
    double c = 0.45;
    for (size_t i = 0; i < sizeof bases / sizeof *bases; i++)
        if (strcmp(s->un_group, bases[i].group) == 0)
            c = bases[i].base;
    c -= s->ldc ? 0.14 : 0;
    c -= s->sids ? 0.10 : 0;
    demo_rng_t r = demo_rng_for(s->alpha3, 1);
    c += (rng_unit(&r) - 0.5) * 0.3;
    return c < 0.05 ? 0.05 : c > 0.97 ? 0.97 : c;
}

static const char *state_language(const state_t *s)
{
    static const char arabic[] = "DZA BHR COM DJI EGY IRQ JOR KWT LBN LBY MRT MAR OMN QAT SAU "
                                 "SOM SDN SYR TUN ARE YEM";
    static const char french[] = "BEN BFA BDI CMR CAF TCD COG COD CIV GAB GIN HTI MDG MLI MCO "
                                 "NER RWA SEN TGO FRA BEL LUX";
    static const char spanish[] = "ARG BOL CHL COL CRI CUB DOM ECU SLV GTM HND MEX NIC PAN PRY "
                                  "PER URY VEN ESP GNQ";
    static const char russian[] = "RUS BLR KAZ KGZ TJK UZB TKM ARM AZE";
    if (strstr(arabic, s->alpha3))
        return "ar";
    if (strstr(french, s->alpha3))
        return "fr";
    if (strstr(spanish, s->alpha3))
        return "es";
    if (strstr(russian, s->alpha3))
        return "ru";
    return strcmp(s->alpha3, "CHN") == 0 ? "zh" : "en";
}

typedef struct {
    store_t *st;
    arena_t *a;
    err_t *e;
    const template_item_t *items;
    size_t nitems;
    int template_version;
} demo_t;

static const char *const kind_titles[] = {
    "National report on the implementation of resolution 1540 (2004)",
    "Additional information on the implementation of resolution 1540 (2004)",
    "Voluntary national implementation action plan",
    "Peer review of the implementation of resolution 1540 (2004)",
    "Letter to the Chair of the 1540 Committee",
};

static rc_t add_report(demo_t *d, const state_t *s, int kind, long day, long long *id)
{
    report_t r = {.kind = report_kinds[kind], .size = 0};
    snprintf(r.state, sizeof r.state, "%s", s->alpha3);
    days_date(day, r.date);
    snprintf(r.language, sizeof r.language, "%s", state_language(s));
    r.title = (char *)kind_titles[kind];
    char fname[96], doc[600];
    snprintf(fname, sizeof fname, "%s-%s-%s.txt", s->alpha3, r.date, r.kind);
    int n = snprintf(doc, sizeof doc,
                     "DEMO DATA - not a real submission.\n\n%s\n\nState: %s (%s)\nDate: %s\n"
                     "Kind: %s\n\nThis placeholder stands for the document a state submits to "
                     "the 1540 Committee.\n",
                     r.title, s->name[LANG_EN], s->alpha3, r.date, r.kind);
    r.filename = fname;
    r.media_type = "text/plain; charset=utf-8";
    r.size = n;
    r.has_document = true;
    report_sha256_hex(doc, (size_t)n, r.sha256);
    rc_t rc = store_report_insert(d->st, &r, doc, (size_t)n, d->e);
    *id = r.id;
    return rc;
}

/* Probability that an item is marked X for a state of capacity c at review cycle k. */
static double item_weight(const template_item_t *it)
{
    double w = 1.0;
    if (strcmp(it->section, "OP1") == 0)
        w = 1.35;
    else if (strcmp(it->section, "OP3AB") == 0)
        w = 0.85;
    else if (strcmp(it->section, "OP3CD") == 0)
        w = 0.78;
    if (strcmp(it->weapon, "biological") == 0)
        w *= 0.82;
    else if (strcmp(it->weapon, "delivery") == 0)
        w *= 0.65;
    static const char *const weak[] = {"financing", "brokering", "transit-transshipment",
                                       "technology-transfer", "end-user-controls"};
    for (size_t i = 0; i < sizeof weak / sizeof *weak; i++)
        if (template_has_theme(it->themes, weak[i]))
            w *= 0.7;
    return w;
}

static const int cycles[] = {2006, 2010, 2014, 2019, 2025};
enum { CYCLES = sizeof cycles / sizeof *cycles };

static double cycle_level(double cap, int cycle)
{
    return cap * (0.45 + 0.15 * cycle);
}

/* The version of one review cycle. An item keeps the legal reference and
 * source it got in the cycle where it first appeared (sources[] holds the
 * latest report before each cycle's version, 0 where there was none), so
 * comparing versions shows what really changed. */
static rc_t add_version(demo_t *d, const state_t *s, int number, long day, int cycle,
                        double cap, const long long sources[CYCLES], int last)
{
    matrix_version_t v = {.number = number, .template_version = d->template_version, .note = ""};
    snprintf(v.state, sizeof v.state, "%s", s->alpha3);
    days_date(day, v.created);
    rc_t rc = store_version_insert(d->st, &v, d->e);
    if (rc != RC_OK)
        return rc;
    double level = cycle_level(cap, cycle);
    /* the same per-item thresholds in every version */
    demo_rng_t thresholds = demo_rng_for(s->alpha3, 7);
    demo_rng_t noise = demo_rng_for(s->alpha3, 100 + (unsigned)number);
    char refs[d->nitems][64], pages[d->nitems][16];
    matrix_entry_t *entries = arena_alloc(d->a, d->nitems * sizeof *entries);
    size_t n = 0;
    for (size_t i = 0; i < d->nitems; i++) {
        const template_item_t *it = &d->items[i];
        double u = rng_unit(&thresholds), p = level * item_weight(it);
        matrix_entry_t en = {.item = it->id, .legal_reference = "", .page = "", .remark = ""};
        if (u > 0.985)
            en.mark = MARK_NA;
        else if (u < p)
            en.mark = MARK_X;
        else if (u < p + 0.05)
            en.mark = MARK_UNSURE;
        else
            continue;
        if (en.mark != MARK_NA && !sources[cycle]) {
            /* no report yet: the Committee's own research, an official web site */
            unsigned h = (unsigned)(u * 1e6);
            snprintf(refs[n], sizeof refs[n], "Demo Act No. %u of %u, art. %u", 1 + h % 40,
                     1990 + h % 15, 1 + h % 60);
            en.legal_reference = refs[n];
            en.remark = "From public information, no national report (demo)";
        } else if (en.mark != MARK_NA) {
            int since = 0;
            while (!sources[since] || u >= cycle_level(cap, since) * item_weight(it) + 0.05)
                since++;
            unsigned h = (unsigned)(u * 1e6);
            snprintf(refs[n], sizeof refs[n], "Demo Act No. %u of %u, art. %u", 1 + h % 40,
                     1990 + h % 15, 1 + h % 60);
            snprintf(pages[n], sizeof pages[n], "p. %u", 2 + h % 39);
            en.legal_reference = refs[n];
            en.page = pages[n];
            en.source_report = sources[since];
        }
        if (en.mark == MARK_UNSURE && sources[cycle])
            en.remark = "Reference may be incomplete (demo)";
        entries[n++] = en;
    }
    if ((rc = store_entries_insert(d->st, v.id, entries, n, d->e)) != RC_OK)
        return rc;
    /* Older versions went the whole way; the newest is somewhere in the workflow. */
    demo_rng_t r = demo_rng_for(s->alpha3, 50);
    double stage = last ? rng_unit(&r) : 0;
    char approved[11], published[11];
    days_date(day + rng_int(&noise, 60, 180), approved);
    days_date(day + rng_int(&noise, 190, 240), published);
    if (stage < 0.9 && (rc = store_version_set_status(d->st, v.id, MV_WITH_STATE, NULL, d->e)))
        return rc;
    if (stage < 0.75 && (rc = store_version_set_status(d->st, v.id, MV_APPROVED, approved, d->e)))
        return rc;
    if (stage < 0.6 && (rc = store_version_set_status(d->st, v.id, MV_PUBLISHED, published, d->e)))
        return rc;
    return RC_OK;
}

/* A state that never reported: one version per review cycle, prepared from
 * public information and approved and published like every other. */
static rc_t demo_silent_state(demo_t *d, const state_t *s, double cap)
{
    demo_rng_t r = demo_rng_for(s->alpha3, 2);
    long long sources[CYCLES] = {0};
    rc_t rc = RC_OK;
    for (int k = 0; rc == RC_OK && k < CYCLES; k++)
        rc = add_version(d, s, k + 1, date_days(cycles[k], 3, 1) + rng_int(&r, 0, 200), k, cap,
                         sources, 0);
    return rc;
}

static rc_t demo_state(demo_t *d, const state_t *s, double cap)
{
    demo_rng_t r = demo_rng_for(s->alpha3, 2);
    int year = rng_unit(&r) < 0.35 + 0.45 * cap ? 2004 : 2005 + (int)(rng_unit(&r) * 12 * (1 - cap));
    long first = year == 2004 ? date_days(2004, 6, 1) + rng_int(&r, 0, 210)
                              : date_days(year, 1, 1) + rng_int(&r, 0, 360);
    long long id, latest_report;
    rc_t rc = add_report(d, s, 0, first, &latest_report);
    /* Later documents, in date order: additional information, an action plan
     * (sometimes revised: plans have versions), a peer review, a letter. */
    int kinds[12], nk = 0;
    int addenda = rng_unit(&r) < 0.47 + 0.45 * cap ? 1 + (int)(rng_unit(&r) * 5 * cap) : 0;
    while (nk < addenda)
        kinds[nk++] = 1;
    if (rng_unit(&r) < 0.16) {
        kinds[nk++] = 2;
        if (rng_unit(&r) < 0.25)
            kinds[nk++] = 2;
    }
    if (rng_unit(&r) < 0.03)
        kinds[nk++] = 3;
    if (rng_unit(&r) < 0.3)
        kinds[nk++] = 4;
    long day = first, report_days[12];
    long long report_ids[12];
    int nreports = 0;
    for (int k = 0; rc == RC_OK && k < nk; k++) {
        day += rng_int(&r, 200, 1400);
        if (day > date_days(2026, 11, 1)) /* fixed, so the data never changes */
            break;
        rc = add_report(d, s, kinds[k], day, &id);
        report_days[nreports] = day;
        report_ids[nreports++] = id;
    }
    int number = 0;
    long long sources[CYCLES] = {0};
    for (int k = 0; rc == RC_OK && k < CYCLES; k++) {
        if (cycles[k] <= year)
            continue;
        long created = date_days(cycles[k], 3, 1) + rng_int(&r, 0, 200);
        for (int j = 0; j < nreports; j++)
            if (report_days[j] < created)
                latest_report = report_ids[j];
        sources[k] = latest_report;
        rc = add_version(d, s, ++number, created, k, cap, sources, k == CYCLES - 1);
    }
    return rc;
}

/* The LDC / SIDS flags of 2026-11-01, the day the demo data is fixed at, so
 * that later graduations do not change it. */
static rc_t flags_on_fixed_day(store_t *st, arena_t *a, state_t *states, size_t n, err_t *e)
{
    membership_t *m;
    size_t nm;
    rc_t rc = store_membership_list(st, NULL, a, &m, &nm, e);
    for (size_t i = 0; rc == RC_OK && nm && i < n; i++) {
        states[i].ldc = membership_on(m, nm, states[i].alpha3, "LDC", "2026-11-01");
        states[i].sids = membership_on(m, nm, states[i].alpha3, "SIDS", "2026-11-01");
    }
    return rc;
}

rc_t demo_generate(store_t *st, const char *data_dir, arena_t *a, err_t *e)
{
    state_t *states;
    report_t *reports;
    matrix_version_t *versions;
    size_t nstates, nreports, nversions;
    char *tv;
    rc_t rc;
    if ((rc = store_state_list(st, a, &states, &nstates, e)) != RC_OK ||
        (rc = store_report_list(st, NULL, a, &reports, &nreports, e)) != RC_OK ||
        (rc = store_version_list(st, NULL, a, &versions, &nversions, e)) != RC_OK ||
        (rc = store_meta_get(st, "template_version", a, &tv, e)) != RC_OK)
        return rc;
    if (nreports || nversions)
        return err_set(e, RC_REFUSED, "the database already holds reports or matrices; "
                                     "demo data goes only into a new database");
    demo_t d = {.st = st, .a = a, .e = e, .template_version = (int)strtol(tv, NULL, 10)};
    if ((rc = store_template_items(st, d.template_version, a, (template_item_t **)&d.items,
                                   &d.nitems, e)) != RC_OK)
        return rc;
    if ((rc = flags_on_fixed_day(st, a, states, nstates, e)) != RC_OK)
        return rc;
    /* The real never-reporting states stay silent; without the public list,
     * the NEVER_REPORTED states with the lowest capacity. */
    char *never = NULL;
    if (store_meta_get(st, "fact.never_reported", a, &never, NULL) != RC_OK)
        never = NULL;
    double *caps = arena_alloc(a, nstates * sizeof *caps);
    for (size_t i = 0; i < nstates; i++)
        caps[i] = capacity(&states[i]);
    for (size_t i = 0; rc == RC_OK && i < nstates; i++) {
        size_t lower = 0;
        for (size_t j = 0; j < nstates; j++)
            lower += caps[j] < caps[i] || (caps[j] == caps[i] && j < i);
        bool silent = never ? strstr(never, states[i].alpha3) != NULL : lower < NEVER_REPORTED;
        rc = silent ? demo_silent_state(&d, &states[i], caps[i])
                    : demo_state(&d, &states[i], caps[i]);
    }
    if (rc == RC_OK)
        rc = demo_assistance_generate(st, a, e);
    if (rc == RC_OK)
        rc = demo_proposals_generate(st, data_dir, a, e);
    if (rc == RC_OK)
        rc = demo_events_generate(st, states, nstates, a, e);
    if (rc == RC_OK)
        rc = demo_programmes_generate(st, a, e);
    if (rc == RC_OK)
        rc = demo_practices_generate(st, states, nstates, a, e);
    if (rc == RC_OK)
        rc = store_meta_set(st, "demo", "1", e);
    return rc;
}
