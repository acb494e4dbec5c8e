/*
 * One matrix version as CSV (RFC 4180, UTF-8, CRLF): first the header facts
 * (state, version, status, the dates of the first report and of each
 * addendum, approval, publication) and the caveat, one "label,value" row each,
 * padded to the table's width so that every row has the same number of
 * fields; an empty row; then the table with the stable English column keys
 * of matrix_sheet_col_key and one row per template item, blank ones too.
 * docs/formats.md describes the columns.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "../io/csv.h"
#include "../util/atomic_file.h"
#include "../util/buf.h"
#include "matrix_sheet.h"

/* A preamble row: label, value and empty fields up to the table's width. */
static void pair_row(buf_t *b, const char *label, const char *value)
{
    csv_write_field(b, label);
    csv_write_field(b, value);
    for (int c = 2; c < MC_COUNT; c++)
        csv_write_field(b, "");
    csv_end_row(b);
}

static void build(const matrix_sheet_t *m, buf_t *b, arena_t *a)
{
    pair_row(b, m->title, "");
    for (int k = 0; k < MM_COUNT; k++)
        pair_row(b, m->meta[k][0], m->meta[k][1]);
    pair_row(b, m->caveat, "");
    if (m->demo)
        pair_row(b, m->demo_note, "");
    pair_row(b, "", "");
    for (int c = 0; c < MC_COUNT; c++)
        csv_write_field(b, matrix_sheet_col_key(c));
    csv_end_row(b);
    const char *cells[MC_COUNT];
    for (size_t i = 0; i < m->nitems; i++) {
        matrix_sheet_row(m, i, a, cells);
        for (int c = 0; c < MC_COUNT; c++)
            csv_write_field(b, cells[c]);
        csv_end_row(b);
    }
}

/* Writes len bytes to path; on failure the file is removed. */
static rc_t write_whole(const char *path, const char *data, size_t len, err_t *e)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return err_set(e, RC_FAIL, "%s: %s", path, strerror(errno));
    bool ok = fwrite(data, 1, len, f) == len;
    ok = fclose(f) == 0 && ok;
    if (ok)
        return RC_OK;
    remove(path);
    return err_set(e, RC_FAIL, "%s: write failed", path);
}

rc_t matrix_sheet_csv(const matrix_sheet_t *m, const char *path, arena_t *a, err_t *e)
{
    buf_t b;
    buf_init(&b, (size_t)64 << 20);
    build(m, &b, a);
    char *tmp = atomic_file_tmp(path, a);
    rc_t rc = b.overflow ? err_set(e, RC_FAIL, "%s: the matrix is larger than 64 MiB", path)
                         : write_whole(tmp, buf_str(&b), b.len, e);
    buf_free(&b);
    return atomic_file_finish(tmp, path, rc, e);
}
