/*
 * Whole-database copies and their integrity check (see backup.h). The copy
 * runs in steps of BACKUP_STEP pages so that a long copy does not hold the
 * source's read lock in one piece; when a writer changes the source between
 * steps SQLite restarts the copy, which is why the result is a snapshot.
 */
#include "backup.h"

#include <sqlite3.h>
#include <string.h>

#define BACKUP_STEP 1024 /* pages per step */
#define BACKUP_BUSY_MS 10000

static rc_t open_db(const char *path, int flags, sqlite3 **db, err_t *e)
{
    if (sqlite3_open_v2(path, db, flags, NULL) != SQLITE_OK) {
        rc_t rc = err_set(e, RC_DB, "%s: %s", path, *db ? sqlite3_errmsg(*db) : "cannot open");
        sqlite3_close(*db);
        *db = NULL;
        return rc;
    }
    sqlite3_busy_timeout(*db, BACKUP_BUSY_MS);
    return RC_OK;
}

rc_t store_backup_copy(const char *from, const char *to, bool wal, err_t *e)
{
    sqlite3 *src = NULL, *dst = NULL;
    rc_t rc = open_db(from, SQLITE_OPEN_READONLY, &src, e);
    if (rc == RC_OK)
        rc = open_db(to, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, &dst, e);
    if (rc != RC_OK) {
        sqlite3_close(src);
        return rc;
    }
    sqlite3_backup *b = sqlite3_backup_init(dst, "main", src, "main");
    int src_rc = SQLITE_OK;
    if (!b) {
        rc = err_set(e, RC_DB, "%s: %s", to, sqlite3_errmsg(dst));
    } else {
        do {
            src_rc = sqlite3_backup_step(b, BACKUP_STEP);
            if (src_rc == SQLITE_BUSY || src_rc == SQLITE_LOCKED)
                sqlite3_sleep(20);
        } while (src_rc == SQLITE_OK || src_rc == SQLITE_BUSY || src_rc == SQLITE_LOCKED);
        int fin = sqlite3_backup_finish(b);
        if (src_rc != SQLITE_DONE || fin != SQLITE_OK)
            rc = err_set(e, RC_DB, "copying %s to %s: %s", from, to, sqlite3_errmsg(dst));
    }
    sqlite3_close(src);
    if (rc == RC_OK &&
        sqlite3_exec(dst, wal ? "PRAGMA journal_mode = WAL" : "PRAGMA journal_mode = DELETE", NULL,
                     NULL, NULL) != SQLITE_OK)
        rc = err_set(e, RC_DB, "%s: %s", to, sqlite3_errmsg(dst));
    if (sqlite3_close(dst) != SQLITE_OK && rc == RC_OK)
        rc = err_set(e, RC_DB, "%s: cannot close the copy", to);
    return rc;
}

rc_t store_backup_check(const char *path, err_t *e)
{
    sqlite3 *db = NULL;
    rc_t rc = open_db(path, SQLITE_OPEN_READONLY, &db, e);
    if (rc != RC_OK)
        return rc;
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &s, NULL) != SQLITE_OK ||
        sqlite3_step(s) != SQLITE_ROW) {
        rc = err_set(e, RC_DB, "%s: %s", path, sqlite3_errmsg(db));
    } else {
        const char *res = (const char *)sqlite3_column_text(s, 0);
        if (!res || strcmp(res, "ok") != 0)
            rc = err_set(e, RC_INPUT, "%s: integrity check failed: %s", path,
                         res ? res : "no answer");
    }
    sqlite3_finalize(s);
    sqlite3_close(db);
    return rc;
}
