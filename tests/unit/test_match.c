/*
 * The solver against exhaustive search on hundreds of random small instances
 * (fixed seed), against known optima on crafted ones, and the invariants every
 * answer must keep: capacities, candidate pairs only, determinism. Also the
 * instance reader's refusals.
 */
#include <stdlib.h>

#include "../../src/match/explain.h"
#include "../../src/match/instance.h"
#include "../../src/match/solver.h"
#include "tap.h"

/* A small deterministic generator (xorshift), so the test is the same everywhere. */
static unsigned long long rng = 88172645463325252ULL;
static int rnd(int n)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (int)(rng % (unsigned long long)n);
}

/* The best total by trying every choice (unassigned or one candidate) per request. */
static long long brute(const match_instance_t *in, int r, int *load)
{
    if (r == in->nreq)
        return 0;
    long long best = brute(in, r + 1, load);
    for (size_t k = 0; k < in->npairs; k++) {
        if (in->req[k] != r || load[in->off[k]] >= in->cap[in->off[k]])
            continue;
        load[in->off[k]]++;
        long long t = in->score[k] + brute(in, r + 1, load);
        load[in->off[k]]--;
        if (t > best)
            best = t;
    }
    return best;
}

/* The best total when request `skip` is already placed (its offer's load
 * counted by the caller): every other request tries every choice. */
static long long brute_skip(const match_instance_t *in, int r, int skip, int *load)
{
    if (r == in->nreq)
        return 0;
    if (r == skip)
        return brute_skip(in, r + 1, skip, load);
    long long best = brute_skip(in, r + 1, skip, load);
    for (size_t k = 0; k < in->npairs; k++) {
        if (in->req[k] != r || load[in->off[k]] >= in->cap[in->off[k]])
            continue;
        load[in->off[k]]++;
        long long t = in->score[k] + brute_skip(in, r + 1, skip, load);
        load[in->off[k]]--;
        if (t > best)
            best = t;
    }
    return best;
}

/* True if the assignment uses candidate pairs only, keeps capacities and adds up. */
static bool valid(const match_instance_t *in, const match_assignment_t *a)
{
    int *load = calloc((size_t)in->noff + 1, sizeof *load);
    long long total = 0;
    bool ok = true;
    for (int r = 0; r < in->nreq && ok; r++) {
        int k = a->pair_of[r];
        if (k < 0) {
            ok = a->offer_of[r] == -1;
            continue;
        }
        ok = in->req[k] == r && in->off[k] == a->offer_of[r] && in->score[k] > 0 &&
             ++load[in->off[k]] <= in->cap[in->off[k]];
        total += in->score[k];
    }
    free(load);
    return ok && total == a->total;
}

static void random_instance(match_instance_t *in, int maxr, int maxo, int maxcap, int maxscore)
{
    int nr = 1 + rnd(maxr), no = 1 + rnd(maxo);
    size_t n = 0;
    match_instance_init(in, nr, no, (size_t)nr * no);
    for (int j = 0; j < no; j++)
        in->cap[j] = rnd(maxcap + 1);
    for (int r = 0; r < nr; r++)
        for (int o = 0; o < no; o++)
            if (rnd(3) > 0) { /* about two pairs in three are candidates */
                in->req[n] = r;
                in->off[n] = o;
                in->score[n++] = rnd(maxscore + 1);
            }
    in->npairs = n;
}

static void test_random(match_method_t method, const char *name, int count, int maxscore)
{
    int bad = 0, invalid = 0;
    for (int t = 0; t < count; t++) {
        match_instance_t in;
        random_instance(&in, 7, 4, 3, maxscore);
        match_assignment_t a;
        match_solve(&in, method, &a);
        int *load = calloc((size_t)in.noff + 1, sizeof *load);
        if (a.total != brute(&in, 0, load))
            bad++;
        if (!valid(&in, &a))
            invalid++;
        free(load);
        match_assignment_free(&a);
        match_instance_free(&in);
    }
    char msg[160];
    snprintf(msg, sizeof msg, "%s: optimal on %d random instances (scores 0..%d)", name, count,
             maxscore);
    TAP_CHECK(bad == 0, msg);
    snprintf(msg, sizeof msg, "%s: capacities and candidate pairs kept on all", name);
    TAP_CHECK(invalid == 0, msg);
}

/* Complete square instances, so the dense method runs, against exhaustive search. */
static void test_dense_random(void)
{
    int bad = 0, dense = 0;
    for (int t = 0; t < 300; t++) {
        int nr = 1 + rnd(6), no = 1 + rnd(6);
        match_instance_t in;
        match_instance_init(&in, nr, no, (size_t)nr * no);
        for (int j = 0; j < no; j++)
            in.cap[j] = rnd(5) ? 1 : 0;
        for (int k = 0; k < nr * no; k++) {
            in.req[k] = k / no;
            in.off[k] = k % no;
            in.score[k] = rnd(t % 2 ? 4 : 1000);
        }
        match_assignment_t a;
        match_solve(&in, MATCH_METHOD_AUTO, &a);
        int *load = calloc((size_t)no + 1, sizeof *load);
        bad += a.total != brute(&in, 0, load) || !valid(&in, &a);
        dense += a.dense;
        free(load);
        match_assignment_free(&a);
        match_instance_free(&in);
    }
    TAP_CHECK(bad == 0, "dense: optimal and valid on 300 complete random instances");
    TAP_CHECK(dense > 150, "dense: the dense method ran on most of them");
}

/* Parses an instance from text; the test owns it. */
static match_instance_t parse(const char *text, rc_t *rc, err_t *e)
{
    match_instance_t in;
    *rc = match_instance_parse("t", text, strlen(text), &in, e);
    return in;
}

static long long solve_total(const char *text, match_method_t method)
{
    err_t e = {0};
    rc_t rc;
    match_instance_t in = parse(text, &rc, &e);
    if (rc != RC_OK)
        return -1;
    match_assignment_t a;
    match_solve(&in, method, &a);
    long long t = valid(&in, &a) ? a.total : -2;
    match_assignment_free(&a);
    match_instance_free(&in);
    return t;
}

static void test_crafted(void)
{
    static const struct {
        const char *name, *text;
        long long want;
    } cases[] = {
        {"empty", "0 0 0\n\n", 0},
        {"ties: two equal choices", "2 2 4\n1 1\n0 0 5\n0 1 5\n1 0 5\n1 1 5\n", 10},
        {"zero scores give nothing", "2 1 2\n2\n0 0 0\n1 0 0\n", 0},
        {"capacity 0 is never used", "1 2 2\n0 1\n0 0 100\n0 1 1\n", 1},
        {"a capacity shared by the best two", "3 1 3\n2\n0 0 3\n1 0 9\n2 0 7\n", 16},
        {"more offers than requests", "1 3 3\n1 1 1\n0 0 4\n0 1 8\n0 2 6\n", 8},
        {"more requests than offers", "3 1 3\n1\n0 0 4\n1 0 8\n2 0 6\n", 8},
        {"greedy is wrong here", "2 2 3\n1 1\n0 0 10\n0 1 9\n1 0 8\n", 17},
        {"a long chain of moves", "3 3 5\n1 1 1\n0 0 5\n1 0 6\n1 1 5\n2 1 6\n2 2 1\n", 12},
        {"bumping a request to unassigned", "2 1 2\n1\n0 0 3\n1 0 4\n", 4},
        {"scores of a billion",
         "2 2 4\n1 1\n0 0 1000000000\n0 1 999999999\n1 0 1000000000\n"
         "1 1 1\n",
         1999999999},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char msg[160];
        snprintf(msg, sizeof msg, "crafted: %s (sparse)", cases[i].name);
        TAP_CHECK(solve_total(cases[i].text, MATCH_METHOD_SPARSE) == cases[i].want, msg);
        snprintf(msg, sizeof msg, "crafted: %s (auto)", cases[i].name);
        TAP_CHECK(solve_total(cases[i].text, MATCH_METHOD_AUTO) == cases[i].want, msg);
    }
}

static void test_deterministic(void)
{
    match_instance_t in;
    int same = 1;
    random_instance(&in, 200, 40, 5, 3); /* many ties */
    match_assignment_t a, b;
    match_solve(&in, MATCH_METHOD_AUTO, &a);
    for (int t = 0; t < 3; t++) {
        match_solve(&in, MATCH_METHOD_AUTO, &b);
        same &= memcmp(a.offer_of, b.offer_of, (size_t)in.nreq * sizeof *a.offer_of) == 0;
        match_assignment_free(&b);
    }
    TAP_CHECK(same, "deterministic: the same instance gives the same assignment");
    match_assignment_free(&a);
    match_instance_free(&in);
}

/* Many equal scores: every method finds the obvious optimum, capacity times score. */
static void test_equal_scores(void)
{
    match_instance_t in;
    int nr = 120, no = 40;
    match_instance_init(&in, nr, no, (size_t)nr * no);
    for (int j = 0; j < no; j++)
        in.cap[j] = 2;
    for (int k = 0; k < nr * no; k++) {
        in.req[k] = k / no;
        in.off[k] = k % no;
        in.score[k] = 7;
    }
    match_assignment_t a, b;
    match_solve(&in, MATCH_METHOD_SPARSE, &a);
    TAP_CHECK(a.total == 7 * 80 && valid(&in, &a), "all scores equal: 80 requests placed");
    for (int j = 0; j < no; j++)
        in.cap[j] = 1;
    match_solve(&in, MATCH_METHOD_AUTO, &b);
    TAP_CHECK(b.total == 7 * 40 && valid(&in, &b), "all scores equal, capacity 1: 40 placed");
    match_assignment_free(&a);
    match_assignment_free(&b);
    match_instance_free(&in);
}

static void expect_refused(const char *text, const char *want, const char *name)
{
    err_t e = {0};
    rc_t rc;
    match_instance_t in = parse(text, &rc, &e);
    bool ok = rc == RC_INPUT && strstr(e.msg, want) != NULL && in.cap == NULL;
    if (!ok)
        printf("#   got rc %d: %s\n", rc, e.msg);
    TAP_CHECK(ok, name);
    match_instance_free(&in);
}

static void test_bad_input(void)
{
    expect_refused("", "t:1: empty instance", "empty text");
    expect_refused("1 1 1\n-1\n0 0 5\n", "t:2: a capacity is negative", "negative capacity");
    expect_refused("1 1 1\n1\n0 0 -5\n", "t:3: a score is negative", "negative score");
    expect_refused("1 1 1\n1\n0 1 5\n", "t:3: offer index out of range", "offer out of range");
    expect_refused("1 1 1\n1\n1 0 5\n", "t:3: request index out of range", "request out of range");
    expect_refused("1 2 2\n1 1\n0 1 5\n0 1 6\n", "t:4: the pair appears twice", "repeated pair");
    expect_refused("1 1 2\n1\n0 0 5\n", "more pairs E than", "E larger than R*O");
    expect_refused("2 1 2\n1\n0 0 5\n", "missing pair lines", "fewer lines than E");
    expect_refused("1 1 1\n1\n0 0 5\n0 0 5\n", "more pair lines than E", "more lines than E");
    expect_refused("1 1 1\n1\n0 0 5 7\n", "t:3: unexpected text", "a fourth number");
    expect_refused("1 1 1\n1\n0 0 x\n", "t:3: expected a score", "a word for a score");
    expect_refused("1 1 1\n1\n0 0 99999999999999999999\n", "larger than", "an enormous score");
    expect_refused("99999999999 1 1\n", "larger than", "an enormous R");
    expect_refused("1000 1000 900000\n", "too short", "a count the file cannot hold");
}

/* The explanation's "total with this pair forced" against exhaustive search:
 * every candidate pair of positive score whose offer has room, on random
 * instances; and the loss it reports is never negative. */
static void test_forced(void)
{
    int bad = 0, negative = 0, checked = 0;
    for (int t = 0; t < 300; t++) {
        match_instance_t in;
        random_instance(&in, 6, 4, 2, t % 2 ? 3 : 50);
        match_assignment_t a;
        match_solve(&in, MATCH_METHOD_AUTO, &a);
        int *load = calloc((size_t)in.noff + 1, sizeof *load);
        for (size_t k = 0; k < in.npairs; k++) {
            if (in.score[k] <= 0 || in.cap[in.off[k]] < 1)
                continue;
            load[in.off[k]] = 1;
            long long want = in.score[k] + brute_skip(&in, 0, in.req[k], load);
            load[in.off[k]] = 0;
            long long got = match_forced_total(&in, k);
            bad += got != want;
            negative += got > a.total;
            checked++;
        }
        free(load);
        match_assignment_free(&a);
        match_instance_free(&in);
    }
    char msg[160];
    snprintf(msg, sizeof msg, "forced pair: the best total with a pair forced is exact on %d pairs",
             checked);
    TAP_CHECK(bad == 0 && checked > 500, msg);
    TAP_CHECK(negative == 0, "forced pair: never above the optimum (the loss is 0 or more)");
}

int main(void)
{
    test_random(MATCH_METHOD_SPARSE, "sparse", 400, 20);
    test_random(MATCH_METHOD_SPARSE, "sparse, many ties", 400, 2);
    test_random(MATCH_METHOD_AUTO, "auto", 200, 1000);
    test_dense_random();
    test_crafted();
    test_deterministic();
    test_equal_scores();
    test_bad_input();
    test_forced();
    return tap_done();
}
