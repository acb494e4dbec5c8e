/*
 * The PostgreSQL side of outreach entries (sqlite_outreach.c): the
 * Committee's letters, meetings and visits to one state, with the state's
 * answer. An entry without an id gets the highest id + 1, as SQLite's rowid
 * does; the answer's pairing with its date is the schema's check.
 */
#include <stdio.h>
#include <string.h>

#include "postgres_private.h"

#define ENTRY_COLS "id, state, date, kind, subject, answer, answer_date"

rc_t pg_outreach_entry_insert(void *h, outreach_entry_t *o, err_t *e)
{
    rc_t rc = outreach_entry_validate(o, e);
    if (rc != RC_OK)
        return rc;
    char id[24];
    snprintf(id, sizeof id, "%lld", o->id);
    const char *p[] = {o->id > 0 ? id : NULL, o->state, o->date, o->kind, o->subject};
    PGresult *r;
    rc = pg_exec(h,
                 "INSERT INTO outreach_entry (id, state, date, kind, subject)"
                 " VALUES (coalesce($1::bigint, (SELECT coalesce(max(id), 0) + 1"
                 " FROM outreach_entry)), $2, $3, $4, $5) RETURNING id",
                 5, p, &r, e);
    if (rc == RC_OK) {
        o->id = pg_int(r, 0, 0);
        PQclear(r);
    }
    return rc;
}

rc_t pg_outreach_entry_answer(void *h, long long id, const char *answer, const char *date,
                              err_t *e)
{
    char ids[24];
    snprintf(ids, sizeof ids, "%lld", id);
    const char *p[] = {answer, date, ids};
    PGresult *r;
    rc_t rc = pg_exec(h, "UPDATE outreach_entry SET answer = $1, answer_date = $2 WHERE id = $3",
                      3, p, &r, e);
    if (rc != RC_OK)
        return rc;
    if (strcmp(PQcmdTuples(r), "0") == 0)
        rc = err_set(e, RC_NOTFOUND, "no outreach entry with id %lld", id);
    PQclear(r);
    return rc;
}

static void read_entry(arena_t *a, const PGresult *r, int i, void *record)
{
    outreach_entry_t *o = record;
    memset(o, 0, sizeof *o);
    o->id = pg_int(r, i, 0);
    pg_copy(r, i, 1, o->state, sizeof o->state);
    pg_copy(r, i, 2, o->date, sizeof o->date);
    o->kind = outreach_kind_parse(PQgetvalue(r, i, 3));
    o->subject = pg_text(a, r, i, 4);
    o->answer = pg_text(a, r, i, 5);
    pg_copy(r, i, 6, o->answer_date, sizeof o->answer_date);
}

/* The entries sql gives for its one parameter. */
static rc_t entries(pg_store_t *h, const char *sql, const char *param, arena_t *a,
                    outreach_entry_t **out, size_t *n, err_t *e)
{
    const char *p[] = {param};
    PGresult *r;
    rc_t rc = pg_exec(h, sql, 1, p, &r, e);
    if (rc == RC_OK) {
        pg_collect(r, a, sizeof **out, read_entry, out, n);
        PQclear(r);
    }
    return rc;
}

rc_t pg_outreach_entry_get(void *h, long long id, arena_t *a, outreach_entry_t *out, err_t *e)
{
    char ids[24];
    snprintf(ids, sizeof ids, "%lld", id);
    outreach_entry_t *rows;
    size_t n;
    rc_t rc = entries(h, "SELECT " ENTRY_COLS " FROM outreach_entry WHERE id = $1", ids, a, &rows,
                      &n, e);
    if (rc == RC_OK && n == 0)
        return err_set(e, RC_NOTFOUND, "no outreach entry with id %lld", id);
    if (rc == RC_OK)
        *out = rows[0];
    return rc;
}

rc_t pg_outreach_entry_list(void *h, const char *state, arena_t *a, outreach_entry_t **out,
                            size_t *n, err_t *e)
{
    return entries(h,
                   "SELECT " ENTRY_COLS " FROM outreach_entry"
                   " WHERE $1::text IS NULL OR state = $1::text ORDER BY state, date, id",
                   state, a, out, n, e);
}
