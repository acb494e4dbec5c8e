/*
 * Assistance records against the store's vocabulary (see assistance_check.h).
 */
#include "assistance_check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

rc_t assistance_codes_load(store_t *st, arena_t *a, assistance_codes_t *c, err_t *e)
{
    char *v;
    int version =
        store_meta_get(st, "template_version", a, &v, NULL) == RC_OK ? (int)strtol(v, NULL, 10) : 1;
    template_item_t *items;
    vocab_t *themes;
    rc_t rc = store_template_items(st, version, a, &items, &c->nitems, e);
    if (rc != RC_OK || (rc = store_vocab_list(st, "theme", a, &themes, &c->nthemes, e)) != RC_OK)
        return rc;
    c->items = arena_alloc(a, (c->nitems + 1) * sizeof *c->items);
    c->themes = arena_alloc(a, (c->nthemes + 1) * sizeof *c->themes);
    for (size_t i = 0; i < c->nitems; i++)
        c->items[i] = items[i].id;
    for (size_t i = 0; i < c->nthemes; i++)
        c->themes[i] = themes[i].code;
    qsort(c->items, c->nitems, sizeof *c->items, cmp_str);
    qsort(c->themes, c->nthemes, sizeof *c->themes, cmp_str);
    return RC_OK;
}

/* Checks that every code of list is in the sorted set; names the first that is not. */
static rc_t codes_known(const char *list, const char **set, size_t n, const char *what, err_t *e)
{
    char code[80];
    for (const char *p = list; p && *p;) {
        size_t m = strcspn(p, ",");
        snprintf(code, sizeof code, "%.*s", (int)(m < sizeof code ? m : sizeof code - 1), p);
        const char *key = code;
        if (!bsearch(&key, set, n, sizeof *set, cmp_str))
            return err_set(e, RC_NOTFOUND, "%s: unknown %s '%s'", what,
                           strcmp(what, "items") == 0 ? "template item" : "theme", code);
        p += m;
        if (*p)
            p++;
    }
    return RC_OK;
}

rc_t assistance_request_check(const assistance_codes_t *c, const assistance_request_t *r, err_t *e)
{
    rc_t rc = assistance_request_validate(r, e);
    if (rc == RC_OK)
        rc = codes_known(r->items, c->items, c->nitems, "items", e);
    if (rc == RC_OK)
        rc = codes_known(r->themes, c->themes, c->nthemes, "themes", e);
    return rc;
}

rc_t assistance_offer_check(const assistance_codes_t *c, const assistance_offer_t *o, err_t *e)
{
    rc_t rc = assistance_offer_validate(o, e);
    if (rc == RC_OK)
        rc = codes_known(o->items, c->items, c->nitems, "items", e);
    if (rc == RC_OK)
        rc = codes_known(o->themes, c->themes, c->nthemes, "themes", e);
    return rc;
}
