/*
 * Unit tests of the store through its interface, on a real SQLite file: the
 * rules the store enforces whatever the caller (frozen versions, workflow,
 * unknown items, document size), and error codes for unusable files.
 */
#include <stdlib.h>
#include <unistd.h>

#include "../../src/io/refdata.h"
#include "../../src/store/store.h"
#include "tap.h"

static char dir[] = "/tmp/r1540-store-XXXXXX";

static store_t *open_fresh(const char *name, arena_t *a)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    store_t *st = NULL;
    err_t e = {0};
    if (store_open(path, STORE_OPEN_CREATE, &st, &e) != RC_OK) {
        printf("# %s\n", e.msg);
        return NULL;
    }
    store_begin(st, &e);
    store_meta_set(st, "max_document_bytes", "100", &e);
    rc_t rc = refdata_load(st, getenv("R1540_DATA") ? getenv("R1540_DATA") : "data", a, &e);
    store_commit(st, &e);
    if (rc != RC_OK)
        printf("# refdata: %s\n", e.msg);
    return st;
}

static void test_versions(store_t *st, arena_t *a)
{
    err_t e = {0};
    matrix_version_t v = {.state = "NOR", .number = 1, .template_version = 1, .note = ""};
    memcpy(v.created, "2006-01-01", 11);
    TAP_CHECK(store_version_insert(st, &v, &e) == RC_OK && v.id > 0, "insert a version");
    matrix_entry_t en = {.item = "OP1-NPT", .mark = MARK_X, .legal_reference = "Act",
                         .page = "", .remark = ""};
    TAP_CHECK(store_entry_put(st, v.id, &en, &e) == RC_OK, "put an entry in a draft");
    en.item = "OP1-NOTANITEM";
    TAP_CHECK(store_entry_put(st, v.id, &en, &e) == RC_NOTFOUND, "unknown item refused");
    TAP_CHECK(store_version_set_status(st, v.id, MV_APPROVED, "2006-02-01", &e) == RC_REFUSED,
              "the store refuses draft -> approved");
    TAP_CHECK(store_version_set_status(st, v.id, MV_WITH_STATE, NULL, &e) == RC_OK &&
                  store_version_set_status(st, v.id, MV_APPROVED, "2006-02-01", &e) == RC_OK,
              "with-state -> approved");
    en.item = "OP1-NPT";
    en.mark = MARK_NA;
    TAP_CHECK(store_entry_put(st, v.id, &en, &e) == RC_REFUSED, "approved entries are frozen");
    TAP_CHECK(strstr(e.msg, "cannot change") != NULL, "with a message that says so");
    TAP_CHECK(store_entry_delete(st, v.id, "OP1-NPT", &e) == RC_REFUSED, "and cannot be deleted");
    matrix_entry_t *es;
    size_t n;
    TAP_CHECK(store_entries(st, v.id, a, &es, &n, &e) == RC_OK && n == 1 && es[0].mark == MARK_X,
              "the approved entry is unchanged");
    matrix_version_t dup = v;
    TAP_CHECK(store_version_insert(st, &dup, &e) == RC_INPUT && strstr(e.msg, "already has"),
              "a duplicate version number is refused");
    matrix_version_t got;
    TAP_CHECK(store_version_get(st, "NOR", 1, a, &got, &e) == RC_OK &&
                  got.status == MV_APPROVED && strcmp(got.approved, "2006-02-01") == 0,
              "read back the approved version");
}

static void test_reports_and_states(store_t *st, arena_t *a)
{
    err_t e = {0};
    state_t s;
    TAP_CHECK(store_state_get(st, "no", a, &s, &e) == RC_OK && strcmp(s.alpha3, "NOR") == 0,
              "a state by lower-case alpha-2");
    TAP_CHECK(store_state_get(st, "XX", a, &s, &e) == RC_NOTFOUND, "an unknown state");
    report_t r = {.state = "NOR", .kind = "letter", .date = "2010-01-01", .language = "en",
                  .title = "t", .size = 200};
    static char doc[200];
    TAP_CHECK(store_report_insert(st, &r, doc, sizeof doc, &e) == RC_REFUSED,
              "a document over the configured size is refused by the store");
    r.size = 10;
    TAP_CHECK(store_report_insert(st, &r, doc, 10, &e) == RC_OK && r.id > 0, "a small one is not");
    report_t bad = r;
    bad.id = 0;
    memcpy(bad.state, "ZZZ", 4);
    TAP_CHECK(store_report_insert(st, &bad, NULL, 0, &e) == RC_INPUT, "a report of no state");
}

int main(void)
{
    arena_t a = ARENA_INIT;
    if (!mkdtemp(dir))
        return 1;
    store_t *st = open_fresh("t.db", &a);
    TAP_CHECK(st != NULL, "create a database with reference data");
    if (st) {
        test_versions(st, &a);
        test_reports_and_states(st, &a);
        store_close(st);
    }
    char path[256];
    snprintf(path, sizeof path, "%s/junk.db", dir);
    FILE *f = fopen(path, "w");
    fputs("definitely not a database file, but long enough to have a header......", f);
    fclose(f);
    err_t e = {0};
    store_t *junk = NULL;
    TAP_CHECK(store_open(path, STORE_OPEN_EXISTING, &junk, &e) == RC_DB && !junk,
              "a file that is not SQLite");
    snprintf(path, sizeof path, "%s/missing.db", dir);
    TAP_CHECK(store_open(path, STORE_OPEN_EXISTING, &junk, &e) == RC_DB &&
                  strstr(e.msg, "r1540 init"),
              "a missing database");
    /* no switch: a postgres URI goes to the PostgreSQL backend, which tries to
     * connect (the working connection is tests/cli/50_postgres.sh's) */
    TAP_CHECK(store_open("postgresql:///nosuchdb?host=/nonexistent", STORE_OPEN_EXISTING, &junk,
                         &e) == RC_DB &&
                  !junk && strstr(e.msg, "postgres database nosuchdb: cannot connect"),
              "a postgresql URI reaches the PostgreSQL backend, no switch needed");
    arena_free(&a);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    TAP_CHECK(system(cmd) == 0, "clean up");
    return tap_done();
}
