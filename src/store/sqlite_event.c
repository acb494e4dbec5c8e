/*
 * The SQLite side of outreach events: an event row plus its participating
 * states and themes, written in one transaction (a savepoint, so that it
 * nests inside an import's transaction). Statements live in the handle's
 * extra slots from SQLITE_EVENT_SLOTS (sqlite_private.h): an insert runs one
 * statement per participant, and an import or the demo inserts hundreds of
 * events. A list reads the events in one query and all their participants and
 * themes in a second, in the same order, whatever the number of events.
 */
#include <stdio.h>
#include <string.h>

#include "sqlite_private.h"

enum { E_INSERT, E_STATE, E_THEME, E_GET, E_MEMBERS_ONE, E_LIST, E_MEMBERS_LIST, E_COUNT };
_Static_assert((int)SQLITE_EVENT_SLOTS + (int)E_COUNT <= (int)SQLITE_EXTRA_STMTS,
               "sqlite_private.h: raise SQLITE_EXTRA_STMTS");

#define EVENT_COLS "e.id, e.kind, e.status, e.title, e.start, e.end, e.place, e.organizer"
/* ?1 NULL or a state: the events that state takes part in. */
#define EVENT_OF_STATE                                                                         \
    " WHERE ?1 IS NULL OR EXISTS (SELECT 1 FROM event_state p WHERE p.event_id = e.id"        \
    " AND p.state = ?1)"
/* (event id, 0 for a state or 1 for a theme, code) */
#define MEMBERS                                                                                \
    "SELECT event_id, 0 AS theme, state AS code FROM event_state UNION ALL"                    \
    " SELECT event_id, 1, theme FROM event_theme"

static const char *const queries[E_COUNT] = {
    [E_INSERT] = "INSERT INTO event (id, kind, status, title, start, end, place, organizer)"
                 " VALUES (?,?,?,?,?,?,?,?)",
    [E_STATE] = "INSERT INTO event_state (event_id, state)"
                " SELECT ?1, alpha3 FROM state WHERE alpha3 = ?2",
    [E_THEME] = "INSERT INTO event_theme (event_id, theme)"
                " SELECT ?1, code FROM vocab WHERE kind = 'theme' AND code = ?2",
    [E_GET] = "SELECT " EVENT_COLS " FROM event e WHERE e.id = ?",
    [E_MEMBERS_ONE] = "SELECT event_id, 0, state FROM event_state WHERE event_id = ?1 UNION ALL"
                      " SELECT event_id, 1, theme FROM event_theme WHERE event_id = ?1"
                      " ORDER BY 2, 3",
    [E_LIST] = "SELECT " EVENT_COLS " FROM event e" EVENT_OF_STATE " ORDER BY e.start, e.id",
    [E_MEMBERS_LIST] = "SELECT m.event_id, m.theme, m.code FROM (" MEMBERS ") m"
                       " JOIN event e ON e.id = m.event_id" EVENT_OF_STATE
                       " ORDER BY e.start, e.id, m.theme, m.code",
};

#define PREPARE(h, s, which, e)                                                                \
    sqlite3_stmt *s = sqlite_store_stmt(h, SQLITE_EVENT_SLOTS + (which), queries[which]);      \
    if (!s)                                                                                    \
        return sqlite_store_fail(h, e);

static rc_t exec_sql(sqlite_store_t *h, const char *sql, err_t *e)
{
    if (sqlite3_exec(sqlite_store_db(h), sql, NULL, NULL, NULL) != SQLITE_OK)
        return sqlite_store_fail(h, e);
    return RC_OK;
}

static const char *or_empty(const char *s) { return s ? s : ""; }

static rc_t insert_row(sqlite_store_t *h, event_t *ev, err_t *e)
{
    PREPARE(h, s, E_INSERT, e);
    if (ev->id > 0)
        sqlite3_bind_int64(s, 1, ev->id);
    sqlite_bind_text(s, 2, ev->kind);
    sqlite_bind_text(s, 3, ev->status);
    sqlite_bind_text(s, 4, ev->title);
    sqlite_bind_text(s, 5, ev->start);
    sqlite_bind_text(s, 6, ev->end);
    sqlite_bind_text(s, 7, or_empty(ev->place));
    sqlite_bind_text(s, 8, or_empty(ev->organizer));
    rc_t rc = sqlite_store_run(h, s, e);
    if (rc == RC_OK)
        ev->id = sqlite_store_last_id(h);
    return rc;
}

/* Inserts one participant (E_STATE) or theme (E_THEME); RC_INPUT naming the
 * field when the reference data does not know the code. */
static rc_t insert_code(sqlite_store_t *h, int which, long long id, const char *code,
                        const char *field, const char *noun, err_t *e)
{
    PREPARE(h, s, which, e);
    sqlite3_bind_int64(s, 1, id);
    sqlite_bind_text(s, 2, code);
    rc_t rc = sqlite_store_run(h, s, e);
    if (rc == RC_OK && sqlite_store_changes(h) == 0)
        rc = err_set(e, RC_INPUT, "%s: unknown %s '%s'", field, noun, code);
    return rc;
}

rc_t sqlite_outreach_insert(void *h, event_t *ev, err_t *e)
{
    rc_t rc = event_validate(ev, e);
    if (rc != RC_OK || (rc = exec_sql(h, "SAVEPOINT event_insert", e)) != RC_OK)
        return rc;
    long long given = ev->id;
    rc = insert_row(h, ev, e);
    for (size_t i = 0; i < ev->nstates && rc == RC_OK; i++)
        rc = insert_code(h, E_STATE, ev->id, ev->states[i], "states", "state", e);
    for (size_t i = 0; i < ev->nthemes && rc == RC_OK; i++)
        rc = insert_code(h, E_THEME, ev->id, ev->themes[i], "themes", "theme", e);
    if (rc == RC_OK)
        return exec_sql(h, "RELEASE event_insert", e);
    sqlite3_exec(sqlite_store_db(h), "ROLLBACK TO event_insert; RELEASE event_insert", NULL,
                 NULL, NULL);
    ev->id = given;
    return rc;
}

/* A column's text into a fixed field ("" for NULL). */
static void col_copy(sqlite3_stmt *s, int i, char *dst, size_t size)
{
    snprintf(dst, size, "%s", or_empty((const char *)sqlite3_column_text(s, i)));
}

static void read_event(arena_t *a, sqlite3_stmt *s, void *record)
{
    event_t *ev = record;
    memset(ev, 0, sizeof *ev);
    ev->id = sqlite3_column_int64(s, 0);
    ev->kind = event_kind_parse((const char *)sqlite3_column_text(s, 1));
    ev->status = event_status_parse((const char *)sqlite3_column_text(s, 2));
    ev->title = sqlite_col_text(a, s, 3);
    col_copy(s, 4, ev->start, sizeof ev->start);
    col_copy(s, 5, ev->end, sizeof ev->end);
    ev->place = sqlite_col_text(a, s, 6);
    ev->organizer = sqlite_col_text(a, s, 7);
}

/* Appends the member on the current row of s (a MEMBERS row) to ev; caps are
 * the capacities of ev's two arrays. */
static void add_member(arena_t *a, sqlite3_stmt *s, event_t *ev, size_t cap[2])
{
    bool theme = sqlite3_column_int(s, 1) != 0;
    size_t n = theme ? ev->nthemes : ev->nstates;
    size_t elem = theme ? sizeof *ev->themes : sizeof *ev->states;
    void **arr = theme ? (void **)&ev->themes : (void **)&ev->states;
    if (n == cap[theme]) {
        cap[theme] = cap[theme] ? 2 * cap[theme] : 8;
        void *grown = arena_alloc(a, cap[theme] * elem);
        if (n)
            memcpy(grown, *arr, n * elem);
        *arr = grown;
    }
    if (theme)
        ev->themes[ev->nthemes++] = sqlite_col_text(a, s, 2);
    else
        col_copy(s, 2, ev->states[ev->nstates++], sizeof *ev->states);
}

/* Reads the member rows of s into the n events of evs, which are in the
 * rows' order: one forward pass. A row of an event not in evs (one added
 * between the two queries) is skipped. Resets s. */
static rc_t read_members(sqlite_store_t *h, sqlite3_stmt *s, event_t *evs, size_t n, arena_t *a,
                         err_t *e)
{
    size_t i = 0, cap[2] = {0, 0};
    rc_t rc = RC_OK;
    while (sqlite_store_step(h, s, &rc, e) == 1) {
        long long id = sqlite3_column_int64(s, 0);
        size_t k = i;
        while (k < n && evs[k].id != id)
            k++;
        if (k == n)
            continue;
        if (k != i) {
            i = k;
            cap[0] = cap[1] = 0;
        }
        add_member(a, s, &evs[i], cap);
    }
    sqlite3_reset(s);
    return rc;
}

rc_t sqlite_outreach_get(void *h, long long id, arena_t *a, event_t *out, err_t *e)
{
    PREPARE(h, s, E_GET, e);
    sqlite3_bind_int64(s, 1, id);
    rc_t rc = RC_OK;
    int row = sqlite_store_step(h, s, &rc, e);
    if (row == 1)
        read_event(a, s, out);
    sqlite3_reset(s);
    if (row <= 0)
        return row == 0 ? err_set(e, RC_NOTFOUND, "no event with id %lld", id) : rc;
    PREPARE(h, m, E_MEMBERS_ONE, e);
    sqlite3_bind_int64(m, 1, id);
    return read_members(h, m, out, 1, a, e);
}

rc_t sqlite_outreach_list(void *h, const char *state, arena_t *a, event_t **out, size_t *n,
                          err_t *e)
{
    PREPARE(h, s, E_LIST, e);
    sqlite_bind_text(s, 1, state);
    rc_t rc = sqlite_store_collect(h, s, a, sizeof **out, read_event, out, n, e);
    if (rc != RC_OK || *n == 0)
        return rc;
    PREPARE(h, m, E_MEMBERS_LIST, e);
    sqlite_bind_text(m, 1, state);
    return read_members(h, m, *out, *n, a, e);
}
