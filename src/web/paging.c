/*
 * Paging of the API's list calls (paging.h). Why in the router rather than
 * in each handler: the same parameters, limits, errors and Link headers on
 * every list call, and a list call added later gets them by naming its list
 * in the router's table.
 */
#include "paging.h"

#include <stdio.h>
#include <string.h>

#include "../util/buf.h"

/* A whole decimal number 1..max, or -1. */
static long long number_in(const char *s, long long max)
{
    long long v = 0;
    if (!*s || strlen(s) > 12)
        return -1;
    for (const char *p = s; *p; p++) {
        if (*p < '0' || *p > '9')
            return -1;
        v = v * 10 + (*p - '0');
    }
    return v >= 1 && v <= max ? v : -1;
}

rc_t web_paging_parse(web_req_t *r, bool strict, err_t *e)
{
    r->list_page = 1;
    r->per_page = WEB_PER_PAGE_DEFAULT;
    const char *p = web_query(r, "page"), *pp = web_query(r, "per_page");
    r->paged = p || pp;
    long long page = p ? number_in(p, 1000000000LL) : 1;
    long long per = pp ? number_in(pp, WEB_PER_PAGE_MAX) : WEB_PER_PAGE_DEFAULT;
    if (page < 0 && strict)
        return err_set(e, RC_INPUT, "%s",
                       web_tr(r, "page: a whole number from 1 to 1000000000 is expected."));
    if (per < 0 && strict)
        return err_set(e, RC_INPUT, "%s",
                       web_tr(r, "per_page: a whole number from 1 to 500 is expected."));
    if (page > 0)
        r->list_page = page;
    if (per > 0)
        r->per_page = per;
    return RC_OK;
}

/* Appends the call's own query without page and per_page, then those. */
static void link_one(web_req_t *r, buf_t *b, long long page, const char *rel)
{
    if (b->len)
        buf_puts(b, ", ");
    buf_printf(b, "</api/v1/%s?", r->path);
    const char *q = *r->query == '?' ? r->query + 1 : r->query;
    while (*q) {
        size_t n = strcspn(q, "&");
        bool paging = (n >= 5 && strncmp(q, "page=", 5) == 0) || (n == 4 && strncmp(q, "page", 4) == 0) ||
                      (n >= 9 && strncmp(q, "per_page=", 9) == 0) ||
                      (n == 8 && strncmp(q, "per_page", 8) == 0);
        /* the query is already percent-encoded (server.c), but a Link value
         * must not hold its own delimiters either */
        for (size_t i = 0; !paging && i < n; i++)
            buf_printf(b, strchr("<>\",; ", q[i]) || (unsigned char)q[i] >= 0x7f ? "%%%02X" : "%c",
                       (unsigned char)q[i]);
        if (!paging && n)
            buf_putc(b, '&');
        q += n;
        if (*q)
            q++;
    }
    buf_printf(b, "page=%lld&per_page=%lld>; rel=\"%s\"", page, r->per_page, rel);
}

void web_paging_say(web_req_t *r, json_t *m, long long total)
{
    if (r->per_page < 1 || r->list_page < 1) /* not parsed: the defaults */
        r->list_page = 1, r->per_page = WEB_PER_PAGE_DEFAULT;
    long long pages = total ? (total + r->per_page - 1) / r->per_page : 1;
    json_object_set_new(m, "count", json_integer(total));
    json_object_set_new(m, "page", json_integer(r->list_page));
    json_object_set_new(m, "pages", json_integer(pages));
    json_object_set_new(m, "per_page", json_integer(r->per_page));
    if (!r->api)
        return;
    buf_t b;
    buf_init(&b, 16 * 1024);
    link_one(r, &b, 1, "first");
    if (r->list_page > 1)
        link_one(r, &b, r->list_page - 1 < pages ? r->list_page - 1 : pages, "prev");
    if (r->list_page < pages)
        link_one(r, &b, r->list_page + 1, "next");
    link_one(r, &b, pages, "last");
    if (!b.overflow)
        r->link = arena_strdup(&r->arena, buf_str(&b));
    buf_free(&b);
}

void web_paging_slice(web_req_t *r, json_t *m, const char *key)
{
    json_t *list = json_object_get(m, key);
    if (!json_is_array(list))
        return;
    long long total = (long long)json_array_size(list);
    /* asked for no page: the whole list, as before paging came (a client
     * written then expects it); it is built whole in any case */
    if (!r->paged)
        r->per_page = total > 0 ? total : 1;
    long long from = (r->list_page - 1) * r->per_page;
    if (from >= total && r->list_page > 1) /* past the end: the first page, as the
                                              assistance lists have always done */
        r->list_page = 1, from = 0;
    json_t *page = json_array();
    for (long long i = from; i < total && i < from + r->per_page; i++)
        json_array_append(page, json_array_get(list, (size_t)i));
    json_object_set_new(m, key, page);
    web_paging_say(r, m, total);
}
