/*
 * The review report as a list of blocks (title, headings, paragraphs, tables,
 * charts) with every string already in the report's language. HTML, PDF and
 * XLSX render the same blocks, so the three formats say the same thing and a
 * string is translated in one place.
 */
#ifndef R1540_REVIEW_REPORT_DOC_H
#define R1540_REVIEW_REPORT_DOC_H

#include "chart.h"
#include "review.h"

typedef enum { DOC_TITLE, DOC_HEADING, DOC_PARA, DOC_TABLE, DOC_CHART } doc_kind_t;

typedef struct {
    doc_kind_t kind;
    const char *text;    /* the title, heading or paragraph; a table's or chart's caption */
    const char *key;     /* table: a short English name (XLSX sheet) */
    size_t ncols, nrows; /* table: columns, rows after the header row */
    const char **cells;  /* table: (nrows + 1) x ncols strings, row 0 the header */
    chart_t chart;       /* chart */
} doc_block_t;

typedef struct {
    lang_t lang;
    bool demo;
    const char *title;
    const char *caveat;       /* the full sentence, shown near the top */
    const char *short_caveat; /* for page footers */
    const char *demo_note;    /* "" when the data is real */
    const char *cover[4];     /* report date, as-of date, basis, comparison date: "label: value" */
    const char **summary;     /* the headline figures, one sentence each */
    size_t nsummary;
    const char *summary_title, *contents_title;
    const char *pdf_date;     /* the PDF's creation date (ISO 8601); NULL: now */
    doc_block_t *blocks;      /* arena-owned */
    size_t n, cap;
} review_doc_t;

/* Builds the report's blocks from the review, in the arena. Numbers and dates
 * are written as the report's language writes them (src/util/numfmt.h); with
 * `plain`, table cells keep C numbers and ISO dates instead, so that the XLSX
 * stores them as numbers (sentences stay in the language's style). */
void review_doc_build(const review_t *r, bool plain, arena_t *a, review_doc_t *doc);

/* Typesets a document as a PDF at path (report_pdf.c): a cover with the title,
 * the cover lines and the caveat, a summary page, a contents page linking each
 * DOC_HEADING, then the blocks; the caveat in every page's footer. Written to
 * PATH.tmp (in a) and renamed; RC_FAIL when cairo fails or a character has no
 * glyph in the installed fonts (nothing is left at PATH then). */
rc_t review_doc_pdf(const review_doc_t *doc, const char *path, arena_t *a, err_t *e);

#endif
