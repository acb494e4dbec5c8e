/*
 * Text recognition (OCR) of a PDF page that has no text layer (a scan): the
 * page is rendered by poppler onto a cairo image at 200 dpi, made grey, and
 * read by Tesseract (libtesseract's C API) with the language data of the
 * report's language. Runs inside text_extract's child, like the rest of the
 * PDF reading: Tesseract's memory and time are under the child's limits.
 */
#include "extract_ocr.h"

#include <cairo.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <tesseract/capi.h>

#include "../util/lang.h"
#include "../util/mem.h"

enum { OCR_DPI = 200, OCR_MAX_PIXELS = 40 * 1000 * 1000 };

const char *text_ocr_language(const char *report_language)
{
    static const char *const tess[LANG_COUNT] = {"ara", "chi_sim", "eng", "fra", "rus", "spa"};
    int l = report_language ? lang_parse(report_language) : -1;
    return l >= 0 ? tess[l] : "eng";
}

/* The page as 8-bit grey pixels (malloc'd), or NULL if it is too large. */
static unsigned char *render_grey(PopplerPage *page, int *w, int *h)
{
    double pw, ph;
    poppler_page_get_size(page, &pw, &ph);
    double scale = OCR_DPI / 72.0;
    *w = (int)(pw * scale), *h = (int)(ph * scale);
    if (*w <= 0 || *h <= 0 || (double)*w * *h > OCR_MAX_PIXELS)
        return NULL;
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, *w, *h);
    cairo_t *cr = cairo_create(s);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_scale(cr, scale, scale);
    poppler_page_render(page, cr);
    cairo_destroy(cr);
    cairo_surface_flush(s);
    const unsigned char *px = cairo_image_surface_get_data(s);
    int stride = cairo_image_surface_get_stride(s);
    unsigned char *grey = px ? xmalloc((size_t)*w * (size_t)*h) : NULL;
    for (int y = 0; grey && y < *h; y++) {
        const uint32_t *row = (const uint32_t *)(px + (size_t)y * (size_t)stride);
        for (int x = 0; x < *w; x++) {
            uint32_t c = row[x];
            grey[(size_t)y * (size_t)*w + (size_t)x] =
                (unsigned char)((((c >> 16) & 0xFF) * 30 + ((c >> 8) & 0xFF) * 59 + (c & 0xFF) * 11) / 100);
        }
    }
    cairo_surface_destroy(s);
    return grey;
}

char *text_ocr_page(PopplerPage *page, const char *tess_lang)
{
    int w, h;
    unsigned char *grey = render_grey(page, &w, &h);
    if (!grey)
        return NULL;
    char *out = NULL;
    TessBaseAPI *api = TessBaseAPICreate();
    /* NULL datapath: Debian's tessdata folder */
    if (TessBaseAPIInit3(api, NULL, tess_lang) == 0) {
        TessBaseAPISetImage(api, grey, w, h, 1, w);
        char *text = TessBaseAPIGetUTF8Text(api);
        if (text)
            out = xstrdup(text);
        TessDeleteText(text);
    }
    TessBaseAPIEnd(api);
    TessBaseAPIDelete(api);
    free(grey);
    return out;
}
