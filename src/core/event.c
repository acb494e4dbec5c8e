/*
 * Outreach event kinds and field checks.
 */
#include "event.h"

#include <stdlib.h>
#include <string.h>

#include "../util/date.h"
#include "../util/text.h"

const char *const event_kinds[] = {"training-course", "regional-workshop", "peer-review-visit",
                                   "round-table", NULL};
const char *const event_statuses[] = {"planned", "held", "cancelled", NULL};

static const char *find(const char *const *list, const char *s)
{
    for (size_t i = 0; s && list[i]; i++)
        if (strcmp(list[i], s) == 0)
            return list[i];
    return NULL;
}

const char *event_kind_parse(const char *s) { return find(event_kinds, s); }
const char *event_status_parse(const char *s) { return find(event_statuses, s); }

static int cmp_code(const void *a, const void *b) { return strcmp(a, b); }
static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorts n elements and drops neighbours that compare equal; returns the new count. */
static size_t sort_unique(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
    if (n == 0)
        return 0;
    qsort(base, n, size, cmp);
    char *p = base;
    size_t k = 1;
    for (size_t i = 1; i < n; i++)
        if (cmp(p + (k - 1) * size, p + i * size) != 0)
            memmove(p + k++ * size, p + i * size, size);
    return k;
}

rc_t event_validate(event_t *ev, err_t *e)
{
    if (!ev->kind || !event_kind_parse(ev->kind))
        return err_field(e, RC_INPUT, "kind", "Choose a kind of event.",
                         "kind: '%s' is not one of training-course, regional-workshop,"
                         " peer-review-visit, round-table", ev->kind ? ev->kind : "");
    if (!ev->status || !event_status_parse(ev->status))
        return err_field(e, RC_INPUT, "status", "Choose a status: planned, held or cancelled.",
                         "status: '%s' is not planned, held or cancelled",
                         ev->status ? ev->status : "");
    if (!ev->title || !*ev->title || !text_single_line_ok(ev->title, EVENT_TEXT_MAX))
        return err_field(e, RC_INPUT, "title", "Give a title of one line (500 bytes at most).",
                         "title: give one line of at most %d bytes", EVENT_TEXT_MAX);
    if (!text_single_line_ok(ev->place ? ev->place : "", EVENT_TEXT_MAX))
        return err_field(e, RC_INPUT, "place", "Give the place on one line (500 bytes at most).",
                         "place: give one line of at most %d bytes", EVENT_TEXT_MAX);
    if (!text_single_line_ok(ev->organizer ? ev->organizer : "", EVENT_TEXT_MAX))
        return err_field(e, RC_INPUT, "organizer", "Give the organizer on one line (500 bytes at most).",
                         "organizer: give one line of at most %d bytes", EVENT_TEXT_MAX);
    if (!date_valid(ev->start) || strcmp(ev->start, "2004-04-28") < 0)
        return err_field(e, RC_INPUT, "start",
                         "Give a start date as YYYY-MM-DD, on or after 28 April 2004.",
                         "start: '%s' is not a date (YYYY-MM-DD) since resolution 1540"
                         " (2004-04-28)", ev->start);
    if (!date_valid(ev->end) || strcmp(ev->end, ev->start) < 0)
        return err_field(e, RC_INPUT, "end", "Give an end date as YYYY-MM-DD, on or after the start.",
                         "end: '%s' is not a date on or after the start %s", ev->end,
                         ev->start);
    if (ev->nstates == 0)
        return err_field(e, RC_INPUT, "states", "Choose at least one participating state.",
                         "states: an event needs at least one participating state");
    ev->nstates = sort_unique(ev->states, ev->nstates, sizeof *ev->states, cmp_code);
    ev->nthemes = sort_unique(ev->themes, ev->nthemes, sizeof *ev->themes, cmp_str);
    return RC_OK;
}
