/*
 * Points of contact: the areas and the field checks (contact.h).
 */
#include "contact.h"

#include <string.h>

#include "../util/date.h"
#include "../util/text.h"
#include "assistance.h"

const char *const contact_areas[] = {"nuclear",        "chemical", "biological", "delivery",
                                     "export-control", "general",  NULL};

bool contact_area_ok(const char *s)
{
    for (size_t i = 0; s && contact_areas[i]; i++)
        if (strcmp(contact_areas[i], s) == 0)
            return true;
    return false;
}

static bool line_ok(const char *s, bool required)
{
    return s && (!required || *s) && text_single_line_ok(s, CONTACT_TEXT_MAX);
}

rc_t contact_validate(const contact_t *c, err_t *e)
{
    if (!line_ok(c->person, true))
        return err_set(e, RC_INPUT, "person: give one line of 1 to %d bytes", CONTACT_TEXT_MAX);
    if (!line_ok(c->function, false))
        return err_set(e, RC_INPUT, "function: give one line of at most %d bytes",
                       CONTACT_TEXT_MAX);
    if (!line_ok(c->ministry, false))
        return err_set(e, RC_INPUT, "ministry: give one line of at most %d bytes",
                       CONTACT_TEXT_MAX);
    if (!c->areas || !*c->areas || !assistance_list_ok(c->areas, contact_area_ok))
        return err_set(e, RC_INPUT,
                       "areas: give one or more of nuclear, chemical, biological, delivery,"
                       " export-control, general, comma-separated");
    if (!c->languages || !assistance_list_ok(c->languages, assistance_language_ok))
        return err_set(e, RC_INPUT, "languages: give ISO 639 codes (en, fr, ...), comma-separated");
    if (!date_valid(c->since) || strcmp(c->since, "2004-04-28") < 0)
        return err_set(e, RC_INPUT,
                       "since: '%.20s' is not a date (YYYY-MM-DD) since resolution 1540"
                       " (2004-04-28)",
                       c->since);
    return RC_OK;
}
