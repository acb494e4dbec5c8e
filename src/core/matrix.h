/*
 * The versioned 1540 matrix of a state. Each version holds one entry per
 * template item, marked as the Committee marks its matrices: X (a measure is
 * reported or its legal basis was found), ? (references may be incomplete or
 * not directly relevant), NA (not applicable), or blank (no information).
 * Entries that are blank and carry no text are not stored.
 *
 * Workflow: draft -> with-state -> approved -> published, and with-state ->
 * draft when the experts take it back or the state comments; the steps, who
 * may take them and what they need are the table of matrix_workflow.h. An
 * approved or published version never changes (the store enforces it);
 * editing makes a new draft.
 */
#ifndef R1540_CORE_MATRIX_H
#define R1540_CORE_MATRIX_H

#include <stdbool.h>
#include <stddef.h>

#include "../util/err.h"
#include "template.h"

typedef enum { MARK_BLANK, MARK_X, MARK_UNSURE, MARK_NA } mark_t;
typedef enum { MV_DRAFT, MV_WITH_STATE, MV_APPROVED, MV_PUBLISHED } mv_status_t;

#define MATRIX_TEXT_MAX 2000

typedef struct {
    long long id;         /* store row id */
    char state[4];        /* alpha-3 */
    int number;           /* 1, 2, ... per state */
    int template_version; /* template the entries refer to */
    mv_status_t status;
    char created[11];   /* YYYY-MM-DD */
    char approved[11];  /* "" until approved */
    char published[11]; /* "" until published */
    char *note;         /* arena-owned; may be "" */
} matrix_version_t;

/* The dates of an OP1 entry's "relevant information" (tmpl, issue 12). */
typedef enum { INFO_SIGNED, INFO_RATIFIED, INFO_ACCEDED, INFO_DATE_COUNT } info_date_t;

typedef struct {
    char *item; /* template item id */
    mark_t mark;
    char *legal_reference; /* "" when none */
    long long source_report; /* report id; 0 when none */
    char *page;              /* page or section of the source report; "" when none */
    char *remark;            /* "" when none */
    /* ---- tmpl (issue 12): web-address source, OP1 relevant information.
     * NULL counts as "" (callers that predate these fields leave them out);
     * rules in matrix_info.h. */
    char *source_url;                    /* official web address (http/https) */
    char *info;                          /* OP1 only: relevant information, free text */
    char info_date[INFO_DATE_COUNT][11]; /* OP1 only: YYYY-MM-DD or "" */
} matrix_entry_t; /* strings arena-owned */

const char *matrix_mark_str(mark_t m);        /* "X", "?", "NA", "" */
int matrix_mark_parse(const char *s);         /* -1 if not a mark */
const char *matrix_status_str(mv_status_t s); /* "draft", "with-state", ... */
int matrix_status_parse(const char *s);       /* -1 if not a status */
/* True if a step of the workflow table (matrix_workflow.c) moves a version
 * from `from` to `to`. */
bool matrix_status_transition_ok(mv_status_t from, mv_status_t to);
/* True for the statuses whose content is frozen. */
bool matrix_status_frozen(mv_status_t s);
/* Checks the text fields of an entry (lengths, UTF-8); message names the field. */
rc_t matrix_entry_validate(const matrix_entry_t *en, err_t *e);
/* True if two entries say the same (NULL counts as an empty entry). */
bool matrix_entry_equal(const matrix_entry_t *a, const matrix_entry_t *b);
/* True if an entry carries nothing (blank mark, no text, no source): not stored. */
bool matrix_entry_empty(const matrix_entry_t *en);

typedef struct {
    const char *item;
    const matrix_entry_t *old, *new; /* NULL where the version has no entry (blank) */
} matrix_change_t;

/*
 * Compares two versions' entries (each sorted in the order of `items`, their
 * template) and returns the changed items in template order; the caller frees
 * the array. An entry that is absent counts as blank; every entry's item must
 * be one of `items` (the store only returns such entries).
 */
matrix_change_t *matrix_diff(const template_item_t *items, size_t nitems, const matrix_entry_t *a,
                             size_t na, const matrix_entry_t *b, size_t nb, size_t *nchanges);

#endif
