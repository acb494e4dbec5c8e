/*
 * The SQLite side of the review analytics: every mark of every approved or
 * published version in one statement. Reading versions one by one through
 * store_entries costs a query and an arena copy of every text column per
 * version; the review needs only (version, item, mark).
 */
#include <string.h>

#include "sqlite_private.h"

rc_t sqlite_marks_each(void *h, void (*fn)(void *, long long, const char *, mark_t), void *ctx,
                       err_t *e)
{
    static const char sql[] =
        "SELECT e.version_id, e.item, e.mark FROM matrix_entry e"
        " JOIN matrix_version v ON v.id = e.version_id"
        " WHERE v.status IN ('approved','published') ORDER BY e.version_id";
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(sqlite_store_db(h), sql, -1, &s, NULL) != SQLITE_OK)
        return sqlite_store_fail(h, e);
    int src;
    while ((src = sqlite3_step(s)) == SQLITE_ROW) {
        const char *mark = (const char *)sqlite3_column_text(s, 2);
        int m = matrix_mark_parse(mark ? mark : "");
        fn(ctx, sqlite3_column_int64(s, 0), (const char *)sqlite3_column_text(s, 1),
           m < 0 ? MARK_BLANK : (mark_t)m);
    }
    rc_t rc = src == SQLITE_DONE ? RC_OK : sqlite_store_fail(h, e);
    sqlite3_finalize(s);
    return rc;
}
