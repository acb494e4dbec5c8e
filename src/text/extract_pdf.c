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

/* UTF-8 of the Arabic letters the repair below looks at (two bytes each). */
#define AR_ALEF "\xD8\xA7"
#define AR_LAM "\xD9\x84"
#define AR_ALEF_MAQSURA "\xD9\x89"

/* True if s (two bytes or more) starts with an alef: plain, with madda, or
 * with hamza above or below (U+0627, U+0622, U+0623, U+0625). */
static int alef_at(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    return u[0] == 0xD8 && (u[1] == 0xA7 || u[1] == 0xA2 || u[1] == 0xA3 || u[1] == 0xA5);
}

static void swap2(char *x, char *y)
{
    char t[2] = {x[0], x[1]};
    x[0] = y[0], x[1] = y[1], y[0] = t[0], y[1] = t[1];
}

/* poppler reads a lam ligature of an Arabic PDF (Chromium's, at least) with
 * its two letters turned round: "اإلرهاب" for "الإرهاب", "عىل" for "على". Two
 * of these cannot be Arabic and are put back, in place: an alef, another
 * alef, then lam (the article before a hamzated alef) and an alef maqsura
 * before lam (it only ends words). The rest ("عمال" for "عملا") could be
 * words and is left as read. */
static void arabic_ligatures(char *t)
{
    for (char *p = t; *p; p++) {
        if (strncmp(p, AR_ALEF, 2) == 0 && p[2] && alef_at(p + 2) && strncmp(p + 4, AR_LAM, 2) == 0)
            swap2(p + 2, p + 4), p += 5;
        else if (strncmp(p, AR_ALEF_MAQSURA AR_LAM, 4) == 0)
            swap2(p, p + 2), p += 3;
    }
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
            arabic_ligatures(text);
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
