/*
 * A UN member state as r1540 knows it: ISO 3166-1 codes, names in the six
 * languages, its UN regional group, its place in the M49 geoscheme and the
 * LDC / LLDC / SIDS flags. Reference data, loaded by `r1540 init` from data/states.
 */
#ifndef R1540_CORE_STATE_H
#define R1540_CORE_STATE_H

#include <stdbool.h>

#include "../util/lang.h"

typedef struct {
    char alpha2[3];
    char alpha3[4];           /* the key everywhere in the store */
    char numeric[4];          /* ISO 3166-1 numeric = M49 country code */
    char un_group[8];         /* AFR, APG, EEG, GRULAC, WEOG or NONE */
    char m49_region[4];       /* e.g. 002 Africa */
    char m49_subregion[4];    /* e.g. 202 Sub-Saharan Africa */
    char m49_intermediate[4]; /* e.g. 014 Eastern Africa; "" where M49 has none */
    bool ldc, lldc, sids;
    char *name[LANG_COUNT]; /* arena-owned */
} state_t;

/* True for a plausible alpha-2 or alpha-3 code in either case (2 or 3 ASCII letters). */
bool state_code_syntax_ok(const char *code);
/* True for one of the UN regional group codes above. */
bool state_group_valid(const char *group);

#endif
