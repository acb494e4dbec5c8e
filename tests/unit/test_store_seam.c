/*
 * Unit tests of the store's backend-neutral seam on a real SQLite file: the
 * change counter (what the web's answer cache polls), store_destroy, and the
 * filters and paging the store does for list pages. These are the parts of
 * docs/internals/new-backend.md that a second backend must reproduce; the
 * same checks then run against it.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../src/io/refdata.h"
#include "../../src/store/store.h"
#include "tap.h"

static char dir[] = "/tmp/r1540-seam-XXXXXX";

static char *db_path(const char *name)
{
    static char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return path;
}

static store_t *open_db(const char *name, store_open_mode_t mode)
{
    store_t *st = NULL;
    err_t e = {0};
    if (store_open(db_path(name), mode, &st, &e) != RC_OK)
        printf("# %s\n", e.msg);
    return st;
}

static long long counter(store_t *st)
{
    long long v = -1;
    err_t e = {0};
    if (store_change_counter(st, &v, &e) != RC_OK)
        printf("# change counter: %s\n", e.msg);
    return v;
}

/* The counter moves for a commit of this store_t (PRAGMA data_version alone
 * does not), of another store_t on the same database, and for a write made
 * outside a transaction; not for reads or a rolled-back transaction's reads. */
static void test_change_counter(void)
{
    err_t e = {0};
    arena_t a = ARENA_INIT;
    store_t *st = open_db("counter.db", STORE_OPEN_CREATE);
    store_t *other = open_db("counter.db", STORE_OPEN_EXISTING);
    TAP_CHECK(st && other, "two connections to one database");
    if (!st || !other)
        return;
    long long v0 = counter(st);
    char *value;
    store_meta_get(st, "template_version", &a, &value, NULL);
    store_begin_read(st, &e);
    store_meta_get(st, "demo", &a, &value, NULL);
    store_rollback(st);
    TAP_CHECK(counter(st) == v0, "reads do not move the counter");
    store_begin(st, &e);
    store_meta_set(st, "probe", "1", &e);
    TAP_CHECK(store_commit(st, &e) == RC_OK, "commit a change on the first connection");
    long long v1 = counter(st);
    TAP_CHECK(v1 != v0, "the counter moves for this connection's own commit");
    TAP_CHECK(store_meta_set(st, "probe", "2", &e) == RC_OK && counter(st) != v1,
              "and for its write outside a transaction");
    long long o0 = counter(other);
    TAP_CHECK(counter(other) == o0, "the second connection's counter holds still");
    store_meta_set(st, "probe", "3", &e);
    TAP_CHECK(counter(other) != o0, "and moves when the first connection commits");
    long long o1 = counter(other);
    store_begin(other, &e);
    store_meta_set(other, "probe", "4", &e);
    store_commit(other, &e);
    TAP_CHECK(counter(other) != o1, "the second connection's own commit moves it");
    store_close(other);
    store_close(st);
    arena_free(&a);
}

static bool file_there(const char *name)
{
    return access(db_path(name), F_OK) == 0;
}

/* store_destroy removes the database and what SQLite keeps beside it, takes
 * the same URLs as store_open, and refuses what is not a database of its. */
static void test_destroy(void)
{
    err_t e = {0};
    store_t *st = open_db("gone.db", STORE_OPEN_CREATE);
    store_t *reader = open_db("gone.db", STORE_OPEN_EXISTING);
    store_meta_set(st, "probe", "1", &e);
    TAP_CHECK(file_there("gone.db") && file_there("gone.db-wal") && file_there("gone.db-shm"),
              "a database in use has its -wal and -shm files");
    TAP_CHECK(store_exists(db_path("gone.db")), "store_exists sees it");
    char url[300];
    snprintf(url, sizeof url, "sqlite:%s", db_path("gone.db"));
    TAP_CHECK(store_exists(url), "... by its sqlite: URL too");
    /* the reader keeps the -wal and -shm files from being removed by the last close */
    store_close(st);
    TAP_CHECK(file_there("gone.db-wal"), "... which stay while a connection is open");
    store_close(reader);
    TAP_CHECK(store_destroy(url, &e) == RC_OK, "store_destroy by URL");
    TAP_CHECK(!file_there("gone.db") && !file_there("gone.db-wal") && !file_there("gone.db-shm"),
              "... leaves neither the file nor its -wal and -shm");
    TAP_CHECK(!store_exists(url), "... and store_exists says so");
    TAP_CHECK(store_destroy(url, &e) == RC_OK, "destroying a missing database is not an error");
    FILE *f = fopen(db_path("left.db-wal"), "w");
    if (f)
        fclose(f);
    TAP_CHECK(store_destroy(db_path("left.db"), &e) == RC_OK && !file_there("left.db-wal"),
              "a -wal file left without its database goes too");
    /* no switch: the PostgreSQL backend's destroy answers (an unreachable
     * database is nothing there to remove) */
    TAP_CHECK(store_destroy("postgres:///nosuchdb?host=/nonexistent", &e) == RC_OK &&
                  !store_exists("postgres:///nosuchdb?host=/nonexistent"),
              "a postgres URI goes to the PostgreSQL backend, no switch needed");
    TAP_CHECK(store_destroy(":memory:", &e) == RC_DB && store_destroy("sqlite:", &e) == RC_DB,
              "names that are no database file are refused");
    store_t *mem = NULL;
    TAP_CHECK(store_open("sqlite::memory:", STORE_OPEN_CREATE, &mem, &e) == RC_DB && !mem &&
                  !store_exists(":memory:"),
              "... by store_open and store_exists too");
    mkdir(db_path("adir"), 0700);
    TAP_CHECK(store_destroy(db_path("adir"), &e) == RC_FAIL && strstr(e.msg, "adir"),
              "a directory is not removed, and the message names it");
    static char longpath[5000];
    memset(longpath, 'a', sizeof longpath - 1);
    TAP_CHECK(store_destroy(longpath, &e) == RC_INPUT, "an oversized path is refused");
}

/* Ids of rows found, as "1,2,3", to compare pages at a glance. */
static const char *ids(const assistance_request_t *rs, size_t n)
{
    static char out[512];
    size_t k = 0;
    out[0] = 0;
    for (size_t i = 0; i < n && k < sizeof out - 24; i++)
        k += (size_t)snprintf(out + k, sizeof out - k, "%s%lld", i ? "," : "", rs[i].id);
    return out;
}

/* Finds requests with q and says which ids came back and the total. */
static rc_t find(store_t *st, store_query_t q, arena_t *a, const char **got, long long *total,
                 err_t *e)
{
    assistance_request_t *rs = NULL;
    size_t n = 99;
    rc_t rc = store_request_find(st, &q, a, &rs, &n, total, e);
    *got = rc == RC_OK ? ids(rs, n) : "(error)";
    return rc;
}

/* The store's filters and paging: the boundaries of a slice, and filters that
 * match nothing, hostile or oversized values. Seven requests: ids 1..7,
 * FRA's odd ones, KEN's even ones; 3 and 6 are equipment, the rest training. */
static void test_paging(void)
{
    err_t e = {0};
    arena_t a = ARENA_INIT;
    store_t *st = open_db("paging.db", STORE_OPEN_CREATE);
    TAP_CHECK(st != NULL, "a database for the paging tests");
    if (!st)
        return;
    store_begin(st, &e);
    rc_t rc = refdata_load(st, getenv("R1540_DATA") ? getenv("R1540_DATA") : "data", &a, &e);
    for (int i = 1; rc == RC_OK && i <= 7; i++) {
        assistance_request_t r = {.state = "FRA", .kind = i % 3 ? "training" : "equipment",
                                  .items = "OP1-AG", .themes = i == 7 ? "brokering" : "",
                                  .title = "t", .description = "", .languages = "en",
                                  .priority = 1, .submitted = "2025-01-01", .status = "open"};
        if (i % 2 == 0)
            memcpy(r.state, "KEN", 4);
        rc = store_request_insert(st, &r, &e);
    }
    if (rc == RC_OK)
        rc = store_commit(st, &e);
    TAP_CHECK(rc == RC_OK, "seven requests stored");
    if (rc != RC_OK)
        printf("# %s\n", e.msg);
    const char *got;
    long long total = -1;
    store_query_t all = {.limit = STORE_NO_LIMIT};
    TAP_CHECK(find(st, all, &a, &got, &total, &e) == RC_OK && strcmp(got, "1,2,3,4,5,6,7") == 0 &&
                  total == 7,
              "no filter, no limit: every row in id order");
    store_query_t q = {.limit = 3, .offset = 0};
    TAP_CHECK(find(st, q, &a, &got, &total, &e) == RC_OK && strcmp(got, "1,2,3") == 0 && total == 7,
              "the first page of 3, with the total of 7");
    q.offset = 6;
    TAP_CHECK(find(st, q, &a, &got, &total, &e) == RC_OK && strcmp(got, "7") == 0 && total == 7,
              "the last, short page");
    q.offset = 7;
    TAP_CHECK(find(st, q, &a, &got, &total, &e) == RC_OK && *got == 0 && total == 7,
              "an offset at the end: no rows, the total still 7");
    q.offset = 1LL << 62;
    TAP_CHECK(find(st, q, &a, &got, &total, &e) == RC_OK && *got == 0 && total == 7,
              "an offset far past the end: no rows");
    q = (store_query_t){.limit = 0};
    TAP_CHECK(find(st, q, &a, &got, &total, &e) == RC_OK && *got == 0 && total == 7,
              "limit 0: only the count");
    q.limit = 1LL << 62;
    TAP_CHECK(find(st, q, &a, &got, &total, &e) == RC_OK && strcmp(got, "1,2,3,4,5,6,7") == 0,
              "a huge limit: every row");
    q = (store_query_t){.limit = 2, .offset = 1, .newest_first = true};
    TAP_CHECK(find(st, q, &a, &got, &total, &e) == RC_OK && strcmp(got, "6,5") == 0,
              "newest first, from the second");
    q = (store_query_t){.limit = 2, .offset = -1};
    TAP_CHECK(find(st, q, &a, &got, &total, &e) == RC_INPUT && strstr(e.msg, "offset -1"),
              "a negative offset is refused, naming it");
    q = (store_query_t){.limit = -2};
    TAP_CHECK(find(st, q, &a, &got, &total, &e) == RC_INPUT && strstr(e.msg, "limit -2"),
              "a limit below 'no limit' is refused, naming it");
    q = (store_query_t){.limit = STORE_NO_LIMIT, .state = "KEN", .kind = "training"};
    TAP_CHECK(find(st, q, &a, &got, &total, &e) == RC_OK && strcmp(got, "2,4") == 0 && total == 2,
              "state and kind together");
    q = (store_query_t){.limit = STORE_NO_LIMIT, .state = "", .kind = "", .status = ""};
    TAP_CHECK(find(st, q, &a, &got, &total, &e) == RC_OK && total == 7,
              "empty filters are no filters");
    q = (store_query_t){.limit = STORE_NO_LIMIT, .theme = "brokering"};
    TAP_CHECK(find(st, q, &a, &got, &total, &e) == RC_OK && strcmp(got, "7") == 0,
              "a theme of the request's own");
    q.theme = "brokering,x";
    TAP_CHECK(find(st, q, &a, &got, &total, &e) == RC_OK && total == 0,
              "a theme holding a comma matches nothing");
    q = (store_query_t){.limit = STORE_NO_LIMIT, .status = "open' OR '1'='1"};
    TAP_CHECK(find(st, q, &a, &got, &total, &e) == RC_OK && total == 0,
              "SQL in a filter is a value, matching nothing");
    static char big[100000];
    memset(big, 'x', sizeof big - 1);
    q = (store_query_t){.limit = STORE_NO_LIMIT, .kind = big, .theme = big, .region = big};
    TAP_CHECK(find(st, q, &a, &got, &total, &e) == RC_OK && total == 0,
              "oversized filters match nothing");
    assistance_offer_t *os;
    size_t no;
    q = (store_query_t){.limit = 5, .offset = -5};
    TAP_CHECK(store_offer_find(st, &q, &a, &os, &no, &total, &e) == RC_INPUT,
              "offers: a negative offset is refused too");
    q = (store_query_t){.limit = 5};
    TAP_CHECK(store_offer_find(st, &q, &a, &os, &no, &total, &e) == RC_OK && no == 0 && total == 0,
              "offers: none stored, none found");
    store_close(st);
    arena_free(&a);
}

/* The health check's answer on SQLite: the backend's name, the schema number
 * the database is at (every migration applied), writable, no replica; and it
 * writes nothing (the counter holds still). */
static void test_health(void)
{
    err_t e = {0};
    store_t *st = open_db("health.db", STORE_OPEN_CREATE);
    TAP_CHECK(st != NULL, "health: a database");
    if (!st)
        return;
    long long v0 = counter(st);
    store_health_t h = {0};
    TAP_CHECK(store_health(st, &h, &e) == RC_OK, "health: answers");
    TAP_CHECK(strcmp(h.backend, "sqlite") == 0, "health: names the backend");
    TAP_CHECK(h.schema > 0, "health: the schema number");
    TAP_CHECK(!h.read_only && !h.standby && h.lag_seconds < 0,
              "health: writable, no replica, no lag");
    TAP_CHECK(counter(st) == v0, "health: writes nothing");
    store_close(st);
}

int main(void)
{
    if (!mkdtemp(dir))
        return 1;
    test_change_counter();
    test_health();
    test_destroy();
    test_paging();
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    TAP_CHECK(system(cmd) == 0, "clean up");
    return tap_done();
}
