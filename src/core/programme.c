/*
 * Programme field checks and period overlap (programme.h).
 */
#include "programme.h"

#include <string.h>

#include "../util/date.h"
#include "../util/text.h"
#include "assistance.h"

static rc_t period_check(const programme_t *p, err_t *e)
{
    if (*p->start && !date_valid(p->start))
        return err_field(e, RC_INPUT, "start", "Give a date as YYYY-MM-DD.",
                         "start: '%.20s' is not a date (YYYY-MM-DD)", p->start);
    if (*p->end && !date_valid(p->end))
        return err_field(e, RC_INPUT, "end", "Give a date as YYYY-MM-DD.",
                         "end: '%.20s' is not a date (YYYY-MM-DD)", p->end);
    if (*p->start && *p->end && strcmp(p->start, p->end) > 0)
        return err_field(e, RC_INPUT, "end", "The end is before the start.",
                         "dates: start %s is after end %s", p->start, p->end);
    return RC_OK;
}

rc_t programme_validate(const programme_t *p, err_t *e)
{
    if (!p->title || !*p->title || !text_single_line_ok(p->title, PROGRAMME_TITLE_MAX))
        return err_field(e, RC_INPUT, "title", "Give a title of one line (300 bytes at most).",
                         "title: must be one line of 1 to %d bytes of UTF-8", PROGRAMME_TITLE_MAX);
    if (!p->description || !text_multi_line_ok(p->description, PROGRAMME_TEXT_MAX))
        return err_field(e, RC_INPUT, "description",
                         "The description is too long (4,000 bytes at most).",
                         "description: must be UTF-8 text of at most %d bytes", PROGRAMME_TEXT_MAX);
    if (!p->themes || !*p->themes || !assistance_list_ok(p->themes, assistance_theme_syntax_ok))
        return err_field(e, RC_INPUT, "themes", "Choose themes from the list.",
                         "themes: '%.100s' is not a list of theme keys (at least one)",
                         p->themes ? p->themes : "");
    if (!p->regions || !assistance_list_ok(p->regions, assistance_region_ok))
        return err_field(e, RC_INPUT, "regions", "Choose regions from the list.",
                         "regions: '%.100s' is not a list of M49 codes",
                         p->regions ? p->regions : "");
    if (!p->languages || !assistance_list_ok(p->languages, assistance_language_ok))
        return err_field(e, RC_INPUT, "languages", "Choose languages from the list.",
                         "languages: '%.100s' is not a list of ISO 639 codes",
                         p->languages ? p->languages : "");
    if (!p->contact || (*p->contact && !text_single_line_ok(p->contact, PROGRAMME_CONTACT_MAX)))
        return err_field(
            e, RC_INPUT, "contact", "Give the contact on one line (300 bytes at most).",
            "contact: must be one line of at most %d bytes of UTF-8", PROGRAMME_CONTACT_MAX);
    return period_check(p, e);
}

bool programme_periods_overlap(const programme_t *a, const programme_t *b)
{
    /* [a.start, a.end] and [b.start, b.end] meet unless one ends before the
     * other starts; an open end never ends */
    if (*a->end && *b->start && strcmp(a->end, b->start) < 0)
        return false;
    if (*b->end && *a->start && strcmp(b->end, a->start) < 0)
        return false;
    return true;
}
