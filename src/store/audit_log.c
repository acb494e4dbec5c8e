/*
 * The hash-chained audit log over the store: appending an entry in the
 * caller's transaction and verifying the whole chain (the entry format and
 * its hash are in core/audit.h, the reasoning in docs/internals/audit.md).
 */
#include "audit_log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define ZERO_HASH AUDIT_ZERO_HASH
#define META_COUNT "audit_count"
#define META_HEAD "audit_head"
#define VERIFY_PAGE 512

static void utc_now(char out[21])
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

rc_t audit_append(store_t *st, const char *actor, const char *action, const char *object,
                  const char *detail, err_t *e)
{
    arena_t a = ARENA_INIT;
    audit_entry_t last;
    rc_t rc = store_audit_last(st, &a, &last, e);
    char at[21], hash[AUDIT_HASH_HEX], count[32];
    utc_now(at);
    audit_entry_t en = {
        .seq = rc == RC_OK ? last.seq + 1 : 1,
        .at = at,
        .actor = (char *)actor,
        .action = (char *)action,
        .object = (char *)(object ? object : ""),
        .detail = (char *)(detail ? detail : ""),
        .prev_hash = rc == RC_OK ? last.hash : ZERO_HASH,
        .hash = hash,
    };
    if (rc == RC_NOTFOUND) { /* the first entry */
        if (e)
            err_clear(e);
        rc = RC_OK;
    }
    if (rc == RC_OK) {
        audit_entry_hash(&en, hash);
        snprintf(count, sizeof count, "%lld", en.seq);
        if ((rc = store_audit_insert(st, &en, e)) == RC_OK &&
            (rc = store_meta_set(st, META_COUNT, count, e)) == RC_OK)
            rc = store_meta_set(st, META_HEAD, hash, e);
    }
    if (rc != RC_OK)
        err_prefix(e, "audit log: ");
    arena_free(&a);
    return rc;
}

/* ---- verification -------------------------------------------------------- */

typedef struct {
    long long next_seq;            /* the seq the next entry must have */
    char prev[AUDIT_HASH_HEX];     /* the hash the next entry must name as prev_hash */
} chain_t;

/* Checks one entry against the chain so far and its own hash. */
static rc_t verify_entry(chain_t *c, const audit_entry_t *en, long long *bad_seq, err_t *e)
{
    char want[AUDIT_HASH_HEX];
    if (en->seq != c->next_seq) {
        *bad_seq = c->next_seq;
        if (en->seq > c->next_seq)
            return err_set(e, RC_REFUSED, "audit entry %lld is missing: the next one is %lld "
                           "(entries were deleted, or one was inserted out of sequence)",
                           c->next_seq, en->seq);
        return err_set(e, RC_REFUSED, "audit entry %lld: out of sequence", en->seq);
    }
    if (strcmp(en->prev_hash, c->prev) != 0) {
        *bad_seq = en->seq;
        return err_set(e, RC_REFUSED, "audit entry %lld does not follow entry %lld "
                       "(prev_hash differs): an entry before it was rewritten, inserted "
                       "or deleted", en->seq, en->seq - 1);
    }
    audit_entry_hash(en, want);
    if (strcmp(en->hash, want) != 0) {
        *bad_seq = en->seq;
        return err_set(e, RC_REFUSED, "audit entry %lld was edited: its contents do not "
                       "match its hash", en->seq);
    }
    c->next_seq++;
    memcpy(c->prev, en->hash, AUDIT_HASH_HEX);
    return RC_OK;
}

/* Compares the end of the chain with the meta record of count and head. */
static rc_t verify_head(store_t *st, const chain_t *c, long long *bad_seq, err_t *e)
{
    arena_t a = ARENA_INIT;
    char *count = NULL, *head = NULL;
    long long n = c->next_seq - 1;
    rc_t rc = store_meta_get(st, META_COUNT, &a, &count, e);
    if (rc == RC_OK)
        rc = store_meta_get(st, META_HEAD, &a, &head, e);
    if (rc == RC_NOTFOUND && n == 0) {
        rc = RC_OK; /* a log nothing was ever appended to */
    } else if (rc == RC_NOTFOUND) {
        *bad_seq = 1;
        rc = err_set(e, RC_REFUSED, "the audit log has %lld entries but no recorded head "
                     "(meta audit_count/audit_head deleted)", n);
    } else if (rc == RC_OK) {
        char *end;
        long long want = strtoll(count, &end, 10);
        if (*end || want != n) {
            *bad_seq = n + 1;
            rc = err_set(e, RC_REFUSED, "the audit log ends at entry %lld but %s entries were "
                         "recorded: the newest entries were deleted", n, count);
        } else if (strcmp(head, c->prev) != 0) {
            *bad_seq = n;
            rc = err_set(e, RC_REFUSED, "audit entry %lld is not the recorded head of the log: "
                         "it was replaced", n);
        }
    }
    arena_free(&a);
    return rc;
}

/* The walk itself, inside audit_verify's transaction. */
static rc_t verify_chain(store_t *st, chain_t *c, long long *bad_seq, err_t *e)
{
    for (;;) {
        arena_t a = ARENA_INIT;
        audit_entry_t *page;
        size_t n = 0;
        rc_t rc = store_audit_list(st, c->next_seq == 1 ? 0 : c->next_seq, VERIFY_PAGE, &a,
                                   &page, &n, e);
        for (size_t i = 0; rc == RC_OK && i < n; i++)
            rc = verify_entry(c, &page[i], bad_seq, e);
        arena_free(&a);
        if (rc != RC_OK)
            return rc;
        if (n < VERIFY_PAGE)
            break;
    }
    return verify_head(st, c, bad_seq, e);
}

rc_t audit_verify(store_t *st, long long *bad_seq, long long *count, char head[AUDIT_HASH_HEX],
                  err_t *e)
{
    chain_t c = {.next_seq = 1, .prev = ZERO_HASH};
    *bad_seq = 0;
    /* One read transaction: the pages and the meta record are read as of one
     * moment, so an entry another process appends meanwhile is neither taken
     * for tampering nor reported as a head that was not verified. */
    rc_t rc = store_begin_read(st, e);
    if (rc != RC_OK)
        return rc;
    rc = verify_chain(st, &c, bad_seq, e);
    store_rollback(st); /* nothing was written */
    if (rc == RC_OK && count)
        *count = c.next_seq - 1;
    if (rc == RC_OK && head)
        memcpy(head, c.prev, AUDIT_HASH_HEX);
    return rc;
}
