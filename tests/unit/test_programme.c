/*
 * Programmes (core/programme.c): the field checks, each naming its field, and
 * whether two periods meet (both ends included, "" open-ended).
 */
#include <string.h>

#include "../../src/core/programme.h"
#include "tap.h"

static programme_t base(void)
{
    programme_t p = {.org = "IAEA", .title = "t", .description = "", .themes = "legislation",
                     .regions = "", .languages = "", .contact = ""};
    return p;
}

static programme_t period(const char *start, const char *end)
{
    programme_t p = base();
    snprintf(p.start, sizeof p.start, "%s", start);
    snprintf(p.end, sizeof p.end, "%s", end);
    return p;
}

/* The field the check blames for p, or "ok". */
static const char *blamed(programme_t p)
{
    static err_t e;
    memset(&e, 0, sizeof e);
    return programme_validate(&p, &e) == RC_OK ? "ok" : e.field;
}

int main(void)
{
    char long_title[302];
    memset(long_title, 'x', 301);
    long_title[301] = 0;
    programme_t p = base();
    TAP_CHECK(strcmp(blamed(p), "ok") == 0, "a minimal programme is valid");
    p = base(), p.title = "";
    TAP_CHECK(strcmp(blamed(p), "title") == 0, "an empty title");
    p = base(), p.title = "a\nb";
    TAP_CHECK(strcmp(blamed(p), "title") == 0, "a title on two lines");
    p = base(), p.title = long_title;
    TAP_CHECK(strcmp(blamed(p), "title") == 0, "a title of 301 bytes");
    p = base(), p.themes = "";
    TAP_CHECK(strcmp(blamed(p), "themes") == 0, "no theme");
    p = base(), p.themes = "legislation,legislation";
    TAP_CHECK(strcmp(blamed(p), "themes") == 0, "a theme twice");
    p = base(), p.regions = "2";
    TAP_CHECK(strcmp(blamed(p), "regions") == 0, "a region that is not 3 digits");
    p = base(), p.languages = "EN";
    TAP_CHECK(strcmp(blamed(p), "languages") == 0, "a language in capitals");
    p = base(), p.contact = "a\tb\nc";
    TAP_CHECK(strcmp(blamed(p), "contact") == 0, "a contact on two lines");
    TAP_CHECK(strcmp(blamed(period("2026-02-30", "")), "start") == 0, "a start that is no date");
    TAP_CHECK(strcmp(blamed(period("2027-01-01", "2026-01-01")), "end") == 0,
              "the end before the start");
    TAP_CHECK(strcmp(blamed(period("2026-01-01", "2026-01-01")), "ok") == 0, "a one-day period");

    programme_t a = period("2026-01-01", "2026-12-31"), b = period("2026-12-31", ""),
                c = period("2027-01-01", "2027-06-30"), open = period("", "");
    TAP_CHECK(programme_periods_overlap(&a, &b), "sharing the last day is an overlap");
    TAP_CHECK(programme_periods_overlap(&b, &a), "... either way round");
    TAP_CHECK(!programme_periods_overlap(&a, &c), "the day after the end: no overlap");
    TAP_CHECK(!programme_periods_overlap(&c, &a), "... either way round");
    TAP_CHECK(programme_periods_overlap(&open, &c), "an open period meets every period");
    TAP_CHECK(programme_periods_overlap(&b, &c), "an open end meets what comes later");
    return tap_done();
}
