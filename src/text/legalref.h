/*
 * Law and article references in the text of reports, for the drafting aid:
 * "Article 12", "art. 12(3)", "artículo 12", "статья 12", "ст. 12",
 * "第十二条", "第12条", "المادة 12" (Arabic-Indic digits too). A pattern per
 * language, no dictionary: what follows the keyword must be a number.
 */
#ifndef R1540_TEXT_LEGALREF_H
#define R1540_TEXT_LEGALREF_H

#include <stddef.h>

/* Where one reference is in the text: bytes [start, end). */
typedef struct {
    size_t start, end;
} legalref_t;

/* The references in s (len bytes of UTF-8), in text order, at most max of
 * them into out; returns how many were found. */
size_t legalref_find(const char *s, size_t len, legalref_t *out, size_t max);

/* The reference nearest to byte offset at, no further than window bytes from
 * it (either side); its index in refs, or -1. */
long legalref_nearest(const legalref_t *refs, size_t n, size_t at, size_t window);

#endif
