/*
 * Carrying entries across template versions (template_carry.h).
 */
#include "template_carry.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *key;    /* an item id of the source version */
    const char *target; /* the item of the target version it goes to */
} link_t;

static int link_cmp(const void *a, const void *b)
{
    return strcmp(((const link_t *)a)->key, ((const link_t *)b)->key);
}

/* The links from source ids to target ids, sorted by source id. Forward (to =
 * from + 1): each target item's from_id. Backward (to = from - 1): each
 * source item's from_id. The same version: every item to itself. */
static link_t *links(int from, const template_item_t *from_items, size_t nfrom, int to,
                     const template_item_t *to_items, size_t nto, arena_t *a, size_t *n)
{
    bool back = to < from;
    const template_item_t *items = back ? from_items : to_items;
    size_t ni = back ? nfrom : nto;
    link_t *l = arena_alloc(a, (ni + 1) * sizeof *l);
    *n = 0;
    for (size_t i = 0; i < ni; i++) {
        const char *linked = items[i].from_id && *items[i].from_id ? items[i].from_id : NULL;
        if (to == from)
            l[(*n)++] = (link_t){items[i].id, items[i].id};
        else if (linked)
            l[(*n)++] = back ? (link_t){items[i].id, linked} : (link_t){linked, items[i].id};
    }
    qsort(l, *n, sizeof *l, link_cmp);
    return l;
}

rc_t template_carry(int from, const template_item_t *from_items, size_t nfrom, int to,
                    const template_item_t *to_items, size_t nto, const matrix_entry_t *es,
                    size_t ne, arena_t *a, template_carry_t *out, err_t *e)
{
    memset(out, 0, sizeof *out);
    if (to < from - 1 || to > from + 1)
        return err_set(e, RC_INPUT, "no crosswalk joins template v%d to v%d: carry one version "
                                    "at a time", from, to);
    size_t nl;
    link_t *l = links(from, from_items, nfrom, to, to_items, nto, a, &nl);
    out->entries = arena_alloc(a, (ne + 1) * sizeof *out->entries);
    out->lost = arena_alloc(a, (ne + 1) * sizeof *out->lost);
    for (size_t i = 0; i < ne; i++) {
        link_t key = {es[i].item, NULL};
        const link_t *hit = nl ? bsearch(&key, l, nl, sizeof *l, link_cmp) : NULL;
        const char *id = hit ? hit->target : NULL;
        if (!id) {
            out->lost[out->nlost++] = es[i].item;
            continue;
        }
        matrix_entry_t *en = &out->entries[out->ncarried++];
        *en = es[i];
        en->item = (char *)id;
    }
    return RC_OK;
}
