/*
 * Numbers and dates per language (src/util/numfmt.c) against ICU's real data:
 * the grouping and decimal signs of each language, Western digits in Arabic,
 * day-month-year English dates, no ordinary space inside a date, and the
 * printf-like formatter with positional arguments as the Chinese catalog
 * uses them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/util/numfmt.h"
#include "tap.h"

static const char *NBSP = "\xc2\xa0";

/* True when s holds a digit outside 0-9 (U+0660..U+0669 are d9 a0..d9 a9). */
static int has_arabic_indic(const char *s)
{
    return strstr(s, "\xd9\xa0") || strstr(s, "\xd9\xa1") || strstr(s, "\xd9\xa2") ||
           strstr(s, "\xd9\xa5");
}

int main(void)
{
    arena_t a = ARENA_INIT;
    numfmt_t *f[LANG_COUNT];
    for (int l = 0; l < LANG_COUNT; l++)
        f[l] = numfmt_open((lang_t)l);

    TAP_STREQ(numfmt_int(f[LANG_EN], &a, 67155), "67,155", "en: thousands with a comma");
    TAP_STREQ(numfmt_int(f[LANG_ES], &a, 67155), "67.155", "es: thousands with a full stop");
    TAP_CHECK(strstr(numfmt_int(f[LANG_FR], &a, 67155), "\xe2\x80\xaf") != NULL,
              "fr: thousands with a narrow no-break space");
    TAP_CHECK(strstr(numfmt_int(f[LANG_RU], &a, 67155), NBSP) != NULL,
              "ru: thousands with a no-break space");
    TAP_STREQ(numfmt_int(f[LANG_ZH], &a, 67155), "67,155", "zh: thousands with a comma");
    const char *ar = numfmt_int(f[LANG_AR], &a, 67155);
    TAP_CHECK(strstr(ar, "67") && strstr(ar, "155") && !has_arabic_indic(ar),
              "ar: Western digits, as the UN's Arabic documents");
    TAP_STREQ(numfmt_int(f[LANG_EN], &a, 193), "193", "no separator below a thousand");

    TAP_STREQ(numfmt_pct(f[LANG_EN], &a, 41.04), "41.0%", "en: percent, one decimal");
    TAP_CHECK(strncmp(numfmt_pct(f[LANG_FR], &a, 41.04), "41,0", 4) == 0 &&
                  strstr(numfmt_pct(f[LANG_FR], &a, 41.04), "%"),
              "fr: decimal comma and a spaced percent sign");
    TAP_CHECK(strncmp(numfmt_pct(f[LANG_ES], &a, 5), "5,0", 3) == 0, "es: decimal comma");
    TAP_STREQ(numfmt_pct(f[LANG_EN], &a, -1), "–", "undefined coverage is a dash");
    TAP_STREQ(numfmt_dec(f[LANG_EN], &a, 3.25, 1, true), "+3.2", "a change carries its sign");
    TAP_STREQ(numfmt_dec(f[LANG_EN], &a, 1234.5, 1, false), "1,234.5", "a decimal with grouping");
    TAP_CHECK(strncmp(numfmt_dec(f[LANG_RU], &a, -2, 1, true), "-2,0", 4) == 0 ||
                  strstr(numfmt_dec(f[LANG_RU], &a, -2, 1, true), "2,0") != NULL,
              "ru: a negative change with a decimal comma");

    TAP_STREQ(numfmt_date(f[LANG_EN], &a, "2025-10-28"),
              "28\xc2\xa0October\xc2\xa0"
              "2025",
              "en: day month year with no-break spaces");
    TAP_STREQ(numfmt_date(f[LANG_FR], &a, "2025-10-28"),
              "28\xc2\xa0octobre\xc2\xa0"
              "2025",
              "fr: date in words");
    TAP_STREQ(numfmt_date(f[LANG_ES], &a, "2004-04-28"),
              "28\xc2\xa0"
              "de\xc2\xa0"
              "abril\xc2\xa0"
              "de\xc2\xa0"
              "2004",
              "es: date in words");
    TAP_STREQ(numfmt_date(f[LANG_ZH], &a, "2025-10-28"), "2025年10月28日",
              "zh: date in characters");
    TAP_CHECK(strstr(numfmt_date(f[LANG_RU], &a, "2025-10-28"), "октября") != NULL,
              "ru: the month in the genitive");
    const char *ard = numfmt_date(f[LANG_AR], &a, "2004-04-28");
    TAP_CHECK(strstr(ard, "28") && strstr(ard, "2004") && !has_arabic_indic(ard),
              "ar: date with Western digits");
    for (int l = 0; l < LANG_COUNT; l++)
        TAP_CHECK(!strchr(numfmt_date(f[l], &a, "2025-01-01"), ' '),
                  "no breakable space in a date");
    TAP_STREQ(numfmt_date(f[LANG_EN], &a, "2025-02-30"), "2025-02-30", "not a date: as given");
    TAP_STREQ(numfmt_date(f[LANG_EN], &a, "<b>"), "<b>", "hostile text: as given");

    /* web pages: the medium date and the time stamp with its zone (tmpl.c's {{@name}}) */
    TAP_STREQ(numfmt_day(f[LANG_EN], &a, "2025-10-28"), "28\xc2\xa0Oct\xc2\xa0" "2025",
              "en: medium date, day month year");
    TAP_STREQ(numfmt_day(f[LANG_FR], &a, "2025-10-28"), "28\xc2\xa0oct.\xc2\xa0" "2025",
              "fr: medium date");
    TAP_STREQ(numfmt_day(f[LANG_ES], &a, "2025-10-28"), "28\xc2\xa0oct\xc2\xa0" "2025",
              "es: medium date");
    TAP_CHECK(strstr(numfmt_day(f[LANG_RU], &a, "2025-10-28"), "окт.") != NULL, "ru: medium date");
    TAP_STREQ(numfmt_day(f[LANG_ZH], &a, "2025-10-28"), "2025年10月28日", "zh: medium date");
    const char *arday = numfmt_day(f[LANG_AR], &a, "2025-10-28");
    TAP_CHECK(strstr(arday, "28") && strstr(arday, "2025") && !has_arabic_indic(arday),
              "ar: medium date with Western digits");
    TAP_STREQ(numfmt_when(f[LANG_EN], &a, "2025-10-28T14:05:09Z"),
              "28\xc2\xa0Oct\xc2\xa0" "2025,\xc2\xa0" "14:05:09\xc2\xa0UTC",
              "en: a time stamp with its date, time and zone");
    TAP_STREQ(numfmt_when(f[LANG_ZH], &a, "2025-10-28T14:05:09Z"),
              "2025年10月28日\xc2\xa0UTC\xc2\xa0" "14:05:09", "zh: date, zone, time");
    TAP_CHECK(strstr(numfmt_when(f[LANG_FR], &a, "2025-10-28T14:05:09Z"), "14:05:09\xc2\xa0UTC") != NULL,
              "fr: 24-hour time with the zone");
    TAP_CHECK(strstr(numfmt_when(f[LANG_RU], &a, "2025-10-28T14:05:09Z"), "14:05:09\xc2\xa0UTC") != NULL,
              "ru: 24-hour time with the zone");
    TAP_CHECK(strstr(numfmt_when(f[LANG_ES], &a, "2025-10-28T14:05:09Z"), "14:05:09\xc2\xa0UTC") != NULL,
              "es: 24-hour time with the zone");
    const char *arwhen = numfmt_when(f[LANG_AR], &a, "2025-10-28T14:05:09Z");
    TAP_CHECK(strstr(arwhen, "2:05:09") && strstr(arwhen, "UTC") && !has_arabic_indic(arwhen),
              "ar: the time with its zone, Western digits");
    TAP_STREQ(numfmt_when(f[LANG_EN], &a, "2025-10-28T24:00:00Z"), "2025-10-28T24:00:00Z",
              "hour 24: not a time stamp, as given");
    TAP_STREQ(numfmt_when(f[LANG_EN], &a, "2025-02-30T10:00:00Z"), "2025-02-30T10:00:00Z",
              "not a date: as given");
    TAP_STREQ(numfmt_when(f[LANG_EN], &a, "2025-10-28 14:05:09"), "2025-10-28 14:05:09",
              "no T and no zone: as given");
    TAP_CHECK(!numfmt_is_stamp("2025-10-28T14:05:09Z<") && !numfmt_is_stamp(NULL) &&
                  numfmt_is_stamp("2025-10-28T00:00:00Z"),
              "numfmt_is_stamp: exactly the store's form");

    TAP_STREQ(
        numfmt_printf(f[LANG_EN], &a, "%u of %zu (%.1f%%) on %s", 67155u, (size_t)193, 41.04, "x"),
        "67,155 of 193 (41.0%) on x", "printf: counts, percent and text");
    TAP_STREQ(numfmt_printf(f[LANG_ES], &a, "%2$s: %1$zu", (size_t)15000, "total"), "total: 15.000",
              "printf: positional arguments");
    TAP_STREQ(numfmt_printf(f[LANG_EN], &a, "100%% %d %lld %ld", -1234, 5000000000LL, 7L),
              "100% -1,234 5,000,000,000 7", "printf: %% and signed integers");
    TAP_STREQ(numfmt_printf(f[LANG_EN], &a, "%+.1f pp", 2.0), "+2.0 pp", "printf: a signed change");
    TAP_STREQ(numfmt_printf(f[LANG_EN], &a, "%x", 255u), "ff", "printf: other conversions as C");
    TAP_STREQ(numfmt_printf(f[LANG_EN], &a, "plain"), "plain", "printf: no conversion");

    for (int l = 0; l < LANG_COUNT; l++)
        numfmt_close(f[l]);
    numfmt_close(NULL);
    arena_free(&a);
    return tap_done();
}
