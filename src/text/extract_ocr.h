/*
 * OCR of PDF pages without a text layer (extract_ocr.c), for extract_pdf.c.
 */
#ifndef R1540_TEXT_EXTRACT_OCR_H
#define R1540_TEXT_EXTRACT_OCR_H

#include <poppler.h>

/* Tesseract's language for a report's ISO 639-1 code ("fr" -> "fra");
 * English for any other. */
const char *text_ocr_language(const char *report_language);

/* The text Tesseract recognizes on the page (malloc'd UTF-8), or NULL if the
 * page is too large to render or Tesseract has no data for tess_lang. */
char *text_ocr_page(PopplerPage *page, const char *tess_lang);

#endif
