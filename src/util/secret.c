/*
 * Random secrets and their stored form (secret.h), on libsodium: its
 * randombytes for the secret, crypto_hash_sha256 for the hash and
 * sodium_bin2hex for the lowercase hex (constant time in the data).
 */
#include "secret.h"

#include <sodium.h>
#include <string.h>

/* a hash is written in the same 64 digits as a secret */
_Static_assert(2 * crypto_hash_sha256_BYTES == SECRET_HEX_LEN, "SHA-256 is 32 bytes");

void secret_random_hex(char out[SECRET_HEX_LEN + 1])
{
    unsigned char raw[SECRET_BYTES];
    randombytes_buf(raw, sizeof raw);
    sodium_bin2hex(out, SECRET_HEX_LEN + 1, raw, sizeof raw);
    sodium_memzero(raw, sizeof raw);
}

void secret_sha256_hex(const char *text, size_t n, char out[SECRET_HEX_LEN + 1])
{
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, (const unsigned char *)text, n);
    sodium_bin2hex(out, SECRET_HEX_LEN + 1, h, sizeof h);
}

bool secret_hex_ok(const char *s)
{
    /* strnlen: text from outside may be long; nothing past the limit is read */
    return s && strnlen(s, SECRET_HEX_LEN + 1) == SECRET_HEX_LEN &&
           strspn(s, "0123456789abcdef") == SECRET_HEX_LEN;
}
