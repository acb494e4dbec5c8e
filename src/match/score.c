/*
 * The matching score and its weights file. The formula (docs/matching.md):
 *
 *   0 when the pair shares no item and no theme, or a required rule fails;
 *   else  item * min(shared items, item_max) + theme * min(shared themes, theme_max)
 *       + kind [offered] + region [named] or region_any [serves all]
 *       + language [shared] + dates [overlap]
 *       + developing [LDC, LLDC or SIDS] + low_coverage * (share not marked X)
 *       + no_report [never reported] + priority * (priority - 1)
 *
 * Integer points only, so that scores are exact and the solver's optimum is
 * the same on every machine.
 */
#include "score.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/file.h"

/* ---- weights ---------------------------------------------------------------- */

typedef struct {
    const char *key;
    size_t offset;
} weight_key_t;

#define W(k)                                                                                       \
    {                                                                                              \
#k, offsetof(match_weights_t, k)                                                           \
    }
static const weight_key_t weight_keys[] = {
    W(item),       W(item_max),        W(theme),      W(theme_max), W(kind),  W(kind_required),
    W(region),     W(region_required), W(region_any), W(language),  W(dates), W(dates_required),
    W(developing), W(low_coverage),    W(no_report),  W(priority),
};
enum { WEIGHT_COUNT = sizeof weight_keys / sizeof *weight_keys };

/* Parses one "key = value" line into w; seen marks keys already given. */
static rc_t weight_line(const char *path, int line, char *text, match_weights_t *w,
                        bool seen[WEIGHT_COUNT], err_t *e)
{
    char *hash = strchr(text, '#');
    if (hash)
        *hash = '\0';
    char key[64];
    long long value;
    char tail;
    text += strspn(text, " \t\r");
    if (!*text)
        return RC_OK;
    size_t klen = strcspn(text, " \t\r=");
    const char *eq = text + klen + strspn(text + klen, " \t"); /* only blanks before the = */
    if (*eq != '=' || klen == 0 || klen >= sizeof key)
        return err_set(e, RC_INPUT, "%s:%d: expected `key = value`", path, line);
    snprintf(key, sizeof key, "%.*s", (int)klen, text);
    if (sscanf(eq + 1, " %lld %c", &value, &tail) != 1 || value < 0 || value > 100000)
        return err_set(e, RC_INPUT,
                       "%s:%d: %s: the value must be a whole number from 0 to "
                       "100000",
                       path, line, key);
    for (int k = 0; k < WEIGHT_COUNT; k++)
        if (strcmp(key, weight_keys[k].key) == 0) {
            if (seen[k])
                return err_set(e, RC_INPUT, "%s:%d: %s is given twice", path, line, key);
            seen[k] = true;
            *(int *)((char *)w + weight_keys[k].offset) = (int)value;
            return RC_OK;
        }
    return err_set(e, RC_INPUT, "%s:%d: unknown weight '%s'", path, line, key);
}

rc_t match_weights_load(const char *path, match_weights_t *w, err_t *e)
{
    arena_t a = ARENA_INIT;
    char *text;
    size_t len;
    rc_t rc = file_read_all(path, 1 << 20, &a, &text, &len, e);
    bool seen[WEIGHT_COUNT] = {0};
    memset(w, 0, sizeof *w);
    int line = 1;
    for (char *p = text; rc == RC_OK && p && *p; line++) {
        char *nl = strchr(p, '\n');
        if (nl)
            *nl = '\0';
        rc = weight_line(path, line, p, w, seen, e);
        p = nl ? nl + 1 : NULL;
    }
    for (int k = 0; rc == RC_OK && k < WEIGHT_COUNT; k++)
        if (!seen[k])
            rc = err_set(e, RC_INPUT, "%s: the weight '%s' is missing", path, weight_keys[k].key);
    arena_free(&a);
    return rc;
}

/* ---- themes ------------------------------------------------------------------- */

static int cmp_item_id(const void *key, const void *item)
{
    return strcmp(key, ((const template_item_t *)item)->id);
}

static int cmp_strp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Splits a comma-separated list into arena strings appended to codes[*n..]. */
static void split_into(const char *list, arena_t *a, char **codes, size_t *n, size_t max)
{
    for (const char *p = list; p && *p && *n < max;) {
        size_t m = strcspn(p, ",");
        if (m)
            codes[(*n)++] = arena_strndup(a, p, m);
        p += m;
        if (*p)
            p++;
    }
}

char *match_themes_of(const char *themes, const char *items, const template_item_t *tmpl,
                      size_t ntmpl, arena_t *a)
{
    /* An item carries at most a few themes; a template item's list is short. */
    size_t max =
        (size_t)assistance_list_count(themes) + 16 * (size_t)assistance_list_count(items) + 16;
    char **codes = arena_alloc(a, max * sizeof *codes);
    size_t n = 0;
    split_into(themes, a, codes, &n, max);
    size_t maxids = (size_t)assistance_list_count(items) + 1, nids = 0;
    char **ids = arena_alloc(a, maxids * sizeof *ids);
    split_into(items, a, ids, &nids, maxids);
    for (size_t i = 0; i < nids; i++) {
        const template_item_t *it = bsearch(ids[i], tmpl, ntmpl, sizeof *tmpl, cmp_item_id);
        if (it)
            split_into(it->themes, a, codes, &n, max);
    }
    qsort(codes, n, sizeof *codes, cmp_strp);
    size_t len = 1;
    for (size_t i = 0; i < n; i++)
        len += strlen(codes[i]) + 1;
    char *out = arena_alloc(a, len), *q = out;
    for (size_t i = 0; i < n; i++)
        if (i == 0 || strcmp(codes[i], codes[i - 1]) != 0)
            q += snprintf(q, len - (size_t)(q - out), "%s%s", q == out ? "" : ",", codes[i]);
    return out;
}

/* ---- the score ------------------------------------------------------------------ */

static void add(match_explain_t *ex, const char *name, int points, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void add(match_explain_t *ex, const char *name, int points, const char *fmt, ...)
{
    if (!ex || ex->nfactors >= MATCH_FACTOR_COUNT)
        return;
    match_factor_t *f = &ex->factor[ex->nfactors++];
    f->name = name;
    f->points = points;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(f->detail, sizeof f->detail, fmt, ap);
    va_end(ap);
}

static bool dates_overlap(const assistance_request_t *r, const assistance_offer_t *o)
{
    return (!*r->start || !*o->end || strcmp(r->start, o->end) <= 0) &&
           (!*o->start || !*r->end || strcmp(o->start, r->end) <= 0);
}

/* Which of the state's M49 codes the offer names, or NULL. */
static const char *region_named(const state_t *s, const char *regions)
{
    if (assistance_list_has(regions, s->m49_intermediate) && *s->m49_intermediate)
        return s->m49_intermediate;
    if (assistance_list_has(regions, s->m49_subregion))
        return s->m49_subregion;
    if (assistance_list_has(regions, s->m49_region))
        return s->m49_region;
    return NULL;
}

static int refuse(match_explain_t *ex, const char *why)
{
    if (ex)
        ex->refused = why;
    return 0;
}

/* The fit factors; returns -1 when a required rule fails. */
static int fit(const match_weights_t *w, const match_request_t *q, const match_offer_t *o,
               match_explain_t *ex)
{
    const assistance_request_t *r = q->r;
    const assistance_offer_t *of = o->o;
    int points = 0;
    bool kind = assistance_list_has(of->kinds, r->kind);
    if (!kind && w->kind_required)
        return refuse(ex, "the offer does not provide this kind of assistance") - 1;
    const char *named = region_named(q->state, of->regions);
    if (*of->regions && !named && w->region_required)
        return refuse(ex, "the offer does not serve the requester's region") - 1;
    bool dates = dates_overlap(r, of);
    if (!dates && w->dates_required)
        return refuse(ex, "the periods do not overlap") - 1;
    if (kind)
        add(ex, "kind", w->kind, "%s offered", r->kind), points += w->kind;
    if (named)
        add(ex, "region", w->region, "the offer serves region %s", named), points += w->region;
    else if (!*of->regions)
        add(ex, "region", w->region_any, "the offer serves every region"), points += w->region_any;
    char common[200];
    if (!*r->languages ||
        assistance_list_common(r->languages, of->languages, ex ? common : NULL, sizeof common) > 0)
        add(ex, "language", w->language, "%s", *r->languages ? common : "no preference"),
            points += w->language;
    if (dates)
        add(ex, "dates", w->dates, "the periods overlap"), points += w->dates;
    return points;
}

/* The need factors: who is asking. */
static int need(const match_weights_t *w, const match_request_t *q, match_explain_t *ex)
{
    const state_t *s = q->state;
    int points = 0;
    if (s->ldc || s->lldc || s->sids) {
        char flags[20];
        snprintf(flags, sizeof flags, "%s%s%s", s->ldc ? " LDC" : "", s->lldc ? " LLDC" : "",
                 s->sids ? " SIDS" : "");
        add(ex, "developing", w->developing, "%s", flags + 1);
        points += w->developing;
    }
    const assistance_need_t *nd = q->need;
    int low =
        nd && nd->applicable > 0
            ? (int)((long long)w->low_coverage * (nd->applicable - nd->marked_x) / nd->applicable)
            : w->low_coverage;
    if (nd && nd->applicable > 0)
        add(ex, "coverage", low, "%d of %d applicable fields marked X", nd->marked_x,
            nd->applicable);
    else
        add(ex, "coverage", low, "no approved matrix");
    points += low;
    if (!nd || nd->reports == 0)
        add(ex, "no-report", w->no_report, "never reported"), points += w->no_report;
    if (q->r->priority > 1) {
        int p = w->priority * (q->r->priority - 1);
        add(ex, "priority", p, "priority %d", q->r->priority);
        points += p;
    }
    return points;
}

int match_score(const match_weights_t *w, const match_request_t *q, const match_offer_t *o,
                match_explain_t *ex)
{
    if (ex)
        memset(ex, 0, sizeof *ex);
    /* The shared codes are spelled out only for an explanation: without one
     * (every pair of a run is scored so) counting them is enough. */
    char items[240], themes[240];
    int ni = assistance_list_common(q->r->items, o->o->items, ex ? items : NULL, sizeof items);
    int nt = assistance_list_common(q->themes, o->themes, ex ? themes : NULL, sizeof themes);
    if (ni == 0 && nt == 0)
        return refuse(ex, "no template item or theme in common");
    int points = 0;
    if (ni) {
        int p = w->item * (ni < w->item_max ? ni : w->item_max);
        add(ex, "items", p, "%d shared: %s", ni, items);
        points += p;
    }
    if (nt) {
        int p = w->theme * (nt < w->theme_max ? nt : w->theme_max);
        add(ex, "themes", p, "%d shared: %s", nt, themes);
        points += p;
    }
    int f = fit(w, q, o, ex);
    if (f < 0) {
        if (ex)
            ex->nfactors = 0;
        return 0;
    }
    return points + f + need(w, q, ex);
}

void match_explain_text(const match_explain_t *ex, buf_t *b, const char *indent)
{
    if (ex->refused)
        buf_printf(b, "%sno match: %s\n", indent, ex->refused);
    for (int i = 0; i < ex->nfactors; i++)
        buf_printf(b, "%s%s: %s = %d\n", indent, ex->factor[i].name, ex->factor[i].detail,
                   ex->factor[i].points);
}
