/*
 * One matrix version written as PDF, XLSX or CSV from the CLI: the same
 * writers as the web's download links (src/review/matrix_*.c), with the
 * labels from the catalogs of the one language asked for.
 */
#include "cmd_matrix_download.h"

#include <stdio.h>
#include <string.h>

#include "../review/chart.h"
#include "../review/matrix_sheet.h"
#include "../util/i18n.h"

bool matrix_download_format(const char *format)
{
    return format && (strcmp(format, "pdf") == 0 || strcmp(format, "xlsx") == 0 ||
                      strcmp(format, "csv") == 0);
}

static rc_t write_sheet(cli_t *c, const state_t *s, int version, const char *format, lang_t l,
                        const char *out)
{
    store_t *st;
    matrix_sheet_t m;
    rc_t rc = cli_store(c, STORE_OPEN_EXISTING, &st);
    if (rc == RC_OK)
        rc = matrix_sheet_load(st, s->alpha3, version, false, l, &c->arena, &m, &c->err);
    if (rc != RC_OK)
        return rc;
    if (strcmp(format, "pdf") == 0)
        return matrix_sheet_pdf(&m, out, &c->arena, &c->err);
    if (strcmp(format, "xlsx") == 0)
        return matrix_sheet_xlsx(&m, out, &c->arena, &c->err);
    return matrix_sheet_csv(&m, out, &c->arena, &c->err);
}

rc_t matrix_download(cli_t *c, const state_t *s, const char *varg, const char *format,
                     const char *lang, const char *out)
{
    long long version = 0;
    if (varg && cli_int(c, varg, "VERSION", 1, 1000000, &version) != RC_OK)
        return RC_USAGE;
    return matrix_download_version(c, s, (int)version, format, lang, out);
}

rc_t matrix_download_version(cli_t *c, const state_t *s, int version, const char *format,
                             const char *lang, const char *out)
{
    int l = lang_parse(lang ? lang : "en");
    if (l < 0)
        return err_set(&c->err, RC_USAGE, "--lang: '%s' is not ar, zh, en, fr, ru or es", lang);
    if (!out || !*out)
        return err_set(&c->err, RC_USAGE, "--format %s needs -o FILE", format);
    char po[4096];
    snprintf(po, sizeof po, "%s/po", c->data_dir);
    rc_t rc = i18n_load_only(po, l, &c->err);
    if (rc == RC_OK && l != LANG_EN && i18n_count((lang_t)l) == 0)
        rc = err_set(&c->err, RC_FAIL,
                     "%s/%s: no translations found (set R1540_DATA to r1540's"
                     " data folder)",
                     po, lang_code((lang_t)l));
    if (rc == RC_OK)
        rc = write_sheet(c, s, (int)version, format, (lang_t)l, out);
    i18n_free();
    if (strcmp(format, "pdf") == 0)
        chart_fonts_release();
    return rc;
}
