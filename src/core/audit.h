/*
 * The audit log: every change to r1540's data appends one entry, and the
 * entries form a hash chain so that `r1540 audit verify` can tell whether any
 * was edited, inserted or deleted after the fact (docs/internals/audit.md).
 *
 * An entry's hash is the hex SHA-256 of this byte string:
 *
 *   "r1540-audit-1\n" then, for each of seq, at, actor, action, object,
 *   detail, prev_hash in that order: the field's length in bytes in decimal,
 *   ':', the field's bytes, '\n'
 *
 * with seq written in decimal. Length prefixes make the serialization
 * unambiguous: no choice of field contents can make two different entries
 * serialize alike. prev_hash is the previous entry's hash, 64 zeros for the
 * first. The meta keys audit_count and audit_head record the number of entries
 * and the newest hash, so that deleting the newest entries shows too.
 *
 * What the chain cannot do: whoever can write the database file can rewrite
 * the whole chain and the meta record consistently. The defence is a copy of
 * the head hash kept elsewhere (`audit verify` prints it): a later log must
 * still contain that entry with that hash.
 */
#ifndef R1540_CORE_AUDIT_H
#define R1540_CORE_AUDIT_H

#include "../util/err.h"

typedef struct store store_t;

#define AUDIT_HASH_HEX 65 /* 64 hex digits and a NUL */

typedef struct {
    long long seq;    /* 1, 2, ... without gaps */
    char *at;         /* UTC, YYYY-MM-DDTHH:MM:SSZ */
    char *actor;      /* "cli:LOGIN", "web:USER", ... */
    char *action;     /* "matrix.approve", "user.add", ... */
    char *object;     /* "matrix:FRA/3", "report:123", "user:alice"; "" if none */
    char *detail;     /* short JSON or text; "" if none; never a password */
    char *prev_hash;  /* hex */
    char *hash;       /* hex SHA-256 of the serialization above */
} audit_entry_t; /* strings arena-owned */

/*
 * Appends an entry to the log. Must be called inside the caller's transaction
 * (store_begin ... store_commit), after the change it records: the change and
 * its entry then commit or roll back together, and the write lock taken by
 * store_begin keeps two writers from reading the same last entry. NULL object
 * or detail count as "". Fails with the store's rc (the caller rolls back).
 */
rc_t audit_append(store_t *st, const char *actor, const char *action, const char *object,
                  const char *detail, err_t *e);

/*
 * Walks the whole chain. RC_OK if every entry's hash matches its contents,
 * each follows the one before it, seq runs 1..N without gaps and N and the
 * newest hash match the meta record. Otherwise RC_REFUSED, *bad_seq set to the
 * first entry found wrong (or missing) and a message saying what is wrong
 * with it; other codes for store failures (*bad_seq 0). On RC_OK, count and
 * head (either may be NULL) say what was verified: N and the newest hash (all
 * zeros for an empty log). The walk is one transaction, so it sees the log as
 * of one moment whatever other processes append meanwhile.
 */
rc_t audit_verify(store_t *st, long long *bad_seq, long long *count, char head[AUDIT_HASH_HEX],
                  err_t *e);

/* Writes the hash of entry `en` (its other fields) into out. */
void audit_entry_hash(const audit_entry_t *en, char out[AUDIT_HASH_HEX]);

#endif
