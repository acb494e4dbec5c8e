/*
 * One HTTP request as the handlers see it: the decoded path and its
 * arguments, the language, the signed-in user (if any), the form or JSON
 * body, and what the handler answers (a model to render or serialize, a
 * redirect, a file, or an error). Everything lives in the request's arena.
 */
#ifndef R1540_WEB_REQUEST_H
#define R1540_WEB_REQUEST_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "../util/lang.h"
#include "../core/token.h"
#include "../core/user.h"
#include "../store/store.h"
#include "../util/buf.h"
#include "../util/err.h"
#include "../util/mem.h"

#define WEB_ARGS_MAX 4
#define WEB_FIELDS_MAX 256 /* a multiple select sends one field per choice */

typedef struct {
    char *name;
    char *value; /* NUL-terminated; may hold NULs when it is a file */
    size_t len;
    size_t cap;     /* bytes allocated for value (it grows geometrically) */
    char *filename; /* a multipart file part's name; NULL otherwise */
    bool spooled;   /* a file part: its bytes went to spool_fd (upload.c), cap
                     * counts them against the upload budget */
    bool mapped;    /* value maps the spool (len + 1 bytes) */
    int spool_fd;
} web_field_t;

typedef struct web_req {
    arena_t arena;
    store_t *st;
    const char *method;
    const char *path;      /* after the language or /api/v1/ prefix, no leading '/' */
    const char *query;     /* the raw query string, "" if none */
    const char *client;    /* the peer's address, for rate limits and the audit log */
    const char *cookie_header; /* the raw Cookie header, or NULL */
    const char *args[WEB_ARGS_MAX];
    lang_t lang;
    bool api;
    user_t *user;       /* NULL for the public */
    session_t *session; /* NULL for the public and for API tokens */
    const api_token_t *token; /* the API token the request came with (bearer.h), or NULL */
    web_field_t fields[WEB_FIELDS_MAX];
    size_t nfields;
    json_t *body; /* an API call's JSON object body, or NULL */

    /* the answer */
    int status;           /* 0 means 200 (or 303 with a redirect) */
    char *redirect;       /* HTML: path after /<lang>/ to go to after a change */
    const char *page;     /* HTML: a template to render instead of the route's
                           * (a form shown again with its error; status set) */
    char *flash;          /* a message for the next page ("Report uploaded") */
    const char *download; /* a file: its bytes in file / file_len */
    const void *file;
    size_t file_len;
    bool file_is_fd; /* the file is the open file_fd (file_len bytes), sent by
                      * the server from the kernel's cache and closed after */
    int file_fd;
    const char *file_type;
    const char *set_cookie[4];
    size_t ncookies;
    bool no_cache; /* the answer depends on who asks */
    long long list_page, per_page; /* a list call's page (paging.h) */
    bool paged;                    /* ?page= or ?per_page= was given */
    const char *link;         /* the Link header of a list call's page, or NULL */
} web_req_t;

/* A form field or JSON body member as a string; NULL when absent. */
const char *web_param(web_req_t *r, const char *name);
/* All values of a repeated form field (a multiple select), or a JSON body
 * member that is an array of strings or a string, joined by commas; "" when
 * absent (a form's empty multiple select sends nothing). NULL when malformed:
 * a value with a NUL or a comma, a JSON array with anything but strings, a
 * member of another type. */
const char *web_param_list(web_req_t *r, const char *name);
/* The same, with its length (files and strings with NULs). */
const char *web_param_len(web_req_t *r, const char *name, size_t *len);
/* The uploaded file of a multipart field; NULL when there is none. */
const web_field_t *web_file(web_req_t *r, const char *name);
/* A query-string parameter, decoded; NULL when absent. */
const char *web_query(web_req_t *r, const char *name);
/* A record id from a URL argument or field: 1 .. 2^53 in decimal; 0 otherwise. */
long long web_id(const char *s);
/* Sets an error status with a message and returns rc for the handler to pass on. */
rc_t web_fail(web_req_t *r, err_t *e, int status, rc_t rc, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
/* web_fail for one wrong field: the message (msgid, translated into the
 * request's language) goes next to that field when the form is shown again. */
rc_t web_fail_field(web_req_t *r, err_t *e, int status, rc_t rc, const char *field,
                    const char *msgid);
/* Adds a Set-Cookie header value to the answer. */
void web_cookie(web_req_t *r, const char *cookie);
/* The translation of msgid in the request's language. */
const char *web_tr(web_req_t *r, const char *msgid);

#endif
