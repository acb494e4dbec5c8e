/*
 * Reading the dataset CSV files. Each file is parsed into a scratch arena (the
 * rows and the file's bytes are dropped once its records are built); only the
 * strings a record keeps are copied into the caller's arena. Duplicate keys and
 * the matrix version of each entry are looked up in small hash tables, so an
 * import costs time and memory in proportion to its size.
 */
#include "csv_import.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../core/matrix_info.h"
#include "../core/report.h"
#include "../util/date.h"
#include "../util/file.h"
#include "../util/text.h"
#include "csv.h"
#include "csv_export.h"

#define STATE_NAME_MAX 200 /* bytes, as in dataset.c; the longest UN short names are about 120 */
#define MEDIA_TYPE_MAX 100 /* as report_validate allows */

typedef enum {
    KIND_STATES,
    KIND_REPORTS,
    KIND_VERSIONS,
    KIND_ENTRIES,
    KIND_MEMBERSHIPS,
    KIND_COUNT
} kind_t;

static const struct {
    const char *file; /* name inside a folder */
    const char *const *cols;
    size_t ncols;
} kinds[KIND_COUNT] = {
    {"states.csv", csv_states_cols, CSV_STATES_NCOLS},
    {"reports.csv", csv_reports_cols, CSV_REPORTS_NCOLS},
    {"matrix_versions.csv", csv_versions_cols, CSV_VERSIONS_NCOLS},
    {"matrix_entries.csv", csv_entries_cols, CSV_ENTRIES_NCOLS},
    {"memberships.csv", csv_memberships_cols, CSV_MEMBERSHIPS_NCOLS},
};
_Static_assert((int)KIND_COUNT <= (int)DS_SOURCES_MAX, "dataset.h: a folder's files are its sources");

/* ---- a string-keyed hash table for duplicate keys and version lookup ---- */

typedef struct {
    char *key;    /* owned; NULL for a free slot */
    int line;     /* where the key was first seen */
    size_t index; /* the record it names */
} key_slot_t;

typedef struct {
    key_slot_t *slots; /* owned */
    size_t cap;        /* a power of two, at least twice the keys it will hold */
} keymap_t;

static void keymap_init(keymap_t *m, size_t nkeys)
{
    m->cap = 16;
    while (m->cap < 2 * nkeys)
        m->cap *= 2;
    m->slots = xcalloc(m->cap, sizeof *m->slots);
}

static void keymap_free(keymap_t *m)
{
    for (size_t i = 0; m->slots && i < m->cap; i++)
        free(m->slots[i].key);
    free(m->slots);
    m->slots = NULL;
}

static key_slot_t *keymap_slot(const keymap_t *m, const char *key)
{
    uint64_t h = 14695981039346656037u; /* FNV-1a */
    for (const unsigned char *p = (const unsigned char *)key; *p; p++)
        h = (h ^ *p) * 1099511628211u;
    size_t mask = m->cap - 1, i = (size_t)h & mask;
    while (m->slots[i].key && strcmp(m->slots[i].key, key) != 0)
        i = (i + 1) & mask;
    return &m->slots[i];
}

/* Adds key; returns NULL, or the earlier slot when the key is already there. */
static const key_slot_t *keymap_add(keymap_t *m, const char *key, int line, size_t index)
{
    key_slot_t *s = keymap_slot(m, key);
    if (s->key)
        return s;
    s->key = xstrdup(key);
    s->line = line;
    s->index = index;
    return NULL;
}

/* ---- field checks ---- */

typedef struct {
    const char *path;
    int line;
    err_t *e;
} at_t; /* the row being read, for messages */

static rc_t field_error(const at_t *at, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static rc_t field_error(const at_t *at, const char *field, const char *fmt, ...)
{
    char reason[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(reason, sizeof reason, fmt, ap);
    va_end(ap);
    return err_set(at->e, RC_INPUT, "%s:%d: %s: %s", at->path, at->line, field, reason);
}

/* True for exactly n capital ASCII letters (or digits when `digits`). */
static bool code_ok(const char *s, size_t n, bool digits)
{
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (digits ? c < '0' || c > '9' : c < 'A' || c > 'Z')
            return false;
    }
    return s[n] == '\0';
}

/* Parses a whole decimal integer in [min, max]; no spaces, no sign other than '-'. */
static bool number_parse(const char *s, long long min, long long max, long long *out)
{
    if (!(*s >= '0' && *s <= '9') && !(*s == '-' && s[1] >= '0' && s[1] <= '9'))
        return false;
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (errno != 0 || *end != '\0' || v < min || v > max)
        return false;
    *out = v;
    return true;
}

static rc_t int_field(const at_t *at, const char *field, const char *s, int *out)
{
    long long v;
    if (!number_parse(s, 1, INT_MAX, &v))
        return field_error(at, field, "'%s' is not a positive whole number", s);
    *out = (int)v;
    return RC_OK;
}

static rc_t state_field(const at_t *at, const char *field, const char *s, char out[4])
{
    if (!code_ok(s, 3, false))
        return field_error(at, field, "'%s' is not an alpha-3 code (3 capital letters)", s);
    memcpy(out, s, 4);
    return RC_OK;
}

/* Copies a YYYY-MM-DD date, or "" when `optional` and the field is empty. */
static rc_t date_field(const at_t *at, const char *field, const char *s, bool optional,
                       char out[11])
{
    if (!(optional && !*s) && !date_valid(s))
        return field_error(at, field, "'%s' is not a date (YYYY-MM-DD)", s);
    memcpy(out, s, strlen(s) + 1);
    return RC_OK;
}

static char *where_str(arena_t *a, const at_t *at)
{
    size_t n = strlen(at->path) + 16;
    char *w = arena_alloc(a, n);
    snprintf(w, n, "%s:%d", at->path, at->line);
    return w;
}

static rc_t duplicate(const at_t *at, const key_slot_t *first, const char *what)
{
    return err_set(at->e, RC_INPUT, "%s:%d: duplicate %s (first on line %d)", at->path, at->line,
                   what, first->line);
}

/* ---- the importer ---- */

typedef struct {
    arena_t *a; /* the caller's: what the dataset keeps */
    dataset_t *ds;
    keymap_t versions; /* "AAA/N" -> index in ds->matrices */
    bool had_versions, had_entries; /* which of the two matrix files were read */
    err_t *e;
} importer_t;

/* ---- states.csv ---- */

enum { ST_GROUP = 3, ST_LDC = 7, ST_NAMES = 10 };

static rc_t state_codes(const at_t *at, char **f, state_t *s)
{
    static const struct {
        int col;
        size_t len;
        bool digits, optional;
        size_t offset;
    } codes[] = {{0, 3, false, false, offsetof(state_t, alpha3)},
                 {1, 2, false, false, offsetof(state_t, alpha2)},
                 {2, 3, true, false, offsetof(state_t, numeric)},
                 {4, 3, true, false, offsetof(state_t, m49_region)},
                 {5, 3, true, false, offsetof(state_t, m49_subregion)},
                 {6, 3, true, true, offsetof(state_t, m49_intermediate)}};
    for (size_t i = 0; i < sizeof codes / sizeof *codes; i++) {
        const char *v = f[codes[i].col];
        if (!(codes[i].optional && !*v) && !code_ok(v, codes[i].len, codes[i].digits))
            return field_error(at, csv_states_cols[codes[i].col], "'%s' is not %zu %s%s", v,
                               codes[i].len, codes[i].digits ? "digits" : "capital letters",
                               codes[i].optional ? " or empty" : "");
        memcpy((char *)s + codes[i].offset, v, strlen(v) + 1);
    }
    if (!state_group_valid(f[ST_GROUP]))
        return field_error(at, "un_group", "'%s' is not one of AFR, APG, EEG, GRULAC, WEOG, NONE",
                           f[ST_GROUP]);
    memcpy(s->un_group, f[ST_GROUP], strlen(f[ST_GROUP]) + 1);
    return RC_OK;
}

static rc_t state_from_row(importer_t *im, const at_t *at, char **f, state_t *s)
{
    rc_t rc = state_codes(at, f, s);
    if (rc != RC_OK)
        return rc;
    bool *flags[] = {&s->ldc, &s->lldc, &s->sids};
    for (int i = 0; i < 3; i++) {
        const char *v = f[ST_LDC + i];
        if (strcmp(v, "0") != 0 && strcmp(v, "1") != 0)
            return field_error(at, csv_states_cols[ST_LDC + i], "'%s' is not 0 or 1", v);
        *flags[i] = v[0] == '1';
    }
    for (int l = 0; l < LANG_COUNT; l++) {
        const char *v = f[ST_NAMES + l];
        if (!*v || !text_single_line_ok(v, STATE_NAME_MAX))
            return field_error(at, csv_states_cols[ST_NAMES + l],
                               "must be 1 to %d bytes of text on one line", STATE_NAME_MAX);
        s->name[l] = arena_strdup(im->a, v);
    }
    return RC_OK;
}

static rc_t import_states(importer_t *im, const csv_t *t)
{
    keymap_t seen;
    keymap_init(&seen, t->nrows);
    im->ds->states = t->nrows ? arena_alloc(im->a, t->nrows * sizeof *im->ds->states) : NULL;
    rc_t rc = RC_OK;
    for (size_t i = 0; rc == RC_OK && i < t->nrows; i++) {
        at_t at = {t->path, t->rows[i].line, im->e};
        ds_state_t *d = &im->ds->states[i];
        const key_slot_t *first;
        if ((rc = state_from_row(im, &at, t->rows[i].fields, &d->state)) != RC_OK)
            break;
        if ((first = keymap_add(&seen, d->state.alpha3, at.line, i)) != NULL) {
            char what[32];
            snprintf(what, sizeof what, "state %s", d->state.alpha3);
            rc = duplicate(&at, first, what);
            break;
        }
        d->where = where_str(im->a, &at);
        im->ds->nstates++;
    }
    keymap_free(&seen);
    return rc;
}

/* ---- reports.csv ---- */

enum {
    RP_ID,
    RP_STATE,
    RP_KIND,
    RP_DATE,
    RP_LANGUAGE,
    RP_TITLE,
    RP_FILENAME,
    RP_MEDIA,
    RP_SIZE,
    RP_SHA
};

/* The file columns: size -1 means no file, and then no SHA-256 either. */
static rc_t report_file_fields(importer_t *im, const at_t *at, char **f, report_t *r)
{
    r->filename = *f[RP_FILENAME] ? arena_strdup(im->a, f[RP_FILENAME]) : NULL;
    if (*f[RP_MEDIA] && !text_single_line_ok(f[RP_MEDIA], MEDIA_TYPE_MAX))
        return field_error(at, "media_type", "must be one line of at most %d bytes",
                           MEDIA_TYPE_MAX);
    r->media_type = *f[RP_MEDIA] ? arena_strdup(im->a, f[RP_MEDIA]) : NULL;
    if (!number_parse(f[RP_SIZE], -1, LLONG_MAX, &r->size))
        return field_error(at, "size", "'%s' is not a byte count (or -1 for no file)", f[RP_SIZE]);
    if (r->size < 0 && *f[RP_SHA])
        return field_error(at, "sha256", "must be empty when size is -1 (no file)");
    if (r->size >= 0 && strlen(f[RP_SHA]) != 64)
        return field_error(at, "sha256", "must be 64 lowercase hex digits");
    memcpy(r->sha256, f[RP_SHA], strlen(f[RP_SHA]) + 1);
    return RC_OK;
}

static rc_t report_from_row(importer_t *im, const at_t *at, char **f, report_t *r)
{
    rc_t rc;
    if (!number_parse(f[RP_ID], 1, LLONG_MAX, &r->id))
        return field_error(at, "id", "'%s' is not a positive whole number", f[RP_ID]);
    if ((rc = state_field(at, "state", f[RP_STATE], r->state)) != RC_OK)
        return rc;
    if (!(r->kind = report_kind_parse(f[RP_KIND])))
        return field_error(at, "kind",
                           "'%s' is not one of first-report, additional-information, "
                           "action-plan, peer-review, letter",
                           f[RP_KIND]);
    if ((rc = date_field(at, "date", f[RP_DATE], false, r->date)) != RC_OK)
        return rc;
    size_t nl = strlen(f[RP_LANGUAGE]);
    if (nl < 2 || nl > 3)
        return field_error(at, "language", "'%s' is not an ISO 639 code", f[RP_LANGUAGE]);
    memcpy(r->language, f[RP_LANGUAGE], nl + 1);
    r->title = arena_strdup(im->a, f[RP_TITLE]);
    if ((rc = report_file_fields(im, at, f, r)) != RC_OK)
        return rc;
    r->has_document = false;
    if ((rc = report_validate(r, at->e)) != RC_OK)
        err_prefix(at->e, "%s:%d: ", at->path, at->line);
    return rc;
}

static rc_t import_reports(importer_t *im, const csv_t *t)
{
    keymap_t seen;
    keymap_init(&seen, t->nrows);
    im->ds->reports = t->nrows ? arena_alloc(im->a, t->nrows * sizeof *im->ds->reports) : NULL;
    rc_t rc = RC_OK;
    for (size_t i = 0; rc == RC_OK && i < t->nrows; i++) {
        at_t at = {t->path, t->rows[i].line, im->e};
        ds_report_t *d = &im->ds->reports[i];
        if ((rc = report_from_row(im, &at, t->rows[i].fields, &d->meta)) != RC_OK)
            break;
        char key[32];
        snprintf(key, sizeof key, "%lld", d->meta.id);
        const key_slot_t *first = keymap_add(&seen, key, at.line, i);
        if (first) {
            char what[48];
            snprintf(what, sizeof what, "report id %s", key);
            rc = duplicate(&at, first, what);
            break;
        }
        d->doc = NULL;
        d->doc_len = 0;
        d->where = where_str(im->a, &at);
        im->ds->nreports++;
    }
    keymap_free(&seen);
    return rc;
}

/* ---- matrix_versions.csv ---- */

enum {
    VC_STATE,
    VC_NUMBER,
    VC_TEMPLATE,
    VC_STATUS,
    VC_CREATED,
    VC_APPROVED,
    VC_PUBLISHED,
    VC_NOTE
};

/* The dates a status implies: approved from approval on, published once published. */
static rc_t version_dates_consistent(const at_t *at, const matrix_version_t *v)
{
    bool approved = v->status == MV_APPROVED || v->status == MV_PUBLISHED;
    bool published = v->status == MV_PUBLISHED;
    /* a published version's approval date may be unknown (not public) */
    if (approved != (*v->approved != '\0') && !(published && !*v->approved))
        return field_error(at, "approved",
                           approved ? "a %s version needs its approval date"
                                    : "must be empty for a %s version",
                           matrix_status_str(v->status));
    if (published != (*v->published != '\0'))
        return field_error(at, "published",
                           published ? "a %s version needs its publication date"
                                     : "must be empty for a %s version",
                           matrix_status_str(v->status));
    return RC_OK;
}

static rc_t version_from_row(importer_t *im, const at_t *at, char **f, matrix_version_t *v)
{
    rc_t rc;
    int status;
    if ((rc = state_field(at, "state", f[VC_STATE], v->state)) != RC_OK ||
        (rc = int_field(at, "version", f[VC_NUMBER], &v->number)) != RC_OK ||
        (rc = int_field(at, "template_version", f[VC_TEMPLATE], &v->template_version)) != RC_OK)
        return rc;
    if ((status = matrix_status_parse(f[VC_STATUS])) < 0)
        return field_error(at, "status",
                           "'%s' is not one of draft, with-state, approved, "
                           "published",
                           f[VC_STATUS]);
    v->status = (mv_status_t)status;
    if ((rc = date_field(at, "created", f[VC_CREATED], false, v->created)) != RC_OK ||
        (rc = date_field(at, "approved", f[VC_APPROVED], true, v->approved)) != RC_OK ||
        (rc = date_field(at, "published", f[VC_PUBLISHED], true, v->published)) != RC_OK ||
        (rc = version_dates_consistent(at, v)) != RC_OK)
        return rc;
    if (!text_multi_line_ok(f[VC_NOTE], MATRIX_TEXT_MAX))
        return field_error(at, "note", "must be UTF-8 text of at most %d bytes", MATRIX_TEXT_MAX);
    v->note = arena_strdup(im->a, f[VC_NOTE]);
    return RC_OK;
}

static void version_key(char key[64], const char *state, int number)
{
    snprintf(key, 64, "%s/%d", state, number);
}

static rc_t import_versions(importer_t *im, const csv_t *t)
{
    keymap_init(&im->versions, t->nrows);
    dataset_t *ds = im->ds;
    ds->matrices = t->nrows ? arena_alloc(im->a, t->nrows * sizeof *ds->matrices) : NULL;
    for (size_t i = 0; i < t->nrows; i++) {
        at_t at = {t->path, t->rows[i].line, im->e};
        ds_matrix_t *m = &ds->matrices[i];
        rc_t rc = version_from_row(im, &at, t->rows[i].fields, &m->v);
        if (rc != RC_OK)
            return rc;
        char key[64], what[80];
        version_key(key, m->v.state, m->v.number);
        const key_slot_t *first = keymap_add(&im->versions, key, at.line, i);
        if (first) {
            snprintf(what, sizeof what, "matrix version %s %d", m->v.state, m->v.number);
            return duplicate(&at, first, what);
        }
        m->where = where_str(im->a, &at);
        ds->nmatrices++;
    }
    return RC_OK;
}

/* ---- matrix_entries.csv ---- */

enum { EN_STATE, EN_NUMBER, EN_ITEM, EN_MARK, EN_LEGAL, EN_SOURCE, EN_PAGE, EN_REMARK,
       EN_URL, EN_INFO, EN_INFO_DATES };

/* tmpl (issue 12): the web address and OP1 relevant information, when the
 * file has their columns (matrix_info_validate checks them with the rest). */
static rc_t entry_info_from_row(importer_t *im, const at_t *at, char **f, size_t ncols,
                                matrix_entry_t *en)
{
    if (ncols < CSV_ENTRIES_NCOLS)
        return RC_OK;
    en->source_url = arena_strdup(im->a, f[EN_URL]);
    en->info = arena_strdup(im->a, f[EN_INFO]);
    for (int i = 0; i < INFO_DATE_COUNT; i++) {
        const char *d = f[EN_INFO_DATES + i];
        if (strlen(d) > 10)
            return field_error(at, csv_entries_cols[EN_INFO_DATES + i],
                               "'%.20s' is not a date (YYYY-MM-DD)", d);
        memcpy(en->info_date[i], d, strlen(d) + 1);
    }
    return RC_OK;
}

static rc_t entry_from_row(importer_t *im, const at_t *at, char **f, size_t ncols,
                           matrix_entry_t *en)
{
    int mark = matrix_mark_parse(f[EN_MARK]);
    if (mark < 0)
        return field_error(at, "mark", "'%s' is not one of X, ?, NA or empty", f[EN_MARK]);
    en->mark = (mark_t)mark;
    en->source_report = 0;
    if (*f[EN_SOURCE] && !number_parse(f[EN_SOURCE], 1, LLONG_MAX, &en->source_report))
        return field_error(at, "source_report", "'%s' is not a report id", f[EN_SOURCE]);
    en->item = f[EN_ITEM];
    en->legal_reference = f[EN_LEGAL];
    en->page = f[EN_PAGE];
    en->remark = f[EN_REMARK];
    rc_t rc = entry_info_from_row(im, at, f, ncols, en);
    if (rc == RC_OK)
        rc = matrix_entry_validate(en, at->e);
    if (rc != RC_OK) {
        err_prefix(at->e, "%s:%d: ", at->path, at->line);
        return rc;
    }
    en->item = arena_strdup(im->a, en->item);
    en->legal_reference = arena_strdup(im->a, en->legal_reference);
    en->page = arena_strdup(im->a, en->page);
    en->remark = arena_strdup(im->a, en->remark);
    return RC_OK;
}

/* Finds the matrix version a row belongs to and checks its item id, not repeated. */
static rc_t entry_place(importer_t *im, const at_t *at, char **f, keymap_t *seen, size_t *matrix)
{
    char key[64], item_key[112], what[128];
    int number = 0;
    char state[4] = "";
    rc_t rc;
    if ((rc = state_field(at, "state", f[EN_STATE], state)) != RC_OK ||
        (rc = int_field(at, "version", f[EN_NUMBER], &number)) != RC_OK)
        return rc;
    version_key(key, state, number);
    const key_slot_t *v = im->versions.slots ? keymap_slot(&im->versions, key) : NULL;
    if (!v || !v->key)
        return err_set(at->e, RC_INPUT,
                       "%s:%d: version: %s has no version %d in the "
                       "matrix_versions.csv of this import",
                       at->path, at->line, state, number);
    *matrix = v->index;
    if (!template_item_id_ok(f[EN_ITEM]))
        return field_error(at, "item", "'%s' is not a template item id", f[EN_ITEM]);
    snprintf(item_key, sizeof item_key, "%s/%s", key, f[EN_ITEM]);
    const key_slot_t *first = keymap_add(seen, item_key, at->line, 0);
    if (first) {
        snprintf(what, sizeof what, "entry for %s version %d item %s", state, number, f[EN_ITEM]);
        return duplicate(at, first, what);
    }
    return RC_OK;
}

/* Reads every row into scratch arrays: its entry and the index of its matrix. */
static rc_t read_entries(importer_t *im, const csv_t *t, matrix_entry_t *entries, size_t *matrix)
{
    keymap_t seen;
    keymap_init(&seen, t->nrows);
    rc_t rc = RC_OK;
    for (size_t i = 0; rc == RC_OK && i < t->nrows; i++) {
        at_t at = {t->path, t->rows[i].line, im->e};
        char **f = t->rows[i].fields;
        if ((rc = entry_place(im, &at, f, &seen, &matrix[i])) == RC_OK)
            rc = entry_from_row(im, &at, f, t->ncols, &entries[i]);
    }
    keymap_free(&seen);
    return rc;
}

/* Lays the entries out grouped by matrix, keeping file order within each. */
static void group_entries(importer_t *im, const matrix_entry_t *entries, const size_t *matrix,
                          size_t n)
{
    dataset_t *ds = im->ds;
    matrix_entry_t *all = arena_alloc(im->a, n * sizeof *all);
    for (size_t i = 0; i < n; i++)
        ds->matrices[matrix[i]].nentries++;
    size_t start = 0;
    for (size_t m = 0; m < ds->nmatrices; m++) {
        ds->matrices[m].entries = all + start;
        start += ds->matrices[m].nentries;
        ds->matrices[m].nentries = 0;
    }
    for (size_t i = 0; i < n; i++) {
        ds_matrix_t *m = &ds->matrices[matrix[i]];
        m->entries[m->nentries++] = entries[i];
    }
}

static rc_t import_entries(importer_t *im, const csv_t *t)
{
    if (!t->nrows)
        return RC_OK;
    matrix_entry_t *entries = xcalloc(t->nrows, sizeof *entries);
    size_t *matrix = xcalloc(t->nrows, sizeof *matrix);
    rc_t rc = read_entries(im, t, entries, matrix);
    if (rc == RC_OK)
        group_entries(im, entries, matrix, t->nrows);
    free(entries);
    free(matrix);
    return rc;
}

/* ---- memberships.csv (issue 12) ---- */

/* Reads the periods; dataset_apply_memberships checks groups, dates, overlaps
 * and the states against the store, naming the row (d->where). */
static rc_t import_memberships(importer_t *im, const csv_t *t)
{
    ds_membership_t *ms = arena_alloc(im->a, (t->nrows + 1) * sizeof *ms);
    rc_t rc = RC_OK;
    for (size_t i = 0; rc == RC_OK && i < t->nrows; i++) {
        at_t at = {t->path, t->rows[i].line, im->e};
        char **f = t->rows[i].fields;
        membership_t *m = &ms[i].m;
        if ((rc = state_field(&at, "state", f[0], m->state)) != RC_OK ||
            (rc = date_field(&at, "from", f[2], true, m->from)) != RC_OK ||
            (rc = date_field(&at, "to", f[3], true, m->to)) != RC_OK)
            break;
        if (strlen(f[1]) >= sizeof m->group || !membership_group_valid(f[1]))
            rc = field_error(&at, "group", "'%.20s' is not LDC, LLDC, SIDS or a UN regional "
                                           "group code", f[1]);
        else if (!*f[4] || !text_single_line_ok(f[4], 1000))
            rc = field_error(&at, "source", "must be one line of 1 to 1000 bytes");
        if (rc != RC_OK)
            break;
        memcpy(m->group, f[1], strlen(f[1]) + 1);
        m->source = arena_strdup(im->a, f[4]);
        ms[i].where = where_str(im->a, &at);
    }
    if (rc == RC_OK) {
        im->ds->memberships = ms;
        im->ds->nmemberships = t->nrows;
    }
    return rc;
}

/* ---- files and folders ---- */

static int kind_of_header(const csv_t *t)
{
    for (int k = 0; k < KIND_COUNT; k++) {
        bool same = t->ncols == kinds[k].ncols ||
                    (k == KIND_ENTRIES && t->ncols == CSV_ENTRIES_V1_NCOLS);
        for (size_t i = 0; same && i < t->ncols; i++)
            same = strcmp(t->header[i], kinds[k].cols[i]) == 0;
        if (same)
            return k;
    }
    return -1;
}

static rc_t import_table(importer_t *im, kind_t kind, const csv_t *t)
{
    switch (kind) {
    case KIND_STATES:
        return import_states(im, t);
    case KIND_REPORTS:
        return import_reports(im, t);
    case KIND_VERSIONS:
        im->had_versions = true;
        return import_versions(im, t);
    case KIND_MEMBERSHIPS:
        return import_memberships(im, t);
    default:
        im->had_entries = true;
        return import_entries(im, t);
    }
}

/*
 * Reads one file; `expect` is the kind its name in a folder implies, or -1 for
 * a file given by itself. Adds it to the dataset's sources (with no hash if it
 * cannot be read). RC_NOTFOUND (message set) if it does not exist.
 */
static rc_t import_file(importer_t *im, const char *path, int expect)
{
    ds_source_t *src = &im->ds->sources[im->ds->nsources++];
    src->name = expect < 0 ? path : kinds[expect].file;
    src->sha256[0] = '\0';
    arena_t scratch = ARENA_INIT; /* the file's bytes and fields, needed only here */
    csv_t t;
    char *data;
    size_t len;
    rc_t rc = file_read_all(path, CSV_MAX_FILE, &scratch, &data, &len, im->e);
    if (rc == RC_OK) {
        report_sha256_hex(data, len, src->sha256);
        rc = csv_parse(path, data, len, &scratch, &t, im->e);
    }
    int kind = rc == RC_OK ? kind_of_header(&t) : -1;
    if (rc == RC_OK && expect < 0 && kind < 0)
        rc = err_set(im->e, RC_INPUT,
                     "%s:1: unrecognised header; expected one of the states, "
                     "reports, matrix_versions, matrix_entries or memberships headers "
                     "(docs/formats.md)",
                     path);
    else if (rc == RC_OK && expect >= 0 && kind != expect)
        rc = err_set(im->e, RC_INPUT,
                     "%s:1: unrecognised header; expected the header of %s "
                     "(docs/formats.md)",
                     path, kinds[expect].file);
    if (rc == RC_OK)
        rc = import_table(im, (kind_t)kind, &t);
    arena_free(&scratch);
    return rc;
}

static rc_t import_dir(importer_t *im, const char *dir)
{
    int found = 0;
    for (int k = 0; k < KIND_COUNT; k++) {
        char path[4096];
        int n = snprintf(path, sizeof path, "%s/%s", dir, kinds[k].file);
        if (n < 0 || (size_t)n >= sizeof path)
            return err_set(im->e, RC_FAIL, "%s: path too long", dir);
        rc_t rc = import_file(im, path, k);
        if (rc == RC_NOTFOUND)
            continue;
        if (rc != RC_OK)
            return rc;
        found++;
    }
    if (!found)
        return err_set(im->e, RC_INPUT,
                       "%s: no states.csv, reports.csv, matrix_versions.csv or "
                       "matrix_entries.csv in this folder",
                       dir);
    if (im->e)
        err_clear(im->e); /* drop the "not found" of a missing file */
    return RC_OK;
}

rc_t csv_import_path(const char *path, arena_t *a, dataset_t *out, err_t *e)
{
    memset(out, 0, sizeof *out);
    out->has_demo = false;
    out->template_version = 0;
    struct stat sb;
    if (stat(path, &sb) != 0)
        return err_set(e, errno == ENOENT ? RC_NOTFOUND : RC_FAIL, "%s: %s", path, strerror(errno));
    importer_t im = {.a = a, .ds = out, .e = e};
    rc_t rc = S_ISDIR(sb.st_mode) ? import_dir(&im, path) : import_file(&im, path, -1);
    /* An import replaces the entries of the draft versions it names; without the
     * entries file that would silently empty them, so the two go together. */
    if (rc == RC_OK && im.had_versions && !im.had_entries)
        rc = err_set(e, RC_INPUT, "%s: matrix_versions.csv needs its matrix_entries.csv beside "
                                  "it (with just the header line if the versions have no "
                                  "entries)", path);
    keymap_free(&im.versions);
    return rc;
}
