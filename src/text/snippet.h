/*
 * Snippets: the part of a page around the words a query matched, with those
 * words marked. The page is analyzed again as it was for the index (the
 * report's language), so the marks fall on the words the index matched,
 * whatever their inflection or accents.
 */
#ifndef R1540_TEXT_SNIPPET_H
#define R1540_TEXT_SNIPPET_H

#include <stdbool.h>
#include <stddef.h>

#include "analyze.h"
#include "../util/buf.h"

/* One piece of a snippet: text (not NUL-terminated) and whether it is a
 * matched word. White space runs are already one space. */
typedef struct {
    const char *text; /* arena-owned */
    size_t len;
    bool mark;
} snippet_part_t;

typedef struct {
    snippet_part_t *part; /* arena-owned */
    size_t n;
    bool cut_before, cut_after; /* the page goes on before/after the snippet */
} snippet_t;

/* The snippet of page text (UTF-8) of language lang (a lang_t or -1) for
 * query q, about width bytes long, centred on the densest run of matches;
 * the start of the page when nothing matches. RC_FAIL only if ICU fails. */
rc_t snippet_make(text_analyzer_t *an, const char *text, int lang, const text_query_t *q,
                  size_t width, arena_t *a, snippet_t *out, err_t *e);

/* Appends the snippet as text, each matched word between open and close,
 * "…" where the page was cut. */
void snippet_text(buf_t *b, const snippet_t *s, const char *open, const char *close);
/* Appends the snippet as an HTML fragment: the text escaped (& < > " '),
 * matched words in <mark>…</mark>. */
void snippet_html(buf_t *b, const snippet_t *s);

#endif
