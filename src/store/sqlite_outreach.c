/*
 * The SQLite side of outreach entries (store_ops.def, "outreach entries"): a
 * handful per state and year, so each operation prepares its statement when
 * called and finalizes it after (as sqlite_roster.c does).
 */
#include <stdio.h>
#include <string.h>

#include "sqlite_private.h"

#define ENTRY_COLS "id, state, date, kind, subject, answer, answer_date"

static sqlite3_stmt *prepare(sqlite_store_t *h, const char *sql, rc_t *rc, err_t *e)
{
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(sqlite_store_db(h), sql, -1, &s, NULL) != SQLITE_OK) {
        *rc = sqlite_store_fail(h, e);
        sqlite3_finalize(s);
        return NULL;
    }
    return s;
}

rc_t sqlite_outreach_entry_insert(void *hv, outreach_entry_t *o, err_t *e)
{
    sqlite_store_t *h = hv;
    rc_t rc = outreach_entry_validate(o, e);
    if (rc != RC_OK)
        return rc;
    sqlite3_stmt *s = prepare(h,
                              "INSERT INTO outreach_entry (id, state, date, kind, subject)"
                              " VALUES (?,?,?,?,?)",
                              &rc, e);
    if (!s)
        return rc;
    if (o->id > 0)
        sqlite3_bind_int64(s, 1, o->id);
    sqlite_bind_text(s, 2, o->state);
    sqlite_bind_text(s, 3, o->date);
    sqlite_bind_text(s, 4, o->kind);
    sqlite_bind_text(s, 5, o->subject);
    rc = sqlite_store_run(h, s, e);
    sqlite3_finalize(s);
    if (rc == RC_OK)
        o->id = sqlite_store_last_id(h);
    return rc;
}

rc_t sqlite_outreach_entry_answer(void *hv, long long id, const char *answer, const char *date,
                                  err_t *e)
{
    sqlite_store_t *h = hv;
    rc_t rc = RC_OK;
    sqlite3_stmt *s = prepare(h,
                              "UPDATE outreach_entry SET answer = ?1, answer_date = ?2"
                              " WHERE id = ?3",
                              &rc, e);
    if (!s)
        return rc;
    sqlite_bind_text(s, 1, answer);
    sqlite_bind_text(s, 2, date);
    sqlite3_bind_int64(s, 3, id);
    rc = sqlite_store_run(h, s, e);
    sqlite3_finalize(s);
    if (rc == RC_OK && sqlite_store_changes(h) == 0)
        rc = err_set(e, RC_NOTFOUND, "no outreach entry with id %lld", id);
    return rc;
}

static void read_entry(arena_t *a, sqlite3_stmt *s, void *record)
{
    outreach_entry_t *o = record;
    memset(o, 0, sizeof *o);
    o->id = sqlite3_column_int64(s, 0);
    snprintf(o->state, sizeof o->state, "%s", sqlite_col_text(a, s, 1));
    snprintf(o->date, sizeof o->date, "%s", sqlite_col_text(a, s, 2));
    o->kind = outreach_kind_parse(sqlite_col_text(a, s, 3));
    o->subject = sqlite_col_text(a, s, 4);
    o->answer = sqlite_col_text(a, s, 5);
    snprintf(o->answer_date, sizeof o->answer_date, "%s", sqlite_col_text(a, s, 6));
}

rc_t sqlite_outreach_entry_get(void *hv, long long id, arena_t *a, outreach_entry_t *out,
                               err_t *e)
{
    sqlite_store_t *h = hv;
    rc_t rc = RC_OK;
    sqlite3_stmt *s = prepare(h, "SELECT " ENTRY_COLS " FROM outreach_entry WHERE id = ?", &rc, e);
    if (!s)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    outreach_entry_t *rows;
    size_t n;
    rc = sqlite_store_collect(h, s, a, sizeof *rows, read_entry, &rows, &n, e);
    sqlite3_finalize(s);
    if (rc == RC_OK && n == 0)
        return err_set(e, RC_NOTFOUND, "no outreach entry with id %lld", id);
    if (rc == RC_OK)
        *out = rows[0];
    return rc;
}

rc_t sqlite_outreach_entry_list(void *hv, const char *state, arena_t *a, outreach_entry_t **out,
                                size_t *n, err_t *e)
{
    sqlite_store_t *h = hv;
    rc_t rc = RC_OK;
    sqlite3_stmt *s = prepare(h,
                              "SELECT " ENTRY_COLS " FROM outreach_entry"
                              " WHERE ?1 IS NULL OR state = ?1 ORDER BY state, date, id",
                              &rc, e);
    if (!s)
        return rc;
    sqlite_bind_text(s, 1, state);
    rc = sqlite_store_collect(h, s, a, sizeof **out, read_entry, out, n, e);
    sqlite3_finalize(s);
    return rc;
}
