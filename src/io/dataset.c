/*
 * Moving datasets in and out of the store. dataset_apply is the single gate
 * for imported data: whatever the file format, records are checked here
 * (references, duplicates, template items, workflow) before one transaction
 * writes them, and the first problem aborts the whole import.
 */
#include "dataset.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/date.h"
#include "../util/text.h"

/* ---- load --------------------------------------------------------------- */

static rc_t load_matrices(store_t *st, const char *state, arena_t *a, dataset_t *out, err_t *e)
{
    matrix_version_t *vs;
    size_t n;
    rc_t rc = store_version_list(st, state, a, &vs, &n, e);
    if (rc != RC_OK)
        return rc;
    out->matrices = arena_alloc(a, (n ? n : 1) * sizeof *out->matrices);
    out->nmatrices = n;
    for (size_t i = 0; i < n && rc == RC_OK; i++) {
        out->matrices[i].v = vs[i];
        rc = store_entries(st, vs[i].id, a, &out->matrices[i].entries,
                           &out->matrices[i].nentries, e);
    }
    return rc;
}

/* Events of all states, or those a state took part in. */
static rc_t load_events(store_t *st, const char *state, arena_t *a, dataset_t *out, err_t *e)
{
    event_t *evs;
    size_t n;
    rc_t rc = store_outreach_list(st, state, a, &evs, &n, e);
    if (rc != RC_OK)
        return rc;
    out->events = arena_alloc(a, (n ? n : 1) * sizeof *out->events);
    out->nevents = n;
    for (size_t i = 0; i < n; i++)
        out->events[i].ev = evs[i];
    return RC_OK;
}

rc_t dataset_load(store_t *st, const char *state, bool with_documents, arena_t *a,
                  dataset_t *out, err_t *e)
{
    memset(out, 0, sizeof *out);
    char *value;
    out->has_demo = true;
    out->demo = store_meta_get(st, "demo", a, &value, NULL) == RC_OK && strcmp(value, "1") == 0;
    if (store_meta_get(st, "template_version", a, &value, NULL) == RC_OK)
        out->template_version = (int)strtol(value, NULL, 10);
    state_t *states, one;
    size_t n = 1;
    rc_t rc = state ? store_state_get(st, state, a, &one, e)
                    : store_state_list(st, a, &states, &n, e);
    if (rc != RC_OK)
        return rc;
    out->states = arena_alloc(a, (n ? n : 1) * sizeof *out->states);
    out->nstates = n;
    for (size_t i = 0; i < n; i++)
        out->states[i].state = state ? one : states[i];
    report_t *reports;
    if ((rc = store_report_list(st, state ? one.alpha3 : NULL, a, &reports, &n, e)) != RC_OK)
        return rc;
    out->reports = arena_alloc(a, (n ? n : 1) * sizeof *out->reports);
    out->nreports = n;
    for (size_t i = 0; i < n && rc == RC_OK; i++) {
        out->reports[i].meta = reports[i];
        if (with_documents && reports[i].has_document)
            rc = store_report_document(st, reports[i].id, a, (void **)&out->reports[i].doc,
                                       &out->reports[i].doc_len, e);
    }
    if (rc == RC_OK)
        rc = load_matrices(st, state ? one.alpha3 : NULL, a, out, e);
    if (rc == RC_OK)
        rc = load_events(st, state ? one.alpha3 : NULL, a, out, e);
    if (rc == RC_OK)
        rc = dataset_load_memberships(st, state ? one.alpha3 : NULL, a, out, e);
    return rc == RC_OK ? dataset_load_assistance(st, state ? one.alpha3 : NULL, a, out, e) : rc;
}

/* ---- apply: states --------------------------------------------------------- */

static rc_t fail_at(err_t *e, const char *where, rc_t rc)
{
    if (where)
        err_prefix(e, "%s: ", where);
    return rc;
}

static bool m49_ok(const char *code, bool may_be_empty)
{
    if (!*code)
        return may_be_empty;
    return strlen(code) == 3 && strspn(code, "0123456789") == 3;
}

static rc_t state_check(const state_t *s, err_t *e)
{
    if (strlen(s->alpha3) != 3 || strlen(s->alpha2) != 2 || strlen(s->numeric) != 3)
        return err_set(e, RC_INPUT, "state codes must be alpha-3, alpha-2 and 3-digit numeric");
    if (!m49_ok(s->m49_region, false) || !m49_ok(s->m49_subregion, false) ||
        !m49_ok(s->m49_intermediate, true))
        return err_set(e, RC_INPUT, "m49: region and sub-region are 3-digit codes, the "
                                    "intermediate region one or empty");
    if (!state_group_valid(s->un_group))
        return err_set(e, RC_INPUT, "un_group: '%s' is not a UN regional group", s->un_group);
    for (int l = 0; l < LANG_COUNT; l++)
        if (!s->name[l] || !*s->name[l] || !text_single_line_ok(s->name[l], 200))
            return err_set(e, RC_INPUT, "name_%s: must be one line of 1 to 200 bytes",
                           lang_code(l));
    return RC_OK;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* A sorted set of ids (state codes, template items) for membership checks:
 * loaded once per import instead of one store query per record. */
typedef struct {
    const char **ids;
    size_t n;
} id_set_t;

static void id_set_init(id_set_t *set, size_t n, arena_t *a)
{
    set->ids = arena_alloc(a, (n + 1) * sizeof *set->ids);
    set->n = n;
}

static void id_set_sort(id_set_t *set)
{
    qsort(set->ids, set->n, sizeof *set->ids, cmp_str);
}

static bool id_set_has(const id_set_t *set, const char *id)
{
    return bsearch(&id, set->ids, set->n, sizeof *set->ids, cmp_str) != NULL;
}

/* The member states in the store (after the import's own states are written). */
static rc_t state_set_load(store_t *st, arena_t *a, id_set_t *set, err_t *e)
{
    state_t *states;
    size_t n;
    rc_t rc = store_state_list(st, a, &states, &n, e);
    if (rc != RC_OK)
        return rc;
    id_set_init(set, n, a);
    for (size_t i = 0; i < n; i++)
        set->ids[i] = states[i].alpha3;
    id_set_sort(set);
    return RC_OK;
}

/* Index order for sorting keys; equal keys keep their file order. */
static int cmp_key_index(const void *a, const void *b, void *keys_v)
{
    const char **keys = keys_v;
    size_t i = *(const size_t *)a, j = *(const size_t *)b;
    int c = strcmp(keys[i], keys[j]);
    return c ? c : (i > j) - (i < j);
}

/* Returns the index of the first record (in file order) whose key repeats an
 * earlier one, or -1 when all n keys differ. */
static long first_duplicate(const char **keys, size_t n)
{
    size_t *idx = xmalloc((n ? n : 1) * sizeof *idx);
    for (size_t i = 0; i < n; i++)
        idx[i] = i;
    qsort_r(idx, n, sizeof *idx, cmp_key_index, (void *)keys);
    long at = -1;
    for (size_t i = 1; i < n; i++)
        if (strcmp(keys[idx[i - 1]], keys[idx[i]]) == 0 && (at < 0 || (size_t)at > idx[i]))
            at = (long)idx[i];
    free(idx);
    return at;
}

static rc_t apply_states(store_t *st, const dataset_t *ds, arena_t *a, err_t *e)
{
    const char **keys = arena_alloc(a, (ds->nstates + 1) * sizeof *keys);
    for (size_t i = 0; i < ds->nstates; i++)
        keys[i] = ds->states[i].state.alpha3;
    long dup = first_duplicate(keys, ds->nstates);
    if (dup >= 0) {
        err_set(e, RC_INPUT, "state %s appears twice", keys[dup]);
        return fail_at(e, ds->states[dup].where, RC_INPUT);
    }
    for (size_t i = 0; i < ds->nstates; i++) {
        rc_t rc = state_check(&ds->states[i].state, e);
        if (rc == RC_OK)
            rc = store_state_put(st, &ds->states[i].state, e);
        if (rc != RC_OK)
            return fail_at(e, ds->states[i].where, rc);
    }
    return RC_OK;
}

/* ---- apply: reports --------------------------------------------------------- */

static bool same_str(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "") == 0;
}

static bool report_same(const report_t *x, const report_t *y)
{
    return strcmp(x->state, y->state) == 0 && same_str(x->kind, y->kind) &&
           strcmp(x->date, y->date) == 0 && strcmp(x->language, y->language) == 0 &&
           same_str(x->title, y->title) && same_str(x->filename, y->filename) &&
           same_str(x->media_type, y->media_type) && x->size == y->size &&
           strcmp(x->sha256, y->sha256) == 0;
}

static rc_t report_check(const id_set_t *states, const ds_report_t *r, err_t *e)
{
    rc_t rc = report_validate(&r->meta, e);
    if (rc != RC_OK)
        return rc;
    if (r->meta.id <= 0)
        return err_set(e, RC_INPUT, "id: must be a positive integer");
    if (!id_set_has(states, r->meta.state))
        return err_set(e, RC_NOTFOUND, "state: unknown state '%s'", r->meta.state);
    if (r->doc) {
        char hex[65];
        report_sha256_hex(r->doc, r->doc_len, hex);
        if ((long long)r->doc_len != r->meta.size)
            return err_set(e, RC_INPUT, "size: %lld, but the document has %zu bytes",
                           r->meta.size, r->doc_len);
        if (strcmp(hex, r->meta.sha256) != 0)
            return err_set(e, RC_INPUT, "sha256: does not match the document");
    }
    return RC_OK;
}

static rc_t apply_reports(store_t *st, const dataset_t *ds, const id_set_t *states, arena_t *a,
                          err_t *e)
{
    const char **keys = arena_alloc(a, (ds->nreports + 1) * sizeof *keys);
    for (size_t i = 0; i < ds->nreports; i++) {
        char id[24];
        snprintf(id, sizeof id, "%lld", ds->reports[i].meta.id);
        keys[i] = arena_strdup(a, id);
    }
    long dup = first_duplicate(keys, ds->nreports);
    if (dup >= 0) {
        err_set(e, RC_INPUT, "report id %s appears twice", keys[dup]);
        return fail_at(e, ds->reports[dup].where, RC_INPUT);
    }
    for (size_t i = 0; i < ds->nreports; i++) {
        const ds_report_t *r = &ds->reports[i];
        report_t old;
        rc_t rc = report_check(states, r, e);
        if (rc == RC_OK && store_report_get(st, r->meta.id, a, &old, NULL) == RC_OK) {
            if (!report_same(&old, &r->meta))
                rc = err_set(e, RC_INPUT, "report %lld already exists with other content",
                             r->meta.id);
            else if (r->doc && !old.has_document) /* metadata came first, e.g. from CSV */
                rc = store_report_attach(st, r->meta.id, r->doc, r->doc_len, e);
        } else if (rc == RC_OK) {
            report_t copy = r->meta;
            rc = store_report_insert(st, &copy, r->doc, r->doc_len, e);
        }
        if (rc != RC_OK)
            return fail_at(e, r->where, rc);
    }
    return RC_OK;
}

/* ---- apply: matrices --------------------------------------------------------- */

/* The item ids of one template version, sorted, for membership checks. */
typedef struct {
    int version;
    id_set_t ids;
} item_set_t;

static rc_t item_set_load(store_t *st, int version, arena_t *a, item_set_t *set, err_t *e)
{
    template_item_t *items;
    size_t n;
    rc_t rc = store_template_items(st, version, a, &items, &n, e);
    if (rc != RC_OK)
        return rc;
    if (n == 0)
        return err_set(e, RC_INPUT, "template_version: %d is not a known template version",
                       version);
    set->version = version;
    id_set_init(&set->ids, n, a);
    for (size_t i = 0; i < n; i++)
        set->ids.ids[i] = items[i].id;
    id_set_sort(&set->ids);
    return RC_OK;
}

static rc_t version_check(const matrix_version_t *v, err_t *e)
{
    if (v->number <= 0)
        return err_set(e, RC_INPUT, "version: must be a positive integer");
    if (!date_valid(v->created))
        return err_set(e, RC_INPUT, "created: '%s' is not a date", v->created);
    /* A published version's approval date may be unknown (""): the Committee
     * publishes matrices without always making public when it approved them. */
    bool approved = v->status == MV_APPROVED || v->status == MV_PUBLISHED;
    bool published = v->status == MV_PUBLISHED;
    bool dated = v->approved[0] != '\0';
    if ((dated && (!approved || !date_valid(v->approved))) || (approved && !published && !dated))
        return err_set(e, RC_INPUT, "approved: a date when the status is approved, a date or "
                                   "none (not public) when published, none otherwise");
    if (published != (v->published[0] != '\0') || (published && !date_valid(v->published)))
        return err_set(e, RC_INPUT, "published: a date exactly when the status is published");
    if ((dated && strcmp(v->approved, v->created) < 0) ||
        (published && strcmp(v->published, dated ? v->approved : v->created) < 0))
        return err_set(e, RC_INPUT, "dates: created <= approved <= published");
    char today[11];
    date_today(today);
    if (strcmp(v->created, today) > 0 || strcmp(v->approved, today) > 0 ||
        strcmp(v->published, today) > 0)
        return err_set(e, RC_INPUT, "dates: a version cannot be created, approved or "
                                    "published in the future");
    if (!text_multi_line_ok(v->note ? v->note : "", MATRIX_TEXT_MAX))
        return err_set(e, RC_INPUT, "note: must be UTF-8 text of at most %d bytes",
                       MATRIX_TEXT_MAX);
    return RC_OK;
}

static rc_t entries_check(const ds_matrix_t *m, const item_set_t *set, arena_t *a, err_t *e)
{
    const char **keys = arena_alloc(a, (m->nentries + 1) * sizeof *keys);
    for (size_t i = 0; i < m->nentries; i++) {
        const matrix_entry_t *en = &m->entries[i];
        if (!id_set_has(&set->ids, en->item))
            return err_set(e, RC_INPUT, "entries[%zu].item: '%s' is not an item of template "
                                       "version %d", i, en->item, set->version);
        rc_t rc = matrix_entry_validate(en, e);
        if (rc != RC_OK) {
            err_prefix(e, "entries[%zu] (%s).", i, en->item);
            return rc;
        }
        keys[i] = en->item;
    }
    long dup = first_duplicate(keys, m->nentries);
    if (dup >= 0)
        return err_set(e, RC_INPUT, "entries[%ld]: item %s appears twice", dup, keys[dup]);
    return RC_OK;
}

/* Moves a version along the workflow from `from` to `to`, one allowed step at a time. */
static rc_t walk_status(store_t *st, const matrix_version_t *v, mv_status_t from, err_t *e)
{
    mv_status_t to = v->status;
    if (from == to)
        return RC_OK;
    if (from == MV_WITH_STATE && to == MV_DRAFT)
        return store_version_set_status(st, v->id, MV_DRAFT, NULL, e);
    if (to < from)
        return err_set(e, RC_REFUSED, "status: cannot go back from %s to %s",
                       matrix_status_str(from), matrix_status_str(to));
    for (int s = (int)from + 1; s <= (int)to; s++) {
        const char *date = s == MV_APPROVED ? v->approved : s == MV_PUBLISHED ? v->published : NULL;
        rc_t rc = store_version_set_status(st, v->id, (mv_status_t)s, date, e);
        if (rc != RC_OK)
            return rc;
    }
    return RC_OK;
}

static int cmp_entry_item(const void *a, const void *b)
{
    return strcmp(((const matrix_entry_t *)a)->item, ((const matrix_entry_t *)b)->item);
}

/* The non-empty entries of m, sorted by item id, in a new arena array. */
static matrix_entry_t *entries_by_item(const matrix_entry_t *es, size_t n, arena_t *a,
                                       size_t *kept)
{
    matrix_entry_t *out = arena_alloc(a, (n + 1) * sizeof *out);
    *kept = 0;
    for (size_t i = 0; i < n; i++)
        if (!matrix_entry_empty(&es[i]))
            out[(*kept)++] = es[i];
    qsort(out, *kept, sizeof *out, cmp_entry_item);
    return out;
}

/* True if the stored entries and the imported ones say the same, whatever
 * order the import lists them in and whether it spells out blank items. */
static bool entries_same(const matrix_entry_t *stored, size_t ns, const ds_matrix_t *m,
                         arena_t *a)
{
    size_t n1, n2;
    matrix_entry_t *x = entries_by_item(stored, ns, a, &n1);
    matrix_entry_t *y = entries_by_item(m->entries, m->nentries, a, &n2);
    if (n1 != n2)
        return false;
    for (size_t i = 0; i < n1; i++)
        if (strcmp(x[i].item, y[i].item) != 0 || !matrix_entry_equal(&x[i], &y[i]))
            return false;
    return true;
}

/* The reports in the store (after the import's own are written), by id, for
 * the entries' source reports: one query per import, so that a refusal names
 * the entry (the store's foreign keys check them again). */
typedef struct {
    report_t *reports; /* by id */
    size_t n;
} report_set_t;

static int cmp_report_id(const void *a, const void *b)
{
    long long x = ((const report_t *)a)->id, y = ((const report_t *)b)->id;
    return (x > y) - (x < y);
}

static rc_t report_set_load(store_t *st, arena_t *a, report_set_t *set, err_t *e)
{
    rc_t rc = store_report_list(st, NULL, a, &set->reports, &set->n, e);
    if (rc == RC_OK && set->n)
        qsort(set->reports, set->n, sizeof *set->reports, cmp_report_id);
    return rc;
}

/* The same messages as the store's own foreign keys give (sqlite.c). */
static rc_t source_report_check(const report_set_t *set, const char *state,
                                const matrix_entry_t *en, err_t *e)
{
    if (en->source_report == 0)
        return RC_OK;
    report_t key = {.id = en->source_report};
    const report_t *r = set->n ? bsearch(&key, set->reports, set->n, sizeof key, cmp_report_id)
                               : NULL;
    if (!r)
        return err_set(e, RC_INPUT, "item %s: no report with id %lld", en->item,
                       en->source_report);
    if (strcmp(r->state, state) != 0)
        return err_set(e, RC_INPUT, "item %s: the source report is not a report of %s",
                       en->item, state);
    return RC_OK;
}

/* Writes the non-empty entries of m into its (new or emptied) version. */
static rc_t insert_entries(store_t *st, const ds_matrix_t *m, const report_set_t *reports,
                           arena_t *a, err_t *e)
{
    matrix_entry_t *kept = arena_alloc(a, (m->nentries + 1) * sizeof *kept);
    size_t n = 0;
    for (size_t i = 0; i < m->nentries; i++)
        if (!matrix_entry_empty(&m->entries[i]))
            kept[n++] = m->entries[i];
    for (size_t i = 0; i < n; i++) {
        rc_t rc = source_report_check(reports, m->v.state, &kept[i], e);
        if (rc != RC_OK)
            return rc;
    }
    return store_entries_insert(st, m->v.id, kept, n, e);
}

/* An existing frozen version may only be imported again unchanged (or published). */
static rc_t apply_frozen(store_t *st, const matrix_version_t *old, ds_matrix_t *m, arena_t *a,
                         err_t *e)
{
    matrix_entry_t *entries;
    size_t n;
    rc_t rc = store_entries(st, old->id, a, &entries, &n, e);
    if (rc != RC_OK)
        return rc;
    bool same = old->template_version == m->v.template_version &&
                strcmp(old->created, m->v.created) == 0 &&
                strcmp(old->approved, m->v.approved) == 0 && same_str(old->note, m->v.note) &&
                (old->status != MV_PUBLISHED || strcmp(old->published, m->v.published) == 0) &&
                entries_same(entries, n, m, a);
    bool publish = old->status == MV_APPROVED && m->v.status == MV_PUBLISHED;
    if (!same || (old->status != m->v.status && !publish))
        return err_set(e, RC_REFUSED, "%s version %d is %s and cannot change; import it as a "
                                     "new version", old->state, old->number,
                       matrix_status_str(old->status));
    m->v.id = old->id;
    return walk_status(st, &m->v, old->status, e);
}

static rc_t apply_open(store_t *st, const matrix_version_t *old, ds_matrix_t *m,
                       const report_set_t *reports, arena_t *a, err_t *e)
{
    rc_t rc = store_entries_clear(st, old->id, e);
    m->v.id = old->id;
    if (rc == RC_OK) /* the import's template, date and note replace the stored ones */
        rc = store_version_update(st, &m->v, e);
    if (rc == RC_OK)
        rc = insert_entries(st, m, reports, a, e);
    return rc == RC_OK ? walk_status(st, &m->v, old->status, e) : rc;
}

static rc_t apply_new(store_t *st, ds_matrix_t *m, const report_set_t *reports, arena_t *a,
                      err_t *e)
{
    mv_status_t target = m->v.status;
    rc_t rc = store_version_insert(st, &m->v, e); /* born a draft */
    m->v.status = target;
    if (rc == RC_OK)
        rc = insert_entries(st, m, reports, a, e);
    return rc == RC_OK ? walk_status(st, &m->v, MV_DRAFT, e) : rc;
}

static rc_t apply_matrix(store_t *st, ds_matrix_t *m, const id_set_t *states, item_set_t *set,
                         const report_set_t *reports, arena_t *a, err_t *e)
{
    rc_t rc = version_check(&m->v, e);
    if (rc != RC_OK)
        return rc;
    if (!id_set_has(states, m->v.state))
        return err_set(e, RC_NOTFOUND, "state: unknown state '%s'", m->v.state);
    if (set->version != m->v.template_version &&
        (rc = item_set_load(st, m->v.template_version, a, set, e)) != RC_OK)
        return rc;
    if ((rc = entries_check(m, set, a, e)) != RC_OK)
        return rc;
    matrix_version_t old;
    if (store_version_get(st, m->v.state, m->v.number, a, &old, NULL) != RC_OK)
        return apply_new(st, m, reports, a, e);
    return matrix_status_frozen(old.status) ? apply_frozen(st, &old, m, a, e)
                                            : apply_open(st, &old, m, reports, a, e);
}

static rc_t apply_matrices(store_t *st, const dataset_t *ds, const id_set_t *states, arena_t *a,
                           err_t *e)
{
    const char **keys = arena_alloc(a, (ds->nmatrices + 1) * sizeof *keys);
    for (size_t i = 0; i < ds->nmatrices; i++) {
        char k[32];
        snprintf(k, sizeof k, "%s version %d", ds->matrices[i].v.state, ds->matrices[i].v.number);
        keys[i] = arena_strdup(a, k);
    }
    long dup = first_duplicate(keys, ds->nmatrices);
    if (dup >= 0) {
        err_set(e, RC_INPUT, "%s appears twice", keys[dup]);
        return fail_at(e, ds->matrices[dup].where, RC_INPUT);
    }
    item_set_t set = {0};
    report_set_t reports;
    rc_t rc = report_set_load(st, a, &reports, e);
    for (size_t i = 0; i < ds->nmatrices && rc == RC_OK; i++)
        if ((rc = apply_matrix(st, &ds->matrices[i], states, &set, &reports, a, e)) != RC_OK)
            return fail_at(e, ds->matrices[i].where, rc);
    return rc;
}

/* ---- events ---- */

static bool event_same(const event_t *x, const event_t *y)
{
    if (strcmp(x->kind, y->kind) || strcmp(x->status, y->status) || strcmp(x->title, y->title) ||
        strcmp(x->start, y->start) || strcmp(x->end, y->end) || strcmp(x->place, y->place) ||
        strcmp(x->organizer, y->organizer) || x->nstates != y->nstates ||
        x->nthemes != y->nthemes)
        return false;
    for (size_t i = 0; i < x->nstates; i++)
        if (strcmp(x->states[i], y->states[i]))
            return false;
    for (size_t i = 0; i < x->nthemes; i++)
        if (strcmp(x->themes[i], y->themes[i]))
            return false;
    return true;
}

/* A new event is inserted with its id; one that exists must be identical. */
static rc_t apply_event(store_t *st, ds_event_t *d, arena_t *a, err_t *e)
{
    event_t old, ev = d->ev;
    rc_t rc = event_validate(&ev, e); /* sorts states and themes, as stored */
    if (rc != RC_OK)
        return rc;
    rc = store_outreach_get(st, ev.id, a, &old, e);
    if (rc == RC_NOTFOUND) {
        err_clear(e);
        return store_outreach_insert(st, &ev, e);
    }
    if (rc == RC_OK && !event_same(&old, &ev))
        rc = err_set(e, RC_INPUT, "event %lld already exists with different content", ev.id);
    return rc;
}

static rc_t apply_events(store_t *st, const dataset_t *ds, arena_t *a, err_t *e)
{
    for (size_t i = 0; i < ds->nevents; i++) {
        rc_t rc = apply_event(st, &ds->events[i], a, e);
        if (rc != RC_OK)
            return fail_at(e, ds->events[i].where, rc);
    }
    return RC_OK;
}

rc_t dataset_apply_in(store_t *st, const dataset_t *ds, arena_t *a, err_t *e)
{
    id_set_t states;
    rc_t rc;
    if ((rc = apply_states(st, ds, a, e)) != RC_OK ||
        (rc = dataset_apply_memberships(st, ds, a, e)) != RC_OK ||
        (rc = state_set_load(st, a, &states, e)) != RC_OK ||
        (rc = apply_reports(st, ds, &states, a, e)) != RC_OK ||
        (rc = apply_matrices(st, ds, &states, a, e)) != RC_OK ||
        (rc = dataset_apply_assistance(st, ds, a, e)) != RC_OK ||
        (rc = apply_events(st, ds, a, e)) != RC_OK ||
        (ds->has_demo && ds->demo && (rc = store_meta_set(st, "demo", "1", e)) != RC_OK))
        return rc;
    return RC_OK;
}

rc_t dataset_apply(store_t *st, const dataset_t *ds, arena_t *a, err_t *e)
{
    rc_t rc = store_begin(st, e);
    if (rc != RC_OK)
        return rc;
    if ((rc = dataset_apply_in(st, ds, a, e)) != RC_OK || (rc = store_commit(st, e)) != RC_OK) {
        store_rollback(st);
        return rc;
    }
    return RC_OK;
}
