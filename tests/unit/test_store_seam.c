/*
 * Unit tests of the store's backend-neutral seam on a real SQLite file: the
 * change counter (what the web's answer cache polls), store_destroy, and the
 * filters and paging the store does for list pages. These are the parts of
 * docs/internals/new-backend.md that a second backend must reproduce; the
 * same checks then run against it.
 */
#include <stdlib.h>
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
    TAP_CHECK(store_destroy("postgres://x/y", &e) == RC_DB && strstr(e.msg, "not built"),
              "a backend not built is refused");
    TAP_CHECK(store_destroy(":memory:", &e) == RC_DB && store_destroy("sqlite:", &e) == RC_DB,
              "names that are no database file are refused");
    mkdir(db_path("adir"), 0700);
    TAP_CHECK(store_destroy(db_path("adir"), &e) == RC_FAIL && strstr(e.msg, "adir"),
              "a directory is not removed, and the message names it");
    static char longpath[5000];
    memset(longpath, 'a', sizeof longpath - 1);
    TAP_CHECK(store_destroy(longpath, &e) == RC_INPUT, "an oversized path is refused");
}

int main(void)
{
    if (!mkdtemp(dir))
        return 1;
    test_change_counter();
    test_destroy();
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    TAP_CHECK(system(cmd) == 0, "clean up");
    return tap_done();
}
