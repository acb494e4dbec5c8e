/*
 * A published matrix version as a file: /<lang>/states/CODE/versions/N/
 * download/pdf, /xlsx or /csv, in the page's language. The writers are the
 * CLI's (`matrix show --format pdf|xlsx|csv`, src/review/matrix_*.c); the
 * file is drawn into a temporary file, read back and removed. Only a
 * published version is offered (a draft is not public, and the state's
 * comments never go in a download). The route is a public page, so an
 * anonymous visitor's second download comes from the answer cache.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../review/matrix_sheet.h"
#include "../util/file.h"
#include "handlers.h"
#include "model.h"
#include "web.h"

static const struct {
    const char *format, *type;
    rc_t (*write)(const matrix_sheet_t *m, const char *path, arena_t *a, err_t *e);
} formats[] = {
    {"pdf", "application/pdf", matrix_sheet_pdf},
    {"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
     matrix_sheet_xlsx},
    {"csv", "text/csv; charset=utf-8", matrix_sheet_csv},
};

/* Draws the file with write into a temporary file and reads it into the arena. */
static rc_t draw(web_req_t *r, const matrix_sheet_t *m, size_t k, char **data, size_t *len,
                 err_t *e)
{
    char path[] = "/tmp/r1540-matrix-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0)
        return err_set(e, RC_FAIL, "cannot make a temporary file for the matrix");
    close(fd);
    rc_t rc = formats[k].write(m, path, &r->arena, e);
    if (rc == RC_OK)
        rc = file_read_all(path, (size_t)64 << 20, &r->arena, data, len, e);
    unlink(path);
    return rc;
}

rc_t h_matrix_download(web_req_t *r, json_t *m, err_t *e)
{
    (void)m;
    state_t s;
    matrix_version_t v;
    matrix_sheet_t sheet;
    size_t k = 0, n = sizeof formats / sizeof *formats;
    while (k < n && strcmp(r->args[2], formats[k].format) != 0)
        k++;
    if (k == n)
        return web_fail(r, e, 404, RC_NOTFOUND, "%s", web_tr(r, "There is no such file."));
    rc_t rc = model_state_arg(r, r->args[0], &s, e);
    if (rc == RC_OK)
        rc = model_version_arg(r, &s, r->args[1], &v, e);
    if (rc != RC_OK)
        return rc;
    if (v.status != MV_PUBLISHED)
        return web_fail(r, e, 404, RC_NOTFOUND, "%s",
                        web_tr(r, "Only a published version can be downloaded."));
    char *data;
    size_t len;
    if ((rc = matrix_sheet_load(r->st, s.alpha3, v.number, true, r->lang, &r->arena, &sheet, e)) !=
            RC_OK ||
        (rc = draw(r, &sheet, k, &data, &len, e)) != RC_OK)
        return rc;
    r->download = arena_printf(&r->arena, "attachment; filename=\"%s-matrix-v%d-%s.%s\"", s.alpha3,
                               v.number, lang_code(r->lang), formats[k].format);
    r->file = data;
    r->file_len = len;
    r->file_type = formats[k].type;
    return RC_OK;
}
