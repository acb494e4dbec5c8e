/*
 * Uploaded files spooled to disk: a multipart file part goes to an unlinked
 * temporary file as it arrives, not into memory, so that a slow or stalled
 * upload holds no more than libmicrohttpd's read buffer. Once the body is
 * complete the file is mapped read-only and the handler sees the bytes as
 * before (web_field_t.value). All spooled bytes together stay under a global
 * budget; one request's stay under its route's body limit (web_route_admit).
 */
#ifndef R1540_WEB_UPLOAD_H
#define R1540_WEB_UPLOAD_H

#include <stdbool.h>
#include <stddef.h>

#include "request.h"

#define UPLOAD_BUDGET_DEFAULT ((size_t)256 << 20)

/* Sets the budget of all spooled bytes together (before the server starts). */
void upload_budget_set(size_t bytes);
/* The bytes spooled now, over every request in flight. */
size_t upload_spooled(void);

/* Appends size bytes to the file field f, opening its spool on the first
 * piece. Returns false when the global budget is spent or the disk refuses:
 * the request is then answered 503 (what was spooled is released by
 * upload_field_free). */
bool upload_field_append(web_field_t *f, const char *data, size_t size);
/* Maps the spooled bytes as f->value (NUL-terminated, f->len bytes). Returns
 * false when the file cannot be mapped. */
bool upload_field_finish(web_field_t *f);
/* Unmaps and closes f's spool and returns its bytes to the budget; a field
 * that was never spooled is left alone. */
void upload_field_free(web_field_t *f);

#endif
