/*
 * Multilingual analysis (analyze.h): ICU for word break and folding,
 * libstemmer for the stems.
 */
#include "analyze.h"

#include <libstemmer.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

#include "../util/lang.h"

/* The stemmers we use. */
enum { ST_AR, ST_EN, ST_FR, ST_RU, ST_ES, ST_COUNT };

/* Longer "words" are not words (base64, hashes): they are skipped. */
enum { WORD_MAX_UNITS = 64, WORD_SCRATCH = WORD_MAX_UNITS * 18 + 16 };

struct text_analyzer {
    struct sb_stemmer *stem[ST_COUNT]; /* owned */
    UBreakIterator *words;             /* owned; its text is set per call */
    const UNormalizer2 *nfkc_cf, *nfd; /* ICU's, not owned */
    UChar scratch1[WORD_SCRATCH], scratch2[WORD_SCRATCH];
};

text_analyzer_t *text_analyzer_new(err_t *e)
{
    static const char *const names[ST_COUNT] = {"arabic", "english", "french", "russian",
                                                "spanish"};
    text_analyzer_t *an = xcalloc(1, sizeof *an);
    UErrorCode st = U_ZERO_ERROR;
    an->nfkc_cf = unorm2_getNFKCCasefoldInstance(&st);
    an->nfd = unorm2_getNFDInstance(&st);
    /* the root word rules use ICU's dictionaries for Chinese and Thai runs */
    an->words = U_SUCCESS(st) ? ubrk_open(UBRK_WORD, "", NULL, 0, &st) : NULL;
    if (U_FAILURE(st)) {
        err_set(e, RC_FAIL, "ICU cannot open its word break or normalizer: %s", u_errorName(st));
        text_analyzer_free(an);
        return NULL;
    }
    for (int i = 0; i < ST_COUNT; i++)
        if (!(an->stem[i] = sb_stemmer_new(names[i], "UTF_8"))) {
            err_set(e, RC_FAIL, "libstemmer has no %s stemmer", names[i]);
            text_analyzer_free(an);
            return NULL;
        }
    return an;
}

void text_analyzer_free(text_analyzer_t *an)
{
    if (!an)
        return;
    for (int i = 0; i < ST_COUNT; i++)
        if (an->stem[i])
            sb_stemmer_delete(an->stem[i]);
    if (an->words)
        ubrk_close(an->words);
    free(an);
}

/* The Latin stemmer for documents of language lang. */
static int latin_stemmer(int lang)
{
    return lang == LANG_FR ? ST_FR : lang == LANG_ES ? ST_ES : ST_EN;
}

/* Arabic letters written in several ways for the same word: the variant
 * becomes its plain letter (hamza and madda on alef are marks after NFD and
 * are dropped with the other marks). */
static UChar32 arabic_letter(UChar32 c)
{
    switch (c) {
    case 0x0671: return 0x0627; /* alef wasla -> alef */
    case 0x0649: return 0x064A; /* alef maqsura -> yeh */
    case 0x06CC: return 0x064A; /* Farsi yeh -> yeh */
    case 0x0629: return 0x0647; /* teh marbuta -> heh */
    case 0x06A9: return 0x0643; /* keheh -> kaf */
    default: return c;
    }
}

/* Drops the marks of the stem u (n units, in place) as the script wants:
 * Cyrillic keeps й (a letter of its own, и with a breve after NFD) and makes ё
 * е; every other script loses every non-spacing mark after NFD (accents,
 * harakat, hamza on alef) and the Arabic tatweel, and Arabic letter variants
 * become one letter. Returns the new length. */
static int32_t fold_marks(text_analyzer_t *an, UChar *u, int32_t n, UScriptCode script)
{
    UErrorCode st = U_ZERO_ERROR;
    UChar *d = an->scratch2;
    int32_t nd;
    if (script == USCRIPT_CYRILLIC) {
        memcpy(d, u, (size_t)n * sizeof *u);
        nd = n;
    } else {
        nd = unorm2_normalize(an->nfd, u, n, d, WORD_SCRATCH, &st);
        if (U_FAILURE(st))
            return 0;
    }
    int32_t k = 0;
    for (int32_t i = 0; i < nd;) {
        UChar32 c;
        U16_NEXT(d, i, nd, c);
        if (u_charType(c) == U_NON_SPACING_MARK || c == 0x0640) /* 0640: tatweel */
            continue;
        c = c == 0x0451 ? 0x0435 : arabic_letter(c); /* ё -> е */
        U16_APPEND_UNSAFE(u, k, c);
    }
    return k;
}

/* Spanish writes -ción and -sión with an accent that people leave out; the
 * Spanish stemmer only knows the accented suffix, so it is put back. */
static void spanish_accent(char *w, int32_t *bytes, int32_t cap)
{
    if (*bytes < 6 || *bytes + 1 >= cap)
        return;
    char *end = w + *bytes;
    if (memcmp(end - 4, "cion", 4) == 0 || memcmp(end - 4, "sion", 4) == 0) {
        memcpy(end - 2, "\xC3\xB3n", 3); /* "ón" */
        *bytes += 1;
        w[*bytes] = '\0';
    }
}

/* Appends one term made of the piece u (n units, NFKC and case-folded, marks
 * still on): stemmed by its script with the marks on (Snowball's suffixes
 * carry accents: -ación, ة), then its marks folded (fold_marks); French is
 * folded before its stemmer. */
static void term_add(text_analyzer_t *an, UChar *u, int32_t n, int latin, size_t start,
                     size_t end, arena_t *a, text_token_t *out, size_t *count)
{
    char utf8[WORD_SCRATCH * 3 + 1];
    int32_t bytes = 0;
    UErrorCode st = U_ZERO_ERROR;
    UChar32 c0;
    int32_t i = 0;
    U16_NEXT(u, i, n, c0);
    UScriptCode script = uscript_getScript(c0, &st);
    int which = script == USCRIPT_LATIN      ? latin
                : script == USCRIPT_CYRILLIC ? ST_RU
                : script == USCRIPT_ARABIC   ? ST_AR
                                             : -1;
    /* ё before the stemmer; Han as is; French folded first, because people
     * leave its accents out and Snowball's French stems a word apart with and
     * without them ("matières" mati, "matiere" matier; folded, both matier) */
    if (script == USCRIPT_CYRILLIC || which < 0 || which == ST_FR)
        n = fold_marks(an, u, n, script);
    u_strToUTF8(utf8, (int32_t)sizeof utf8 - 4, &bytes, u, n, &st);
    if (U_FAILURE(st) || bytes == 0)
        return;
    if (which == ST_ES)
        spanish_accent(utf8, &bytes, (int32_t)sizeof utf8 - 4);
    if (which >= 0) {
        const sb_symbol *sym = sb_stemmer_stem(an->stem[which], (const sb_symbol *)utf8, bytes);
        int len = sym ? sb_stemmer_length(an->stem[which]) : 0;
        if (len > 0 && script != USCRIPT_CYRILLIC) {
            int32_t nu = 0;
            u_strFromUTF8(u, WORD_SCRATCH, &nu, (const char *)sym, len, &st);
            nu = U_SUCCESS(st) ? fold_marks(an, u, nu, script) : 0;
            u_strToUTF8(utf8, (int32_t)sizeof utf8 - 4, &bytes, u, nu, &st);
        } else if (len > 0) {
            memcpy(utf8, sym, (size_t)len);
            bytes = len;
        }
        if (U_FAILURE(st) || bytes == 0)
            return;
    }
    out[*count] = (text_token_t){arena_strndup(a, utf8, (size_t)bytes), start, end};
    (*count)++;
}

/* Folds the case of the word w (n units) and adds its terms, split at
 * anything that is not a letter, a digit or a mark (apostrophes, hyphens,
 * dots); at most room of them. */
static void word_add(text_analyzer_t *an, const UChar *w, int32_t n, int latin, size_t start,
                     size_t end, arena_t *a, text_token_t *out, size_t *count, size_t room)
{
    UErrorCode st = U_ZERO_ERROR;
    UChar *f = an->scratch1, piece[WORD_SCRATCH];
    int32_t nf = unorm2_normalize(an->nfkc_cf, w, n, f, WORD_SCRATCH, &st);
    if (U_FAILURE(st))
        return;
    int32_t k = 0;
    for (int32_t i = 0; i <= nf;) {
        UChar32 c = 0;
        int32_t at = i;
        if (i < nf)
            U16_NEXT(f, i, nf, c);
        else
            i++;
        if (at < nf && (u_isalnum(c) || u_charType(c) == U_NON_SPACING_MARK || c == 0x0640)) {
            while (at < i)
                piece[k++] = f[at++];
            continue;
        }
        if (k > 0 && *count < room)
            term_add(an, piece, k, latin, start, end, a, out, count);
        k = 0;
    }
}

/* The Unicode bidirectional controls (LRM, RLM, ALM, embeddings, overrides
 * and isolates): ICU's word break keeps them inside words. */
static int is_bidi_control(UChar32 c)
{
    return c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) ||
           (c >= 0x2066 && c <= 0x2069);
}

static int is_han(UChar32 c)
{
    UErrorCode st = U_ZERO_ERROR;
    return c > 0x2E7F && uscript_getScript(c, &st) == USCRIPT_HAN;
}

/* Chinese text broken across lines (PDF extraction, hard-wrapped files) has
 * a line end inside a word: "能力建\n设". If the blank run at s[at] holds a
 * line end and a Han character follows, returns the offset of that character
 * (the run is dropped, so the word is whole again); otherwise at. */
static int32_t join_han_line(const char *s, int32_t len, int32_t at)
{
    int32_t i = at, lines = 0;
    for (; i < len && (s[i] == '\n' || s[i] == '\r' || s[i] == ' ' || s[i] == '\t'); i++)
        lines += s[i] == '\n';
    if (i >= len || lines == 0)
        return at;
    int32_t k = i;
    UChar32 c;
    U8_NEXT(s, k, len, c);
    return is_han(c) ? i : at;
}

/* UTF-8 s to UTF-16 into *u (malloc'd), with the byte offset of every unit
 * in *map (malloc'd, one more for the end). Invalid bytes become U+FFFD;
 * a line end inside a Chinese word is dropped (join_han_line). */
static int32_t to_utf16(const char *s, size_t len, UChar **u, size_t **map)
{
    *u = xmalloc((len + 1) * sizeof **u);
    *map = xmalloc((len + 2) * sizeof **map);
    int32_t n = 0;
    UChar32 prev = 0;
    for (int32_t i = 0; (size_t)i < len;) {
        int32_t at = i;
        UChar32 c;
        U8_NEXT(s, i, (int32_t)len, c);
        if (c < 0)
            c = 0xFFFD;
        if ((c == '\n' || c == ' ' || c == '\r') && is_han(prev)) {
            int32_t next = join_han_line(s, (int32_t)len, at);
            if (next != at) {
                i = next;
                continue;
            }
        }
        if (is_bidi_control(c))
            c = ' '; /* PDF extraction wraps Arabic words in them, without spaces */
        prev = c;
        int32_t before = n;
        U16_APPEND_UNSAFE(*u, n, c);
        for (int32_t k = before; k < n; k++)
            (*map)[k] = (size_t)at;
    }
    (*map)[n] = len;
    return n;
}

/* The analysis with a given Latin stemmer (ST_EN, ST_FR or ST_ES). */
static rc_t analyze_with(text_analyzer_t *an, const char *s, size_t len, int latin,
                         size_t max_tokens, arena_t *a, text_token_t **out, size_t *n, err_t *e)
{
    *out = NULL;
    *n = 0;
    if (len > (size_t)INT32_MAX / 2)
        return err_set(e, RC_INPUT, "the text is too long to analyze");
    UChar *u;
    size_t *map;
    int32_t nu = to_utf16(s, len, &u, &map);
    UErrorCode st = U_ZERO_ERROR;
    ubrk_setText(an->words, u, nu, &st);
    if (U_FAILURE(st)) {
        free(u);
        free(map);
        return err_set(e, RC_FAIL, "ICU word break: %s", u_errorName(st));
    }
    /* a word gives at most one term per two units, plus one */
    size_t cap = (size_t)nu / 2 + 1;
    if (cap > max_tokens)
        cap = max_tokens;
    text_token_t *toks = arena_alloc_raw(a, (cap + 1) * sizeof *toks);
    size_t count = 0;
    int32_t from = ubrk_first(an->words);
    for (int32_t to = ubrk_next(an->words); to != UBRK_DONE && count < cap;
         from = to, to = ubrk_next(an->words)) {
        if (ubrk_getRuleStatus(an->words) < UBRK_WORD_NONE_LIMIT || to - from > WORD_MAX_UNITS)
            continue;
        word_add(an, u + from, to - from, latin, map[from], map[to], a, toks, &count, cap);
    }
    static const UChar empty[1];
    ubrk_setText(an->words, empty, 0, &st); /* forget u before it is freed */
    free(u);
    free(map);
    *out = toks;
    *n = count;
    return RC_OK;
}

rc_t text_analyze(text_analyzer_t *an, const char *s, size_t len, int lang, size_t max_tokens,
                  arena_t *a, text_token_t **out, size_t *n, err_t *e)
{
    return analyze_with(an, s, len, latin_stemmer(lang), max_tokens, a, out, n, e);
}

char *text_terms_joined(text_analyzer_t *an, const char *s, size_t len, int lang, arena_t *a,
                        err_t *e)
{
    text_token_t *t;
    size_t n, bytes = 1;
    if (text_analyze(an, s, len, lang, (size_t)-1, a, &t, &n, e) != RC_OK)
        return NULL;
    for (size_t i = 0; i < n; i++)
        bytes += strlen(t[i].term) + 1;
    char *out = arena_alloc_raw(a, bytes), *p = out;
    for (size_t i = 0; i < n; i++) {
        size_t l = strlen(t[i].term);
        if (i)
            *p++ = ' ';
        memcpy(p, t[i].term, l);
        p += l;
    }
    *p = '\0';
    return out;
}
