/*
 * libFuzzer driver for the search's text handling on untrusted bytes: the
 * analysis of a page (any bytes, invalid UTF-8 included), a query parsed
 * from the input's first line, the snippet of the page for it, and the
 * Word/OpenDocument/plain-text extractors run in-process on the whole input
 * (libzip and libxml2 on whatever they are given). No crash, no leak, and
 * every term holds only what a term may hold (no space).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/text/extract.h"
#include "../../src/text/snippet.h"

static void count_page(void *ctx, int page, int recognized, const char *text, size_t len)
{
    (void)page, (void)recognized, (void)text;
    *(size_t *)ctx += len;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static text_analyzer_t *an;
    err_t e = {0};
    if (!an && !(an = text_analyzer_new(&e)))
        __builtin_trap();
    arena_t a = ARENA_INIT;
    char *page = arena_strndup(&a, (const char *)data, size); /* up to a NUL, as the store keeps it */
    int lang = size ? data[0] % 7 - 1 : -1;
    text_token_t *t;
    size_t n;
    if (text_analyze(an, page, strlen(page), lang, 10000, &a, &t, &n, &e) == RC_OK)
        for (size_t i = 0; i < n; i++)
            if (!*t[i].term || strchr(t[i].term, ' ') || t[i].end > strlen(page))
                __builtin_trap();
    const char *nl = memchr(page, '\n', strlen(page));
    char *q = arena_strndup(&a, page, nl ? (size_t)(nl - page) : strlen(page));
    text_query_t query;
    snippet_t snip;
    if (text_query_parse(an, q, lang, &a, &query, &e) == RC_OK)
        snippet_make(an, page, lang, &query, 240, &a, &snip, &e);
    size_t bytes = 0;
    const char *why;
    text_extract_docx(data, size, 50, count_page, &bytes, &why);
    text_extract_odt(data, size, 50, count_page, &bytes, &why);
    text_extract_plain(data, size, 50, count_page, &bytes, &why);
    arena_free(&a);
    return 0;
}
