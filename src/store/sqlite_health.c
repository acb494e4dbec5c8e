/*
 * The SQLite side of the health check (store_health): a file on this machine
 * has no replica and no lag; what is worth asking is whether the file can
 * still be read (a removed or unreadable file fails here) and whether it
 * may be written.
 */
#include "sqlite_private.h"

rc_t sqlite_health(void *h, store_health_t *out, err_t *e)
{
    rc_t rc = RC_OK;
    sqlite3_stmt *s = sqlite_store_prepare_once(h, "PRAGMA user_version", &rc, e);
    if (!s)
        return rc;
    int step = sqlite_store_step(h, s, &rc, e);
    *out = (store_health_t){.backend = "sqlite", .lag_seconds = -1, .wal_receiver = -1,
                            .replay_age_seconds = -1};
    if (step == 1)
        out->schema = sqlite3_column_int(s, 0);
    sqlite3_finalize(s);
    if (step < 0)
        return rc;
    out->read_only = sqlite3_db_readonly(sqlite_store_db(h), "main") == 1;
    return RC_OK;
}
