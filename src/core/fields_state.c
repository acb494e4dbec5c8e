/*
 * The field table of a state (fields.h): the codes, the groupings, the LDC /
 * LLDC / SIDS flags and the names in the six UN languages, in the order of
 * docs/formats.md.
 */
#include <stddef.h>

#include "fields.h"
#include "state.h"

#define T state_t
static const field_t state_rows[] = {
    FIELD_ROW(T, alpha3, FIELD_CODE, .flags = FIELD_KEY),
    FIELD_ROW(T, alpha2, FIELD_CODE),
    FIELD_ROW(T, numeric, FIELD_CODE),
    FIELD_ROW(T, un_group, FIELD_CODE),
    FIELD_ROW(T, m49_region, FIELD_CODE),
    FIELD_ROW(T, m49_subregion, FIELD_CODE),
    FIELD_ROW(T, m49_intermediate, FIELD_CODE),
    FIELD_ROW(T, ldc, FIELD_BOOL),
    FIELD_ROW(T, lldc, FIELD_BOOL),
    FIELD_ROW(T, sids, FIELD_BOOL),
    {.name = "names", .column = "name", .type = FIELD_NAMES, FIELD_AT(T, name)},
};
#undef T
const field_table_t state_fields = {"state", "state", NULL, NULL, state_rows,
                                    sizeof state_rows / sizeof *state_rows};
