/*
 * Checks of assistance records against the store, for every way in (the CLI,
 * imports, the demo): the items are items of the current template, the themes
 * are theme keys, and the record's own fields are valid (core/assistance.h).
 * Unknown states and providers are refused by the store itself.
 */
#ifndef R1540_IO_ASSISTANCE_CHECK_H
#define R1540_IO_ASSISTANCE_CHECK_H

#include "../store/store.h"

/* The known item ids and theme keys, sorted; load once, check many. */
typedef struct {
    const char **items;
    size_t nitems;
    const char **themes;
    size_t nthemes;
} assistance_codes_t;

rc_t assistance_codes_load(store_t *st, arena_t *a, assistance_codes_t *c, err_t *e);
/* RC_INPUT (invalid field) or RC_NOTFOUND (unknown item or theme), naming it. */
rc_t assistance_request_check(const assistance_codes_t *c, const assistance_request_t *r, err_t *e);
rc_t assistance_offer_check(const assistance_codes_t *c, const assistance_offer_t *o, err_t *e);

#endif
