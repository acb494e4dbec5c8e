/*
 * Checks on user-supplied text before it reaches the store: valid UTF-8, no
 * control characters, bounded length. Escaping for output is the writer's job.
 */
#ifndef R1540_UTIL_TEXT_H
#define R1540_UTIL_TEXT_H

#include <stdbool.h>
#include <stddef.h>

/* True if s is valid UTF-8 with no C0 controls other than tab/newline/CR. */
bool text_utf8_ok(const char *s, size_t len);
/* True for valid UTF-8, no control characters at all, at most max bytes. */
bool text_single_line_ok(const char *s, size_t max);
/* True for valid multi-line UTF-8 text of at most max bytes. */
bool text_multi_line_ok(const char *s, size_t max);
/* True for a bare file name: no path separators, not "." or "..", printable, <= 255 bytes. */
bool text_filename_ok(const char *s);

#endif
