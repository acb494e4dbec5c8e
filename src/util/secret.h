/*
 * Random secrets and their stored form. Session cookies, sign-in form
 * tokens, password-reset links and API tokens are all 32 random bytes
 * (libsodium's randombytes) written as 64 lowercase hex digits, and the store
 * keeps only the hex SHA-256 of what is handed out. A 256-bit random secret
 * cannot be guessed from a dictionary, so a fast hash is enough (app_token.c
 * says more); the lookup is by the hash, so a secret is never compared in C.
 * One place for these so that the four users cannot drift apart in length,
 * alphabet or hash.
 */
#ifndef R1540_UTIL_SECRET_H
#define R1540_UTIL_SECRET_H

#include <stdbool.h>
#include <stddef.h>

#define SECRET_BYTES 32                   /* random bytes in a secret */
#define SECRET_HEX_LEN (2 * SECRET_BYTES) /* its length in hex digits; also a SHA-256's */

/* Writes a new secret, SECRET_HEX_LEN lowercase hex digits and a NUL, to out.
 * Cannot fail (libsodium's generator aborts rather than return weak bytes);
 * the raw bytes are wiped before returning. */
void secret_random_hex(char out[SECRET_HEX_LEN + 1]);

/* Writes the SHA-256 of the n bytes at text, as SECRET_HEX_LEN lowercase hex
 * digits and a NUL, to out: the form in which the store keeps a secret. */
void secret_sha256_hex(const char *text, size_t n, char out[SECRET_HEX_LEN + 1]);

/* True if s is exactly SECRET_HEX_LEN lowercase hex digits: the form of a
 * secret made by secret_random_hex. A caller checks this before hashing text
 * from outside, so that nothing is looked up for malformed input. NULL: false. */
bool secret_hex_ok(const char *s);

#endif
