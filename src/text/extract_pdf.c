/*
 * PDF text through poppler-glib, page by page. Pages past max_pages are not
 * opened at all (a "bomb" of a million empty pages costs nothing more than
 * its page tree). A page without text is recognized with Tesseract
 * (extract_ocr.c) when text_extract_pdf_ocr has named a language. Runs
 * inside text_extract's child.
 */
#include "extract.h"

#include <poppler.h>
#include <stdlib.h>
#include <string.h>

#include "extract_ocr.h"

/* The Tesseract language of the document being read; set by text_extract
 * in its child before the extraction (one document per process). */
static const char *ocr_lang;

void text_extract_pdf_ocr(const char *report_language)
{
    ocr_lang = report_language ? text_ocr_language(report_language) : NULL;
}

/* True if text has no letter or digit at all (ASCII blanks and punctuation). */
static int blank(const char *text)
{
    for (const unsigned char *p = (const unsigned char *)text; *p; p++)
        if (*p >= 0x80 || (*p >= '0' && *p <= '9') || ((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z'))
            return 0;
    return 1;
}

int text_extract_pdf(const void *doc, size_t len, int max_pages, text_page_fn page, void *ctx,
                     const char **why)
{
    GError *err = NULL;
    GBytes *bytes = g_bytes_new_static(doc, len);
    PopplerDocument *pdf = poppler_document_new_from_bytes(bytes, NULL, &err);
    if (!pdf) {
        *why = err && err->code == POPPLER_ERROR_ENCRYPTED ? "the PDF is protected by a password"
                                                            : "the PDF cannot be read";
        if (err)
            g_error_free(err);
        g_bytes_unref(bytes);
        return -1;
    }
    int n = poppler_document_get_n_pages(pdf);
    for (int i = 0; i < n && i < max_pages; i++) {
        PopplerPage *p = poppler_document_get_page(pdf, i);
        if (!p)
            continue;
        char *text = poppler_page_get_text(p);
        if (text && !blank(text)) {
            page(ctx, i + 1, 0, text, strlen(text));
        } else if (ocr_lang) { /* no text layer: a scan, read its image */
            char *seen = text_ocr_page(p, ocr_lang);
            if (seen)
                page(ctx, i + 1, 1, seen, strlen(seen));
            free(seen);
        }
        g_free(text);
        g_object_unref(p);
    }
    g_object_unref(pdf);
    g_bytes_unref(bytes);
    return n;
}
