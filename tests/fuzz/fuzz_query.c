/*
 * libFuzzer driver for the decoding of query strings and form fields as the
 * handlers read them (web_query, web_param, web_param_list, web_param_len):
 * the input's first line is the query string, the rest NAME=VALUE fields
 * separated by '&' as the form parser hands them over (VALUE may hold any
 * byte but '&'). Any bytes must decode without a crash or a leak; a decoded
 * query value never holds a NUL, a list is NULL or its values joined.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/web/request.h"

static const char *const names[] = {"status", "theme", "page", "as_of", "lang", "x", ""};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    web_req_t *r = calloc(1, sizeof *r);
    r->arena = (arena_t)ARENA_INIT;
    const char *nl = memchr(data, '\n', size);
    size_t qlen = nl ? (size_t)(nl - (const char *)data) : size;
    r->query = arena_strndup(&r->arena, (const char *)data, qlen);
    const char *p = nl ? nl + 1 : (const char *)data + size, *end = (const char *)data + size;
    while (p < end && r->nfields < WEB_FIELDS_MAX) {
        const char *amp = memchr(p, '&', (size_t)(end - p));
        const char *stop = amp ? amp : end;
        const char *eq = memchr(p, '=', (size_t)(stop - p));
        web_field_t *f = &r->fields[r->nfields++];
        f->name = arena_strndup(&r->arena, p, (size_t)((eq ? eq : stop) - p));
        f->len = eq ? (size_t)(stop - eq - 1) : 0;
        f->value = arena_alloc_raw(&r->arena, f->len + 1); /* NULs and all */
        memcpy(f->value, eq ? eq + 1 : "", f->len);
        f->value[f->len] = 0;
        p = amp ? amp + 1 : end;
    }
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        const char *q = web_query(r, names[i]);
        if (q && strlen(q) > qlen)
            __builtin_trap(); /* decoding never lengthens */
        size_t len;
        const char *v = web_param_len(r, names[i], &len);
        if (v && memchr(v, 0, len) == NULL && strlen(v) != len)
            __builtin_trap();
        (void)web_param(r, names[i]);
        const char *l = web_param_list(r, names[i]);
        if (l && strchr(l, 0) != l + strlen(l))
            __builtin_trap();
    }
    arena_free(&r->arena);
    free(r);
    return 0;
}
