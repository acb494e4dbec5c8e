/*
 * store_fingerprint for SQLite: a SHA-256 over every row of every table but
 * the sessions, in a fixed order (tables by name,
 * rows by all their columns), each value fed with its type and length so that
 * no two different contents feed the same bytes. It reads the tables the
 * schema has now, so a table added later is covered without a change here.
 */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "../util/buf.h"
#include "sqlite_private.h"

/* Tables whose rows are not content: sessions come and go with sign-ins;
 * the search index's own tables are derived from report_page (and their
 * bytes depend on the order of writes, not on what was written). */
static bool table_skipped(const char *name)
{
    return strcmp(name, "session") == 0 || strncmp(name, "report_fts_", 11) == 0 ||
           strncmp(name, "practice_fts_", 13) == 0;
}

static void feed_value(crypto_hash_sha256_state *hs, sqlite3_stmt *s, int i)
{
    unsigned char type = (unsigned char)sqlite3_column_type(s, i);
    const void *p = type == SQLITE_NULL ? "" : sqlite3_column_blob(s, i);
    unsigned long long len = (unsigned long long)sqlite3_column_bytes(s, i);
    crypto_hash_sha256_update(hs, &type, 1);
    crypto_hash_sha256_update(hs, (const unsigned char *)&len, sizeof len);
    if (p && len)
        crypto_hash_sha256_update(hs, p, len);
}

/* Feeds the name and every row of one table, ordered by all its columns. */
static rc_t feed_table(sqlite3 *db, crypto_hash_sha256_state *hs, const char *name, err_t *e)
{
    buf_t sql;
    sqlite3_stmt *s = NULL;
    buf_init(&sql, 0);
    buf_printf(&sql, "SELECT * FROM \"%s\"", name); /* names from sqlite_master, no quotes */
    int rc = sqlite3_prepare_v2(db, buf_str(&sql), -1, &s, NULL);
    int ncol = rc == SQLITE_OK ? sqlite3_column_count(s) : 0;
    sqlite3_finalize(s);
    s = NULL;
    for (int i = 1; i <= ncol; i++)
        buf_printf(&sql, "%s%d", i == 1 ? " ORDER BY " : ", ", i);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(db, buf_str(&sql), -1, &s, NULL);
    buf_free(&sql);
    crypto_hash_sha256_update(hs, (const unsigned char *)name, strlen(name) + 1);
    if (rc == SQLITE_OK)
        while ((rc = sqlite3_step(s)) == SQLITE_ROW)
            for (int i = 0; i < ncol; i++)
                feed_value(hs, s, i);
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE)
        return err_set(e, RC_DB, "fingerprint: table %s: %s", name, sqlite3_errmsg(db));
    return RC_OK;
}

static rc_t feed_tables(sqlite3 *db, crypto_hash_sha256_state *hs, err_t *e)
{
    sqlite3_stmt *s;
    rc_t rc = RC_OK;
    if (sqlite3_prepare_v2(db,
                           "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT "
                           "LIKE 'sqlite\\_%' ESCAPE '\\' AND sql NOT LIKE 'CREATE VIRTUAL%' "
                           "ORDER BY name",
                           -1, &s, NULL) != SQLITE_OK)
        return err_set(e, RC_DB, "fingerprint: %s", sqlite3_errmsg(db));
    int step = SQLITE_DONE;
    while (rc == RC_OK && (step = sqlite3_step(s)) == SQLITE_ROW) {
        const char *name = (const char *)sqlite3_column_text(s, 0);
        if (name && !strchr(name, '"') && !table_skipped(name))
            rc = feed_table(db, hs, name, e);
    }
    if (rc == RC_OK && step != SQLITE_DONE)
        rc = err_set(e, RC_DB, "fingerprint: %s", sqlite3_errmsg(db));
    sqlite3_finalize(s);
    return rc;
}

rc_t sqlite_fingerprint(void *h, char out[65], err_t *e)
{
    sqlite3 *db = sqlite_store_db(h);
    bool own = sqlite3_get_autocommit(db); /* one snapshot, unless the caller holds one */
    if (own && sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
        return err_set(e, RC_DB, "fingerprint: %s", sqlite3_errmsg(db));
    crypto_hash_sha256_state hs;
    crypto_hash_sha256_init(&hs);
    rc_t rc = feed_tables(db, &hs, e);
    if (own)
        sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_final(&hs, digest);
    if (rc == RC_OK)
        sodium_bin2hex(out, 65, digest, sizeof digest);
    return rc;
}
