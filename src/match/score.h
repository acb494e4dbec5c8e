/*
 * The matching score: how well an offer fits a request, and how much the
 * requesting state needs it, in whole points (docs/matching.md). The weights
 * are read at run time from data/match/weights.conf, never compiled in. Every
 * score comes with its explanation: one line per factor with the points it
 * gave, so that a proposal can always say why.
 */
#ifndef R1540_MATCH_SCORE_H
#define R1540_MATCH_SCORE_H

#include "../core/assistance.h"
#include "../core/state.h"
#include "../store/store.h"
#include "../util/buf.h"

typedef struct {
    int item, item_max, theme, theme_max, kind, kind_required, region, region_required, region_any,
        language, dates, dates_required, developing, low_coverage, no_report, priority;
} match_weights_t;

/* Reads key = value lines (# comments) from path. RC_INPUT with file:line for
 * an unknown or repeated key or a bad value, and for a missing key. */
rc_t match_weights_load(const char *path, match_weights_t *w, err_t *e);

/* A request as the score sees it. */
typedef struct {
    const assistance_request_t *r;
    const char *themes;            /* its themes and its items' themes, comma-separated */
    const state_t *state;          /* the requester */
    const assistance_need_t *need; /* its reports and coverage */
} match_request_t;

typedef struct {
    const assistance_offer_t *o;
    const char *themes; /* its themes and its items' themes */
} match_offer_t;

enum { MATCH_FACTOR_COUNT = 10 };

typedef struct {
    const char *name; /* items, themes, kind, region, language, dates, developing, ... */
    char detail[240]; /* what matched */
    int points;
} match_factor_t;

typedef struct {
    int nfactors;
    match_factor_t factor[MATCH_FACTOR_COUNT];
    const char *refused; /* why the score is 0, or NULL */
} match_explain_t;

/* The score of offer o for request q (0: no fit, never proposed); ex, if not
 * NULL, receives the factors. */
int match_score(const match_weights_t *w, const match_request_t *q, const match_offer_t *o,
                match_explain_t *ex);

/* The explanation as text, one "factor: detail = points" line per factor. */
void match_explain_text(const match_explain_t *ex, buf_t *b, const char *indent);

/* The union of a list of themes and the themes of the listed template items,
 * comma-separated, sorted, each once; items are looked up in the sorted
 * array (by id) of the current template. */
char *match_themes_of(const char *themes, const char *items, const template_item_t *tmpl,
                      size_t ntmpl, arena_t *a);

#endif
