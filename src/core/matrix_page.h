/*
 * The page of a source report an entry cites, as people write it: "12",
 * "p. 12", "pp. 12-14", "iv", "3, 7–9". The web's entry form holds its input
 * to this (issue 13: "Page" took "twelve"); imports and the API keep any text
 * of the entry's limits, as older matrices cite sections by name.
 */
#ifndef R1540_CORE_MATRIX_PAGE_H
#define R1540_CORE_MATRIX_PAGE_H

#include <stdbool.h>

/* True for "" and for an optional "p." or "pp." followed by page numbers
 * (1 to 6 digits, or roman numerals) and ranges of them ("-" or an en dash),
 * separated by commas or semicolons; spaces allowed around separators. */
bool matrix_page_ok(const char *page);

#endif
