/*
 * Writing a dataset as CSV files. Each file is built in memory and then
 * written to a temporary name and renamed, the usual way to make a file appear
 * whole or not at all.
 */
#include "csv_export.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "../util/atomic_file.h"
#include "../util/buf.h"
#include "csv.h"
#include "csv_fields.h"

const char *const csv_states_cols[] = {
    "alpha3",           "alpha2",  "numeric", "un_group", "m49_region", "m49_subregion",
    "m49_intermediate", "ldc",     "lldc",    "sids",     "name_ar",    "name_zh",
    "name_en",          "name_fr", "name_ru", "name_es"};
const char *const csv_reports_cols[] = {"id",    "state",    "kind",       "date", "language",
                                        "title", "filename", "media_type", "size", "sha256"};
const char *const csv_versions_cols[] = {"state",   "version",  "template_version", "status",
                                         "created", "approved", "published",        "note"};
/* The last five: tmpl (issue 12); files of the first eight still import. */
const char *const csv_entries_cols[] = {"state",         "version",       "item",
                                        "mark",          "legal_reference", "source_report",
                                        "page",          "remark",        "source_url",
                                        "info",          "info_signed",   "info_ratified",
                                        "info_acceded"};

/* memberships.csv (issue 12): the dated LDC, LLDC, SIDS and regional group periods. */
const char *const csv_memberships_cols[] = {"state", "group", "from", "to", "source"};

static void write_header(buf_t *b, const char *const *cols, size_t n)
{
    for (size_t i = 0; i < n; i++)
        csv_write_field(b, cols[i]);
    csv_end_row(b);
}

static void write_ll(buf_t *b, long long v)
{
    char s[24];
    snprintf(s, sizeof s, "%lld", v);
    csv_write_field(b, s);
}

static void write_states(buf_t *b, const dataset_t *ds)
{
    csv_fields_header(b, &state_fields);
    csv_end_row(b);
    for (size_t i = 0; i < ds->nstates; i++) {
        csv_fields_row(b, &state_fields, &ds->states[i].state);
        csv_end_row(b);
    }
}

static void write_reports(buf_t *b, const dataset_t *ds)
{
    write_header(b, csv_reports_cols, CSV_REPORTS_NCOLS);
    for (size_t i = 0; i < ds->nreports; i++) {
        const report_t *r = &ds->reports[i].meta;
        write_ll(b, r->id);
        csv_write_field(b, r->state);
        csv_write_field(b, r->kind);
        csv_write_field(b, r->date);
        csv_write_field(b, r->language);
        csv_write_field(b, r->title);
        csv_write_field(b, r->filename);
        csv_write_field(b, r->media_type);
        write_ll(b, r->size);
        csv_write_field(b, r->size < 0 ? "" : r->sha256);
        csv_end_row(b);
    }
}

/* The first two columns of an entry's row name its version. */
static void write_version_key(buf_t *b, const matrix_version_t *v)
{
    csv_write_field(b, v->state);
    write_ll(b, v->number);
}

static void write_versions(buf_t *b, const dataset_t *ds)
{
    csv_fields_header(b, &matrix_version_fields);
    csv_end_row(b);
    for (size_t i = 0; i < ds->nmatrices; i++) {
        csv_fields_row(b, &matrix_version_fields, &ds->matrices[i].v);
        csv_end_row(b);
    }
}

static void write_entries(buf_t *b, const dataset_t *ds)
{
    csv_write_field(b, "state");
    csv_write_field(b, "version");
    csv_fields_header(b, &matrix_entry_fields);
    csv_end_row(b);
    for (size_t i = 0; i < ds->nmatrices; i++) {
        const ds_matrix_t *m = &ds->matrices[i];
        for (size_t k = 0; k < m->nentries; k++) {
            write_version_key(b, &m->v);
            csv_fields_row(b, &matrix_entry_fields, &m->entries[k]);
            csv_end_row(b);
        }
    }
}

static void write_memberships(buf_t *b, const dataset_t *ds)
{
    write_header(b, csv_memberships_cols, CSV_MEMBERSHIPS_NCOLS);
    for (size_t i = 0; i < ds->nmemberships; i++) {
        const membership_t *m = &ds->memberships[i].m;
        csv_write_field(b, m->state);
        csv_write_field(b, m->group);
        csv_write_field(b, m->from);
        csv_write_field(b, m->to);
        csv_write_field(b, m->source);
        csv_end_row(b);
    }
}

/* Writes len bytes to path, all or nothing; on failure the file does not exist. */
static rc_t write_whole(const char *path, const char *data, size_t len, err_t *e)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return err_set(e, RC_FAIL, "%s: %s", path, strerror(errno));
    bool ok = fwrite(data, 1, len, f) == len && fflush(f) == 0;
    int saved = errno;
    if (fclose(f) != 0 && ok) {
        ok = false;
        saved = errno;
    }
    if (ok)
        return RC_OK;
    remove(path);
    return err_set(e, RC_FAIL, "%s: write failed: %s", path, strerror(saved));
}

/* Writes b into dir/name through dir/name.tmp. */
static rc_t write_file(const char *dir, const char *name, buf_t *b, err_t *e)
{
    char path[4096], tmp[sizeof path + 8];
    int n = snprintf(path, sizeof path, "%s/%s", dir, name);
    if (n < 0 || (size_t)n >= sizeof path)
        return err_set(e, RC_FAIL, "%s: path too long", dir);
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    if (b->overflow)
        return err_set(e, RC_FAIL, "%s: export larger than %zu bytes", path, b->limit);
    return atomic_file_finish(tmp, path, write_whole(tmp, buf_str(b), b->len, e), e);
}

static rc_t make_dir(const char *dir, err_t *e)
{
    struct stat sb;
    if (mkdir(dir, 0755) == 0)
        return RC_OK;
    if (errno == EEXIST && stat(dir, &sb) == 0 && S_ISDIR(sb.st_mode))
        return RC_OK;
    if (errno == EEXIST)
        return err_set(e, RC_FAIL, "%s: exists and is not a folder", dir);
    return err_set(e, RC_FAIL, "%s: %s", dir, strerror(errno));
}

rc_t csv_export_dir(const dataset_t *ds, const char *dir, err_t *e)
{
    static const struct {
        const char *name;
        void (*write)(buf_t *b, const dataset_t *ds);
    } files[] = {{"states.csv", write_states},
                 {"reports.csv", write_reports},
                 {"matrix_versions.csv", write_versions},
                 {"matrix_entries.csv", write_entries},
                 {"memberships.csv", write_memberships}};
    rc_t rc = make_dir(dir, e);
    for (size_t i = 0; rc == RC_OK && i < sizeof files / sizeof *files; i++) {
        buf_t b;
        buf_init(&b, BUF_DEFAULT_LIMIT);
        files[i].write(&b, ds);
        rc = write_file(dir, files[i].name, &b, e);
        buf_free(&b);
    }
    return rc;
}
