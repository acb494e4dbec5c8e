/*
 * UTF-8 and text checks.
 */
#include "text.h"

#include <string.h>

/* The length of the valid UTF-8 sequence at s[i] (1 to 4), or 0 if none. */
static size_t utf8_seq(const unsigned char *s, size_t i, size_t len)
{
    unsigned c = s[i];
    if (c < 0x80)
        return 1;
    size_t n;
    unsigned cp;
    if (c >= 0xc2 && c <= 0xdf)
        n = 1, cp = c & 0x1f;
    else if (c >= 0xe0 && c <= 0xef)
        n = 2, cp = c & 0x0f;
    else if (c >= 0xf0 && c <= 0xf4)
        n = 3, cp = c & 0x07;
    else
        return 0;
    if (i + n >= len)
        return 0;
    for (size_t k = 1; k <= n; k++) {
        if ((s[i + k] & 0xc0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i + k] & 0x3f);
    }
    if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10ffff)) ||
        (cp >= 0xd800 && cp <= 0xdfff))
        return 0;
    return n + 1;
}

bool text_utf8_ok(const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *)str;
    for (size_t i = 0, n; i < len; i += n) {
        if (!(n = utf8_seq(s, i, len)))
            return false;
        unsigned c = s[i]; /* no control characters but tab and line ends */
        if (n == 1 && ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f))
            return false;
    }
    return true;
}

bool text_single_line_ok(const char *s, size_t max)
{
    size_t n = strlen(s);
    return n <= max && text_utf8_ok(s, n) && !strpbrk(s, "\t\n\r");
}

bool text_multi_line_ok(const char *s, size_t max)
{
    size_t n = strlen(s);
    return n <= max && text_utf8_ok(s, n);
}

bool text_filename_ok(const char *s)
{
    return *s && strcmp(s, ".") != 0 && strcmp(s, "..") != 0 && !strpbrk(s, "/\\") &&
           text_single_line_ok(s, 255);
}

char *text_utf8_repair(arena_t *a, const char *str)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t len = strlen(str), o = 0;
    char *out = arena_alloc_raw(a, 3 * len + 1); /* each bad byte becomes 3 */
    for (size_t i = 0; i < len;) {
        size_t n = utf8_seq(s, i, len);
        if (n) {
            memcpy(out + o, s + i, n);
            o += n, i += n;
        } else {
            memcpy(out + o, "\xef\xbf\xbd", 3);
            o += 3, i++;
        }
    }
    out[o] = 0;
    return out;
}

/* The length of the bidirectional control at s, or 0 if there is none. */
static size_t bidi_control(const unsigned char *s)
{
    if (s[0] == 0xd8 && s[1] == 0x9c) /* U+061C ARABIC LETTER MARK */
        return 2;
    if (s[0] != 0xe2)
        return 0;
    if (s[1] == 0x80 && (s[2] == 0x8e || s[2] == 0x8f || (s[2] >= 0xaa && s[2] <= 0xae)))
        return 3; /* U+200E, U+200F, U+202A-U+202E */
    if (s[1] == 0x81 && s[2] >= 0xa6 && s[2] <= 0xa9)
        return 3; /* U+2066-U+2069 */
    return 0;
}

char *text_bidi_strip(arena_t *a, const char *str)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t len = strlen(str), o = 0;
    char *out = arena_alloc_raw(a, len + 1);
    for (size_t i = 0; i < len;) {
        size_t n = bidi_control(s + i); /* reads past i only while bytes are not NUL */
        if (n)
            i += n;
        else
            out[o++] = (char)s[i++];
    }
    out[o] = 0;
    return out;
}
