/*
 * One matrix as a reader downloads it (review/matrix_sheet.c, matrix_csv.c):
 * a page reference in the reader's words, a source named by its report, a
 * row per item with blank items empty, and the CSV read back by our own
 * parser with every row as wide as the table. No catalogs are loaded, so
 * labels are the English msgids.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "../../src/io/csv.h"
#include "../../src/review/matrix_sheet.h"
#include "../../src/util/file.h"
#include "tap.h"

int main(void)
{
    arena_t a = {0};
    err_t e = {0};
    TAP_STREQ(matrix_sheet_page(LANG_EN, "p. 12", &a), "p. 12", "\"p. 12\" stays");
    TAP_STREQ(matrix_sheet_page(LANG_EN, "12", &a), "p. 12", "a bare number gets \"p.\"");
    TAP_STREQ(matrix_sheet_page(LANG_EN, "pp. 3-5", &a), "p. 3-5", "a range keeps its numbers");
    TAP_STREQ(matrix_sheet_page(LANG_EN, "section 4", &a), "section 4", "other wording as written");
    TAP_STREQ(matrix_sheet_page(LANG_EN, "p.", &a), "p.", "a lone \"p.\" as written");
    TAP_STREQ(matrix_sheet_page(LANG_EN, "%s%n", &a), "%s%n", "a format in the page is only text");

    template_item_t items[3] = {
        {.id = "OP1-NPT", .section = "OP1", .heading = "op1.treaties", .weapon = "nuclear"},
        {.id = "OP1-CWC", .section = "OP1", .heading = "op1.treaties", .weapon = "chemical"},
        {.id = "OP2-NW-USE-LAW", .section = "OP2", .heading = "op2.nuclear", .weapon = "-"},
    };
    for (int i = 0; i < 3; i++)
        items[i].label[LANG_EN] = (char *)"a \"quoted\", label\nwith a line";
    report_t reps[1] = {{.id = 7, .date = "2020-02-02", .title = (char *)"Report, \"one\""}};
    matrix_entry_t en = {.item = "OP1-NPT",
                         .mark = MARK_X,
                         .legal_reference = "Act 1",
                         .source_report = 7,
                         .page = "4",
                         .remark = "",
                         .source_url = "https://example.org/x"};
    const matrix_entry_t *by_item[3] = {&en, NULL, NULL};
    matrix_sheet_t m = {.lang = LANG_EN,
                        .items = items,
                        .nitems = 3,
                        .entry = by_item,
                        .reports = reps,
                        .nreports = 1,
                        .title = "T",
                        .caveat = "C",
                        .short_caveat = "c",
                        .demo_note = ""};
    for (int k = 0; k < MM_COUNT; k++)
        m.meta[k][0] = "label", m.meta[k][1] = "";
    TAP_STREQ(matrix_sheet_source(&m, &en, &a),
              "Report, \"one\" (2020-02-02), p. 4; https://example.org/x",
              "a source: title (date), page; web address");
    TAP_STREQ(matrix_sheet_source(&m, NULL, &a), "", "a blank item has no source");
    matrix_entry_t lost = en;
    lost.source_report = 99, lost.source_url = "";
    TAP_STREQ(matrix_sheet_source(&m, &lost, &a), "report 99, p. 4",
              "a report the store no longer lists");
    const char *cells[MC_COUNT];
    matrix_sheet_row(&m, 2, &a, cells);
    TAP_CHECK(!*cells[MC_MARK] && !*cells[MC_WEAPON] && !*cells[MC_SOURCE_REPORT],
              "a blank item: no mark, no weapon for '-', no source");
    matrix_sheet_row(&m, 0, &a, cells);
    TAP_CHECK(!strcmp(cells[MC_SOURCE_REPORT], "7") &&
                  !strcmp(cells[MC_SOURCE_TITLE], "Report, \"one\""),
              "an entry's row names its report");

    char path[] = "/tmp/r1540-test-sheet-XXXXXX";
    int fd = mkstemp(path);
    close(fd);
    TAP_CHECK(matrix_sheet_csv(&m, path, &a, &e) == RC_OK, "the CSV is written");
    char *data;
    size_t len;
    csv_t csv;
    TAP_CHECK(file_read_all(path, 1 << 20, &a, &data, &len, &e) == RC_OK &&
                  csv_parse(path, data, len, &a, &csv, &e) == RC_OK,
              "our parser reads it back (every row as wide as the first)");
    TAP_CHECK(csv.ncols == MC_COUNT, "as wide as the table");
    size_t head = 0;
    while (head < csv.nrows && strcmp(csv.rows[head].fields[0], "item") != 0)
        head++;
    TAP_CHECK(head < csv.nrows && csv.nrows - head - 1 == 3,
              "the table has a row per item, blank ones too");
    if (head + 3 < csv.nrows)
        TAP_STREQ(csv.rows[head + 1].fields[MC_MEASURE], "a \"quoted\", label\nwith a line",
                  "quotes, commas and a line break survive");
    unlink(path);
    TAP_CHECK(matrix_sheet_csv(&m, "/nonexistent-dir/x.csv", &a, &e) == RC_FAIL,
              "a folder that does not exist: RC_FAIL");
    arena_free(&a);
    return tap_done();
}
