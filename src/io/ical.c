/*
 * iCalendar content lines: escaping and folding (ical.h). A line is built
 * whole first, then copied out in pieces of at most 75 octets, each piece
 * ending before a UTF-8 continuation byte so that a character is never cut
 * in two (RFC 5545 3.1 asks for octets, and a reader that unfolds by octets
 * would otherwise see broken UTF-8 on each physical line).
 */
#include "ical.h"

#include <string.h>

/* True for the bytes that continue a UTF-8 sequence (10xxxxxx). */
static int utf8_continuation(unsigned char c)
{
    return (c & 0xC0) == 0x80;
}

/* Copies the logical line s (len bytes) to b, folded, with the final CRLF. */
static void fold(buf_t *b, const char *s, size_t len)
{
    size_t at = 0, room = ICAL_LINE_OCTETS;
    while (len - at > room) {
        size_t cut = at + room;
        while (cut > at + 1 && utf8_continuation((unsigned char)s[cut]))
            cut--;
        buf_append(b, s + at, cut - at);
        buf_puts(b, "\r\n ");
        at = cut;
        room = ICAL_LINE_OCTETS - 1; /* the leading space counts */
    }
    buf_append(b, s + at, len - at);
    buf_puts(b, "\r\n");
}

void ical_escape(buf_t *b, const char *value)
{
    for (const char *p = value ? value : ""; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c == '\\' || c == ';' || c == ',') {
            buf_putc(b, '\\');
            buf_putc(b, (char)c);
        } else if (c == '\r' || c == '\n') {
            buf_puts(b, "\\n");
            if (c == '\r' && p[1] == '\n')
                p++;
        } else if (c >= 0x20 && c != 0x7F) {
            buf_putc(b, (char)c);
        } else if (c == '\t') {
            buf_putc(b, ' ');
        }
    }
}

static void line(buf_t *b, const char *name, const char *value, int text)
{
    buf_t l;
    buf_init(&l, b->limit);
    buf_puts(&l, name);
    buf_putc(&l, ':');
    if (text)
        ical_escape(&l, value);
    else
        buf_puts(&l, value ? value : "");
    if (l.overflow)
        b->overflow = 1;
    else
        fold(b, l.data, l.len);
    buf_free(&l);
}

void ical_line(buf_t *b, const char *name, const char *value)
{
    line(b, name, value, 0);
}

void ical_text(buf_t *b, const char *name, const char *value)
{
    line(b, name, value, 1);
}
