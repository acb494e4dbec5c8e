/*
 * The codes assistance records are checked against, read from the store: the
 * current template's item ids and the theme keys, sorted (the checks
 * themselves are core/assistance_check.h).
 */
#ifndef R1540_IO_ASSISTANCE_CODES_H
#define R1540_IO_ASSISTANCE_CODES_H

#include "../core/assistance_check.h"
#include "../store/store.h"

/* Loads the codes of the store's current template and themes into c (arrays in a). */
rc_t assistance_codes_load(store_t *st, arena_t *a, assistance_codes_t *c, err_t *e);

#endif
