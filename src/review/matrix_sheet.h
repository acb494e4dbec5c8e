/*
 * One state's matrix version as a reader downloads it: the version, its
 * template's items with the entry of each (or none: blank), the state's
 * reports (to name a source by its title and date), the header dates and the
 * caveat, with every label in one language. The CSV, XLSX and PDF writers
 * (matrix_csv.c, matrix_xlsx.c, matrix_pdf.c) render this one model, so the
 * three files say the same thing and a string is translated in one place
 * (data/po/<lang>/review.po).
 *
 * Only what the public may read goes in: the entries and the version's
 * dates, never the state's comments or anything from the review round.
 */
#ifndef R1540_REVIEW_MATRIX_SHEET_H
#define R1540_REVIEW_MATRIX_SHEET_H

#include "../store/store.h"

/* The columns of the CSV and XLSX table, in order (MATRIX_COL names them). */
enum {
    MC_ITEM,
    MC_SECTION,
    MC_HEADING,
    MC_WEAPON,
    MC_MEASURE,
    MC_MARK,
    MC_LEGAL_REFERENCE,
    MC_SOURCE_REPORT,
    MC_SOURCE_TITLE,
    MC_SOURCE_DATE,
    MC_PAGE,
    MC_SOURCE_URL,
    MC_REMARK,
    MC_INFO,
    MC_SIGNED,
    MC_RATIFIED,
    MC_ACCEDED,
    MC_COUNT
};

/* The header facts, in order. */
enum { MM_STATE, MM_VERSION, MM_STATUS, MM_FIRST, MM_ADDENDA, MM_APPROVED, MM_PUBLISHED, MM_COUNT };

typedef struct {
    lang_t lang;
    bool demo;
    state_t state;
    matrix_version_t v;
    template_item_t *items;
    size_t nitems;
    const matrix_entry_t **entry; /* per item: its entry, NULL when blank */
    report_t *reports;            /* the state's reports, by date */
    size_t nreports;
    vocab_t *sections, *headings;
    size_t nsections, nheadings;
    const char *title;             /* "State — 1540 matrix, version N" */
    const char *caveat;            /* the full sentence */
    const char *short_caveat;      /* for page footers */
    const char *demo_note;         /* "" for real data */
    const char *meta[MM_COUNT][2]; /* label, value ("" when unknown) */
} matrix_sheet_t;                  /* everything in the caller's arena */

/* Loads version `version` of the state (alpha-3; 0: the latest) with its labels
 * in lang. With published_only, any other status is RC_NOTFOUND (what the
 * public may download). RC_NOTFOUND names a missing version; store errors as
 * the store gives them. */
rc_t matrix_sheet_load(store_t *st, const char *alpha3, int version, bool published_only,
                       lang_t lang, arena_t *a, matrix_sheet_t *m, err_t *e);

/* The stable English key of column c (the CSV header). */
const char *matrix_sheet_col_key(int c);
/* The title of column c in the sheet's language (the XLSX header). */
const char *matrix_sheet_col_title(const matrix_sheet_t *m, int c);
/* Item i's row: MC_COUNT strings, "" where empty, in `a`. */
void matrix_sheet_row(const matrix_sheet_t *m, size_t i, arena_t *a, const char **cells);
/* The report with id, or NULL. */
const report_t *matrix_sheet_report(const matrix_sheet_t *m, long long id);
/* An entry's source as a reader names it: "title (date), p. N", and its web
 * address after it; "" when it has none. In the sheet's language. */
const char *matrix_sheet_source(const matrix_sheet_t *m, const matrix_entry_t *en, arena_t *a);
/* A page reference in lang: "p. 12" (or "12") as the language's "p." and
 * the number; other wording as it is. */
const char *matrix_sheet_page(lang_t lang, const char *page, arena_t *a);
/* The translated name of a section or heading code; the code if unknown. */
const char *matrix_sheet_vocab(const vocab_t *v, size_t n, const char *code, lang_t lang);

/* The writers: each writes PATH.tmp and renames it to PATH (nothing half
 * written is left at PATH); RC_FAIL with the reason otherwise. */
rc_t matrix_sheet_csv(const matrix_sheet_t *m, const char *path, arena_t *a, err_t *e);
rc_t matrix_sheet_xlsx(const matrix_sheet_t *m, const char *path, arena_t *a, err_t *e);
/* The PDF refuses (RC_FAIL) text that the installed fonts cannot show. */
rc_t matrix_sheet_pdf(const matrix_sheet_t *m, const char *path, arena_t *a, err_t *e);

#endif
