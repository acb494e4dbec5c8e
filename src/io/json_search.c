/*
 * The JSON of a search (json_search.h).
 */
#include "json_search.h"

#include "../util/json_out.h"

void json_write_search(buf_t *b, const app_search_out_t *r)
{
    buf_printf(b, "{\"total\": %lld, \"hits\": [", r->total);
    buf_t snip;
    buf_init(&snip, 0);
    for (size_t i = 0; i < r->n; i++) {
        const search_hit_t *h = &r->hits[i].hit;
        buf_reset(&snip);
        snippet_html(&snip, &r->hits[i].snippet);
        buf_printf(b, "%s{\"report\": %lld, \"state\": ", i ? ", " : "", h->report);
        json_out_str(b, h->state);
        buf_printf(b, ", \"page\": %d, \"score\": %.4f, \"snippet\": ", h->page, h->score);
        json_out_str(b, buf_str(&snip));
        buf_putc(b, '}');
    }
    buf_puts(b, "], \"practices\": [");
    for (size_t i = 0; i < r->npractices; i++) {
        const practice_t *p = &r->practices[i].practice;
        buf_reset(&snip);
        snippet_html(&snip, &r->practices[i].snippet);
        buf_printf(b, "%s{\"kind\": \"practice\", \"practice\": %lld, \"state\": ", i ? ", " : "",
                   p->id);
        json_out_str(b, p->state);
        buf_puts(b, ", \"org\": ");
        json_out_str(b, p->org);
        buf_puts(b, ", \"title\": ");
        json_out_str(b, p->title);
        buf_puts(b, ", \"snippet\": ");
        json_out_str(b, buf_str(&snip));
        buf_putc(b, '}');
    }
    buf_free(&snip);
    buf_puts(b, "]}");
}
