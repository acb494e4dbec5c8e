/*
 * The real client address behind trusted proxies (see client_addr.h).
 */
#include "client_addr.h"

#include <arpa/inet.h>
#include <stdbool.h>
#include <string.h>

/* An address as 16 bytes (IPv4 mapped into IPv6) so both kinds compare alike. */
static bool addr_parse(const char *s, size_t n, unsigned char out[16])
{
    char tmp[INET6_ADDRSTRLEN + 1];
    while (n && (*s == ' ' || *s == '\t'))
        s++, n--;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    if (n == 0 || n >= sizeof tmp)
        return false;
    memcpy(tmp, s, n);
    tmp[n] = 0;
    struct in_addr v4;
    if (inet_pton(AF_INET, tmp, &v4) == 1) {
        memset(out, 0, 10);
        out[10] = out[11] = 0xff;
        memcpy(out + 12, &v4, 4);
        return true;
    }
    return inet_pton(AF_INET6, tmp, out) == 1;
}

static const char *addr_text(const unsigned char a16[16], arena_t *a)
{
    static const unsigned char mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    char s[INET6_ADDRSTRLEN];
    if (memcmp(a16, mapped, 12) == 0)
        inet_ntop(AF_INET, a16 + 12, s, sizeof s);
    else
        inet_ntop(AF_INET6, a16, s, sizeof s);
    return arena_strdup(a, s);
}

static bool trusted_has(const client_proxies_t *t, const unsigned char a16[16])
{
    for (size_t i = 0; i < t->n; i++)
        if (memcmp(t->addr[i], a16, 16) == 0)
            return true;
    return false;
}

const char *client_address_normal(const char *s, arena_t *a)
{
    unsigned char a16[16];
    return addr_parse(s, strlen(s), a16) ? addr_text(a16, a) : NULL;
}

rc_t client_proxies_parse(const char *list, client_proxies_t *out, err_t *e)
{
    out->n = 0;
    for (const char *p = list; p && *p;) {
        const char *comma = strchr(p, ',');
        size_t n = comma ? (size_t)(comma - p) : strlen(p);
        if (out->n == CLIENT_PROXIES_MAX)
            return err_set(e, RC_USAGE, "--trusted-proxy: at most %d addresses",
                           CLIENT_PROXIES_MAX);
        if (!addr_parse(p, n, out->addr[out->n]))
            return err_set(e, RC_USAGE, "--trusted-proxy: '%.*s' is not an IPv4 or IPv6 address",
                           (int)(n > 64 ? 64 : n), p);
        out->n++;
        p = comma ? comma + 1 : NULL;
    }
    return RC_OK;
}

const char *client_address_real(const client_proxies_t *trusted, const char *peer,
                                const char *xff, arena_t *a)
{
    unsigned char cur[16];
    if (!addr_parse(peer, strlen(peer), cur))
        return arena_strdup(a, peer);
    if (!trusted_has(trusted, cur) || !xff)
        return addr_text(cur, a);
    /* from the right: each hop we trust vouches for the address left of it */
    size_t end = strlen(xff);
    while (end > 0) {
        size_t start = end;
        while (start > 0 && xff[start - 1] != ',')
            start--;
        unsigned char hop[16];
        if (!addr_parse(xff + start, end - start, hop))
            break; /* garbage: keep the last address a trusted hop gave */
        memcpy(cur, hop, 16);
        if (!trusted_has(trusted, cur))
            break;
        end = start ? start - 1 : 0;
    }
    return addr_text(cur, a);
}
