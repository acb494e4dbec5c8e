/*
 * Article references (legalref.h). A keyword (case-insensitive for Latin and
 * Cyrillic), spaces, then a number with its sub-parts: "12", "12(3)(a)",
 * "12 bis"; for Chinese 第 + a number in digits or Chinese numerals + 条.
 */
#include "legalref.h"

#include <stdbool.h>
#include <string.h>
#include <strings.h>

/* Keywords that a number follows; the Latin ones are compared without case. */
static const char *const latin_words[] = {"articles", "article", "artículos", "artículo",
                                          "articulo", "arts.", "art."};
static const char *const cyrillic_words[] = {"статьями", "статьях", "статьей", "статьёй",
                                             "статьям", "статья", "статьи", "статье",
                                             "статью", "ст."};
static const char *const arabic_words[] = {"المادة", "للمادة", "بالمادة", "مادة"};

/* Length of a UTF-8 space at s (ASCII space, tab, no-break space), or 0. */
static size_t space_len(const char *s, const char *end)
{
    if (s < end && (*s == ' ' || *s == '\t'))
        return 1;
    if (end - s >= 2 && (unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0)
        return 2;
    return 0;
}

/* Length of one digit at s: ASCII, or Arabic-Indic (U+0660..U+0669), or 0. */
static size_t digit_len(const char *s, const char *end)
{
    if (s < end && *s >= '0' && *s <= '9')
        return 1;
    if (end - s >= 2 && (unsigned char)s[0] == 0xD9 && (unsigned char)s[1] >= 0xA0 &&
        (unsigned char)s[1] <= 0xA9)
        return 2;
    return 0;
}

/* The end of a number and its sub-parts at p ("12", "12(3)(a)", "12 bis"),
 * or p itself when no number starts there. */
static const char *number_end(const char *p, const char *end)
{
    const char *q = p;
    size_t d;
    while ((d = digit_len(q, end)) > 0)
        q += d;
    if (q == p)
        return p;
    for (;;) { /* (3), (a), (iv): short bracketed parts */
        const char *close = q < end && *q == '(' ? memchr(q, ')', (size_t)(end - q)) : NULL;
        if (!close || close - q > 5)
            break;
        q = close + 1;
    }
    size_t s = space_len(q, end);
    for (size_t i = 0; s && i < 3; i++) {
        const char *w = (const char *[]){"bis", "ter", "quater"}[i];
        size_t n = strlen(w);
        if ((size_t)(end - q - (long)s) >= n && strncasecmp(q + s, w, n) == 0) {
            q += s + n;
            break;
        }
    }
    return q;
}

/* True when the byte before p cannot be inside a word (so "particle 3" is no match). */
static bool word_start(const char *s, const char *p)
{
    if (p == s)
        return true;
    unsigned char c = (unsigned char)p[-1];
    return !(c >= 'a' && c <= 'z') && !(c >= 'A' && c <= 'Z') && c < 0x80;
}

/* Cyrillic keywords start with с or С; the rest is lower case in reports. */
static size_t cyrillic_match(const char *p, const char *end)
{
    for (size_t i = 0; i < sizeof cyrillic_words / sizeof *cyrillic_words; i++) {
        size_t n = strlen(cyrillic_words[i]);
        if ((size_t)(end - p) < n || memcmp(p + 2, cyrillic_words[i] + 2, n - 2) != 0)
            continue;
        if (memcmp(p, "с", 2) == 0 || memcmp(p, "С", 2) == 0)
            return n;
    }
    return 0;
}

/* Length of a keyword at p, or 0. */
static size_t keyword_len(const char *s, const char *p, const char *end)
{
    if (!word_start(s, p))
        return 0;
    for (size_t i = 0; i < sizeof latin_words / sizeof *latin_words; i++) {
        size_t n = strlen(latin_words[i]);
        if ((size_t)(end - p) >= n && strncasecmp(p, latin_words[i], n) == 0)
            return n;
    }
    size_t n = cyrillic_match(p, end);
    for (size_t i = 0; !n && i < sizeof arabic_words / sizeof *arabic_words; i++) {
        size_t m = strlen(arabic_words[i]);
        if ((size_t)(end - p) >= m && memcmp(p, arabic_words[i], m) == 0)
            n = m;
    }
    return n;
}

/* A Chinese reference at p (第…条): its end, or p. */
static const char *chinese_end(const char *p, const char *end)
{
    static const char *const numerals[] = {"〇", "一", "二", "三", "四", "五", "六", "七",
                                           "八", "九", "十", "百", "千", "零", "两"};
    if ((size_t)(end - p) < 3 || memcmp(p, "第", 3) != 0)
        return p;
    const char *q = p + 3, *start = q;
    for (bool more = true; more && q < end;) {
        more = false;
        if (*q >= '0' && *q <= '9') {
            q++, more = true;
            continue;
        }
        for (size_t i = 0; i < sizeof numerals / sizeof *numerals; i++)
            if ((size_t)(end - q) >= 3 && memcmp(q, numerals[i], 3) == 0) {
                q += 3, more = true;
                break;
            }
    }
    if (q == start || (size_t)(end - q) < 3 || memcmp(q, "条", 3) != 0)
        return p;
    return q + 3;
}

size_t legalref_find(const char *s, size_t len, legalref_t *out, size_t max)
{
    const char *end = s + len, *p = s;
    size_t n = 0;
    while (p < end && n < max) {
        const char *z = chinese_end(p, end);
        size_t k = z == p ? keyword_len(s, p, end) : 0;
        if (k) {
            const char *q = p + k, *num;
            size_t sp;
            while ((sp = space_len(q, end)) > 0)
                q += sp;
            num = number_end(q, end);
            z = num > q ? num : p;
        }
        if (z > p) {
            out[n].start = (size_t)(p - s);
            out[n++].end = (size_t)(z - s);
            p = z;
        } else
            p++;
    }
    return n;
}

long legalref_nearest(const legalref_t *refs, size_t n, size_t at, size_t window)
{
    long best = -1;
    size_t best_d = window + 1;
    for (size_t i = 0; i < n; i++) {
        size_t d = refs[i].end <= at ? at - refs[i].end : refs[i].start > at ? refs[i].start - at : 0;
        if (d < best_d)
            best = (long)i, best_d = d;
    }
    return best;
}
