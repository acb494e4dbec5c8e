/*
 * Dated group memberships (core/membership.c): the bounds of a period, the
 * lookup every "as of" figure uses, overlaps, validation and status.
 */
#include "../../src/core/membership.h"
#include "tap.h"

static membership_t period(const char *state, const char *group, const char *from,
                           const char *to)
{
    membership_t m = {.source = "test"};
    snprintf(m.state, sizeof m.state, "%s", state);
    snprintf(m.group, sizeof m.group, "%s", group);
    snprintf(m.from, sizeof m.from, "%s", from);
    snprintf(m.to, sizeof m.to, "%s", to);
    return m;
}

int main(void)
{
    membership_t m[] = {period("BTN", "LDC", "", "2023-12-13"), period("BTN", "LLDC", "", ""),
                        period("SSD", "LDC", "2012-12-17", ""),
                        period("BHR", "SIDS", "", "2023-04-01")};
    size_t n = sizeof m / sizeof *m;
    TAP_CHECK(membership_on(m, n, "BTN", "LDC", "2020-01-01"), "Bhutan an LDC in 2020");
    TAP_CHECK(membership_on(m, n, "BTN", "LDC", "2023-12-12"), "an LDC the day before graduation");
    TAP_CHECK(!membership_on(m, n, "BTN", "LDC", "2023-12-13"), "not an LDC on the graduation day");
    TAP_CHECK(!membership_on(m, n, "BTN", "LDC", "2025-06-30"), "not an LDC in 2025");
    TAP_CHECK(membership_on(m, n, "BTN", "LLDC", "2025-06-30"), "still an LLDC (open period)");
    TAP_CHECK(!membership_on(m, n, "SSD", "LDC", "2012-12-16"), "not before the period starts");
    TAP_CHECK(membership_on(m, n, "SSD", "LDC", "2012-12-17"), "from its first day");
    TAP_CHECK(!membership_on(m, n, "NPL", "LDC", "2020-01-01"), "no period: not a member");
    TAP_CHECK(!membership_on(m, n, "BTN", "SIDS", "2020-01-01"), "another group: not a member");
    TAP_CHECK(!membership_on(m, 0, "BTN", "LDC", "2020-01-01"), "no periods at all");

    membership_t a = period("X", "LDC", "2000-01-01", "2010-01-01");
    membership_t b = period("X", "LDC", "2010-01-01", "");
    membership_t c = period("X", "LDC", "", "2000-01-02");
    TAP_CHECK(!membership_overlap(&a, &b), "a period ending the day another starts: no overlap");
    TAP_CHECK(membership_overlap(&a, &c), "open start overlapping");
    TAP_CHECK(!membership_overlap(&c, &b), "disjoint periods");
    membership_t d = period("X", "LDC", "", "");
    TAP_CHECK(membership_overlap(&d, &a) && membership_overlap(&d, &d), "an open period overlaps all");

    const char *why = "";
    TAP_CHECK(membership_valid(&m[0], &why), "a good period is valid");
    membership_t bad = period("BTN", "G77", "", "");
    TAP_CHECK(!membership_valid(&bad, &why) && strstr(why, "unknown group"), "unknown group");
    bad = period("BTN", "LDC", "2023-02-30", "");
    TAP_CHECK(!membership_valid(&bad, &why) && strstr(why, "dates"), "an impossible date");
    bad = period("BTN", "LDC", "2020-01-01", "2020-01-01");
    TAP_CHECK(!membership_valid(&bad, &why), "an empty period (from = to)");
    bad = period("BT", "LDC", "", "");
    TAP_CHECK(!membership_valid(&bad, &why), "a state code of 2 letters");
    bad = period("BTN", "LDC", "", "");
    bad.source = "";
    TAP_CHECK(!membership_valid(&bad, &why) && strstr(why, "source"), "no source");

    TAP_STREQ(membership_status(&m[0], "2026-12-01"), "past", "a graduation before today is past");
    TAP_STREQ(membership_status(&m[0], "2023-01-01"), "ends", "before it: in force, end scheduled");
    TAP_STREQ(membership_status(&m[1], "2026-12-01"), "current", "an open period is current");
    TAP_STREQ(membership_status(&m[2], "2012-01-01"), "scheduled", "a future start is scheduled");
    return tap_done();
}
