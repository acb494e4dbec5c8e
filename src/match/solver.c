/*
 * The exact assignment solver (see solver.h and docs/matching.md).
 *
 * Both methods minimize a cost with row potentials u and offer potentials v,
 * keeping every reduced cost c(r,o) - u(r) - v(o) >= 0 and every assigned
 * pair tight (= 0): that is the optimality certificate of the assignment
 * linear program, so when all requests are processed the assignment is
 * optimal. Costs are -score (sparse) or max - score (dense); potentials and
 * distances are 64-bit so no sum can overflow with scores up to 10^9.
 */
#include "solver.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../util/mem.h"

#define INF INT64_MAX / 4

void match_assignment_free(match_assignment_t *a)
{
    if (!a)
        return;
    free(a->offer_of);
    free(a->pair_of);
    memset(a, 0, sizeof *a);
}

/* ---- dense: Jonker-Volgenant on the padded square matrix ------------------ */

/* A square problem of size n: cost[i*n+j] >= 0; x[i] column of row i, y[j] row of column j. */
typedef struct {
    int n;
    int *cost;    /* owned: n*n */
    long long *v; /* owned: column potentials */
    int *x, *y;   /* owned */
} jv_t;

/* Column reduction: each column's potential is its smallest cost; the row
 * holding it takes the column if it has none yet (ties go to the later
 * column, whose potential is then lower). */
static void jv_column_reduction(jv_t *p, int *matches)
{
    int n = p->n;
    for (int j = n - 1; j >= 0; j--) {
        int imin = 0;
        int min = p->cost[j];
        for (int i = 1; i < n; i++)
            if (p->cost[(size_t)i * n + j] < min) {
                min = p->cost[(size_t)i * n + j];
                imin = i;
            }
        p->v[j] = min;
        if (++matches[imin] == 1) {
            p->x[imin] = j;
            p->y[j] = imin;
        } else if (p->v[j] < p->v[p->x[imin]]) {
            int j1 = p->x[imin];
            p->x[imin] = j;
            p->y[j] = imin;
            p->y[j1] = -1;
        } else {
            p->y[j] = -1;
        }
    }
}

/* Reduction transfer: a row assigned once lowers its column's potential by
 * its second-best reduced cost; returns the free rows in free_rows. */
static int jv_reduction_transfer(jv_t *p, const int *matches, int *free_rows)
{
    int n = p->n, nfree = 0;
    for (int i = 0; i < n; i++) {
        if (matches[i] == 0) {
            free_rows[nfree++] = i;
        } else if (matches[i] == 1) {
            int j1 = p->x[i];
            long long min = INF;
            const int *c = p->cost + (size_t)i * n;
            for (int j = 0; j < n; j++)
                if (j != j1 && c[j] - p->v[j] < min)
                    min = c[j] - p->v[j];
            p->v[j1] -= min;
        }
    }
    return nfree;
}

/* Augmenting row reduction: a free row takes its best column, pushing out the
 * holder, while the potentials allow; two passes as in Jonker and Volgenant. */
static int jv_augmenting_row_reduction(jv_t *p, int *free_rows, int nfree)
{
    int n = p->n;
    for (int pass = 0; pass < 2; pass++) {
        int k = 0, prev = nfree;
        nfree = 0;
        while (k < prev) {
            int i = free_rows[k++];
            const int *c = p->cost + (size_t)i * n;
            long long umin = c[0] - p->v[0], usub = INF;
            int j1 = 0, j2 = -1;
            for (int j = 1; j < n; j++) {
                long long h = c[j] - p->v[j];
                if (h < usub) {
                    if (h >= umin) {
                        usub = h;
                        j2 = j;
                    } else {
                        usub = umin;
                        umin = h;
                        j2 = j1;
                        j1 = j;
                    }
                }
            }
            int i0 = p->y[j1];
            if (umin < usub)
                p->v[j1] -= usub - umin;
            else if (i0 >= 0 && j2 >= 0) {
                j1 = j2;
                i0 = p->y[j2];
            }
            if (i0 >= 0)
                p->x[i0] = -1;
            p->x[i] = j1;
            p->y[j1] = i;
            if (i0 >= 0) {
                if (umin < usub)
                    free_rows[--k] = i0;
                else
                    free_rows[nfree++] = i0;
            }
        }
    }
    return nfree;
}

/* Work arrays of one dense augmentation. */
typedef struct {
    long long *d;
    int *pred, *cols;
} jv_work_t;

/* Scans the columns cols[up..n) from row i (reached at distance min): lowers
 * their distances; returns a free column reached at distance min, or -1. */
static int jv_scan_row(jv_t *p, jv_work_t *w, int i, long long min, int *up)
{
    int n = p->n;
    int j1 = p->x[i];
    const int *c = p->cost + (size_t)i * n;
    long long h = c[j1] - p->v[j1] - min;
    for (int k = *up; k < n; k++) {
        int j = w->cols[k];
        long long dj = c[j] - p->v[j] - h;
        if (dj < w->d[j]) {
            w->pred[j] = i;
            w->d[j] = dj;
            if (dj == min) {
                if (p->y[j] < 0)
                    return j;
                w->cols[k] = w->cols[*up];
                w->cols[(*up)++] = j;
            }
        }
    }
    return -1;
}

/* Collects the columns at the smallest distance into cols[low..up); returns a
 * free one among them, or -1. */
static int jv_find_min(jv_t *p, jv_work_t *w, int low, int *up, long long *min)
{
    int n = p->n;
    *min = w->d[w->cols[(*up)++]];
    for (int k = *up; k < n; k++) {
        int j = w->cols[k];
        long long h = w->d[j];
        if (h <= *min) {
            if (h < *min) {
                *up = low;
                *min = h;
            }
            w->cols[k] = w->cols[*up];
            w->cols[(*up)++] = j;
        }
    }
    for (int k = low; k < *up; k++)
        if (p->y[w->cols[k]] < 0)
            return w->cols[k];
    return -1;
}

/* One shortest augmenting path from a free row (dense Dijkstra, O(n^2)). */
static void jv_augment(jv_t *p, jv_work_t *w, int free_row)
{
    int n = p->n;
    const int *c = p->cost + (size_t)free_row * n;
    for (int j = 0; j < n; j++) {
        w->d[j] = c[j] - p->v[j];
        w->pred[j] = free_row;
        w->cols[j] = j;
    }
    int low = 0, up = 0, last = 0, end = -1;
    long long min = 0;
    while (end < 0) {
        if (up == low) {
            last = low - 1;
            end = jv_find_min(p, w, low, &up, &min);
            if (end >= 0)
                break;
        }
        int j1 = w->cols[low++];
        end = jv_scan_row(p, w, p->y[j1], min, &up);
    }
    for (int k = 0; k <= last; k++) {
        int j = w->cols[k];
        p->v[j] += w->d[j] - min;
    }
    for (;;) {
        int i = w->pred[end];
        p->y[end] = i;
        int prev = p->x[i];
        p->x[i] = end;
        if (i == free_row)
            break;
        end = prev;
    }
}

static void jv_solve(jv_t *p)
{
    int n = p->n;
    int *matches = xcalloc((size_t)n, sizeof *matches);
    int *free_rows = xmalloc((size_t)n * sizeof *free_rows);
    for (int i = 0; i < n; i++)
        p->x[i] = p->y[i] = -1;
    jv_column_reduction(p, matches);
    int nfree = jv_reduction_transfer(p, matches, free_rows);
    nfree = jv_augmenting_row_reduction(p, free_rows, nfree);
    jv_work_t w = {xmalloc((size_t)n * sizeof *w.d), xmalloc((size_t)n * sizeof *w.pred),
                   xmalloc((size_t)n * sizeof *w.cols)};
    for (int f = 0; f < nfree; f++)
        jv_augment(p, &w, free_rows[f]);
    free(w.d);
    free(w.pred);
    free(w.cols);
    free(matches);
    free(free_rows);
}

/* True when the dense method applies: every pair present (a complete
 * instance), capacities 0 or 1, and the padded square not much larger than
 * the pairs themselves. */
static bool dense_applies(const match_instance_t *in)
{
    if (in->nreq == 0 || in->noff == 0 || in->npairs != (size_t)in->nreq * (size_t)in->noff)
        return false;
    for (int j = 0; j < in->noff; j++)
        if (in->cap[j] > 1)
            return false;
    size_t n = (size_t)(in->nreq > in->noff ? in->nreq : in->noff);
    return n * n <= 2 * in->npairs;
}

static void solve_dense(const match_instance_t *in, match_assignment_t *out)
{
    int n = in->nreq > in->noff ? in->nreq : in->noff;
    int max = 0;
    for (size_t k = 0; k < in->npairs; k++)
        if (in->score[k] > max)
            max = in->score[k];
    jv_t p = {n, xmalloc((size_t)n * n * sizeof *p.cost), xcalloc((size_t)n, sizeof *p.v),
              xmalloc((size_t)n * sizeof *p.x), xmalloc((size_t)n * sizeof *p.y)};
    /* Padding and offers of capacity 0 cost max: the same as score 0, unassigned. */
    for (size_t k = 0; k < (size_t)n * n; k++)
        p.cost[k] = max;
    for (size_t k = 0; k < in->npairs; k++)
        if (in->cap[in->off[k]] > 0)
            p.cost[(size_t)in->req[k] * n + in->off[k]] = max - in->score[k];
    jv_solve(&p);
    for (int i = 0; i < in->nreq; i++)
        out->offer_of[i] = p.x[i] < in->noff && in->cap[p.x[i]] > 0 ? p.x[i] : -1;
    free(p.cost);
    free(p.v);
    free(p.x);
    free(p.y);
}

/* ---- sparse: successive shortest paths over the candidate pairs ----------- */

/* The Dijkstra below expands requests lazily: a heap entry is a request with
 * the distance of its best offer not yet settled. Popping it settles that one
 * offer and puts the request back with its next best. A search typically ends
 * after two or three settled offers, so pushing every pair of every scanned
 * request (twenty per request in the benchmark) would cost far more than the
 * few recomputations of a request's best offer that this costs instead. */
typedef struct {
    long long key;  /* distance to the request's best unsettled offer */
    long long base; /* the request's distance minus its potential */
    int full;       /* 1 if that offer has no room: at equal distance, room comes first */
    int col;        /* that offer */
    int row;        /* the request */
    int cost;       /* the cost of the pair (row, col) */
} heap_node_t;

typedef struct {
    int nreq, noff;
    size_t *start; /* owned: nreq+1, pairs of request r are [start[r], start[r+1]) */
    int *adj;      /* owned: offer of each kept pair */
    int *cost;     /* owned: -score of each kept pair */
    const int *cap;
    int *load;               /* owned: requests assigned to each offer */
    long long *v;            /* owned: offer potentials; 0 while an offer has room */
    int *row_col;            /* owned: request -> offer, -1 unassigned */
    int *row_cost;           /* owned: cost of that pair */
    int *head, *next, *prev; /* owned: each offer's requests, a doubly linked list */
    /* one search */
    long long *dist;       /* owned: distance of each offer settled in this search */
    int *done;             /* owned: stamp: the offer is settled in this search */
    int *pred, *pred_cost; /* owned: request an offer was settled from, and the pair cost */
    int *final;            /* owned: offers settled, in order */
    int nfinal, stamp;
    heap_node_t *heap; /* owned */
    size_t nheap, heap_cap;
} ssp_t;

/* Distance, then room before no room (a tie ends the search at once instead of
 * scanning the full offers first: on instances with many equal scores this is
 * the difference between O(E) and O(R * E)), then indices, for determinism. */
static bool heap_less(const heap_node_t *a, const heap_node_t *b)
{
    if (a->key != b->key)
        return a->key < b->key;
    if (a->full != b->full)
        return a->full < b->full;
    return a->col != b->col ? a->col < b->col : a->row < b->row;
}

static void heap_push(ssp_t *s, heap_node_t x)
{
    if (s->nheap == s->heap_cap) {
        s->heap_cap = s->heap_cap ? s->heap_cap * 2 : 1024;
        s->heap = xrealloc(s->heap, s->heap_cap * sizeof *s->heap);
    }
    size_t i = s->nheap++;
    while (i > 0 && heap_less(&x, &s->heap[(i - 1) / 2])) {
        s->heap[i] = s->heap[(i - 1) / 2];
        i = (i - 1) / 2;
    }
    s->heap[i] = x;
}

static heap_node_t heap_pop(ssp_t *s)
{
    heap_node_t top = s->heap[0], x = s->heap[--s->nheap];
    size_t i = 0, n = s->nheap;
    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= n)
            break;
        if (c + 1 < n && heap_less(&s->heap[c + 1], &s->heap[c]))
            c++;
        if (!heap_less(&s->heap[c], &x))
            break;
        s->heap[i] = s->heap[c];
        i = c;
    }
    if (n)
        s->heap[i] = x;
    return top;
}

/* Finds request k's best offer not settled yet (distance base + reduced cost)
 * and puts k on the heap with it; nothing when all its offers are settled. */
static void push_best(ssp_t *s, int k, long long base)
{
    long long best = INF;
    int best_full = 1, best_col = -1, best_cost = 0;
    for (size_t p = s->start[k]; p < s->start[k + 1]; p++) {
        int j = s->adj[p];
        long long key = base + s->cost[p] - s->v[j];
        if (key > best || s->done[j] == s->stamp)
            continue;
        int full = s->load[j] >= s->cap[j];
        if (key < best || full < best_full || (full == best_full && j < best_col)) {
            best = key;
            best_full = full;
            best_col = j;
            best_cost = s->cost[p];
        }
    }
    if (best_col >= 0)
        heap_push(s, (heap_node_t){best, base, best_full, best_col, k, best_cost});
}

static void detach(ssp_t *s, int r)
{
    int j = s->row_col[r];
    if (s->prev[r] >= 0)
        s->next[s->prev[r]] = s->next[r];
    else
        s->head[j] = s->next[r];
    if (s->next[r] >= 0)
        s->prev[s->next[r]] = s->prev[r];
    s->load[j]--;
    s->row_col[r] = -1;
}

static void attach(ssp_t *s, int r, int j, int cost)
{
    s->row_col[r] = j;
    s->row_cost[r] = cost;
    s->prev[r] = -1;
    s->next[r] = s->head[j];
    if (s->head[j] >= 0)
        s->prev[s->head[j]] = r;
    s->head[j] = r;
    s->load[j]++;
}

/* Scans the requests assigned to the full offer j (settled at distance d): each
 * may move to another of its offers, or become unassigned (its private option,
 * at reduced cost -u, i.e. at its base). */
static void scan_offer(ssp_t *s, int j, long long d, long long *dummy, int *dummy_row)
{
    for (int k = s->head[j]; k >= 0; k = s->next[k]) {
        long long base = d - (s->row_cost[k] - s->v[j]);
        if (base < *dummy) {
            *dummy = base;
            *dummy_row = k;
        }
        push_best(s, k, base);
    }
}

/* Moves requests along the path ending at offer `col` back to request i. */
static void augment_path(ssp_t *s, int i, int col)
{
    for (;;) {
        int k = s->pred[col], old = s->row_col[k];
        if (old >= 0)
            detach(s, k);
        attach(s, k, col, s->pred_cost[col]);
        if (k == i)
            return;
        col = old;
    }
}

/* Settles offer t.col from request t.row at distance t.key. */
static void settle(ssp_t *s, const heap_node_t *t)
{
    s->done[t->col] = s->stamp;
    s->dist[t->col] = t->key;
    s->pred[t->col] = t->row;
    s->pred_cost[t->col] = t->cost;
    s->final[s->nfinal++] = t->col;
}

/* Adds request i to the optimal assignment of the requests before it: one
 * Dijkstra from i to the nearest offer with room, or to a request's
 * "unassigned" option, then potentials updated and the path flipped. */
static void ssp_add(ssp_t *s, int i)
{
    s->stamp++;
    s->nfinal = 0;
    s->nheap = 0;
    long long dummy = 0; /* i itself may stay unassigned, at cost 0 */
    int dummy_row = i, end = -1;
    push_best(s, i, 0);
    while (s->nheap > 0) {
        heap_node_t t = heap_pop(s);
        if (t.key > dummy)
            break;
        if (s->done[t.col] == s->stamp) { /* settled meanwhile: try the next best */
            push_best(s, t.row, t.base);
            continue;
        }
        settle(s, &t);
        push_best(s, t.row, t.base);
        if (s->load[t.col] < s->cap[t.col]) {
            end = t.col;
            break;
        }
        scan_offer(s, t.col, t.key, &dummy, &dummy_row);
    }
    long long delta = end >= 0 ? s->dist[end] : dummy;
    for (int f = 0; f < s->nfinal; f++)
        s->v[s->final[f]] += s->dist[s->final[f]] - delta;
    if (end < 0) {
        if (dummy_row == i)
            return;
        end = s->row_col[dummy_row];
        detach(s, dummy_row);
    }
    augment_path(s, i, end);
}

/* Keeps the pairs that can matter (score > 0, offer capacity > 0), grouped by
 * request in their input order. */
static void ssp_build(ssp_t *s, const match_instance_t *in)
{
    s->start = xcalloc((size_t)in->nreq + 2, sizeof *s->start);
    size_t kept = 0;
    for (size_t k = 0; k < in->npairs; k++)
        if (in->score[k] > 0 && in->cap[in->off[k]] > 0) {
            s->start[in->req[k] + 1]++;
            kept++;
        }
    for (int r = 0; r < in->nreq; r++)
        s->start[r + 1] += s->start[r];
    s->adj = xmalloc((kept + 1) * sizeof *s->adj);
    s->cost = xmalloc((kept + 1) * sizeof *s->cost);
    size_t *fill = xmalloc(((size_t)in->nreq + 1) * sizeof *fill);
    memcpy(fill, s->start, (size_t)in->nreq * sizeof *fill);
    for (size_t k = 0; k < in->npairs; k++)
        if (in->score[k] > 0 && in->cap[in->off[k]] > 0) {
            size_t p = fill[in->req[k]]++;
            s->adj[p] = in->off[k];
            s->cost[p] = -in->score[k];
        }
    free(fill);
}

static int *ints(size_t n, int value)
{
    int *a = xmalloc((n + 1) * sizeof *a);
    for (size_t i = 0; i < n; i++)
        a[i] = value;
    return a;
}

static void solve_sparse(const match_instance_t *in, match_assignment_t *out)
{
    size_t nr = (size_t)in->nreq, no = (size_t)in->noff;
    ssp_t s = {.nreq = in->nreq, .noff = in->noff, .cap = in->cap};
    ssp_build(&s, in);
    s.load = ints(no, 0);
    s.v = xcalloc(no + 1, sizeof *s.v);
    s.row_col = ints(nr, -1);
    s.row_cost = ints(nr, 0);
    s.head = ints(no, -1);
    s.next = ints(nr, -1);
    s.prev = ints(nr, -1);
    s.dist = xcalloc(no + 1, sizeof *s.dist);
    s.done = ints(no, 0);
    s.pred = ints(no, -1);
    s.pred_cost = ints(no, 0);
    s.final = ints(no, 0);
    for (int i = 0; i < in->nreq; i++)
        ssp_add(&s, i);
    memcpy(out->offer_of, s.row_col, nr * sizeof *out->offer_of);
    void *owned[] = {s.start, s.adj,  s.cost, s.load, s.v,    s.row_col,   s.row_cost, s.head,
                     s.next,  s.prev, s.dist, s.done, s.pred, s.pred_cost, s.final,    s.heap};
    for (size_t k = 0; k < sizeof owned / sizeof *owned; k++)
        free(owned[k]);
}

/* ---- the entry point ------------------------------------------------------ */

/* Fills pair_of and the total from offer_of, dropping pairs of score 0 (the
 * dense method may pick them; they add nothing). */
static void finish(const match_instance_t *in, match_assignment_t *out)
{
    for (size_t k = 0; k < in->npairs; k++)
        if (out->offer_of[in->req[k]] == in->off[k])
            out->pair_of[in->req[k]] = (int)k;
    out->total = 0;
    out->assigned = 0;
    for (int r = 0; r < in->nreq; r++) {
        int k = out->pair_of[r];
        if (k < 0 || in->score[k] == 0) {
            out->offer_of[r] = out->pair_of[r] = -1;
            continue;
        }
        out->total += in->score[k];
        out->assigned++;
    }
}

void match_solve(const match_instance_t *in, match_method_t method, match_assignment_t *out)
{
    memset(out, 0, sizeof *out);
    out->offer_of = ints((size_t)in->nreq, -1);
    out->pair_of = ints((size_t)in->nreq, -1);
    out->dense = method != MATCH_METHOD_SPARSE && dense_applies(in);
    if (out->dense)
        solve_dense(in, out);
    else
        solve_sparse(in, out);
    finish(in, out);
}
