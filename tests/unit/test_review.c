/*
 * Unit tests of the review analytics on a real SQLite database holding the
 * real reference data and a few hand-made matrices whose figures are worked
 * out by hand below: coverage by mark, by theme and region; as-of dates on
 * both sides of a version boundary; reporting status; gap ranking; the
 * clustering's determinism under any input order; and the assistance figures
 * (demand and supply by theme, unmet requests, time to a match, offers per
 * workshop) on hand-made requests, offers and proposal histories, as of dates
 * on both sides of their events, with empty and with broken records.
 */
#include <stdlib.h>
#include <unistd.h>

#include "../../src/io/refdata.h"
#include "../../src/review/cluster.h"
#include "../../src/review/gaps.h"
#include "../../src/review/metrics.h"
#include "../../src/review/review.h"
#include "tap.h"

static char dir[] = "/tmp/r1540-review-XXXXXX";

static store_t *open_fresh(const char *name, arena_t *a)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    store_t *st = NULL;
    err_t e = {0};
    if (store_open(path, STORE_OPEN_CREATE, &st, &e) != RC_OK ||
        refdata_load(st, getenv("R1540_DATA") ? getenv("R1540_DATA") : "data", a, &e) != RC_OK)
        printf("# %s\n", e.msg);
    return st;
}

/* A version with the given (item, mark) entries, approved on `approved`
 * (NULL: left as a draft). */
static void version(store_t *st, const char *state, int number, const char *approved,
                    const char *const *items, const mark_t *marks, size_t n)
{
    err_t e = {0};
    matrix_version_t v = {.number = number, .template_version = 1, .note = ""};
    memcpy(v.state, state, 4);
    memcpy(v.created, "2005-01-01", 11);
    if (store_version_insert(st, &v, &e) != RC_OK)
        printf("# %s\n", e.msg);
    for (size_t i = 0; i < n; i++) {
        matrix_entry_t en = {.item = (char *)items[i], .mark = marks[i], .legal_reference = "",
                             .page = "", .remark = ""};
        if (store_entry_put(st, v.id, &en, &e) != RC_OK)
            printf("# %s\n", e.msg);
    }
    if (approved && (store_version_set_status(st, v.id, MV_WITH_STATE, NULL, &e) != RC_OK ||
                     store_version_set_status(st, v.id, MV_APPROVED, approved, &e) != RC_OK))
        printf("# %s\n", e.msg);
}

static void report(store_t *st, const char *state, const char *kind, const char *date)
{
    err_t e = {0};
    report_t r = {.state = "", .kind = kind, .language = "en", .title = "t", .size = -1};
    memcpy(r.state, state, 4);
    memcpy(r.date, date, 11);
    if (store_report_insert(st, &r, NULL, 0, &e) != RC_OK)
        printf("# %s\n", e.msg);
}

static const char *const op1[3] = {"OP1-NPT", "OP1-CWC", "OP1-BWC"};

/* FRA: v1 (2006-01-01) NPT X, CWC ?, BWC NA; v2 (2010-06-01) all three X.
 * KEN: v1 (2012-03-01) NPT X; v2 a draft with all three X (never counts). */
static void fill(store_t *st)
{
    const mark_t v1[3] = {MARK_X, MARK_UNSURE, MARK_NA}, all[3] = {MARK_X, MARK_X, MARK_X};
    version(st, "FRA", 1, "2006-01-01", op1, v1, 3);
    version(st, "FRA", 2, "2010-06-01", op1, all, 3);
    version(st, "KEN", 1, "2012-03-01", op1, all, 1);
    version(st, "KEN", 2, NULL, op1, all, 3);
    report(st, "FRA", "first-report", "2004-10-28");
    report(st, "FRA", "letter", "2009-01-01"); /* letters are not reports */
    report(st, "KEN", "first-report", "2011-05-02");
}

static size_t index_of(const review_data_t *d, const char *alpha3)
{
    for (size_t i = 0; i < d->nstates; i++)
        if (strcmp(d->states[i].alpha3, alpha3) == 0)
            return i;
    return 0;
}

static bool cov_is(const cov_t *c, unsigned x, unsigned unsure, unsigned blank, unsigned na)
{
    if (c->x == x && c->unsure == unsure && c->blank == blank && c->na == na)
        return true;
    printf("#   got x=%u ?=%u blank=%u na=%u\n", c->x, c->unsure, c->blank, c->na);
    return false;
}

/* The data's own lookups agree with a plain scan, and miss unknown codes. */
static void test_lookups(const review_data_t *d)
{
    bool same = true;
    for (size_t i = 0; i < d->nitems; i++)
        same = same && review_item_index(d, d->items[i].id) == (long)i;
    for (size_t k = 0; k < d->nstates; k++)
        same = same && review_state_index(d, d->states[k].alpha3) == k;
    TAP_CHECK(same, "every item by id and every state by code");
    TAP_CHECK(review_item_index(d, "OP9-NONE") == -1 && review_item_index(d, "") == -1 &&
                  review_state_index(d, "XXX") == d->nstates,
              "an unknown item or state is not found");
}

static void test_snapshots(const review_data_t *d, arena_t *a)
{
    unsigned n = (unsigned)d->nitems;
    size_t fra = index_of(d, "FRA"), ken = index_of(d, "KEN");
    review_snapshot_t s;
    review_snapshot(d, "2008-01-01", a, &s);
    TAP_CHECK(s.with_matrix == 1 && s.in_force[ken] < 0, "2008: only FRA has a matrix in force");
    TAP_CHECK(cov_is(&s.total, 1, 1, n - 3, 1), "2008: FRA v1 counts X 1, ? 1, NA 1, the rest blank");
    TAP_CHECK(cov_applicable(&s.total) == n - 1 && cov_pct(&s.total) == 100.0 / (n - 1),
              "coverage = X / (fields not NA)");
    review_snapshot(d, "2010-05-31", a, &s);
    TAP_CHECK(d->versions[s.in_force[fra]].number == 1, "the day before v2's approval: v1");
    review_snapshot(d, "2010-06-01", a, &s);
    TAP_CHECK(d->versions[s.in_force[fra]].number == 2, "the day of v2's approval: v2");
    TAP_CHECK(cov_is(&s.total, 3, 0, n - 3, 0), "2010-06-01: FRA v2, three X");
    review_snapshot(d, "2013-01-01", a, &s);
    TAP_CHECK(s.with_matrix == 2 && d->versions[s.in_force[ken]].number == 1,
              "2013: KEN's approved v1 counts, its draft v2 never does");
    TAP_CHECK(cov_is(&s.total, 4, 0, 2 * n - 4, 0), "2013: FRA 3 X + KEN 1 X over 2 x items");
    TAP_CHECK(cov_is(&s.by_region[d->state_region[ken]], 1, 0, n - 1, 0),
              "by region: Africa holds only KEN");
    size_t dis = 0;
    for (size_t t = 0; t < d->nthemes; t++)
        if (strcmp(d->themes[t].code, "disarmament") == 0)
            dis = t;
    unsigned ndis = 0;
    for (size_t i = 0; i < d->nitems; i++)
        ndis += template_has_theme(d->items[i].themes, "disarmament");
    TAP_CHECK(cov_is(&s.by_theme[dis], 4, 0, 2 * ndis - 4, 0),
              "by theme: the three OP1 treaties are disarmament fields");
    TAP_CHECK(cov_is(&s.by_weapon[1], 1, 0, s.by_weapon[1].blank, 0) && s.by_weapon[1].x == 1,
              "by weapon: CWC is the one chemical X (FRA)");
    TAP_CHECK(s.by_flag[0].x == 0 && s.by_flag[0].blank == 0, "no LDC among FRA and KEN");
}

static void test_reporting(const review_data_t *d, arena_t *a)
{
    size_t fra = index_of(d, "FRA"), ken = index_of(d, "KEN");
    review_snapshot_t s;
    review_snapshot(d, "2004-10-27", a, &s);
    TAP_CHECK(s.reported == 0 && s.years_since[fra] == -1, "the day before the first report");
    review_snapshot(d, "2011-05-02", a, &s);
    TAP_CHECK(s.reported == 2 && s.never == d->nstates - 2, "two states have reported by 2011-05-02");
    TAP_CHECK(s.years_since[fra] == 6 && s.years_since[ken] == 0,
              "whole years since the last report (a letter does not count)");
}

static void test_trend(const review_data_t *d, arena_t *a)
{
    size_t np;
    review_trend_point_t *p = review_trend(d, "2013-02-01", a, &np);
    TAP_CHECK(np == 8 && strcmp(p[0].date, "2006-12-31") == 0 &&
                  strcmp(p[np - 1].date, "2013-02-01") == 0,
              "trend: year ends 2006..2012 and the as-of date");
    TAP_CHECK(p[3].total.x == 1 && p[4].total.x == 3 && p[6].total.x == 4,
              "trend: 2009 v1, 2010 v2, 2012 v2 + KEN");
}

static void test_gaps(arena_t *a)
{
    cov_t now[4] = {{1, 0, 3, 0}, {2, 0, 2, 0}, {0, 0, 0, 5}, {1, 1, 2, 0}};
    cov_t then[4] = {{0, 0, 4, 0}, {2, 0, 2, 0}, {0, 0, 0, 5}, {0, 0, 0, 4}};
    size_t n;
    review_gap_t *g = review_gaps_rank(now, then, 4, 0, a, &n);
    TAP_CHECK(n == 3 && g[0].index == 0 && g[1].index == 3 && g[2].index == 1,
              "gaps: lowest first, a tie goes to the lower index, nothing applicable left out");
    TAP_CHECK(g[0].pct == 25.0 && g[0].pct_since == 0.0 && g[1].pct_since == -1.0,
              "gaps carry the earlier coverage (-1 when nothing was applicable)");
    review_gaps_rank(now, NULL, 4, 2, a, &n);
    TAP_CHECK(n == 2, "gaps: the limit");
}

/* Eight states, two obvious families of gaps plus noise. */
static void test_cluster(void)
{
    const char *keys[8] = {"AAA", "BBB", "CCC", "DDD", "EEE", "FFF", "GGG", "HHH"};
    uint64_t sets[8] = {0x0f, 0x1f, 0x0e, 0x0f, 0xf00, 0xf80, 0x700, 0xf00};
    size_t g[8];
    cluster_agglomerate(keys, sets, 8, 1, 2, g);
    TAP_CHECK(g[0] == 0 && g[1] == 0 && g[2] == 0 && g[3] == 0 && g[4] == 1 && g[5] == 1 &&
                  g[6] == 1 && g[7] == 1,
              "two families of gaps make two groups, numbered by their first key");
    TAP_CHECK(cluster_jaccard(&sets[0], &sets[1], 1) == 1.0 - 4.0 / 5.0 &&
                  cluster_jaccard(&sets[0], &sets[4], 1) == 1.0,
              "Jaccard distance");
    /* Ties: AAA=DDD=EEE... identical sets; reorder the input many ways. */
    uint64_t ties[8] = {1, 1, 2, 2, 3, 3, 4, 4};
    size_t ref[8];
    cluster_agglomerate(keys, ties, 8, 1, 3, ref);
    bool same = true;
    unsigned seed = 7;
    for (int round = 0; round < 50; round++) {
        size_t perm[8], got[8];
        const char *pk[8];
        uint64_t ps[8];
        for (size_t i = 0; i < 8; i++)
            perm[i] = i;
        for (size_t i = 7; i > 0; i--) {
            seed = seed * 1103515245u + 12345u;
            size_t j = (seed >> 16) % (i + 1), t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        for (size_t i = 0; i < 8; i++) {
            pk[i] = keys[perm[i]];
            ps[i] = ties[perm[i]];
        }
        cluster_agglomerate(pk, ps, 8, 1, 3, got);
        for (size_t i = 0; i < 8; i++)
            same &= got[i] == ref[perm[i]];
    }
    TAP_CHECK(same, "the same groups for 50 shuffles of the input, ties included");
    TAP_CHECK(cluster_default_k(185) == 10 && cluster_default_k(3) == 2, "default group count");
}

/* ---- assistance figures ---------------------------------------------------------- */

static size_t theme_of(const review_data_t *d, const char *code)
{
    for (size_t t = 0; t < d->nthemes; t++)
        if (strcmp(d->themes[t].code, code) == 0)
            return t;
    printf("# no theme %s\n", code);
    return 0;
}

static size_t item_of(const review_data_t *d, const char *id)
{
    for (size_t i = 0; i < d->nitems; i++)
        if (strcmp(d->items[i].id, id) == 0)
            return i;
    printf("# no item %s\n", id);
    return 0;
}

static assistance_request_t req(long long id, const char *state, const char *submitted,
                                const char *items, const char *themes, const char *status)
{
    assistance_request_t r = {.id = id, .kind = "training", .items = (char *)items,
                              .themes = (char *)themes, .title = "t", .description = "",
                              .languages = "", .priority = 1, .status = (char *)status};
    snprintf(r.state, sizeof r.state, "%s", state);
    snprintf(r.submitted, sizeof r.submitted, "%s", submitted);
    return r;
}

static assistance_offer_t offer(long long id, const char *state, const char *org,
                                const char *items, const char *themes, const char *regions,
                                int capacity, const char *start, const char *end,
                                const char *status)
{
    assistance_offer_t o = {.id = id, .provider_org = (char *)org, .kinds = "training",
                            .items = (char *)items, .themes = (char *)themes, .title = "t",
                            .description = "", .regions = (char *)regions, .languages = "",
                            .capacity = capacity, .status = (char *)status};
    snprintf(o.provider_state, sizeof o.provider_state, "%s", state);
    snprintf(o.start, sizeof o.start, "%s", start);
    snprintf(o.end, sizeof o.end, "%s", end);
    return o;
}

static assistance_proposal_t prop(long long id, long long request, long long off,
                                  const char *created, const char *status)
{
    assistance_proposal_t p = {.id = id, .request_id = request, .offer_id = off, .score = 1,
                               .explanation = "", .batch = "", .status = (char *)status,
                               .provider_answer = "", .state_answer = ""};
    snprintf(p.created, sizeof p.created, "%s", created);
    return p;
}

static assistance_event_t ev(long long proposal, int seq, const char *date, const char *event)
{
    assistance_event_t x = {.proposal_id = proposal, .seq = seq, .event = (char *)event,
                            .note = ""};
    snprintf(x.date, sizeof x.date, "%s", date);
    return x;
}

/*
 * The fixture, worked out by hand (days between dates in the comments):
 *   R1 KEN 2020-01-10 OP1-NPT + export-control; P1 proposed 2020-02-09 (30 d),
 *      provider accepts 2020-03-01, state 2020-03-20: matched 2020-03-20 (70 d)
 *   R2 KEN 2020-06-01 OP1-CWC + legislation; P2 proposed 2020-06-11 (10 d),
 *      declined 2020-07-01; P3 proposed 2021-01-01, only the state accepts
 *   R3 FRA 2019-05-01 withdrawn
 *   R4 NER (LDC, LLDC) 2021-03-01 border-control, no proposal
 *   R5 JAM (SIDS) 2023-05-05 export-control; P4 proposed 2023-05-10 (5 d),
 *      state accepts 2023-05-20, provider 2023-06-01 (27 d), delivered 2023-09-01
 *   R6 a submission date that is no date: left out
 *   R7 KEN 2021-06-01 unknown item and theme + export-control; P5 whose only
 *      event has no real date: no proposal date
 *   O1 WCO border-control,export-control everywhere, capacity 3, from 2020-01-01
 *   O2 FRA legislation in Africa (002), capacity 2, 2022-06-01..2023-12-31
 *   O3 OPCW lists OP1-CWC, closed: never counts
 *   O4 UNODC legislation in Asia, capacity -1 (broken: counts 0), until 2021-12-31
 *   O5 AU legislation in Eastern Africa (014), capacity 1, open-ended
 * The events are given out of order, as a broken export could.
 */
static void assist_fixture(assist_records_t *in, arena_t *a)
{
    static assistance_request_t r[7];
    static assistance_offer_t o[5];
    static assistance_proposal_t p[5];
    static assistance_event_t e[11];
    r[0] = req(1, "KEN", "2020-01-10", "OP1-NPT", "export-control", "matched");
    r[1] = req(2, "KEN", "2020-06-01", "OP1-CWC", "legislation", "open");
    r[2] = req(3, "FRA", "2019-05-01", "OP1-NPT", "legislation", "withdrawn");
    r[3] = req(4, "NER", "2021-03-01", "OP1-BWC", "border-control", "open");
    r[4] = req(5, "JAM", "2023-05-05", "NOPE", "export-control", "delivered");
    r[5] = req(6, "KEN", "2020-13-45", "OP1-NPT", "export-control", "open");
    r[6] = req(7, "KEN", "2021-06-01", "NOPE", "no-such-theme,export-control", "open");
    o[0] = offer(1, "", "WCO", "", "border-control,export-control", "", 3, "2020-01-01", "",
                 "open");
    o[1] = offer(2, "FRA", "", "", "legislation", "002", 2, "2022-06-01", "2023-12-31", "open");
    o[2] = offer(3, "", "OPCW", "OP1-CWC", "legislation", "", 5, "", "", "closed");
    o[3] = offer(4, "", "UNODC", "", "legislation", "142", -1, "", "2021-12-31", "open");
    o[4] = offer(5, "", "AU", "", "legislation", "014", 1, "", "", "open");
    p[0] = prop(1, 1, 1, "2020-02-09", "accepted");
    p[1] = prop(2, 2, 1, "2020-06-11", "declined");
    p[2] = prop(3, 2, 5, "2021-01-01", "proposed");
    p[3] = prop(4, 5, 1, "2023-05-10", "delivered");
    p[4] = prop(5, 7, 1, "2021-06-05", "proposed");
    e[0] = ev(4, 4, "2023-09-01", "delivered");
    e[1] = ev(1, 1, "2020-02-09", "proposed");
    e[2] = ev(1, 2, "2020-03-01", "provider-accepted");
    e[3] = ev(1, 3, "2020-03-20", "state-accepted");
    e[4] = ev(2, 1, "2020-06-11", "proposed");
    e[5] = ev(2, 2, "2020-07-01", "provider-declined");
    e[6] = ev(3, 1, "2021-01-01", "proposed");
    e[7] = ev(3, 2, "2021-02-01", "state-accepted");
    e[8] = ev(4, 1, "2023-05-10", "proposed");
    e[9] = ev(4, 2, "2023-05-20", "state-accepted");
    e[10] = ev(4, 3, "2023-06-01", "provider-accepted");
    static assistance_event_t bad = {.proposal_id = 5, .seq = 1, .date = "20x1-06-05",
                                     .event = "proposed", .note = ""};
    assistance_event_t *all = arena_alloc(a, 12 * sizeof *all);
    memcpy(all, e, sizeof e);
    all[11] = bad;
    *in = (assist_records_t){.req = r, .nreq = 7, .off = o, .noff = 5, .prop = p, .nprop = 5,
                             .ev = all, .nev = 12};
}

static bool theme_is(const assist_figures_t *f, size_t t, unsigned req, unsigned unmet,
                     unsigned offers, unsigned cap)
{
    const assist_theme_t *x = &f->by_theme[t];
    if (x->requests == req && x->unmet == unmet && x->offers == offers && x->capacity == cap)
        return true;
    printf("#   got requests=%u unmet=%u offers=%u capacity=%u\n", x->requests, x->unmet,
           x->offers, x->capacity);
    return false;
}

/* The figures as of as_of with ncand (0 or 1) candidate workshops: a lone
 * candidate worth something is held, so f->workshops[0] is its offers. */
static void figures_of(const review_data_t *d, const assist_records_t *in, const char *as_of,
                       review_workshop_t *cand, size_t ncand, arena_t *a, assist_figures_t *f)
{
    static const size_t no_parent[1] = {SIZE_MAX};
    review_workshop_t *held;
    size_t nheld;
    if (ncand)
        cand->value = cand->value ? cand->value : 1;
    assist_figures_compute(d, in, as_of, cand, no_parent, ncand, a, f, &held, &nheld);
}

static void test_assist_2022(const review_data_t *d, const assist_records_t *in, arena_t *a)
{
    assist_figures_t f;
    figures_of(d, in, "2022-01-01", NULL, 0, a, &f);
    TAP_CHECK(f.requests == 4 && f.unmet == 3 && f.withdrawn == 1,
              "assistance 2022: R1 R2 R4 R7 count (R3 withdrawn, R5 later, R6 no date), R1 met");
    TAP_CHECK(f.offers == 2 && f.capacity == 4,
              "assistance 2022: O1 and O5 open (O2 not yet, O3 closed, O4 ended 2021-12-31)");
    TAP_CHECK(theme_is(&f, theme_of(d, "export-control"), 2, 1, 1, 3),
              "by theme: export-control demand R1 (met) R7, supply O1 (3)");
    TAP_CHECK(theme_is(&f, theme_of(d, "legislation"), 1, 1, 1, 1),
              "by theme: legislation demand R2, supply O5 (1)");
    TAP_CHECK(theme_is(&f, theme_of(d, "disarmament"), 3, 2, 0, 0),
              "by theme: a request concerns its items' themes (OP1-NPT, -CWC, -BWC: disarmament)");
    TAP_CHECK(theme_is(&f, theme_of(d, "border-control"), 1, 1, 1, 3),
              "by theme: border-control demand R4, supply O1");
    size_t afr = d->state_region[index_of(d, "KEN")];
    TAP_CHECK(f.by_region[afr].requests == 4 && f.by_region[afr].unmet == 3,
              "unmet by region: Africa 3 of 4");
    TAP_CHECK(f.by_flag[0].requests == 1 && f.by_flag[0].unmet == 1 && f.by_flag[1].unmet == 1 &&
                  f.by_flag[2].requests == 0,
              "unmet in LDC and LLDC: NER's R4; no SIDS request yet");
    TAP_CHECK(f.noldest == 3 && f.oldest[0].req->id == 2 && f.oldest[0].days == 579 &&
                  f.oldest[1].req->id == 4 && f.oldest[1].days == 306 &&
                  f.oldest[2].req->id == 7 && f.oldest[2].days == 214,
              "oldest unmet: R2 579 days, R4 306, R7 214");
    TAP_CHECK(f.to_proposal.n == 2 && f.to_proposal.median == 20.0 &&
                  f.to_proposal.mean == 20.0,
              "time to a first proposal: R1 30 d, R2 10 d (P5's event has no real date)");
    TAP_CHECK(f.to_match.n == 1 && f.to_match.median == 70.0 && f.to_match.mean == 70.0,
              "time to a match: R1 70 d (the second accept); R2's half-accepted P3 is no match");
}

static void test_assist_dates(const review_data_t *d, const assist_records_t *in, arena_t *a)
{
    assist_figures_t f;
    figures_of(d, in, "2020-03-19", NULL, 0, a, &f);
    TAP_CHECK(f.requests == 1 && f.unmet == 1 && f.to_match.n == 0 && f.to_match.median == -1 &&
                  f.to_proposal.n == 1 && f.to_proposal.median == 30.0,
              "the day before the state accepts: R1 unmet, proposed after 30 days, no match");
    figures_of(d, in, "2020-03-20", NULL, 0, a, &f);
    TAP_CHECK(f.unmet == 0 && f.to_match.n == 1 && f.to_match.median == 70.0,
              "the day the state accepts: R1 met after 70 days");
    figures_of(d, in, "2023-07-01", NULL, 0, a, &f);
    TAP_CHECK(f.requests == 5 && f.unmet == 3 && f.offers == 3 && f.capacity == 6,
              "2023-07-01: R5 counted and met; O1 O2 O5 open");
    TAP_CHECK(f.to_proposal.n == 3 && f.to_proposal.median == 10.0 && f.to_proposal.mean == 15.0,
              "time to a first proposal: 30, 10, 5 days: median 10, mean 15");
    TAP_CHECK(f.to_match.n == 2 && f.to_match.median == 48.5 && f.to_match.mean == 48.5,
              "time to a match: 70 and 27 days (the provider accepted last)");
    size_t am = d->state_region[index_of(d, "JAM")];
    TAP_CHECK(f.by_region[am].requests == 1 && f.by_region[am].unmet == 0 &&
                  f.by_flag[2].requests == 1 && f.by_flag[2].unmet == 0,
              "Americas and SIDS: JAM's request, met");
}

static void test_assist_workshops(const review_data_t *d, const assist_records_t *in, arena_t *a)
{
    size_t ken = index_of(d, "KEN"), ner = index_of(d, "NER"), uga = index_of(d, "UGA");
    size_t jpn = index_of(d, "JPN"), chn = index_of(d, "CHN");
    static size_t s1[2], s2[2], s3[2], gaps[1];
    static unsigned missing[1] = {2}; /* both states miss the shared gap */
    s1[0] = ken, s1[1] = ner, s2[0] = ken, s2[1] = uga, s3[0] = chn, s3[1] = jpn;
    gaps[0] = item_of(d, "OP1-CWC");
    review_workshop_t w[3] = {
        {.region = d->state_region[ken], .states = s1, .nstates = 2, .gaps = gaps, .missing = missing, .ngaps = 1,
         .themes = {theme_of(d, "legislation"), theme_of(d, "border-control"),
                    theme_of(d, "export-control")}, .nthemes = 3},
        {.region = d->state_region[ken], .states = s2, .nstates = 2,
         .themes = {theme_of(d, "legislation")}, .nthemes = 1},
        {.region = d->state_region[jpn], .states = s3, .nstates = 2,
         .themes = {theme_of(d, "legislation"), theme_of(d, "export-control")}, .nthemes = 2}};
    assist_figures_t f;
    assist_workshop_offers_t o[3];
    for (size_t i = 0; i < 3; i++) { /* each candidate alone: the offers that fit it */
        figures_of(d, in, "2023-07-01", &w[i], 1, a, &f);
        o[i] = f.workshops[0];
    }
    TAP_CHECK(o[0].n == 2 && o[0].fits[0].offer->id == 1 && o[0].fits[0].nthemes == 2 &&
                  o[0].fits[0].themes[0] == theme_of(d, "border-control") &&
                  o[0].fits[1].offer->id == 2 && o[0].fits[1].nthemes == 1,
              "workshop KEN+NER: O1 (two of its themes) then O2 (Africa); O5 serves Eastern "
              "Africa only, O3 is closed");
    TAP_CHECK(strcmp(o[0].fits[0].provider_name[LANG_EN], "WCO") == 0 &&
                  strcmp(o[0].fits[1].provider_name[LANG_FR], "France") == 0,
              "providers are named (organization code when unknown, state name per language)");
    TAP_CHECK(o[1].n == 2 && o[1].fits[0].offer->id == 2 && o[1].fits[1].offer->id == 5,
              "workshop KEN+UGA: O2 and O5 (both in Eastern Africa)");
    TAP_CHECK(o[2].n == 1 && o[2].fits[0].offer->id == 1,
              "workshop in Asia: only O1 (everywhere); O2 serves Africa, O4 has ended");
    static assistance_offer_t gap_only;
    gap_only = offer(9, "", "OPCW", "OP1-CWC", "", "", 1, "", "", "open");
    assist_records_t one = {.off = &gap_only, .noff = 1};
    figures_of(d, &one, "2023-07-01", w, 1, a, &f);
    TAP_CHECK(f.workshops[0].n == 1 && f.workshops[0].fits[0].ngaps == 1 &&
                  f.workshops[0].fits[0].nthemes == 0,
              "an offer listing a shared gap item fits the workshop though no theme matches");
}

static void test_assist_empty(const review_data_t *d, store_t *st, arena_t *a)
{
    assist_records_t none = {0};
    assist_figures_t f;
    review_workshop_t w = {.region = 0};
    figures_of(d, &none, "2022-01-01", &w, 1, a, &f);
    bool zero = f.requests == 0 && f.offers == 0 && f.noldest == 0 && f.to_match.n == 0 &&
                f.to_match.median == -1 && f.to_proposal.mean == -1 && f.workshops[0].n == 0;
    for (size_t t = 0; t < d->nthemes; t++)
        zero &= f.by_theme[t].requests == 0 && f.by_theme[t].capacity == 0;
    TAP_CHECK(zero && assist_unmet_pct(&f.by_theme[0]) == -1, "no assistance data: all zeros");
    err_t e = {0};
    review_opts_t o = {.lang = LANG_EN, .as_of = "2013-01-01"};
    review_t r;
    buf_t b;
    buf_init(&b, 0);
    rc_t rc = review_build(st, &o, a, &r, &e);
    if (rc == RC_OK)
        review_render_json(&r, &b);
    TAP_CHECK(rc == RC_OK && strstr(buf_str(&b), "\"assistance\":{\"requests\":0,\"unmet\":0,"
                                                 "\"withdrawn\":0,\"offers\":0,\"capacity\":0,"),
              "the review of a database without assistance records: zeros in its JSON");
    TAP_CHECK(strstr(buf_str(&b), "\"time_to_match\":{\"requests\":0,\"median_days\":null,"
                                  "\"mean_days\":null}") != NULL,
              "no match yet: the times are null, not zero");
    buf_free(&b);
}

static void test_bad_input(store_t *empty, arena_t *a)
{
    err_t e = {0};
    review_data_t d;
    TAP_CHECK(review_data_load(empty, a, &d, &e) == RC_INPUT && strstr(e.msg, "no approved matrix"),
              "a database without approved matrices: a clear error");
    TAP_CHECK(review_date_check("2003-12-31", "--as-of", &e) == RC_USAGE &&
                  strstr(e.msg, "before resolution 1540"),
              "a date before 2004-04-28");
    TAP_CHECK(review_date_check("2999-01-01", "--as-of", &e) == RC_USAGE &&
                  strstr(e.msg, "in the future"),
              "a date in the future");
    TAP_CHECK(review_date_check("2010-02-30", "--as-of", &e) == RC_USAGE, "not a date");
    TAP_CHECK(review_date_check("2004-04-28", "--as-of", &e) == RC_OK, "the day of adoption");
}

int main(void)
{
    if (!mkdtemp(dir))
        return 1;
    arena_t a = ARENA_INIT;
    err_t e = {0};
    store_t *st = open_fresh("review.db", &a), *empty = open_fresh("empty.db", &a);
    fill(st);
    review_data_t d;
    TAP_CHECK(review_data_load(st, &a, &d, &e) == RC_OK && d.nversions == 3,
              "load: the three approved versions");
    test_lookups(&d);
    test_snapshots(&d, &a);
    test_reporting(&d, &a);
    test_trend(&d, &a);
    test_gaps(&a);
    test_cluster();
    test_bad_input(empty, &a);
    assist_records_t in;
    assist_fixture(&in, &a);
    test_assist_2022(&d, &in, &a);
    test_assist_dates(&d, &in, &a);
    test_assist_workshops(&d, &in, &a);
    test_assist_empty(&d, st, &a);
    store_close(st);
    store_close(empty);
    arena_free(&a);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0)
        return 1;
    return tap_done();
}
