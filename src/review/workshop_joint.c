/*
 * The joint plan of workshops and offers, exactly, by branch and bound
 * (workshop_plan.h gives the formulation and the bound). The groups and the
 * offers cannot be chosen one after the other: a group that addresses many
 * gaps is worth little if the offers that would cover them are needed more
 * elsewhere, and each offer's capacity is shared by all the workshops.
 *
 * A search node fixes some candidates IN (held) and some OUT (not held, or
 * overlapping one held); the others are FREE. At each node: J(IN) is a plan
 * (IN alone), the dynamic programme over the FREE candidates gives the bound
 * and a set D, and J(IN + D) is a second plan; if that plan reaches the
 * bound, nothing below can do better. Otherwise the search branches on the
 * candidate of D worth most alone: held (its ancestors and descendants go
 * OUT), then not held.
 */
#include "workshop_plan.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum { FREE, IN, OUT };

typedef struct {
    const workshop_joint_t *in;
    long long *alone; /* per candidate: c(g), scaled, plus its value */
    size_t *post;     /* candidates, children before parents */
    size_t *first_child, *next_sibling;
    unsigned char *state; /* FREE, IN, OUT */
    bool *take, *set;     /* scratch: the DP's choice; a set to evaluate */
    long long *best_at;   /* scratch: DP per candidate */
    int *sub_w, *sub_of;  /* scratch: the sessions of a set */
    size_t *sub_s;
    int *offer_of;  /* scratch: an evaluated set's assignment */
    long long best; /* the best plan found, scaled */
    bool *best_chosen;
    int *best_offer;
    size_t nodes, limit;
    bool limit_hit;
    long long root_bound;
    double *lworth;   /* per candidate: its worth at the best prices (lagrange) */
    double lprice;    /* sum of price x capacity at those prices */
    double *lbest_at; /* scratch for dp_real */
} search_t;

/* J of a set (set[c]), scaled, with its value; fills x->offer_of. */
static long long evaluate(search_t *x, const bool *set)
{
    const workshop_joint_t *in = x->in;
    size_t k = 0;
    long long value = 0;
    for (size_t c = 0; c < in->ncand; c++)
        value += set[c] ? in->value[c] : 0;
    for (size_t s = 0; s < in->nsessions; s++) {
        x->offer_of[s] = -1;
        if (!set[in->session_cand[s]])
            continue;
        memcpy(x->sub_w + k * in->noff, in->weight + s * in->noff, in->noff * sizeof *x->sub_w);
        x->sub_s[k++] = s;
    }
    long long j = k ? workshop_assign(x->sub_w, k, in->cap, in->noff, x->sub_of) : 0;
    for (size_t i = 0; i < k; i++)
        x->offer_of[x->sub_s[i]] = x->sub_of[i];
    return j * WORKSHOP_JOINT_SCALE + value;
}

/* Keeps the plan just evaluated if it is strictly better. */
static void consider(search_t *x, long long j, const bool *set)
{
    if (j <= x->best)
        return;
    x->best = j;
    memcpy(x->best_chosen, set, x->in->ncand * sizeof *set);
    memcpy(x->best_offer, x->offer_of, x->in->nsessions * sizeof *x->offer_of);
}

/* The best disjoint choice of FREE candidates by worth[] (their worth alone,
 * or their value); marks it in x->take and returns its sum. Ties keep the
 * larger candidate. */
static long long dp(search_t *x, const long long *worth)
{
    const workshop_joint_t *in = x->in;
    long long total = 0;
    for (size_t i = 0; i < in->ncand; i++) {
        size_t c = x->post[i];
        long long split = 0;
        for (size_t ch = x->first_child[c]; ch != SIZE_MAX; ch = x->next_sibling[ch])
            split += x->best_at[ch];
        x->take[c] = x->state[c] == FREE && worth[c] > 0 && worth[c] >= split;
        x->best_at[c] = x->take[c] ? worth[c] : split;
        if (in->parent[c] == SIZE_MAX)
            total += x->best_at[c];
    }
    return total;
}

/* Whether candidate c is chosen by the DP: taken, with no taken ancestor. */
static bool dp_chosen(const search_t *x, size_t c)
{
    if (!x->take[c])
        return false;
    for (size_t p = x->in->parent[c]; p != SIZE_MAX; p = x->in->parent[p])
        if (x->take[p])
            return false;
    return true;
}

/* Sets FREE candidates among c's ancestors and descendants OUT, recording
 * them in changed; returns how many. */
static size_t block(search_t *x, size_t c, size_t *changed)
{
    size_t n = 0;
    for (size_t p = x->in->parent[c]; p != SIZE_MAX; p = x->in->parent[p])
        if (x->state[p] == FREE) {
            x->state[p] = OUT;
            changed[n++] = p;
        }
    /* descendants: walk the subtree with the sibling links */
    size_t v = x->first_child[c];
    while (v != SIZE_MAX) {
        if (x->state[v] == FREE) {
            x->state[v] = OUT;
            changed[n++] = v;
        }
        if (x->first_child[v] != SIZE_MAX) {
            v = x->first_child[v];
            continue;
        }
        while (v != SIZE_MAX && x->next_sibling[v] == SIZE_MAX) {
            v = x->in->parent[v];
            if (v == c)
                v = SIZE_MAX;
        }
        if (v != SIZE_MAX)
            v = x->next_sibling[v];
    }
    return n;
}

/* The best disjoint choice of candidates by a real-valued worth (the
 * Lagrangian's); marks it in x->take and returns its sum. */
static double dp_real(search_t *x, const double *worth, double *best_at, bool free_only)
{
    const workshop_joint_t *in = x->in;
    double total = 0;
    for (size_t i = 0; i < in->ncand; i++) {
        size_t c = x->post[i];
        double split = 0;
        for (size_t ch = x->first_child[c]; ch != SIZE_MAX; ch = x->next_sibling[ch])
            split += best_at[ch];
        x->take[c] = (!free_only || x->state[c] == FREE) && worth[c] > 0 && worth[c] >= split;
        best_at[c] = x->take[c] ? worth[c] : split;
        if (in->parent[c] == SIZE_MAX)
            total += best_at[c];
    }
    return total;
}

static void search(search_t *x)
{
    const workshop_joint_t *in = x->in;
    if (x->nodes++ >= x->limit) {
        x->limit_hit = true;
        return;
    }
    for (size_t c = 0; c < in->ncand; c++)
        x->set[c] = x->state[c] == IN;
    long long base = evaluate(x, x->set);
    consider(x, base, x->set);
    long long bound = base + dp(x, x->alone);
    if (x->lworth) { /* the Lagrangian bound with IN held and OUT left out */
        double ub = x->lprice;
        for (size_t c = 0; c < in->ncand; c++)
            ub += x->state[c] == IN ? x->lworth[c] : 0;
        ub += dp_real(x, x->lworth, x->lbest_at, true);
        long long lb = (long long)(ub + 1e-6) * WORKSHOP_JOINT_SCALE + WORKSHOP_JOINT_SCALE - 1;
        bound = lb < bound ? lb : bound;
        dp(x, x->alone); /* x->take again: the set D below */
    }
    if (x->nodes == 1 && bound < x->root_bound)
        x->root_bound = bound; /* the global bound: the tighter of the two */
    if (bound > x->root_bound)
        bound = x->root_bound;
    if (bound <= x->best)
        return;
    size_t pick = SIZE_MAX;
    for (size_t c = 0; c < in->ncand; c++) {
        bool d = dp_chosen(x, c);
        x->set[c] = x->state[c] == IN || d;
        if (d && (pick == SIZE_MAX || x->alone[c] > x->alone[pick]))
            pick = c;
    }
    long long with_d = evaluate(x, x->set);
    consider(x, with_d, x->set);
    if (with_d >= bound || pick == SIZE_MAX)
        return;
    size_t *changed = xmalloc((in->ncand + 1) * sizeof *changed);
    x->state[pick] = IN;
    size_t n = block(x, pick, changed);
    search(x);
    for (size_t i = 0; i < n; i++)
        x->state[changed[i]] = FREE;
    free(changed);
    x->state[pick] = OUT;
    search(x);
    x->state[pick] = FREE;
}

/* Children lists and a children-before-parents order of the forest. */
static void forest(search_t *x)
{
    const workshop_joint_t *in = x->in;
    size_t n = in->ncand, k = 0;
    for (size_t c = 0; c < n; c++)
        x->first_child[c] = x->next_sibling[c] = SIZE_MAX;
    for (size_t c = n; c-- > 0;) /* children in ascending order */
        if (in->parent[c] != SIZE_MAX) {
            x->next_sibling[c] = x->first_child[in->parent[c]];
            x->first_child[in->parent[c]] = c;
        }
    /* post-order: a node after all its descendants (depth, deepest first) */
    size_t *depth = xcalloc(n + 1, sizeof *depth), maxd = 0;
    for (size_t c = 0; c < n; c++) {
        for (size_t p = in->parent[c]; p != SIZE_MAX; p = in->parent[p])
            depth[c]++;
        maxd = depth[c] > maxd ? depth[c] : maxd;
    }
    for (size_t d = maxd + 1; d-- > 0;)
        for (size_t c = 0; c < n; c++)
            if (depth[c] == d)
                x->post[k++] = c;
    free(depth);
}

/* c(g) for every candidate: its sessions alone, every capacity free. */
static void worth_alone(search_t *x)
{
    const workshop_joint_t *in = x->in;
    for (size_t c = 0; c < in->ncand; c++) {
        memset(x->set, 0, in->ncand * sizeof *x->set);
        x->set[c] = true;
        x->alone[c] = evaluate(x, x->set);
    }
}

/* Before the search: two plans and a second bound. The plan of the groups
 * alone (the disjoint candidates addressing the most pairs, whatever the
 * offers: the sequential answer), so the search never returns less; and,
 * since J grows with its set, J(every candidate) + the best value is a bound
 * that counts each offer's capacity once (the sum of the c(g) counts it once
 * per workshop). */
static void seed(search_t *x)
{
    const workshop_joint_t *in = x->in;
    dp(x, in->value);
    for (size_t c = 0; c < in->ncand; c++)
        x->set[c] = dp_chosen(x, c);
    consider(x, evaluate(x, x->set), x->set);
    long long v = dp(x, in->value);
    for (size_t c = 0; c < in->ncand; c++)
        x->set[c] = true;
    long long all = evaluate(x, x->set); /* scaled, with the sum of every value */
    long long sum = 0;
    for (size_t c = 0; c < in->ncand; c++)
        sum += in->value[c];
    x->root_bound = all - sum + v;
}

/*
 * A tighter bound, and plans near it, by Lagrangian relaxation of the
 * capacities: with a price lam[o] >= 0 per place of offer o, every plan
 * covers at most sum(lam[o] cap[o]) + the best disjoint choice of candidates
 * where each session takes its best offer at weight w - lam (or none) with
 * no capacity. Subgradient steps on the prices (Polyak's rule) tighten it;
 * the choice at each price is also evaluated exactly as a plan.
 */
static void lagrange(search_t *x)
{
    const workshop_joint_t *in = x->in;
    size_t n = in->ncand, no = in->noff;
    double *lam = xcalloc(no + 1, sizeof *lam), *grad = xcalloc(no + 1, sizeof *grad);
    double *worth = xcalloc(n + 1, sizeof *worth), *best_at = xcalloc(n + 1, sizeof *best_at);
    int *pick = xcalloc(in->nsessions + 1, sizeof *pick);
    double ub_best = HUGE_VAL, theta = 2.0; /* the first round (no prices) is a bound */
    int stall = 0;
    for (int it = 0; it < WORKSHOP_JOINT_ROUNDS && theta > 1e-3; it++) {
        for (size_t c = 0; c < n; c++)
            worth[c] = (double)in->value[c] / WORKSHOP_JOINT_SCALE;
        for (size_t s = 0; s < in->nsessions; s++) {
            double best = 0;
            pick[s] = -1;
            for (size_t o = 0; o < no; o++) {
                double r = in->weight[s * no + o] > 0 ? in->weight[s * no + o] - lam[o] : 0;
                if (r > best) {
                    best = r;
                    pick[s] = (int)o;
                }
            }
            worth[in->session_cand[s]] += best;
        }
        double ub = dp_real(x, worth, best_at, false);
        for (size_t o = 0; o < no; o++)
            ub += lam[o] * in->cap[o];
        for (size_t c = 0; c < n; c++)
            x->set[c] = dp_chosen(x, c);
        if (it % 16 == 0 || ub < ub_best - 1e-9) /* a plan now and then: each costs a solve */
            consider(x, evaluate(x, x->set), x->set);
        if (ub < ub_best - 1e-9) {
            ub_best = ub;
            stall = 0;
            memcpy(x->lworth, worth, n * sizeof *worth);
            x->lprice = 0;
            for (size_t o = 0; o < no; o++)
                x->lprice += lam[o] * in->cap[o];
        } else if (++stall >= 8) {
            theta /= 2;
            stall = 0;
        }
        double norm = 0, lb = (double)x->best / WORKSHOP_JOINT_SCALE;
        for (size_t o = 0; o < no; o++)
            grad[o] = in->cap[o];
        for (size_t s = 0; s < in->nsessions; s++)
            if (pick[s] >= 0 && x->set[in->session_cand[s]])
                grad[pick[s]] -= 1;
        for (size_t o = 0; o < no; o++)
            norm += grad[o] * grad[o];
        if (norm == 0 || ub - lb < 1)
            break;
        for (size_t o = 0; o < no; o++) {
            lam[o] -= theta * (ub - lb) / norm * grad[o];
            lam[o] = lam[o] > 0 ? lam[o] : 0;
        }
    }
    /* J is whole: the bound rounds down (with the best value under it) */
    long long ub_scaled =
        (long long)(ub_best + 1e-6) * WORKSHOP_JOINT_SCALE + WORKSHOP_JOINT_SCALE - 1;
    if (ub_scaled < x->root_bound)
        x->root_bound = ub_scaled;
    free(lam), free(grad), free(worth), free(best_at), free(pick);
}

long long workshop_joint_solve(const workshop_joint_t *in, bool *chosen, int *offer_of,
                               bool *proven, long long *bound)
{
    size_t n = in->ncand, ns = in->nsessions;
    search_t x = {
        .in = in, .best = -1, .limit = in->node_limit ? in->node_limit : WORKSHOP_JOINT_NODES};
    x.alone = xcalloc(n + 1, sizeof *x.alone);
    x.post = xcalloc(n + 1, sizeof *x.post);
    x.first_child = xcalloc(n + 1, sizeof *x.first_child);
    x.next_sibling = xcalloc(n + 1, sizeof *x.next_sibling);
    x.state = xcalloc(n + 1, 1);
    x.take = xcalloc(n + 1, sizeof *x.take);
    x.set = xcalloc(n + 1, sizeof *x.set);
    x.best_at = xcalloc(n + 1, sizeof *x.best_at);
    x.best_chosen = xcalloc(n + 1, sizeof *x.best_chosen);
    x.sub_w = xcalloc(ns * in->noff + 1, sizeof *x.sub_w);
    x.sub_of = xcalloc(ns + 1, sizeof *x.sub_of);
    x.sub_s = xcalloc(ns + 1, sizeof *x.sub_s);
    x.offer_of = xcalloc(ns + 1, sizeof *x.offer_of);
    x.best_offer = xcalloc(ns + 1, sizeof *x.best_offer);
    forest(&x);
    worth_alone(&x);
    x.lbest_at = xcalloc(n + 1, sizeof *x.lbest_at);
    double *lworth = xcalloc(n + 1, sizeof *lworth);
    x.lworth = NULL;
    seed(&x);
    x.lworth = lworth; /* filled by lagrange with its best prices' worths */
    lagrange(&x);
    search(&x);
    free(x.lbest_at), free(lworth);
    memcpy(chosen, x.best_chosen, n * sizeof *chosen);
    memcpy(offer_of, x.best_offer, ns * sizeof *offer_of);
    *proven = !x.limit_hit || x.best >= x.root_bound;
    *bound = x.root_bound / WORKSHOP_JOINT_SCALE;
    long long covered = x.best / WORKSHOP_JOINT_SCALE;
    free(x.alone), free(x.post), free(x.first_child), free(x.next_sibling), free(x.state);
    free(x.take), free(x.set), free(x.best_at), free(x.best_chosen), free(x.sub_w);
    free(x.sub_of), free(x.sub_s), free(x.offer_of), free(x.best_offer);
    return covered;
}
