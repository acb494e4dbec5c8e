/*
 * A growable byte buffer with a hard size cap, for building output (JSON, CSV,
 * messages). Appends past the cap are dropped and remembered in `overflow`, so a
 * runaway writer cannot eat the machine; the caller checks once at the end.
 */
#ifndef R1540_UTIL_BUF_H
#define R1540_UTIL_BUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

typedef struct {
    char *data;    /* owned; always NUL-terminated when non-NULL */
    size_t len;    /* bytes used, not counting the NUL */
    size_t cap;    /* bytes allocated */
    size_t limit;  /* hard cap on len */
    bool overflow; /* an append was refused because of limit */
} buf_t;

#define BUF_DEFAULT_LIMIT ((size_t)1 << 32)

void buf_init(buf_t *b, size_t limit);
void buf_free(buf_t *b);
void buf_reset(buf_t *b);
void buf_append(buf_t *b, const void *p, size_t n);
void buf_puts(buf_t *b, const char *s);
void buf_putc(buf_t *b, char c);
void buf_printf(buf_t *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vprintf(buf_t *b, const char *fmt, va_list ap);
/* Returns the contents as a string ("" for an empty buffer); owned by b. */
const char *buf_str(buf_t *b);

#endif
