/*
 * The SQLite side of programmes (store_ops.def, "programmes"): a few dozen
 * per organization at most, so each operation prepares its statement when
 * called and finalizes it after (as sqlite_outreach.c does).
 */
#include <stdio.h>
#include <string.h>

#include "sqlite_private.h"

#define PROGRAMME_COLS                                                                             \
    "id, org, title, description, themes, regions, languages, start, end, contact"

/* Binds the fields from title on to ?3..?10 (insert and update share them). */
static void bind_fields(sqlite3_stmt *s, const programme_t *p)
{
    sqlite_bind_text(s, 3, p->title);
    sqlite_bind_text(s, 4, p->description);
    sqlite_bind_text(s, 5, p->themes);
    sqlite_bind_text(s, 6, p->regions);
    sqlite_bind_text(s, 7, p->languages);
    sqlite_bind_text(s, 8, p->start);
    sqlite_bind_text(s, 9, p->end);
    sqlite_bind_text(s, 10, p->contact);
}

rc_t sqlite_programme_insert(void *hv, programme_t *p, err_t *e)
{
    sqlite_store_t *h = hv;
    rc_t rc = programme_validate(p, e);
    if (rc != RC_OK)
        return rc;
    sqlite3_stmt *s = sqlite_store_prepare_once(h,
                                                "INSERT INTO programme (" PROGRAMME_COLS ")"
                                                " VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)",
                                                &rc, e);
    if (!s)
        return rc;
    if (p->id > 0)
        sqlite3_bind_int64(s, 1, p->id);
    sqlite_bind_text(s, 2, p->org);
    bind_fields(s, p);
    rc = sqlite_store_run(h, s, e);
    sqlite3_finalize(s);
    if (rc == RC_OK)
        p->id = sqlite_store_last_id(h);
    return rc;
}

rc_t sqlite_programme_update(void *hv, const programme_t *p, err_t *e)
{
    sqlite_store_t *h = hv;
    rc_t rc = programme_validate(p, e);
    if (rc != RC_OK)
        return rc;
    sqlite3_stmt *s = sqlite_store_prepare_once(
        h,
        "UPDATE programme SET org = ?2, title = ?3, description = ?4,"
        " themes = ?5, regions = ?6, languages = ?7, start = ?8, end = ?9,"
        " contact = ?10 WHERE id = ?1",
        &rc, e);
    if (!s)
        return rc;
    sqlite3_bind_int64(s, 1, p->id);
    sqlite_bind_text(s, 2, p->org);
    bind_fields(s, p);
    rc = sqlite_store_run(h, s, e);
    sqlite3_finalize(s);
    if (rc == RC_OK && sqlite_store_changes(h) == 0)
        rc = err_set(e, RC_NOTFOUND, "no programme with id %lld", p->id);
    return rc;
}

/* Runs one statement with ?1 bound to id; the rows it changed in *changed. */
static rc_t run_id(sqlite_store_t *h, const char *sql, long long id, int *changed, err_t *e)
{
    rc_t rc = RC_OK;
    sqlite3_stmt *s = sqlite_store_prepare_once(h, sql, &rc, e);
    if (!s)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    rc = sqlite_store_run(h, s, e);
    sqlite3_finalize(s);
    if (changed)
        *changed = rc == RC_OK ? sqlite_store_changes(h) : 0;
    return rc;
}

rc_t sqlite_programme_delete(void *hv, long long id, err_t *e)
{
    sqlite_store_t *h = hv;
    int changed;
    rc_t rc = run_id(h, "DELETE FROM programme_offer WHERE programme_id = ?1", id, NULL, e);
    if (rc == RC_OK)
        rc = run_id(h, "DELETE FROM programme WHERE id = ?1", id, &changed, e);
    if (rc == RC_OK && changed == 0)
        rc = err_set(e, RC_NOTFOUND, "no programme with id %lld", id);
    return rc;
}

static void read_programme(arena_t *a, sqlite3_stmt *s, void *record)
{
    programme_t *p = record;
    memset(p, 0, sizeof *p);
    p->id = sqlite3_column_int64(s, 0);
    p->org = sqlite_col_text(a, s, 1);
    p->title = sqlite_col_text(a, s, 2);
    p->description = sqlite_col_text(a, s, 3);
    p->themes = sqlite_col_text(a, s, 4);
    p->regions = sqlite_col_text(a, s, 5);
    p->languages = sqlite_col_text(a, s, 6);
    snprintf(p->start, sizeof p->start, "%s", sqlite_col_text(a, s, 7));
    snprintf(p->end, sizeof p->end, "%s", sqlite_col_text(a, s, 8));
    p->contact = sqlite_col_text(a, s, 9);
}

rc_t sqlite_programme_get(void *hv, long long id, arena_t *a, programme_t *out, err_t *e)
{
    sqlite_store_t *h = hv;
    rc_t rc = RC_OK;
    sqlite3_stmt *s = sqlite_store_prepare_once(
        h, "SELECT " PROGRAMME_COLS " FROM programme WHERE id = ?1", &rc, e);
    if (!s)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    programme_t *rows;
    size_t n;
    rc = sqlite_store_collect(h, s, a, sizeof *rows, read_programme, &rows, &n, e);
    sqlite3_finalize(s);
    if (rc == RC_OK && n == 0)
        return err_set(e, RC_NOTFOUND, "no programme with id %lld", id);
    if (rc == RC_OK)
        *out = rows[0];
    return rc;
}

rc_t sqlite_programme_list(void *hv, const char *org, arena_t *a, programme_t **out, size_t *n,
                           err_t *e)
{
    sqlite_store_t *h = hv;
    rc_t rc = RC_OK;
    sqlite3_stmt *s = sqlite_store_prepare_once(h,
                                                "SELECT " PROGRAMME_COLS " FROM programme"
                                                " WHERE ?1 IS NULL OR org = ?1 ORDER BY org, id",
                                                &rc, e);
    if (!s)
        return rc;
    sqlite_bind_text(s, 1, org);
    rc = sqlite_store_collect(h, s, a, sizeof **out, read_programme, out, n, e);
    sqlite3_finalize(s);
    return rc;
}

rc_t sqlite_programme_offer_link(void *hv, long long programme_id, long long offer_id, err_t *e)
{
    sqlite_store_t *h = hv;
    rc_t rc = run_id(h, "DELETE FROM programme_offer WHERE offer_id = ?1", offer_id, NULL, e);
    sqlite3_stmt *s =
        rc == RC_OK
            ? sqlite_store_prepare_once(h,
                                        "INSERT INTO programme_offer (programme_id, offer_id)"
                                        " VALUES (?1, ?2)",
                                        &rc, e)
            : NULL;
    if (!s)
        return rc;
    sqlite3_bind_int64(s, 1, programme_id);
    sqlite3_bind_int64(s, 2, offer_id);
    rc = sqlite_store_run(h, s, e);
    sqlite3_finalize(s);
    return rc;
}

rc_t sqlite_programme_offer_unlink(void *hv, long long offer_id, err_t *e)
{
    int changed;
    rc_t rc = run_id(hv, "DELETE FROM programme_offer WHERE offer_id = ?1", offer_id, &changed, e);
    if (rc == RC_OK && changed == 0)
        rc = err_set(e, RC_NOTFOUND, "offer %lld is in no programme", offer_id);
    return rc;
}

static void read_id(arena_t *a, sqlite3_stmt *s, void *record)
{
    (void)a;
    *(long long *)record = sqlite3_column_int64(s, 0);
}

rc_t sqlite_programme_offers(void *hv, long long programme_id, arena_t *a, long long **ids,
                             size_t *n, err_t *e)
{
    sqlite_store_t *h = hv;
    rc_t rc = RC_OK;
    sqlite3_stmt *s =
        sqlite_store_prepare_once(h,
                                  "SELECT offer_id FROM programme_offer WHERE programme_id = ?1"
                                  " ORDER BY offer_id",
                                  &rc, e);
    if (!s)
        return rc;
    sqlite3_bind_int64(s, 1, programme_id);
    rc = sqlite_store_collect(h, s, a, sizeof **ids, read_id, ids, n, e);
    sqlite3_finalize(s);
    return rc;
}

rc_t sqlite_programme_of_offer(void *hv, long long offer_id, long long *programme_id, err_t *e)
{
    sqlite_store_t *h = hv;
    rc_t rc = RC_OK;
    sqlite3_stmt *s = sqlite_store_prepare_once(
        h, "SELECT programme_id FROM programme_offer WHERE offer_id = ?1", &rc, e);
    if (!s)
        return rc;
    sqlite3_bind_int64(s, 1, offer_id);
    int step = sqlite3_step(s);
    *programme_id = step == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
    if (step != SQLITE_ROW && step != SQLITE_DONE)
        rc = sqlite_store_fail(h, e);
    sqlite3_finalize(s);
    return rc;
}
