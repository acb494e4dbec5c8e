/*
 * The document language of a PDF (/Lang in its catalog), which screen readers
 * use to pick a voice and which cairo 1.16 has no call for. Added as an
 * incremental update (PDF 1.7, section 7.5.6): a new version of the catalog
 * object, a one-entry cross-reference section and a trailer pointing back at
 * the previous one are appended, and nothing cairo wrote is changed.
 */
#ifndef R1540_REVIEW_PDF_LANG_H
#define R1540_REVIEW_PDF_LANG_H

#include "../util/err.h"

/* Sets /Lang (lang: a BCP 47 tag of letters and '-') in the PDF at path.
 * RC_FAIL when the file is not a PDF cairo wrote (no trailer, no catalog) or
 * cannot be read or appended to; the file may then be incomplete. */
rc_t pdf_set_lang(const char *path, const char *lang, err_t *e);

#endif
