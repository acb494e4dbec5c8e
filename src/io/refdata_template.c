/*
 * The parts of a template version folder beyond its items (issue 12,
 * template v2): vN/notes.tsv (a note shown with a row, in six languages),
 * vN/from-vM.tsv (the crosswalk: which item of the previous version each item
 * carries forward), and data/template/current (the version new matrices use).
 * Formats: data/template/README.md.
 */
#include "refdata.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../util/file.h"
#include "../util/tsv.h"

static char *join(arena_t *a, const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = arena_alloc(a, n);
    snprintf(p, n, "%s/%s", dir, name);
    return p;
}

static template_item_t *find_item(template_item_t *items, size_t n, const char *id)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(items[i].id, id) == 0)
            return &items[i];
    return NULL;
}

static rc_t load_notes(const char *path, template_item_t *items, size_t n, arena_t *a, err_t *e)
{
    tsv_t t;
    rc_t rc = tsv_read(path, a, &t, e);
    int id = rc == RC_OK ? tsv_col(&t, "id", e) : -1, cols[LANG_COUNT];
    if (rc != RC_OK || id < 0)
        return rc != RC_OK ? rc : RC_INPUT;
    for (int l = 0; l < LANG_COUNT; l++)
        if ((cols[l] = tsv_col(&t, lang_code(l), e)) < 0)
            return RC_INPUT;
    for (size_t r = 0; r < t.nrows; r++) {
        template_item_t *it = find_item(items, n, t.rows[r][id]);
        if (!it)
            return err_set(e, RC_INPUT, "%s:%d: '%s' is not an item of this version", path,
                           t.line[r], t.rows[r][id]);
        for (int l = 0; l < LANG_COUNT; l++)
            if (!*(it->note[l] = t.rows[r][cols[l]]))
                return err_set(e, RC_INPUT, "%s:%d: missing %s note", path, t.line[r],
                               lang_code(l));
    }
    return RC_OK;
}

/* from-vM.tsv: columns vM_id, vN_id, relation (same | retired). */
static rc_t load_crosswalk(const char *path, int from, int version, template_item_t *items,
                           size_t n, arena_t *a, err_t *e)
{
    tsv_t t;
    char old_col[16], new_col[16];
    snprintf(old_col, sizeof old_col, "v%d_id", from);
    snprintf(new_col, sizeof new_col, "v%d_id", version);
    rc_t rc = tsv_read(path, a, &t, e);
    if (rc != RC_OK)
        return rc;
    int c_old = tsv_col(&t, old_col, e), c_new = tsv_col(&t, new_col, e),
        c_rel = tsv_col(&t, "relation", e);
    if (c_old < 0 || c_new < 0 || c_rel < 0)
        return RC_INPUT;
    for (size_t r = 0; r < t.nrows; r++) {
        char **f = t.rows[r];
        if (strcmp(f[c_rel], "retired") == 0 && strcmp(f[c_new], "-") == 0)
            continue;
        template_item_t *it = strcmp(f[c_rel], "same") == 0 ? find_item(items, n, f[c_new]) : NULL;
        if (!it || !template_item_id_ok(f[c_old]) || *it->from_id)
            return err_set(e, RC_INPUT, "%s:%d: '%s -> %s (%s)' is not a crosswalk row: the "
                                        "relation is same or retired, the target an item of "
                                        "v%d that receives one item at most",
                           path, t.line[r], f[c_old], f[c_new], f[c_rel], version);
        it->from_id = f[c_old];
    }
    return RC_OK;
}

rc_t refdata_template_extras(const char *dir, int version, template_item_t *items, size_t n,
                             arena_t *a, err_t *e)
{
    for (size_t i = 0; i < n; i++) {
        items[i].from_id = "";
        for (int l = 0; l < LANG_COUNT; l++)
            items[i].note[l] = "";
    }
    const char *notes = join(a, dir, "notes.tsv");
    rc_t rc = RC_OK;
    if (access(notes, F_OK) == 0 && (rc = load_notes(notes, items, n, a, e)) != RC_OK)
        return rc;
    char name[32];
    snprintf(name, sizeof name, "from-v%d.tsv", version - 1);
    const char *walk = join(a, dir, name);
    if (version > 1 && access(walk, F_OK) == 0)
        rc = load_crosswalk(walk, version - 1, version, items, n, a, e);
    return rc;
}

rc_t refdata_template_current(const char *dir, const bool *loaded, int newest, arena_t *a,
                              int *out, err_t *e)
{
    const char *path = join(a, dir, "current");
    char *text;
    size_t len;
    *out = newest;
    rc_t rc = file_read_all(path, 64, a, &text, &len, e);
    if (rc == RC_NOTFOUND) {
        err_clear(e);
        return RC_OK;
    }
    if (rc != RC_OK)
        return rc;
    char *end;
    long v = strtol(text, &end, 10);
    while (*end == '\n' || *end == ' ')
        end++;
    if (end == text || *end || v < 1 || v > REFDATA_TEMPLATE_MAX || !loaded[v])
        return err_set(e, RC_INPUT, "%s: must hold the number of a template version folder "
                                    "(1 for v1, ...)", path);
    *out = (int)v;
    return RC_OK;
}
