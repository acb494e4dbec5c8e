/*
 * The PostgreSQL side of programmes (store_ops.def, "programmes"), as
 * sqlite_programme.c: the fields are checked by programme_validate before
 * any write (the schema, postgres_schema_programme.c, refuses what slips
 * past), a new programme gets the highest id + 1 as SQLite's rowid does, and
 * the rule that an offer joins only its own organization's programme is the
 * schema's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "postgres_private.h"

#define PROGRAMME_COLS                                                                             \
    "id, org, title, description, themes, regions, languages, start, \"end\", contact"

static void num(char *buf, size_t size, long long v) { snprintf(buf, size, "%lld", v); }

/* The parameters of an insert or update: $1 the id (NULL: a new one), $2 the
 * organization, $3.. the fields in PROGRAMME_COLS order. */
static void params(const programme_t *p, char *id, size_t size, const char **v)
{
    num(id, size, p->id);
    v[0] = p->id > 0 ? id : NULL;
    v[1] = p->org;
    v[2] = p->title;
    v[3] = p->description;
    v[4] = p->themes;
    v[5] = p->regions;
    v[6] = p->languages;
    v[7] = p->start;
    v[8] = p->end;
    v[9] = p->contact;
}

rc_t pg_programme_insert(void *h, programme_t *p, err_t *e)
{
    rc_t rc = programme_validate(p, e);
    if (rc != RC_OK)
        return rc;
    char id[24];
    const char *v[10];
    params(p, id, sizeof id, v);
    PGresult *r;
    rc = pg_exec(h,
                 "INSERT INTO programme (" PROGRAMME_COLS ") VALUES (coalesce($1::bigint,"
                 " (SELECT coalesce(max(id), 0) + 1 FROM programme)),"
                 " $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
                 10, v, &r, e);
    if (rc == RC_OK) {
        p->id = pg_int(r, 0, 0);
        PQclear(r);
    }
    return rc;
}

/* Runs sql with its n parameters; the rows it changed in *changed. */
static rc_t run(pg_store_t *h, const char *sql, int n, const char *const *v, long long *changed,
                err_t *e)
{
    PGresult *r;
    rc_t rc = pg_exec(h, sql, n, v, &r, e);
    if (rc == RC_OK) {
        *changed = strtoll(PQcmdTuples(r), NULL, 10);
        PQclear(r);
    }
    return rc;
}

rc_t pg_programme_update(void *h, const programme_t *p, err_t *e)
{
    rc_t rc = programme_validate(p, e);
    if (rc != RC_OK)
        return rc;
    char id[24];
    const char *v[10];
    params(p, id, sizeof id, v);
    v[0] = id;
    long long changed = 0;
    rc = run(h,
             "UPDATE programme SET org = $2, title = $3, description = $4, themes = $5,"
             " regions = $6, languages = $7, start = $8, \"end\" = $9, contact = $10"
             " WHERE id = $1::bigint",
             10, v, &changed, e);
    if (rc == RC_OK && changed == 0)
        rc = err_set(e, RC_NOTFOUND, "no programme with id %lld", p->id);
    return rc;
}

rc_t pg_programme_delete(void *h, long long id, err_t *e)
{
    char ids[24];
    num(ids, sizeof ids, id);
    const char *v[] = {ids};
    long long changed = 0;
    rc_t rc = run(h, "DELETE FROM programme_offer WHERE programme_id = $1::bigint", 1, v, &changed,
                  e);
    if (rc == RC_OK)
        rc = run(h, "DELETE FROM programme WHERE id = $1::bigint", 1, v, &changed, e);
    if (rc == RC_OK && changed == 0)
        rc = err_set(e, RC_NOTFOUND, "no programme with id %lld", id);
    return rc;
}

static void read_programme(arena_t *a, const PGresult *r, int i, void *record)
{
    programme_t *p = record;
    memset(p, 0, sizeof *p);
    p->id = pg_int(r, i, 0);
    p->org = pg_text(a, r, i, 1);
    p->title = pg_text(a, r, i, 2);
    p->description = pg_text(a, r, i, 3);
    p->themes = pg_text(a, r, i, 4);
    p->regions = pg_text(a, r, i, 5);
    p->languages = pg_text(a, r, i, 6);
    pg_copy(r, i, 7, p->start, sizeof p->start);
    pg_copy(r, i, 8, p->end, sizeof p->end);
    p->contact = pg_text(a, r, i, 9);
}

rc_t pg_programme_get(void *h, long long id, arena_t *a, programme_t *out, err_t *e)
{
    char ids[24];
    num(ids, sizeof ids, id);
    const char *v[] = {ids};
    PGresult *r;
    rc_t rc = pg_exec(h, "SELECT " PROGRAMME_COLS " FROM programme WHERE id = $1::bigint", 1, v,
                      &r, e);
    if (rc != RC_OK)
        return rc;
    if (PQntuples(r) == 1)
        read_programme(a, r, 0, out);
    else
        rc = err_set(e, RC_NOTFOUND, "no programme with id %lld", id);
    PQclear(r);
    return rc;
}

rc_t pg_programme_list(void *h, const char *org, arena_t *a, programme_t **out, size_t *n,
                       err_t *e)
{
    const char *v[] = {org};
    PGresult *r;
    rc_t rc = pg_exec(h,
                      "SELECT " PROGRAMME_COLS " FROM programme"
                      " WHERE $1::text IS NULL OR org = $1::text ORDER BY org, id",
                      1, v, &r, e);
    if (rc != RC_OK)
        return rc;
    pg_collect(r, a, sizeof **out, read_programme, out, n);
    PQclear(r);
    return RC_OK;
}

rc_t pg_programme_offer_link(void *h, long long programme_id, long long offer_id, err_t *e)
{
    char pid[24], oid[24];
    num(pid, sizeof pid, programme_id);
    num(oid, sizeof oid, offer_id);
    const char *v[] = {oid, pid};
    long long changed;
    rc_t rc = run(h, "DELETE FROM programme_offer WHERE offer_id = $1::bigint", 1, v, &changed, e);
    if (rc == RC_OK)
        rc = run(h, "INSERT INTO programme_offer (offer_id, programme_id) VALUES ($1, $2)", 2, v,
                 &changed, e);
    return rc;
}

rc_t pg_programme_offer_unlink(void *h, long long offer_id, err_t *e)
{
    char oid[24];
    num(oid, sizeof oid, offer_id);
    const char *v[] = {oid};
    long long changed = 0;
    rc_t rc = run(h, "DELETE FROM programme_offer WHERE offer_id = $1::bigint", 1, v, &changed, e);
    if (rc == RC_OK && changed == 0)
        rc = err_set(e, RC_NOTFOUND, "offer %lld is in no programme", offer_id);
    return rc;
}

static void read_id(arena_t *a, const PGresult *r, int i, void *record)
{
    (void)a;
    *(long long *)record = pg_int(r, i, 0);
}

rc_t pg_programme_offers(void *h, long long programme_id, arena_t *a, long long **ids, size_t *n,
                         err_t *e)
{
    char pid[24];
    num(pid, sizeof pid, programme_id);
    const char *v[] = {pid};
    PGresult *r;
    rc_t rc = pg_exec(h,
                      "SELECT offer_id FROM programme_offer WHERE programme_id = $1::bigint"
                      " ORDER BY offer_id",
                      1, v, &r, e);
    if (rc != RC_OK)
        return rc;
    pg_collect(r, a, sizeof **ids, read_id, ids, n);
    PQclear(r);
    return RC_OK;
}

rc_t pg_programme_of_offer(void *h, long long offer_id, long long *programme_id, err_t *e)
{
    char oid[24];
    num(oid, sizeof oid, offer_id);
    const char *v[] = {oid};
    PGresult *r;
    rc_t rc = pg_exec(h, "SELECT programme_id FROM programme_offer WHERE offer_id = $1::bigint", 1,
                      v, &r, e);
    if (rc != RC_OK)
        return rc;
    *programme_id = PQntuples(r) == 1 ? pg_int(r, 0, 0) : 0;
    PQclear(r);
    return RC_OK;
}
