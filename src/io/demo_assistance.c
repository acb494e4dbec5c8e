/*
 * Demo assistance data: requests from states (developing states and states
 * with little in place ask more), and offers from the registry's
 * organizations and from donor states, each in its field (the IAEA for
 * nuclear security, the OPCW for chemical, WCO for borders and export
 * control, ...). Deterministic like the rest of the demo: the random streams
 * are seeded from fixed keys, dates come from fixed calendar days, and states
 * and providers are processed in a fixed order, so ids are stable too.
 * Everything here is invented; the database is marked as demo.
 */
#include "demo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assistance_codes.h"
#include "demo_rng.h"

/* A date in year y, day-of-year-ish from the stream (days 1..28 of any month). */
static void demo_date(demo_rng_t *r, int y0, int y1, char out[11])
{
    snprintf(out, 11, "%04d-%02d-%02d", demo_rng_int(r, y0, y1), demo_rng_int(r, 1, 12),
             demo_rng_int(r, 1, 28));
}

/* ---- requests --------------------------------------------------------------- */

/* Kinds of request, as often as states ask for them, each with its demo title. */
static const struct {
    const char *kind, *title;
} request_kinds[] = {
    {"legislative-drafting", "Assistance in drafting implementing legislation"},
    {"legislative-drafting", "Review of the penal code provisions"},
    {"training", "Training for licensing and customs officers"},
    {"training", "Training for law enforcement and prosecutors"},
    {"training", "Training for the national point of contact"},
    {"equipment", "Detection equipment for border crossings"},
    {"expert-visit", "Expert visit to review the national control list"},
    {"technical-advice", "Advice on a national implementation action plan"},
    {"workshop", "National workshop for the agencies concerned"},
    {"awareness-raising", "Awareness-raising for industry and academia"},
};
enum { REQUEST_KIND_CHOICES = sizeof request_kinds / sizeof *request_kinds };

/* Languages a state is likely to work in, from its region. */
static const char *languages_for(const state_t *s, demo_rng_t *r)
{
    if (strcmp(s->m49_subregion, "419") == 0)
        return strcmp(s->m49_intermediate, "029") == 0 && demo_rng_int(r, 0, 1) ? "en" : "es";
    if (strcmp(s->m49_subregion, "015") == 0 || strcmp(s->m49_subregion, "145") == 0)
        return demo_rng_int(r, 0, 1) ? "ar" : "ar,en";
    if (strcmp(s->un_group, "EEG") == 0 || strcmp(s->m49_subregion, "143") == 0)
        return demo_rng_int(r, 0, 1) ? "ru" : "en";
    if (strcmp(s->m49_region, "002") == 0)
        return demo_rng_int(r, 0, 2) ? "fr" : "en";
    return demo_rng_int(r, 0, 3) ? "en" : "en,fr";
}

/* How many requests a state files: more for LDCs, SIDS and the AFR and GRULAC groups. */
static int request_count(const state_t *s, demo_rng_t *r)
{
    int weight = 2 + 3 * s->ldc + 2 * s->sids + 2 * s->lldc;
    weight += strcmp(s->un_group, "AFR") == 0 || strcmp(s->un_group, "GRULAC") == 0 ? 2 : 0;
    weight -= strcmp(s->un_group, "WEOG") == 0 ? 2 : 0;
    return weight <= 0 ? 0 : demo_rng_int(r, 0, weight) * 3 / 4;
}

/* Items: a random one and up to three that follow it under the same heading. */
static char *pick_items(const template_item_t *items, size_t n, demo_rng_t *r, arena_t *a)
{
    size_t first = (size_t)demo_rng_int(r, 0, (int)n - 1), count = (size_t)demo_rng_int(r, 1, 4);
    char buf[512];
    size_t len = (size_t)snprintf(buf, sizeof buf, "%s", items[first].id);
    for (size_t k = first + 1; k < n && k < first + count; k++) {
        if (strcmp(items[k].heading, items[first].heading) != 0)
            break;
        len += (size_t)snprintf(buf + len, sizeof buf - len, ",%s", items[k].id);
    }
    return arena_strdup(a, buf);
}

static rc_t demo_requests(store_t *st, const state_t *states, size_t ns,
                          const template_item_t *items, size_t ni, const assistance_codes_t *codes,
                          arena_t *a, err_t *e)
{
    rc_t rc = RC_OK;
    for (size_t i = 0; i < ns && rc == RC_OK; i++) {
        demo_rng_t r = demo_rng_for(states[i].alpha3, 901 * 0x100000001b3ULL);
        int count = request_count(&states[i], &r);
        for (int k = 0; k < count && rc == RC_OK; k++) {
            int t = demo_rng_int(&r, 0, REQUEST_KIND_CHOICES - 1);
            assistance_request_t q = {.kind = (char *)request_kinds[t].kind,
                                      .items = pick_items(items, ni, &r, a),
                                      .themes = "",
                                      .title = (char *)request_kinds[t].title,
                                      .description = "DEMO DATA - not a real request.",
                                      .languages = (char *)languages_for(&states[i], &r),
                                      .priority =
                                          demo_rng_int(&r, 1, 6) <= 3 ? 1 : demo_rng_int(&r, 2, 3),
                                      .status = "open"};
            memcpy(q.state, states[i].alpha3, sizeof q.state);
            demo_date(&r, 2019, 2026, q.submitted);
            if (strcmp(q.submitted, "2026-11-01") > 0)
                snprintf(q.submitted, sizeof q.submitted, "2026-10-15");
            if (demo_rng_int(&r, 0, 2) == 0) {
                snprintf(q.start, sizeof q.start, "%.4s-01-01", q.submitted);
                int until = (int)strtol(q.submitted, NULL, 10) + demo_rng_int(&r, 1, 3);
                snprintf(q.end, sizeof q.end, "%04u-12-31", (unsigned)until % 10000u);
            }
            if ((rc = assistance_request_check(codes, &q, e)) == RC_OK)
                rc = store_request_insert(st, &q, e);
        }
    }
    return rc;
}

/* ---- offers ------------------------------------------------------------------- */

typedef struct {
    const char *provider; /* state alpha-3 or organization code */
    const char *kinds;
    const char *themes;
    const char *weapon; /* items of this weapon type are listed, "" none */
    const char *regions;
    const char *languages;
    const char *title;
    int offers; /* how many such offers */
} offer_spec_t;

static const offer_spec_t offer_specs[] = {
    {"IAEA", "training,expert-visit,technical-advice",
     "physical-protection,accounting,radioactive-sources,safeguards", "nuclear", "",
     "en,fr,es,ru,ar,zh", "Nuclear security support (INSSP)", 4},
    {"IAEA", "legislative-drafting", "legislation,safeguards", "", "", "en,fr,es,ru",
     "Nuclear law assistance", 2},
    {"OPCW", "training,legislative-drafting,technical-advice",
     "legislation,securing,export-control", "chemical", "", "en,fr,es,ru,ar",
     "CWC implementation programme", 4},
    {"BWC-ISU", "technical-advice,workshop", "biosafety-biosecurity,legislation", "biological", "",
     "en,fr,es,ru", "BWC national implementation support", 2},
    {"WCO", "training,equipment", "border-control,detection,export-control,illicit-trafficking", "",
     "", "en,fr,es,ar", "Strategic trade control enforcement (STCE)", 4},
    {"UNODC", "legislative-drafting,training", "counter-terrorism,legislation,penalties,financing",
     "", "", "en,fr,es,ru,ar", "Legal framework against nuclear and CBRN terrorism", 4},
    {"INTERPOL", "training", "enforcement,illicit-trafficking,border-control", "", "",
     "en,fr,es,ar", "CBRNE investigations course", 3},
    {"UNODA", "workshop,awareness-raising,technical-advice",
     "legislation,cooperation,export-control", "", "", "en,fr,es", "National 1540 roundtable", 4},
    {"UNLIREC", "workshop,legislative-drafting,training",
     "legislation,export-control,control-lists", "", "419", "es,en",
     "1540 implementation in Latin America and the Caribbean", 3},
    {"AU", "workshop,awareness-raising", "legislation,cooperation", "", "002", "en,fr,ar",
     "African regional 1540 workshop", 2},
    {"OAS", "workshop,legislative-drafting", "legislation,financing,counter-terrorism", "", "019",
     "es,en", "CICTE 1540 programme", 2},
    {"OSCE", "training,workshop", "export-control,border-control,licensing", "", "150,142", "en,ru",
     "OSCE 1540 support", 3},
    {"CARICOM", "workshop,legislative-drafting", "legislation,export-control", "", "029", "en",
     "CARICOM 1540 implementation", 1},
    {"SICA", "workshop", "border-control,legislation", "", "013", "es",
     "Central American border security", 1},
    {"ASEAN", "workshop", "export-control,transit-transshipment", "", "035", "en",
     "ASEAN strategic trade management", 1},
    {"EU", "training,equipment,technical-advice",
     "export-control,licensing,control-lists,catch-all", "", "", "en,fr,es,ru",
     "EU P2P export control programme", 4},
    {"USA", "training,equipment", "export-control,border-control,detection,licensing", "", "",
     "en,es,fr", "Export control and related border security (EXBS)", 4},
    {"GBR", "training,technical-advice", "financing,counter-terrorism,biosafety-biosecurity", "",
     "", "en", "Counter-proliferation capacity building", 2},
    {"FRA", "expert-visit,legislative-drafting", "legislation,penalties,export-control", "",
     "002,142", "fr,en", "Appui juridique et réglementaire", 2},
    {"DEU", "technical-advice,training", "biosafety-biosecurity,licensing", "biological", "",
     "en,fr", "German biosecurity programme", 2},
    {"JPN", "training,workshop", "export-control,licensing,catch-all", "", "142", "en",
     "Asian export control seminar", 2},
    {"CAN", "equipment,training", "physical-protection,securing,biosafety-biosecurity", "", "",
     "en,fr", "Weapons threat reduction programme", 2},
    {"AUS", "workshop,technical-advice", "export-control,safeguards", "", "009,035", "en",
     "Pacific and South-East Asia outreach", 2},
    {"NOR", "expert-visit,technical-advice", "physical-protection,radioactive-sources", "nuclear",
     "", "en", "Radioactive source security", 1},
    {"NLD", "training", "export-control,technology-transfer", "", "", "en",
     "Intangible technology transfer controls", 1},
    {"CHN", "training,workshop", "export-control,licensing", "", "142,002", "zh,en",
     "1540 training course for points of contact", 2},
    {"RUS", "training,expert-visit", "physical-protection,export-control", "", "142,150", "ru",
     "Physical protection and export control training", 2},
    {"KOR", "training", "export-control,licensing", "", "142", "en", "Export control workshop", 1},
};

/* Items of one weapon type, every third one, comma-separated ("" for none). */
static char *weapon_items(const template_item_t *items, size_t n, const char *weapon, demo_rng_t *r,
                          arena_t *a)
{
    if (!*weapon)
        return "";
    char buf[2048];
    size_t len = 0;
    int phase = demo_rng_int(r, 0, 2), k = 0;
    for (size_t i = 0; i < n; i++)
        if (strcmp(items[i].weapon, weapon) == 0 && k++ % 3 == phase && len < sizeof buf - 64)
            len +=
                (size_t)snprintf(buf + len, sizeof buf - len, "%s%s", len ? "," : "", items[i].id);
    return arena_strdup(a, buf);
}

static rc_t demo_offers(store_t *st, const template_item_t *items, size_t ni,
                        const assistance_codes_t *codes, arena_t *a, err_t *e)
{
    rc_t rc = RC_OK;
    for (size_t s = 0; s < sizeof offer_specs / sizeof *offer_specs && rc == RC_OK; s++) {
        const offer_spec_t *sp = &offer_specs[s];
        for (int k = 0; k < sp->offers && rc == RC_OK; k++) {
            demo_rng_t r = demo_rng_for(sp->provider,
                                        (950 + (unsigned)(s * 8 + (size_t)k)) * 0x100000001b3ULL);
            bool state = strlen(sp->provider) == 3 && strcmp(sp->provider, "OAS") != 0 &&
                         strcmp(sp->provider, "WCO") != 0;
            char title[200];
            snprintf(title, sizeof title, "%s, %d", sp->title, 2024 + k % 3);
            assistance_offer_t o = {.provider_org = state ? "" : (char *)sp->provider,
                                    .kinds = (char *)sp->kinds,
                                    .items = weapon_items(items, ni, sp->weapon, &r, a),
                                    .themes = (char *)sp->themes,
                                    .title = arena_strdup(a, title),
                                    .description = "DEMO DATA - not a real offer.",
                                    .regions = (char *)sp->regions,
                                    .languages = (char *)sp->languages,
                                    .capacity = demo_rng_int(&r, 1, 8),
                                    .status = "open"};
            if (state)
                memcpy(o.provider_state, sp->provider, 4);
            snprintf(o.start, sizeof o.start, "%d-01-01", 2024 + k % 3);
            if (demo_rng_int(&r, 0, 1))
                snprintf(o.end, sizeof o.end, "%d-12-31", 2026 + k % 3 + demo_rng_int(&r, 0, 2));
            if ((rc = assistance_offer_check(codes, &o, e)) == RC_OK)
                rc = store_offer_insert(st, &o, e);
        }
    }
    return rc;
}

rc_t demo_assistance_generate(store_t *st, arena_t *a, err_t *e)
{
    state_t *states;
    size_t ns, ni;
    assistance_codes_t codes;
    template_item_t *items;
    char *tv;
    rc_t rc;
    if ((rc = store_state_list(st, a, &states, &ns, e)) != RC_OK ||
        (rc = store_meta_get(st, "template_version", a, &tv, e)) != RC_OK ||
        (rc = store_template_items(st, (int)strtol(tv, NULL, 10), a, &items, &ni, e)) != RC_OK ||
        (rc = assistance_codes_load(st, a, &codes, e)) != RC_OK)
        return rc;
    if (ni == 0)
        return err_set(e, RC_FAIL, "demo: the template has no items");
    rc = demo_requests(st, states, ns, items, ni, &codes, a, e);
    if (rc == RC_OK)
        rc = demo_offers(st, items, ni, &codes, a, e);
    if (rc != RC_OK)
        err_prefix(e, "demo assistance: ");
    return rc;
}
