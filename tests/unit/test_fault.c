/*
 * Fault injection in SQLite's tradition (the fault tests in its test folder): the store and
 * the JSON importer run one import (open the database, read the file, apply
 * it in one transaction with its audit entry, commit) again and again while
 * SQLite's allocations, or its file writes and syncs, fail:
 *
 *   - only the Nth fails, for N over the whole run (in strides when the run
 *     is long), so that every part of the run meets a failure;
 *   - every Nth fails from the start, for a few N, so that the failure paths
 *     themselves (rollback, close) meet failures too.
 *
 * After each run, with the faults off: a failed run left a message and the
 * database exactly as before; a successful one left it exactly as a run
 * without faults does; PRAGMA integrity_check is ok and the audit chain
 * verifies. No crash, and (under ASan, tests/run.sh) no leak.
 *
 * Allocation failures are injected into SQLite only (SQLITE_CONFIG_MALLOC):
 * r1540's own allocations go through mem.c's x* wrappers, which abort on
 * out-of-memory by design (mem.h), so there is nothing to recover there.
 * Write failures come from a VFS shim over the default one, registered as
 * the default so that store_open uses it unchanged.
 */
#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../src/store/audit_log.h"
#include "../../src/io/dataset.h"
#include "../../src/io/csv_export.h"
#include "../../src/io/csv_import.h"
#include "../../src/io/json_import.h"
#include "../../src/io/refdata.h"
#include "../../src/store/store.h"
#include "tap.h"

/* ---- the fault counter ---------------------------------------------------- */

typedef enum { FAULT_NONE, FAULT_MALLOC, FAULT_WRITE } fault_kind_t;

static fault_kind_t fault_kind;
static long long fault_at;     /* the Nth event fails (0: none) */
static bool fault_every;       /* every Nth, not only the Nth */
static long long fault_events; /* events of fault_kind since armed */
static long long fault_fired;  /* failures injected since armed */

static bool fault_hit(fault_kind_t kind)
{
    if (fault_kind != kind)
        return false;
    long long n = ++fault_events;
    bool hit = fault_every ? n % fault_at == 0 : n == fault_at;
    fault_fired += hit;
    return hit;
}

static void fault_arm(fault_kind_t kind, long long at, bool every)
{
    fault_events = fault_fired = 0;
    fault_at = at;
    fault_every = every;
    fault_kind = kind;
}

static void fault_off(void)
{
    fault_kind = FAULT_NONE;
}

/* ---- SQLite's allocator, failing on demand -------------------------------- */

static sqlite3_mem_methods real_mem;

static void *fault_malloc(int n)
{
    return fault_hit(FAULT_MALLOC) ? NULL : real_mem.xMalloc(n);
}
static void fault_free(void *p)
{
    real_mem.xFree(p);
}
static void *fault_realloc(void *p, int n)
{
    return fault_hit(FAULT_MALLOC) ? NULL : real_mem.xRealloc(p, n);
}
static int fault_size(void *p)
{
    return real_mem.xSize(p);
}
static int fault_roundup(int n)
{
    return real_mem.xRoundup(n);
}
static int fault_init(void *x)
{
    return real_mem.xInit(x);
}
static void fault_shutdown(void *x)
{
    real_mem.xShutdown(x);
}

/* ---- a VFS whose files fail writes and syncs on demand ------------------------ */

typedef struct {
    sqlite3_file base;
    sqlite3_file *real; /* the default VFS's file, right after this struct */
} fault_file_t;

static sqlite3_vfs *real_vfs;
static sqlite3_io_methods fault_io;

#define REAL(f) (((fault_file_t *)(f))->real)

static int ff_close(sqlite3_file *f)
{
    return REAL(f)->pMethods->xClose(REAL(f));
}
static int ff_read(sqlite3_file *f, void *p, int n, sqlite3_int64 off)
{
    return REAL(f)->pMethods->xRead(REAL(f), p, n, off);
}
static int ff_write(sqlite3_file *f, const void *p, int n, sqlite3_int64 off)
{
    if (fault_hit(FAULT_WRITE))
        return SQLITE_IOERR_WRITE;
    return REAL(f)->pMethods->xWrite(REAL(f), p, n, off);
}
static int ff_truncate(sqlite3_file *f, sqlite3_int64 size)
{
    if (fault_hit(FAULT_WRITE))
        return SQLITE_IOERR_TRUNCATE;
    return REAL(f)->pMethods->xTruncate(REAL(f), size);
}
static int ff_sync(sqlite3_file *f, int flags)
{
    if (fault_hit(FAULT_WRITE))
        return SQLITE_IOERR_FSYNC;
    return REAL(f)->pMethods->xSync(REAL(f), flags);
}
static int ff_size(sqlite3_file *f, sqlite3_int64 *size)
{
    return REAL(f)->pMethods->xFileSize(REAL(f), size);
}
static int ff_lock(sqlite3_file *f, int l)
{
    return REAL(f)->pMethods->xLock(REAL(f), l);
}
static int ff_unlock(sqlite3_file *f, int l)
{
    return REAL(f)->pMethods->xUnlock(REAL(f), l);
}
static int ff_reserved(sqlite3_file *f, int *out)
{
    return REAL(f)->pMethods->xCheckReservedLock(REAL(f), out);
}
static int ff_control(sqlite3_file *f, int op, void *arg)
{
    return REAL(f)->pMethods->xFileControl(REAL(f), op, arg);
}
static int ff_sector(sqlite3_file *f)
{
    return REAL(f)->pMethods->xSectorSize(REAL(f));
}
static int ff_device(sqlite3_file *f)
{
    return REAL(f)->pMethods->xDeviceCharacteristics(REAL(f));
}
static int ff_shm_map(sqlite3_file *f, int pg, int sz, int extend, void volatile **p)
{
    return REAL(f)->pMethods->xShmMap(REAL(f), pg, sz, extend, p);
}
static int ff_shm_lock(sqlite3_file *f, int off, int n, int flags)
{
    return REAL(f)->pMethods->xShmLock(REAL(f), off, n, flags);
}
static void ff_shm_barrier(sqlite3_file *f)
{
    REAL(f)->pMethods->xShmBarrier(REAL(f));
}
static int ff_shm_unmap(sqlite3_file *f, int del)
{
    return REAL(f)->pMethods->xShmUnmap(REAL(f), del);
}
static int ff_fetch(sqlite3_file *f, sqlite3_int64 off, int n, void **pp)
{
    return REAL(f)->pMethods->xFetch(REAL(f), off, n, pp);
}
static int ff_unfetch(sqlite3_file *f, sqlite3_int64 off, void *p)
{
    return REAL(f)->pMethods->xUnfetch(REAL(f), off, p);
}

static int fv_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *f, int flags, int *out)
{
    (void)vfs;
    fault_file_t *ff = (fault_file_t *)f;
    ff->real = (sqlite3_file *)(ff + 1);
    int rc = real_vfs->xOpen(real_vfs, name, ff->real, flags, out);
    /* the shim's methods only once the real file is open: SQLite calls
     * xClose on a file whose pMethods is set, even when xOpen failed */
    ff->base.pMethods = rc == SQLITE_OK && ff->real->pMethods ? &fault_io : NULL;
    if (ff->base.pMethods) {
        fault_io.iVersion = ff->real->pMethods->iVersion;
    }
    return rc;
}
static int fv_delete(sqlite3_vfs *v, const char *name, int sync)
{
    (void)v;
    return real_vfs->xDelete(real_vfs, name, sync);
}
static int fv_access(sqlite3_vfs *v, const char *name, int flags, int *out)
{
    (void)v;
    return real_vfs->xAccess(real_vfs, name, flags, out);
}
static int fv_full(sqlite3_vfs *v, const char *name, int n, char *out)
{
    (void)v;
    return real_vfs->xFullPathname(real_vfs, name, n, out);
}
static void *fv_dlopen(sqlite3_vfs *v, const char *p)
{
    (void)v;
    return real_vfs->xDlOpen(real_vfs, p);
}
static void fv_dlerror(sqlite3_vfs *v, int n, char *out)
{
    (void)v;
    real_vfs->xDlError(real_vfs, n, out);
}
static void (*fv_dlsym(sqlite3_vfs *v, void *h, const char *s))(void)
{
    (void)v;
    return real_vfs->xDlSym(real_vfs, h, s);
}
static void fv_dlclose(sqlite3_vfs *v, void *h)
{
    (void)v;
    real_vfs->xDlClose(real_vfs, h);
}
static int fv_random(sqlite3_vfs *v, int n, char *out)
{
    (void)v;
    return real_vfs->xRandomness(real_vfs, n, out);
}
static int fv_sleep(sqlite3_vfs *v, int us)
{
    (void)v;
    return real_vfs->xSleep(real_vfs, us);
}
static int fv_time(sqlite3_vfs *v, double *out)
{
    (void)v;
    return real_vfs->xCurrentTime(real_vfs, out);
}
static int fv_lasterr(sqlite3_vfs *v, int n, char *out)
{
    (void)v;
    return real_vfs->xGetLastError ? real_vfs->xGetLastError(real_vfs, n, out) : 0;
}
static int fv_time64(sqlite3_vfs *v, sqlite3_int64 *out)
{
    (void)v;
    return real_vfs->xCurrentTimeInt64(real_vfs, out);
}

static sqlite3_vfs fault_vfs;

static void faults_install(void)
{
    sqlite3_config(SQLITE_CONFIG_GETMALLOC, &real_mem);
    static sqlite3_mem_methods m;
    m = (sqlite3_mem_methods){fault_malloc,  fault_free, fault_realloc,  fault_size,
                              fault_roundup, fault_init, fault_shutdown, NULL};
    sqlite3_config(SQLITE_CONFIG_MALLOC, &m);
    sqlite3_initialize();
    real_vfs = sqlite3_vfs_find(NULL);
    fault_io = (sqlite3_io_methods){
        3,           ff_close,       ff_read,      ff_write,   ff_truncate, ff_sync,   ff_size,
        ff_lock,     ff_unlock,      ff_reserved,  ff_control, ff_sector,   ff_device, ff_shm_map,
        ff_shm_lock, ff_shm_barrier, ff_shm_unmap, ff_fetch,   ff_unfetch};
    fault_vfs = (sqlite3_vfs){.iVersion = 2,
                              .szOsFile = (int)sizeof(fault_file_t) + real_vfs->szOsFile,
                              .mxPathname = real_vfs->mxPathname,
                              .zName = "r1540-fault",
                              .xOpen = fv_open,
                              .xDelete = fv_delete,
                              .xAccess = fv_access,
                              .xFullPathname = fv_full,
                              .xDlOpen = fv_dlopen,
                              .xDlError = fv_dlerror,
                              .xDlSym = fv_dlsym,
                              .xDlClose = fv_dlclose,
                              .xRandomness = fv_random,
                              .xSleep = fv_sleep,
                              .xCurrentTime = fv_time,
                              .xGetLastError = fv_lasterr,
                              .xCurrentTimeInt64 = fv_time64};
    sqlite3_vfs_register(&fault_vfs, 1);
}

/* ---- the run under test --------------------------------------------------------- */

static char dir[] = "/tmp/r1540-fault-XXXXXX";
static char base_db[300], work_db[300], import_file[300], csv_dir[300];
static bool import_csv; /* the CSV importer (csv_dir) rather than the JSON one */

/* One import as `r1540 import` makes it: open, read, apply, audit, commit. */
static rc_t run_import(err_t *e)
{
    arena_t a = ARENA_INIT;
    store_t *st = NULL;
    dataset_t ds;
    rc_t rc = store_open(work_db, STORE_OPEN_EXISTING, &st, e);
    if (rc == RC_OK)
        rc = import_csv ? csv_import_path(csv_dir, &a, &ds, e)
                        : json_import_file(import_file, &a, &ds, e);
    if (rc == RC_OK && (rc = store_begin(st, e)) == RC_OK) {
        rc = dataset_apply_in(st, &ds, &a, e);
        if (rc == RC_OK)
            rc = audit_append(st, "cli:fault", "import", "file:fault.json", "", e);
        if (rc == RC_OK)
            rc = store_commit(st, e);
        if (rc != RC_OK)
            store_rollback(st);
    }
    store_close(st);
    arena_free(&a);
    return rc;
}

static bool copy_file(const char *from, const char *to)
{
    FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
    char buf[65536];
    size_t n;
    bool ok = in && out;
    while (ok && (n = fread(buf, 1, sizeof buf, in)) > 0)
        ok = fwrite(buf, 1, n, out) == n;
    if (in)
        fclose(in);
    if (out && fclose(out) != 0)
        ok = false;
    return ok;
}

static void work_reset(void)
{
    char side[320];
    snprintf(side, sizeof side, "%s-wal", work_db);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", work_db);
    unlink(side);
    copy_file(base_db, work_db);
}

/* What the import changes, with the faults off: counts of every table it
 * writes; "" when the database cannot be read, its
 * integrity check fails or its audit chain does not verify. */
static void fingerprint(char *out, size_t n)
{
    out[0] = 0;
    sqlite3 *db;
    if (sqlite3_open_v2(work_db, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        sqlite3_close(db);
        return;
    }
    sqlite3_stmt *s;
    const char *sql =
        "SELECT (SELECT integrity_check FROM pragma_integrity_check) || '|' ||"
        " (SELECT count(*) FROM state) || '|' || (SELECT count(*) FROM report) || '|' ||"
        " (SELECT count(*) FROM matrix_version) || '|' || (SELECT count(*) FROM matrix_entry)"
        " || '|' || (SELECT count(*) FROM audit)";
    if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
        snprintf(out, n, "%s", (const char *)sqlite3_column_text(s, 0));
    sqlite3_finalize(s);
    sqlite3_close(db);
    store_t *st;
    err_t e = {0};
    long long bad = 0, count = 0;
    char head[AUDIT_HASH_HEX];
    /* the chain must verify; its head is not compared (entries carry their time) */
    if (store_open(work_db, STORE_OPEN_EXISTING, &st, &e) != RC_OK ||
        audit_verify(st, &bad, &count, head, &e) != RC_OK)
        out[0] = 0;
    store_close(st);
}

typedef struct {
    long long runs, failed, committed, wrong, silent;
    long long late;        /* failed, yet found committed afterwards */
    long long first_wrong; /* the N of the first run that left a wrong state */
} tally_t;

/* Runs the import once under the armed fault and checks what it left. */
static void one_run(fault_kind_t kind, long long at, bool every, const char *before,
                    const char *after, tally_t *t)
{
    work_reset();
    err_t e = {0};
    fault_arm(kind, at, every);
    rc_t rc = run_import(&e);
    fault_off();
    char now[256];
    fingerprint(now, sizeof now);
    t->runs++;
    /* a success is the whole import; a failure leaves the database as it was,
     * or whole when the failure came after the commit reached the log (a
     * sync failing after the write: SQLite reports it, and the next opener
     * finds the transaction complete) */
    bool right = strcmp(now, after) == 0 || (rc != RC_OK && strcmp(now, before) == 0);
    if (rc != RC_OK && strcmp(now, after) == 0)
        t->late++;
    if (rc == RC_OK)
        t->committed++;
    else
        t->failed++;
    if (rc != RC_OK && !e.msg[0])
        t->silent++;
    if (!right) {
        if (!t->wrong)
            t->first_wrong = at,
            printf("# N=%lld%s rc=%d: '%s', wanted '%s' (%s)\n", at, every ? " (every)" : "", rc,
                   now, rc == RC_OK ? after : before, e.msg);
        t->wrong++;
    }
}

static void run_kind(fault_kind_t kind, const char *what, const char *before, const char *after)
{
    /* how many events a whole run has */
    work_reset();
    err_t e = {0};
    fault_arm(kind, 0x7fffffffffffLL, false);
    run_import(&e);
    fault_off();
    long long total = fault_events;
    /* about R1540_FAULT_RUNS runs spread over the events (400 if unset):
     * tests/run.sh asks for fewer under ASan, ten times slower; make bench
     * (bench/fault.sh) runs the full sweep there */
    const char *runs_env = getenv("R1540_FAULT_RUNS");
    long long runs = runs_env ? strtoll(runs_env, NULL, 10) : 400;
    if (runs < 64)
        runs = 64;
    long long stride = total > runs ? total / runs : 1;
    tally_t t = {0};
    for (long long n = 1; n <= total; n += n < 64 ? 1 : stride)
        one_run(kind, n, false, before, after, &t);
    static const long long every[] = {1, 2, 3, 7, 50, 500};
    for (size_t i = 0; i < sizeof every / sizeof *every; i++)
        one_run(kind, every[i], true, before, after, &t);
    char name[256];
    snprintf(name, sizeof name,
             "%s: %lld runs over %lld events (%lld failed, %lld of them found committed; "
             "%lld committed)",
             what, t.runs, total, t.failed, t.late, t.committed);
    TAP_CHECK(total > 0 && t.failed > 0, name);
    snprintf(name, sizeof name, "%s: every run left the database as before or fully imported",
             what);
    TAP_CHECK(t.wrong == 0, name);
    snprintf(name, sizeof name, "%s: every failed run says why", what);
    TAP_CHECK(t.silent == 0, name);
}

int main(void)
{
    faults_install();
    if (!mkdtemp(dir))
        return 1;
    snprintf(base_db, sizeof base_db, "%s/base.db", dir);
    snprintf(work_db, sizeof work_db, "%s/work.db", dir);
    const char *src = getenv("R1540_FAULT_IMPORT");
    snprintf(import_file, sizeof import_file, "%s",
             src ? src : "tests/fuzz/corpus/json/malta.json");

    /* the base: reference data, no import yet (made without faults) */
    arena_t a = ARENA_INIT;
    err_t e = {0};
    store_t *st;
    rc_t rc = store_open(base_db, STORE_OPEN_CREATE, &st, &e);
    if (rc == RC_OK && (rc = store_begin(st, &e)) == RC_OK) {
        store_meta_set(st, "max_document_bytes", "1000000", &e);
        rc = refdata_load(st, getenv("R1540_DATA") ? getenv("R1540_DATA") : "data", &a, &e);
        if (rc == RC_OK)
            rc = audit_append(st, "cli:fault", "init", "database", "", &e);
        rc = rc == RC_OK ? store_commit(st, &e) : (store_rollback(st), rc);
    }
    store_close(st);
    arena_free(&a);
    TAP_CHECK(rc == RC_OK, "a base database with the reference data");
    if (rc != RC_OK) {
        printf("# %s\n", e.msg);
        return tap_done();
    }
    char before[256], after[256];
    work_reset();
    fingerprint(before, sizeof before);
    err_t e2 = {0};
    rc = run_import(&e2);
    fingerprint(after, sizeof after);
    TAP_CHECK(rc == RC_OK && before[0] && after[0] && strcmp(before, after) != 0,
              "the import without faults changes the database");
    if (rc != RC_OK)
        printf("# %s\n", e2.msg);

    run_kind(FAULT_MALLOC, "SQLite allocation failures", before, after);
    run_kind(FAULT_WRITE, "write, truncate and sync failures", before, after);

    /* The CSV importer over the same store: the JSON import's records, exported
     * as CSV from the imported database (no faults), imported into the base. */
    snprintf(csv_dir, sizeof csv_dir, "%s/csv", dir);
    arena_t ca = ARENA_INIT;
    dataset_t ds;
    err_t e3 = {0};
    rc = store_open(work_db, STORE_OPEN_EXISTING, &st, &e3);
    if (rc == RC_OK && (rc = dataset_load(st, NULL, false, &ca, &ds, &e3)) == RC_OK)
        rc = csv_export_dir(&ds, csv_dir, &e3);
    store_close(st);
    arena_free(&ca);
    import_csv = true;
    char after_csv[256] = "";
    if (rc == RC_OK) {
        work_reset();
        rc = run_import(&e3);
        fingerprint(after_csv, sizeof after_csv);
    }
    TAP_CHECK(rc == RC_OK && after_csv[0] && strcmp(before, after_csv) != 0,
              "the CSV import without faults changes the database");
    if (rc != RC_OK)
        printf("# %s\n", e3.msg);
    run_kind(FAULT_MALLOC, "CSV import: SQLite allocation failures", before, after_csv);
    run_kind(FAULT_WRITE, "CSV import: write, truncate and sync failures", before, after_csv);
    static const char *const csv_files[] = {"states.csv", "reports.csv", "matrix_versions.csv",
                                            "matrix_entries.csv"};
    for (size_t i = 0; i < sizeof csv_files / sizeof *csv_files; i++) {
        char path[400];
        snprintf(path, sizeof path, "%s/%s", csv_dir, csv_files[i]);
        unlink(path);
    }
    rmdir(csv_dir);

    const char *const files[] = {"base.db", "base.db-wal", "base.db-shm",
                                 "work.db", "work.db-wal", "work.db-shm"};
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        char path[320];
        snprintf(path, sizeof path, "%s/%s", dir, files[i]);
        unlink(path);
    }
    rmdir(dir);
    return tap_done();
}
