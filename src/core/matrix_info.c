/*
 * Web-address sources and OP1 relevant information of matrix entries
 * (matrix_info.h).
 */
#include "matrix_info.h"

#include <string.h>

#include "../util/date.h"
#include "../util/text.h"
#include "../util/weburl.h"

const char *const matrix_info_date_names[INFO_DATE_COUNT] = {"signed", "ratified", "acceded"};

const char *matrix_str(const char *s)
{
    return s ? s : "";
}

bool matrix_item_op1(const char *item)
{
    return item && strncmp(item, "OP1-", 4) == 0;
}

static bool has_info(const matrix_entry_t *en)
{
    bool any = *matrix_str(en->info) != '\0';
    for (int i = 0; i < INFO_DATE_COUNT; i++)
        any = any || en->info_date[i][0];
    return any;
}

static rc_t dates_validate(const matrix_entry_t *en, err_t *e)
{
    char today[11];
    date_today(today);
    for (int i = 0; i < INFO_DATE_COUNT; i++) {
        const char *d = en->info_date[i];
        if (!*d)
            continue;
        if (strnlen(d, 11) != 10 || !date_valid(d))
            return err_field(e, RC_INPUT, matrix_info_date_names[i], "Give a date as YYYY-MM-DD.",
                             "%s: '%.10s' is not a date (YYYY-MM-DD)", matrix_info_date_names[i], d);
        if (strcmp(d, today) > 0)
            return err_field(e, RC_INPUT, matrix_info_date_names[i], "The date is in the future.",
                             "%s: %s is in the future", matrix_info_date_names[i], d);
    }
    const char *s = en->info_date[INFO_SIGNED], *r = en->info_date[INFO_RATIFIED];
    if (*s && *r && strcmp(s, r) > 0)
        return err_field(e, RC_INPUT, "ratified", "The ratification is before the signature.",
                         "ratified: %s is before the signature (%s)", r, s);
    return RC_OK;
}

rc_t matrix_info_validate(const matrix_entry_t *en, err_t *e)
{
    if (!weburl_ok(en->source_url))
        return err_field(e, RC_INPUT, "source_url",
                         "Give an address starting with http:// or https://, without spaces "
                         "(500 bytes at most).",
                         "source_url: must be an http:// or https:// address of at "
                         "most %d bytes, without spaces", WEBURL_MAX);
    if (!text_single_line_ok(matrix_str(en->info), MATRIX_INFO_MAX))
        return err_field(e, RC_INPUT, "info",
                         "Give the relevant information on one line (500 bytes at most).",
                         "info: must be one line of at most %d bytes", MATRIX_INFO_MAX);
    if (has_info(en) && !matrix_item_op1(en->item))
        return err_field(e, RC_INPUT, "info", "Relevant information belongs to OP1 items only.",
                         "info: relevant information belongs to OP1 items only");
    return dates_validate(en, e);
}

rc_t matrix_info_date_set(matrix_entry_t *en, info_date_t d, const char *s, err_t *e)
{
    s = matrix_str(s);
    if (strnlen(s, sizeof en->info_date[d]) >= sizeof en->info_date[d])
        return err_field(e, RC_INPUT, matrix_info_date_names[d], "Give a date as YYYY-MM-DD.",
                         "%s: '%.20s' is not a date (YYYY-MM-DD)", matrix_info_date_names[d], s);
    memcpy(en->info_date[d], s, strlen(s) + 1);
    return RC_OK;
}
