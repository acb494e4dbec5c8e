/*
 * The audit entry's hash, the link of the chain (the format is in audit.h, the
 * reasoning in docs/internals/audit.md). Appending and verifying the chain read
 * and write the store, so they live above it, in store/audit_log.c.
 */
#include "audit.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TAG "r1540-audit-1\n"

/* Feeds one length-prefixed field: "LEN:BYTES\n". */
static void hash_field(crypto_hash_sha256_state *h, const char *s)
{
    if (!s)
        s = "";
    size_t n = strlen(s);
    char len[32];
    int k = snprintf(len, sizeof len, "%zu:", n);
    crypto_hash_sha256_update(h, (const unsigned char *)len, (unsigned long long)k);
    crypto_hash_sha256_update(h, (const unsigned char *)s, n);
    crypto_hash_sha256_update(h, (const unsigned char *)"\n", 1);
}

void audit_entry_hash(const audit_entry_t *en, char out[AUDIT_HASH_HEX])
{
    crypto_hash_sha256_state h;
    crypto_hash_sha256_init(&h);
    crypto_hash_sha256_update(&h, (const unsigned char *)TAG, sizeof TAG - 1);
    char seq[32];
    snprintf(seq, sizeof seq, "%lld", en->seq);
    const char *fields[] = {seq, en->at, en->actor, en->action, en->object, en->detail,
                            en->prev_hash};
    for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
        hash_field(&h, fields[i]);
    unsigned char bin[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_final(&h, bin);
    sodium_bin2hex(out, AUDIT_HASH_HEX, bin, sizeof bin);
}
