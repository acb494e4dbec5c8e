/*
 * iCalendar content lines (RFC 5545, section 3.1): each line ends in CRLF and
 * is folded so that no physical line is longer than 75 octets (a fold is a
 * CRLF followed by one space, and never splits a UTF-8 sequence); TEXT values
 * escape backslash, semicolon, comma and newline (section 3.3.11). The feed
 * itself (which events, which properties) is the caller's: src/web/h_calendar.c.
 */
#ifndef R1540_IO_ICAL_H
#define R1540_IO_ICAL_H

#include "../util/buf.h"

enum { ICAL_LINE_OCTETS = 75 }; /* RFC 5545 3.1: lines SHOULD NOT be longer */

/* Appends the content line "name:value" with value written as it is (a date,
 * a code, a property that is not TEXT); name may carry parameters
 * ("DTSTART;VALUE=DATE"). Folded, CRLF-terminated. */
void ical_line(buf_t *b, const char *name, const char *value);

/* Appends "name:value" with value escaped as TEXT: \ ; , become \\ \; \, and
 * a newline (LF, CRLF or CR) becomes \n; other control characters, which TEXT
 * may not hold, are dropped. Folded, CRLF-terminated. */
void ical_text(buf_t *b, const char *name, const char *value);

/* Appends value escaped as TEXT to b, without a line end (for a value built
 * from several parts, e.g. a comma-separated CATEGORIES list). */
void ical_escape(buf_t *b, const char *value);

#endif
