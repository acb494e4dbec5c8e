/*
 * The text of reports and the search over it: the pages extracted from a
 * report's file (src/text/extract.h), and what a search asks of the store and
 * gets back. The terms of a page are made by src/text/analyze.h; the store
 * indexes them and never analyzes text itself, so every backend finds the
 * same words.
 */
#ifndef R1540_CORE_SEARCH_H
#define R1540_CORE_SEARCH_H

#include <stdbool.h>
#include <stddef.h>

#include "../text/analyze.h"

/* One page of a report's text. */
typedef struct {
    int page;         /* 1-based, as the document numbers it */
    bool recognized;  /* the text was recognized from an image (OCR) */
    char *text;       /* the page's text as extracted (UTF-8); owned by whoever made it */
    char *terms;      /* its analyzed terms joined by spaces (text_terms_joined) */
} report_page_t;

/* The extraction result of a report: "text" with pages, or "no-text" with
 * the reason (an unreadable or empty file, a limit reached). */
typedef struct {
    const char *status; /* REPORT_TEXT_OK or REPORT_TEXT_NONE */
    char *note;         /* why there is no text, or "" */
    int pages;          /* pages in the document (those with text are in page[]) */
    report_page_t *page;
    size_t n;
} report_text_t;

#define REPORT_TEXT_OK "text"
#define REPORT_TEXT_NONE "no-text"

/* What a search asks: a parsed query and filters (NULL for any). */
typedef struct {
    const text_query_t *query;
    const char *state;    /* alpha-3 */
    const char *kind;     /* one of report_kinds[] */
    const char *language; /* the report's ISO 639 code */
    const char *from;     /* YYYY-MM-DD, the report's date on or after */
    const char *to;       /* YYYY-MM-DD, on or before */
    long long offset;     /* hits skipped */
    long long limit;      /* hits returned at most */
} search_filter_t;

/* One page that matches, best first. Strings in the caller's arena. */
typedef struct {
    long long report;
    char state[4];
    int page;
    double score;     /* BM25, higher is better */
    bool recognized;  /* the page's text came from OCR */
    char *text;       /* the page's text, for the snippet */
    char *language, *kind, *date, *title;
} search_hit_t;

#endif
