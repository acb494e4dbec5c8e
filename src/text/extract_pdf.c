/*
 * PDF text through poppler-glib, page by page. Pages past max_pages are not
 * opened at all (a "bomb" of a million empty pages costs nothing more than
 * its page tree). Runs inside text_extract's child.
 */
#include "extract.h"

#include <poppler.h>
#include <string.h>

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
        if (text)
            page(ctx, i + 1, 0, text, strlen(text));
        g_free(text);
        g_object_unref(p);
    }
    g_object_unref(pdf);
    g_bytes_unref(bytes);
    return n;
}
