/*
 * The PostgreSQL side of the roster of points of contact and training
 * attendance (sqlite_roster.c). An entry without an id gets the highest
 * id + 1, as SQLite's rowid does. The rule on an entry's linked account is
 * the schema's (postgres_schema_outreach.c): its refusal comes back as
 * RC_REFUSED with the rule's message, as on SQLite.
 */
#include <stdio.h>
#include <string.h>

#include "postgres_private.h"

#define CONTACT_COLS                                                                           \
    "c.id, c.state, c.person, c.function, c.ministry, c.areas, c.languages, c.since,"        \
    " coalesce(c.user_id, 0), coalesce(u.name, '')"
#define CONTACT_FROM " FROM poc_contact c LEFT JOIN \"user\" u ON u.id = c.user_id"

static const char *or_empty(const char *s) { return s ? s : ""; }

/* Runs a write; RC_NOTFOUND naming entry id when it changed no row and
 * must_change. */
static rc_t run(pg_store_t *h, const char *sql, int n, const char *const *p, long long id,
                bool must_change, err_t *e)
{
    PGresult *r;
    rc_t rc = pg_exec(h, sql, n, p, &r, e);
    if (rc != RC_OK)
        return rc;
    if (must_change && strcmp(PQcmdTuples(r), "0") == 0)
        rc = err_set(e, RC_NOTFOUND, "no point of contact with id %lld", id);
    PQclear(r);
    return rc;
}

rc_t pg_contact_insert(void *h, contact_t *c, err_t *e)
{
    rc_t rc = contact_validate(c, e);
    if (rc != RC_OK)
        return rc;
    char uid[24], id[24];
    snprintf(uid, sizeof uid, "%lld", c->user_id);
    snprintf(id, sizeof id, "%lld", c->id);
    const char *p[] = {c->person,  or_empty(c->function),  or_empty(c->ministry),
                       c->areas,   or_empty(c->languages), c->since,
                       c->state,   c->user_id > 0 ? uid : NULL, c->id > 0 ? id : NULL};
    PGresult *r;
    rc = pg_exec(h,
                 "INSERT INTO poc_contact (person, function, ministry, areas, languages, since,"
                 " state, user_id, id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8::bigint,"
                 " coalesce($9::bigint, (SELECT coalesce(max(id), 0) + 1 FROM poc_contact)))"
                 " RETURNING id",
                 9, p, &r, e);
    if (rc == RC_OK) {
        c->id = pg_int(r, 0, 0);
        PQclear(r);
    }
    return rc;
}

rc_t pg_contact_update(void *h, const contact_t *c, err_t *e)
{
    rc_t rc = contact_validate(c, e);
    if (rc != RC_OK)
        return rc;
    char id[24];
    snprintf(id, sizeof id, "%lld", c->id);
    const char *p[] = {c->person, or_empty(c->function),  or_empty(c->ministry),
                       c->areas,  or_empty(c->languages), c->since, id};
    return run(h,
               "UPDATE poc_contact SET person = $1, function = $2, ministry = $3, areas = $4,"
               " languages = $5, since = $6 WHERE id = $7",
               7, p, c->id, true, e);
}

rc_t pg_contact_delete(void *h, long long id, err_t *e)
{
    char ids[24];
    snprintf(ids, sizeof ids, "%lld", id);
    const char *p[] = {ids};
    return run(h, "DELETE FROM poc_contact WHERE id = $1", 1, p, id, true, e);
}

rc_t pg_contact_link(void *h, long long id, long long user_id, err_t *e)
{
    char ids[24], uid[24];
    snprintf(ids, sizeof ids, "%lld", id);
    snprintf(uid, sizeof uid, "%lld", user_id);
    const char *p[] = {user_id > 0 ? uid : NULL, ids};
    return run(h, "UPDATE poc_contact SET user_id = $1::bigint WHERE id = $2", 2, p, id, true,
               e);
}

static void read_contact(arena_t *a, const PGresult *r, int i, void *record)
{
    contact_t *c = record;
    memset(c, 0, sizeof *c);
    c->id = pg_int(r, i, 0);
    pg_copy(r, i, 1, c->state, sizeof c->state);
    c->person = pg_text(a, r, i, 2);
    c->function = pg_text(a, r, i, 3);
    c->ministry = pg_text(a, r, i, 4);
    c->areas = pg_text(a, r, i, 5);
    c->languages = pg_text(a, r, i, 6);
    pg_copy(r, i, 7, c->since, sizeof c->since);
    c->user_id = pg_int(r, i, 8);
    c->user_name = pg_text(a, r, i, 9);
}

/* The contacts sql gives for its one parameter. */
static rc_t contacts(pg_store_t *h, const char *sql, const char *param, arena_t *a,
                     contact_t **out, size_t *n, err_t *e)
{
    const char *p[] = {param};
    PGresult *r;
    rc_t rc = pg_exec(h, sql, 1, p, &r, e);
    if (rc == RC_OK) {
        pg_collect(r, a, sizeof **out, read_contact, out, n);
        PQclear(r);
    }
    return rc;
}

rc_t pg_contact_get(void *h, long long id, arena_t *a, contact_t *out, err_t *e)
{
    char ids[24];
    snprintf(ids, sizeof ids, "%lld", id);
    contact_t *rows;
    size_t n;
    rc_t rc = contacts(h, "SELECT " CONTACT_COLS CONTACT_FROM " WHERE c.id = $1", ids, a, &rows,
                       &n, e);
    if (rc != RC_OK)
        return rc;
    if (n == 0)
        return err_set(e, RC_NOTFOUND, "no point of contact with id %lld", id);
    *out = rows[0];
    return RC_OK;
}

rc_t pg_contact_list(void *h, const char *state, arena_t *a, contact_t **out, size_t *n,
                     err_t *e)
{
    return contacts(h,
                    "SELECT " CONTACT_COLS CONTACT_FROM
                    " WHERE $1::text IS NULL OR c.state = $1::text ORDER BY c.state, c.id",
                    state, a, out, n, e);
}

rc_t pg_attendance_set(void *hv, long long event_id, long long contact_id, bool attended,
                       err_t *e)
{
    pg_store_t *h = hv;
    char eid[24], cid[24];
    snprintf(eid, sizeof eid, "%lld", event_id);
    snprintf(cid, sizeof cid, "%lld", contact_id);
    const char *p[] = {eid, cid};
    rc_t rc = run(h,
                  attended ? "INSERT INTO event_attendance (event_id, contact_id)"
                             " VALUES ($1, $2) ON CONFLICT DO NOTHING"
                           : "DELETE FROM event_attendance WHERE event_id = $1"
                             " AND contact_id = $2",
                  2, p, 0, false, e);
    if (rc == RC_INPUT) /* the only constraints are the two foreign keys */
        rc = err_set(e, RC_INPUT, "no event %lld or no point of contact %lld", event_id,
                     contact_id);
    return rc;
}

rc_t pg_attendance_list(void *h, long long event_id, arena_t *a, contact_t **out, size_t *n,
                        err_t *e)
{
    char eid[24];
    snprintf(eid, sizeof eid, "%lld", event_id);
    return contacts(h,
                    "SELECT " CONTACT_COLS CONTACT_FROM
                    " JOIN event_attendance t ON t.contact_id = c.id"
                    " WHERE t.event_id = $1 ORDER BY c.state, c.id",
                    eid, a, out, n, e);
}

static void read_id(arena_t *a, const PGresult *r, int i, void *record)
{
    (void)a;
    *(long long *)record = pg_int(r, i, 0);
}

rc_t pg_attendance_of(void *h, long long contact_id, arena_t *a, long long **events, size_t *n,
                      err_t *e)
{
    char cid[24];
    snprintf(cid, sizeof cid, "%lld", contact_id);
    const char *p[] = {cid};
    PGresult *r;
    rc_t rc = pg_exec(h,
                      "SELECT t.event_id FROM event_attendance t JOIN event v"
                      " ON v.id = t.event_id WHERE t.contact_id = $1"
                      " ORDER BY v.start, v.id",
                      1, p, &r, e);
    if (rc == RC_OK) {
        pg_collect(r, a, sizeof **events, read_id, events, n);
        PQclear(r);
    }
    return rc;
}
