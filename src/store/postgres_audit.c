/*
 * The PostgreSQL side of the audit log: storing and reading entries. The
 * chain (seq and hashes) is made by store/audit_log.c inside the caller's
 * transaction, whose write lock (pg_begin) keeps it linear across servers.
 */
#include <stdio.h>
#include <string.h>

#include "postgres_private.h"

#define AUDIT_COLS "seq, at, actor, action, object, detail, prev_hash, hash"

rc_t pg_audit_insert(void *h, const audit_entry_t *en, err_t *e)
{
    char seq[24];
    snprintf(seq, sizeof seq, "%lld", en->seq);
    const char *f[] = {en->at, en->actor, en->action, en->object, en->detail, en->prev_hash,
                       en->hash};
    const char *p[8] = {seq};
    for (int i = 0; i < 7; i++)
        p[1 + i] = f[i] ? f[i] : "";
    /* DO NOTHING, then count: a taken seq is told apart from other failures
     * without parsing the constraint's name */
    PGresult *r;
    rc_t rc = pg_exec(h,
                      "INSERT INTO audit (" AUDIT_COLS ") VALUES ($1,$2,$3,$4,$5,$6,$7,$8)"
                      " ON CONFLICT (seq) DO NOTHING",
                      8, p, &r, e);
    if (rc == RC_OK && strcmp(PQcmdTuples(r), "0") == 0)
        rc = err_set(e, RC_INPUT, "audit entry %lld already exists", en->seq);
    PQclear(r);
    return rc;
}

static void read_audit(arena_t *a, const PGresult *r, int i, void *record)
{
    audit_entry_t *en = record;
    en->seq = pg_int(r, i, 0);
    en->at = pg_text(a, r, i, 1);
    en->actor = pg_text(a, r, i, 2);
    en->action = pg_text(a, r, i, 3);
    en->object = pg_text(a, r, i, 4);
    en->detail = pg_text(a, r, i, 5);
    en->prev_hash = pg_text(a, r, i, 6);
    en->hash = pg_text(a, r, i, 7);
}

rc_t pg_audit_last(void *h, arena_t *a, audit_entry_t *out, err_t *e)
{
    PGresult *r;
    rc_t rc = pg_exec(h, "SELECT " AUDIT_COLS " FROM audit ORDER BY seq DESC LIMIT 1", 0, NULL,
                      &r, e);
    if (rc != RC_OK)
        return rc;
    if (PQntuples(r) == 1)
        read_audit(a, r, 0, out);
    else
        rc = err_set(e, RC_NOTFOUND, "the audit log is empty");
    PQclear(r);
    return rc;
}

rc_t pg_audit_list(void *h, long long from_seq, size_t limit, arena_t *a, audit_entry_t **out,
                   size_t *n, err_t *e)
{
    char from[24], lim[24];
    snprintf(from, sizeof from, "%lld", from_seq);
    snprintf(lim, sizeof lim, "%zu", limit);
    const char *p[] = {from, lim};
    PGresult *r;
    rc_t rc = pg_exec(h, "SELECT " AUDIT_COLS " FROM audit WHERE seq >= $1 ORDER BY seq LIMIT $2",
                      2, p, &r, e);
    if (rc == RC_OK) {
        pg_collect(r, a, sizeof **out, read_audit, out, n);
        PQclear(r);
    }
    return rc;
}
