/*
 * Checks on user-supplied text before it reaches the store: valid UTF-8, no
 * control characters, bounded length. Escaping for output is the writer's job.
 */
#ifndef R1540_UTIL_TEXT_H
#define R1540_UTIL_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "mem.h"

/* True if s is valid UTF-8 with no C0 controls other than tab/newline/CR. */
bool text_utf8_ok(const char *s, size_t len);
/* True for valid UTF-8, no control characters at all, at most max bytes. */
bool text_single_line_ok(const char *s, size_t max);
/* True for valid multi-line UTF-8 text of at most max bytes. */
bool text_multi_line_ok(const char *s, size_t max);
/* True for a bare file name: no path separators, not "." or "..", printable, <= 255 bytes. */
bool text_filename_ok(const char *s);

/* A copy of s in a with every byte that is not part of a valid UTF-8
 * sequence replaced by U+FFFD, so that it can go into JSON or HTML (which
 * need valid UTF-8) whatever a client sent. */
char *text_utf8_repair(arena_t *a, const char *s);
/* A copy of s in a without the Unicode bidirectional controls (U+061C,
 * U+200E, U+200F, U+202A-U+202E, U+2066-U+2069): in a file name they make
 * "evil<RLO>fdp.exe" show as "evilexe.pdf". */
char *text_bidi_strip(arena_t *a, const char *s);

#endif
