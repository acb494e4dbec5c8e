/*
 * The field tables (src/core/fields.h) against the places they drive, with
 * real parts: for every table, the JSON writer gives exactly the table's keys
 * in its order; the JSON reader takes back every exported field; the store
 * (a real SQLite file) keeps every stored field through a write and a read;
 * and the CSV export's headers are the tables' names (the CSV import's column
 * lists must say the same). The comparisons walk the tables themselves, and a
 * check that changing any one field is noticed keeps them honest: a field the
 * comparison skipped would pass unnoticed.
 */
#include <jansson.h>
#include <stdlib.h>
#include <unistd.h>

#include "../../src/io/csv.h"
#include "../../src/io/csv_export.h"
#include "../../src/io/csv_fields.h"
#include "../../src/io/json_assistance.h"
#include "../../src/io/json_export.h"
#include "../../src/io/json_fields.h"
#include "../../src/io/json_import.h"
#include "../../src/io/refdata.h"
#include "../../src/store/sqlite_schema.h"
#include "../../src/store/store.h"
#include "tap.h"

#include <sqlite3.h>

static char dir[] = "/tmp/r1540-fields-XXXXXX";

/* True if rec a and b agree on every field of t that `which` selects
 * (exported or stored); *differs names the first that does not. */
static bool same_fields(const field_table_t *t, const void *a, const void *b, bool exported,
                        const char **differs)
{
    for (size_t i = 0; i < t->n; i++) {
        const field_t *f = &t->fields[i];
        if (f->type == FIELD_VIRTUAL || (exported ? !field_exported(f) : !field_stored(f)))
            continue;
        bool same = true;
        if (f->type == FIELD_NAMES) {
            for (int l = 0; l < LANG_COUNT; l++)
                same &= strcmp(field_name_text(f, a, l), field_name_text(f, b, l)) == 0;
        } else if (f->type == FIELD_TEXT || f->type == FIELD_LIST || f->type == FIELD_CODE) {
            const char *x = field_text(f, a), *y = field_text(f, b);
            same = strcmp(x ? x : "", y ? y : "") == 0;
        } else {
            same = field_number(f, a) == field_number(f, b);
        }
        if (!same) {
            *differs = f->name;
            return false;
        }
    }
    return true;
}

/* Checks that same_fields sees a change to each compared field of rec: a
 * copy with that one field changed must differ, and name it. */
static bool compare_sees_every_field(const field_table_t *t, const void *rec, size_t size,
                                     bool exported)
{
    unsigned char copy[512];
    if (size > sizeof copy)
        return false;
    for (size_t i = 0; i < t->n; i++) {
        const field_t *f = &t->fields[i];
        if (f->type == FIELD_VIRTUAL || (exported ? !field_exported(f) : !field_stored(f)))
            continue;
        memcpy(copy, rec, size);
        if (f->type == FIELD_TEXT || f->type == FIELD_LIST)
            field_set_text(f, copy, "changed");
        else if (f->type == FIELD_CODE)
            field_set_text(f, copy, strcmp(field_text(f, rec), "Z") ? "Z" : "Y");
        else if (f->type == FIELD_NAMES)
            field_set_name_text(f, copy, LANG_COUNT - 1, "changed");
        else
            field_set_number(f, copy, f->type == FIELD_BOOL ? !field_number(f, rec)
                                                            : field_number(f, rec) + 1);
        const char *differs = NULL;
        if (same_fields(t, rec, copy, exported, &differs) || strcmp(differs, f->name) != 0) {
            printf("#   %s.%s: a change is not seen\n", t->record, f->name);
            return false;
        }
    }
    return true;
}

/* The keys of a JSON object, in the order written, comma-separated. */
static void object_keys(const char *json, char *out, size_t n)
{
    json_error_t je;
    json_t *o = json_loads(json, JSON_PRESERVE_ORDER, &je);
    const char *key;
    json_t *v;
    *out = '\0';
    json_object_foreach(o, key, v)
    {
        (void)v;
        size_t len = strlen(out);
        snprintf(out + len, n - len, "%s%s", len ? "," : "", key);
    }
    json_decref(o);
}

/* t's names that the JSON walk writes, comma-separated, then `extra` if not
 * NULL (an entry's FIELD_JSON_HOOK rows are written only when set). */
static void table_keys(const field_table_t *t, const char *extra, char *out, size_t n)
{
    *out = '\0';
    for (size_t i = 0; i < t->n; i++) {
        if (!field_in_json(&t->fields[i]))
            continue;
        size_t len = strlen(out);
        snprintf(out + len, n - len, "%s%s", len ? "," : "", t->fields[i].name);
    }
    if (extra) {
        size_t len = strlen(out);
        snprintf(out + len, n - len, ",%s", extra);
    }
}

static bool keys_match(const char *json, const field_table_t *t, const char *extra)
{
    char got[1024], want[1024];
    object_keys(json, got, sizeof got);
    table_keys(t, extra, want, sizeof want);
    if (strcmp(got, want) != 0)
        printf("#   %s: JSON keys %s, table %s\n", t->record, got, want);
    return strcmp(got, want) == 0;
}

/* ---- sample records, every field set to something other than its zero ---- */

static matrix_version_t sample_version(void)
{
    matrix_version_t v = {.state = "NOR", .number = 1, .template_version = 1,
                          .status = MV_DRAFT, .note = "a note"};
    memcpy(v.created, "2006-01-01", 11);
    return v;
}

static matrix_entry_t sample_entry(long long report)
{
    return (matrix_entry_t){.item = "OP1-NPT", .mark = MARK_UNSURE,
                            .legal_reference = "Act 12 of 2004, s. 3",
                            .source_report = report, .page = "p. 4", .remark = "a remark"};
}

static assistance_request_t sample_request(void)
{
    return (assistance_request_t){.id = 7, .state = "KEN", .kind = "training",
                                  .items = "OP1-NPT,OP1-AG", .themes = "export-control",
                                  .title = "Customs training", .description = "Two weeks",
                                  .languages = "fr,en,ar", .priority = 2,
                                  .submitted = "2025-01-02", .start = "2025-03-01",
                                  .end = "2025-06-30", .status = "open"};
}

static assistance_offer_t sample_offer(bool by_state)
{
    assistance_offer_t o = {.id = by_state ? 9 : 8, .provider_state = "",
                            .provider_org = by_state ? "" : "WCO", .kinds = "training,equipment",
                            .items = "OP1-NPT", .themes = "export-control",
                            .title = "Border course", .description = "On site",
                            .regions = "142,002,019", .languages = "en", .capacity = 3,
                            .start = "2025-01-01", .end = "2026-12-31", .status = "open"};
    if (by_state)
        memcpy(o.provider_state, "FRA", 4);
    return o;
}

static assistance_proposal_t sample_proposal(void)
{
    return (assistance_proposal_t){.id = 11, .request_id = 7, .offer_id = 8, .score = 42,
                                   .explanation = "themes 2\nregion 1", .batch = "002-2025",
                                   .created = "2025-02-01", .status = "proposed",
                                   .provider_answer = "", .state_answer = ""};
}

static assistance_event_t sample_event(void)
{
    return (assistance_event_t){.proposal_id = 11, .seq = 1, .date = "2025-02-01",
                                .event = "proposed", .note = "by the matcher"};
}

/* ---- the tests -------------------------------------------------------------- */

static void test_json_keys(void)
{
    buf_t b;
    buf_init(&b, 0);
    matrix_version_t v = sample_version();
    matrix_entry_t en = sample_entry(5);
    buf_putc(&b, '{');
    json_write_version(&b, &v);
    buf_putc(&b, '}');
    TAP_CHECK(keys_match(buf_str(&b), &matrix_version_fields, NULL),
              "a version's JSON has exactly its table's exported fields, in order");
    buf_reset(&b);
    json_write_entry(&b, &en);
    TAP_CHECK(keys_match(buf_str(&b), &matrix_entry_fields, NULL),
              "an entry's JSON has exactly its table's fields, in order");
    buf_reset(&b);
    assistance_request_t r = sample_request();
    json_write_request(&b, &r);
    TAP_CHECK(keys_match(buf_str(&b), &request_fields, NULL),
              "a request's JSON has exactly its table's fields, in order");
    buf_reset(&b);
    assistance_offer_t o = sample_offer(false);
    json_write_offer(&b, &o);
    TAP_CHECK(keys_match(buf_str(&b), &offer_fields, NULL) &&
                  strstr(buf_str(&b), "\"provider\":\"WCO\",\"provider_kind\":\"organization\""),
              "an offer's JSON has its table's fields, the provider pair in its place");
    buf_reset(&b);
    assistance_proposal_t p = sample_proposal();
    assistance_event_t ev = sample_event();
    json_write_proposal(&b, &p, &ev, 1);
    TAP_CHECK(keys_match(buf_str(&b), &proposal_fields, "history"),
              "a proposal's JSON has its table's fields, then its history");
    const char *hist = strstr(buf_str(&b), "\"history\":[");
    char one[512];
    snprintf(one, sizeof one, "%s", hist ? hist + 11 : "[]");
    char *close = strrchr(one, ']');
    if (close)
        *close = '\0';
    TAP_CHECK(keys_match(one, &proposal_event_fields, NULL),
              "a history event's JSON has its table's exported fields (not the proposal id)");
    organization_t org = {.code = "OPCW", .kind = "treaty-body", .regions = "",
                          .name = {"a", "b", "Organisation for the Prohibition", "d", "e", "f"}};
    buf_reset(&b);
    json_write_organization(&b, &org);
    TAP_CHECK(keys_match(buf_str(&b), &organization_fields, NULL) &&
                  strstr(buf_str(&b), "\"names\":{\"ar\":\"a\",\"zh\":\"b\",\"en\":"),
              "an organization's JSON has its table's keys, the names by language");
    matrix_entry_t none = sample_entry(0);
    buf_reset(&b);
    json_write_entry(&b, &none);
    TAP_CHECK(strstr(buf_str(&b), "\"source_report\":null") != NULL,
              "a reference of 0 is written as null");
    buf_free(&b);
}

/* A whole r1540 JSON file holding one record of each kind, read back with the
 * real importer. */
static void test_json_round_trip(void)
{
    buf_t b;
    buf_init(&b, 0);
    matrix_version_t v = sample_version();
    matrix_entry_t en = sample_entry(5);
    assistance_request_t r = sample_request();
    assistance_offer_t o = sample_offer(false), os = sample_offer(true);
    assistance_proposal_t p = sample_proposal();
    assistance_event_t ev = sample_event();
    buf_puts(&b, "{\"format\":\"r1540\",\"format_version\":1,\"demo\":false,"
                 "\"template_version\":1,\"states\":[],\"reports\":[],\"matrices\":[{");
    json_write_version(&b, &v);
    buf_puts(&b, ",\"entries\":[");
    json_write_entry(&b, &en);
    buf_puts(&b, "]}],\"requests\":[");
    json_write_request(&b, &r);
    buf_puts(&b, "],\"offers\":[");
    json_write_offer(&b, &o);
    buf_putc(&b, ',');
    json_write_offer(&b, &os);
    buf_puts(&b, "],\"proposals\":[");
    json_write_proposal(&b, &p, &ev, 1);
    buf_puts(&b, "]}");
    arena_t arena = ARENA_INIT, *a = &arena;
    dataset_t ds;
    err_t e = {0};
    rc_t rc = json_import_text("t.json", buf_str(&b), b.len, a, &ds, &e);
    if (rc != RC_OK)
        printf("#   %s\n", e.msg);
    const char *differs = "(not read)";
    TAP_CHECK(rc == RC_OK && ds.nmatrices == 1 &&
                  same_fields(&matrix_version_fields, &v, &ds.matrices[0].v, true, &differs) &&
                  ds.matrices[0].nentries == 1 &&
                  same_fields(&matrix_entry_fields, &en, &ds.matrices[0].entries[0], true,
                              &differs),
              "a version and its entry come back from JSON field for field");
    TAP_CHECK(rc == RC_OK && ds.nrequests == 1 &&
                  same_fields(&request_fields, &r, &ds.requests[0].r, true, &differs),
              "a request comes back from JSON field for field");
    TAP_CHECK(rc == RC_OK && ds.noffers == 2 &&
                  same_fields(&offer_fields, &o, &ds.offers[0].o, false, &differs) &&
                  same_fields(&offer_fields, &os, &ds.offers[1].o, false, &differs),
              "offers of an organization and of a state come back with their provider");
    TAP_CHECK(rc == RC_OK && ds.nproposals == 1 &&
                  same_fields(&proposal_fields, &p, &ds.proposals[0].p, true, &differs) &&
                  ds.proposals[0].nevents == 1 &&
                  same_fields(&proposal_event_fields, &ev, &ds.proposals[0].events[0], false,
                              &differs),
              "a proposal and its history come back from JSON field for field");
    if (rc == RC_OK && differs && strcmp(differs, "(not read)") != 0)
        printf("#   first field that differs: %s\n", differs);

    /* hostile input: an unknown key, a wrong type, an oversized code */
    const char *bad[][2] = {
        {"\"priority\":2", "\"priority\":2,\"evil\":1"},
        {"\"priority\":2", "\"priority\":\"2\""},
        {"\"priority\":2", "\"priority\":9"},
        {"\"state\":\"KEN\"", "\"state\":\"KENYA\""},
        {"\"mark\":\"?\"", "\"mark\":\"Y\""},
        {"\"source_report\":5", "\"source_report\":-5"},
        {"\"themes\":\"export-control\"", "\"themes\":\"export-control,,border\""},
        {"\"languages\":\"fr,en,ar\"", "\"languages\":\"fr,en,fr\""},
        {"\"languages\":\"fr,en,ar\"", "\"languages\":[\"fr\"]"},
    };
    const char *why[] = {"requests[0].evil: unknown key", "requests[0].priority: must be an integer",
                         "requests[0].priority: must be from 1 to 3",
                         "requests[0].state: too long", "matrices[0].entries[0].mark: must be",
                         "matrices[0].entries[0].source_report: must be from 1",
                         "requests[0].themes: 'export-control,,border' is not a list",
                         "requests[0].languages: 'fr,en,fr' is not a list",
                         "requests[0].languages: must be a string"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        const char *at = strstr(buf_str(&b), bad[i][0]);
        buf_t t;
        buf_init(&t, 0);
        buf_append(&t, buf_str(&b), (size_t)(at - buf_str(&b)));
        buf_puts(&t, bad[i][1]);
        buf_puts(&t, at + strlen(bad[i][0]));
        err_t e2 = {0};
        rc_t rc2 = json_import_text("t.json", buf_str(&t), t.len, a, &ds, &e2);
        char name[160];
        snprintf(name, sizeof name, "JSON import refuses %s, naming the field", bad[i][1]);
        if (rc2 != RC_INPUT || !strstr(e2.msg, why[i]))
            printf("#   got: %s\n", e2.msg);
        TAP_CHECK(rc2 == RC_INPUT && strstr(e2.msg, why[i]) != NULL, name);
        buf_free(&t);
    }
    /* an oversized list: 3,000 codes (12 KB, over ASSIST_LIST_MAX) */
    buf_t big;
    buf_init(&big, 0);
    const char *at = strstr(buf_str(&b), "\"languages\":\"fr,en,ar\"");
    buf_append(&big, buf_str(&b), (size_t)(at - buf_str(&b)));
    buf_puts(&big, "\"languages\":\"");
    for (int i = 0; i < 3000; i++)
        buf_printf(&big, "%s%c%c%c", i ? "," : "", 'a' + i % 26, 'a' + i / 26 % 26,
                   'a' + i / 676 % 26);
    buf_puts(&big, "\"");
    buf_puts(&big, at + strlen("\"languages\":\"fr,en,ar\""));
    err_t e3 = {0};
    rc_t rc3 = json_import_text("t.json", buf_str(&big), big.len, a, &ds, &e3);
    TAP_CHECK(rc3 == RC_INPUT && strstr(e3.msg, "requests[0].languages") != NULL,
              "JSON import refuses a list of 3,000 codes, naming the field");
    buf_free(&big);
    arena_free(a);
    buf_free(&b);
}

static store_t *open_fresh(arena_t *a)
{
    char path[256];
    snprintf(path, sizeof path, "%s/fields.db", dir);
    store_t *st = NULL;
    err_t e = {0};
    if (store_open(path, STORE_OPEN_CREATE, &st, &e) != RC_OK) {
        printf("# %s\n", e.msg);
        return NULL;
    }
    store_begin(st, &e);
    rc_t rc = refdata_load(st, getenv("R1540_DATA") ? getenv("R1540_DATA") : "data", a, &e);
    store_commit(st, &e);
    if (rc != RC_OK)
        printf("# refdata: %s\n", e.msg);
    return st;
}

static void test_store_round_trip(void)
{
    arena_t arena = ARENA_INIT, *a = &arena;
    store_t *st = open_fresh(a);
    err_t e = {0};
    const char *differs = "";
    report_t rep = {.state = "NOR", .kind = "letter", .date = "2010-01-01", .language = "en",
                    .title = "t", .size = -1};
    store_begin(st, &e);
    matrix_version_t v = sample_version();
    bool ok = store_report_insert(st, &rep, NULL, 0, &e) == RC_OK &&
              store_version_insert(st, &v, &e) == RC_OK;
    matrix_entry_t en = sample_entry(rep.id), *got_en = NULL;
    size_t n = 0;
    ok = ok && store_entry_put(st, v.id, &en, &e) == RC_OK &&
         store_entries(st, v.id, a, &got_en, &n, &e) == RC_OK && n == 1;
    TAP_CHECK(ok && same_fields(&matrix_entry_fields, &en, got_en, false, &differs),
              "an entry keeps every stored field through an upsert and a read");
    en.mark = MARK_NA;
    en.remark = "second";
    ok = ok && store_entry_put(st, v.id, &en, &e) == RC_OK &&
         store_entries(st, v.id, a, &got_en, &n, &e) == RC_OK && n == 1;
    TAP_CHECK(ok && same_fields(&matrix_entry_fields, &en, got_en, false, &differs),
              "an upsert of the same item changes every non-key field");
    matrix_entry_t bulk[70];
    for (int i = 0; i < 70; i++)
        bulk[i] = en;
    TAP_CHECK(store_entries_clear(st, v.id, &e) == RC_OK &&
                  store_entries_insert(st, v.id, bulk, 1, &e) == RC_OK &&
                  store_entries(st, v.id, a, &got_en, &n, &e) == RC_OK && n == 1 &&
                  same_fields(&matrix_entry_fields, &en, got_en, false, &differs),
              "the bulk insert writes every stored field");
    TAP_CHECK(store_entries_insert(st, v.id, bulk, 70, &e) == RC_INPUT &&
                  strstr(e.msg, "item OP1-NPT") != NULL,
              "a bulk insert of 70 rows repeating an item fails and names it");
    matrix_version_t got_v;
    TAP_CHECK(store_version_get(st, "NOR", 1, a, &got_v, &e) == RC_OK &&
                  same_fields(&matrix_version_fields, &v, &got_v, true, &differs),
              "a version keeps its exported fields");

    assistance_request_t r = sample_request(), got_r;
    assistance_offer_t o = sample_offer(false), os = sample_offer(true), got_o, got_os;
    assistance_proposal_t p = sample_proposal(), got_p;
    assistance_event_t ev = sample_event(), *got_ev = NULL;
    rc_t rc;
    if ((rc = store_request_insert(st, &r, &e)) == RC_OK &&
        (rc = store_offer_insert(st, &o, &e)) == RC_OK &&
        (rc = store_offer_insert(st, &os, &e)) == RC_OK &&
        (rc = store_proposal_insert(st, &p, &e)) == RC_OK)
        rc = store_event_append(st, &ev, &e);
    if (rc != RC_OK)
        printf("#   %s\n", e.msg);
    TAP_CHECK(rc == RC_OK && store_request_get(st, r.id, a, &got_r, &e) == RC_OK &&
                  same_fields(&request_fields, &r, &got_r, false, &differs),
              "a request keeps every stored field");
    TAP_CHECK(rc == RC_OK && store_offer_get(st, o.id, a, &got_o, &e) == RC_OK &&
                  store_offer_get(st, os.id, a, &got_os, &e) == RC_OK &&
                  same_fields(&offer_fields, &o, &got_o, false, &differs) &&
                  same_fields(&offer_fields, &os, &got_os, false, &differs),
              "offers keep every stored field, either provider column empty");
    TAP_CHECK(rc == RC_OK && store_proposal_get(st, p.id, a, &got_p, &e) == RC_OK &&
                  same_fields(&proposal_fields, &p, &got_p, false, &differs),
              "a proposal keeps every stored field");
    TAP_CHECK(rc == RC_OK && store_event_list(st, p.id, a, &got_ev, &n, &e) == RC_OK &&
                  n == 1 && same_fields(&proposal_event_fields, &ev, got_ev, false, &differs),
              "a history event keeps every stored field");
    assistance_request_t anon = sample_request();
    anon.id = 0;
    anon.status = NULL;
    TAP_CHECK(store_request_insert(st, &anon, &e) == RC_OK && anon.id > r.id &&
                  store_request_get(st, anon.id, a, &got_r, &e) == RC_OK &&
                  strcmp(got_r.status, "open") == 0,
              "an id of 0 is assigned by the store and a NULL status stored as its default");
    if (*differs)
        printf("#   first field that differs: %s\n", differs);

    /* lists are rows of a code table now: what it refuses, refused whole */
    static const struct {
        const char *items, *languages, *why;
    } bad_lists[] = {
        {"OP1-NPT,,OP1-AG", "en", "items: a code is empty or given twice"},
        {"OP1-NPT,", "en", "items: a code is empty or given twice"},
        {",OP1-NPT", "en", "items: a code is empty or given twice"},
        {"OP1-NPT", "en,fr,en", "languages: a code is empty or given twice"},
    };
    for (size_t i = 0; i < sizeof bad_lists / sizeof *bad_lists; i++) {
        assistance_request_t b = sample_request();
        b.id = 900 + (long long)i;
        b.items = (char *)bad_lists[i].items;
        b.languages = (char *)bad_lists[i].languages;
        char name[160];
        snprintf(name, sizeof name, "the store refuses the list '%s' / '%s' and keeps no request",
                 b.items, b.languages);
        rc = store_request_insert(st, &b, &e);
        bool said = rc == RC_INPUT && strstr(e.msg, bad_lists[i].why) != NULL;
        if (!said)
            printf("#   got %d: %s\n", rc, e.msg);
        TAP_CHECK(said && store_request_get(st, b.id, a, &got_r, &e) == RC_NOTFOUND, name);
    }
    assistance_request_t empty = sample_request();
    empty.id = 950;
    empty.themes = "";
    empty.languages = "";
    state_t kiribati = {.alpha2 = "KI", .alpha3 = "KIR", .numeric = "296", .un_group = "APG",
                        .m49_region = "009", .m49_subregion = "057",
                        .m49_intermediate = "", .ldc = false, .lldc = false, .sids = true,
                        .name = {"كيريباس", "基里巴斯", "Kiribati", "Kiribati (fr)", "Кирибати",
                                 "Kiribati (es)"}},
            got_s;
    /* the store gives a state's flags as of today from its dated memberships
     * (store.c), whatever the row holds: expect those */
    if (store_state_get(st, "KIR", a, &got_s, &e) == RC_OK) {
        kiribati.ldc = got_s.ldc;
        kiribati.lldc = got_s.lldc;
        kiribati.sids = got_s.sids;
    }
    TAP_CHECK(store_state_put(st, &kiribati, &e) == RC_OK &&
                  store_state_get(st, "KIR", a, &got_s, &e) == RC_OK &&
                  same_fields(&state_fields, &kiribati, &got_s, false, &differs),
              "a state keeps every stored field, its six names and its flags");
    buf_t sb;
    buf_init(&sb, 0);
    buf_puts(&sb, "{\"format\":\"r1540\",\"format_version\":1,\"demo\":false,"
                  "\"template_version\":1,\"states\":[");
    json_write_state(&sb, &kiribati);
    buf_puts(&sb, "],\"reports\":[],\"matrices\":[]}");
    dataset_t sds;
    TAP_CHECK(json_import_text("s.json", buf_str(&sb), sb.len, a, &sds, &e) == RC_OK &&
                  sds.nstates == 1 &&
                  same_fields(&state_fields, &kiribati, &sds.states[0].state, false, &differs),
              "a state comes back from JSON field for field");
    buf_free(&sb);
    organization_t org = {.code = "ZORG", .kind = "regional", .regions = "142,002",
                          .name = {"ع", "中", "Zed", "Zède", "Зед", "Zeda"}},
                   *orgs = NULL;
    bool org_ok = store_org_put(st, &org, &e) == RC_OK &&
                  store_org_list(st, a, &orgs, &n, &e) == RC_OK && n > 0;
    for (size_t i = 0; org_ok && i < n; i++)
        if (strcmp(orgs[i].code, "ZORG") == 0)
            org_ok = same_fields(&organization_fields, &org, &orgs[i], false, &differs) &&
                     strcmp(orgs[i].code, "ZORG") == 0;
    TAP_CHECK(org_ok && strcmp(orgs[n - 1].code, "ZORG") == 0,
              "an organization keeps every stored field");
    membership_t m = {.state = "KEN", .group = "LDC", .from = "1991-12-01", .to = "2030-01-01",
                      .source = "a source"}, *ms = NULL;
    TAP_CHECK(store_membership_put(st, &m, &e) == RC_OK &&
                  store_membership_list(st, "KEN", a, &ms, &n, &e) == RC_OK && n >= 1 &&
                  same_fields(&membership_fields, &m, &ms[n - 1], false, &differs),
              "a membership keeps every stored field");
    buf_t mb;
    buf_init(&mb, 0);
    json_fields_object(&mb, &membership_fields, &m, NULL);
    TAP_STREQ(buf_str(&mb),
              "{\"state\":\"KEN\",\"group\":\"LDC\",\"from\":\"1991-12-01\","
              "\"to\":\"2030-01-01\",\"source\":\"a source\"}",
              "a membership's JSON as docs/formats.md gives it");
    buf_free(&mb);
    TAP_CHECK(store_request_insert(st, &empty, &e) == RC_OK &&
                  store_request_get(st, 950, a, &got_r, &e) == RC_OK &&
                  strcmp(got_r.themes, "") == 0 && strcmp(got_r.languages, "") == 0 &&
                  strcmp(got_r.items, empty.items) == 0,
              "empty lists read back empty, the others in their order");
    store_rollback(st);
    store_close(st);
    arena_free(a);

    matrix_version_t sv = sample_version();
    matrix_entry_t se = sample_entry(5);
    assistance_request_t sr = sample_request();
    assistance_offer_t so = sample_offer(true);
    assistance_proposal_t sp = sample_proposal();
    assistance_event_t sev = sample_event();
    state_t ss = {.alpha2 = "KI", .alpha3 = "KIR", .numeric = "296", .un_group = "APG",
                  .m49_region = "009", .m49_subregion = "057", .m49_intermediate = "",
                  .sids = true, .name = {"a", "b", "c", "d", "e", "f"}};
    TAP_CHECK(compare_sees_every_field(&state_fields, &ss, sizeof ss, false) &&
                  compare_sees_every_field(&membership_fields, &(membership_t){.state = "KEN",
                      .group = "LDC", .source = "s"}, sizeof(membership_t), false) &&
                  compare_sees_every_field(&matrix_version_fields, &sv, sizeof sv, false) &&
                  compare_sees_every_field(&matrix_entry_fields, &se, sizeof se, false) &&
                  compare_sees_every_field(&request_fields, &sr, sizeof sr, false) &&
                  compare_sees_every_field(&offer_fields, &so, sizeof so, false) &&
                  compare_sees_every_field(&proposal_fields, &sp, sizeof sp, false) &&
                  compare_sees_every_field(&proposal_event_fields, &sev, sizeof sev, false),
              "the comparison these tests use notices a change to any one field");
}

/* Runs sql on db; false (and says why) if it fails. */
static bool exec_ok(sqlite3 *db, const char *sql)
{
    char *msg = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &msg) == SQLITE_OK)
        return true;
    printf("#   %s\n", msg ? msg : "?");
    sqlite3_free(msg);
    return false;
}

/* A database made by the schema before the lists moved (every migration up
 * to sqlite_schema_lists.c's, whatever its number), holding comma-separated
 * lists and a proposal that refers to the offer the migration rebuilds; then
 * opened by the store, which migrates it. */
static void test_lists_migration(void)
{
    int before = -1;
    for (int i = 0; i < sqlite_migration_count; i++)
        if (sqlite_migrations[i] == sqlite_migration_lists)
            before = i;
    char path[256];
    snprintf(path, sizeof path, "%s/old.db", dir);
    sqlite3 *db = NULL;
    bool ok = before > 0 && sqlite3_open(path, &db) == SQLITE_OK &&
              exec_ok(db, "PRAGMA foreign_keys = ON");
    for (int i = 0; ok && i < before; i++)
        ok = exec_ok(db, sqlite_migrations[i]);
    char pragma[64];
    snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", before);
    ok = ok && exec_ok(db, pragma) &&
         exec_ok(db,
                 "INSERT INTO state VALUES ('KEN','KE','404','AFR','002','202','014',0,0,0,"
                 "'a','z','Kenya','f','r','e');"
                 "INSERT INTO organization VALUES ('WCO','intergovernmental','','a','z','e','f',"
                 "'r','s');"
                 "INSERT INTO assistance_request VALUES (7,'KEN','training','OP1-NPT,OP1-AG',"
                 "'export-control','Customs','','fr,en,ar',2,'2025-01-02','','','open');"
                 "INSERT INTO assistance_request VALUES (8,'KEN','training','OP1-AG','','T','',"
                 "'',1,'2025-01-02','','','open');"
                 "INSERT INTO assistance_offer VALUES (3,NULL,'WCO','training,equipment','',"
                 "'export-control,border','Course','','142,002','en',2,'','','open');"
                 "INSERT INTO assistance_proposal VALUES (1,7,3,42,'x','','2025-02-01',"
                 "'proposed','','');"
                 "INSERT INTO assistance_event VALUES (1,1,'2025-02-01','proposed','');");
    sqlite3_close(db);
    TAP_CHECK(ok, "a database of the schema before the lists, with data in it");
    store_t *st = NULL;
    err_t e = {0};
    arena_t arena = ARENA_INIT, *a = &arena;
    rc_t rc = store_open(path, STORE_OPEN_EXISTING, &st, &e);
    if (rc != RC_OK)
        printf("#   %s\n", e.msg);
    TAP_CHECK(rc == RC_OK, "the store migrates it");
    assistance_request_t r7, r8;
    assistance_offer_t o;
    assistance_proposal_t p;
    TAP_CHECK(rc == RC_OK && store_request_get(st, 7, a, &r7, &e) == RC_OK &&
                  strcmp(r7.items, "OP1-NPT,OP1-AG") == 0 &&
                  strcmp(r7.themes, "export-control") == 0 &&
                  strcmp(r7.languages, "fr,en,ar") == 0 &&
                  store_request_get(st, 8, a, &r8, &e) == RC_OK && strcmp(r8.themes, "") == 0,
              "requests keep their lists, in order, through the migration");
    TAP_CHECK(rc == RC_OK && store_offer_get(st, 3, a, &o, &e) == RC_OK &&
                  strcmp(o.kinds, "training,equipment") == 0 && strcmp(o.items, "") == 0 &&
                  strcmp(o.themes, "export-control,border") == 0 &&
                  strcmp(o.regions, "142,002") == 0 && strcmp(o.provider_org, "WCO") == 0 &&
                  o.capacity == 2,
              "the rebuilt offer table keeps every offer and its lists");
    TAP_CHECK(rc == RC_OK && store_proposal_get(st, 1, a, &p, &e) == RC_OK && p.offer_id == 3,
              "the proposal still refers to its offer");
    assistance_proposal_t again = {.request_id = 8, .offer_id = 3, .score = 5,
                                   .explanation = "", .batch = "", .created = "2025-02-02",
                                   .status = "proposed", .provider_answer = "",
                                   .state_answer = ""};
    assistance_proposal_t over = again;
    over.request_id = 9;
    TAP_CHECK(rc == RC_OK && store_begin(st, &e) == RC_OK &&
                  store_proposal_insert(st, &again, &e) == RC_OK &&
                  store_proposal_insert(st, &over, &e) != RC_OK,
              "the offer's rules still hold: a new proposal goes in, one for no request does not");
    if (st) {
        store_rollback(st);
        store_close(st);
    }
    arena_free(a);
    db = NULL;
    int fk = -1;
    if (sqlite3_open(path, &db) == SQLITE_OK) {
        sqlite3_stmt *s = NULL;
        sqlite3_prepare_v2(db,
                           "SELECT (SELECT count(*) FROM pragma_foreign_key_check)"
                           " + (SELECT count(*) FROM pragma_table_info('assistance_offer')"
                           "    WHERE name IN ('kinds','items','themes','regions','languages'))"
                           " + (SELECT count(*) FROM pragma_table_info('assistance_request')"
                           "    WHERE name IN ('items','themes','languages'))",
                           -1, &s, NULL);
        if (s && sqlite3_step(s) == SQLITE_ROW)
            fk = sqlite3_column_int(s, 0);
        sqlite3_finalize(s);
    }
    sqlite3_close(db);
    TAP_CHECK(fk == 0, "no list column is left and no reference is broken");
}

/* fields_same and fields_empty (what import idempotence and matrix
 * comparison use) see a change to any content field, and none to the id or
 * key fields that say which record it is. */
static bool same_sees(const field_table_t *t, const void *rec, size_t size)
{
    unsigned char copy[512];
    if (size > sizeof copy || !fields_same(t, rec, rec))
        return false;
    for (size_t i = 0; i < t->n; i++) {
        const field_t *f = &t->fields[i];
        if (f->type == FIELD_VIRTUAL)
            continue;
        memcpy(copy, rec, size);
        if (f->type == FIELD_TEXT || f->type == FIELD_LIST)
            field_set_text(f, copy, "changed");
        else if (f->type == FIELD_CODE)
            field_set_text(f, copy, strcmp(field_text(f, rec), "Z") ? "Z" : "Y");
        else
            field_set_number(f, copy, field_number(f, rec) + 1);
        bool identity = f->type == FIELD_ID || (f->flags & FIELD_KEY);
        if (fields_same(t, rec, copy) != identity) {
            printf("#   %s.%s\n", t->record, f->name);
            return false;
        }
    }
    return true;
}

static void test_same_and_empty(void)
{
    matrix_entry_t en = sample_entry(5), blank = {.item = "OP1-NPT", .legal_reference = "",
                                                  .page = "", .remark = ""};
    assistance_request_t r = sample_request();
    assistance_offer_t o = sample_offer(false);
    assistance_proposal_t p = sample_proposal();
    assistance_event_t ev = sample_event();
    TAP_CHECK(same_sees(&matrix_entry_fields, &en, sizeof en) &&
                  same_sees(&request_fields, &r, sizeof r) &&
                  same_sees(&offer_fields, &o, sizeof o) &&
                  same_sees(&proposal_fields, &p, sizeof p) &&
                  same_sees(&proposal_event_fields, &ev, sizeof ev),
              "fields_same sees a change to every content field and ignores ids and keys");
    bool each = fields_empty(&matrix_entry_fields, &blank) && matrix_entry_empty(&blank);
    for (size_t i = 0; i < matrix_entry_fields.n; i++) {
        const field_t *f = &matrix_entry_fields.fields[i];
        matrix_entry_t one = blank;
        if (f->flags & FIELD_KEY)
            continue;
        if (f->type == FIELD_TEXT || f->type == FIELD_CODE)
            field_set_text(f, &one, "x");
        else
            field_set_number(f, &one, 1);
        each &= !matrix_entry_empty(&one) && !matrix_entry_equal(&one, NULL);
    }
    TAP_CHECK(each, "an entry is empty only when every field but its item is blank");
}

static void test_csv_headers(void)
{
    buf_t b;
    buf_init(&b, 0);
    csv_fields_header(&b, &matrix_version_fields);
    csv_end_row(&b);
    buf_t want;
    buf_init(&want, 0);
    for (int i = 0; i < CSV_VERSIONS_NCOLS; i++)
        csv_write_field(&want, csv_versions_cols[i]);
    csv_end_row(&want);
    TAP_STREQ(buf_str(&b), buf_str(&want),
              "matrix_versions.csv's header is the version table, as the CSV import expects");
    buf_reset(&b);
    buf_reset(&want);
    csv_write_field(&b, "state");
    csv_write_field(&b, "version");
    csv_fields_header(&b, &matrix_entry_fields);
    csv_end_row(&b);
    for (int i = 0; i < CSV_ENTRIES_NCOLS; i++)
        csv_write_field(&want, csv_entries_cols[i]);
    csv_end_row(&want);
    TAP_STREQ(buf_str(&b), buf_str(&want),
              "matrix_entries.csv's header is the version key and the entry table");
    buf_reset(&b);
    buf_reset(&want);
    csv_fields_header(&b, &state_fields);
    csv_end_row(&b);
    for (int i = 0; i < CSV_STATES_NCOLS; i++)
        csv_write_field(&want, csv_states_cols[i]);
    csv_end_row(&want);
    TAP_STREQ(buf_str(&b), buf_str(&want),
              "states.csv's header is the state table, a column per language");
    buf_reset(&b);
    matrix_entry_t en = sample_entry(0);
    csv_fields_row(&b, &matrix_entry_fields, &en);
    csv_end_row(&b);
    TAP_STREQ(buf_str(&b), "OP1-NPT,?,\"Act 12 of 2004, s. 3\",,p. 4,a remark,,,,,\r\n",
              "an entry's CSV row: the mark as text, no source as an empty field, quoting");
    buf_free(&want);
    buf_free(&b);
}

/* The top-level keys of the first JSON object in text, in order, comma-
 * separated: a small scanner, since the examples of docs/formats.md are
 * lines cut out of a file, not whole documents. */
static void scan_keys(const char *text, char *out, size_t n)
{
    int depth = 0;
    *out = '\0';
    for (const char *p = text; *p; p++) {
        if (*p == '{' || *p == '[') {
            depth++;
        } else if (*p == '}' || *p == ']') {
            if (--depth == 0)
                return;
        } else if (*p == '"') {
            const char *start = ++p;
            while (*p && *p != '"')
                p += *p == '\\' && p[1] ? 2 : 1;
            if (depth == 1 && p[0] == '"' && p[1] == ':') {
                size_t len = strlen(out);
                snprintf(out + len, n - len, "%s%.*s", len ? "," : "", (int)(p - start), start);
            }
            if (!*p)
                return;
        }
    }
}

/* The published format (docs/formats.md) fixes the keys and their order: the
 * example of each record there must have exactly its table's keys. This is
 * what catches a field dropped from a table, which every other check here
 * would follow. */
static void test_published_format(void)
{
    static const struct {
        const char *start; /* how the example line begins */
        const field_table_t *t;
        const char *extra;
    } examples[] = {
        {"{\"state\":\"LUX\",\"version\":1", &matrix_version_fields, "entries"},
        {"{\"item\":\"OP1-NPT\"", &matrix_entry_fields, NULL},
        {"{\"id\":1,\"state\":\"KEN\"", &request_fields, NULL},
        {"{\"id\":1,\"provider\"", &offer_fields, NULL},
        {"{\"id\":1,\"request\":1", &proposal_fields, "history"},
        {"{\"state\":\"LUX\",\"group\"", &membership_fields, NULL},
        {"{\"alpha3\":\"LUX\"", &state_fields, NULL},
    };
    const char *path = "docs/formats.md";
    FILE *f = fopen(path, "r");
    char line[4096], got[1024], want[1024];
    bool found[sizeof examples / sizeof *examples] = {false};
    while (f && fgets(line, sizeof line, f)) {
        for (size_t i = 0; i < sizeof examples / sizeof *examples; i++) {
            if (found[i] || strncmp(line, examples[i].start, strlen(examples[i].start)) != 0)
                continue;
            found[i] = true;
            scan_keys(line, got, sizeof got);
            table_keys(examples[i].t, examples[i].extra, want, sizeof want);
            char name[160];
            snprintf(name, sizeof name, "%s: the keys of docs/formats.md's example are the table's",
                     examples[i].t->record);
            if (strcmp(got, want) != 0)
                printf("#   formats.md: %s\n#   table:      %s\n", got, want);
            TAP_STREQ(got, want, name);
            const char *hist = strstr(line, "\"history\":[");
            if (hist) {
                scan_keys(hist + 11, got, sizeof got);
                table_keys(&proposal_event_fields, NULL, want, sizeof want);
                TAP_STREQ(got, want, "proposal event: docs/formats.md's history keys are the table's");
            }
        }
    }
    if (f)
        fclose(f);
    bool all = true;
    for (size_t i = 0; i < sizeof examples / sizeof *examples; i++)
        all &= found[i];
    TAP_CHECK(f && all, "docs/formats.md has an example of every record with a table");
}

static void test_tables(void)
{
    const field_table_t *all[] = {&matrix_version_fields, &matrix_entry_fields, &request_fields,
                                  &offer_fields,          &proposal_fields,     &proposal_event_fields};
    bool unique = true;
    for (size_t t = 0; t < sizeof all / sizeof *all; t++)
        for (size_t i = 0; i < all[t]->n; i++)
            for (size_t k = i + 1; k < all[t]->n; k++)
                unique &= strcmp(all[t]->fields[i].name, all[t]->fields[k].name) != 0 &&
                          strcmp(field_column(&all[t]->fields[i]),
                                 field_column(&all[t]->fields[k])) != 0;
    TAP_CHECK(unique, "no table names a key or a column twice");
}

int main(void)
{
    if (!mkdtemp(dir))
        return 1;
    test_tables();
    test_published_format();
    test_json_keys();
    test_json_round_trip();
    test_store_round_trip();
    test_lists_migration();
    test_same_and_empty();
    test_csv_headers();
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0)
        printf("# could not remove %s\n", dir);
    return tap_done();
}
