/*
 * JSON string escaping (RFC 8259): quote, backslash and control characters are
 * escaped; everything else, UTF-8 included, is written as is.
 */
#include "json_out.h"

#include <string.h>

void json_out_str(buf_t *b, const char *s)
{
    if (!s) {
        buf_puts(b, "null");
        return;
    }
    buf_putc(b, '"');
    const char *run = s;
    for (const char *p = s; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        buf_append(b, run, (size_t)(p - run));
        switch (c) {
        case '"': buf_puts(b, "\\\""); break;
        case '\\': buf_puts(b, "\\\\"); break;
        case '\n': buf_puts(b, "\\n"); break;
        case '\r': buf_puts(b, "\\r"); break;
        case '\t': buf_puts(b, "\\t"); break;
        default: buf_printf(b, "\\u%04x", c); break;
        }
        run = p + 1;
    }
    buf_puts(b, run);
    buf_putc(b, '"');
}

void json_out_kv(buf_t *b, int comma, const char *key, const char *value)
{
    if (comma)
        buf_putc(b, ',');
    json_out_str(b, key);
    buf_putc(b, ':');
    json_out_str(b, value);
}

void json_out_kll(buf_t *b, int comma, const char *key, long long value)
{
    if (comma)
        buf_putc(b, ',');
    json_out_str(b, key);
    buf_printf(b, ":%lld", value);
}
