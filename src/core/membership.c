/*
 * Membership periods: the lookups that every "as of" figure shares.
 */
#include "membership.h"

#include <string.h>

#include "../util/date.h"

bool membership_group_valid(const char *group)
{
    static const char *const groups[] = {"LDC", "LLDC", "SIDS", "AFR",
                                         "APG", "EEG",  "GRULAC", "WEOG"};
    for (size_t i = 0; i < sizeof groups / sizeof *groups; i++)
        if (strcmp(group, groups[i]) == 0)
            return true;
    return false;
}

bool membership_in_force(const membership_t *m, const char *date)
{
    /* ISO dates compare as strings; an empty bound is open */
    return (!*m->from || strcmp(m->from, date) <= 0) && (!*m->to || strcmp(date, m->to) < 0);
}

bool membership_on(const membership_t *m, size_t n, const char *state, const char *group,
                   const char *date)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(m[i].state, state) == 0 && strcmp(m[i].group, group) == 0 &&
            membership_in_force(&m[i], date))
            return true;
    return false;
}

const char *membership_status(const membership_t *m, const char *date)
{
    if (*m->from && strcmp(date, m->from) < 0)
        return "scheduled";
    if (*m->to && strcmp(m->to, date) <= 0)
        return "past";
    return *m->to ? "ends" : "current";
}

bool membership_overlap(const membership_t *x, const membership_t *y)
{
    bool x_before_y = *x->to && *y->from && strcmp(x->to, y->from) <= 0;
    bool y_before_x = *y->to && *x->from && strcmp(y->to, x->from) <= 0;
    return !x_before_y && !y_before_x;
}

bool membership_valid(const membership_t *m, const char **why)
{
    if (strlen(m->state) != 3)
        return *why = "the state must be an alpha-3 code", false;
    if (!membership_group_valid(m->group))
        return *why = "unknown group (LDC, LLDC, SIDS, AFR, APG, EEG, GRULAC, WEOG)", false;
    if ((*m->from && !date_valid(m->from)) || (*m->to && !date_valid(m->to)) ||
        (*m->from && *m->to && strcmp(m->from, m->to) >= 0))
        return *why = "from and to must be dates (YYYY-MM-DD), from before to", false;
    if (!m->source || !*m->source)
        return *why = "no source", false;
    return true;
}
