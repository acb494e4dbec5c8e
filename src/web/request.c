/*
 * Accessors for the request's fields and helpers for the answer.
 */
#include "request.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/buf.h"
#include "../util/i18n.h"

const char *web_param_len(web_req_t *r, const char *name, size_t *len)
{
    for (size_t i = 0; i < r->nfields; i++)
        if (strcmp(r->fields[i].name, name) == 0 && !r->fields[i].filename) {
            if (len)
                *len = r->fields[i].len;
            return r->fields[i].value;
        }
    json_t *v = r->body ? json_object_get(r->body, name) : NULL;
    if (json_is_string(v)) {
        if (len)
            *len = json_string_length(v);
        return json_string_value(v);
    }
    if (json_is_integer(v)) {
        char num[32];
        snprintf(num, sizeof num, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
        if (len)
            *len = strlen(num);
        return arena_strdup(&r->arena, num);
    }
    return NULL;
}

const char *web_param(web_req_t *r, const char *name)
{
    size_t len;
    const char *v = web_param_len(r, name, &len);
    /* a value with a NUL inside is not a string: refuse it as absent */
    return v && strlen(v) == len ? v : NULL;
}

/* Appends one list value; false if it holds a NUL or a comma. */
static bool list_add(buf_t *b, const char *v, size_t len)
{
    if (strlen(v) != len || memchr(v, ',', len))
        return false;
    if (len)
        buf_printf(b, "%s%s", b->len ? "," : "", v);
    return true;
}

const char *web_param_list(web_req_t *r, const char *name)
{
    buf_t b;
    buf_init(&b, 1u << 20);
    bool found = false, ok = true;
    for (size_t i = 0; i < r->nfields; i++)
        if (strcmp(r->fields[i].name, name) == 0 && !r->fields[i].filename) {
            found = true;
            ok = ok && list_add(&b, r->fields[i].value, r->fields[i].len);
        }
    json_t *v = r->body ? json_object_get(r->body, name) : NULL, *x;
    size_t i;
    if (json_is_string(v)) {
        found = true;
        ok = ok && json_string_length(v) == strlen(json_string_value(v));
        buf_puts(&b, json_string_value(v));
    } else if (json_is_array(v)) {
        found = true;
        json_array_foreach(v, i, x)
            ok = ok && json_is_string(x) &&
                 list_add(&b, json_string_value(x), json_string_length(x));
    } else if (v)
        found = true, ok = false;
    const char *out = !found ? "" : ok && !b.overflow ? arena_strdup(&r->arena, buf_str(&b)) : NULL;
    buf_free(&b);
    return out;
}

const web_field_t *web_file(web_req_t *r, const char *name)
{
    for (size_t i = 0; i < r->nfields; i++)
        if (strcmp(r->fields[i].name, name) == 0 && r->fields[i].filename)
            return &r->fields[i];
    return NULL;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Decodes %XX and '+' of a query value of n bytes into the arena; NULL if
 * the value decodes to a NUL byte (no parameter may carry one). */
static char *query_decode(arena_t *a, const char *s, size_t n)
{
    char *d = arena_alloc_raw(a, n + 1), *o = d;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '+')
            *o++ = ' ';
        else if (s[i] == '%' && i + 2 < n && hexval(s[i + 1]) >= 0 && hexval(s[i + 2]) >= 0) {
            *o = (char)(hexval(s[i + 1]) * 16 + hexval(s[i + 2]));
            if (*o++ == 0)
                return NULL;
            i += 2;
        } else
            *o++ = s[i];
    }
    *o = 0;
    return d;
}

const char *web_query(web_req_t *r, const char *name)
{
    size_t nl = strlen(name);
    const char *p = r->query;
    if (p && *p == '?') /* r->query keeps its '?' (pages rebuild URLs from it) */
        p++;
    while (p && *p) {
        const char *amp = strchr(p, '&');
        size_t len = amp ? (size_t)(amp - p) : strlen(p);
        if (len > nl && strncmp(p, name, nl) == 0 && p[nl] == '=') {
            return query_decode(&r->arena, p + nl + 1, len - nl - 1);
        }
        if (len == nl && strncmp(p, name, nl) == 0)
            return "";
        p = amp ? amp + 1 : NULL;
    }
    return NULL;
}

long long web_id(const char *s)
{
    char *end;
    long long id = s && *s >= '1' && *s <= '9' ? strtoll(s, &end, 10) : 0;
    return id > 0 && id <= (1LL << 53) && !*end ? id : 0;
}

rc_t web_fail(web_req_t *r, err_t *e, int status, rc_t rc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char msg[sizeof e->msg];
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    r->status = status;
    return err_set(e, rc, "%s", msg);
}

rc_t web_fail_field(web_req_t *r, err_t *e, int status, rc_t rc, const char *field,
                    const char *msgid)
{
    r->status = status;
    return err_field(e, rc, field, msgid, "%s", web_tr(r, msgid));
}

void web_cookie(web_req_t *r, const char *cookie)
{
    if (r->ncookies < sizeof r->set_cookie / sizeof *r->set_cookie)
        r->set_cookie[r->ncookies++] = arena_strdup(&r->arena, cookie);
}

const char *web_tr(web_req_t *r, const char *msgid)
{
    return i18n_tr(r->lang, msgid);
}
