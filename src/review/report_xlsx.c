/*
 * The review as an XLSX workbook (libxlsxwriter): a first sheet with the
 * title, dates, caveat and the text of the report, then one sheet per table,
 * numbers as numbers so that they can be recomputed and charted in a
 * spreadsheet. Sheets run right to left for Arabic. Written to PATH.tmp and
 * renamed, so a failure leaves no half-written file.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "../util/atomic_file.h"
#include "report_doc.h"

typedef struct {
    lxw_format *title, *bold, *caveat, *demo, *wrap;
} formats_t;

static void formats(lxw_workbook *wb, formats_t *f)
{
    f->title = workbook_add_format(wb);
    format_set_bold(f->title);
    format_set_font_size(f->title, 14);
    f->bold = workbook_add_format(wb);
    format_set_bold(f->bold);
    f->caveat = workbook_add_format(wb);
    format_set_italic(f->caveat);
    f->demo = workbook_add_format(wb);
    format_set_bold(f->demo);
    format_set_font_color(f->demo, LXW_COLOR_RED);
    f->wrap = workbook_add_format(wb);
    format_set_text_wrap(f->wrap);
    format_set_align(f->wrap, LXW_ALIGN_VERTICAL_TOP);
}

/* A cell: a number when the whole text is one ("12", "43.5%" as 43.5). */
static void cell(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const char *s, lxw_format *f)
{
    char *end;
    double v = strtod(s, &end);
    if (end != s && (*end == '\0' || (end[0] == '%' && end[1] == '\0')) && s[0] != '+')
        worksheet_write_number(ws, row, col, v, f);
    else
        worksheet_write_string(ws, row, col, s, f);
}

/* A native chart of the table's figures: bars of the last column (coverage)
 * for a bar chart, one line per column after the first for a line chart. */
static void sheet_chart(lxw_workbook *wb, lxw_worksheet *ws, const char *sheet,
                        const doc_block_t *t, chart_kind_t kind)
{
    lxw_chart *ch = workbook_add_chart(wb, kind == CHART_LINES ? LXW_CHART_LINE : LXW_CHART_BAR);
    lxw_row_t first = 4, last = (lxw_row_t)(3 + t->nrows);
    lxw_col_t from = kind == CHART_LINES ? 1 : (lxw_col_t)(t->ncols - 1);
    for (lxw_col_t col = from; col < t->ncols; col++) {
        lxw_chart_series *se = chart_add_series(ch, NULL, NULL);
        chart_series_set_categories(se, sheet, first, 0, last, 0);
        chart_series_set_values(se, sheet, first, col, last, col);
        chart_series_set_name_range(se, sheet, 3, col);
    }
    chart_title_set_name(ch, t->text);
    if (kind != CHART_LINES)
        chart_legend_set_position(ch, LXW_CHART_LEGEND_NONE);
    lxw_chart_options opt = {.x_scale = 1.6, .y_scale = kind == CHART_LINES ? 1.4 : 2.2};
    worksheet_insert_chart_opt(ws, 1, (lxw_col_t)(t->ncols + 1), ch, &opt);
}

static void table_sheet(lxw_workbook *wb, const review_doc_t *doc, const doc_block_t *t,
                        const formats_t *f, const doc_block_t *chart)
{
    char name[32];
    snprintf(name, sizeof name, "%.31s", t->key);
    lxw_worksheet *ws = workbook_add_worksheet(wb, name);
    if (doc->lang == LANG_AR)
        worksheet_right_to_left(ws);
    worksheet_write_string(ws, 0, 0, t->text, f->title);
    worksheet_write_string(ws, 1, 0, doc->caveat, f->caveat);
    worksheet_set_column(ws, 0, 0, 40, NULL);
    worksheet_set_column(ws, 1, (lxw_col_t)(t->ncols ? t->ncols - 1 : 0), 14, NULL);
    for (size_t i = 0; i <= t->nrows; i++)
        for (size_t j = 0; j < t->ncols; j++)
            cell(ws, (lxw_row_t)(i + 3), (lxw_col_t)j, t->cells[i * t->ncols + j],
                 i == 0 ? f->bold : NULL);
    worksheet_freeze_panes(ws, 4, 1);
    if (chart && chart->kind == DOC_CHART && strcmp(chart->text, t->text) == 0 &&
        chart->chart.kind != CHART_HEAT)
        sheet_chart(wb, ws, name, t, chart->chart.kind);
}

static void text_sheet(lxw_workbook *wb, const review_doc_t *doc, const formats_t *f)
{
    lxw_worksheet *ws = workbook_add_worksheet(wb, "review");
    if (doc->lang == LANG_AR)
        worksheet_right_to_left(ws);
    worksheet_set_column(ws, 0, 0, 110, NULL);
    lxw_row_t row = 0;
    for (size_t i = 0; i < doc->n; i++) {
        const doc_block_t *k = &doc->blocks[i];
        if (k->kind == DOC_TABLE || k->kind == DOC_CHART)
            continue;
        lxw_format *fmt = k->kind == DOC_TITLE     ? f->title
                          : k->kind == DOC_HEADING ? f->bold
                          : k->text == doc->caveat ? f->caveat
                          : k->text == doc->demo_note ? f->demo : f->wrap;
        worksheet_write_string(ws, row++, 0, k->text, fmt);
    }
}

rc_t review_render_xlsx(const review_t *r, const char *path, err_t *e)
{
    arena_t a = ARENA_INIT;
    review_doc_t doc;
    review_doc_build(r, true, &a, &doc);
    char *tmp = atomic_file_tmp(path, &a);
    lxw_workbook *wb = workbook_new(tmp);
    if (!wb) {
        arena_free(&a);
        return err_set(e, RC_FAIL, "%s: cannot create the workbook", path);
    }
    formats_t f;
    formats(wb, &f);
    text_sheet(wb, &doc, &f);
    for (size_t i = 0; i < doc.n; i++) { /* a table's chart sits just before or after it */
        if (doc.blocks[i].kind != DOC_TABLE)
            continue;
        const doc_block_t *next = i + 1 < doc.n ? &doc.blocks[i + 1] : NULL;
        const doc_block_t *prev = i > 0 ? &doc.blocks[i - 1] : NULL;
        table_sheet(wb, &doc, &doc.blocks[i], &f,
                    next && next->kind == DOC_CHART ? next : prev);
    }
    lxw_error err = workbook_close(wb);
    rc_t rc = err == LXW_NO_ERROR ? RC_OK : err_set(e, RC_FAIL, "%s: %s", path, lxw_strerror(err));
    rc = atomic_file_finish(tmp, path, rc, e);
    arena_free(&a);
    return rc;
}
