/*
 * Backend dispatch: picks the backend from the database path and forwards each
 * operation to it (the forwarders are generated from store_ops.def). Nothing
 * here knows SQL.
 */
#include "store_backend.h"
#include "store_url.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/date.h"
#include "../util/mem.h"

struct store {
    const store_backend_t *be;
    void *h; /* owned by the backend; freed by be->close */
};

/* The backends, by the prefix of the database URL; a URL without a known
 * prefix is a path for the first one. A new backend is one row here. */
static const struct {
    const char *prefix;
    const store_backend_t *be; /* NULL: named, not built */
} backends[] = {
    {"sqlite:", &store_sqlite_backend},
    {"postgres:", &store_postgres_backend},
    {"postgresql:", &store_postgres_backend},
};

/* The backend for url and the location it is given (url without the prefix). */
static rc_t backend_for(const char *url, const store_backend_t **be, const char **where,
                        err_t *e)
{
    *be = backends[0].be;
    *where = url;
    for (size_t i = 0; i < sizeof backends / sizeof *backends; i++) {
        size_t n = strlen(backends[i].prefix);
        if (strncmp(url, backends[i].prefix, n) != 0)
            continue;
        /* the URL is not repeated: a postgres one may hold a password */
        if (!backends[i].be)
            return err_set(e, RC_DB, "the %.*s backend is not built yet", (int)n - 1,
                           backends[i].prefix);
        *be = backends[i].be;
        *where = url + n;
        break;
    }
    return RC_OK;
}

rc_t store_open(const char *url, store_open_mode_t mode, store_t **out, err_t *e)
{
    *out = NULL;
    const store_backend_t *be;
    const char *where;
    void *h = NULL;
    rc_t rc = backend_for(url, &be, &where, e);
    if (rc != RC_OK || (rc = be->open(where, mode, &h, e)) != RC_OK)
        return rc;
    store_t *st = xmalloc(sizeof *st);
    st->be = be;
    st->h = h;
    *out = st;
    return RC_OK;
}

bool store_exists(const char *url)
{
    const store_backend_t *be;
    const char *where;
    return backend_for(url, &be, &where, NULL) == RC_OK && be->exists(where);
}

rc_t store_destroy(const char *url, err_t *e)
{
    const store_backend_t *be;
    const char *where;
    rc_t rc = backend_for(url, &be, &where, e);
    return rc == RC_OK ? be->destroy(where, e) : rc;
}

/* user:password@ in the authority: the password replaced by ***. */
static void store_url_redacted_authority(const char *url, char *out, size_t size)
{
    const char *auth = strstr(url, "://");
    const char *at = auth ? strchr(auth + 3, '@') : NULL;
    const char *slash = auth ? strchr(auth + 3, '/') : NULL;
    const char *colon = auth ? strchr(auth + 3, ':') : NULL;
    if (!at || (slash && slash < at) || !colon || colon > at) {
        snprintf(out, size, "%s", url);
        return;
    }
    snprintf(out, size, "%.*s***%s", (int)(colon + 1 - url), url, at);
}

/* A password=VALUE parameter of the URI's query, its value replaced by ***. */
static void redact_query_password(char *s)
{
    char *q = strchr(s, '?');
    for (char *p = q; p && *p;) {
        p++;
        if (strncmp(p, "password=", 9) == 0) {
            char *v = p + 9, *end = v + strcspn(v, "&");
            if (end - v != 3 || strncmp(v, "***", 3) != 0) {
                memmove(v + 3, end, strlen(end) + 1);
                memcpy(v, "***", 3);
            }
        }
        p = strchr(p, '&');
    }
}

void store_url_redacted(const char *url, char *out, size_t size)
{
    /* room for *** in place of values shorter than it: each password= adds
     * at most 3 bytes, and there are fewer of them than len / 9 */
    size_t len = strlen(url);
    char *copy = xmalloc(2 * len + 4);
    memcpy(copy, url, len + 1);
    redact_query_password(copy);
    store_url_redacted_authority(copy, out, size);
    free(copy);
}

void store_close(store_t *st)
{
    if (!st)
        return;
    st->be->close(st->h);
    free(st);
}

void store_rollback(store_t *st) { st->be->rollback(st->h); }

/* rc_t store_NAME(store_t *st, ...) { return st->be->NAME(st->h, ...); } for
 * every operation but the STORE_OP_CUSTOM ones, which follow. */
#define STORE_OP(name, params, args)                                                           \
    rc_t store_##name(store_t *st, STORE_PARAMS params)                                        \
    {                                                                                          \
        return st->be->name(st->h, STORE_PARAMS args);                                         \
    }
#define STORE_OP_CUSTOM(name, params, args)
#include "store_ops.def"

/* Sets the LDC, LLDC and SIDS flags of the n states from the membership
 * periods in force today, so that a graduation takes effect on its date
 * without a new `r1540 init`. A database without periods (made before they
 * existed) keeps its stored flags. */
static rc_t flags_today(store_t *st, const char *state, arena_t *a, state_t *s, size_t n,
                        err_t *e)
{
    membership_t *m;
    size_t nm;
    rc_t rc = st->be->membership_list(st->h, state, a, &m, &nm, e);
    if (rc != RC_OK || nm == 0)
        return rc;
    char today[11];
    date_today(today);
    for (size_t i = 0; i < n; i++) {
        s[i].ldc = membership_on(m, nm, s[i].alpha3, "LDC", today);
        s[i].lldc = membership_on(m, nm, s[i].alpha3, "LLDC", today);
        s[i].sids = membership_on(m, nm, s[i].alpha3, "SIDS", today);
    }
    return RC_OK;
}

rc_t store_state_get(store_t *st, const char *code, arena_t *a, state_t *out, err_t *e)
{
    rc_t rc = st->be->state_get(st->h, code, a, out, e);
    return rc == RC_OK ? flags_today(st, out->alpha3, a, out, 1, e) : rc;
}

rc_t store_state_list(store_t *st, arena_t *a, state_t **out, size_t *n, err_t *e)
{
    rc_t rc = st->be->state_list(st->h, a, out, n, e);
    return rc == RC_OK ? flags_today(st, NULL, a, *out, *n, e) : rc;
}

/* The store refuses a slice no backend could give, whatever the caller. */
static rc_t query_check(const store_query_t *q, err_t *e)
{
    if (q->offset < 0)
        return err_set(e, RC_INPUT, "offset %lld: must be 0 or more", q->offset);
    if (q->limit < STORE_NO_LIMIT)
        return err_set(e, RC_INPUT, "limit %lld: must be 0 or more", q->limit);
    return RC_OK;
}

rc_t store_request_find(store_t *st, const store_query_t *q, arena_t *a,
                        assistance_request_t **out, size_t *n, long long *total, err_t *e)
{
    *out = NULL, *n = 0, *total = 0;
    rc_t rc = query_check(q, e);
    return rc == RC_OK ? st->be->request_find(st->h, q, a, out, n, total, e) : rc;
}

rc_t store_offer_find(store_t *st, const store_query_t *q, arena_t *a, assistance_offer_t **out,
                      size_t *n, long long *total, err_t *e)
{
    *out = NULL, *n = 0, *total = 0;
    rc_t rc = query_check(q, e);
    return rc == RC_OK ? st->be->offer_find(st->h, q, a, out, n, total, e) : rc;
}
