/*
 * The .xlsx views, written with libxlsxwriter. Each export first reads all it
 * needs from the store and only then builds the workbook, so a store error
 * never leaves a workbook half built; the workbook is written to PATH.tmp and
 * renamed, so a failed write never leaves a broken file at PATH.
 *
 * The caveat is in English for now; its translations will come with the rest
 * of the interface strings.
 */
#include "xlsx_export.h"

#include <stdio.h>
#include <string.h>
#include <xlsxwriter.h>

#include "../util/atomic_file.h"

static const char XLSX_CAVEAT[] =
    "The matrix is a reference tool of the 1540 Committee, not a measure of compliance.";
static const char XLSX_DEMO[] = "DEMO DATA \xe2\x80\x94 not real submissions";

typedef struct {
    lxw_format *title, *caveat, *demo, *header, *wrap, *top;
} xlsx_formats_t; /* owned by the workbook */

typedef struct {
    const char *label;
    double width;
    bool wrap; /* long text: cells wrap within the column */
} xlsx_col_t;

/* ---- shared by both sheets ---- */

static void formats_make(lxw_workbook *wb, xlsx_formats_t *f)
{
    f->title = workbook_add_format(wb);
    format_set_bold(f->title);
    format_set_font_size(f->title, 14);
    f->caveat = workbook_add_format(wb);
    format_set_italic(f->caveat);
    f->demo = workbook_add_format(wb);
    format_set_bold(f->demo);
    format_set_font_color(f->demo, LXW_COLOR_RED);
    f->header = workbook_add_format(wb);
    format_set_bold(f->header);
    format_set_bottom(f->header, LXW_BORDER_THIN);
    format_set_text_wrap(f->header);
    format_set_align(f->header, LXW_ALIGN_VERTICAL_TOP);
    f->top = workbook_add_format(wb); /* cells beside wrapped text start at the top too */
    format_set_align(f->top, LXW_ALIGN_VERTICAL_TOP);
    f->wrap = workbook_add_format(wb);
    format_set_text_wrap(f->wrap);
    format_set_align(f->wrap, LXW_ALIGN_VERTICAL_TOP);
}

/* Writes the title, caveat and (for demo data) warning rows; returns the next row. */
static lxw_row_t write_preamble(lxw_worksheet *ws, const xlsx_formats_t *f, const char *title,
                                bool demo, lang_t lang)
{
    lxw_row_t row = 0;
    if (lang == LANG_AR)
        worksheet_right_to_left(ws);
    worksheet_write_string(ws, row++, 0, title, f->title);
    worksheet_write_string(ws, row++, 0, XLSX_CAVEAT, f->caveat);
    if (demo)
        worksheet_write_string(ws, row++, 0, XLSX_DEMO, f->demo);
    return row + 1; /* one empty row before the table */
}

/* Writes the header row at `row`, sets column widths and freezes everything above the data. */
static void write_table_header(lxw_worksheet *ws, const xlsx_formats_t *f, lxw_row_t row,
                               const xlsx_col_t *cols, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        worksheet_set_column(ws, (lxw_col_t)i, (lxw_col_t)i, cols[i].width,
                             cols[i].wrap ? f->wrap : NULL);
        worksheet_write_string(ws, row, (lxw_col_t)i, cols[i].label, f->header);
    }
    worksheet_set_row(ws, row, 30, NULL); /* room for two-line column names */
    worksheet_freeze_panes(ws, row + 1, 0);
    worksheet_set_landscape(ws);
    worksheet_fit_to_pages(ws, 1, 0); /* printed: all columns on the page width */
}

/* A text cell; empty text leaves the cell empty. */
static void put_text(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const char *s,
                     lxw_format *fmt)
{
    if (s && *s)
        worksheet_write_string(ws, row, col, s, fmt);
}

/* Closes (writes) the workbook to tmp and renames it to path. */
static rc_t workbook_finish(lxw_workbook *wb, const char *tmp, const char *path, err_t *e)
{
    lxw_error err = workbook_close(wb);
    rc_t rc = err == LXW_NO_ERROR ? RC_OK
                                  : err_set(e, RC_FAIL, "%s: %s", path, lxw_strerror(err));
    return atomic_file_finish(tmp, path, rc, e);
}

static rc_t workbook_start(const char *path, arena_t *a, lxw_workbook **wb, char **tmp, err_t *e)
{
    *tmp = atomic_file_tmp(path, a);
    if (!(*wb = workbook_new(*tmp)))
        return err_set(e, RC_FAIL, "%s: cannot create the workbook", path);
    return RC_OK;
}

/* True if the store holds demo data (meta key demo = "1"). */
static rc_t store_is_demo(store_t *st, arena_t *a, bool *demo, err_t *e)
{
    char *value = NULL;
    rc_t rc = store_meta_get(st, "demo", a, &value, e);
    *demo = rc == RC_OK && value && strcmp(value, "1") == 0;
    if (rc == RC_NOTFOUND) {
        if (e)
            err_clear(e);
        rc = RC_OK;
    }
    return rc;
}

static lang_t lang_or_english(lang_t lang)
{
    return (unsigned)lang < LANG_COUNT ? lang : LANG_EN;
}

static const char *name_in(char *const names[LANG_COUNT], lang_t lang)
{
    const char *s = names[lang];
    return s && *s ? s : names[LANG_EN] ? names[LANG_EN] : "";
}

/* ---- the overview of all states ---- */

typedef struct {
    const state_t *state;
    const char *first_report; /* date of the earliest first report; "" if none */
    size_t nreports;
    const matrix_version_t *latest;  /* NULL when the state has no version */
    const matrix_version_t *counted; /* latest approved or published; NULL if none */
    size_t marks[4];                 /* entries of `counted` per mark_t */
    size_t nitems;                   /* items of `counted`'s template */
} overview_row_t;

typedef struct {
    state_t *states;
    size_t nstates;
    report_t *reports;
    size_t nreports;
    matrix_version_t *versions;
    size_t nversions;
    overview_row_t *rows; /* one per state */
    bool demo;
} overview_t; /* everything in the caller's arena */

typedef struct {
    int version[8];
    size_t nitems[8];
    size_t n;
} item_counts_t; /* template item counts already looked up */

static rc_t template_size(store_t *st, int version, item_counts_t *c, size_t *n, err_t *e)
{
    for (size_t i = 0; i < c->n; i++)
        if (c->version[i] == version) {
            *n = c->nitems[i];
            return RC_OK;
        }
    arena_t scratch = ARENA_INIT;
    template_item_t *items;
    rc_t rc = store_template_items(st, version, &scratch, &items, n, e);
    arena_free(&scratch);
    if (rc == RC_OK && c->n < 8) {
        c->version[c->n] = version;
        c->nitems[c->n++] = *n;
    }
    return rc;
}

/* Counts the marks of the row's counted version. */
static rc_t count_marks(store_t *st, overview_row_t *r, item_counts_t *c, err_t *e)
{
    if (!r->counted)
        return RC_OK;
    arena_t scratch = ARENA_INIT;
    matrix_entry_t *entries;
    size_t n;
    rc_t rc = store_entries(st, r->counted->id, &scratch, &entries, &n, e);
    for (size_t i = 0; rc == RC_OK && i < n; i++)
        if ((unsigned)entries[i].mark < 4)
            r->marks[entries[i].mark]++;
    arena_free(&scratch);
    return rc == RC_OK ? template_size(st, r->counted->template_version, c, &r->nitems, e) : rc;
}

/* Fills one state's row from the reports and versions at the cursors (both sorted by state). */
static void summarise_state(overview_t *o, size_t i, bool published_only, size_t *rcur,
                            size_t *vcur)
{
    overview_row_t *r = &o->rows[i];
    const char *code = o->states[i].alpha3;
    r->state = &o->states[i];
    r->first_report = "";
    while (*rcur < o->nreports && strcmp(o->reports[*rcur].state, code) < 0)
        ++*rcur;
    for (; *rcur < o->nreports && strcmp(o->reports[*rcur].state, code) == 0; ++*rcur) {
        const report_t *rp = &o->reports[*rcur];
        r->nreports++;
        if (strcmp(rp->kind, "first-report") == 0 &&
            (!*r->first_report || strcmp(rp->date, r->first_report) < 0))
            r->first_report = rp->date;
    }
    while (*vcur < o->nversions && strcmp(o->versions[*vcur].state, code) < 0)
        ++*vcur;
    for (; *vcur < o->nversions && strcmp(o->versions[*vcur].state, code) == 0; ++*vcur) {
        const matrix_version_t *v = &o->versions[*vcur];
        if (published_only && v->status != MV_PUBLISHED)
            continue; /* for the public it does not exist */
        r->latest = v;
        if (matrix_status_frozen(v->status))
            r->counted = v;
    }
}

static rc_t load_overview(store_t *st, bool published_only, arena_t *a, overview_t *o, err_t *e)
{
    rc_t rc;
    memset(o, 0, sizeof *o);
    if ((rc = store_state_list(st, a, &o->states, &o->nstates, e)) != RC_OK ||
        (rc = store_report_list(st, NULL, a, &o->reports, &o->nreports, e)) != RC_OK ||
        (rc = store_version_list(st, NULL, a, &o->versions, &o->nversions, e)) != RC_OK ||
        (rc = store_is_demo(st, a, &o->demo, e)) != RC_OK)
        return rc;
    o->rows = arena_alloc(a, (o->nstates ? o->nstates : 1) * sizeof *o->rows);
    item_counts_t counts = {.n = 0};
    size_t rcur = 0, vcur = 0;
    for (size_t i = 0; rc == RC_OK && i < o->nstates; i++) {
        summarise_state(o, i, published_only, &rcur, &vcur);
        rc = count_marks(st, &o->rows[i], &counts, e);
    }
    return rc;
}

static void put_number(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, double v)
{
    worksheet_write_number(ws, row, col, v, NULL);
}

static void write_overview_row(lxw_worksheet *ws, lxw_row_t row, const overview_row_t *r,
                               lang_t lang)
{
    const state_t *s = r->state;
    put_text(ws, row, 0, s->alpha3, NULL);
    put_text(ws, row, 1, name_in(s->name, lang), NULL);
    put_text(ws, row, 2, s->un_group, NULL);
    put_text(ws, row, 3, s->m49_region, NULL);
    put_text(ws, row, 4, s->ldc ? "yes" : "no", NULL);
    put_text(ws, row, 5, s->lldc ? "yes" : "no", NULL);
    put_text(ws, row, 6, s->sids ? "yes" : "no", NULL);
    put_text(ws, row, 7, r->first_report, NULL);
    put_number(ws, row, 8, (double)r->nreports);
    if (r->latest) {
        put_number(ws, row, 9, r->latest->number);
        put_text(ws, row, 10, matrix_status_str(r->latest->status), NULL);
    }
    if (r->counted) {
        put_number(ws, row, 11, r->counted->number);
        put_number(ws, row, 12, (double)r->marks[MARK_X]);
        put_number(ws, row, 13, (double)r->marks[MARK_UNSURE]);
        put_number(ws, row, 14, (double)r->marks[MARK_NA]);
        put_number(ws, row, 15, (double)r->nitems);
    }
}

static void write_overview_sheet(lxw_workbook *wb, const overview_t *o, lang_t lang)
{
    static const xlsx_col_t cols[] = {{"Alpha-3", 8, false},   {"Name", 36, true},
                                      {"UN group", 10, false}, {"M49 region", 10, false},
                                      {"LDC", 6, false},       {"LLDC", 6, false},
                                      {"SIDS", 6, false},      {"First report", 12, false},
                                      {"Reports", 9, false},   {"Latest version", 9, false},
                                      {"Status", 12, false},   {"Approved version", 10, false},
                                      {"X", 6, false},         {"?", 6, false},
                                      {"NA", 6, false},        {"Items", 7, false}};
    enum { NCOLS = sizeof cols / sizeof *cols };
    xlsx_formats_t f;
    formats_make(wb, &f);
    lxw_worksheet *ws = workbook_add_worksheet(wb, "States");
    lxw_row_t head =
        write_preamble(ws, &f, "Resolution 1540: national reports and matrices", o->demo, lang);
    write_table_header(ws, &f, head, cols, NCOLS);
    for (size_t i = 0; i < o->nstates; i++)
        write_overview_row(ws, head + 1 + (lxw_row_t)i, &o->rows[i], lang);
    worksheet_autofilter(ws, head, 0, head + (lxw_row_t)o->nstates, NCOLS - 1);
}

rc_t xlsx_export_overview(store_t *st, lang_t lang, bool published_only, const char *path,
                          arena_t *a, err_t *e)
{
    overview_t o;
    lxw_workbook *wb;
    char *tmp;
    rc_t rc = load_overview(st, published_only, a, &o, e);
    if (rc != RC_OK || (rc = workbook_start(path, a, &wb, &tmp, e)) != RC_OK)
        return rc;
    write_overview_sheet(wb, &o, lang_or_english(lang));
    return workbook_finish(wb, tmp, path, e);
}
