/*
 * Report kinds and metadata validation.
 */
#include "report.h"

#include <ctype.h>
#include <sodium.h>
#include <string.h>

#include "../util/date.h"
#include "../util/text.h"

const char *const report_kinds[] = {"first-report", "additional-information", "action-plan",
                                    "peer-review", "letter"};

const char *report_kind_parse(const char *s)
{
    for (int i = 0; i < REPORT_KIND_COUNT; i++)
        if (s && strcmp(s, report_kinds[i]) == 0)
            return report_kinds[i];
    return NULL;
}

static bool language_ok(const char *l)
{
    size_t n = strlen(l);
    if (n < 2 || n > 3)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!islower((unsigned char)l[i]))
            return false;
    return true;
}

static bool sha_ok(const char *h)
{
    if (strlen(h) != 64)
        return false;
    for (int i = 0; i < 64; i++)
        if (!isxdigit((unsigned char)h[i]) || isupper((unsigned char)h[i]))
            return false;
    return true;
}

rc_t report_validate(const report_t *r, err_t *e)
{
    if (!r->kind)
        return err_field(e, RC_INPUT, "kind", "Choose a kind of report.", "kind: must be one of first-report, additional-information, "
                                   "action-plan, peer-review, letter");
    if (!date_valid(r->date))
        return err_field(e, RC_INPUT, "date", "Give a date as YYYY-MM-DD.", "date: '%s' is not a date (YYYY-MM-DD)", r->date);
    if (strcmp(r->date, "2004-04-28") < 0)
        return err_field(e, RC_INPUT, "date", "The date is before resolution 1540 was adopted (28 April 2004).", "date: %s is before resolution 1540 was adopted (2004-04-28)",
                       r->date);
    char today[11];
    date_today(today);
    if (strcmp(r->date, today) > 0)
        return err_field(e, RC_INPUT, "date", "The date is in the future.", "date: %s is in the future", r->date);
    if (!language_ok(r->language))
        return err_field(e, RC_INPUT, "language", "Choose a language.", "language: '%s' is not an ISO 639 code", r->language);
    if (!r->title || !*r->title || !text_single_line_ok(r->title, REPORT_TITLE_MAX))
        return err_field(e, RC_INPUT, "title", "Give a title of one line (500 bytes at most).", "title: must be 1 to %d bytes of text on one line",
                       REPORT_TITLE_MAX);
    if (r->filename && !text_filename_ok(r->filename))
        return err_field(e, RC_INPUT, "file", "The file name is not a plain file name.", "filename: '%s' is not a plain file name", r->filename);
    if (r->size >= 0 && !sha_ok(r->sha256))
        return err_set(e, RC_INPUT, "sha256: must be 64 lowercase hex digits");
    if (r->size < 0 && (r->sha256[0] || r->filename || r->media_type))
        return err_set(e, RC_INPUT, "size: -1 (no file) goes with no filename, media type "
                                    "or sha256");
    if (r->media_type && (!*r->media_type || !text_single_line_ok(r->media_type, 100)))
        return err_set(e, RC_INPUT, "media_type: must be one line of 1 to 100 bytes");
    return RC_OK;
}

void report_sha256_hex(const void *doc, size_t len, char out[65])
{
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, doc, len);
    sodium_bin2hex(out, 65, h, sizeof h);
}
