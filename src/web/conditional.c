/*
 * Validators and caching headers of public reads (conditional.h).
 *
 * Why the data generation and not a hash of the answer: a 304 is then known
 * before the handler runs, so a nightly client that asks for every matrix
 * costs the server a header comparison per unchanged one, not a page build.
 * The generation is the server's own counter (server.c): it moves on every
 * change this process makes and on every change another process commits
 * (the store's change counter), and it restarts with the process, so the ETag
 * also carries a random number drawn at start. A restart or a second server
 * therefore answers 200 where 304 would have done; never the other way round.
 */
#include "conditional.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "../util/date.h"
#include "web.h"

const char *web_etag(web_req_t *r, const char *url, long long generation)
{
    char today[11];
    date_today(today);
    crypto_hash_sha256_state hs;
    crypto_hash_sha256_init(&hs);
    char head[96];
    int n = snprintf(head, sizeof head, "%s|%lld|%d|%s|", web_boot_nonce(), generation,
                     (int)r->lang, today);
    crypto_hash_sha256_update(&hs, (const unsigned char *)head, (size_t)n);
    crypto_hash_sha256_update(&hs, (const unsigned char *)url, strlen(url));
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_final(&hs, h);
    char *out = arena_alloc(&r->arena, 40);
    memcpy(out, "W/\"", 3);
    sodium_bin2hex(out + 3, 33, h, 16);
    memcpy(out + 35, "\"", 2);
    return out;
}

/* Whether the If-None-Match list holds etag (weak comparison: W/ ignored). */
static bool etag_listed(const char *list, const char *etag)
{
    const char *want = strncmp(etag, "W/", 2) == 0 ? etag + 2 : etag;
    size_t wn = strlen(want);
    for (const char *p = list; *p;) {
        while (*p == ' ' || *p == '\t' || *p == ',')
            p++;
        if (*p == '*')
            return true;
        if (strncmp(p, "W/", 2) == 0)
            p += 2;
        size_t len = strcspn(p, ",");
        while (len && (p[len - 1] == ' ' || p[len - 1] == '\t'))
            len--;
        if (len == wn && memcmp(p, want, wn) == 0)
            return true;
        p += strcspn(p, ",");
    }
    return false;
}

/* An IMF-fixdate as Unix seconds; -1 if it is not one. */
static long long http_date_parse(const char *s)
{
    struct tm tm = {0};
    const char *end = strptime(s, "%a, %d %b %Y %H:%M:%S GMT", &tm);
    if (!end || *end)
        return -1;
    return (long long)timegm(&tm);
}

long long web_last_modified(long long changed_at, long long now)
{
    return changed_at > 0 && changed_at < now ? changed_at : 0;
}

bool web_not_modified(const char *if_none_match, const char *if_modified_since,
                      const char *etag, long long changed_at, long long now)
{
    if (if_none_match)
        return etag_listed(if_none_match, etag);
    if (!if_modified_since)
        return false;
    long long lm = web_last_modified(changed_at, now);
    long long since = http_date_parse(if_modified_since);
    return lm > 0 && since >= lm && since <= now;
}

const char *web_http_date(web_req_t *r, long long t)
{
    time_t tt = (time_t)t;
    struct tm tm;
    gmtime_r(&tt, &tm);
    char *out = arena_alloc(&r->arena, 32);
    strftime(out, 32, "%a, %d %b %Y %H:%M:%S GMT", &tm);
    return out;
}

/* How long a client or a proxy may keep a public answer before asking again
 * (with its ETag, then mostly a 304). Most answers change with any edit, so
 * a minute; a report's file never changes once stored (a new file is a new
 * report), and the open-data files are large and rebuilt only when the data
 * moves, so they may be kept longer. */
static const struct {
    const char *pattern;
    const char *cache_control;
} cache_rules[] = {
    {"reports/*/file", "public, max-age=86400"},
    {"data/*", "public, max-age=300"},
};

const char *web_cache_control(const char *pattern)
{
    for (size_t i = 0; i < sizeof cache_rules / sizeof *cache_rules; i++)
        if (strcmp(cache_rules[i].pattern, pattern) == 0)
            return cache_rules[i].cache_control;
    return "public, max-age=60";
}
