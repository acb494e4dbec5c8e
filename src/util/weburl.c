/*
 * Web address check (weburl.h). uriparser does the RFC 3986 parsing; this
 * file adds what a link in a page needs on top: a known safe scheme, a host,
 * and no byte that a browser would reinterpret (controls, spaces, non-ASCII).
 */
#include "weburl.h"

#include <string.h>
#include <strings.h>
#include <uriparser/Uri.h>

/* Printable ASCII other than space: what RFC 3986 allows in a URI at all. */
static bool printable_ascii(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p <= 0x20 || *p >= 0x7f)
            return false;
    return true;
}

static bool range_is(const UriTextRangeA *r, const char *word)
{
    size_t n = (size_t)(r->afterLast - r->first);
    return r->first && n == strlen(word) && strncasecmp(r->first, word, n) == 0;
}

bool weburl_ok(const char *s)
{
    if (!s || !*s)
        return true;
    if (strlen(s) > WEBURL_MAX || !printable_ascii(s))
        return false;
    UriUriA uri;
    const char *error_pos;
    if (uriParseSingleUriA(&uri, s, &error_pos) != URI_SUCCESS)
        return false;
    bool ok = (range_is(&uri.scheme, "http") || range_is(&uri.scheme, "https")) &&
              uri.hostText.first && uri.hostText.afterLast > uri.hostText.first;
    uriFreeUriMembersA(&uri);
    return ok;
}
