/*
 * The workshop groups (src/review/workshop_plan.c): the similarity tree is a
 * proper binary tree over its leaves, and the choice of disjoint groups
 * within the size bounds is the best possible, checked against exhaustive
 * search over every set of pairwise disjoint candidate nodes on hundreds of
 * random small instances (fixed seed); sizes within bounds, no leaf twice,
 * and the same answer twice.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/review/workshop_plan.h"
#include "tap.h"

static unsigned long long rng = 2463534242ULL;
static unsigned rnd(unsigned n)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (unsigned)(rng % n);
}

/* Leaf bit mask of every node. */
static void masks(const workshop_tree_t *t, unsigned *mask)
{
    for (size_t v = 0; v < t->nodes; v++)
        mask[v] = v < t->n ? 1u << v : mask[t->left[v]] | mask[t->right[v]];
}

/* The best sum over sets of disjoint candidates, trying every subset of candidates. */
static long long brute(const workshop_tree_t *t, const long long *value, size_t min, size_t max)
{
    unsigned mask[64];
    size_t cand[64], nc = 0;
    masks(t, mask);
    for (size_t v = 0; v < t->nodes; v++)
        if (t->size[v] >= min && t->size[v] <= max)
            cand[nc++] = v;
    long long best = 0;
    for (unsigned long s = 0; s < 1ul << nc; s++) {
        unsigned used = 0;
        long long sum = 0;
        bool ok = true;
        for (size_t k = 0; k < nc && ok; k++)
            if (s >> k & 1) {
                ok = !(used & mask[cand[k]]);
                used |= mask[cand[k]];
                sum += value[cand[k]];
            }
        if (ok && sum > best)
            best = sum;
    }
    return best;
}

static void test_random(void)
{
    int bad_tree = 0, bad_best = 0, bad_plan = 0, bad_repeat = 0, runs = 400;
    for (int r = 0; r < runs; r++) {
        size_t n = 1 + rnd(9), words = 1;
        uint64_t sets[16];
        for (size_t i = 0; i < n; i++)
            sets[i] = rnd(64) | (uint64_t)rnd(64) << 6;
        arena_t a = ARENA_INIT;
        workshop_tree_t t, t2;
        workshop_tree_build(sets, n, words, &a, &t);
        workshop_tree_build(sets, n, words, &a, &t2);
        unsigned mask[64];
        masks(&t, mask);
        bad_tree +=
            t.nodes != 2 * n - 1 || mask[t.nodes - 1] != (1u << n) - 1 || t.size[t.nodes - 1] != n;
        long long value[64];
        for (size_t v = 0; v < t.nodes; v++)
            value[v] = rnd(4) ? (long long)rnd(30) : 0;
        size_t min = 1 + rnd(3), max = min + rnd(4);
        size_t chosen[64], chosen2[64];
        long long total, total2;
        size_t nc = workshop_select(&t, value, min, max, chosen, &total);
        size_t nc2 = workshop_select(&t2, value, min, max, chosen2, &total2);
        bad_best += total != brute(&t, value, min, max);
        unsigned used = 0;
        long long sum = 0;
        for (size_t k = 0; k < nc; k++) {
            bad_plan +=
                t.size[chosen[k]] < min || t.size[chosen[k]] > max || (used & mask[chosen[k]]) != 0;
            used |= mask[chosen[k]];
            sum += value[chosen[k]];
        }
        bad_plan += sum != total;
        bad_repeat += nc != nc2 || total != total2 || memcmp(chosen, chosen2, nc * sizeof *chosen);
        arena_free(&a);
    }
    TAP_CHECK(bad_tree == 0, "the tree has 2n-1 nodes and its root holds every leaf");
    TAP_CHECK(bad_best == 0, "the chosen groups' total equals exhaustive search on 400 instances");
    TAP_CHECK(bad_plan == 0, "sizes within bounds, no leaf in two groups, the total adds up");
    TAP_CHECK(bad_repeat == 0, "the same sets give the same tree and the same choice");
}

/* Two tight pairs and one outlier: the pairs merge first. */
static void test_known(void)
{
    uint64_t sets[5] = {0x0f, 0x0e, 0xf00, 0xe00, 0xf0000};
    arena_t a = ARENA_INIT;
    workshop_tree_t t;
    workshop_tree_build(sets, 5, 1, &a, &t);
    size_t leaves[5];
    TAP_CHECK(t.size[5] == 2 && t.size[6] == 2 && workshop_tree_leaves(&t, 5, leaves) == 2 &&
                  leaves[0] == 0 && leaves[1] == 1,
              "the closest sets merge first (ties: the lower positions)");
    long long value[9] = {0};
    value[5] = 10;
    value[6] = 7;
    value[7] = 16; /* the two pairs together: less than 10 + 7 */
    size_t chosen[5];
    long long total;
    size_t nc = workshop_select(&t, value, 2, 4, chosen, &total);
    TAP_CHECK(nc == 2 && total == 17 && chosen[0] == 5 && chosen[1] == 6,
              "two groups of two beat one of four worth less");
    nc = workshop_select(&t, value, 3, 4, chosen, &total);
    TAP_CHECK(nc == 1 && total == 16 && t.size[chosen[0]] == 4,
              "with a minimum of three, the group of four");
    nc = workshop_select(&t, value, 6, 20, chosen, &total);
    TAP_CHECK(nc == 0 && total == 0, "a frame smaller than the minimum has no workshop");
    arena_free(&a);
}

/* The best total of covering sessions by offers, trying every choice. */
static long long brute_assign(const int *cover, size_t ns, size_t no, size_t s, int *load,
                              const int *cap)
{
    if (s == ns)
        return 0;
    long long best = brute_assign(cover, ns, no, s + 1, load, cap);
    for (size_t o = 0; o < no; o++) {
        if (cover[s * no + o] <= 0 || load[o] >= cap[o])
            continue;
        load[o]++;
        long long t = cover[s * no + o] + brute_assign(cover, ns, no, s + 1, load, cap);
        load[o]--;
        if (t > best)
            best = t;
    }
    return best;
}

static void test_assign(void)
{
    int bad = 0, invalid = 0, runs = 300;
    for (int r = 0; r < runs; r++) {
        size_t ns = 1 + rnd(7), no = 1 + rnd(4);
        int cover[64], cap[8], offer_of[8], load[8] = {0};
        for (size_t o = 0; o < no; o++)
            cap[o] = (int)rnd(3);
        for (size_t k = 0; k < ns * no; k++)
            cover[k] = rnd(3) ? 0 : (int)rnd(9);
        long long total = workshop_assign(cover, ns, cap, no, offer_of);
        bad += total != brute_assign(cover, ns, no, 0, load, cap);
        long long sum = 0;
        for (size_t s = 0; s < ns; s++) {
            if (offer_of[s] < 0)
                continue;
            invalid += cover[s * no + (size_t)offer_of[s]] <= 0 || ++load[offer_of[s]] > cap[offer_of[s]];
            sum += cover[s * no + (size_t)offer_of[s]];
        }
        invalid += sum != total;
    }
    TAP_CHECK(bad == 0, "offers to sessions: the most shared gaps covered, as exhaustive search, on 300 instances");
    TAP_CHECK(invalid == 0, "offers to sessions: capacities kept, only offers that cover, the total adds up");
}

int main(void)
{
    test_assign();
    test_known();
    test_random();
    return tap_done();
}
