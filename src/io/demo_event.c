/*
 * Demo events. Every third year from 2006 each M49 region holds a training
 * course for points of contact and every fourth year from 2008 a regional
 * workshop; every other year from 2010 a pair of states of one sub-region
 * exchanges peer-review visits and one state holds a national round table.
 * Participants, themes and dates come from a SplitMix64 stream seeded with the
 * region or year (demo_rng.h), never from the clock:
 * the same reference data gives the same events. Events after the demo data's
 * fixed "today" (2026-11-01) are planned; earlier ones were held.
 */
#include "demo_event.h"
#include "demo_rng.h"

#include <stdio.h>
#include <string.h>

#define DEMO_TODAY "2026-11-01"

static const char *const demo_themes[] = {
    "legislation", "enforcement", "border-control", "export-control-regimes", "licensing",
    "physical-protection", "biosafety-biosecurity", "financing", "illicit-trafficking",
    "accounting", "transport", "detection"};
enum { NTHEMES = sizeof demo_themes / sizeof *demo_themes };

typedef struct {
    store_t *st;
    const state_t *states;
    size_t n;
    arena_t *a;
    err_t *e;
} gen_t;

static void put_date(char out[11], int year, int month, int day)
{
    char tmp[40];
    snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", year, month, day);
    memcpy(out, tmp, 10);
    out[10] = '\0';
}

/* Fills dates (a month, a few days) and up to three themes, then stores it. */
static rc_t add(gen_t *g, event_t *ev, int year, int days, demo_rng_t *s)
{
    int month = 1 + (int)(demo_rng_next(s) % 11), day = 1 + (int)(demo_rng_next(s) % 20);
    put_date(ev->start, year, month, day);
    put_date(ev->end, year, month, day + days);
    ev->status = strcmp(ev->start, DEMO_TODAY) > 0 ? "planned" : "held";
    char **themes = arena_alloc(g->a, 3 * sizeof *themes);
    for (size_t i = 0; i < 3; i++)
        themes[i] = (char *)demo_themes[demo_rng_next(s) % NTHEMES];
    ev->themes = themes;
    ev->nthemes = 3;
    return store_outreach_insert(g->st, ev, g->e);
}

/* A course or workshop for about a third of a region's states (at least three). */
static rc_t regional(gen_t *g, const char *region, const char *kind, int year)
{
    demo_rng_t s = demo_rng_for(region, (unsigned long long)(year * 2 + (kind[0] == 't')));
    char(*codes)[4] = arena_alloc(g->a, (g->n + 1) * sizeof *codes);
    size_t k = 0, host = g->n;
    for (size_t i = 0; i < g->n; i++)
        if (strcmp(g->states[i].m49_region, region) == 0 && (demo_rng_next(&s) % 3 == 0 || k < 3)) {
            memcpy(codes[k++], g->states[i].alpha3, 4);
            host = host == g->n ? i : host;
        }
    if (k < 2)
        return RC_OK;
    char title[160];
    snprintf(title, sizeof title, kind[0] == 't' ? "Regional training course for 1540 points of"
                                                   " contact (demo), %d"
                                                 : "Regional workshop on resolution 1540 (demo),"
                                                   " %d", year);
    event_t ev = {.kind = kind, .title = arena_strdup(g->a, title),
                  .place = g->states[host].name[LANG_EN], .organizer = "UNODA (demo)",
                  .states = codes, .nstates = k};
    return add(g, &ev, year, kind[0] == 't' ? 3 : 2, &s);
}

/* A peer-review visit between two states of one sub-region, and a round table. */
static rc_t bilateral(gen_t *g, int year)
{
    demo_rng_t s = demo_rng_for("peer-review", (unsigned long long)year);
    size_t a = demo_rng_next(&s) % g->n, b = g->n;
    for (size_t i = 1; i < g->n && b == g->n; i++) {
        size_t j = (a + i) % g->n;
        if (strcmp(g->states[j].m49_subregion, g->states[a].m49_subregion) == 0)
            b = j;
    }
    if (b == g->n)
        return RC_OK;
    char(*codes)[4] = arena_alloc(g->a, 2 * sizeof *codes);
    memcpy(codes[0], g->states[a].alpha3, 4);
    memcpy(codes[1], g->states[b].alpha3, 4);
    event_t ev = {.kind = "peer-review-visit", .title = "Peer review (demo)",
                  .place = g->states[b].name[LANG_EN], .organizer = "UNODA (demo)",
                  .states = codes, .nstates = 2};
    rc_t rc = add(g, &ev, year, 4, &s);
    size_t host = demo_rng_next(&s) % g->n;
    char(*one)[4] = arena_alloc(g->a, sizeof *one);
    memcpy(one[0], g->states[host].alpha3, 4);
    event_t rt = {.kind = "round-table", .title = "National round table on 1540 (demo)",
                  .place = g->states[host].name[LANG_EN], .organizer = "UNODA (demo)",
                  .states = one, .nstates = 1};
    return rc == RC_OK ? add(g, &rt, year, 1, &s) : rc;
}

rc_t demo_events_generate(store_t *st, const state_t *states, size_t n, arena_t *a, err_t *e)
{
    static const char *const regions[] = {"002", "019", "142", "150", "009"};
    gen_t g = {st, states, n, a, e};
    rc_t rc = RC_OK;
    for (int year = 2006; year <= 2027 && rc == RC_OK; year++)
        for (size_t r = 0; r < 5 && rc == RC_OK; r++) {
            if ((year - 2006) % 3 == 0)
                rc = regional(&g, regions[r], "training-course", year);
            if (rc == RC_OK && (year - 2008) % 4 == 0 && year >= 2008)
                rc = regional(&g, regions[r], "regional-workshop", year);
        }
    for (int year = 2010; year <= 2026 && rc == RC_OK && n > 1; year += 2)
        rc = bilateral(&g, year);
    return rc;
}
