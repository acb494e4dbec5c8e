/*
 * Password hashing with libsodium's Argon2id (crypto_pwhash_str), and the
 * password policy. A stored hash is the self-describing "$argon2id$v=19$m=..."
 * string, so the cost can be raised later: password_needs_rehash() tells the
 * sign-in code to re-hash a password with today's cost once it has verified it.
 *
 * Cost: OPSLIMIT_INTERACTIVE / MEMLIMIT_INTERACTIVE (2 passes over 64 MiB,
 * about 0.1 s on one core). libsodium recommends them for online sign-in; the
 * MODERATE and SENSITIVE limits (256 MiB / 1 GiB per attempt) would let a few
 * concurrent sign-ins exhaust a small server's memory, which is its own
 * denial of service, and the sign-in throttling (web/signin.c) already caps
 * online guessing. An attacker with a stolen database still pays 64 MiB and
 * two passes per guess.
 */
#ifndef R1540_UTIL_PASSWORD_H
#define R1540_UTIL_PASSWORD_H

#include <sodium.h>
#include <stdbool.h>

#include "err.h"

#define PASSWORD_MIN 12   /* bytes */
#define PASSWORD_MAX 1024 /* bytes: hashing cost must not grow with the input */

/* Hashes pw into out (NUL-terminated). RC_INPUT if pw breaks the policy,
 * RC_FAIL if libsodium cannot get the memory. Never puts pw in a message. */
rc_t password_hash(const char *pw, char out[crypto_pwhash_STRBYTES], err_t *e);
/* True if pw matches hash (in time that does not depend on where they differ).
 * False for a malformed hash. */
bool password_verify(const char *hash, const char *pw);
/* True if pw meets the policy: 12..1024 bytes of valid UTF-8 without control characters. */
bool password_ok(const char *pw);
/* Why pw breaks the policy, or NULL if it does not; the text never quotes pw. */
const char *password_problem(const char *pw);
/* True if hash was made with another algorithm or cost than password_hash uses today. */
bool password_needs_rehash(const char *hash);

#endif
