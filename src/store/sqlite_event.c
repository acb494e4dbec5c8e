/*
 * The SQLite side of outreach events: an event row plus its participating
 * states and themes, written in one transaction (a savepoint, so that it
 * nests inside an import's transaction). Events are few, so statements are
 * prepared per call rather than cached.
 */
#include <stdlib.h>
#include <string.h>

#include "sqlite_private.h"

static rc_t exec_sql(void *h, const char *sql, err_t *e)
{
    if (sqlite3_exec(sqlite_store_db(h), sql, NULL, NULL, NULL) != SQLITE_OK)
        return sqlite_store_fail(h, e);
    return RC_OK;
}

static rc_t prepare(void *h, const char *sql, sqlite3_stmt **s, err_t *e)
{
    if (sqlite3_prepare_v2(sqlite_store_db(h), sql, -1, s, NULL) != SQLITE_OK)
        return sqlite_store_fail(h, e);
    return RC_OK;
}

/* Steps a statement that returns no rows, then finalizes it. */
static rc_t step_done(void *h, sqlite3_stmt *s, err_t *e)
{
    rc_t rc = sqlite3_step(s) == SQLITE_DONE ? RC_OK : sqlite_store_fail(h, e);
    sqlite3_finalize(s);
    return rc;
}

static void bind(sqlite3_stmt *s, int i, const char *v)
{
    sqlite3_bind_text(s, i, v ? v : "", -1, SQLITE_STATIC);
}

static rc_t insert_row(void *h, event_t *ev, err_t *e)
{
    sqlite3_stmt *s;
    rc_t rc = prepare(h, "INSERT INTO event (id, kind, status, title, start, end, place,"
                         " organizer) VALUES (?,?,?,?,?,?,?,?)", &s, e);
    if (rc != RC_OK)
        return rc;
    if (ev->id > 0)
        sqlite3_bind_int64(s, 1, ev->id);
    bind(s, 2, ev->kind);
    bind(s, 3, ev->status);
    bind(s, 4, ev->title);
    bind(s, 5, ev->start);
    bind(s, 6, ev->end);
    bind(s, 7, ev->place);
    bind(s, 8, ev->organizer);
    if ((rc = step_done(h, s, e)) == RC_OK)
        ev->id = sqlite3_last_insert_rowid(sqlite_store_db(h));
    return rc;
}

static rc_t insert_states(void *h, const event_t *ev, err_t *e)
{
    for (size_t i = 0; i < ev->nstates; i++) {
        sqlite3_stmt *s;
        rc_t rc = prepare(h, "INSERT INTO event_state (event_id, state)"
                             " SELECT ?1, alpha3 FROM state WHERE alpha3 = ?2", &s, e);
        if (rc != RC_OK)
            return rc;
        sqlite3_bind_int64(s, 1, ev->id);
        bind(s, 2, ev->states[i]);
        if ((rc = step_done(h, s, e)) != RC_OK)
            return rc;
        if (sqlite3_changes(sqlite_store_db(h)) == 0)
            return err_set(e, RC_INPUT, "states: unknown state '%s'", ev->states[i]);
    }
    return RC_OK;
}

static rc_t insert_themes(void *h, const event_t *ev, err_t *e)
{
    for (size_t i = 0; i < ev->nthemes; i++) {
        sqlite3_stmt *s;
        rc_t rc = prepare(h, "INSERT INTO event_theme (event_id, theme)"
                             " SELECT ?1, code FROM vocab WHERE kind = 'theme' AND code = ?2",
                          &s, e);
        if (rc != RC_OK)
            return rc;
        sqlite3_bind_int64(s, 1, ev->id);
        bind(s, 2, ev->themes[i]);
        if ((rc = step_done(h, s, e)) != RC_OK)
            return rc;
        if (sqlite3_changes(sqlite_store_db(h)) == 0)
            return err_set(e, RC_INPUT, "themes: unknown theme '%s'", ev->themes[i]);
    }
    return RC_OK;
}

rc_t sqlite_outreach_insert(void *h, event_t *ev, err_t *e)
{
    rc_t rc = event_validate(ev, e);
    if (rc != RC_OK || (rc = exec_sql(h, "SAVEPOINT event_insert", e)) != RC_OK)
        return rc;
    long long given = ev->id;
    if ((rc = insert_row(h, ev, e)) == RC_OK && (rc = insert_states(h, ev, e)) == RC_OK &&
        (rc = insert_themes(h, ev, e)) == RC_OK)
        return exec_sql(h, "RELEASE event_insert", e);
    sqlite3_exec(sqlite_store_db(h), "ROLLBACK TO event_insert; RELEASE event_insert", NULL,
                 NULL, NULL);
    ev->id = given;
    return rc;
}

static char *col(arena_t *a, sqlite3_stmt *s, int i)
{
    const unsigned char *t = sqlite3_column_text(s, i);
    return arena_strndup(a, t ? (const char *)t : "", (size_t)sqlite3_column_bytes(s, i));
}

static void col_date(sqlite3_stmt *s, int i, char out[11])
{
    const unsigned char *t = sqlite3_column_text(s, i);
    size_t n = t ? (size_t)sqlite3_column_bytes(s, i) : 0;
    n = n > 10 ? 0 : n;
    memcpy(out, t ? (const char *)t : "", n);
    out[n] = '\0';
}

/* Reads the participants and themes of ev->id into the arena. */
static rc_t read_members(void *h, event_t *ev, arena_t *a, err_t *e)
{
    sqlite3_stmt *s;
    rc_t rc = prepare(h, "SELECT 0, state FROM event_state WHERE event_id = ?1 UNION ALL"
                         " SELECT 1, theme FROM event_theme WHERE event_id = ?1 ORDER BY 1, 2",
                      &s, e);
    if (rc != RC_OK)
        return rc;
    sqlite3_bind_int64(s, 1, ev->id);
    size_t cap_s = 0, cap_t = 0;
    int src;
    while ((src = sqlite3_step(s)) == SQLITE_ROW) {
        if (sqlite3_column_int(s, 0) == 0) {
            if (ev->nstates == cap_s) {
                cap_s = cap_s ? cap_s * 2 : 8;
                char(*n)[4] = arena_alloc(a, cap_s * sizeof *n);
                if (ev->nstates)
                    memcpy(n, ev->states, ev->nstates * sizeof *n);
                ev->states = n;
            }
            col_date(s, 1, ev->states[ev->nstates]); /* 3 letters fit */
            ev->states[ev->nstates++][3] = '\0';
        } else {
            if (ev->nthemes == cap_t) {
                cap_t = cap_t ? cap_t * 2 : 8;
                char **n = arena_alloc(a, cap_t * sizeof *n);
                if (ev->nthemes)
                    memcpy(n, ev->themes, ev->nthemes * sizeof *n);
                ev->themes = n;
            }
            ev->themes[ev->nthemes++] = col(a, s, 1);
        }
    }
    rc = src == SQLITE_DONE ? RC_OK : sqlite_store_fail(h, e);
    sqlite3_finalize(s);
    return rc;
}

#define EVENT_COLS "e.id, e.kind, e.status, e.title, e.start, e.end, e.place, e.organizer"

static void read_event(sqlite3_stmt *s, arena_t *a, event_t *ev)
{
    memset(ev, 0, sizeof *ev);
    ev->id = sqlite3_column_int64(s, 0);
    ev->kind = event_kind_parse((const char *)sqlite3_column_text(s, 1));
    ev->status = event_status_parse((const char *)sqlite3_column_text(s, 2));
    ev->title = col(a, s, 3);
    col_date(s, 4, ev->start);
    col_date(s, 5, ev->end);
    ev->place = col(a, s, 6);
    ev->organizer = col(a, s, 7);
}

rc_t sqlite_outreach_get(void *h, long long id, arena_t *a, event_t *out, err_t *e)
{
    sqlite3_stmt *s;
    rc_t rc = prepare(h, "SELECT " EVENT_COLS " FROM event e WHERE e.id = ?", &s, e);
    if (rc != RC_OK)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    int src = sqlite3_step(s);
    if (src == SQLITE_ROW)
        read_event(s, a, out);
    else
        rc = src == SQLITE_DONE ? err_set(e, RC_NOTFOUND, "no event with id %lld", id)
                                : sqlite_store_fail(h, e);
    sqlite3_finalize(s);
    return rc == RC_OK ? read_members(h, out, a, e) : rc;
}

rc_t sqlite_outreach_list(void *h, const char *state, arena_t *a, event_t **out, size_t *n,
                       err_t *e)
{
    sqlite3_stmt *s;
    rc_t rc = prepare(h, "SELECT " EVENT_COLS " FROM event e WHERE ?1 IS NULL OR EXISTS"
                         " (SELECT 1 FROM event_state p WHERE p.event_id = e.id"
                         "  AND p.state = ?1) ORDER BY e.start, e.id", &s, e);
    if (rc != RC_OK)
        return rc;
    if (state)
        bind(s, 1, state);
    event_t *arr = NULL;
    size_t cnt = 0, cap = 0;
    int src;
    while ((src = sqlite3_step(s)) == SQLITE_ROW) {
        if (cnt == cap) {
            cap = cap ? cap * 2 : 16;
            event_t *na = arena_alloc(a, cap * sizeof *na);
            if (cnt)
                memcpy(na, arr, cnt * sizeof *na);
            arr = na;
        }
        read_event(s, a, &arr[cnt++]);
    }
    rc = src == SQLITE_DONE ? RC_OK : sqlite_store_fail(h, e);
    sqlite3_finalize(s);
    for (size_t i = 0; i < cnt && rc == RC_OK; i++)
        rc = read_members(h, &arr[i], a, e);
    *out = arr;
    *n = cnt;
    return rc;
}
