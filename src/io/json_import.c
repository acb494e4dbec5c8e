/*
 * JSON import with jansson. jansson reports line and column for syntax
 * errors; for content errors we name the path to the value instead
 * (jansson keeps no positions for decoded values).
 */
#include "json_import.h"

#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../core/fields.h"
#include "../core/matrix_info.h"
#include "../core/report.h"
#include "../util/file.h"
#include "../util/text.h"

typedef struct {
    arena_t *a;
    err_t *e;
    char where[160]; /* the record being read, e.g. "reports[4]" */
} reader_t;

static rc_t bad(reader_t *r, const char *key, const char *why)
{
    return err_set(r->e, RC_INPUT, "%s.%s: %s", r->where, key, why);
}

/* Checks that obj has only the allowed keys (a NULL-terminated list). */
static rc_t only_keys(reader_t *r, json_t *obj, const char *const *allowed)
{
    if (!json_is_object(obj))
        return err_set(r->e, RC_INPUT, "%s: must be an object", r->where);
    const char *key;
    json_t *v;
    json_object_foreach(obj, key, v)
    {
        const char *const *k = allowed;
        while (*k && strcmp(*k, key) != 0)
            k++;
        if (!*k)
            return bad(r, key, "unknown key");
    }
    return RC_OK;
}

/* A required string (or null when nullable) copied into the arena. */
static rc_t get_str(reader_t *r, json_t *obj, const char *key, bool nullable, char **out)
{
    json_t *v = json_object_get(obj, key);
    if (nullable && (!v || json_is_null(v))) {
        *out = NULL;
        return RC_OK;
    }
    if (!json_is_string(v))
        return bad(r, key, v ? "must be a string" : "missing");
    size_t n = json_string_length(v);
    const char *s = json_string_value(v);
    if (strlen(s) != n || !text_utf8_ok(s, n))
        return bad(r, key, "must be text without control characters or NUL");
    *out = (char *)s; /* jansson's strings live in the run's arena (json_import_file) */
    return RC_OK;
}

/* A string copied into a fixed buffer of the exact expected maximum length. */
static rc_t get_code(reader_t *r, json_t *obj, const char *key, char *dst, size_t size)
{
    char *s;
    rc_t rc = get_str(r, obj, key, false, &s);
    if (rc != RC_OK)
        return rc;
    if (strlen(s) >= size)
        return bad(r, key, "too long");
    memcpy(dst, s, strlen(s) + 1);
    return RC_OK;
}

static rc_t get_int(reader_t *r, json_t *obj, const char *key, bool nullable, long long min,
                    long long max, long long *out)
{
    json_t *v = json_object_get(obj, key);
    if (nullable && (!v || json_is_null(v))) {
        *out = 0;
        return RC_OK;
    }
    if (!json_is_integer(v))
        return bad(r, key, v ? "must be an integer" : "missing");
    long long n = json_integer_value(v);
    if (n < min || n > max) {
        char why[96];
        snprintf(why, sizeof why, "must be from %lld to %lld", min, max);
        return bad(r, key, why);
    }
    *out = n;
    return RC_OK;
}

static rc_t get_bool(reader_t *r, json_t *obj, const char *key, bool *out)
{
    json_t *v = json_object_get(obj, key);
    if (!json_is_boolean(v))
        return bad(r, key, v ? "must be true or false" : "missing");
    *out = json_is_true(v);
    return RC_OK;
}

/* ---- records read from their field tables (src/core/fields.h) ---------------- */

/* Checks that obj has only t's exported fields and the keys of extra (a
 * NULL-terminated list, or NULL). */
static rc_t only_fields(reader_t *r, json_t *obj, const field_table_t *t,
                        const char *const *extra)
{
    if (!json_is_object(obj))
        return err_set(r->e, RC_INPUT, "%s: must be an object", r->where);
    const char *key;
    json_t *v;
    json_object_foreach(obj, key, v)
    {
        bool known = false;
        for (size_t i = 0; i < t->n && !known; i++)
            known = field_in_json(&t->fields[i]) && strcmp(t->fields[i].name, key) == 0;
        for (const char *const *k = extra; k && *k && !known; k++)
            known = strcmp(*k, key) == 0;
        if (!known)
            return bad(r, key, "unknown key");
    }
    return RC_OK;
}

/* Reads one field of o into rec as its row says. */
/* A FIELD_NAMES object: exactly the six language codes, each a string. */
static rc_t read_names(reader_t *r, json_t *names, const field_t *f, void *rec)
{
    static const char *const langs[] = {"ar", "zh", "en", "fr", "ru", "es", NULL};
    size_t len = strlen(r->where);
    snprintf(r->where + len, sizeof r->where - len, ".%s", f->name);
    rc_t rc = only_keys(r, names, langs);
    char *s;
    for (int l = 0; l < LANG_COUNT && rc == RC_OK; l++)
        if ((rc = get_str(r, names, lang_code((lang_t)l), false, &s)) == RC_OK)
            field_set_name_text(f, rec, l, s);
    r->where[len] = '\0';
    return rc;
}

static rc_t read_field(reader_t *r, json_t *o, const field_t *f, void *rec)
{
    bool b = false;
    long long v;
    char *s;
    rc_t rc;
    int e;
    if ((f->flags & FIELD_OPTIONAL) && !json_object_get(o, f->name)) {
        if (f->type == FIELD_CODE)
            ((char *)rec + f->offset)[0] = '\0';
        else
            field_set_text(f, rec, "");
        return RC_OK;
    }
    switch (f->type) {
    case FIELD_ID:
    case FIELD_INT:
    case FIELD_LLONG:
    case FIELD_REF:
        rc = get_int(r, o, f->name, f->type == FIELD_REF, f->min, f->max, &v);
        if (rc == RC_OK)
            field_set_number(f, rec, v);
        return rc;
    case FIELD_CODE:
        return get_code(r, o, f->name, (char *)rec + f->offset, f->size);
    case FIELD_TEXT:
    case FIELD_LIST:
        rc = get_str(r, o, f->name, false, &s);
        if (rc == RC_OK)
            field_set_text(f, rec, s);
        return rc;
    case FIELD_ENUM:
        if ((rc = get_str(r, o, f->name, false, &s)) != RC_OK)
            return rc;
        if ((e = f->enum_parse(s)) < 0)
            return bad(r, f->name, f->why);
        field_set_number(f, rec, e);
        return RC_OK;
    case FIELD_BOOL:
        rc = get_bool(r, o, f->name, &b);
        if (rc == RC_OK)
            field_set_number(f, rec, b);
        return rc;
    case FIELD_NAMES:
        return read_names(r, json_object_get(o, f->name), f, rec);
    case FIELD_VIRTUAL: /* the caller reads it */
        return RC_OK;
    }
    return RC_OK;
}

/* Reads the exported fields of t from o into rec, in table order, after
 * checking that o has no other keys than those and extra's. */
static rc_t read_fields(reader_t *r, json_t *o, const field_table_t *t,
                        const char *const *extra, void *rec)
{
    rc_t rc = only_fields(r, o, t, extra);
    for (size_t i = 0; i < t->n && rc == RC_OK; i++)
        if (field_in_json(&t->fields[i]))
            rc = read_field(r, o, &t->fields[i], rec);
    return rc;
}

static rc_t read_state(reader_t *r, json_t *o, state_t *s)
{
    return read_fields(r, o, &state_fields, NULL, s);
}

static rc_t read_document(reader_t *r, json_t *o, ds_report_t *dr)
{
    json_t *v = json_object_get(o, "document");
    if (!v || json_is_null(v))
        return RC_OK;
    if (!json_is_string(v))
        return bad(r, "document", "must be a base64 string");
    size_t n = json_string_length(v), len = 0;
    unsigned char *bin = arena_alloc(r->a, n / 4 * 3 + 3);
    if (sodium_base642bin(bin, n / 4 * 3 + 3, json_string_value(v), n, NULL, &len, NULL,
                          sodium_base64_VARIANT_ORIGINAL) != 0)
        return bad(r, "document", "is not valid base64");
    dr->doc = bin;
    dr->doc_len = len;
    return RC_OK;
}

static rc_t read_report(reader_t *r, json_t *o, ds_report_t *dr)
{
    static const char *const keys[] = {"id", "state", "kind", "date", "language", "title",
                                       "filename", "media_type", "size", "sha256", "document",
                                       NULL};
    report_t *m = &dr->meta;
    char *kind;
    rc_t rc;
    if ((rc = only_keys(r, o, keys)) != RC_OK ||
        (rc = get_int(r, o, "id", false, 1, (1LL << 53), &m->id)) != RC_OK ||
        (rc = get_code(r, o, "state", m->state, sizeof m->state)) != RC_OK ||
        (rc = get_str(r, o, "kind", false, &kind)) != RC_OK ||
        (rc = get_code(r, o, "date", m->date, sizeof m->date)) != RC_OK ||
        (rc = get_code(r, o, "language", m->language, sizeof m->language)) != RC_OK ||
        (rc = get_str(r, o, "title", false, &m->title)) != RC_OK ||
        (rc = get_str(r, o, "filename", true, &m->filename)) != RC_OK ||
        (rc = get_str(r, o, "media_type", true, &m->media_type)) != RC_OK ||
        (rc = get_int(r, o, "size", false, -1, 1LL << 40, &m->size)) != RC_OK ||
        (rc = get_code(r, o, "sha256", m->sha256, sizeof m->sha256)) != RC_OK ||
        (rc = read_document(r, o, dr)) != RC_OK)
        return rc;
    if (!(m->kind = report_kind_parse(kind)))
        return bad(r, "kind", "must be first-report, additional-information, action-plan, "
                              "peer-review or letter");
    m->has_document = dr->doc != NULL;
    rc = report_validate(m, r->e);
    if (rc != RC_OK)
        err_prefix(r->e, "%s.", r->where);
    return rc;
}

/* tmpl (issue 12): the optional "info" object of an OP1 entry. */
static rc_t read_entry_info(reader_t *r, json_t *o, matrix_entry_t *en)
{
    static const char *const keys[] = {"text", "signed", "ratified", "acceded", NULL};
    json_t *info = json_object_get(o, "info");
    if (!info || json_is_null(info))
        return RC_OK;
    if (!json_is_object(info))
        return bad(r, "info", "must be an object (text, signed, ratified, acceded)");
    rc_t rc = only_keys(r, info, keys);
    if (rc == RC_OK && json_object_get(info, "text"))
        rc = get_str(r, info, "text", true, &en->info);
    for (int i = 0; i < INFO_DATE_COUNT && rc == RC_OK; i++)
        if (json_object_get(info, matrix_info_date_names[i]))
            rc = get_code(r, info, matrix_info_date_names[i], en->info_date[i],
                          sizeof en->info_date[i]);
    return rc;
}

static rc_t read_entry(reader_t *r, json_t *o, matrix_entry_t *en)
{
    static const char *const extra[] = {"source_url", "info", NULL};
    rc_t rc = read_fields(r, o, &matrix_entry_fields, extra, en);
    if (rc == RC_OK && json_object_get(o, "source_url"))
        rc = get_str(r, o, "source_url", true, &en->source_url);
    return rc == RC_OK ? read_entry_info(r, o, en) : rc;
}

static rc_t read_matrix(reader_t *r, json_t *o, ds_matrix_t *dm)
{
    static const char *const extra[] = {"entries", NULL};
    /* a published matrix whose approval date is not public: "approved": null (issue 12) */
    if (json_is_null(json_object_get(o, "approved")))
        json_object_set_new(o, "approved", json_string(""));
    rc_t rc = read_fields(r, o, &matrix_version_fields, extra, &dm->v);
    if (rc != RC_OK)
        return rc;
    json_t *entries = json_object_get(o, "entries");
    if (!json_is_array(entries))
        return bad(r, "entries", entries ? "must be an array" : "missing");
    dm->nentries = json_array_size(entries);
    dm->entries = arena_alloc(r->a, (dm->nentries + 1) * sizeof *dm->entries);
    size_t len = strlen(r->where);
    for (size_t i = 0; i < dm->nentries && rc == RC_OK; i++) {
        snprintf(r->where + len, sizeof r->where - len, ".entries[%zu]", i);
        rc = read_entry(r, json_array_get(entries, i), &dm->entries[i]);
    }
    r->where[len] = '\0';
    return rc;
}

/* A list of strings of at most max bytes each, copied into the arena; each
 * string is written into dst (an arena array of n elements of size `size`
 * when fixed is set, else an array of char pointers). */
static rc_t get_str_list(reader_t *r, json_t *o, const char *key, size_t max, void **dst,
                         size_t *n, bool fixed)
{
    json_t *list = json_object_get(o, key);
    if (!json_is_array(list))
        return bad(r, key, list ? "must be an array" : "missing");
    *n = json_array_size(list);
    char (*codes)[4] = fixed ? arena_alloc(r->a, (*n + 1) * sizeof *codes) : NULL;
    char **strs = fixed ? NULL : arena_alloc(r->a, (*n + 1) * sizeof *strs);
    for (size_t i = 0; i < *n; i++) {
        json_t *v = json_array_get(list, i);
        const char *s = json_is_string(v) ? json_string_value(v) : NULL;
        if (!s || strlen(s) > max || !text_single_line_ok(s, max))
            return bad(r, key, fixed ? "must hold alpha-3 codes" : "must hold theme keys");
        if (fixed)
            memcpy(codes[i], s, strlen(s) + 1);
        else
            strs[i] = (char *)s;
    }
    *dst = fixed ? (void *)codes : (void *)strs;
    return RC_OK;
}

static rc_t read_outreach(reader_t *r, json_t *o, ds_event_t *de)
{
    static const char *const keys[] = {"id", "kind", "status", "title", "start", "end", "place",
                                       "organizer", "states", "themes", NULL};
    event_t *ev = &de->ev;
    char *kind, *status;
    void *states, *themes;
    rc_t rc;
    if ((rc = only_keys(r, o, keys)) != RC_OK ||
        (rc = get_int(r, o, "id", false, 1, (1LL << 53), &ev->id)) != RC_OK ||
        (rc = get_str(r, o, "kind", false, &kind)) != RC_OK ||
        (rc = get_str(r, o, "status", false, &status)) != RC_OK ||
        (rc = get_str(r, o, "title", false, &ev->title)) != RC_OK ||
        (rc = get_code(r, o, "start", ev->start, sizeof ev->start)) != RC_OK ||
        (rc = get_code(r, o, "end", ev->end, sizeof ev->end)) != RC_OK ||
        (rc = get_str(r, o, "place", false, &ev->place)) != RC_OK ||
        (rc = get_str(r, o, "organizer", false, &ev->organizer)) != RC_OK ||
        (rc = get_str_list(r, o, "states", 3, &states, &ev->nstates, true)) != RC_OK ||
        (rc = get_str_list(r, o, "themes", 64, &themes, &ev->nthemes, false)) != RC_OK)
        return rc;
    ev->states = states;
    ev->themes = themes;
    ev->kind = event_kind_parse(kind);
    ev->status = event_status_parse(status);
    if (!ev->kind)
        return bad(r, "kind", "must be training-course, regional-workshop, peer-review-visit "
                              "or round-table");
    if (!ev->status)
        return bad(r, "status", "must be planned, held or cancelled");
    return RC_OK;
}

/* Reads one top-level array with a per-element reader. */
#define READ_ARRAY(r, root, name, arr, count, reader)                                          \
    do {                                                                                        \
        json_t *list_ = json_object_get(root, name);                                            \
        if (!json_is_array(list_))                                                              \
            return err_set((r)->e, RC_INPUT, "%s: %s", name,                                     \
                           list_ ? "must be an array" : "missing");                             \
        count = json_array_size(list_);                                                         \
        arr = arena_alloc((r)->a, (count + 1) * sizeof *arr);                                   \
        for (size_t i_ = 0; i_ < count; i_++) {                                                 \
            snprintf((r)->where, sizeof (r)->where, "%s[%zu]", name, i_);                       \
            arr[i_].where = arena_strdup((r)->a, (r)->where);                                   \
            rc_t rc_ = reader(r, json_array_get(list_, i_), &arr[i_]);                          \
            if (rc_ != RC_OK)                                                                    \
                return rc_;                                                                     \
        }                                                                                       \
    } while (0)

static rc_t read_membership(reader_t *r, json_t *o, ds_membership_t *d)
{
    rc_t rc = read_fields(r, o, &membership_fields, NULL, &d->m);
    if (rc == RC_OK && strlen(d->m.source) > 1000)
        return bad(r, "source", "longer than 1000 bytes");
    return rc;
}

static rc_t read_state_rec(reader_t *r, json_t *o, ds_state_t *ds)
{
    return read_state(r, o, &ds->state);
}

/* ---- assistance records (optional top-level arrays) ---------------------------- */

static rc_t read_request(reader_t *r, json_t *o, ds_request_t *d)
{
    assistance_request_t *q = &d->r;
    rc_t rc = read_fields(r, o, &request_fields, NULL, q);
    if (rc != RC_OK)
        return rc;
    if ((rc = assistance_request_validate(q, r->e)) != RC_OK)
        err_prefix(r->e, "%s.", r->where);
    return rc;
}

static rc_t read_offer(reader_t *r, json_t *o, ds_offer_t *d)
{
    assistance_offer_t *f = &d->o;
    char *provider, *pkind;
    rc_t rc;
    if ((rc = read_fields(r, o, &offer_fields, NULL, f)) != RC_OK ||
        (rc = get_str(r, o, "provider", false, &provider)) != RC_OK ||
        (rc = get_str(r, o, "provider_kind", false, &pkind)) != RC_OK)
        return rc;
    f->provider_org = "";
    if (strcmp(pkind, "state") == 0 && strlen(provider) == 3)
        memcpy(f->provider_state, provider, 4);
    else if (strcmp(pkind, "organization") == 0)
        f->provider_org = provider;
    else
        return bad(r, "provider_kind", "must be state (with an alpha-3 provider) or organization");
    if ((rc = assistance_offer_validate(f, r->e)) != RC_OK)
        err_prefix(r->e, "%s.", r->where);
    return rc;
}

static rc_t read_event(reader_t *r, json_t *o, assistance_event_t *ev)
{
    return read_fields(r, o, &proposal_event_fields, NULL, ev);
}

static rc_t read_proposal(reader_t *r, json_t *o, ds_proposal_t *d)
{
    static const char *const extra[] = {"history", NULL};
    assistance_proposal_t *p = &d->p;
    rc_t rc = read_fields(r, o, &proposal_fields, extra, p);
    if (rc != RC_OK)
        return rc;
    json_t *history = json_object_get(o, "history");
    if (!json_is_array(history))
        return bad(r, "history", history ? "must be an array" : "missing");
    d->nevents = json_array_size(history);
    d->events = arena_alloc(r->a, (d->nevents + 1) * sizeof *d->events);
    size_t len = strlen(r->where);
    for (size_t i = 0; i < d->nevents && rc == RC_OK; i++) {
        snprintf(r->where + len, sizeof r->where - len, ".history[%zu]", i);
        d->events[i].proposal_id = p->id;
        rc = read_event(r, json_array_get(history, i), &d->events[i]);
    }
    r->where[len] = '\0';
    return rc;
}

/* The assistance arrays are optional: files from before them have none. */
static rc_t read_assistance(reader_t *r, json_t *root, dataset_t *out)
{
    if (json_object_get(root, "requests"))
        READ_ARRAY(r, root, "requests", out->requests, out->nrequests, read_request);
    if (json_object_get(root, "offers"))
        READ_ARRAY(r, root, "offers", out->offers, out->noffers, read_offer);
    if (json_object_get(root, "proposals"))
        READ_ARRAY(r, root, "proposals", out->proposals, out->nproposals, read_proposal);
    return RC_OK;
}

static rc_t read_root(reader_t *r, json_t *root, dataset_t *out)
{
    static const char *const keys[] = {"format", "format_version", "demo", "template_version",
                                       "states", "reports", "matrices", "requests", "offers",
                                       "proposals", "events", "memberships", NULL};
    snprintf(r->where, sizeof r->where, "(top level)");
    json_t *format = json_object_get(root, "format");
    long long version, tv;
    rc_t rc = only_keys(r, root, keys);
    if (rc != RC_OK)
        return rc;
    if (!json_is_string(format) || strcmp(json_string_value(format), "r1540") != 0)
        return err_set(r->e, RC_INPUT, "format: not an r1540 export (\"format\": \"r1540\")");
    if ((rc = get_int(r, root, "format_version", false, 1, 1, &version)) != RC_OK ||
        (rc = get_bool(r, root, "demo", &out->demo)) != RC_OK ||
        (rc = get_int(r, root, "template_version", false, 0, 1000, &tv)) != RC_OK)
        return rc;
    out->has_demo = true;
    out->template_version = (int)tv;
    READ_ARRAY(r, root, "states", out->states, out->nstates, read_state_rec);
    READ_ARRAY(r, root, "reports", out->reports, out->nreports, read_report);
    READ_ARRAY(r, root, "matrices", out->matrices, out->nmatrices, read_matrix);
    if (json_object_get(root, "events")) /* files from before events have none */
        READ_ARRAY(r, root, "events", out->events, out->nevents, read_outreach);
    if (json_object_get(root, "memberships")) /* nor from before dated memberships */
        READ_ARRAY(r, root, "memberships", out->memberships, out->nmemberships,
                   read_membership);
    return read_assistance(r, root, out);
}

/* jansson's allocations during one parse come from the caller's arena and are
 * dropped with it: freeing a tree of a million small objects one by one costs
 * more than parsing it, and the dataset can point into jansson's strings
 * instead of copying them. jansson has one allocator for the whole process;
 * swapping it around an import raced with every other thread using jansson
 * (a server's requests would free arena memory, or leak their own). So the
 * allocator is installed once, before main() starts any thread, and never
 * changes: it is malloc and free, except in a thread that is parsing an
 * import (json_arena set), where it takes from that arena and frees nothing.
 * Nothing made during a parse is freed after it (the tree goes with the
 * arena), and nothing made before it is freed during it. */
static _Thread_local arena_t *json_arena;

static void *json_thread_malloc(size_t n)
{
    return json_arena ? arena_alloc_raw(json_arena, n) : malloc(n);
}

static void json_thread_free(void *p)
{
    if (!json_arena)
        free(p);
}

__attribute__((constructor)) static void json_thread_alloc_install(void)
{
    json_set_alloc_funcs(json_thread_malloc, json_thread_free);
}

rc_t json_import_text(const char *path, const char *text, size_t len, arena_t *a,
                      dataset_t *out, err_t *e)
{
    memset(out, 0, sizeof *out);
    json_error_t je;
    json_arena = a;
    json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
    rc_t rc;
    if (!root) {
        rc = err_set(e, RC_INPUT, "%s:%d:%d: %s", path, je.line, je.column, je.text);
    } else {
        reader_t r = {.a = a, .e = e};
        rc = read_root(&r, root, out);
        if (rc != RC_OK)
            err_prefix(e, "%s: ", path);
    }
    json_arena = NULL;
    return rc;
}

rc_t json_import_file(const char *path, arena_t *a, dataset_t *out, err_t *e)
{
    memset(out, 0, sizeof *out);
    const char *env = getenv("R1540_IMPORT_MAX_BYTES");
    char *end;
    unsigned long long max = env && *env ? strtoull(env, &end, 10) : 0;
    if (!env || !*env || *end || max == 0)
        max = JSON_IMPORT_DEFAULT_MAX;
    struct stat sb;
    if (stat(path, &sb) != 0)
        return err_set(e, RC_NOTFOUND, "%s: no such file", path);
    if ((unsigned long long)sb.st_size > max)
        return err_set(e, RC_REFUSED, "%s: %lld bytes is more than the import limit of %llu",
                       path, (long long)sb.st_size, max);
    char *text;
    size_t len;
    rc_t rc = file_read_all(path, (size_t)max, a, &text, &len, e);
    if (rc == RC_OK)
        rc = json_import_text(path, text, len, a, out, e);
    if (rc == RC_OK) {
        out->sources[0].name = path;
        report_sha256_hex(text, len, out->sources[0].sha256);
        out->nsources = 1;
    }
    return rc;
}
