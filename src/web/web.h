/*
 * The web side of r1540: what the server, the router and the handlers share.
 *
 *   server.c    libmicrohttpd: connections, bodies, responses, graceful stop
 *   router.c    the route table, sessions, authorization, CSRF, rendering
 *   session.c   sign-in, cookies, CSRF tokens, rate limits
 *   h_*.c       the handlers, one file per area (public, workspace, users)
 */
#ifndef R1540_WEB_WEB_H
#define R1540_WEB_WEB_H

#include <stdbool.h>

#include "../store/store.h"
#include "client_addr.h"
#include "request.h"
#include "tmpl.h"

typedef struct {
    const char *db_path;
    const char *data_dir; /* reference data and data/po catalogs */
    const char *web_dir;  /* web/templates and web/static */
    const char *listen;   /* ADDR:PORT */
    int threads;
    bool secure_cookies; /* behind TLS: cookies get the Secure flag */
    tmpl_set_t *tmpl;
    long long max_upload; /* bytes of an uploaded document */
    client_proxies_t proxies; /* --trusted-proxy: whose X-Forwarded-For is believed */
    int per_address;      /* connections at once from one address; 0: no limit */
    long long upload_budget; /* bytes of all uploads in flight together, on disk */
    bool read_only;          /* --read-only: public reads only; the server writes nothing */
    const char *primary;     /* --primary: the read-write site's URL, linked from
                              * the read-only refusals; NULL none */
} web_app_t;

#define WEB_CONNECTIONS_MAX 2000 /* connections at once, from everyone */
#define WEB_PER_ADDRESS_DEFAULT 256

/* The running server's settings, read-only while it runs. */
extern web_app_t *web_app;

/* Runs the server until SIGINT or SIGTERM; requests in flight finish first. */
rc_t web_serve(web_app_t *app, err_t *e);

/* The thread's own database connection (SQLite connections are not shared
 * between threads); opened on first use, closed when the thread ends. */
rc_t web_store(store_t **out, err_t *e);

/* Called after this process committed a change: cached pages are stale. */
void web_data_changed(void);
/* Compares the connection's data version with the last seen one, to notice
 * changes committed by other processes (a CLI import, say). */
void web_data_check(store_t *st);
/* The current data generation: it moves whenever cached answers go stale. */
long long web_data_generation(void);
/* When this process last saw the data generation move (Unix seconds; the
 * server's start at first): the Last-Modified of public answers. */
long long web_data_changed_at(void);
/* 16 hex digits drawn at the server's start: the generation restarts with
 * the process, so ETags carry this too (conditional.c). */
const char *web_boot_nonce(void);

/* ---- router.c: called by server.c for each complete request ---- */
typedef struct {
    int status;
    const char *content_type;
    const void *body;
    size_t len;
    bool cacheable; /* public and the same for everyone who asks this URL */
    const char *location;
    const char *disposition; /* Content-Disposition of a download */
    bool from_fd;            /* the body is the open file fd (len bytes), not body */
    int fd;
    bool owned; /* body is malloc'd and handed to the response (a rendered page:
                 * not copied twice, as an arena copy and again by MHD) */
    const char *etag;          /* a public read's validator (conditional.h); NULL none */
    long long last_modified;   /* Unix seconds; 0 none */
    const char *cache_control; /* NULL: "no-store" */
    bool cors;                 /* a public read: Access-Control-Allow-Origin: * */
    bool preflight;            /* a CORS preflight's answer: Allow-Methods GET, HEAD */
    const char *link;          /* a list call's Link header (paging.h); NULL none */
} web_answer_t;

typedef struct {
    const char *cookie;
    const char *accept_language;
    const char *csrf; /* X-CSRF-Token, for API calls */
    const char *if_none_match;     /* conditional GETs (conditional.h) */
    const char *authorization;     /* an API call's bearer token (bearer.h) */
    const char *if_modified_since;
} web_headers_t;

/* The largest body of a signed-in user's form or JSON call, and of anyone
 * else's request (the sign-in form is the only public POST: a few hundred
 * bytes). An upload route takes web_app->max_upload more. */
#define WEB_FORM_MAX ((size_t)1 << 20)
#define WEB_ANON_BODY_MAX ((size_t)16 << 10)

/* Before the body of a request is read: resolves the route and the session
 * and checks the authorization, so that nobody can make the server hold a
 * body for a route they may not use. Returns false with the refusal in out
 * (401, 403 or the sign-in redirect, as web_route would answer); else true
 * with *body_max, the most bytes the body may have (an unknown route gets
 * WEB_ANON_BODY_MAX and its 404 or 405 from web_route). r is scratch: the
 * caller routes the whole request later with its own web_req_t. */
bool web_route_admit(web_req_t *r, const char *url, const web_headers_t *h,
                     web_answer_t *out, size_t *body_max);

/* Answers one request; the answer's bytes live in r's arena. */
void web_route(web_req_t *r, const char *url, const web_headers_t *h, web_answer_t *out);
/* The language a request without a language prefix gets: the lang cookie,
 * else the first of the six in Accept-Language, else English. */
lang_t web_pick_lang(const char *cookie, const char *accept_language);
/* The value of cookie `name` in a Cookie header, copied into a; NULL if absent. */
char *web_cookie_get(arena_t *a, const char *header, const char *name);

#endif
