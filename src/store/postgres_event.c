/*
 * The PostgreSQL side of outreach events (sqlite_event.c): an event row plus
 * its participating states and themes. The states and themes travel as one
 * text[] parameter each. An insert first asks which code, if any, the
 * reference data does not know (the first in the event's sorted order, the
 * one SQLite's row-by-row insert would stop at), and then writes the event
 * and all its codes in one statement: nothing half-written to undo, so no
 * savepoint, and an unknown code leaves the caller's transaction usable (an
 * import goes on to report it). A list reads the events in one query and all
 * their participants and themes in a second, in the same order.
 */
#include <stdio.h>
#include <string.h>

#include "../util/buf.h"
#include "postgres_private.h"

#define EVENT_COLS "e.id, e.kind, e.status, e.title, e.start, e.\"end\", e.place, e.organizer"
/* $1 NULL or a state: the events that state takes part in. */
#define EVENT_OF_STATE                                                                         \
    " WHERE $1::text IS NULL OR EXISTS (SELECT 1 FROM event_state p WHERE p.event_id = e.id"  \
    " AND p.state = $1::text)"
/* (event id, 0 for a state or 1 for a theme, code) */
#define MEMBERS                                                                                \
    "SELECT event_id, 0 AS theme, state AS code FROM event_state UNION ALL"                    \
    " SELECT event_id, 1, theme FROM event_theme"
/* The first code of the array $N (in its order) that query Q (x the code)
 * does not find; NULL when all are known. */
#define FIRST_UNKNOWN(n, q)                                                                    \
    "(SELECT x FROM unnest(" n "::text[]) WITH ORDINALITY u(x, i)"                           \
    " WHERE NOT EXISTS (" q ") ORDER BY i LIMIT 1)"

static const char *or_empty(const char *s) { return s ? s : ""; }

/* Appends s to b as one element of an array literal: double-quoted, with
 * its quotes and backslashes escaped, so any text is taken as it is. */
static void array_element(buf_t *b, const char *s, bool first)
{
    buf_puts(b, first ? "\"" : ",\"");
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            buf_putc(b, '\\');
        buf_putc(b, *s);
    }
    buf_putc(b, '"');
}

/* The event's states and themes as array literals ({"AAA","BBB"}) in two
 * buffers the caller frees. */
static void code_arrays(const event_t *ev, buf_t *states, buf_t *themes)
{
    buf_init(states, 0);
    buf_init(themes, 0);
    buf_putc(states, '{');
    for (size_t i = 0; i < ev->nstates; i++)
        array_element(states, ev->states[i], i == 0);
    buf_putc(states, '}');
    buf_putc(themes, '{');
    for (size_t i = 0; i < ev->nthemes; i++)
        array_element(themes, ev->themes[i], i == 0);
    buf_putc(themes, '}');
}

/* RC_INPUT naming the first state or theme the reference data does not know,
 * as sqlite_event.c's insert_code says it. */
static rc_t check_codes(pg_store_t *h, const char *states, const char *themes, err_t *e)
{
    const char *p[] = {states, themes};
    PGresult *r;
    rc_t rc = pg_exec(h,
                      "SELECT " FIRST_UNKNOWN("$1", "SELECT 1 FROM state WHERE alpha3 = x") ", "
                      FIRST_UNKNOWN("$2", "SELECT 1 FROM vocab WHERE kind = 'theme' AND code = x"),
                      2, p, &r, e);
    if (rc != RC_OK)
        return rc;
    if (!PQgetisnull(r, 0, 0))
        rc = err_set(e, RC_INPUT, "states: unknown state '%s'", PQgetvalue(r, 0, 0));
    else if (!PQgetisnull(r, 0, 1))
        rc = err_set(e, RC_INPUT, "themes: unknown theme '%s'", PQgetvalue(r, 0, 1));
    PQclear(r);
    return rc;
}

rc_t pg_outreach_insert(void *hv, event_t *ev, err_t *e)
{
    pg_store_t *h = hv;
    rc_t rc = event_validate(ev, e);
    if (rc != RC_OK)
        return rc;
    buf_t states, themes;
    code_arrays(ev, &states, &themes);
    char id[24];
    snprintf(id, sizeof id, "%lld", ev->id);
    const char *p[] = {ev->id > 0 ? id : NULL, ev->kind, ev->status, ev->title, ev->start,
                       ev->end, or_empty(ev->place), or_empty(ev->organizer), buf_str(&states),
                       buf_str(&themes)};
    PGresult *r = NULL;
    if ((rc = check_codes(h, p[8], p[9], e)) == RC_OK)
        rc = pg_exec(h,
                     "WITH ev AS (INSERT INTO event (id, kind, status, title, start, \"end\","
                     " place, organizer) VALUES (coalesce($1::bigint, (SELECT coalesce(max(id),"
                     " 0) + 1 FROM event)), $2, $3, $4, $5, $6, $7, $8) RETURNING id),"
                     " s AS (INSERT INTO event_state (event_id, state)"
                     "  SELECT ev.id, x FROM ev, unnest($9::text[]) x),"
                     " t AS (INSERT INTO event_theme (event_id, theme)"
                     "  SELECT ev.id, x FROM ev, unnest($10::text[]) x)"
                     " SELECT id FROM ev",
                     10, p, &r, e);
    buf_free(&states);
    buf_free(&themes);
    if (rc == RC_OK)
        ev->id = pg_int(r, 0, 0);
    else if (rc == RC_INPUT && strcmp(h->constraint, "event_pkey") == 0)
        err_set(e, RC_INPUT, "an event with id %lld already exists", ev->id);
    PQclear(r);
    return rc;
}

static void read_event(arena_t *a, const PGresult *r, int i, void *record)
{
    event_t *ev = record;
    memset(ev, 0, sizeof *ev);
    ev->id = pg_int(r, i, 0);
    ev->kind = event_kind_parse(PQgetvalue(r, i, 1));
    ev->status = event_status_parse(PQgetvalue(r, i, 2));
    ev->title = pg_text(a, r, i, 3);
    pg_copy(r, i, 4, ev->start, sizeof ev->start);
    pg_copy(r, i, 5, ev->end, sizeof ev->end);
    ev->place = pg_text(a, r, i, 6);
    ev->organizer = pg_text(a, r, i, 7);
}

/* Appends the member on row i of r (a MEMBERS row) to ev; cap holds the
 * capacities of ev's two arrays. */
static void add_member(arena_t *a, const PGresult *r, int i, event_t *ev, size_t cap[2])
{
    bool theme = pg_int(r, i, 1) != 0;
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
        ev->themes[ev->nthemes++] = pg_text(a, r, i, 2);
    else
        pg_copy(r, i, 2, ev->states[ev->nstates++], sizeof *ev->states);
}

/* Reads the member rows of r into the n events of evs, which are in the
 * rows' order: one forward pass. A row of an event not in evs (one added
 * between the two queries) is skipped. */
static void read_members(const PGresult *r, event_t *evs, size_t n, arena_t *a)
{
    size_t i = 0, cap[2] = {0, 0};
    for (int row = 0; row < PQntuples(r); row++) {
        long long id = pg_int(r, row, 0);
        size_t k = i;
        while (k < n && evs[k].id != id)
            k++;
        if (k == n)
            continue;
        if (k != i) {
            i = k;
            cap[0] = cap[1] = 0;
        }
        add_member(a, r, row, &evs[i], cap);
    }
}

/* Runs a members query with its one parameter and reads it into evs. */
static rc_t members(pg_store_t *h, const char *sql, const char *param, event_t *evs, size_t n,
                    arena_t *a, err_t *e)
{
    const char *p[] = {param};
    PGresult *r;
    rc_t rc = pg_exec(h, sql, 1, p, &r, e);
    if (rc == RC_OK) {
        read_members(r, evs, n, a);
        PQclear(r);
    }
    return rc;
}

rc_t pg_outreach_get(void *h, long long id, arena_t *a, event_t *out, err_t *e)
{
    char ids[24];
    snprintf(ids, sizeof ids, "%lld", id);
    const char *p[] = {ids};
    PGresult *r;
    rc_t rc = pg_exec(h, "SELECT " EVENT_COLS " FROM event e WHERE e.id = $1", 1, p, &r, e);
    if (rc != RC_OK)
        return rc;
    int rows = PQntuples(r);
    if (rows == 1)
        read_event(a, r, 0, out);
    PQclear(r);
    if (rows != 1)
        return err_set(e, RC_NOTFOUND, "no event with id %lld", id);
    return members(h,
                   "SELECT event_id, 0, state FROM event_state WHERE event_id = $1 UNION ALL"
                   " SELECT event_id, 1, theme FROM event_theme WHERE event_id = $1"
                   " ORDER BY 2, 3",
                   ids, out, 1, a, e);
}

rc_t pg_outreach_list(void *h, const char *state, arena_t *a, event_t **out, size_t *n, err_t *e)
{
    const char *p[] = {state};
    PGresult *r;
    rc_t rc = pg_exec(h, "SELECT " EVENT_COLS " FROM event e" EVENT_OF_STATE
                      " ORDER BY e.start, e.id",
                      1, p, &r, e);
    if (rc != RC_OK)
        return rc;
    pg_collect(r, a, sizeof **out, read_event, out, n);
    PQclear(r);
    if (*n == 0)
        return RC_OK;
    return members(h,
                   "SELECT m.event_id, m.theme, m.code FROM (" MEMBERS ") m"
                   " JOIN event e ON e.id = m.event_id" EVENT_OF_STATE
                   " ORDER BY e.start, e.id, m.theme, m.code",
                   state, *out, *n, a, e);
}
