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

#define AUDIT_HASH_HEX 65 /* 64 hex digits and a NUL */
/* The prev_hash of the first entry. */
#define AUDIT_ZERO_HASH "0000000000000000000000000000000000000000000000000000000000000000"

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

/* Writes the hash of entry `en` (its other fields) into out. */
void audit_entry_hash(const audit_entry_t *en, char out[AUDIT_HASH_HEX]);

#endif
