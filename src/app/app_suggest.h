/*
 * The drafting aid (docs/drafting-aid.md): for a state's matrix version, per
 * template item, the pages of that state's reports that best match the
 * item's key terms (data/template/terms.tsv), each with the law or article
 * reference found near the matched words. For `r1540 matrix suggest` and the
 * panel of the draft editor; it only reads, the expert decides.
 */
#ifndef R1540_APP_APP_SUGGEST_H
#define R1540_APP_APP_SUGGEST_H

#include "../text/snippet.h"
#include "app.h"

enum { SUGGEST_LIMIT_DEFAULT = 3, SUGGEST_LIMIT_MAX = 10 };

/* One suggested page. */
typedef struct {
    long long report;
    int page;
    double rank;       /* what the list is ordered by, higher first */
    double score;      /* the best BM25 score among the terms that matched */
    bool recognized;   /* the page's text came from OCR */
    const char *title, *date, *language; /* the report's */
    const char *matched;   /* the keys of terms.tsv that matched, comma-separated */
    const char *reference; /* "Article 12", "第十二条", ... near the match; "" if none */
    snippet_t snippet;
} suggestion_t;

typedef struct {
    const template_item_t *item;
    suggestion_t *s;
    size_t n;
} item_suggestions_t;

typedef struct {
    matrix_version_t version;
    item_suggestions_t *items; /* one per item asked; all items when none was */
    size_t n;
} app_suggest_out_t;

/*
 * Suggestions for version `number` of state (any code), for item (an id, or
 * NULL for every item of the version's template), at most limit (0: 3; at
 * most 10) per item. data_dir holds template/terms.tsv. ACT_MATRIX_EDIT on
 * the state. RC_NOTFOUND for an unknown state, version or item (a version
 * is the state's own: another state's number is simply not found);
 * RC_INPUT for an item id that cannot be one or a bad limit.
 */
rc_t app_suggest(app_t *a, const char *data_dir, const char *state, int number, const char *item,
                 int limit, app_suggest_out_t *out, err_t *e);

#endif
