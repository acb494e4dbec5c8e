/*
 * Search keys: NFD, drop non-spacing marks and tatweel, lower case, NFC.
 */
#include "fold.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

enum { FOLD_MAX_BYTES = 4096 };

/* Folds the cap-unit text u (n units) into the arena; d is scratch of cap units. */
static char *fold_units(arena_t *a, UChar *u, UChar *d, int32_t n, int32_t cap)
{
    UErrorCode st = U_ZERO_ERROR;
    const UNormalizer2 *nfd = unorm2_getNFDInstance(&st);
    const UNormalizer2 *nfc = unorm2_getNFCInstance(&st);
    if (U_FAILURE(st))
        return NULL;
    n = unorm2_normalize(nfd, u, n, d, cap, &st);
    int32_t k = 0;
    for (int32_t i = 0; U_SUCCESS(st) && i < n;) {
        UChar32 c;
        int32_t at = i;
        U16_NEXT(d, i, n, c);
        if (u_charType(c) == U_NON_SPACING_MARK || c == 0x0640) /* 0640: tatweel */
            continue;
        while (at < i)
            u[k++] = d[at++];
    }
    n = U_SUCCESS(st) ? u_strToLower(d, cap, u, k, "", &st) : 0;
    n = U_SUCCESS(st) ? unorm2_normalize(nfc, d, n, u, cap, &st) : 0;
    if (U_FAILURE(st))
        return NULL;
    char *out = arena_alloc(a, (size_t)n * 3 + 1);
    int32_t bytes;
    u_strToUTF8(out, n * 3 + 1, &bytes, u, n, &st);
    return U_FAILURE(st) ? NULL : out;
}

char *fold_key(arena_t *a, const char *s)
{
    size_t len = strlen(s);
    if (len > FOLD_MAX_BYTES)
        return NULL;
    /* NFD and lower case can lengthen a text a few times; the scratch is the
     * caller's thread's own, so several web workers may fold at once */
    int32_t cap = (int32_t)len * 4 + 16;
    UChar *u = xmalloc((size_t)cap * sizeof *u), *d = xmalloc((size_t)cap * sizeof *d);
    UErrorCode st = U_ZERO_ERROR;
    int32_t n;
    u_strFromUTF8(u, cap, &n, s, (int32_t)len, &st);
    char *out = U_SUCCESS(st) ? fold_units(a, u, d, n, cap) : NULL;
    free(u);
    free(d);
    return out;
}

bool fold_contains(arena_t *a, const char *haystack, const char *needle_key)
{
    if (!*needle_key)
        return true;
    char *h = fold_key(a, haystack);
    return h && strstr(h, needle_key) != NULL;
}
