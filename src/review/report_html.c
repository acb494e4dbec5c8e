/*
 * The review as one self-contained HTML page: inline CSS, charts as inline
 * SVG (drawn by chart.c through cairo's SVG surface, so the glyphs travel
 * with the page), dir="rtl" for Arabic. Every string is escaped here.
 */
#include <stdio.h>
#include <string.h>

#include "report_doc.h"

static void esc(buf_t *b, const char *s)
{
    const char *run = s;
    for (; *s; s++) {
        const char *rep = *s == '&' ? "&amp;" : *s == '<' ? "&lt;" : *s == '>' ? "&gt;"
                        : *s == '"' ? "&quot;" : *s == '\n' ? "<br>" : NULL;
        if (!rep)
            continue;
        buf_append(b, run, (size_t)(s - run));
        buf_puts(b, rep);
        run = s + 1;
    }
    buf_puts(b, run);
}

static void tag(buf_t *b, const char *open, const char *text, const char *close)
{
    buf_puts(b, open);
    esc(b, text);
    buf_puts(b, close);
}

static void html_table(buf_t *b, const doc_block_t *t)
{
    tag(b, "<table>\n<caption>", t->text, "</caption>\n<thead><tr>");
    for (size_t j = 0; j < t->ncols; j++)
        tag(b, "<th>", t->cells[j], "</th>");
    buf_puts(b, "</tr></thead>\n<tbody>\n");
    for (size_t i = 1; i <= t->nrows; i++) {
        buf_puts(b, "<tr>");
        for (size_t j = 0; j < t->ncols; j++)
            tag(b, j ? "<td class=n>" : "<td>", t->cells[i * t->ncols + j], "</td>");
        buf_puts(b, "</tr>\n");
    }
    buf_puts(b, "</tbody></table>\n");
}

static const char style[] =
    "body{font-family:'Noto Sans','Noto Naskh Arabic','Noto Sans CJK SC',sans-serif;"
    "max-width:60em;margin:2em auto;padding:0 1em;color:#222;line-height:1.45}"
    "table{border-collapse:collapse;margin:1em 0;font-size:.9em}"
    "caption{font-weight:bold;text-align:start;padding:.3em 0}"
    "th,td{border-bottom:1px solid #ddd;padding:.2em .6em;text-align:start}"
    "td.n{text-align:end;font-variant-numeric:tabular-nums}"
    ".caveat{border-inline-start:4px solid #0072b2;padding:.4em .8em;background:#f3f8fb}"
    ".demo{color:#b00;font-weight:bold}figure{margin:1em 0}svg{max-width:100%;height:auto}"
    "footer{margin-top:3em;font-size:.85em;color:#555}";

void review_render_html(const review_t *r, buf_t *b)
{
    arena_t a = ARENA_INIT;
    review_doc_t doc;
    review_doc_build(r, false, &a, &doc);
    const char *lc = lang_code(doc.lang);
    buf_printf(b, "<!DOCTYPE html>\n<html lang=\"%s\"%s>\n<head>\n<meta charset=\"utf-8\">\n"
                  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
               lc, doc.lang == LANG_AR ? " dir=\"rtl\"" : "");
    tag(b, "<title>", doc.title, "</title>\n");
    buf_printf(b, "<style>%s</style>\n</head>\n<body>\n", style);
    for (size_t i = 0, charts = 0; i < doc.n; i++) {
        const doc_block_t *k = &doc.blocks[i];
        switch (k->kind) {
        case DOC_TITLE: tag(b, "<h1>", k->text, "</h1>\n"); break;
        case DOC_HEADING: tag(b, "<h2>", k->text, "</h2>\n"); break;
        case DOC_PARA:
            tag(b, k->text == doc.caveat ? "<p class=caveat>"
                   : k->text == doc.demo_note ? "<p class=demo>" : "<p>",
                k->text, "</p>\n");
            break;
        case DOC_TABLE: html_table(b, k); break;
        case DOC_CHART: {
            char prefix[16];
            snprintf(prefix, sizeof prefix, "c%zu-", ++charts);
            tag(b, "<figure>\n<figcaption>", k->text, "</figcaption>\n");
            chart_svg(b, &k->chart, k->chart.kind == CHART_HEAT ? 760 : 640, prefix);
            buf_puts(b, "\n</figure>\n");
            break;
        }
        }
    }
    tag(b, "<footer>", doc.short_caveat, "</footer>\n</body>\n</html>\n");
    arena_free(&a);
}
