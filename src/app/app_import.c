/*
 * Importing a dataset (app_import.h).
 */
#include "app_import.h"

#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "../io/csv_import.h"
#include "../io/json_import.h"
#include "app_search.h"
#include "../util/buf.h"
#include "../util/json_out.h"

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

/* The audit detail of an import: what was read (the file's SHA-256, or each
 * CSV file's in a folder, so the very bytes can be matched later) and how
 * many records it held. One entry per import, however many records. */
static void import_detail(const char *path, bool folder, const dataset_t *ds, buf_t *b)
{
    buf_puts(b, "{");
    json_out_kv(b, 0, folder ? "folder" : "file", path);
    buf_puts(b, ",\"sha256\":");
    if (!folder)
        json_out_str(b, ds->sources[0].sha256);
    for (size_t i = 0; folder && i < ds->nsources; i++) {
        const ds_source_t *src = &ds->sources[i];
        buf_puts(b, i ? "," : "{");
        if (src->sha256[0])
            json_out_kv(b, 0, src->name, src->sha256);
        else
            buf_printf(b, "\"%s\":null", src->name);
    }
    size_t entries = 0;
    for (size_t i = 0; i < ds->nmatrices; i++)
        entries += ds->matrices[i].nentries;
    buf_printf(b,
               "%s,\"states\":%zu,\"reports\":%zu,\"matrix_versions\":%zu,"
               "\"matrix_entries\":%zu}",
               folder ? "}" : "", ds->nstates, ds->nreports, ds->nmatrices, entries);
}

/* Reads the dataset at path, a folder or a file by its name's ending. */
static rc_t import_read(app_t *a, const char *path, bool *folder, dataset_t *ds, err_t *e)
{
    struct stat sb;
    if (stat(path, &sb) != 0)
        return err_set(e, RC_NOTFOUND, "%s: no such file or folder", path);
    *folder = S_ISDIR(sb.st_mode);
    if (*folder || ends_with(path, ".csv"))
        return csv_import_path(path, a->arena, ds, e);
    if (ends_with(path, ".json"))
        return json_import_file(path, a->arena, ds, e);
    return err_set(e, RC_USAGE, "%s: give a .json file, a .csv file or a folder", path);
}

/* Gives text to the imported reports that came with a file, in the import's
 * transaction, so that they are found by search without a reindex. */
static rc_t index_imported(app_t *a, const dataset_t *ds, err_t *e)
{
    long long *ids = arena_alloc(a->arena, (ds->nreports + 1) * sizeof *ids);
    size_t n = 0, indexed = 0;
    for (size_t i = 0; i < ds->nreports; i++)
        if (ds->reports[i].doc)
            ids[n++] = ds->reports[i].meta.id;
    return n ? app_report_index_new(a->st, ids, n, &indexed, e) : RC_OK;
}

rc_t app_import(app_t *a, const char *path, dataset_t *out, err_t *e)
{
    bool folder = false;
    rc_t rc = app_allow(a, ACT_DATA_IMPORT, NULL, e);
    if (rc == RC_OK)
        rc = import_read(a, path, &folder, out, e);
    if (rc != RC_OK || (rc = app_begin(a, e)) != RC_OK)
        return rc;
    if ((rc = dataset_apply_in(a->st, out, a->arena, e)) != RC_OK && !folder &&
        !ends_with(path, ".csv")) /* CSV records name file:line */
        err_prefix(e, "%s: ", path);
    if (rc == RC_OK)
        rc = index_imported(a, out, e);
    buf_t detail, object;
    buf_init(&detail, 0);
    buf_init(&object, 0);
    if (rc == RC_OK)
        import_detail(path, folder, out, &detail);
    buf_printf(&object, "%s:%s", folder ? "folder" : "file", path);
    rc = app_finish(a, rc, "import", buf_str(&object), buf_str(&detail), e);
    buf_free(&detail);
    buf_free(&object);
    return rc;
}
