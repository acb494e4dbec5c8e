/*
 * Reference data loader. Files and their columns are documented in
 * data/states/README.md and data/template/README.md.
 */
#include "refdata.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/membership.h"
#include "../util/date.h"
#include "../util/tsv.h"

#define EXPECTED_STATES 193

static char *path_join(arena_t *a, const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = arena_alloc(a, n);
    snprintf(p, n, "%s/%s", dir, name);
    return p;
}

/* Finds the six language columns of a file. */
static rc_t lang_cols(const tsv_t *t, int cols[LANG_COUNT], err_t *e)
{
    for (int l = 0; l < LANG_COUNT; l++)
        if ((cols[l] = tsv_col(t, lang_code(l), e)) < 0)
            return RC_INPUT;
    return RC_OK;
}

static rc_t row_error(const tsv_t *t, size_t row, err_t *e, const char *what, const char *value)
{
    return err_set(e, RC_INPUT, "%s:%d: %s '%s'", t->path, t->line[row], what, value);
}

/* Loads a vocabulary file with columns code [parent] and the six languages. */
static rc_t load_vocab(store_t *st, const char *path, const char *kind, const char *parent_col,
                       arena_t *a, err_t *e)
{
    tsv_t t;
    int names[LANG_COUNT];
    rc_t rc = tsv_read(path, a, &t, e);
    if (rc != RC_OK || (rc = lang_cols(&t, names, e)) != RC_OK)
        return rc;
    int code = tsv_col(&t, strcmp(kind, "region") == 0 || strcmp(kind, "group") == 0 ? "code"
                                                                                       : "key",
                       e);
    int parent = parent_col ? tsv_col(&t, parent_col, e) : -1;
    if (code < 0 || (parent_col && parent < 0))
        return RC_INPUT;
    for (size_t r = 0; r < t.nrows; r++) {
        vocab_t v = {.kind = (char *)kind, .code = t.rows[r][code], .seq = (int)r + 1};
        v.parent = parent >= 0 ? t.rows[r][parent] : "";
        if (!*v.code)
            return row_error(&t, r, e, "empty code", "");
        for (int l = 0; l < LANG_COUNT; l++)
            if (!*(v.name[l] = t.rows[r][names[l]]))
                return row_error(&t, r, e, "missing name in", lang_code(l));
        if ((rc = store_vocab_put(st, &v, e)) != RC_OK) {
            err_prefix(e, "%s:%d: ", path, t.line[r]);
            return rc;
        }
    }
    return RC_OK;
}

static void copy_code(char *dst, size_t size, const char *src)
{
    snprintf(dst, size, "%s", src);
}

/* Loads formal-names.tsv as the vocabulary kind "formal" keyed by alpha3: the
 * UN formal name of each state of states (n of them), in the six languages. */
static rc_t load_formal_names(store_t *st, const char *dir, const state_t *states, size_t n,
                              arena_t *a, err_t *e)
{
    tsv_t t;
    int names[LANG_COUNT];
    rc_t rc = tsv_read(path_join(a, dir, "formal-names.tsv"), a, &t, e);
    int c3 = rc == RC_OK ? tsv_col(&t, "alpha3", e) : -1;
    if (rc != RC_OK || c3 < 0 || (rc = lang_cols(&t, names, e)) != RC_OK)
        return rc != RC_OK ? rc : RC_INPUT;
    if (t.nrows != n)
        return err_set(e, RC_INPUT, "%s: %zu rows, expected one for each of the %zu states",
                       t.path, t.nrows, n);
    for (size_t r = 0; r < t.nrows; r++) {
        vocab_t v = {.kind = "formal", .code = t.rows[r][c3], .parent = "", .seq = (int)r + 1};
        size_t i = 0;
        while (i < n && strcmp(states[i].alpha3, v.code) != 0)
            i++;
        if (i == n)
            return row_error(&t, r, e, "unknown state", v.code);
        for (int l = 0; l < LANG_COUNT; l++)
            if (!*(v.name[l] = t.rows[r][names[l]]))
                return row_error(&t, r, e, "missing formal name for", v.code);
        if ((rc = store_vocab_put(st, &v, e)) != RC_OK)
            return rc;
    }
    return RC_OK;
}

/* Reads memberships.tsv (alpha3, group, from, to, source) and checks each
 * period: a known state and group, valid dates in order, a source, and no
 * overlap with another period of the same state and group. The regional
 * group open today must be the state's un_group. */
static rc_t read_memberships(const char *dir, const state_t *states, size_t n, arena_t *a,
                             membership_t **out, size_t *nout, err_t *e)
{
    tsv_t t;
    static const char *const cols[] = {"alpha3", "group", "from", "to", "source"};
    int c[5];
    rc_t rc = tsv_read(path_join(a, dir, "memberships.tsv"), a, &t, e);
    for (int i = 0; rc == RC_OK && i < 5; i++)
        if ((c[i] = tsv_col(&t, cols[i], e)) < 0)
            rc = RC_INPUT;
    if (rc != RC_OK)
        return rc;
    membership_t *m = arena_alloc(a, (t.nrows + 1) * sizeof *m);
    for (size_t r = 0; r < t.nrows; r++) {
        char **f = t.rows[r];
        size_t i = 0;
        while (i < n && strcmp(states[i].alpha3, f[c[0]]) != 0)
            i++;
        if (i == n)
            return row_error(&t, r, e, "unknown state", f[c[0]]);
        copy_code(m[r].state, sizeof m[r].state, f[c[0]]);
        copy_code(m[r].group, sizeof m[r].group, f[c[1]]);
        copy_code(m[r].from, sizeof m[r].from, f[c[2]]);
        copy_code(m[r].to, sizeof m[r].to, f[c[3]]);
        m[r].source = f[c[4]];
        const char *why;
        /* a field longer than its slot was cut by copy_code: refuse it */
        if (strlen(f[c[1]]) >= sizeof m[r].group || strlen(f[c[2]]) >= sizeof m[r].from ||
            strlen(f[c[3]]) >= sizeof m[r].to)
            return row_error(&t, r, e, "group or date too long for", f[c[0]]);
        if (!membership_valid(&m[r], &why))
            return err_set(e, RC_INPUT, "%s:%d: %s for '%s' in '%s'", t.path, t.line[r], why,
                           f[c[0]], f[c[1]]);
        for (size_t k = 0; k < r; k++)
            if (strcmp(m[k].state, m[r].state) == 0 && strcmp(m[k].group, m[r].group) == 0 &&
                membership_overlap(&m[k], &m[r]))
                return row_error(&t, r, e, "period overlaps an earlier one for", f[c[0]]);
    }
    for (size_t i = 0; i < n; i++) {
        size_t k = 0;
        while (k < t.nrows && !(strcmp(m[k].state, states[i].alpha3) == 0 && !*m[k].to &&
                                strcmp(m[k].group, states[i].un_group) == 0))
            k++;
        if (k == t.nrows && strcmp(states[i].un_group, "NONE") != 0)
            return err_set(e, RC_INPUT, "%s: no open %s period for %s (its un_group in states.tsv)",
                           t.path, states[i].un_group, states[i].alpha3);
    }
    *out = m;
    *nout = t.nrows;
    return RC_OK;
}

static rc_t load_states(store_t *st, const char *dir, arena_t *a, err_t *e)
{
    tsv_t t, nt;
    rc_t rc = tsv_read(path_join(a, dir, "states.tsv"), a, &t, e);
    if (rc != RC_OK || (rc = tsv_read(path_join(a, dir, "names.tsv"), a, &nt, e)) != RC_OK)
        return rc;
    static const char *const cols[] = {"alpha2",        "alpha3",       "numeric",
                                       "un_group",      "m49_region",   "m49_subregion",
                                       "m49_intermediate"};
    int c[7], names[LANG_COUNT], n3 = tsv_col(&nt, "alpha3", e);
    for (int i = 0; i < 7; i++)
        if ((c[i] = tsv_col(&t, cols[i], e)) < 0)
            return RC_INPUT;
    if (n3 < 0 || (rc = lang_cols(&nt, names, e)) != RC_OK)
        return RC_INPUT;
    if (t.nrows != EXPECTED_STATES)
        return err_set(e, RC_INPUT, "%s: %zu states, expected the %d UN member states", t.path,
                       t.nrows, EXPECTED_STATES);
    state_t *states = arena_alloc(a, t.nrows * sizeof *states);
    for (size_t r = 0; r < t.nrows; r++) {
        char **f = t.rows[r];
        state_t *s = &states[r];
        if (strlen(f[c[0]]) != 2 || strlen(f[c[1]]) != 3 || strlen(f[c[2]]) != 3)
            return row_error(&t, r, e, "bad code", f[c[1]]);
        if (!state_group_valid(f[c[3]]))
            return row_error(&t, r, e, "unknown UN regional group", f[c[3]]);
        if (strlen(f[c[4]]) != 3 || strlen(f[c[5]]) != 3 || strlen(f[c[6]]) > 3)
            return row_error(&t, r, e, "bad M49 code for", f[c[1]]);
        copy_code(s->alpha2, sizeof s->alpha2, f[c[0]]);
        copy_code(s->alpha3, sizeof s->alpha3, f[c[1]]);
        copy_code(s->numeric, sizeof s->numeric, f[c[2]]);
        copy_code(s->un_group, sizeof s->un_group, f[c[3]]);
        copy_code(s->m49_region, sizeof s->m49_region, f[c[4]]);
        copy_code(s->m49_subregion, sizeof s->m49_subregion, f[c[5]]);
        copy_code(s->m49_intermediate, sizeof s->m49_intermediate, f[c[6]]);
        for (size_t k = 0; k < nt.nrows; k++)
            if (strcmp(nt.rows[k][n3], s->alpha3) == 0)
                for (int l = 0; l < LANG_COUNT; l++)
                    s->name[l] = nt.rows[k][names[l]];
        for (int l = 0; l < LANG_COUNT; l++)
            if (!s->name[l] || !*s->name[l])
                return err_set(e, RC_INPUT, "%s: no %s name for %s", nt.path, lang_code(l),
                               s->alpha3);
    }
    membership_t *m = NULL;
    size_t nm = 0;
    if ((rc = read_memberships(dir, states, t.nrows, a, &m, &nm, e)) != RC_OK)
        return rc;
    char today[11];
    date_today(today);
    for (size_t r = 0; r < t.nrows; r++) {
        states[r].ldc = membership_on(m, nm, states[r].alpha3, "LDC", today);
        states[r].lldc = membership_on(m, nm, states[r].alpha3, "LLDC", today);
        states[r].sids = membership_on(m, nm, states[r].alpha3, "SIDS", today);
        if ((rc = store_state_put(st, &states[r], e)) != RC_OK) {
            err_prefix(e, "%s:%d: ", t.path, t.line[r]);
            return rc;
        }
    }
    /* the file is the whole truth: a period it no longer has (a corrected
     * start date) must not stay behind and overlap the new one */
    if ((rc = store_membership_clear(st, e)) != RC_OK)
        return rc;
    for (size_t i = 0; i < nm; i++)
        if ((rc = store_membership_put(st, &m[i], e)) != RC_OK)
            return rc;
    return load_formal_names(st, dir, states, t.nrows, a, e);
}

static rc_t load_template_version(store_t *st, const char *dir, int version, arena_t *a,
                                  err_t *e)
{
    rc_t rc = load_vocab(st, path_join(a, dir, "headings.tsv"), "heading", "section", a, e);
    tsv_t t;
    if (rc != RC_OK || (rc = tsv_read(path_join(a, dir, "items.tsv"), a, &t, e)) != RC_OK)
        return rc;
    static const char *const cols[] = {"id", "section", "heading", "weapon", "themes"};
    int c[5], labels[LANG_COUNT];
    for (int i = 0; i < 5; i++)
        if ((c[i] = tsv_col(&t, cols[i], e)) < 0)
            return RC_INPUT;
    if ((rc = lang_cols(&t, labels, e)) != RC_OK)
        return rc;
    template_item_t *items = arena_alloc(a, (t.nrows + 1) * sizeof *items);
    for (size_t r = 0; r < t.nrows; r++) {
        char **f = t.rows[r];
        template_item_t it = {.id = f[c[0]], .seq = (int)r + 1, .section = f[c[1]],
                              .heading = f[c[2]], .weapon = f[c[3]], .themes = f[c[4]]};
        if (!template_item_id_ok(it.id))
            return row_error(&t, r, e, "bad item id", it.id);
        if (!template_section_valid(it.section))
            return row_error(&t, r, e, "unknown section", it.section);
        if (!template_weapon_valid(it.weapon))
            return row_error(&t, r, e, "unknown weapon type", it.weapon);
        if (!*it.themes || !*it.heading)
            return row_error(&t, r, e, "missing heading or themes for", it.id);
        for (int l = 0; l < LANG_COUNT; l++)
            if (!*(it.label[l] = f[labels[l]]))
                return row_error(&t, r, e, "missing label for", it.id);
        items[r] = it;
    }
    if ((rc = refdata_template_extras(dir, version, items, t.nrows, a, e)) != RC_OK)
        return rc;
    for (size_t r = 0; r < t.nrows; r++)
        if ((rc = store_template_item_put(st, version, &items[r], e)) != RC_OK) {
            err_prefix(e, "%s:%d: ", t.path, t.line[r]);
            return rc;
        }
    if (t.nrows == 0)
        return err_set(e, RC_INPUT, "%s: no items", t.path);
    return RC_OK;
}

/* Loads data/template/vN for every N present; returns the version new
 * matrices use (data/template/current, else the newest N). */
static rc_t load_templates(store_t *st, const char *dir, arena_t *a, int *newest, err_t *e)
{
    bool *loaded = arena_alloc(a, (REFDATA_TEMPLATE_MAX + 1) * sizeof *loaded);
    rc_t rc = load_vocab(st, path_join(a, dir, "sections.tsv"), "section", NULL, a, e);
    if (rc != RC_OK ||
        (rc = load_vocab(st, path_join(a, dir, "themes.tsv"), "theme", NULL, a, e)) != RC_OK)
        return rc;
    DIR *d = opendir(dir);
    if (!d)
        return err_set(e, RC_FAIL, "%s: cannot read the folder", dir);
    *newest = 0;
    struct dirent *de;
    while (rc == RC_OK && (de = readdir(d))) {
        char *end;
        long v = de->d_name[0] == 'v' ? strtol(de->d_name + 1, &end, 10) : 0;
        if (v <= 0 || v > REFDATA_TEMPLATE_MAX || *end)
            continue;
        rc = load_template_version(st, path_join(a, dir, de->d_name), (int)v, a, e);
        loaded[v] = true;
        if (v > *newest)
            *newest = (int)v;
    }
    closedir(d);
    if (rc == RC_OK && *newest == 0)
        rc = err_set(e, RC_INPUT, "%s: no template version folder (v1, v2, ...)", dir);
    if (rc == RC_OK)
        rc = refdata_template_current(dir, loaded, *newest, a, newest, e);
    return rc;
}

rc_t refdata_load(store_t *st, const char *data_dir, arena_t *a, err_t *e)
{
    const char *states = path_join(a, data_dir, "states");
    const char *tmpl = path_join(a, data_dir, "template");
    int newest = 0;
    rc_t rc;
    if ((rc = load_vocab(st, path_join(a, states, "m49-regions.tsv"), "region", "parent", a,
                         e)) != RC_OK ||
        (rc = load_vocab(st, path_join(a, states, "un-groups.tsv"), "group", NULL, a, e)) !=
            RC_OK ||
        (rc = load_states(st, states, a, e)) != RC_OK ||
        (rc = load_templates(st, tmpl, a, &newest, e)) != RC_OK ||
        (rc = refdata_org_load(st, path_join(a, data_dir, "organizations"), a, e)) != RC_OK ||
        (rc = refdata_facts_load(st, path_join(a, data_dir, "facts"), a, e)) != RC_OK)
        return rc;
    char v[16];
    snprintf(v, sizeof v, "%d", newest);
    return store_meta_set(st, "template_version", v, e);
}
