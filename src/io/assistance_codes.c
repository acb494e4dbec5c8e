/*
 * Loads the sets assistance records are checked against (core/assistance_check.h)
 * from the store: the current template's item ids and the theme keys.
 */
#include "assistance_codes.h"

#include <stdlib.h>
#include <string.h>

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
    qsort(c->items, c->nitems, sizeof *c->items, assistance_code_cmp);
    qsort(c->themes, c->nthemes, sizeof *c->themes, assistance_code_cmp);
    return RC_OK;
}
