/*
 * `r1540 matrix suggest` (cmd_matrix_suggest.h). Text: one block per item
 * with suggestions; JSON: {"state", "version", "items": [{"item",
 * "suggestions": [{"report", "page", "reference", "matched", "score",
 * "snippet"}]}]} with every item asked (an item without suggestions has an
 * empty list when it was asked by --item).
 */
#include "cmd_matrix_suggest.h"

#include <stdio.h>

#include "../app/app_suggest.h"
#include "../util/buf.h"
#include "../util/json_out.h"

static void print_json(buf_t *b, const app_suggest_out_t *o, bool one)
{
    buf_printf(b, "{\"state\":\"%s\",\"version\":%d,\"items\":[", o->version.state,
               o->version.number);
    size_t shown = 0;
    for (size_t i = 0; i < o->n; i++) {
        const item_suggestions_t *it = &o->items[i];
        if (!one && it->n == 0)
            continue;
        buf_puts(b, shown++ ? ",\n{" : "\n{");
        json_out_kv(b, 0, "item", it->item->id);
        buf_puts(b, ",\"suggestions\":[");
        for (size_t k = 0; k < it->n; k++) {
            const suggestion_t *s = &it->s[k];
            buf_printf(b, "%s{\"report\":%lld,\"page\":%d,", k ? "," : "", s->report, s->page);
            json_out_kv(b, 0, "reference", s->reference);
            buf_puts(b, ",");
            json_out_kv(b, 0, "matched", s->matched);
            buf_printf(b, ",\"rank\":%.3f,\"score\":%.4f,\"snippet\":", s->rank, s->score);
            buf_t sn;
            buf_init(&sn, 0);
            snippet_text(&sn, &s->snippet, "[", "]");
            json_out_str(b, buf_str(&sn));
            buf_free(&sn);
            buf_puts(b, "}");
        }
        buf_puts(b, "]}");
    }
    buf_puts(b, "]}\n");
}

static void print_text(buf_t *b, const app_suggest_out_t *o, bool one)
{
    for (size_t i = 0; i < o->n; i++) {
        const item_suggestions_t *it = &o->items[i];
        if (!one && it->n == 0)
            continue;
        buf_printf(b, "%s\n", it->item->id);
        if (it->n == 0)
            buf_puts(b, "  (no passage found)\n");
        for (size_t k = 0; k < it->n; k++) {
            const suggestion_t *s = &it->s[k];
            buf_printf(b, "  report %lld page %d%s%s  [%s]\n    ", s->report, s->page,
                       *s->reference ? "  " : "", s->reference, s->matched);
            snippet_text(b, &s->snippet, "[", "]");
            buf_puts(b, "\n");
        }
    }
}

rc_t matrix_suggest(cli_t *c, const state_t *s, const char *varg, const char *item,
                    const char *limit, bool json)
{
    app_t a;
    long long number = 0, lim = 0;
    rc_t rc = cli_app(c, &a);
    if (rc == RC_OK)
        rc = cli_int(c, varg[0] == 'v' ? varg + 1 : varg, "VERSION", 1, 1000000, &number);
    if (rc == RC_OK && limit)
        rc = cli_int(c, limit, "--limit", 1, SUGGEST_LIMIT_MAX, &lim);
    app_suggest_out_t out;
    if (rc == RC_OK)
        rc = app_suggest(&a, c->data_dir, s->alpha3, (int)number, item, (int)lim, &out, &c->err);
    if (rc != RC_OK)
        return rc;
    buf_t b;
    buf_init(&b, 0);
    (json ? print_json : print_text)(&b, &out, item != NULL);
    fputs(buf_str(&b), stdout);
    buf_free(&b);
    return RC_OK;
}
