/*
 * The JSON of a search, the same for `r1540 search --format json` and
 * /api/v1/search: {"total": N, "hits": [{"report": ID, "state": "CHN",
 * "page": N, "score": S, "snippet": "…"}]}, the snippet an HTML fragment
 * (text escaped, matched words in <mark>).
 */
#ifndef R1540_IO_JSON_SEARCH_H
#define R1540_IO_JSON_SEARCH_H

#include "../app/app_search.h"
#include "../util/buf.h"

/* Appends the result as one JSON object (no newline). */
void json_write_search(buf_t *b, const app_search_out_t *r);

#endif
