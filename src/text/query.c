/*
 * Queries as people type them (analyze.h): words and "quoted phrases", each
 * analyzed as the documents are. Without a language, a Latin word may be
 * English, French or Spanish, so each unit carries one alternative per Latin
 * stemmer (the same phrase when the stems agree, then kept once).
 */
#include "analyze.h"

#include <string.h>

#include "../util/lang.h"
#include "../util/text.h"

/* The languages whose Latin stemmers make the alternatives of a unit. */
static const int any_latin[TEXT_QUERY_MAX_ALTS] = {LANG_EN, LANG_FR, LANG_ES};

static int phrase_eq(const text_phrase_t *x, const text_phrase_t *y)
{
    if (x->n != y->n)
        return 0;
    for (size_t i = 0; i < x->n; i++)
        if (strcmp(x->terms[i], y->terms[i]) != 0)
            return 0;
    return 1;
}

/* Adds the chunk s (len bytes) as one unit, unless it has no term. */
static rc_t unit_add(text_analyzer_t *an, const char *s, size_t len, int lang, arena_t *a,
                     text_query_t *q, size_t *terms, err_t *e)
{
    text_unit_t u = {0};
    int n_langs = lang >= 0 ? 1 : TEXT_QUERY_MAX_ALTS;
    for (int k = 0; k < n_langs; k++) {
        text_token_t *t;
        size_t n;
        rc_t rc = text_analyze(an, s, len, lang >= 0 ? lang : any_latin[k],
                               TEXT_QUERY_MAX_TERMS + 1, a, &t, &n, e);
        if (rc != RC_OK)
            return rc;
        if (n == 0)
            return RC_OK;
        text_phrase_t p = {arena_alloc(a, n * sizeof(char *)), n};
        for (size_t i = 0; i < n; i++)
            p.terms[i] = t[i].term;
        int seen = 0;
        for (size_t j = 0; j < u.n_alts; j++)
            seen |= phrase_eq(&u.alts[j], &p);
        if (!seen)
            u.alts[u.n_alts++] = p;
        if (k == 0)
            *terms += n;
    }
    if (q->n_units == TEXT_QUERY_MAX_UNITS)
        return err_set(e, RC_INPUT, "the query has more than %d words", TEXT_QUERY_MAX_UNITS);
    if (*terms > TEXT_QUERY_MAX_TERMS)
        return err_set(e, RC_INPUT, "the query has more than %d words", TEXT_QUERY_MAX_TERMS);
    q->units[q->n_units++] = u;
    return RC_OK;
}

/* Length of the white space at s: ASCII blanks and the ideographic space. */
static size_t space_at(const char *s)
{
    if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
        return 1;
    return strncmp(s, "\xE3\x80\x80", 3) == 0 ? 3 : 0;
}

rc_t text_query_parse(text_analyzer_t *an, const char *q, int lang, arena_t *a, text_query_t *out,
                      err_t *e)
{
    memset(out, 0, sizeof *out);
    size_t len = strlen(q), terms = 0;
    if (len > TEXT_QUERY_MAX_BYTES)
        return err_set(e, RC_INPUT, "the query is longer than %d bytes", TEXT_QUERY_MAX_BYTES);
    if (!text_single_line_ok(q, TEXT_QUERY_MAX_BYTES))
        return err_set(e, RC_INPUT, "the query is not one line of UTF-8 text");
    rc_t rc = RC_OK;
    for (const char *p = q; *p && rc == RC_OK;) {
        size_t sp = space_at(p);
        if (sp) {
            p += sp;
            continue;
        }
        const char *end;
        if (*p == '"') { /* a phrase up to the closing quote, or the end */
            p++;
            end = strchr(p, '"');
            if (!end)
                end = p + strlen(p);
            rc = unit_add(an, p, (size_t)(end - p), lang, a, out, &terms, e);
            p = *end ? end + 1 : end;
            continue;
        }
        for (end = p; *end && *end != '"' && !space_at(end); end++)
            ;
        rc = unit_add(an, p, (size_t)(end - p), lang, a, out, &terms, e);
        p = end;
    }
    if (rc == RC_OK && out->n_units == 0)
        rc = err_set(e, RC_INPUT, "the query has no word to search for");
    return rc;
}

int text_query_has_term(const text_query_t *q, const char *term)
{
    for (size_t u = 0; u < q->n_units; u++)
        for (size_t k = 0; k < q->units[u].n_alts; k++)
            for (size_t i = 0; i < q->units[u].alts[k].n; i++)
                if (strcmp(q->units[u].alts[k].terms[i], term) == 0)
                    return 1;
    return 0;
}
