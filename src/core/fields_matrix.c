/*
 * The field tables of the matrix records (fields.h): a version and its
 * entries. The JSON keys and CSV columns are those of docs/formats.md, in its
 * order; a version's number is "version" there and "number" in the store.
 */
#include <stddef.h>

#include "fields.h"
#include "matrix.h"

_Static_assert(sizeof(mark_t) == sizeof(int) && sizeof(mv_status_t) == sizeof(int),
               "fields.c reads enums as int");

static const char *mark_str(int m) { return matrix_mark_str((mark_t)m); }
static const char *status_str(int s) { return matrix_status_str((mv_status_t)s); }

#define T matrix_entry_t
#define INFO_DATE_ROW(n, d)                                                                        \
    {.name = n, .type = FIELD_CODE, .flags = FIELD_JSON_HOOK, .offset = offsetof(T, info_date[d]), \
     .size = sizeof(((T *)0)->info_date[d])}
static const field_t entry_rows[] = {
    FIELD_ROW(T, item, FIELD_TEXT, .flags = FIELD_KEY),
    FIELD_ROW(T, mark, FIELD_ENUM, .enum_str = mark_str, .enum_parse = matrix_mark_parse,
              .why = "must be \"X\", \"?\", \"NA\" or \"\""),
    FIELD_ROW(T, legal_reference, FIELD_TEXT),
    FIELD_ROW(T, source_report, FIELD_REF, .min = 1, .max = 1LL << 53),
    FIELD_ROW(T, page, FIELD_TEXT),
    FIELD_ROW(T, remark, FIELD_TEXT),
    /* template v2 (issue 12): a web-address source, OP1's relevant information
     * and its dates; rules in matrix_info.c, JSON shape in json_export.c */
    FIELD_ROW(T, source_url, FIELD_TEXT, .flags = FIELD_JSON_HOOK),
    FIELD_ROW(T, info, FIELD_TEXT, .flags = FIELD_JSON_HOOK),
    INFO_DATE_ROW("info_signed", INFO_SIGNED),
    INFO_DATE_ROW("info_ratified", INFO_RATIFIED),
    INFO_DATE_ROW("info_acceded", INFO_ACCEDED),
};
#undef INFO_DATE_ROW
#undef T
const field_table_t matrix_entry_fields = {"matrix entry", "matrix_entry", NULL, NULL, entry_rows,
                                           sizeof entry_rows / sizeof *entry_rows};

#define T matrix_version_t
static const field_t version_rows[] = {
    FIELD_ROW(T, id, FIELD_ID, .flags = FIELD_STORE_ONLY),
    FIELD_ROW(T, state, FIELD_CODE),
    {.name = "version", .column = "number", .type = FIELD_INT, FIELD_AT(T, number), .min = 1,
     .max = 1000000},
    FIELD_ROW(T, template_version, FIELD_INT, .min = 1, .max = 1000),
    FIELD_ROW(T, status, FIELD_ENUM, .enum_str = status_str, .enum_parse = matrix_status_parse,
              .why = "must be draft, with-state, approved or published"),
    FIELD_ROW(T, created, FIELD_CODE),
    FIELD_ROW(T, approved, FIELD_CODE),
    FIELD_ROW(T, published, FIELD_CODE),
    FIELD_ROW(T, note, FIELD_TEXT),
};
#undef T
const field_table_t matrix_version_fields = {"matrix version", "matrix_version", NULL, NULL,
                                             version_rows,
                                             sizeof version_rows / sizeof *version_rows};
