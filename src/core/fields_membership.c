/*
 * The field table of a dated group membership (fields.h). The exported names
 * are docs/formats.md's; the columns avoid SQL's keywords (grp, date_from,
 * date_to).
 */
#include <stddef.h>

#include "fields.h"
#include "membership.h"

#define T membership_t
static const field_t membership_rows[] = {
    FIELD_ROW(T, state, FIELD_CODE, .flags = FIELD_KEY),
    {.name = "group", .column = "grp", .type = FIELD_CODE, .flags = FIELD_KEY, FIELD_AT(T, group)},
    {.name = "from", .column = "date_from", .type = FIELD_CODE, .flags = FIELD_KEY,
     FIELD_AT(T, from)},
    {.name = "to", .column = "date_to", .type = FIELD_CODE, FIELD_AT(T, to)},
    FIELD_ROW(T, source, FIELD_TEXT),
};
#undef T
const field_table_t membership_fields = {"membership", "state_membership", NULL, NULL,
                                         membership_rows,
                                         sizeof membership_rows / sizeof *membership_rows};
