/*
 * Unit tests of the review analytics on a real SQLite database holding the
 * real reference data and a few hand-made matrices whose figures are worked
 * out by hand below: coverage by mark, by theme and region; as-of dates on
 * both sides of a version boundary; reporting status; gap ranking; and the
 * clustering's determinism under any input order.
 */
#include <stdlib.h>
#include <unistd.h>

#include "../../src/io/refdata.h"
#include "../../src/review/cluster.h"
#include "../../src/review/gaps.h"
#include "../../src/review/metrics.h"
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
    test_snapshots(&d, &a);
    test_reporting(&d, &a);
    test_trend(&d, &a);
    test_gaps(&a);
    test_cluster();
    test_bad_input(empty, &a);
    store_close(st);
    store_close(empty);
    arena_free(&a);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0)
        return 1;
    return tap_done();
}
