/*
 * The SQLite backend of the store. One connection per store, WAL journal,
 * foreign keys on, synchronous=FULL so a commit survives a power cut. Hot
 * statements are prepared once and reused. SQLite's error codes are turned
 * into r1540's result codes here and nowhere else.
 */
#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../core/matrix_info.h"
#include "sqlite_private.h"
#include "sqlite_assistance.h"
#include "sqlite_fields.h"
#include "sqlite_schema.h"
#include "store.h"

enum {
    Q_META_GET, Q_META_SET, Q_VOCAB_PUT, Q_VOCAB_LIST, Q_STATE_PUT, Q_STATE_GET, Q_STATE_LIST,
    Q_ITEM_PUT, Q_ITEM_LIST, Q_REPORT_INSERT, Q_REPORT_GET, Q_REPORT_LIST, Q_REPORT_LIST_ALL,
    Q_REPORT_DOC, Q_REPORT_ATTACH, Q_VERSION_INSERT, Q_VERSION_UPDATE, Q_VERSION_GET, Q_VERSION_LIST, Q_VERSION_LIST_ALL,
    Q_VERSION_STATUS, Q_VERSION_OWNER, Q_ITEM_KNOWN, Q_ENTRIES_CLEAR, Q_ENTRY_DELETE,
    Q_DATA_VERSION, Q_COUNT
};

#define STATE_COLS "alpha3, alpha2, numeric, un_group, m49_region, m49_subregion, " \
    "m49_intermediate, ldc, lldc, sids, name_ar, name_zh, name_en, name_fr, name_ru, name_es"
#define REPORT_COLS "id, state, kind, date, language, title, filename, media_type, size, " \
    "sha256, document IS NOT NULL"
#define VERSION_COLS "id, state, number, template_version, status, created, approved, " \
    "published, note"

static const char *const queries[Q_COUNT] = {
    [Q_META_GET] = "SELECT value FROM meta WHERE key = ?",
    /* asked before every web answer from the cache: prepared once */
    [Q_DATA_VERSION] = "PRAGMA data_version",
    [Q_META_SET] = "INSERT INTO meta (key, value) VALUES (?, ?)"
                   " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    [Q_VOCAB_PUT] = "INSERT OR REPLACE INTO vocab (kind, code, parent, seq, name_ar, name_zh,"
                    " name_en, name_fr, name_ru, name_es) VALUES (?,?,?,?,?,?,?,?,?,?)",
    [Q_VOCAB_LIST] = "SELECT kind, code, parent, seq, name_ar, name_zh, name_en, name_fr,"
                     " name_ru, name_es FROM vocab WHERE kind = ? ORDER BY seq, code",
    [Q_STATE_PUT] = "INSERT INTO state (" STATE_COLS ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
                    " ON CONFLICT (alpha3) DO UPDATE SET alpha2 = excluded.alpha2,"
                    " numeric = excluded.numeric, un_group = excluded.un_group,"
                    " m49_region = excluded.m49_region, m49_subregion = excluded.m49_subregion,"
                    " m49_intermediate = excluded.m49_intermediate, ldc = excluded.ldc,"
                    " lldc = excluded.lldc, sids = excluded.sids, name_ar = excluded.name_ar,"
                    " name_zh = excluded.name_zh, name_en = excluded.name_en,"
                    " name_fr = excluded.name_fr, name_ru = excluded.name_ru,"
                    " name_es = excluded.name_es",
    [Q_STATE_GET] = "SELECT " STATE_COLS " FROM state WHERE alpha3 = upper(?1) OR alpha2 = upper(?1)",
    [Q_STATE_LIST] = "SELECT " STATE_COLS " FROM state ORDER BY alpha3",
    /* from_id and note_*: tmpl (issue 12), template v2 */
    [Q_ITEM_PUT] = "INSERT OR REPLACE INTO template_item (template_version, id, seq, section,"
                   " heading, weapon, themes, label_ar, label_zh, label_en, label_fr, label_ru,"
                   " label_es, from_id, note_ar, note_zh, note_en, note_fr, note_ru, note_es)"
                   " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
    [Q_ITEM_LIST] = "SELECT id, seq, section, heading, weapon, themes, label_ar, label_zh,"
                    " label_en, label_fr, label_ru, label_es, from_id, note_ar, note_zh,"
                    " note_en, note_fr, note_ru, note_es FROM template_item"
                    " WHERE template_version = ? ORDER BY seq",
    [Q_REPORT_INSERT] = "INSERT INTO report (id, state, kind, date, language, title, filename,"
                        " media_type, size, sha256, document) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
    [Q_REPORT_GET] = "SELECT " REPORT_COLS " FROM report WHERE id = ?",
    [Q_REPORT_LIST] = "SELECT " REPORT_COLS " FROM report WHERE state = ? ORDER BY date, id",
    [Q_REPORT_LIST_ALL] = "SELECT " REPORT_COLS " FROM report ORDER BY state, date, id",
    [Q_REPORT_DOC] = "SELECT document FROM report WHERE id = ?",
    [Q_REPORT_ATTACH] = "UPDATE report SET document = ? WHERE id = ? AND document IS NULL",
    [Q_VERSION_UPDATE] = "UPDATE matrix_version SET template_version = ?, created = ?, note = ?"
                         " WHERE id = ?",
    [Q_VERSION_INSERT] = "INSERT INTO matrix_version (state, number, template_version, status,"
                         " created, note) VALUES (?, ?, ?, 'draft', ?, ?)",
    [Q_VERSION_GET] = "SELECT " VERSION_COLS " FROM matrix_version WHERE state = ? AND number = ?",
    [Q_VERSION_LIST] = "SELECT " VERSION_COLS " FROM matrix_version WHERE state = ? ORDER BY number",
    [Q_VERSION_LIST_ALL] = "SELECT " VERSION_COLS " FROM matrix_version ORDER BY state, number",
    [Q_VERSION_STATUS] = "UPDATE matrix_version SET status = ?2,"
                         " approved = CASE WHEN ?2 = 'approved' THEN ?3 ELSE approved END,"
                         " published = CASE WHEN ?2 = 'published' THEN ?3 ELSE published END"
                         " WHERE id = ?1",
    [Q_VERSION_OWNER] = "SELECT state, template_version FROM matrix_version WHERE id = ?",
    [Q_ITEM_KNOWN] = "SELECT 1 FROM template_item WHERE template_version = ? AND id = ?",
    [Q_ENTRIES_CLEAR] = "DELETE FROM matrix_entry WHERE version_id = ?",
    [Q_ENTRY_DELETE] = "DELETE FROM matrix_entry WHERE version_id = ? AND item = ?",
};

/* Entries go in chunks of 64, 16, 4 and 1 rows: a statement per row costs
 * more in set-up and end-of-statement checks than the insert itself. A row is
 * ENTRY_OWNER_COLS columns naming its version, then matrix_entry_fields'. */
enum { ENTRY_OWNER_COLS = 3, BULK_SIZES = 4 };
#define ENTRY_OWNER "version_id, state, template_version"
static const int bulk_rows[BULK_SIZES] = {64, 16, 4, 1};

struct sqlite_store {
    sqlite3 *db;
    char *path;                  /* owned, for messages */
    sqlite3_stmt *stmt[Q_COUNT]; /* owned, prepared on first use */
    sqlite3_stmt *bulk[BULK_SIZES]; /* owned: multi-row entry inserts, by bulk_rows */
    sqlite3_stmt *extra[SQLITE_EXTRA_STMTS]; /* owned: the other files' statements */
    long long commits;           /* write transactions this connection committed (or began
                                    to commit: see count_commit) */
};

/* Turns the last SQLite failure into an rc and a message. Trigger refusals
 * ("r1540: ...") become RC_REFUSED; locks and unreadable files RC_DB;
 * other constraint failures RC_INPUT. */
static rc_t db_fail(sqlite_store_t *h, int src, err_t *e)
{
    const char *msg = sqlite3_errmsg(h->db);
    int primary = src & 0xff;
    if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED)
        return err_set(e, RC_DB, "%s: the database is locked by another process; try again later",
                       h->path);
    if (primary == SQLITE_NOTADB)
        return err_set(e, RC_DB, "%s: not an SQLite database", h->path);
    if (primary == SQLITE_CORRUPT)
        return err_set(e, RC_DB, "%s: the database file is damaged (%s)", h->path, msg);
    if (primary == SQLITE_READONLY || primary == SQLITE_CANTOPEN || primary == SQLITE_IOERR ||
        primary == SQLITE_FULL)
        return err_set(e, RC_DB, "%s: %s", h->path, msg);
    if (strncmp(msg, "r1540: ", 7) == 0) /* our triggers: see sqlite_schema.c */
        return err_set(e, RC_REFUSED, "%s", msg + 7);
    if (primary == SQLITE_CONSTRAINT) {
        if (src == SQLITE_CONSTRAINT_FOREIGNKEY)
            return err_set(e, RC_INPUT, "a referenced state, report or version does not exist");
        return err_set(e, RC_INPUT, "%s", msg);
    }
    return err_set(e, RC_FAIL, "%s: database error: %s", h->path, msg);
}


static char *bulk_insert_sql(int rows)
{
    char one[SQLITE_FIELDS_SQL_MAX]; /* the insert of one row, whose VALUES part repeats */
    sqlite_fields_insert_sql(one, &matrix_entry_fields, ENTRY_OWNER, ENTRY_OWNER_COLS, "");
    const char *values = strstr(one, "(?");
    size_t head = (size_t)(values - one), len = strlen(values);
    char *sql = xmalloc(head + (size_t)rows * (len + 1) + 1);
    memcpy(sql, one, head);
    size_t n = head;
    for (int i = 0; i < rows; i++) {
        if (i)
            sql[n++] = ',';
        memcpy(sql + n, values, len);
        n += len;
    }
    sql[n] = '\0';
    return sql;
}

static sqlite3_stmt *q(sqlite_store_t *h, int which)
{
    sqlite3_stmt *s = h->stmt[which];
    if (s) {
        sqlite3_reset(s);
        sqlite3_clear_bindings(s);
        return s;
    }
    if (sqlite3_prepare_v3(h->db, queries[which], -1, SQLITE_PREPARE_PERSISTENT,
                           &h->stmt[which], NULL) != SQLITE_OK)
        return NULL;
    return h->stmt[which];
}

/* Runs a prepared statement that returns no rows. */
static rc_t run(sqlite_store_t *h, sqlite3_stmt *s, err_t *e)
{
    int src = sqlite3_step(s);
    if (src != SQLITE_DONE && src != SQLITE_ROW) {
        src = sqlite3_extended_errcode(h->db);
        rc_t rc = db_fail(h, src, e);
        sqlite3_reset(s);
        return rc;
    }
    sqlite3_reset(s);
    return RC_OK;
}

static rc_t exec(sqlite_store_t *h, const char *sql, err_t *e)
{
    if (sqlite3_exec(h->db, sql, NULL, NULL, NULL) != SQLITE_OK)
        return db_fail(h, sqlite3_extended_errcode(h->db), e);
    return RC_OK;
}

#define PREPARE(h, s, which, e)                                                               \
    sqlite3_stmt *s = q(h, which);                                                              \
    if (!s)                                                                                     \
        return db_fail(h, sqlite3_extended_errcode((h)->db), e);

static void bind_text(sqlite3_stmt *s, int i, const char *v)
{
    if (v)
        sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(s, i);
}

static char *col_text(arena_t *a, sqlite3_stmt *s, int i)
{
    const unsigned char *t = sqlite3_column_text(s, i);
    return arena_strndup(a, t ? (const char *)t : "", (size_t)sqlite3_column_bytes(s, i));
}

static void col_copy(sqlite3_stmt *s, int i, char *dst, size_t size)
{
    const unsigned char *t = sqlite3_column_text(s, i);
    size_t n = (size_t)sqlite3_column_bytes(s, i);
    if (!t || n >= size)
        n = 0;
    memcpy(dst, t ? (const char *)t : "", n);
    dst[n] = '\0';
}

/* Grows an arena array by doubling; the abandoned copy stays in the arena. */
static void *grow(arena_t *a, void *arr, size_t n, size_t *cap, size_t elem)
{
    if (n < *cap)
        return arr;
    size_t nc = *cap ? *cap * 2 : 32;
    void *p = arena_alloc(a, nc * elem);
    if (n)
        memcpy(p, arr, n * elem);
    *cap = nc;
    return p;
}

/* Steps a row-returning statement; SQLITE_ROW -> 1, SQLITE_DONE -> 0, error -> -1. */
static int step_row(sqlite_store_t *h, sqlite3_stmt *s, rc_t *rc, err_t *e)
{
    int src = sqlite3_step(s);
    if (src == SQLITE_ROW)
        return 1;
    if (src == SQLITE_DONE)
        return 0;
    *rc = db_fail(h, sqlite3_extended_errcode(h->db), e);
    return -1;
}

/* Reads every row of a prepared statement into an arena array of elem-sized
 * records, one read_row call per row. */
typedef void (*row_reader_t)(arena_t *a, sqlite3_stmt *s, void *record);

static rc_t collect(sqlite_store_t *h, sqlite3_stmt *s, arena_t *a, size_t elem,
                    row_reader_t read_row, void *out, size_t *n, err_t *e)
{
    unsigned char *arr = NULL;
    size_t cnt = 0, cap = 0;
    rc_t rc = RC_OK;
    while (step_row(h, s, &rc, e) == 1) {
        arr = grow(a, arr, cnt, &cap, elem);
        read_row(a, s, arr + cnt++ * elem);
    }
    sqlite3_reset(s);
    memcpy(out, &arr, sizeof arr);
    *n = cnt;
    return rc;
}

/* ---- shared with the other files of the backend (sqlite_private.h) ------- */

sqlite3_stmt *sqlite_store_stmt(sqlite_store_t *h, int slot, const char *sql)
{
    if (slot < 0 || slot >= SQLITE_EXTRA_STMTS)
        return NULL;
    sqlite3_stmt *s = h->extra[slot];
    if (s) {
        sqlite3_reset(s);
        sqlite3_clear_bindings(s);
        return s;
    }
    if (sqlite3_prepare_v3(h->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &h->extra[slot], NULL) !=
        SQLITE_OK)
        return NULL;
    return h->extra[slot];
}

rc_t sqlite_store_fail(sqlite_store_t *h, err_t *e)
{
    return db_fail(h, sqlite3_extended_errcode(h->db), e);
}

rc_t sqlite_store_run(sqlite_store_t *h, sqlite3_stmt *s, err_t *e) { return run(h, s, e); }

rc_t sqlite_store_prepare(sqlite_store_t *h, const char *sql, sqlite3_stmt **s, err_t *e)
{
    if (sqlite3_prepare_v2(h->db, sql, -1, s, NULL) != SQLITE_OK)
        return sqlite_store_fail(h, e); /* *s is NULL then: nothing to finalize */
    return RC_OK;
}

sqlite3_stmt *sqlite_store_prepare_once(sqlite_store_t *h, const char *sql, rc_t *rc, err_t *e)
{
    sqlite3_stmt *s = NULL;
    rc_t r = sqlite_store_prepare(h, sql, &s, e);
    if (r != RC_OK)
        *rc = r;
    return s;
}

rc_t sqlite_store_run_once(sqlite_store_t *h, sqlite3_stmt *s, err_t *e)
{
    rc_t rc = run(h, s, e);
    sqlite3_finalize(s);
    return rc;
}

int sqlite_store_step(sqlite_store_t *h, sqlite3_stmt *s, rc_t *rc, err_t *e)
{
    return step_row(h, s, rc, e);
}

rc_t sqlite_store_collect(sqlite_store_t *h, sqlite3_stmt *s, arena_t *a, size_t elem,
                          sqlite_row_reader_t read_row, void *out, size_t *n, err_t *e)
{
    return collect(h, s, a, elem, read_row, out, n, e);
}

long long sqlite_store_last_id(sqlite_store_t *h) { return sqlite3_last_insert_rowid(h->db); }
int sqlite_store_changes(sqlite_store_t *h) { return sqlite3_changes(h->db); }
int sqlite_store_errcode(sqlite_store_t *h) { return sqlite3_extended_errcode(h->db); }
void sqlite_bind_text(sqlite3_stmt *s, int i, const char *v) { bind_text(s, i, v); }
char *sqlite_col_text(arena_t *a, sqlite3_stmt *s, int i) { return col_text(a, s, i); }

/* ---- open, migrate, close ---------------------------------------------- */

static void sqlite_close(void *hv)
{
    sqlite_store_t *h = hv;
    if (!h)
        return;
    for (int i = 0; i < Q_COUNT; i++)
        sqlite3_finalize(h->stmt[i]);
    for (int i = 0; i < BULK_SIZES; i++)
        sqlite3_finalize(h->bulk[i]);
    for (int i = 0; i < SQLITE_EXTRA_STMTS; i++)
        sqlite3_finalize(h->extra[i]);
    sqlite3_close(h->db);
    free(h->path);
    free(h);
}

static rc_t check_is_r1540(sqlite_store_t *h, int *version, err_t *e)
{
    sqlite3_stmt *s;
    int src = sqlite3_prepare_v2(h->db, "PRAGMA user_version", -1, &s, NULL);
    if (src != SQLITE_OK)
        return db_fail(h, sqlite3_extended_errcode(h->db), e);
    src = sqlite3_step(s);
    *version = src == SQLITE_ROW ? sqlite3_column_int(s, 0) : -1;
    sqlite3_finalize(s);
    if (src != SQLITE_ROW)
        return db_fail(h, sqlite3_extended_errcode(h->db), e);
    if (*version > sqlite_migration_count)
        return err_set(e, RC_DB, "%s: made by a newer r1540 (schema %d, this one knows %d)",
                       h->path, *version, sqlite_migration_count);
    if (*version == 0) {
        src = sqlite3_prepare_v2(h->db, "SELECT count(*) FROM sqlite_schema", -1, &s, NULL);
        if (src != SQLITE_OK)
            return db_fail(h, sqlite3_extended_errcode(h->db), e);
        int tables = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int(s, 0) : 0;
        sqlite3_finalize(s);
        if (tables > 0)
            return err_set(e, RC_DB, "%s: an SQLite database, but not an r1540 one", h->path);
    }
    return RC_OK;
}

static rc_t migrate(sqlite_store_t *h, int from, err_t *e)
{
    for (int v = from; v < sqlite_migration_count; v++) {
        rc_t rc = exec(h, "BEGIN IMMEDIATE", e);
        if (rc != RC_OK)
            return rc;
        char pragma[64];
        snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", v + 1);
        if ((rc = exec(h, sqlite_migrations[v], e)) != RC_OK ||
            (rc = exec(h, pragma, e)) != RC_OK || (rc = exec(h, "COMMIT", e)) != RC_OK) {
            sqlite3_exec(h->db, "ROLLBACK", NULL, NULL, NULL);
            err_prefix(e, "schema migration %d: ", v + 1);
            return rc;
        }
    }
    return RC_OK;
}

/* How long to wait for another process's lock: R1540_BUSY_TIMEOUT_MS if it is a
 * sensible number of milliseconds, else 5 s. */
static int busy_timeout_ms(void)
{
    const char *v = getenv("R1540_BUSY_TIMEOUT_MS");
    char *end;
    long ms = v ? strtol(v, &end, 10) : -1;
    return v && *v && !*end && ms >= 0 && ms <= 600000 ? (int)ms : 5000;
}

/* The commit hook: PRAGMA data_version does not move for this connection's
 * own commits, so they are counted here. It runs just before the commit; if
 * the commit then fails the count has moved for nothing, which the change
 * counter's contract allows. Returning 0 lets the commit go on. */
static int count_commit(void *hv)
{
    ((sqlite_store_t *)hv)->commits++;
    return 0;
}

/* SQLite would open a private temporary database for these: nothing would be kept. */
static rc_t check_file_name(const char *path, err_t *e)
{
    if (!*path || strcmp(path, ":memory:") == 0)
        return err_set(e, RC_DB, "'%s': not a database file name", path);
    return RC_OK;
}

static rc_t sqlite_open(const char *path, store_open_mode_t mode, void **handle, err_t *e)
{
    rc_t rc = check_file_name(path, e);
    if (rc != RC_OK)
        return rc;
    /* Before the library initializes: no global allocation statistics (a mutex per malloc). */
    static bool configured;
    if (!configured) {
        sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
        configured = true;
    }
    sqlite_store_t *h = xcalloc(1, sizeof *h);
    h->path = xstrdup(path);
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
    if (mode == STORE_OPEN_CREATE)
        flags |= SQLITE_OPEN_CREATE;
    int src = sqlite3_open_v2(path, &h->db, flags, NULL);
    if (src != SQLITE_OK) {
        if (mode != STORE_OPEN_CREATE && (src & 0xff) == SQLITE_CANTOPEN)
            rc = err_set(e, RC_DB, "%s: no database there (create one with `r1540 init`)", path);
        else
            rc = db_fail(h, src, e);
        sqlite_close(h);
        return rc;
    }
    sqlite3_busy_timeout(h->db, busy_timeout_ms());
    sqlite3_extended_result_codes(h->db, 1);
    sqlite3_commit_hook(h->db, count_commit, h);
    int version = 0;
    bool read_only = mode == STORE_OPEN_READ_ONLY;
    if ((rc = check_is_r1540(h, &version, e)) == RC_OK && version == 0 &&
        mode != STORE_OPEN_CREATE)
        rc = err_set(e, RC_DB, "%s: an empty file, not an r1540 database (create one with "
                               "`r1540 init`)", path);
    /* a read-only server neither migrates nor writes (store.h) */
    else if (rc == RC_OK && read_only && version < sqlite_migration_count)
        rc = err_set(e, RC_DB,
                     "%s: its schema (%d) is older than this r1540's (%d), and a read-only "
                     "server does not migrate: run this r1540 once without --read-only "
                     "(`r1540 --db FILE status`), then start it again",
                     path, version, sqlite_migration_count);
    if (rc != RC_OK ||
        (rc = exec(h, "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL; PRAGMA cache_size = -65536", e)) != RC_OK ||
        (read_only && (rc = exec(h, "PRAGMA query_only = ON", e)) != RC_OK) ||
        (version == 0 && (rc = exec(h, "PRAGMA journal_mode = WAL", e)) != RC_OK) ||
        (!read_only && (rc = migrate(h, version, e)) != RC_OK)) {
        sqlite_close(h);
        return rc;
    }
    *handle = h;
    return RC_OK;
}

static bool sqlite_exists(const char *path)
{
    return check_file_name(path, NULL) == RC_OK && access(path, F_OK) == 0;
}

/* The database file and the files SQLite keeps beside it: the write-ahead log
 * and its index (WAL mode), a rollback journal (a file made before WAL was set). */
static rc_t sqlite_destroy(const char *path, err_t *e)
{
    static const char *const suffixes[] = {"-wal", "-shm", "-journal", ""};
    rc_t rc = check_file_name(path, e);
    if (rc != RC_OK)
        return rc;
    for (size_t i = 0; i < sizeof suffixes / sizeof *suffixes; i++) {
        char file[4096];
        if (snprintf(file, sizeof file, "%s%s", path, suffixes[i]) >= (int)sizeof file)
            return err_set(e, RC_INPUT, "%.64s...: path too long", path);
        if (unlink(file) != 0 && errno != ENOENT && rc == RC_OK)
            rc = err_set(e, RC_FAIL, "%s: cannot remove it: %s", file, strerror(errno));
    }
    return rc;
}

/* ---- transactions and meta ------------------------------------------------ */

rc_t sqlite_begin(void *h, err_t *e) { return exec(h, "BEGIN IMMEDIATE", e); }
/* Deferred: the snapshot starts at the first read, and in WAL mode writers go on. */
rc_t sqlite_begin_read(void *h, err_t *e) { return exec(h, "BEGIN", e); }
rc_t sqlite_commit(void *h, err_t *e) { return exec(h, "COMMIT", e); }

static void sqlite_rollback(void *hv)
{
    sqlite_store_t *h = hv;
    if (!sqlite3_get_autocommit(h->db))
        sqlite3_exec(h->db, "ROLLBACK", NULL, NULL, NULL);
}

rc_t sqlite_meta_get(void *hv, const char *key, arena_t *a, char **value, err_t *e)
{
    sqlite_store_t *h = hv;
    PREPARE(h, s, Q_META_GET, e);
    bind_text(s, 1, key);
    rc_t rc = RC_OK;
    int r = step_row(h, s, &rc, e);
    if (r == 1)
        *value = col_text(a, s, 0);
    else if (r == 0)
        rc = err_set(e, RC_NOTFOUND, "no setting '%s'", key);
    sqlite3_reset(s);
    return rc;
}

rc_t sqlite_meta_set(void *hv, const char *key, const char *value, err_t *e)
{
    sqlite_store_t *h = hv;
    PREPARE(h, s, Q_META_SET, e);
    bind_text(s, 1, key);
    bind_text(s, 2, value);
    return run(h, s, e);
}

/* PRAGMA data_version moves with every commit of another connection (of this
 * process or another), the hook's count with every commit of this one; both
 * only grow, so their sum moves whenever either does. */
rc_t sqlite_change_counter(void *hv, long long *out, err_t *e)
{
    sqlite_store_t *h = hv;
    PREPARE(h, s, Q_DATA_VERSION, e);
    rc_t rc = RC_OK;
    if (sqlite3_step(s) == SQLITE_ROW)
        *out = sqlite3_column_int64(s, 0) + h->commits;
    else
        rc = err_set(e, RC_DB, "%s: %s", h->path, sqlite3_errmsg(h->db));
    /* reset now: a statement left stepped would hold its read transaction open */
    sqlite3_reset(s);
    return rc;
}

/* A file has no one to announce its commits: the server polls the change
 * counter (src/web/server.c). */
rc_t sqlite_change_wait(void *hv, int timeout_ms, bool *heard, err_t *e)
{
    (void)timeout_ms;
    *heard = false;
    return err_set(e, RC_REFUSED, "%s: SQLite announces no changes; poll the change counter",
                   ((sqlite_store_t *)hv)->path);
}

/* ---- vocabulary, states, template ------------------------------------------- */

rc_t sqlite_vocab_put(void *hv, const vocab_t *v, err_t *e)
{
    sqlite_store_t *h = hv;
    PREPARE(h, s, Q_VOCAB_PUT, e);
    bind_text(s, 1, v->kind);
    bind_text(s, 2, v->code);
    bind_text(s, 3, v->parent ? v->parent : "");
    sqlite3_bind_int(s, 4, v->seq);
    for (int l = 0; l < LANG_COUNT; l++)
        bind_text(s, 5 + l, v->name[l]);
    return run(h, s, e);
}

static void read_vocab(arena_t *a, sqlite3_stmt *s, void *record)
{
    vocab_t *v = record;
    v->kind = col_text(a, s, 0);
    v->code = col_text(a, s, 1);
    v->parent = col_text(a, s, 2);
    v->seq = sqlite3_column_int(s, 3);
    for (int l = 0; l < LANG_COUNT; l++)
        v->name[l] = col_text(a, s, 4 + l);
}

rc_t sqlite_vocab_list(void *hv, const char *kind, arena_t *a, vocab_t **out, size_t *n,
                              err_t *e)
{
    sqlite_store_t *h = hv;
    PREPARE(h, s, Q_VOCAB_LIST, e);
    bind_text(s, 1, kind);
    return collect(h, s, a, sizeof **out, read_vocab, out, n, e);
}

/* Q_STATE_PUT and the state reads list STATE_COLS in state_fields' order
 * (test_fields.c round-trips every field). */
rc_t sqlite_state_put(void *hv, const state_t *st, err_t *e)
{
    sqlite_store_t *h = hv;
    PREPARE(h, s, Q_STATE_PUT, e);
    sqlite_fields_bind(s, 0, &state_fields, st);
    return run(h, s, e);
}

static void read_state(arena_t *a, sqlite3_stmt *s, void *record)
{
    memset(record, 0, sizeof(state_t));
    sqlite_fields_read(a, s, 0, &state_fields, record);
}

rc_t sqlite_state_get(void *hv, const char *code, arena_t *a, state_t *out, err_t *e)
{
    sqlite_store_t *h = hv;
    PREPARE(h, s, Q_STATE_GET, e);
    bind_text(s, 1, code);
    rc_t rc = RC_OK;
    int r = step_row(h, s, &rc, e);
    if (r == 1)
        read_state(a, s, out);
    else if (r == 0)
        rc = err_set(e, RC_NOTFOUND, "unknown state '%s' (give an ISO alpha-2 or alpha-3 code)",
                     code);
    sqlite3_reset(s);
    return rc;
}

rc_t sqlite_state_list(void *hv, arena_t *a, state_t **out, size_t *n, err_t *e)
{
    sqlite_store_t *h = hv;
    PREPARE(h, s, Q_STATE_LIST, e);
    return collect(h, s, a, sizeof **out, read_state, out, n, e);
}

rc_t sqlite_template_item_put(void *hv, int version, const template_item_t *it, err_t *e)
{
    sqlite_store_t *h = hv;
    PREPARE(h, s, Q_ITEM_PUT, e);
    sqlite3_bind_int(s, 1, version);
    bind_text(s, 2, it->id);
    sqlite3_bind_int(s, 3, it->seq);
    bind_text(s, 4, it->section);
    bind_text(s, 5, it->heading);
    bind_text(s, 6, it->weapon);
    bind_text(s, 7, it->themes);
    for (int l = 0; l < LANG_COUNT; l++)
        bind_text(s, 8 + l, it->label[l]);
    bind_text(s, 14, it->from_id ? it->from_id : ""); /* tmpl (issue 12) */
    for (int l = 0; l < LANG_COUNT; l++)
        bind_text(s, 15 + l, it->note[l] ? it->note[l] : "");
    return run(h, s, e);
}

static void read_item(arena_t *a, sqlite3_stmt *s, void *record)
{
    template_item_t *it = record;
    it->id = col_text(a, s, 0);
    it->seq = sqlite3_column_int(s, 1);
    it->section = col_text(a, s, 2);
    it->heading = col_text(a, s, 3);
    it->weapon = col_text(a, s, 4);
    it->themes = col_text(a, s, 5);
    for (int l = 0; l < LANG_COUNT; l++)
        it->label[l] = col_text(a, s, 6 + l);
    it->from_id = col_text(a, s, 12); /* tmpl (issue 12) */
    for (int l = 0; l < LANG_COUNT; l++)
        it->note[l] = col_text(a, s, 13 + l);
}

rc_t sqlite_template_items(void *hv, int version, arena_t *a, template_item_t **out,
                                  size_t *n, err_t *e)
{
    sqlite_store_t *h = hv;
    PREPARE(h, s, Q_ITEM_LIST, e);
    sqlite3_bind_int(s, 1, version);
    return collect(h, s, a, sizeof **out, read_item, out, n, e);
}

/* ---- reports -------------------------------------------------------------- */

rc_t sqlite_report_insert(void *hv, report_t *r, const void *doc, size_t len, err_t *e)
{
    sqlite_store_t *h = hv;
    PREPARE(h, s, Q_REPORT_INSERT, e);
    if (r->id > 0)
        sqlite3_bind_int64(s, 1, r->id);
    bind_text(s, 2, r->state);
    bind_text(s, 3, r->kind);
    bind_text(s, 4, r->date);
    bind_text(s, 5, r->language);
    bind_text(s, 6, r->title);
    bind_text(s, 7, r->filename);
    bind_text(s, 8, r->media_type);
    sqlite3_bind_int64(s, 9, r->size);
    bind_text(s, 10, r->sha256);
    if (doc)
        sqlite3_bind_blob64(s, 11, doc, len, SQLITE_STATIC);
    rc_t rc = run(h, s, e);
    if (rc == RC_OK && r->id <= 0)
        r->id = sqlite3_last_insert_rowid(h->db);
    if (rc == RC_INPUT && strstr(e->msg, "report.id"))
        err_set(e, RC_INPUT, "a report with id %lld already exists", r->id);
    return rc;
}

static void read_report(arena_t *a, sqlite3_stmt *s, void *record)
{
    report_t *r = record;
    memset(r, 0, sizeof *r);
    r->id = sqlite3_column_int64(s, 0);
    col_copy(s, 1, r->state, sizeof r->state);
    r->kind = report_kind_parse((const char *)sqlite3_column_text(s, 2));
    col_copy(s, 3, r->date, sizeof r->date);
    col_copy(s, 4, r->language, sizeof r->language);
    r->title = col_text(a, s, 5);
    r->filename = sqlite3_column_type(s, 6) == SQLITE_NULL ? NULL : col_text(a, s, 6);
    r->media_type = sqlite3_column_type(s, 7) == SQLITE_NULL ? NULL : col_text(a, s, 7);
    r->size = sqlite3_column_int64(s, 8);
    col_copy(s, 9, r->sha256, sizeof r->sha256);
    r->has_document = sqlite3_column_int(s, 10);
}

rc_t sqlite_report_get(void *hv, long long id, arena_t *a, report_t *out, err_t *e)
{
    sqlite_store_t *h = hv;
    PREPARE(h, s, Q_REPORT_GET, e);
    sqlite3_bind_int64(s, 1, id);
    rc_t rc = RC_OK;
    int r = step_row(h, s, &rc, e);
    if (r == 1)
        read_report(a, s, out);
    else if (r == 0)
        rc = err_set(e, RC_NOTFOUND, "no report with id %lld", id);
    sqlite3_reset(s);
    return rc;
}

rc_t sqlite_report_list(void *hv, const char *state, arena_t *a, report_t **out,
                               size_t *n, err_t *e)
{
    sqlite_store_t *h = hv;
    PREPARE(h, s, state ? Q_REPORT_LIST : Q_REPORT_LIST_ALL, e);
    if (state)
        bind_text(s, 1, state);
    return collect(h, s, a, sizeof **out, read_report, out, n, e);
}

rc_t sqlite_report_document(void *hv, long long id, arena_t *a, void **doc, size_t *len,
                                   err_t *e)
{
    sqlite_store_t *h = hv;
    PREPARE(h, s, Q_REPORT_DOC, e);
    sqlite3_bind_int64(s, 1, id);
    rc_t rc = RC_OK;
    int r = step_row(h, s, &rc, e);
    if (r == 0)
        rc = err_set(e, RC_NOTFOUND, "no report with id %lld", id);
    else if (r == 1 && sqlite3_column_type(s, 0) == SQLITE_NULL)
        rc = err_set(e, RC_NOTFOUND, "report %lld has no stored file", id);
    else if (r == 1) {
        *len = (size_t)sqlite3_column_bytes(s, 0);
        *doc = arena_alloc(a, *len);
        if (*len)
            memcpy(*doc, sqlite3_column_blob(s, 0), *len);
    }
    sqlite3_reset(s);
    return rc;
}

rc_t sqlite_report_attach(void *hv, long long id, const void *doc, size_t len, err_t *e)
{
    sqlite_store_t *h = hv;
    PREPARE(h, s, Q_REPORT_ATTACH, e);
    sqlite3_bind_blob64(s, 1, doc, len, SQLITE_STATIC);
    sqlite3_bind_int64(s, 2, id);
    rc_t rc = run(h, s, e);
    if (rc == RC_OK && sqlite3_changes(h->db) == 0)
        rc = err_set(e, RC_REFUSED, "report %lld already has a file, or does not exist", id);
    return rc;
}

/* ---- matrix versions and entries ------------------------------------------- */

rc_t sqlite_version_insert(void *hv, matrix_version_t *v, err_t *e)
{
    sqlite_store_t *h = hv;
    PREPARE(h, s, Q_VERSION_INSERT, e);
    bind_text(s, 1, v->state);
    sqlite3_bind_int(s, 2, v->number);
    sqlite3_bind_int(s, 3, v->template_version);
    bind_text(s, 4, v->created);
    bind_text(s, 5, v->note ? v->note : "");
    rc_t rc = run(h, s, e);
    if (rc == RC_OK) {
        v->id = sqlite3_last_insert_rowid(h->db);
        v->status = MV_DRAFT;
    } else if (rc == RC_INPUT && strstr(e->msg, "UNIQUE")) {
        err_set(e, RC_INPUT, "%s already has a matrix version %d", v->state, v->number);
    }
    return rc;
}

/* VERSION_COLS lists matrix_version_fields' columns in its order. */
static void read_version(arena_t *a, sqlite3_stmt *s, void *record)
{
    memset(record, 0, sizeof(matrix_version_t));
    sqlite_fields_read(a, s, 0, &matrix_version_fields, record);
}

rc_t sqlite_version_get(void *hv, const char *state, int number, arena_t *a,
                               matrix_version_t *out, err_t *e)
{
    sqlite_store_t *h = hv;
    PREPARE(h, s, Q_VERSION_GET, e);
    bind_text(s, 1, state);
    sqlite3_bind_int(s, 2, number);
    rc_t rc = RC_OK;
    int r = step_row(h, s, &rc, e);
    if (r == 1)
        read_version(a, s, out);
    else if (r == 0)
        rc = err_set(e, RC_NOTFOUND, "%s has no matrix version %d", state, number);
    sqlite3_reset(s);
    return rc;
}

rc_t sqlite_version_list(void *hv, const char *state, arena_t *a, matrix_version_t **out,
                                size_t *n, err_t *e)
{
    sqlite_store_t *h = hv;
    PREPARE(h, s, state ? Q_VERSION_LIST : Q_VERSION_LIST_ALL, e);
    if (state)
        bind_text(s, 1, state);
    return collect(h, s, a, sizeof **out, read_version, out, n, e);
}

rc_t sqlite_version_update(void *hv, const matrix_version_t *v, err_t *e)
{
    sqlite_store_t *h = hv;
    PREPARE(h, s, Q_VERSION_UPDATE, e);
    sqlite3_bind_int(s, 1, v->template_version);
    bind_text(s, 2, v->created);
    bind_text(s, 3, v->note ? v->note : "");
    sqlite3_bind_int64(s, 4, v->id);
    return run(h, s, e);
}

rc_t sqlite_version_set_status(void *hv, long long id, mv_status_t status,
                                      const char *date, err_t *e)
{
    sqlite_store_t *h = hv;
    PREPARE(h, s, Q_VERSION_STATUS, e);
    sqlite3_bind_int64(s, 1, id);
    bind_text(s, 2, matrix_status_str(status));
    bind_text(s, 3, date ? date : "");
    rc_t rc = run(h, s, e);
    if (rc == RC_OK && sqlite3_changes(h->db) == 0)
        rc = err_set(e, RC_NOTFOUND, "no matrix version with id %lld", id);
    return rc;
}

/* The version an entry belongs to, with the columns an entry repeats from it. */
typedef struct {
    long long id;
    char state[4];
    int template_version;
} entry_owner_t;

static rc_t entry_owner(sqlite_store_t *h, long long version_id, entry_owner_t *o, err_t *e)
{
    PREPARE(h, s, Q_VERSION_OWNER, e);
    sqlite3_bind_int64(s, 1, version_id);
    rc_t rc = RC_OK;
    int r = step_row(h, s, &rc, e);
    if (r == 1) {
        o->id = version_id;
        col_copy(s, 0, o->state, sizeof o->state);
        o->template_version = sqlite3_column_int(s, 1);
    } else if (r == 0) {
        rc = err_set(e, RC_NOTFOUND, "no matrix version with id %lld", version_id);
    }
    sqlite3_reset(s);
    return rc;
}

static void bind_entry(sqlite3_stmt *s, int base, const entry_owner_t *o,
                       const matrix_entry_t *en)
{
    sqlite3_bind_int64(s, base + 1, o->id);
    bind_text(s, base + 2, o->state);
    sqlite3_bind_int(s, base + 3, o->template_version);
    sqlite_fields_bind(s, base + ENTRY_OWNER_COLS, &matrix_entry_fields, en);
}

/* After a foreign key failure on an entry: says which reference was wrong. */
static rc_t entry_fk_failure(sqlite_store_t *h, const entry_owner_t *o, const matrix_entry_t *en,
                             err_t *e)
{
    PREPARE(h, s, Q_ITEM_KNOWN, e);
    sqlite3_bind_int(s, 1, o->template_version);
    bind_text(s, 2, en->item);
    rc_t rc = RC_OK;
    int known = step_row(h, s, &rc, e);
    sqlite3_reset(s);
    if (known == 0)
        return err_set(e, RC_NOTFOUND, "item %s: unknown template item", en->item);
    PREPARE(h, r, Q_REPORT_GET, e);
    sqlite3_bind_int64(r, 1, en->source_report);
    int found = step_row(h, r, &rc, e);
    sqlite3_reset(r);
    if (found == 0)
        return err_set(e, RC_INPUT, "item %s: no report with id %lld", en->item,
                       en->source_report);
    return err_set(e, RC_INPUT, "item %s: the source report is not a report of %s", en->item,
                   o->state);
}

/* Runs a one-row entry statement (upsert or plain insert) for en. */
static rc_t entry_write(sqlite_store_t *h, sqlite3_stmt *s, const entry_owner_t *o,
                        const matrix_entry_t *en, err_t *e)
{
    if (!s)
        return db_fail(h, sqlite3_extended_errcode(h->db), e);
    bind_entry(s, 0, o, en);
    rc_t rc = run(h, s, e);
    if (rc == RC_INPUT && sqlite3_extended_errcode(h->db) == SQLITE_CONSTRAINT_FOREIGNKEY)
        return entry_fk_failure(h, o, en, e);
    if (rc == RC_REFUSED || rc == RC_INPUT)
        err_prefix(e, "item %s: ", en->item);
    return rc;
}

/* The upsert of one entry, its text from matrix_entry_fields. */
static sqlite3_stmt *entry_put_stmt(sqlite_store_t *h)
{
    char set[SQLITE_FIELDS_SQL_MAX] = "", sql[2 * SQLITE_FIELDS_SQL_MAX];
    sqlite_fields_upsert_set(set, &matrix_entry_fields);
    sqlite_fields_insert_sql(sql, &matrix_entry_fields, ENTRY_OWNER, ENTRY_OWNER_COLS, "");
    snprintf(sql + strlen(sql), sizeof sql - strlen(sql),
             " ON CONFLICT (version_id, item) DO UPDATE SET %s", set);
    return sqlite_store_stmt(h, SQLITE_ENTRY_SLOTS, sql);
}

rc_t sqlite_entry_put(void *hv, long long version_id, const matrix_entry_t *en, err_t *e)
{
    entry_owner_t o;
    rc_t rc = entry_owner(hv, version_id, &o, e);
    return rc == RC_OK ? entry_write(hv, entry_put_stmt(hv), &o, en, e) : rc;
}

static sqlite3_stmt *bulk_stmt(sqlite_store_t *h, int k);

/* One plain insert per entry, so a failure names its item. */
static rc_t entries_each(sqlite_store_t *h, const entry_owner_t *o, const matrix_entry_t *entries,
                         size_t n, err_t *e)
{
    for (size_t i = 0; i < n; i++) {
        rc_t rc = entry_write(h, bulk_stmt(h, BULK_SIZES - 1), o, &entries[i], e);
        if (rc != RC_OK)
            return rc;
    }
    return RC_OK;
}

static sqlite3_stmt *bulk_stmt(sqlite_store_t *h, int k)
{
    if (h->bulk[k]) {
        sqlite3_reset(h->bulk[k]);
        sqlite3_clear_bindings(h->bulk[k]);
        return h->bulk[k];
    }
    char *sql = bulk_insert_sql(bulk_rows[k]);
    int src = sqlite3_prepare_v3(h->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &h->bulk[k], NULL);
    free(sql);
    return src == SQLITE_OK ? h->bulk[k] : NULL;
}

rc_t sqlite_entries_insert(void *hv, long long version_id, const matrix_entry_t *entries,
                                  size_t n, err_t *e)
{
    sqlite_store_t *h = hv;
    entry_owner_t o;
    rc_t rc = entry_owner(h, version_id, &o, e);
    size_t i = 0;
    for (int k = 0; k < BULK_SIZES && rc == RC_OK; k++) {
        size_t rows = (size_t)bulk_rows[k];
        for (; i + rows <= n && rc == RC_OK; i += rows) {
            sqlite3_stmt *s = bulk_stmt(h, k);
            if (!s)
                return db_fail(h, sqlite3_extended_errcode(h->db), e);
            for (size_t r = 0; r < rows; r++)
                bind_entry(s, (int)r * (ENTRY_OWNER_COLS + sqlite_fields_count(&matrix_entry_fields)), &o,
                           &entries[i + r]);
            if (run(h, s, e) != RC_OK) /* the chunk was undone: insert it row by row to */
                rc = entries_each(h, &o, entries + i, rows, e); /* name the culprit */
        }
    }
    return rc;
}

rc_t sqlite_entries_clear(void *hv, long long version_id, err_t *e)
{
    sqlite_store_t *h = hv;
    PREPARE(h, s, Q_ENTRIES_CLEAR, e);
    sqlite3_bind_int64(s, 1, version_id);
    return run(h, s, e);
}

rc_t sqlite_entry_delete(void *hv, long long version_id, const char *item, err_t *e)
{
    sqlite_store_t *h = hv;
    PREPARE(h, s, Q_ENTRY_DELETE, e);
    sqlite3_bind_int64(s, 1, version_id);
    bind_text(s, 2, item);
    return run(h, s, e);
}

static void read_entry(arena_t *a, sqlite3_stmt *s, void *record)
{
    sqlite_fields_read(a, s, 0, &matrix_entry_fields, record);
}

/* An entry's columns, read in template order. */
static sqlite3_stmt *entries_stmt(sqlite_store_t *h)
{
    char cols[SQLITE_FIELDS_SQL_MAX] = "", sql[2 * SQLITE_FIELDS_SQL_MAX];
    sqlite_fields_columns(cols, &matrix_entry_fields, "e.");
    snprintf(sql, sizeof sql,
             "SELECT %s FROM matrix_entry e JOIN matrix_version v ON v.id = e.version_id"
             " JOIN template_item t ON t.template_version = v.template_version"
             " AND t.id = e.item WHERE e.version_id = ? ORDER BY t.seq",
             cols);
    return sqlite_store_stmt(h, SQLITE_ENTRY_SLOTS + 1, sql);
}

rc_t sqlite_entries(void *hv, long long version_id, arena_t *a, matrix_entry_t **out,
                           size_t *n, err_t *e)
{
    sqlite_store_t *h = hv;
    sqlite3_stmt *s = entries_stmt(h);
    if (!s)
        return db_fail(h, sqlite3_extended_errcode(h->db), e);
    sqlite3_bind_int64(s, 1, version_id);
    return collect(h, s, a, sizeof **out, read_entry, out, n, e);
}

const store_backend_t store_sqlite_backend = {
    .name = "sqlite",
    .open = sqlite_open,
    .exists = sqlite_exists,
    .destroy = sqlite_destroy,
    .close = sqlite_close,
    .rollback = sqlite_rollback,
#define STORE_OP(name, params, args) .name = sqlite_##name,
#include "store_ops.def"
};

/* ---- for the other files of the backend (sqlite_assistance.c, sqlite_event.c, ...) */

sqlite3 *sqlite_store_db(void *h) { return ((sqlite_store_t *)h)->db; }
