/*
 * One matrix version as an XLSX workbook (libxlsxwriter), the same content
 * as its CSV (matrix_csv.c) with the column titles in the sheet's language:
 * the title, the header facts and the caveat above the table, the table's
 * header row frozen and filtered, long texts wrapped, right to left for
 * Arabic. The source report's number is a number; dates stay ISO text.
 */
#include <stdio.h>
#include <string.h>
#include <xlsxwriter.h>

#include "../util/atomic_file.h"
#include "matrix_sheet.h"

typedef struct {
    lxw_format *title, *bold, *caveat, *demo, *header, *wrap, *top;
} formats_t; /* owned by the workbook */

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
    f->header = workbook_add_format(wb);
    format_set_bold(f->header);
    format_set_bottom(f->header, LXW_BORDER_THIN);
    format_set_text_wrap(f->header);
    format_set_align(f->header, LXW_ALIGN_VERTICAL_TOP);
    f->wrap = workbook_add_format(wb);
    format_set_text_wrap(f->wrap);
    format_set_align(f->wrap, LXW_ALIGN_VERTICAL_TOP);
    f->top = workbook_add_format(wb);
    format_set_align(f->top, LXW_ALIGN_VERTICAL_TOP);
}

/* Column widths in characters; the wide ones wrap. */
static const double widths[MC_COUNT] = {28, 9, 24, 11, 60, 6,  45, 10, 36,
                                        11, 9, 30, 36, 30, 11, 11, 11};

static bool wraps(int c)
{
    return widths[c] >= 24;
}

/* The title, the header facts and the caveat; returns the table's header row. */
static lxw_row_t preamble(lxw_worksheet *ws, const matrix_sheet_t *m, const formats_t *f)
{
    lxw_row_t row = 0;
    worksheet_write_string(ws, row++, 0, m->title, f->title);
    for (int k = 0; k < MM_COUNT; k++) {
        worksheet_write_string(ws, row, 0, m->meta[k][0], f->bold);
        if (*m->meta[k][1])
            worksheet_write_string(ws, row, 2, m->meta[k][1], NULL);
        row++;
    }
    worksheet_write_string(ws, row++, 0, m->caveat, f->caveat);
    if (m->demo)
        worksheet_write_string(ws, row++, 0, m->demo_note, f->demo);
    return row + 1;
}

static void table_row(lxw_worksheet *ws, const matrix_sheet_t *m, const formats_t *f, lxw_row_t row,
                      size_t i, arena_t *a)
{
    const char *cells[MC_COUNT];
    matrix_sheet_row(m, i, a, cells);
    unsigned lines = 1;
    for (int c = 0; c < MC_COUNT; c++) {
        if (!*cells[c])
            continue;
        if (c == MC_SOURCE_REPORT) {
            worksheet_write_number(ws, row, (lxw_col_t)c, (double)m->entry[i]->source_report,
                                   f->top);
            continue;
        }
        worksheet_write_string(ws, row, (lxw_col_t)c, cells[c], wraps(c) ? f->wrap : f->top);
        /* generated files do not grow rows for wrapped text by themselves */
        size_t chars = 0;
        for (const unsigned char *p = (const unsigned char *)cells[c]; *p; p++)
            chars += (*p & 0xc0) != 0x80;
        unsigned l = wraps(c) ? (unsigned)((double)chars / (widths[c] * 0.95)) + 1 : 1;
        lines = l > lines ? l : lines;
    }
    if (lines > 1)
        worksheet_set_row(ws, row, 15.0 * lines, NULL);
}

rc_t matrix_sheet_xlsx(const matrix_sheet_t *m, const char *path, arena_t *a, err_t *e)
{
    char *tmp = atomic_file_tmp(path, a);
    lxw_workbook *wb = workbook_new(tmp);
    if (!wb)
        return err_set(e, RC_FAIL, "%s: cannot create the workbook", path);
    formats_t f;
    formats(wb, &f);
    lxw_worksheet *ws = workbook_add_worksheet(wb, "Matrix");
    if (m->lang == LANG_AR)
        worksheet_right_to_left(ws);
    lxw_row_t head = preamble(ws, m, &f);
    for (int c = 0; c < MC_COUNT; c++) {
        worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, widths[c], NULL);
        worksheet_write_string(ws, head, (lxw_col_t)c, matrix_sheet_col_title(m, c), f.header);
    }
    worksheet_set_row(ws, head, 30, NULL);
    worksheet_freeze_panes(ws, head + 1, 0);
    worksheet_set_landscape(ws);
    worksheet_fit_to_pages(ws, 1, 0);
    for (size_t i = 0; i < m->nitems; i++)
        table_row(ws, m, &f, head + 1 + (lxw_row_t)i, i, a);
    worksheet_autofilter(ws, head, 0, head + (lxw_row_t)m->nitems, MC_COUNT - 1);
    lxw_error err = workbook_close(wb);
    rc_t rc = err == LXW_NO_ERROR ? RC_OK : err_set(e, RC_FAIL, "%s: %s", path, lxw_strerror(err));
    return atomic_file_finish(tmp, path, rc, e);
}
