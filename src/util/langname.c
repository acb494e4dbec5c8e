/*
 * Language names through ICU (langname.h).
 */
#include "langname.h"

#include <string.h>
#include <unicode/uloc.h>
#include <unicode/ustring.h>

#include "buf.h"

const char *lang_display_name(arena_t *a, const char *code, lang_t in)
{
    UChar name[128];
    char out[512];
    UErrorCode st = U_ZERO_ERROR;
    /* a code that is no language ICU knows comes back as itself: only a
     * plain 2- or 3-letter code is asked about */
    size_t n = code ? strlen(code) : 0;
    if (n < 2 || n > 3 || strspn(code, "abcdefghijklmnopqrstuvwxyz") != n)
        return arena_strdup(a, code ? code : "");
    int32_t len = uloc_getDisplayLanguage(code, lang_code(in), name, 128, &st);
    if (U_FAILURE(st) || len <= 0)
        return arena_strdup(a, code);
    st = U_ZERO_ERROR;
    u_strToUTF8(out, sizeof out, NULL, name, len, &st);
    if (U_FAILURE(st) || st == U_STRING_NOT_TERMINATED_WARNING)
        return arena_strdup(a, code);
    return arena_strdup(a, out);
}

const char *lang_display_list(arena_t *a, const char *codes, lang_t in)
{
    /* Chinese lists with the enumeration comma, Arabic with its own comma */
    const char *sep = in == LANG_ZH ? "、" : in == LANG_AR ? "، " : ", ";
    buf_t b;
    buf_init(&b, 1u << 16);
    for (const char *p = codes ? codes : ""; *p;) {
        size_t len = strcspn(p, ",");
        char *code = arena_strndup(a, p, len);
        buf_printf(&b, "%s%s", b.len ? sep : "", lang_display_name(a, code, in));
        p += len;
        if (*p == ',')
            p++;
    }
    const char *out = arena_strdup(a, buf_str(&b));
    buf_free(&b);
    return out;
}
