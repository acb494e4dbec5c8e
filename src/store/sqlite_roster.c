/*
 * The SQLite side of the roster of points of contact and training attendance
 * (store_ops.def, "roster"). These operations are rare (a few per state and
 * year), so each prepares its statement when called and finalizes it after,
 * instead of taking slots in the handle's statement cache.
 */
#include <stdio.h>
#include <string.h>

#include "sqlite_private.h"

#define CONTACT_COLS                                                                           \
    "c.id, c.state, c.person, c.function, c.ministry, c.areas, c.languages, c.since,"        \
    " coalesce(c.user_id, 0), coalesce(u.name, '')"
#define CONTACT_FROM " FROM poc_contact c LEFT JOIN user u ON u.id = c.user_id"

/* Prepares sql on h's connection; NULL with the failure in e. */
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

/* Runs a write statement, finalizes it; RC_NOTFOUND naming the entry when it
 * changed no row and must_change. */
static rc_t run_once(sqlite_store_t *h, sqlite3_stmt *s, long long id, bool must_change,
                     err_t *e)
{
    rc_t rc = sqlite_store_run(h, s, e);
    sqlite3_finalize(s);
    if (rc == RC_OK && must_change && sqlite_store_changes(h) == 0)
        rc = err_set(e, RC_NOTFOUND, "no point of contact with id %lld", id);
    return rc;
}

static void bind_fields(sqlite3_stmt *s, const contact_t *c)
{
    sqlite_bind_text(s, 1, c->person);
    sqlite_bind_text(s, 2, c->function ? c->function : "");
    sqlite_bind_text(s, 3, c->ministry ? c->ministry : "");
    sqlite_bind_text(s, 4, c->areas);
    sqlite_bind_text(s, 5, c->languages ? c->languages : "");
    sqlite_bind_text(s, 6, c->since);
}

rc_t sqlite_contact_insert(void *hv, contact_t *c, err_t *e)
{
    sqlite_store_t *h = hv;
    rc_t rc = contact_validate(c, e);
    if (rc != RC_OK)
        return rc;
    sqlite3_stmt *s = prepare(h,
                              "INSERT INTO poc_contact (person, function, ministry, areas,"
                              " languages, since, state, user_id, id) VALUES (?,?,?,?,?,?,?,?,?)",
                              &rc, e);
    if (!s)
        return rc;
    bind_fields(s, c);
    sqlite_bind_text(s, 7, c->state);
    if (c->user_id > 0)
        sqlite3_bind_int64(s, 8, c->user_id);
    if (c->id > 0)
        sqlite3_bind_int64(s, 9, c->id);
    rc = run_once(h, s, 0, false, e);
    if (rc == RC_OK)
        c->id = sqlite_store_last_id(h);
    return rc;
}

rc_t sqlite_contact_update(void *hv, const contact_t *c, err_t *e)
{
    sqlite_store_t *h = hv;
    rc_t rc = contact_validate(c, e);
    if (rc != RC_OK)
        return rc;
    sqlite3_stmt *s = prepare(h,
                              "UPDATE poc_contact SET person = ?1, function = ?2, ministry = ?3,"
                              " areas = ?4, languages = ?5, since = ?6 WHERE id = ?7",
                              &rc, e);
    if (!s)
        return rc;
    bind_fields(s, c);
    sqlite3_bind_int64(s, 7, c->id);
    return run_once(h, s, c->id, true, e);
}

rc_t sqlite_contact_delete(void *hv, long long id, err_t *e)
{
    sqlite_store_t *h = hv;
    rc_t rc = RC_OK;
    sqlite3_stmt *s = prepare(h, "DELETE FROM poc_contact WHERE id = ?", &rc, e);
    if (!s)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    return run_once(h, s, id, true, e);
}

rc_t sqlite_contact_link(void *hv, long long id, long long user_id, err_t *e)
{
    sqlite_store_t *h = hv;
    rc_t rc = RC_OK;
    sqlite3_stmt *s = prepare(h, "UPDATE poc_contact SET user_id = ?1 WHERE id = ?2", &rc, e);
    if (!s)
        return rc;
    if (user_id > 0)
        sqlite3_bind_int64(s, 1, user_id);
    sqlite3_bind_int64(s, 2, id);
    return run_once(h, s, id, true, e);
}

static void read_contact(arena_t *a, sqlite3_stmt *s, void *record)
{
    contact_t *c = record;
    memset(c, 0, sizeof *c);
    c->id = sqlite3_column_int64(s, 0);
    snprintf(c->state, sizeof c->state, "%s", sqlite_col_text(a, s, 1));
    c->person = sqlite_col_text(a, s, 2);
    c->function = sqlite_col_text(a, s, 3);
    c->ministry = sqlite_col_text(a, s, 4);
    c->areas = sqlite_col_text(a, s, 5);
    c->languages = sqlite_col_text(a, s, 6);
    snprintf(c->since, sizeof c->since, "%s", sqlite_col_text(a, s, 7));
    c->user_id = sqlite3_column_int64(s, 8);
    c->user_name = sqlite_col_text(a, s, 9);
}

/* Collects the rows of s (finalized after) as contacts. */
static rc_t collect_contacts(sqlite_store_t *h, sqlite3_stmt *s, arena_t *a, contact_t **out,
                             size_t *n, err_t *e)
{
    rc_t rc = sqlite_store_collect(h, s, a, sizeof **out, read_contact, out, n, e);
    sqlite3_finalize(s);
    return rc;
}

rc_t sqlite_contact_get(void *hv, long long id, arena_t *a, contact_t *out, err_t *e)
{
    sqlite_store_t *h = hv;
    rc_t rc = RC_OK;
    sqlite3_stmt *s = prepare(h, "SELECT " CONTACT_COLS CONTACT_FROM " WHERE c.id = ?", &rc, e);
    if (!s)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    contact_t *rows;
    size_t n;
    if ((rc = collect_contacts(h, s, a, &rows, &n, e)) != RC_OK)
        return rc;
    if (n == 0)
        return err_set(e, RC_NOTFOUND, "no point of contact with id %lld", id);
    *out = rows[0];
    return RC_OK;
}

rc_t sqlite_contact_list(void *hv, const char *state, arena_t *a, contact_t **out, size_t *n,
                         err_t *e)
{
    sqlite_store_t *h = hv;
    rc_t rc = RC_OK;
    sqlite3_stmt *s = prepare(h,
                              "SELECT " CONTACT_COLS CONTACT_FROM
                              " WHERE ?1 IS NULL OR c.state = ?1 ORDER BY c.state, c.id",
                              &rc, e);
    if (!s)
        return rc;
    sqlite_bind_text(s, 1, state);
    return collect_contacts(h, s, a, out, n, e);
}

rc_t sqlite_attendance_set(void *hv, long long event_id, long long contact_id, bool attended,
                           err_t *e)
{
    sqlite_store_t *h = hv;
    rc_t rc = RC_OK;
    sqlite3_stmt *s = prepare(h,
                              attended ? "INSERT OR IGNORE INTO event_attendance (event_id,"
                                         " contact_id) VALUES (?, ?)"
                                       : "DELETE FROM event_attendance WHERE event_id = ?"
                                         " AND contact_id = ?",
                              &rc, e);
    if (!s)
        return rc;
    sqlite3_bind_int64(s, 1, event_id);
    sqlite3_bind_int64(s, 2, contact_id);
    rc = run_once(h, s, 0, false, e);
    if (rc == RC_INPUT) /* the only constraints are the two foreign keys */
        rc = err_set(e, RC_INPUT, "no event %lld or no point of contact %lld", event_id,
                     contact_id);
    return rc;
}

rc_t sqlite_attendance_list(void *hv, long long event_id, arena_t *a, contact_t **out,
                            size_t *n, err_t *e)
{
    sqlite_store_t *h = hv;
    rc_t rc = RC_OK;
    sqlite3_stmt *s = prepare(h,
                              "SELECT " CONTACT_COLS CONTACT_FROM
                              " JOIN event_attendance t ON t.contact_id = c.id"
                              " WHERE t.event_id = ? ORDER BY c.state, c.id",
                              &rc, e);
    if (!s)
        return rc;
    sqlite3_bind_int64(s, 1, event_id);
    return collect_contacts(h, s, a, out, n, e);
}

static void read_id(arena_t *a, sqlite3_stmt *s, void *record)
{
    (void)a;
    *(long long *)record = sqlite3_column_int64(s, 0);
}

rc_t sqlite_attendance_of(void *hv, long long contact_id, arena_t *a, long long **events,
                          size_t *n, err_t *e)
{
    sqlite_store_t *h = hv;
    rc_t rc = RC_OK;
    sqlite3_stmt *s = prepare(h,
                              "SELECT t.event_id FROM event_attendance t JOIN event v"
                              " ON v.id = t.event_id WHERE t.contact_id = ?"
                              " ORDER BY v.start, v.id",
                              &rc, e);
    if (!s)
        return rc;
    sqlite3_bind_int64(s, 1, contact_id);
    rc = sqlite_store_collect(h, s, a, sizeof **events, read_id, events, n, e);
    sqlite3_finalize(s);
    return rc;
}
