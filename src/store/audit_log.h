/*
 * Appending to and verifying the hash-chained audit log (core/audit.h has the
 * entry and its hash). These read and write through the store, which is why
 * they are here and not in core: core does not know the store.
 */
#ifndef R1540_STORE_AUDIT_LOG_H
#define R1540_STORE_AUDIT_LOG_H

#include "store.h"

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

#endif
