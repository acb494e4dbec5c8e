/*
 * Multilingual text analysis for search, used alike for the pages of reports
 * when they are indexed and for the queries people type, so that both sides
 * make the same terms. A term is one word of the text:
 *   - found by ICU's word break (dictionary based for Chinese, which has no
 *     spaces between words);
 *   - folded: NFKC with case folding, accents and Arabic diacritics removed
 *     (NFD, non-spacing marks dropped), Arabic letter variants made one
 *     (alef forms, alef maqsura, teh marbuta, tatweel), split at apostrophes
 *     and other inner punctuation ("l'exportation" gives "l" and "exportation");
 *   - stemmed with Snowball (libstemmer) by the word's script and the
 *     document's language: Arabic script with the Arabic stemmer, Cyrillic
 *     with the Russian one, Latin with the document's language when it is
 *     English, French or Spanish (English otherwise), Han not at all;
 *     French words lose their accents before the stemmer (people type them
 *     without, and Snowball's French stems the two forms apart). Changing
 *     the analysis changes the terms: `r1540 reindex` rebuilds an index.
 * A query without a language does not know which Latin stemmer the document
 * used, so each Latin word of it gets the English, French and Spanish stems
 * as alternatives (text_query_parse).
 */
#ifndef R1540_TEXT_ANALYZE_H
#define R1540_TEXT_ANALYZE_H

#include <stddef.h>

#include "../util/err.h"
#include "../util/mem.h"

/* One term of an analyzed text. */
typedef struct {
    char *term;   /* folded and stemmed, UTF-8; arena-owned; only letters and digits */
    size_t start; /* byte offset of the word it came from in the analyzed text */
    size_t end;   /* byte offset just past that word */
} text_token_t;

/* Owns the stemmers and the word break iterator; not thread-safe: one per
 * thread or request. */
typedef struct text_analyzer text_analyzer_t;

/* A new analyzer; NULL (with e set) if ICU or libstemmer cannot be opened. */
text_analyzer_t *text_analyzer_new(err_t *e);
/* Frees an analyzer; NULL is a no-op. */
void text_analyzer_free(text_analyzer_t *an);

/*
 * The terms of UTF-8 text s (len bytes; invalid bytes count as U+FFFD) of the
 * document language lang (a lang_t, or -1 when unknown), in text order, into
 * the arena. At most max_tokens are made (the rest of the text is ignored).
 * RC_FAIL only if ICU fails.
 */
rc_t text_analyze(text_analyzer_t *an, const char *s, size_t len, int lang, size_t max_tokens,
                  arena_t *a, text_token_t **out, size_t *n, err_t *e);

/* The terms of s joined by single spaces (what the index stores), in the arena. */
char *text_terms_joined(text_analyzer_t *an, const char *s, size_t len, int lang, arena_t *a,
                        err_t *e);

/*
 * A parsed query: every unit must match (AND); a unit matches if one of its
 * alternatives does (OR); an alternative is a phrase, its terms adjacent and
 * in order. A word the user typed becomes one unit (several terms when the
 * analysis splits it: a Chinese run, "l'exportation"); a "quoted phrase" one
 * unit too.
 */
enum { TEXT_QUERY_MAX_UNITS = 16, TEXT_QUERY_MAX_ALTS = 3, TEXT_QUERY_MAX_TERMS = 32,
       TEXT_QUERY_MAX_BYTES = 500 };

typedef struct {
    const char **terms; /* arena-owned */
    size_t n;
} text_phrase_t;

typedef struct {
    text_phrase_t alts[TEXT_QUERY_MAX_ALTS];
    size_t n_alts;
} text_unit_t;

typedef struct {
    text_unit_t units[TEXT_QUERY_MAX_UNITS];
    size_t n_units;
} text_query_t;

/*
 * Parses the query q as a person types it: words, and "phrases" in double
 * quotes, for documents of language lang (-1: any). RC_INPUT (message in e) if
 * q is not UTF-8, longer than TEXT_QUERY_MAX_BYTES, has no word at all, or more
 * than TEXT_QUERY_MAX_UNITS words or TEXT_QUERY_MAX_TERMS terms.
 */
rc_t text_query_parse(text_analyzer_t *an, const char *q, int lang, arena_t *a, text_query_t *out,
                      err_t *e);

/* True if term is one of the query's terms (any unit, any alternative). */
int text_query_has_term(const text_query_t *q, const char *term);

#endif
