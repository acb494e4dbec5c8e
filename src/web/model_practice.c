/*
 * Effective practices next to the matrix (model_practice.h). One read of
 * the published practices per page: a few hundred at most.
 */
#include "model_practice.h"

#include <string.h>

#include "../core/practice.h"
#include "../store/store.h"

/* The published practices' counts by item id, as a JSON object; NULL when
 * there are none. */
static json_t *counts_by_item(web_req_t *r)
{
    practice_filter_t f = {.status = PRACTICE_PUBLISHED};
    practice_t *p;
    size_t n;
    err_t e = {0};
    if (store_practice_list(r->st, &f, &r->arena, &p, &n, &e) != RC_OK || n == 0)
        return NULL;
    json_t *counts = json_object();
    for (size_t i = 0; i < n; i++)
        for (const char *s = p[i].items; s && *s;) {
            size_t k = strcspn(s, ",");
            char *id = arena_strndup(&r->arena, s, k);
            json_object_set_new(counts, id,
                                json_integer(json_integer_value(json_object_get(counts, id)) + 1));
            s += k + (s[k] != '\0');
        }
    return counts;
}

json_t *model_practice_counts(web_req_t *r, json_t *mx)
{
    json_t *counts = mx ? counts_by_item(r) : NULL;
    if (!counts)
        return mx;
    json_t *copy = json_deep_copy(mx); /* mx may be the page cache's */
    json_decref(mx);
    json_t *sec, *tab, *en;
    size_t i, j, k;
    json_array_foreach(json_object_get(copy, "sections"), i, sec)
        json_array_foreach(json_object_get(sec, "tables"), j, tab)
            json_array_foreach(json_object_get(tab, "entries"), k, en) {
                json_t *c = json_object_get(counts, json_string_value(json_object_get(en, "item")));
                if (c)
                    json_object_set(en, "practices", c);
            }
    json_decref(counts);
    return copy;
}

json_t *model_item_practices(web_req_t *r, const char *item)
{
    practice_filter_t f = {.status = PRACTICE_PUBLISHED, .item = item};
    practice_t *p;
    size_t n = 0;
    err_t e = {0};
    json_t *list = json_array();
    if (!item || !*item || store_practice_list(r->st, &f, &r->arena, &p, &n, &e) != RC_OK)
        return list;
    for (size_t i = 0; i < n; i++)
        json_array_append_new(list, json_pack("{s:I,s:s,s:s}", "id", (json_int_t)p[i].id, "title",
                                              p[i].title, "by",
                                              p[i].state[0] ? p[i].state : p[i].org));
    return list;
}
