/*
 * Text extraction from a report's file, kept per page: PDF through
 * poppler-glib (extract_pdf.c), Word .docx and OpenDocument .odt through
 * their XML (extract_office.c), plain text as is (pages split at form feeds).
 * A file is untrusted: text_extract parses it in a child process with limits
 * on memory, CPU time, wall time, pages and text size, so a hostile file can
 * make its own extraction fail but cannot stall or crash the caller (the
 * web server). What cannot be read is said in the result ("no-text" and why),
 * never as an error: the report is stored all the same.
 */
#ifndef R1540_TEXT_EXTRACT_H
#define R1540_TEXT_EXTRACT_H

#include <stddef.h>

#include "../core/search.h"
#include "../util/mem.h"

typedef struct {
    int max_pages;         /* pages read at most; the rest are left out (said in the note) */
    size_t max_text_bytes; /* text kept at most, all pages together */
    int seconds;           /* wall time for the whole extraction */
    size_t memory_bytes;   /* the child's address space (not under AddressSanitizer) */
} text_limits_t;

/* The defaults: 2,000 pages, 32 MB of text, 30 seconds, 1 GB; the
 * environment's R1540_EXTRACT_MAX_PAGES, R1540_EXTRACT_SECONDS and
 * R1540_EXTRACT_MEMORY_MB (whole numbers) replace them. */
text_limits_t text_limits_default(void);

/*
 * The text of the file doc (len bytes) of the given media type (as
 * media_type_detect gives it), extracted in a child process within lim; PDF
 * pages without a text layer are recognized (OCR) in language (the report's
 * ISO 639-1 code), marked recognized.
 * *out is always filled: status REPORT_TEXT_OK with its pages (their terms
 * NULL: the caller analyzes them), or REPORT_TEXT_NONE with a note saying
 * why (not a kind with text, unreadable, a limit reached). Pages without any
 * text are left out. Strings in the arena.
 */
void text_extract(const void *doc, size_t len, const char *media_type, const char *language,
                  const text_limits_t *lim, arena_t *a, report_text_t *out);

/* A page's text as an extractor gives it to text_extract. */
typedef void (*text_page_fn)(void *ctx, int page, int recognized, const char *text, size_t len);

/*
 * The extractors themselves, run in the child (or directly by tests and
 * fuzzers): each calls page() for every page in order and returns the number
 * of pages the document has, or -1 with a reason in why (a static string) if
 * the file cannot be read.
 */
int text_extract_pdf(const void *doc, size_t len, int max_pages, text_page_fn page, void *ctx,
                     const char **why);
/* Turns OCR on for the PDF pages without text that follow, in the report's
 * language (ISO 639-1; NULL turns it off). */
void text_extract_pdf_ocr(const char *report_language);
int text_extract_docx(const void *doc, size_t len, int max_pages, text_page_fn page, void *ctx,
                      const char **why);
int text_extract_odt(const void *doc, size_t len, int max_pages, text_page_fn page, void *ctx,
                     const char **why);
int text_extract_plain(const void *doc, size_t len, int max_pages, text_page_fn page, void *ctx,
                       const char **why);

#endif
