/*
 * Snippets (snippet.h). The window is chosen by its number of matched
 * words: for every matched word, the window that starts a little before it
 * is scored by the matched words inside, and the best wins (the first on
 * ties), so a snippet shows the words of a query together when the page has
 * them together.
 */
#include "snippet.h"

#include <string.h>

/* Pages longer than this are analyzed only this far for their snippet. */
enum { SNIPPET_SCAN_BYTES = 256 * 1024, SNIPPET_LEAD = 60 };

/* Moves i back to the start of a UTF-8 character. */
static size_t char_start(const char *s, size_t i)
{
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
        i--;
    return i;
}

static int is_blank(char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\v';
}

/* True if a three-byte UTF-8 character of the CJK blocks (U+2E80..U+9FFF,
 * lead bytes E2 BA.. to E9) starts at s[i], or ends just before s[i]. */
static int is_cjk_at(const char *s, size_t i)
{
    unsigned char c = (unsigned char)s[i];
    return c >= 0xE3 && c <= 0xE9;
}

static int is_cjk_lead(const char *s, size_t end)
{
    return end >= 3 && is_cjk_at(s, end - 3);
}

/* Appends s[from, to) as plain parts: white space runs made one space. */
static void add_plain(arena_t *a, snippet_t *out, const char *s, size_t from, size_t to,
                      size_t cap)
{
    size_t i = from;
    while (i < to && out->n < cap) {
        size_t j = i;
        while (j < to && !is_blank(s[j]))
            j++;
        if (j > i)
            out->part[out->n++] = (snippet_part_t){s + i, j - i, false};
        if (j < to && out->n < cap) {
            size_t run = j;
            while (j < to && is_blank(s[j]))
                j++;
            /* a line end between two Chinese characters joins them, as the
             * analysis does (analyze.c, join_han_line) */
            if (!(run > 0 && j < to && is_cjk_lead(s, run) && is_cjk_at(s, j) &&
                  memchr(s + run, '\n', j - run)))
                out->part[out->n++] = (snippet_part_t){" ", 1, false};
        }
        i = j;
    }
    (void)a;
}

rc_t snippet_make(text_analyzer_t *an, const char *text, int lang, const text_query_t *q,
                  size_t width, arena_t *a, snippet_t *out, err_t *e)
{
    memset(out, 0, sizeof *out);
    size_t len = strlen(text), scan = len < SNIPPET_SCAN_BYTES ? len : SNIPPET_SCAN_BYTES;
    scan = char_start(text, scan);
    text_token_t *t;
    size_t n;
    rc_t rc = text_analyze(an, text, scan, lang, (size_t)-1, a, &t, &n, e);
    if (rc != RC_OK)
        return rc;
    /* which tokens matched, and the best window's first matched token */
    char *hit = arena_alloc(a, n + 1);
    size_t best = n, best_count = 0;
    for (size_t i = 0; i < n; i++)
        hit[i] = (char)text_query_has_term(q, t[i].term);
    for (size_t i = 0; i < n; i++) {
        if (!hit[i])
            continue;
        size_t count = 0;
        for (size_t k = i; k < n && t[k].end <= t[i].start + width; k++)
            count += hit[k] && (k == i || t[k].start != t[k - 1].start);
        if (count > best_count) {
            best = i;
            best_count = count;
        }
    }
    size_t from = best < n && t[best].start > SNIPPET_LEAD ? t[best].start - SNIPPET_LEAD : 0;
    from = char_start(text, from);
    if (from > 0 && best < n) { /* start after a blank, not in the middle of a word */
        size_t k = from;
        while (k < t[best].start && !is_blank(text[k]))
            k++;
        if (k < t[best].start)
            from = k;
    }
    size_t to = from + width < len ? char_start(text, from + width) : len;
    while (from < to && is_blank(text[from]))
        from++;
    out->cut_before = from > 0;
    out->cut_after = to < len;
    size_t cap = (to - from) * 2 + 4;
    out->part = arena_alloc(a, cap * sizeof *out->part);
    size_t at = from;
    for (size_t i = 0; i < n && out->n + 2 < cap; i++) {
        if (!hit[i] || t[i].start < at || t[i].end > to)
            continue;
        add_plain(a, out, text, at, t[i].start, cap - 2);
        snippet_part_t *last = out->n ? &out->part[out->n - 1] : NULL;
        if (last && last->mark && last->text + last->len == text + t[i].start)
            last->len += t[i].end - t[i].start; /* 出口管制: one mark, not two */
        else
            out->part[out->n++] =
                (snippet_part_t){text + t[i].start, t[i].end - t[i].start, true};
        at = t[i].end;
    }
    add_plain(a, out, text, at, to, cap);
    return RC_OK;
}

void snippet_text(buf_t *b, const snippet_t *s, const char *open, const char *close)
{
    if (s->cut_before)
        buf_puts(b, "\xE2\x80\xA6");
    for (size_t i = 0; i < s->n; i++) {
        if (s->part[i].mark)
            buf_puts(b, open);
        buf_append(b, s->part[i].text, s->part[i].len);
        if (s->part[i].mark)
            buf_puts(b, close);
    }
    if (s->cut_after)
        buf_puts(b, "\xE2\x80\xA6");
}

/* The text layer escapes on its own (src/web/tmpl.c escapes the same five
 * characters): src/text does not depend on the web. */
static void escape(buf_t *b, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        switch (s[i]) {
        case '&': buf_puts(b, "&amp;"); break;
        case '<': buf_puts(b, "&lt;"); break;
        case '>': buf_puts(b, "&gt;"); break;
        case '"': buf_puts(b, "&quot;"); break;
        case '\'': buf_puts(b, "&#39;"); break;
        default: buf_putc(b, s[i]);
        }
    }
}

void snippet_html(buf_t *b, const snippet_t *s)
{
    if (s->cut_before)
        buf_puts(b, "\xE2\x80\xA6");
    for (size_t i = 0; i < s->n; i++) {
        if (s->part[i].mark)
            buf_puts(b, "<mark>");
        escape(b, s->part[i].text, s->part[i].len);
        if (s->part[i].mark)
            buf_puts(b, "</mark>");
    }
    if (s->cut_after)
        buf_puts(b, "\xE2\x80\xA6");
}
