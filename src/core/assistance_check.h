/*
 * Checks of assistance records, for every way in (the app layer, imports, the
 * demo): the items are items of the current template, the themes are theme
 * keys, and the record's own fields are valid (assistance.h). The known codes
 * are loaded from the store by io/assistance_codes.h; unknown states and
 * providers are refused by the store itself.
 */
#ifndef R1540_CORE_ASSISTANCE_CHECK_H
#define R1540_CORE_ASSISTANCE_CHECK_H

#include "../util/err.h"
#include "assistance.h"

/* The known item ids and theme keys, sorted; load once, check many. */
typedef struct {
    const char **items;
    size_t nitems;
    const char **themes;
    size_t nthemes;
} assistance_codes_t;

/* strcmp on two `const char *` elements: the order of the sets (qsort, bsearch). */
int assistance_code_cmp(const void *a, const void *b);
/* RC_INPUT (invalid field) or RC_NOTFOUND (unknown item or theme), naming it. */
rc_t assistance_request_check(const assistance_codes_t *c, const assistance_request_t *r, err_t *e);
rc_t assistance_offer_check(const assistance_codes_t *c, const assistance_offer_t *o, err_t *e);

#endif
