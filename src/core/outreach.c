/*
 * Outreach entries: kinds and field checks (outreach.h).
 */
#include "outreach.h"

#include <string.h>

#include "../util/date.h"
#include "../util/text.h"

const char *const outreach_kinds[] = {"letter", "meeting", "visit", NULL};

const char *outreach_kind_parse(const char *s)
{
    for (size_t i = 0; s && outreach_kinds[i]; i++)
        if (strcmp(outreach_kinds[i], s) == 0)
            return outreach_kinds[i];
    return NULL;
}

rc_t outreach_entry_validate(const outreach_entry_t *o, err_t *e)
{
    if (!outreach_kind_parse(o->kind))
        return err_set(e, RC_INPUT, "kind: '%.40s' is not letter, meeting or visit",
                       o->kind ? o->kind : "");
    if (!date_valid(o->date) || strcmp(o->date, "2004-04-28") < 0)
        return err_set(e, RC_INPUT,
                       "date: '%.20s' is not a date (YYYY-MM-DD) since resolution 1540"
                       " (2004-04-28)",
                       o->date);
    if (!o->subject || !*o->subject || !text_single_line_ok(o->subject, OUTREACH_SUBJECT_MAX))
        return err_set(e, RC_INPUT, "subject: give one line of 1 to %d bytes",
                       OUTREACH_SUBJECT_MAX);
    return RC_OK;
}

rc_t outreach_answer_validate(const outreach_entry_t *o, const char *answer, const char *date,
                              err_t *e)
{
    if (!answer || !*answer || !text_multi_line_ok(answer, OUTREACH_ANSWER_MAX))
        return err_set(e, RC_INPUT, "answer: give 1 to %d bytes of text", OUTREACH_ANSWER_MAX);
    if (!date || !date_valid(date) || strcmp(date, o->date) < 0)
        return err_set(e, RC_INPUT, "date: '%.20s' is not a date on or after the entry's %s",
                       date ? date : "", o->date);
    return RC_OK;
}
