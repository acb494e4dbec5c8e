/*
 * The page reference rule of matrix_page.h, as a small hand scanner: the
 * grammar is a prefix and a list of numbers or ranges, too small for a
 * regular-expression library.
 */
#include "matrix_page.h"

#include <ctype.h>
#include <string.h>

static const char *spaces(const char *s)
{
    while (*s == ' ')
        s++;
    return s;
}

/* One page number: 1..6 digits, or 1..12 roman numerals of one case. NULL if none. */
static const char *number(const char *s)
{
    size_t n = strspn(s, "0123456789");
    if (n >= 1 && n <= 6)
        return s + n;
    if (n)
        return NULL;
    n = strspn(s, "ivxlcdm");
    if (!n)
        n = strspn(s, "IVXLCDM");
    return n >= 1 && n <= 12 ? s + n : NULL;
}

/* A range dash: "-" or U+2013 (the en dash, E2 80 93 in UTF-8). */
static const char *dash(const char *s)
{
    if (*s == '-')
        return s + 1;
    return strncmp(s, "\xe2\x80\x93", 3) == 0 ? s + 3 : NULL;
}

bool matrix_page_ok(const char *page)
{
    const char *s = spaces(page ? page : "");
    if (!*s)
        return true;
    if (strncmp(s, "pp.", 3) == 0)
        s = spaces(s + 3);
    else if (strncmp(s, "p.", 2) == 0)
        s = spaces(s + 2);
    for (;;) {
        if (!(s = number(s)))
            return false;
        const char *d = dash(spaces(s));
        if (d && !(s = number(spaces(d))))
            return false;
        s = spaces(s);
        if (!*s)
            return true;
        if (*s != ',' && *s != ';')
            return false;
        s = spaces(s + 1);
    }
}
