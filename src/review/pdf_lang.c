/*
 * /Lang by incremental update (pdf_lang.h). Cairo writes a classic
 * cross-reference table and a trailer dictionary with /Size, /Root and /Info,
 * each "key value" on its own line; that is all this reads.
 */
#include "pdf_lang.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/file.h"
#include "../util/mem.h"

#define PDF_MAX_BYTES ((size_t)512 << 20)

/* The number after key in the text from p (0 if absent). */
static long number_after(const char *p, const char *key)
{
    const char *k = strstr(p, key); /* p: the trailer, text to the end */
    return k ? strtol(k + strlen(key), NULL, 10) : 0;
}

/* The first occurrence of needle in [p, end): the file holds binary streams
 * with NUL bytes, so no strstr. */
static const char *find(const char *p, const char *end, const char *needle)
{
    return p && p < end ? memmem(p, (size_t)(end - p), needle, strlen(needle)) : NULL;
}

/* The last occurrence of needle in hay[0..len). */
static const char *last(const char *hay, size_t len, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = len >= n ? len - n + 1 : 0; i-- > 0;)
        if (memcmp(hay + i, needle, n) == 0)
            return hay + i;
    return NULL;
}

rc_t pdf_set_lang(const char *path, const char *lang, err_t *e)
{
    if (strspn(lang, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-") != strlen(lang))
        return err_set(e, RC_FAIL, "%s: '%s' is not a language tag", path, lang);
    arena_t a = ARENA_INIT;
    char *pdf;
    size_t len;
    rc_t rc = file_read_all(path, PDF_MAX_BYTES, &a, &pdf, &len, e);
    if (rc != RC_OK)
        return arena_free(&a), rc;
    const char *trailer = last(pdf, len, "trailer"), *sx = last(pdf, len, "startxref");
    long size = trailer ? number_after(trailer, "/Size ") : 0;
    long root = trailer ? number_after(trailer, "/Root ") : 0;
    long info = trailer ? number_after(trailer, "/Info ") : 0;
    long prev = sx ? strtol(sx + 9, NULL, 10) : 0;
    char head[32];
    snprintf(head, sizeof head, "\n%ld 0 obj\n", root);
    const char *stop = pdf + len;
    const char *obj = root ? find(pdf, stop, head) : NULL;
    const char *dict = find(obj, stop, "<<"), *end = find(dict, stop, "endobj");
    if (!size || !root || !prev || !end || find(dict, end, "/Lang")) {
        arena_free(&a);
        return err_set(e, RC_FAIL, "%s: not a PDF this program can mark with a language", path);
    }
    FILE *f = fopen(path, "ab");
    bool ok = f != NULL;
    if (ok) {
        long at = (long)len + 1; /* after the newline below */
        fprintf(f, "\n%ld 0 obj\n<< /Lang (%s)\n  %.*s", root, lang, (int)(end - dict - 2),
                dict + 2);
        long xref = ftell(f);
        ok = fprintf(
                 f,
                 "endobj\nxref\n%ld 1\n%010ld 00000 n \ntrailer\n<< /Size %ld\n   /Root %ld 0 R\n",
                 root, at, size, root) > 0;
        if (info)
            fprintf(f, "   /Info %ld 0 R\n", info);
        fprintf(f, "   /Prev %ld\n>>\nstartxref\n%ld\n%%%%EOF\n", prev, xref + 7);
        ok = fclose(f) == 0 && ok;
    }
    arena_free(&a);
    return ok ? RC_OK : err_set(e, RC_FAIL, "%s: cannot write the report", path);
}
