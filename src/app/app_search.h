/*
 * Search operations: the text of reports (extracted and indexed when a
 * report is added, rebuilt by reindex) and the search over it, for the CLI's
 * `search` and `reindex`, the API's /api/v1/search and the /<lang>/search
 * page alike.
 */
#ifndef R1540_APP_APP_SEARCH_H
#define R1540_APP_APP_SEARCH_H

#include "../core/practice.h"
#include "../core/search.h"
#include "../text/extract.h"
#include "../text/snippet.h"
#include "app.h"

/* A search as a person or a program asks it: every string as typed, NULL or
 * "" for no filter. */
typedef struct {
    const char *query;
    const char *state;    /* any code of a state */
    const char *kind;     /* a report kind */
    const char *language; /* ar, zh, en, fr, ru, es (or another ISO 639 code) */
    const char *from, *to; /* YYYY-MM-DD */
    long long offset, limit; /* limit 0: 20; at most 100 */
} app_search_in_t;

/* One hit with its snippet. */
typedef struct {
    search_hit_t hit;
    snippet_t snippet;
} app_search_hit_t;

/* A published effective practice that matches (app_practice.h), with a
 * snippet of its summary: results say it is a practice, not a report. */
typedef struct {
    practice_t practice;
    snippet_t snippet;
} app_search_practice_t;

typedef struct {
    long long total;        /* every matching page */
    app_search_hit_t *hits; /* in a->arena */
    size_t n;
    long long offset, limit; /* the slice given */
    /* published practices that match, on the first slice only and when no
     * report-only filter (kind, dates) is set; never an unpublished one */
    app_search_practice_t *practices; /* in a->arena */
    size_t npractices;
} app_search_out_t;

/*
 * Searches the pages of reports. Every report is public in r1540 (their files
 * can be downloaded by anyone), so ACT_PUBLIC allows it; when a report gets a
 * confidential flag, the filter goes here. RC_INPUT for a query that cannot
 * be searched (empty, too long, not UTF-8) or a bad filter (unknown kind, a
 * date not YYYY-MM-DD, a negative offset), the message naming it;
 * RC_NOTFOUND for an unknown state.
 */
rc_t app_search(app_t *a, const app_search_in_t *in, app_search_out_t *out, err_t *e);

/* The text of a file for the index: extracted (text_extract with the default
 * limits) and analyzed in the report's language; never fails (see
 * text_extract). */
void app_report_text_make(app_t *a, const void *doc, size_t len, const char *media_type,
                          const char *language, report_text_t *out);

/*
 * Indexes, inside the caller's transaction, the reports among ids[0..n) (all
 * reports when ids is NULL) that have a file and no text yet: what `import`
 * and `init --demo` load. Plain-text files are split into pages in this
 * process, without the extraction child: there is no parser to protect, and
 * the analysis runs in this process for every kind anyway; that keeps
 * `init --demo` and the import of hundreds of text reports fast. Every other
 * file goes through text_extract and its limits. *indexed counts the reports
 * given text.
 */
rc_t app_report_index_new(store_t *st, const long long *ids, size_t n, size_t *indexed, err_t *e);

/* Called by app_report_reindex after each report (done of total). */
typedef void (*app_reindex_progress_fn)(void *ctx, size_t done, size_t total,
                                        const report_t *r, const report_text_t *t);

/*
 * Extracts and indexes again the text of every stored file of a state's
 * reports (state: any code, or NULL for all); only those never extracted when
 * missing_only. ACT_DATA_IMPORT (the CLI). Each report is written in its own
 * transaction, so a long run can be stopped; one audit entry
 * "report.reindex" at the end counts them. *done is the number of reports
 * indexed.
 */
rc_t app_report_reindex(app_t *a, const char *state, bool missing_only,
                        app_reindex_progress_fn progress, void *ctx, size_t *done, err_t *e);

#endif
