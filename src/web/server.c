/*
 * The HTTP server on libmicrohttpd: a pool of worker threads on epoll with
 * keep-alive. This file knows MHD; the router and handlers do not. It
 * admits a request's body only after the router has checked its route and
 * session (web_route_admit), collects bodies (forms, JSON; uploaded files
 * are spooled to disk by upload.c) up to the route's limit, keeps finished
 * public answers in a cache with a byte budget, and stops on SIGINT or
 * SIGTERM only after the requests in flight are answered. The limits are
 * described in docs/internals/security.md.
 */
#include "web.h"

#include <arpa/inet.h>
#include <malloc.h>
#include <microhttpd.h>
#include <sodium.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "../util/date.h"
#include "../util/mem.h"
#include "change_listen.h"
#include "opendata_files.h"
#include "review_cache.h"
#include "upload.h"

#define CACHE_SLOTS 1024            /* public answers kept; a power of two */
#define CACHE_BODY_MAX (4u << 20)   /* larger answers are not cached */
#define CACHE_BUDGET (32u << 20)    /* all cached answers' bytes together */
#define POST_BUFFER (8 * 1024)      /* the form parser's buffer: names and part headers */

web_app_t *web_app;

/* ---- the thread's store -------------------------------------------------- */

static pthread_key_t store_key;
static pthread_once_t store_once = PTHREAD_ONCE_INIT;

static void thread_store_close(void *st) { store_close(st); }

/* A read-only server's connections neither migrate nor write (store.h). */
static store_open_mode_t store_mode(void)
{
    return web_app->read_only ? STORE_OPEN_READ_ONLY : STORE_OPEN_EXISTING;
}
static void store_key_make(void) { pthread_key_create(&store_key, thread_store_close); }

rc_t web_store(store_t **out, err_t *e)
{
    pthread_once(&store_once, store_key_make);
    store_t *st = pthread_getspecific(store_key);
    if (!st) {
        rc_t rc = store_open(web_app->db_path, store_mode(), &st, e);
        if (rc != RC_OK)
            return rc;
        pthread_setspecific(store_key, st);
    }
    *out = st;
    return RC_OK;
}

/* ---- data generation: when it moves, cached answers are stale ----------- */

#define DATA_CHECK_NS 50000000LL /* how stale the cache may be after another process writes */
/* the same while the change listener hears every commit (change_listen.h):
 * the poll is then only the fallback for a notice lost with its connection */
#define DATA_CHECK_HEARING_NS 1000000000LL

static atomic_llong data_generation = 1;
static atomic_llong data_changed_at; /* Unix seconds of the last move */
static char boot_nonce[17];
static _Thread_local long long seen_change_counter = -1;
static _Thread_local long long data_checked_ns; /* when this thread last asked */

static long long now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC_COARSE, &t);
    return t.tv_sec * 1000000000LL + t.tv_nsec;
}

long long web_data_generation(void) { return atomic_load(&data_generation); }

long long web_data_changed_at(void) { return atomic_load(&data_changed_at); }

const char *web_boot_nonce(void) { return boot_nonce; }

/* A connection opened at the server's start and only ever asked for its
 * change counter: it has seen every commit since the start, so a worker
 * thread's first look asks it whether anything changed before the thread's
 * own connection opened (below). */
static store_t *sentinel;
static long long sentinel_seen;
static pthread_mutex_t sentinel_lock = PTHREAD_MUTEX_INITIALIZER;

/* Whether a commit reached the database since the sentinel last said so;
 * true when there is no sentinel or another thread is asking it (nothing can
 * be ruled out): the sentinel may be replacing its lost connection, which
 * can take connect_timeout, and no worker waits for that. */
static bool sentinel_moved(void)
{
    if (!sentinel || pthread_mutex_trylock(&sentinel_lock) != 0)
        return true;
    long long v;
    err_t e = {0};
    bool moved = store_change_counter(sentinel, &v, &e) != RC_OK || v != sentinel_seen;
    if (moved && !e.msg[0])
        sentinel_seen = v;
    pthread_mutex_unlock(&sentinel_lock);
    return moved;
}

/* Notes what the sentinel has seen as reflected in the generation that is
 * about to move: read before the move, every commit it counts came before. */
static void sentinel_sync(void)
{
    if (!sentinel || pthread_mutex_trylock(&sentinel_lock) != 0)
        return; /* busy (above): the next sentinel_moved says "moved" once more */
    err_t e = {0};
    long long v;
    if (store_change_counter(sentinel, &v, &e) == RC_OK)
        sentinel_seen = v;
    pthread_mutex_unlock(&sentinel_lock);
}

void web_data_changed(void)
{
    sentinel_sync();
    /* the time before the generation: a reader that sees the new generation
     * then sees a Last-Modified no older than the change */
    atomic_store(&data_changed_at, (long long)time(NULL));
    atomic_fetch_add(&data_generation, 1);
}

void web_data_check(store_t *st)
{
    long long v;
    err_t e = {0};
    /* the database cannot be asked (PostgreSQL stopped, a failover under
     * way): what the cache holds may no longer be what the database says when
     * it is back, and pages must tell the truth now, a 503; so every cached
     * answer goes stale, and the next look starts afresh */
    if (store_change_counter(st, &v, &e) != RC_OK) {
        seen_change_counter = -1;
        web_data_changed();
        data_checked_ns = now_ns();
        return;
    }
    /* a thread's first look cannot tell from its own connection whether a
     * change came before it (the counters of two connections are not
     * comparable), and every thread sees each commit on its own connection;
     * the sentinel tells whether the generation already reflects it. Without
     * it, every worker's first look and each worker's look after a commit
     * moved the generation again: new ETags for unchanged data. */
    bool first = seen_change_counter == -1;
    if ((first || v != seen_change_counter) && sentinel_moved())
        web_data_changed();
    seen_change_counter = v;
    data_checked_ns = now_ns();
}

/* Before an answer from the cache. A change this process makes moves the
 * generation at once (web_data_changed); one another process makes (the CLI,
 * a second server) shows only in the store's change counter, which is read here at
 * most every DATA_CHECK_NS per thread: asking on every hit took a tenth of the
 * server's CPU under load (the read transaction's fcntl locks). An idle
 * server asks on the first hit: it is late only under load, by DATA_CHECK_NS
 * at most. */
static void data_check_recent(void)
{
    long long every = change_listen_hearing() ? DATA_CHECK_HEARING_NS : DATA_CHECK_NS;
    if (now_ns() - data_checked_ns < every)
        return;
    store_t *st;
    err_t e = {0};
    if (web_store(&st, &e) == RC_OK)
        web_data_check(st);
    else
        web_data_changed(); /* no connection at all: as web_data_check's failure */
}

/* ---- the cache of public answers ---------------------------------------- */

typedef struct {
    char *key;
    long long generation;
    struct MHD_Response *response;
    size_t bytes; /* the answer's body and key, counted against CACHE_BUDGET */
} cache_slot_t;

static cache_slot_t cache[CACHE_SLOTS];
static size_t cache_bytes; /* the sum of the slots' bytes; under cache_lock */
static size_t cache_hand;  /* the next slot the budget may empty; under cache_lock */
static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;

static unsigned cache_hash(const char *s)
{
    unsigned h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h & (CACHE_SLOTS - 1);
}

/* Queues the cached answer for key, if a fresh one exists. The queueing
 * happens under the lock so that no other thread frees the response first. */
static int cache_serve(struct MHD_Connection *c, const char *key, int *served)
{
    *served = 0;
    pthread_mutex_lock(&cache_lock);
    cache_slot_t *s = &cache[cache_hash(key)];
    int ret = MHD_YES;
    if (s->key && strcmp(s->key, key) == 0 && s->generation == atomic_load(&data_generation)) {
        ret = MHD_queue_response(c, MHD_HTTP_OK, s->response);
        *served = 1;
    }
    pthread_mutex_unlock(&cache_lock);
    return ret;
}

/* Empties a slot (under cache_lock). A connection still sending its answer
 * keeps the response alive until it is done (MHD counts references). */
static void cache_slot_empty(cache_slot_t *s)
{
    if (s->response)
        MHD_destroy_response(s->response);
    free(s->key);
    cache_bytes -= s->bytes;
    *s = (cache_slot_t){0};
}

/* Keeps resp as the answer for key; it owns resp from here. Over the byte
 * budget, slots are emptied in turn (a clock hand) until the answer fits:
 * URLs that all differ (a query parameter counted up) then recycle the same
 * bytes instead of growing the cache. */
static void cache_put(const char *key, long long generation, struct MHD_Response *resp,
                      size_t len)
{
    size_t bytes = len + strlen(key) + 1;
    pthread_mutex_lock(&cache_lock);
    cache_slot_t *s = &cache[cache_hash(key)];
    cache_slot_empty(s);
    for (size_t n = 0; cache_bytes + bytes > CACHE_BUDGET && n < CACHE_SLOTS; n++)
        cache_slot_empty(&cache[cache_hand++ & (CACHE_SLOTS - 1)]);
    s->key = xstrdup(key);
    s->generation = generation;
    s->response = resp;
    s->bytes = bytes;
    cache_bytes += bytes;
    pthread_mutex_unlock(&cache_lock);
}

static void cache_clear(void)
{
    for (size_t i = 0; i < CACHE_SLOTS; i++)
        cache_slot_empty(&cache[i]);
}

/* ---- one connection's request ------------------------------------------- */

typedef struct {
    web_req_t req;
    buf_t raw; /* a JSON body */
    struct MHD_PostProcessor *pp;
    bool too_large;
    bool bad_body;
    bool nul_field; /* a form field holds a NUL byte: refused, not cut short */
    int pct;        /* the scan for "%00" across a urlencoded body's pieces */
    bool spool_full; /* the upload budget or the disk refused a file part */
    bool answered;   /* refused before its body was read (web_route_admit) */
    size_t body_bytes;
    size_t body_max; /* what the route and the session allow */
} conn_t;

static enum MHD_Result collect_field(void *cls, enum MHD_ValueKind kind, const char *key,
                                     const char *filename, const char *type,
                                     const char *encoding, const char *data, uint64_t off,
                                     size_t size)
{
    (void)kind, (void)type, (void)encoding;
    conn_t *cn = cls;
    web_req_t *r = &cn->req;
    /* a multipart part whose Content-Disposition names no field comes with
     * no key (found by tests/fuzz/fuzz_multipart.c: it crashed the server) */
    if (!key) {
        cn->bad_body = true;
        return MHD_NO;
    }
    if (!filename && memchr(data, 0, size)) /* a file's bytes may hold NULs; a field's not */
        cn->nul_field = true;
    web_field_t *f = r->nfields ? &r->fields[r->nfields - 1] : NULL;
    /* A piece continues the last field when it has its name and either comes
     * after its start (off > 0) or the field is still empty: MHD may hand a
     * part's start over as an empty piece and then its bytes, again at
     * offset 0 (a form sent in several writes lost a field that way). */
    bool continues = f && strcmp(f->name, key) == 0 &&
                     (off > 0 || (f->len == 0 && !f->filename == !filename));
    if (!continues) {
        if (r->nfields == WEB_FIELDS_MAX) {
            cn->bad_body = true;
            return MHD_NO;
        }
        f = &r->fields[r->nfields++];
        *f = (web_field_t){.name = arena_strdup(&r->arena, key), .value = ""};
        if (filename)
            f->filename = arena_strdup(&r->arena, filename);
    }
    if (f->filename) {
        if (!upload_field_append(f, data, size)) {
            cn->spool_full = true;
            return MHD_NO;
        }
        return MHD_YES;
    }
    /* a file arrives in many small pieces: grow by doubling, not by each
     * piece (that copied the whole value every time: quadratic time, and
     * gigabytes of arena for a 25 MB upload) */
    if (f->len + size + 1 > f->cap) {
        size_t cap = f->cap ? 2 * f->cap : 256;
        while (cap < f->len + size + 1)
            cap *= 2;
        char *v = arena_alloc_raw(&r->arena, cap);
        memcpy(v, f->value, f->len);
        f->value = v;
        f->cap = cap;
    }
    memcpy(f->value + f->len, data, size);
    f->len += size;
    f->value[f->len] = 0;
    return MHD_YES;
}

static bool is_json(const char *type)
{
    return type && strncmp(type, "application/json", 16) == 0;
}

/* MHD decodes "%00" in a urlencoded form and hands the field over cut at
 * the NUL, so the encoded body is watched for it (pct carries a '%' or "%0"
 * from one piece to the next). */
static void urlencoded_scan_nul(conn_t *cn, const char *data, size_t size)
{
    for (size_t i = 0; i < size; i++) {
        if (cn->pct == 2 && data[i] == '0')
            cn->nul_field = true;
        cn->pct = data[i] == '%' ? 1 : cn->pct == 1 && data[i] == '0' ? 2 : 0;
    }
}

/* Content-Length together with Transfer-Encoding, or two Content-Lengths
 * that differ: a proxy in front may read the request's end elsewhere than
 * MHD does (request smuggling), so such a request is refused outright. */
typedef struct {
    const char *length; /* the first Content-Length */
    bool chunked, differ;
} framing_t;

static enum MHD_Result framing_header(void *cls, enum MHD_ValueKind kind, const char *key,
                                      const char *value)
{
    (void)kind;
    framing_t *f = cls;
    if (strcasecmp(key, "Transfer-Encoding") == 0)
        f->chunked = true;
    else if (strcasecmp(key, "Content-Length") == 0) {
        if (f->length && strcmp(f->length, value ? value : "") != 0)
            f->differ = true;
        if (!f->length)
            f->length = value ? value : "";
    }
    return MHD_YES;
}

static bool framing_ambiguous(struct MHD_Connection *c)
{
    framing_t f = {0};
    MHD_get_connection_values(c, MHD_HEADER_KIND, framing_header, &f);
    return f.differ || (f.length && f.chunked);
}

static void conn_body(conn_t *cn, struct MHD_Connection *c, const char *data, size_t size)
{
    cn->body_bytes += size;
    if (cn->too_large || cn->bad_body || cn->spool_full)
        return;
    if (cn->body_bytes > cn->body_max) {
        cn->too_large = true;
        return;
    }
    const char *type = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Type");
    if (is_json(type)) {
        buf_append(&cn->raw, data, size);
        return;
    }
    if (!type || strncasecmp(type, "multipart/", 10) != 0)
        urlencoded_scan_nul(cn, data, size);
    if (!cn->pp)
        cn->pp = MHD_create_post_processor(c, POST_BUFFER, collect_field, cn);
    if (!cn->pp || MHD_post_process(cn->pp, data, size) != MHD_YES)
        cn->bad_body = !cn->spool_full;
}

static void conn_free(conn_t *cn)
{
    if (cn->pp)
        MHD_destroy_post_processor(cn->pp);
    for (size_t i = 0; i < cn->req.nfields; i++)
        upload_field_free(&cn->req.fields[i]);
    buf_free(&cn->raw);
    if (cn->req.body)
        json_decref(cn->req.body);
    arena_free(&cn->req.arena);
    free(cn);
}

/* Requests begun and not yet answered (or abandoned): a stop waits for them. */
static atomic_int in_flight;

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                         enum MHD_RequestTerminationCode code)
{
    (void)cls, (void)c, (void)code;
    if (*con_cls) {
        conn_free(*con_cls);
        atomic_fetch_sub(&in_flight, 1);
    }
    *con_cls = NULL;
}

/* Headers every answer carries: what the browser may load and do. */
static void add_security_headers(struct MHD_Response *resp)
{
    MHD_add_response_header(resp, "Content-Security-Policy",
                            "default-src 'none'; style-src 'self'; script-src 'self'; "
                            "img-src 'self' data:; form-action 'self'; base-uri 'none'; "
                            "frame-ancestors 'none'");
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(resp, "X-Frame-Options", "DENY");
    MHD_add_response_header(resp, "Referrer-Policy", "same-origin");
    MHD_add_response_header(resp, "Cross-Origin-Opener-Policy", "same-origin");
}

static struct MHD_Response *make_response(const web_req_t *r, const web_answer_t *a)
{
    /* a rendered page's bytes are handed over (owned) and freed by MHD; other
     * bodies are copied: they live in the request's arena, and the response
     * may outlive it; a file is sent from the kernel's cache (sendfile) and
     * closed by MHD */
    struct MHD_Response *resp =
        a->from_fd ? MHD_create_response_from_fd(a->len, a->fd)
        : a->owned ? MHD_create_response_from_buffer(a->len, (void *)a->body,
                                                     MHD_RESPMEM_MUST_FREE)
                   : MHD_create_response_from_buffer(a->len, (void *)a->body,
                                                     MHD_RESPMEM_MUST_COPY);
    if (!resp && a->from_fd) {
        close(a->fd);
        static const char gone[] = "the file cannot be sent\n";
        resp = MHD_create_response_from_buffer(sizeof gone - 1, (void *)gone,
                                               MHD_RESPMEM_PERSISTENT);
    }
    add_security_headers(resp);
    MHD_add_response_header(resp, "Content-Type", a->content_type);
    if (a->location)
        MHD_add_response_header(resp, "Location", a->location);
    if (a->disposition)
        MHD_add_response_header(resp, "Content-Disposition", a->disposition);
    MHD_add_response_header(resp, "Cache-Control",
                            a->cache_control ? a->cache_control
                            : a->cacheable   ? "public, max-age=60"
                                             : "no-store");
    if (a->etag)
        MHD_add_response_header(resp, "ETag", a->etag);
    if (a->link)
        MHD_add_response_header(resp, "Link", a->link);
    if (a->last_modified) {
        char lm[40];
        time_t t = (time_t)a->last_modified;
        struct tm tm;
        gmtime_r(&t, &tm);
        strftime(lm, sizeof lm, "%a, %d %b %Y %H:%M:%S GMT", &tm);
        MHD_add_response_header(resp, "Last-Modified", lm);
    }
    /* a public read may be read by a page of any site: it holds nothing a
     * cookie unlocks (signed-in answers never get this) */
    if (a->cors) {
        MHD_add_response_header(resp, "Access-Control-Allow-Origin", "*");
        MHD_add_response_header(resp, "Access-Control-Expose-Headers",
                                "ETag, Last-Modified, Link, Content-Disposition");
    }
    /* a preflight (router.c): only reads, and only the headers a
     * conditional read sends; never credentials */
    if (a->preflight) {
        MHD_add_response_header(resp, "Access-Control-Allow-Methods", "GET, HEAD");
        MHD_add_response_header(resp, "Access-Control-Allow-Headers",
                                "If-None-Match, If-Modified-Since, Accept-Language");
        MHD_add_response_header(resp, "Access-Control-Max-Age", "86400");
    }
    /* every answer: a browser that kept the public page must not show it
     * again once its user has signed in (the cookie changed); the API's
     * language may come from Accept-Language */
    MHD_add_response_header(resp, "Vary", "Cookie, Accept-Language");
    for (size_t i = 0; i < r->ncookies; i++)
        MHD_add_response_header(resp, "Set-Cookie", r->set_cookie[i]);
    return resp;
}

static const char *client_address(struct MHD_Connection *c, arena_t *a)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    char addr[INET6_ADDRSTRLEN] = "?";
    if (ci && ci->client_addr) {
        const struct sockaddr *sa = ci->client_addr;
        if (sa->sa_family == AF_INET)
            inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, addr, sizeof addr);
        else if (sa->sa_family == AF_INET6)
            inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, addr,
                      sizeof addr);
    }
    /* behind a trusted proxy, the address it says it saw (client_addr.h) */
    return client_address_real(&web_app->proxies, addr,
                               MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-Forwarded-For"),
                               a);
}

/* Refuses a request and closes its connection: what follows on it cannot be
 * told apart from this request's body. */
static int answer_close(struct MHD_Connection *c, int status, const char *text)
{
    struct MHD_Response *resp =
        MHD_create_response_from_buffer(strlen(text), (void *)text, MHD_RESPMEM_PERSISTENT);
    add_security_headers(resp);
    MHD_add_response_header(resp, "Content-Type", "application/json");
    MHD_add_response_header(resp, "Connection", "close");
    int ret = MHD_queue_response(c, (unsigned)status, resp);
    MHD_destroy_response(resp);
    return ret;
}

static int answer_simple(struct MHD_Connection *c, int status, const char *text)
{
    struct MHD_Response *resp =
        MHD_create_response_from_buffer(strlen(text), (void *)text, MHD_RESPMEM_PERSISTENT);
    add_security_headers(resp);
    MHD_add_response_header(resp, "Content-Type", "application/json");
    int ret = MHD_queue_response(c, (unsigned)status, resp);
    MHD_destroy_response(resp);
    return ret;
}

/* Appends the n bytes of s with the characters that would change a query's
 * meaning escaped, and NUL bytes too: handlers refuse a parameter that
 * carries one (web_query), so it must not be cut short here. */
static void query_encode(buf_t *b, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        buf_printf(b, strchr("&=%+#", s[i]) || (unsigned char)s[i] < 0x21 ? "%%%02X" : "%c",
                   (unsigned char)s[i]);
}

/* The query parameters some public page reads (web_query): the only ones an
 * answer from the cache may depend on. A new one read by a public page must
 * be named here, or anonymous visitors never see it applied. */
static const char *const known_params[] = {
    "as_of", "flag", "from", "group", "item", "kind", "lang", "limit", "msg", "next",
    "offset", "org", "page", "per_page", "provider", "q", "region", "since", "sort", "state",
    "status", "theme", "to", "view", "w",
};

static bool param_known(const char *key)
{
    for (size_t i = 0; i < sizeof known_params / sizeof *known_params; i++)
        if (strcmp(key, known_params[i]) == 0)
            return true;
    return false;
}

typedef struct {
    buf_t b;
    bool known_only; /* leave out the parameters no page reads */
} url_build_t;

static enum MHD_Result add_arg(void *cls, enum MHD_ValueKind kind, const char *key,
                               size_t key_size, const char *value, size_t value_size)
{
    (void)kind;
    url_build_t *u = cls;
    buf_t *b = &u->b;
    if (u->known_only && (strlen(key) != key_size || !param_known(key)))
        return MHD_YES;
    buf_putc(b, b->len ? '&' : '?');
    query_encode(b, key, key_size);
    if (value) {
        buf_putc(b, '=');
        query_encode(b, value, value_size);
    }
    return MHD_YES;
}

/* The full URL with its query string, as the router wants it (MHD hands the
 * path and the decoded arguments apart); with known_only, the parameters
 * no page reads are left out. */
static char *full_url(struct MHD_Connection *c, const char *url, bool known_only, arena_t *a)
{
    url_build_t u = {.known_only = known_only};
    buf_init(&u.b, 64 * 1024);
    MHD_get_connection_values_n(c, MHD_GET_ARGUMENT_KIND, add_arg, &u);
    char *out = arena_alloc(a, strlen(url) + u.b.len + 1);
    memcpy(out, url, strlen(url));
    memcpy(out + strlen(url), buf_str(&u.b), u.b.len + 1);
    buf_free(&u.b);
    return out;
}

/* Whether the request may be answered from the cache: a public GET without
 * a session cookie. */
static bool cache_eligible(struct MHD_Connection *c, const char *method)
{
    if (strcmp(method, "GET") != 0)
        return false;
    const char *cookie = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Cookie");
    /* a bearer token is checked on every call, and its user may see more */
    return !(cookie && strstr(cookie, "r1540_session=")) &&
           !MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Authorization");
}

/* The cache key of an eligible request. It holds what else the answer
 * depends on: the URL with its known query parameters (filters, ?lang=; the
 * others are left out of the URL the router sees too, so that made-up ones
 * cannot make every answer new), the language an unprefixed URL would get,
 * and today's date (the review dashboard's default as-of date is today: its
 * answers must not outlive the day). */
static char *cache_key(struct MHD_Connection *c, const char *url, arena_t *a)
{
    const char *cookie = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Cookie");
    lang_t l = web_pick_lang(cookie, MHD_lookup_connection_value(c, MHD_HEADER_KIND,
                                                                   "Accept-Language"));
    char today[11];
    date_today(today);
    size_t n = strlen(url) + 24;
    char *k = arena_alloc(a, n);
    snprintf(k, n, "%s|%d|%s", url, (int)l, today);
    return k;
}

static int answer_too_large(struct MHD_Connection *c)
{
    return answer_simple(c, 413,
                         "{\"error\":{\"status\":413,\"code\":\"too-large\","
                         "\"message\":\"the request body is too large\"}}\n");
}

/* Whether a body follows the headers (Content-Length or chunked). */
static bool has_body(struct MHD_Connection *c)
{
    const char *len = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
    return (len && strcmp(len, "0") != 0) ||
           MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Transfer-Encoding");
}

/* Before the body is read: the route, the session and the authorization
 * decide how much body the request may send (web_route_admit). A refused
 * request, or one whose Content-Length is already too large, is answered
 * at once and its body never read (MHD then closes the connection). */
static int admit(conn_t *cn, struct MHD_Connection *c, const char *url, const char *method)
{
    web_req_t probe = {.arena = ARENA_INIT, .method = method};
    probe.client = client_address(c, &probe.arena);
    web_headers_t h = {
        .cookie = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Cookie"),
        .accept_language = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Accept-Language"),
        .authorization = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Authorization"),
    };
    web_answer_t a = {0};
    int ret = MHD_YES;
    if (!web_route_admit(&probe, full_url(c, url, false, &probe.arena), &h, &a,
                         &cn->body_max)) {
        struct MHD_Response *resp = make_response(&probe, &a);
        ret = MHD_queue_response(c, (unsigned)a.status, resp);
        MHD_destroy_response(resp);
        cn->answered = true;
    } else {
        const char *len = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
        char *end;
        unsigned long long n = len ? strtoull(len, &end, 10) : 0;
        if (len && (*end || n > cn->body_max)) {
            ret = answer_too_large(c);
            cn->answered = true;
        }
    }
    arena_free(&probe.arena);
    return ret;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version,
                                  const char *upload, size_t *upload_size, void **con_cls)
{
    (void)cls, (void)version;
    conn_t *cn = *con_cls;
    if (!cn && framing_ambiguous(c))
        return answer_close(c, 400,
                            "{\"error\":{\"status\":400,\"code\":\"bad-request\","
                            "\"message\":\"ambiguous message framing\"}}\n");
    if (!cn) {
        cn = xcalloc(1, sizeof *cn);
        atomic_fetch_add(&in_flight, 1);
        cn->req.arena = (arena_t)ARENA_INIT;
        buf_init(&cn->raw, WEB_FORM_MAX);
        *con_cls = cn;
        return has_body(c) ? admit(cn, c, url, method) : MHD_YES;
    }
    if (cn->answered) {
        *upload_size = 0;
        return MHD_YES;
    }
    if (*upload_size) {
        conn_body(cn, c, upload, *upload_size);
        *upload_size = 0;
        return MHD_YES;
    }
    if (cn->too_large)
        return answer_too_large(c);
    if (cn->spool_full)
        return answer_simple(c, 503,
                             "{\"error\":{\"status\":503,\"code\":\"unavailable\","
                             "\"message\":\"too many uploads at once; try again later\"}}\n");
    web_req_t *r = &cn->req;
    for (size_t i = 0; i < r->nfields; i++)
        if (!upload_field_finish(&r->fields[i]))
            return answer_simple(c, 503,
                                 "{\"error\":{\"status\":503,\"code\":\"unavailable\","
                                 "\"message\":\"the upload cannot be read back\"}}\n");
    bool eligible = cache_eligible(c, method);
    const char *full = full_url(c, url, eligible, &r->arena);
    char *key = eligible ? cache_key(c, full, &r->arena) : NULL;
    const char *inm = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "If-None-Match");
    const char *ims = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "If-Modified-Since");
    /* a conditional request goes to the router, which answers 304 without
     * building the answer; the cache would send the whole body */
    if (key && !inm && !ims) {
        data_check_recent();
        int served;
        int ret = cache_serve(c, key, &served);
        if (served)
            return ret;
    }
    if (cn->nul_field)
        return answer_simple(c, 422,
                             "{\"error\":{\"status\":422,\"code\":\"invalid\","
                             "\"message\":\"a form field holds a NUL byte\"}}\n");
    if (cn->bad_body)
        return answer_simple(c, 400,
                             "{\"error\":{\"status\":400,\"code\":\"bad-body\","
                             "\"message\":\"the request body cannot be read\"}}\n");
    r->method = method;
    r->client = client_address(c, &r->arena);
    web_headers_t h = {
        .cookie = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Cookie"),
        .accept_language = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Accept-Language"),
        .csrf = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-CSRF-Token"),
        .if_none_match = inm,
        .if_modified_since = ims,
        .authorization = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Authorization"),
    };
    if (cn->raw.len) {
        json_error_t je;
        r->body = json_loadb(cn->raw.data, cn->raw.len, JSON_REJECT_DUPLICATES, &je);
        if (!r->body || !json_is_object(r->body))
            return answer_simple(c, 400,
                                 "{\"error\":{\"status\":400,\"code\":\"bad-json\","
                                 "\"message\":\"the body is not a JSON object\"}}\n");
    }
    long long generation = atomic_load(&data_generation);
    web_answer_t a = {0};
    web_route(r, full, &h, &a);
    struct MHD_Response *resp = make_response(r, &a);
    int ret = MHD_queue_response(c, (unsigned)a.status, resp);
    /* an answer built in the second of the last change has no Last-Modified
     * yet (conditional.h); kept, it would be sent without one for as long as
     * the data stays the same */
    if (key && a.cacheable && !a.from_fd && a.status == 200 && a.len <= CACHE_BODY_MAX &&
        (a.last_modified || !a.etag))
        cache_put(key, generation, resp, a.len);
    else
        MHD_destroy_response(resp);
    return ret;
}

/* ---- start and stop ------------------------------------------------------ */

static rc_t parse_listen(const char *listen, struct sockaddr_in *sa, err_t *e)
{
    char host[64];
    const char *colon = strrchr(listen, ':');
    if (!colon || (size_t)(colon - listen) >= sizeof host)
        return err_set(e, RC_USAGE, "--listen '%s': expected ADDR:PORT", listen);
    memcpy(host, listen, (size_t)(colon - listen));
    host[colon - listen] = 0;
    char *end;
    long port = strtol(colon + 1, &end, 10);
    if (*end || port < 0 || port > 65535 || end == colon + 1)
        return err_set(e, RC_USAGE, "--listen '%s': the port must be 0 to 65535", listen);
    *sa = (struct sockaddr_in){.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    if (inet_pton(AF_INET, host, &sa->sin_addr) != 1)
        return err_set(e, RC_USAGE, "--listen '%s': '%s' is not an IPv4 address", listen,
                       host);
    return RC_OK;
}

/* MHD decodes %00 to a NUL that ends the string early, so that
 * "/download/pdf%00.html" reached the router as "/download/pdf". A path (the
 * one string here that starts with "/") holding an encoded NUL is left as
 * sent, so it matches no route. Query values keep MHD's decoding: web_query
 * sees their true length and treats one holding a NUL as absent. */
static size_t unescape_no_nul(void *cls, struct MHD_Connection *c, char *s)
{
    (void)cls;
    (void)c;
    if (s[0] == '/' && strstr(s, "%00"))
        return strlen(s);
    return MHD_http_unescape(s);
}

rc_t web_serve(web_app_t *app, err_t *e)
{
    web_app = app;
    unsigned char nonce[8];
    randombytes_buf(nonce, sizeof nonce);
    sodium_bin2hex(boot_nonce, sizeof boot_nonce, nonce, sizeof nonce);
    atomic_store(&data_changed_at, (long long)time(NULL));
    err_t se = {0};
    if (store_open(app->db_path, store_mode(), &sentinel, &se) != RC_OK ||
        store_change_counter(sentinel, &sentinel_seen, &se) != RC_OK) {
        store_close(sentinel); /* no sentinel: every first look counts as a change */
        sentinel = NULL;
    }
    struct sockaddr_in sa;
    rc_t rc = parse_listen(app->listen, &sa, e);
    if (rc != RC_OK) {
        store_close(sentinel);
        sentinel = NULL;
        return rc;
    }
    /* the workers inherit this mask, so only sigwait below sees the signals */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    signal(SIGPIPE, SIG_IGN);
    if (app->upload_budget > 0)
        upload_budget_set((size_t)app->upload_budget);
    /* a page is built in many small blocks and one large one (the rendered
     * bytes, up to a few hundred KB): glibc would map and unmap the large one
     * and give the freed top of the heap back on every request; kept, the
     * next request reuses them (a tenth of a signed-in page's time) */
    mallopt(M_MMAP_THRESHOLD, 8 << 20);
    mallopt(M_TRIM_THRESHOLD, 32 << 20);
    /* and with fast bins, each allocation of a KB or more (jansson's tables,
     * growing buffers) first consolidated them: the thread caches serve the
     * small blocks as well */
    mallopt(M_MXFAST, 0);
    struct MHD_Daemon *d = MHD_start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_TURBO | MHD_USE_ITC, 0, NULL, NULL,
        on_request, NULL, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
        MHD_OPTION_THREAD_POOL_SIZE, (unsigned)app->threads, MHD_OPTION_NOTIFY_COMPLETED,
        on_completed, NULL, MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)30,
        MHD_OPTION_CONNECTION_LIMIT, (unsigned)WEB_CONNECTIONS_MAX,
        MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)app->per_address,
        MHD_OPTION_LISTEN_BACKLOG_SIZE, (unsigned)1024, MHD_OPTION_UNESCAPE_CALLBACK,
        unescape_no_nul, NULL, MHD_OPTION_END);
    if (!d) {
        store_close(sentinel);
        sentinel = NULL;
    }
    if (!d)
        return err_set(e, RC_FAIL, "cannot listen on %s (in use, or not an address here?)",
                       app->listen);
    /* its first notice (on listening) moves the generation: what was cached
     * before it listened is not trusted */
    change_listen_start(app->db_path, store_mode(), web_data_changed);
    const union MHD_DaemonInfo *di = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    char addr[INET_ADDRSTRLEN];
    inet_ntop(AF_INET, &sa.sin_addr, addr, sizeof addr);
    printf("r1540 serving http://%s:%u/ (%d threads); stop with Ctrl-C or SIGTERM\n", addr,
           di ? di->port : 0, app->threads);
    fflush(stdout);
    int sig = 0;
    sigwait(&stop, &sig);
    printf("r1540: %s received, finishing requests in flight\n",
           sig == SIGTERM ? "SIGTERM" : "SIGINT");
    fflush(stdout);
    /* no new connections; the requests in flight are answered before the
     * daemon stops (MHD_stop_daemon alone would close their connections) */
    MHD_socket lsock = MHD_quiesce_daemon(d);
    if (lsock != MHD_INVALID_SOCKET)
        close(lsock);
    for (int waited = 0; atomic_load(&in_flight) > 0 && waited < 60 * 50; waited++)
        nanosleep(&(struct timespec){0, 20 * 1000 * 1000}, NULL);
    MHD_stop_daemon(d);
    change_listen_stop(); /* before the sentinel goes: it calls web_data_changed */
    cache_clear();
    store_close(sentinel);
    sentinel = NULL;
    web_review_cache_clear();
    opendata_clear();
    return RC_OK;
}
