/*
 * Assistance records against the template's items and the theme keys (see
 * assistance_check.h); the sets themselves come from io/assistance_codes.c.
 */
#include "assistance_check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int assistance_code_cmp(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Checks that every code of list is in the sorted set; names the first that is not. */
static rc_t codes_known(const char *list, const char **set, size_t n, const char *what, err_t *e)
{
    char code[80];
    for (const char *p = list; p && *p;) {
        size_t m = strcspn(p, ",");
        snprintf(code, sizeof code, "%.*s", (int)(m < sizeof code ? m : sizeof code - 1), p);
        const char *key = code;
        if (!bsearch(&key, set, n, sizeof *set, assistance_code_cmp))
            return err_set(e, RC_NOTFOUND, "%s: unknown %s '%s'", what,
                           strcmp(what, "items") == 0 ? "template item" : "theme", code);
        p += m;
        if (*p)
            p++;
    }
    return RC_OK;
}

rc_t assistance_request_check(const assistance_codes_t *c, const assistance_request_t *r, err_t *e)
{
    rc_t rc = assistance_request_validate(r, e);
    if (rc == RC_OK)
        rc = codes_known(r->items, c->items, c->nitems, "items", e);
    if (rc == RC_OK)
        rc = codes_known(r->themes, c->themes, c->nthemes, "themes", e);
    return rc;
}

rc_t assistance_offer_check(const assistance_codes_t *c, const assistance_offer_t *o, err_t *e)
{
    rc_t rc = assistance_offer_validate(o, e);
    if (rc == RC_OK)
        rc = codes_known(o->items, c->items, c->nitems, "items", e);
    if (rc == RC_OK)
        rc = codes_known(o->themes, c->themes, c->nthemes, "themes", e);
    return rc;
}
