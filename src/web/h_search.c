/*
 * The search over the text of reports: /<lang>/search (the page, with its
 * form, filters, hits with marked snippets and "page N" links that open the
 * PDF at that page) and /api/v1/search (the same search, as
 * {"total": N, "hits": [{"report", "state", "page", "score", "snippet"}]}).
 * Both call app_search; the page adds what only people need.
 */
#include <stdio.h>
#include <string.h>

#include "../app/app_search.h"
#include "../util/text.h"
#include "change.h"
#include "handlers.h"
#include "model.h"
#include "paging.h"

/* The API's page of hits: 20 unless asked, at most app_search's 100. */
enum { SEARCH_PER_PAGE_DEFAULT = 20, SEARCH_PER_PAGE_MAX = 100 };

/* A hit as the page shows it: the snippet as parts, marked or not, so that
 * the template escapes every character of the page's text. */
static json_t *page_hit(const app_search_hit_t *h, const report_t *rep)
{
    json_t *o = json_object();
    const search_hit_t *s = &h->hit;
    json_object_set_new(o, "report", json_integer(s->report));
    json_object_set_new(o, "state", json_string(s->state));
    json_object_set_new(o, "page", json_integer(s->page));
    json_object_set_new(o, "title", json_string(s->title));
    json_object_set_new(o, "date", json_string(s->date));
    json_object_set_new(o, "language", json_string(s->language));
    json_object_set_new(o, "recognized", json_boolean(s->recognized));
    json_object_set_new(o, "pdf", json_boolean(rep->media_type &&
                                               strcmp(rep->media_type, "application/pdf") == 0));
    json_object_set_new(o, "cut_before", json_boolean(h->snippet.cut_before));
    json_object_set_new(o, "cut_after", json_boolean(h->snippet.cut_after));
    json_t *parts = json_array();
    for (size_t i = 0; i < h->snippet.n; i++) {
        const snippet_part_t *p = &h->snippet.part[i];
        json_array_append_new(parts, json_pack("{s:s%,s:b}", "t", p->text, p->len, "mark",
                                               p->mark));
    }
    json_object_set_new(o, "parts", parts);
    return o;
}

/* The published practices that match (app_search adds them to the first
 * page): each says it is a practice; the page gets the snippet as parts as
 * page_hit does, the API as HTML. */
static json_t *practice_hits(web_req_t *r, const app_search_out_t *out)
{
    json_t *list = json_array();
    buf_t snip;
    buf_init(&snip, 0);
    for (size_t i = 0; i < out->npractices; i++) {
        const practice_t *p = &out->practices[i].practice;
        const snippet_t *sn = &out->practices[i].snippet;
        json_t *o = json_pack("{s:s,s:I,s:s,s:s,s:s,s:s}", "kind", "practice", "practice",
                              (json_int_t)p->id, "state", p->state, "org", p->org, "title",
                              p->title, "language", p->language);
        if (r->api) {
            buf_reset(&snip);
            snippet_html(&snip, sn);
            json_object_set_new(o, "snippet", json_string(buf_str(&snip)));
        } else {
            json_t *parts = json_array();
            for (size_t k = 0; k < sn->n; k++)
                json_array_append_new(parts, json_pack("{s:s%,s:b}", "t", sn->part[k].text,
                                                       sn->part[k].len, "mark", sn->part[k].mark));
            json_object_set_new(o, "parts", parts);
            json_object_set_new(o, "cut_before", json_boolean(sn->cut_before));
            json_object_set_new(o, "cut_after", json_boolean(sn->cut_after));
        }
        json_array_append_new(list, o);
    }
    buf_free(&snip);
    return list;
}

/* The filters echoed back into the form, and the "more" link. */
static void page_form(web_req_t *r, json_t *m, const app_search_in_t *in,
                      const app_search_out_t *out)
{
    json_t *f = json_object();
    const char *keys[] = {"q", "state", "kind", "lang", "from", "to"};
    const char *vals[] = {in->query, in->state, in->kind, in->language, in->from, in->to};
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
        const char *v = vals[i] && text_utf8_ok(vals[i], strlen(vals[i])) ? vals[i] : "";
        json_object_set_new(f, keys[i], json_string(v));
    }
    json_object_set_new(m, "form", f);
    json_t *kinds = json_array();
    for (int k = 0; k < REPORT_KIND_COUNT; k++)
        json_array_append_new(kinds, json_pack("{s:s,s:s,s:b}", "code", report_kinds[k], "name",
                                               model_report_kind_name(r, report_kinds[k]),
                                               "selected", in->kind && strcmp(in->kind, report_kinds[k]) == 0));
    json_object_set_new(m, "kinds", kinds);
    json_t *langs = json_array();
    for (int l = 0; l < LANG_COUNT; l++)
        json_array_append_new(langs, json_pack("{s:s,s:s,s:b}", "code", lang_code((lang_t)l), "name",
                                               lang_native_name((lang_t)l), "selected",
                                               in->language && strcmp(in->language, lang_code((lang_t)l)) == 0));
    json_object_set_new(m, "languages", langs);
    if (out && out->offset + (long long)out->n < out->total) {
        const char *q = r->query && *r->query ? r->query + 1 : "";
        buf_t b;
        buf_init(&b, 0);
        /* the same query string with the offset moved on */
        for (const char *p = q; *p;) {
            const char *amp = strchr(p, '&');
            size_t n = amp ? (size_t)(amp - p) : strlen(p);
            if (strncmp(p, "offset=", 7) != 0) {
                buf_append(&b, p, n);
                buf_putc(&b, '&');
            }
            p += n + (amp ? 1 : 0);
        }
        buf_printf(&b, "offset=%lld", out->offset + out->limit);
        json_object_set_new(m, "more", json_string(buf_str(&b)));
        buf_free(&b);
    }
}

/* The API's slice: ?page= and ?per_page= as on every list call (paging.h;
 * the router has checked them), per_page at most 100 here because each hit
 * costs a snippet. The old ?offset= and ?limit= are refused with a message
 * that names their replacements, rather than silently ignored: a client
 * that still sends them would otherwise read page 1 forever. */
static rc_t api_slice(web_req_t *r, app_search_in_t *in, err_t *e)
{
    if (web_query(r, "offset") || web_query(r, "limit"))
        return web_fail(r, e, 422, RC_INPUT, "%s",
                        web_tr(r, "offset and limit are no longer taken: use page and per_page."));
    if (!web_query(r, "per_page"))
        r->per_page = SEARCH_PER_PAGE_DEFAULT;
    if (r->per_page > SEARCH_PER_PAGE_MAX)
        return web_fail(r, e, 422, RC_INPUT, "%s",
                        web_tr(r, "per_page: a whole number from 1 to 100 is expected."));
    in->limit = r->per_page;
    in->offset = (r->list_page - 1) * r->per_page;
    return RC_OK;
}

/* The page's slice: ?offset= and ?limit=, which its "more" link carries. */
static rc_t page_slice(web_req_t *r, app_search_in_t *in, err_t *e)
{
    const char *offset = web_query(r, "offset"), *limit = web_query(r, "limit");
    char *end;
    if (offset && *offset && ((in->offset = strtoll(offset, &end, 10)) < 0 || *end))
        return web_fail(r, e, 422, RC_INPUT, "%s", web_tr(r, "offset: not a whole number."));
    if (limit && *limit && ((in->limit = strtoll(limit, &end, 10)) < 0 || *end))
        return web_fail(r, e, 422, RC_INPUT, "%s", web_tr(r, "limit: not a whole number."));
    return RC_OK;
}

rc_t h_search(web_req_t *r, json_t *m, err_t *e)
{
    app_search_in_t in = {.query = web_query(r, "q"), .state = web_query(r, "state"),
                          .kind = web_query(r, "kind"), .language = web_query(r, "lang"),
                          .from = web_query(r, "from"), .to = web_query(r, "to")};
    rc_t src = r->api ? api_slice(r, &in, e) : page_slice(r, &in, e);
    if (src != RC_OK)
        return src;
    if (!r->api && (!in.query || !*in.query)) { /* the empty form */
        page_form(r, m, &in, NULL);
        return RC_OK;
    }
    app_t a;
    app_search_out_t out;
    web_app_of(r, &a);
    rc_t rc = app_search(&a, &in, &out, e);
    if (rc == RC_OK && r->api && out.n == 0 && out.total > 0 && r->list_page > 1) {
        r->list_page = 1; /* past the last page: the first, as on every list call */
        in.offset = 0;
        rc = app_search(&a, &in, &out, e);
    }
    if (rc != RC_OK) {
        if (r->api || rc != RC_INPUT)
            return rc;
        page_form(r, m, &in, NULL); /* the form again, the message by it */
        json_object_set_new(m, "error", json_string(text_utf8_repair(&r->arena, e->msg)));
        r->status = 422;
        return RC_OK;
    }
    json_object_set_new(m, "total", json_integer(out.total));
    json_t *hits = json_array();
    buf_t snip;
    buf_init(&snip, 0);
    for (size_t i = 0; i < out.n; i++) {
        const search_hit_t *h = &out.hits[i].hit;
        if (!r->api) {
            report_t rep = {0};
            store_report_get(r->st, h->report, &r->arena, &rep, e);
            json_array_append_new(hits, page_hit(&out.hits[i], &rep));
            continue;
        }
        buf_reset(&snip);
        snippet_html(&snip, &out.hits[i].snippet);
        json_array_append_new(hits, json_pack("{s:I,s:s,s:i,s:f,s:s}", "report",
                                              (json_int_t)h->report, "state", h->state, "page",
                                              h->page, "score", h->score, "snippet",
                                              buf_str(&snip)));
    }
    buf_free(&snip);
    json_object_set_new(m, "hits", hits);
    json_object_set_new(m, "practices", practice_hits(r, &out));
    if (r->api)
        web_paging_say(r, m, out.total); /* count, page, pages, per_page, Link */
    if (!r->api) {
        page_form(r, m, &in, &out);
        json_object_set_new(m, "searched", json_true());
        json_object_set_new(m, "from_n", json_integer(out.n ? out.offset + 1 : 0));
        json_object_set_new(m, "to_n", json_integer(out.offset + (long long)out.n));
    }
    return RC_OK;
}
