/*
 * Numbers and dates written as each of the six languages writes them, through
 * ICU's number and date formatters: thousands separators ("67,155",
 * "67 155", "67.155"), the decimal sign ("41.0", "41,0"), the percent sign's
 * place ("41,0 %"), and dates in words ("28 October 2025", "2025年10月28日").
 *
 * Arabic keeps Western digits (0-9): the UN's own Arabic pages on resolution
 * 1540 write "28 نيسان/أبريل 2004" and "القرار 1540 (2004)" with them
 * (https://www.un.org/arabic/sc/1540/), while ICU's default for "ar" is
 * Arabic-Indic digits. English dates are day month year, as the UN's English
 * pages write them ("28 April 2004"), not ICU's American default.
 *
 * A formatted date never breaks across lines: its spaces are no-break spaces.
 */
#ifndef R1540_UTIL_NUMFMT_H
#define R1540_UTIL_NUMFMT_H

#include <stdbool.h>

#include "lang.h"
#include "mem.h"

typedef struct numfmt numfmt_t; /* owns its ICU formatters; numfmt_close frees them */

/* Opens the formatters of a language; never NULL. If ICU cannot open one (a
 * broken installation), that kind of figure is written as C's printf does. */
numfmt_t *numfmt_open(lang_t l);
/* Frees f; NULL is a no-op. */
void numfmt_close(numfmt_t *f);

/* An integer with the language's grouping ("67,155"), in the arena. */
const char *numfmt_int(numfmt_t *f, arena_t *a, long long v);
/* A number with exactly `digits` decimals (0 to 3); `sign` writes "+" before
 * positive values (a change). */
const char *numfmt_dec(numfmt_t *f, arena_t *a, double v, int digits, bool sign);
/* A percentage already multiplied by 100 (41.0 -> "41.0%", "41,0 %"), one
 * decimal; a negative v (undefined coverage) gives "–". */
const char *numfmt_pct(numfmt_t *f, arena_t *a, double v);
/* A YYYY-MM-DD date in words, with no-break spaces; anything that is not a
 * real date (date_valid) is returned as it is. */
const char *numfmt_date(numfmt_t *f, arena_t *a, const char *iso);
/* A YYYY-MM-DD date in the medium style of web pages ("28 Oct 2025",
 * "2025年10月28日"), with no-break spaces; anything else as it is. */
const char *numfmt_day(numfmt_t *f, arena_t *a, const char *iso);
/* A UTC time stamp YYYY-MM-DDTHH:MM:SSZ (as the store writes them) as a
 * medium date and the time with its zone ("28 Oct 2025, 14:05:09 UTC");
 * anything else as it is. */
const char *numfmt_when(numfmt_t *f, arena_t *a, const char *stamp);
/* True if s is such a time stamp (a real date, hours 0-23, minutes and
 * seconds 0-59, the final Z). */
bool numfmt_is_stamp(const char *s);

/*
 * printf for translated sentences: the format's %s are copied, its integer
 * conversions (%d %u %ld %lld %zu) go through numfmt_int, %.Nf through
 * numfmt_dec (with "+" for %+.Nf), and %.Nf followed by %% through
 * numfmt_pct. Positional conversions (%2$zu, as translations reorder
 * arguments) are understood. The compiler checks the arguments against the
 * format as for printf. Dates are passed as %s, already numfmt_date'd.
 */
const char *numfmt_printf(numfmt_t *f, arena_t *a, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
