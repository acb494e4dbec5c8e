/*
 * Per-language numbers and dates with ICU (numfmt.h). The number formatters
 * are ICU's skeleton formatters (unumf), opened lazily per kind and kept for
 * the life of the numfmt_t, since opening one costs far more than using it;
 * a numfmt_t belongs to one thread (one report build).
 */
#include "numfmt.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/udat.h>
#include <unicode/unumberformatter.h>
#include <unicode/ustring.h>

#include "buf.h"
#include "date.h"

#define NUMFMT_DIGITS 4 /* decimals 0..3 */

struct numfmt {
    lang_t lang;
    UNumberFormatter *integer;               /* grouping, no decimals */
    UNumberFormatter *dec[NUMFMT_DIGITS][2]; /* [digits][sign] */
    UNumberFormatter *pct;                   /* percent unit, one decimal */
    UDateFormat *date;                       /* long date, UTC */
    UDateFormat *day, *when;                 /* medium date; medium date and long time */
    UFormattedNumber *result;                /* reused for every number */
    bool tried_integer, tried_dec[NUMFMT_DIGITS][2], tried_pct, tried_date, tried_day, tried_when;
};

/* The ICU locale of each language; why Arabic and English differ from ICU's
 * defaults is in numfmt.h. */
static const char *const number_locale[LANG_COUNT] = {
    "ar@numbers=latn", "zh", "en", "fr", "ru", "es"};
static const char *const date_locale[LANG_COUNT] = {
    "ar@numbers=latn", "zh", "en_GB", "fr", "ru", "es"};

numfmt_t *numfmt_open(lang_t l)
{
    numfmt_t *f = xmalloc(sizeof *f);
    memset(f, 0, sizeof *f);
    f->lang = (unsigned)l < LANG_COUNT ? l : LANG_EN;
    UErrorCode st = U_ZERO_ERROR;
    f->result = unumf_openResult(&st);
    if (U_FAILURE(st))
        f->result = NULL;
    return f;
}

void numfmt_close(numfmt_t *f)
{
    if (!f)
        return;
    if (f->integer)
        unumf_close(f->integer);
    for (int d = 0; d < NUMFMT_DIGITS; d++)
        for (int s = 0; s < 2; s++)
            if (f->dec[d][s])
                unumf_close(f->dec[d][s]);
    if (f->pct)
        unumf_close(f->pct);
    if (f->date)
        udat_close(f->date);
    if (f->day)
        udat_close(f->day);
    if (f->when)
        udat_close(f->when);
    if (f->result)
        unumf_closeResult(f->result);
    free(f);
}

/* Opens the formatter for an ICU skeleton (ASCII), or NULL. */
static UNumberFormatter *open_skeleton(const numfmt_t *f, const char *skeleton)
{
    UChar u[64];
    size_t n = strlen(skeleton);
    for (size_t i = 0; i < n && i < 63; i++)
        u[i] = (UChar)skeleton[i];
    UErrorCode st = U_ZERO_ERROR;
    UNumberFormatter *nf =
        unumf_openForSkeletonAndLocale(u, (int32_t)n, number_locale[f->lang], &st);
    if (U_FAILURE(st)) {
        if (nf)
            unumf_close(nf);
        return NULL;
    }
    return nf;
}

/* UTF-16 to UTF-8 in the arena; spaces become no-break spaces if `keep`. */
static const char *to_utf8(arena_t *a, UChar *u, int32_t n, bool keep)
{
    for (int32_t i = 0; keep && i < n; i++)
        if (u[i] == 0x20)
            u[i] = 0xA0;
    UErrorCode st = U_ZERO_ERROR;
    int32_t len = 0;
    u_strToUTF8(NULL, 0, &len, u, n, &st);
    char *s = arena_alloc(a, (size_t)len + 1);
    st = U_ZERO_ERROR;
    u_strToUTF8(s, len + 1, NULL, u, n, &st);
    return U_FAILURE(st) ? "" : s;
}

/* The formatted result of the last unumf_format* call, or NULL. */
static const char *result_utf8(numfmt_t *f, arena_t *a, UErrorCode st)
{
    UChar u[128];
    if (U_FAILURE(st))
        return NULL;
    int32_t n = unumf_resultToString(f->result, u, 128, &st);
    if (U_FAILURE(st) || n >= 128)
        return NULL;
    return to_utf8(a, u, n, false);
}

const char *numfmt_int(numfmt_t *f, arena_t *a, long long v)
{
    if (!f->tried_integer) {
        f->tried_integer = true;
        f->integer = open_skeleton(f, "precision-integer");
    }
    if (f->integer && f->result) {
        UErrorCode st = U_ZERO_ERROR;
        unumf_formatInt(f->integer, (int64_t)v, f->result, &st);
        const char *s = result_utf8(f, a, st);
        if (s)
            return s;
    }
    return arena_printf(a, "%lld", v);
}

const char *numfmt_dec(numfmt_t *f, arena_t *a, double v, int digits, bool sign)
{
    if (digits < 0)
        digits = 0;
    if (digits >= NUMFMT_DIGITS)
        digits = NUMFMT_DIGITS - 1;
    int s = sign ? 1 : 0;
    if (!f->tried_dec[digits][s]) {
        static const char *const prec[NUMFMT_DIGITS] = {"precision-integer", ".0", ".00", ".000"};
        char sk[48];
        snprintf(sk, sizeof sk, "%s%s", prec[digits], sign ? " sign-always" : "");
        f->tried_dec[digits][s] = true;
        f->dec[digits][s] = open_skeleton(f, sk);
    }
    if (f->dec[digits][s] && f->result) {
        UErrorCode st = U_ZERO_ERROR;
        unumf_formatDouble(f->dec[digits][s], v, f->result, &st);
        const char *out = result_utf8(f, a, st);
        if (out)
            return out;
    }
    return sign ? arena_printf(a, "%+.*f", digits, v) : arena_printf(a, "%.*f", digits, v);
}

const char *numfmt_pct(numfmt_t *f, arena_t *a, double v)
{
    if (v < 0)
        return "–";
    if (!f->tried_pct) {
        f->tried_pct = true;
        f->pct = open_skeleton(f, "percent .0");
    }
    if (f->pct && f->result) {
        UErrorCode st = U_ZERO_ERROR;
        unumf_formatDouble(f->pct, v, f->result, &st);
        const char *out = result_utf8(f, a, st);
        if (out)
            return out;
    }
    return arena_printf(a, "%.1f%%", v);
}

const char *numfmt_date(numfmt_t *f, arena_t *a, const char *iso)
{
    if (!iso || !date_valid(iso))
        return iso ? iso : "";
    if (!f->tried_date) {
        f->tried_date = true;
        UErrorCode st = U_ZERO_ERROR;
        static const UChar utc[] = {'U', 'T', 'C', 0};
        f->date = udat_open(UDAT_NONE, UDAT_LONG, date_locale[f->lang], utc, -1, NULL, 0, &st);
        if (U_FAILURE(st)) {
            if (f->date)
                udat_close(f->date);
            f->date = NULL;
        }
    }
    if (!f->date)
        return iso;
    UChar u[128];
    UErrorCode st = U_ZERO_ERROR;
    int32_t n = udat_format(f->date, (UDate)date_days(iso) * 86400000.0, u, 128, NULL, &st);
    if (U_FAILURE(st) || n >= 128)
        return iso;
    return to_utf8(a, u, n, true);
}

/* Opens a UTC date formatter of the language once; NULL if ICU cannot. */
static UDateFormat *date_formatter(numfmt_t *f, UDateFormat **slot, bool *tried,
                                   UDateFormatStyle time_style, UDateFormatStyle date_style)
{
    if (!*tried) {
        *tried = true;
        UErrorCode st = U_ZERO_ERROR;
        static const UChar utc[] = {'U', 'T', 'C', 0};
        *slot = udat_open(time_style, date_style, date_locale[f->lang], utc, -1, NULL, 0, &st);
        if (U_FAILURE(st)) {
            if (*slot)
                udat_close(*slot);
            *slot = NULL;
        }
    }
    return *slot;
}

/* Formats ms since 1970 (UTC) with df into the arena; NULL on failure. */
static const char *format_ms(UDateFormat *df, arena_t *a, double ms)
{
    UChar u[160];
    UErrorCode st = U_ZERO_ERROR;
    int32_t n = udat_format(df, (UDate)ms, u, 160, NULL, &st);
    if (U_FAILURE(st) || n >= 160)
        return NULL;
    return to_utf8(a, u, n, true);
}

const char *numfmt_day(numfmt_t *f, arena_t *a, const char *iso)
{
    if (!iso || !date_valid(iso))
        return iso ? iso : "";
    UDateFormat *df = date_formatter(f, &f->day, &f->tried_day, UDAT_NONE, UDAT_MEDIUM);
    const char *out = df ? format_ms(df, a, (double)date_days(iso) * 86400000.0) : NULL;
    return out ? out : iso;
}

/* Two digits at s, no more than max; -1 otherwise. */
static int two_digits(const char *s, int max)
{
    if (s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9')
        return -1;
    int v = (s[0] - '0') * 10 + (s[1] - '0');
    return v <= max ? v : -1;
}

bool numfmt_is_stamp(const char *s)
{
    char day[11];
    if (!s || strlen(s) != 20 || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != 'Z')
        return false;
    memcpy(day, s, 10);
    day[10] = '\0';
    return date_valid(day) && two_digits(s + 11, 23) >= 0 && two_digits(s + 14, 59) >= 0 &&
           two_digits(s + 17, 59) >= 0;
}

const char *numfmt_when(numfmt_t *f, arena_t *a, const char *stamp)
{
    if (!numfmt_is_stamp(stamp))
        return stamp ? stamp : "";
    char day[11];
    memcpy(day, stamp, 10);
    day[10] = '\0';
    double secs = (double)date_days(day) * 86400.0 + two_digits(stamp + 11, 23) * 3600.0 +
                  two_digits(stamp + 14, 59) * 60.0 + two_digits(stamp + 17, 59);
    UDateFormat *df = date_formatter(f, &f->when, &f->tried_when, UDAT_LONG, UDAT_MEDIUM);
    const char *out = df ? format_ms(df, a, secs * 1000.0) : NULL;
    return out ? out : stamp;
}

/* ---- numfmt_printf ------------------------------------------------------------ */

#define NUMFMT_ARGS 16

typedef enum {
    ARG_NONE,
    ARG_STR,
    ARG_INT,
    ARG_UINT,
    ARG_LONG,
    ARG_ULONG,
    ARG_LLONG,
    ARG_ULLONG,
    ARG_SIZE,
    ARG_DOUBLE
} arg_type_t;

typedef struct {
    const char *start, *end; /* the conversion's text, '%' to its letter */
    int arg;                 /* 0-based argument index */
    arg_type_t type;
    int digits;   /* %.Nf: N (6 without a precision, as printf) */
    bool sign;    /* the '+' flag */
    bool percent; /* %f directly followed by %% */
} spec_t;

/* Parses the conversion at p ('%' not followed by '%'); returns false for one
 * this function does not handle (the caller then falls back to vsnprintf). */
static bool parse_spec(const char *p, int *next_arg, spec_t *s)
{
    const char *q = p + 1;
    memset(s, 0, sizeof *s);
    s->start = p;
    s->digits = 6;
    s->arg = *next_arg;
    if (*q >= '1' && *q <= '9' && q[1] == '$') { /* one-digit positions: up to 9 arguments */
        s->arg = *q - '1';
        q += 2;
    } else if (*q >= '1' && *q <= '9' && q[1] >= '0' && q[1] <= '9' && q[2] == '$') {
        s->arg = (q[0] - '0') * 10 + q[1] - '1';
        q += 3;
    } else
        (*next_arg)++;
    if (*q == '+') {
        s->sign = true;
        q++;
    }
    if (*q == '.') {
        q++;
        s->digits = 0;
        while (*q >= '0' && *q <= '9')
            s->digits = s->digits * 10 + (*q++ - '0');
    }
    int longs = 0;
    bool size = false;
    for (; *q == 'l' || *q == 'z'; q++)
        *q == 'l' ? longs++ : (size = true);
    switch (*q) {
    case 's':
        s->type = ARG_STR;
        break;
    case 'd':
    case 'i':
        s->type = size ? ARG_SIZE : longs == 2 ? ARG_LLONG : longs ? ARG_LONG : ARG_INT;
        break;
    case 'u':
        s->type = size ? ARG_SIZE : longs == 2 ? ARG_ULLONG : longs ? ARG_ULONG : ARG_UINT;
        break;
    case 'f':
        s->type = ARG_DOUBLE;
        break;
    default:
        return false;
    }
    s->end = q + 1;
    s->percent = s->type == ARG_DOUBLE && q[1] == '%' && q[2] == '%';
    if (s->percent)
        s->end += 2;
    return s->arg >= 0 && s->arg < NUMFMT_ARGS;
}

/* One argument written as the language writes it. */
static const char *arg_text(numfmt_t *f, arena_t *a, const spec_t *s, const void *str, long long ll,
                            unsigned long long ull, double d)
{
    switch (s->type) {
    case ARG_STR:
        return str ? str : "(null)";
    case ARG_DOUBLE:
        return s->percent ? (d < 0 ? arena_printf(a, "%.1f%%", d) : numfmt_pct(f, a, d))
                          : numfmt_dec(f, a, d, s->digits, s->sign);
    case ARG_UINT:
    case ARG_ULONG:
    case ARG_ULLONG:
    case ARG_SIZE:
        return ull > (unsigned long long)INT64_MAX ? arena_printf(a, "%llu", ull)
                                                   : numfmt_int(f, a, (long long)ull);
    default:
        return numfmt_int(f, a, ll);
    }
}

const char *numfmt_printf(numfmt_t *f, arena_t *a, const char *fmt, ...)
{
    spec_t spec[2 * NUMFMT_ARGS];
    arg_type_t type[NUMFMT_ARGS] = {ARG_NONE};
    size_t ns = 0;
    int next = 0, nargs = 0;
    bool ok = true;
    for (const char *p = fmt; *p && ok; p++) {
        if (*p != '%')
            continue;
        if (p[1] == '%') {
            p++;
            continue;
        }
        ok = ns < 2 * NUMFMT_ARGS && parse_spec(p, &next, &spec[ns]);
        if (ok) {
            type[spec[ns].arg] = spec[ns].type;
            if (spec[ns].arg + 1 > nargs)
                nargs = spec[ns].arg + 1;
            p = spec[ns++].end - 1;
        }
    }
    for (int i = 0; i < nargs; i++) /* an argument the format skips: its type is unknown */
        ok = ok && type[i] != ARG_NONE;
    va_list ap;
    va_start(ap, fmt);
    if (!ok) { /* a conversion not handled above: C's formatting, unlocalized */
        int n = vsnprintf(NULL, 0, fmt, ap);
        va_end(ap);
        char *s = arena_alloc(a, (size_t)(n > 0 ? n : 0) + 1);
        va_start(ap, fmt);
        vsnprintf(s, (size_t)n + 1, fmt, ap);
        va_end(ap);
        return s;
    }
    const void *str[NUMFMT_ARGS] = {0};
    long long ll[NUMFMT_ARGS] = {0};
    unsigned long long ull[NUMFMT_ARGS] = {0};
    double dbl[NUMFMT_ARGS] = {0};
    for (int i = 0; i < nargs; i++) /* in argument order, as va_arg requires */
        switch (type[i]) {
        case ARG_STR:
            str[i] = va_arg(ap, const char *);
            break;
        case ARG_INT:
            ll[i] = va_arg(ap, int);
            break;
        case ARG_UINT:
            ull[i] = va_arg(ap, unsigned);
            break;
        case ARG_LONG:
            ll[i] = va_arg(ap, long);
            break;
        case ARG_ULONG:
            ull[i] = va_arg(ap, unsigned long);
            break;
        case ARG_LLONG:
            ll[i] = va_arg(ap, long long);
            break;
        case ARG_ULLONG:
            ull[i] = va_arg(ap, unsigned long long);
            break;
        case ARG_SIZE:
            ull[i] = va_arg(ap, size_t);
            break;
        case ARG_DOUBLE:
            dbl[i] = va_arg(ap, double);
            break;
        case ARG_NONE:
            break; /* not reached: ok is false then */
        }
    va_end(ap);
    buf_t b;
    buf_init(&b, 0);
    const char *p = fmt;
    for (size_t k = 0; k <= ns; k++) {
        const char *stop = k < ns ? spec[k].start : p + strlen(p);
        for (; p < stop; p++) {
            buf_putc(&b, *p);
            if (*p == '%' && p[1] == '%') /* %% writes one % */
                p++;
        }
        if (k < ns) {
            int i = spec[k].arg;
            buf_puts(&b, arg_text(f, a, &spec[k], str[i], ll[i], ull[i], dbl[i]));
            p = spec[k].end;
        }
    }
    const char *s = arena_strdup(a, buf_str(&b));
    buf_free(&b);
    return s;
}
