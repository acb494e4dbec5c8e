/*
 * Random secrets and their stored form (util/secret.c): the SHA-256 against
 * the test vectors of FIPS 180-2 (appendix B), the length and alphabet of a
 * new secret, and the syntax check that guards every lookup by a secret.
 */
#include <sodium.h>

#include "../../src/util/secret.h"
#include "tap.h"

static bool all_lower_hex(const char *s, size_t n)
{
    return strlen(s) == n && strspn(s, "0123456789abcdef") == n;
}

static void sha256_vectors(void)
{
    char h[SECRET_HEX_LEN + 1];
    secret_sha256_hex("", 0, h);
    TAP_STREQ(h, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
              "SHA-256 of the empty string");
    secret_sha256_hex("abc", 3, h);
    TAP_STREQ(h, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
              "SHA-256 of abc (FIPS 180-2 B.1)");
    const char *two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    secret_sha256_hex(two, strlen(two), h);
    TAP_STREQ(h, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
              "SHA-256 of the 448-bit message (FIPS 180-2 B.2)");
    secret_sha256_hex("abcdef", 3, h);
    TAP_STREQ(h, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
              "only the n bytes given are hashed");
    TAP_CHECK(all_lower_hex(h, SECRET_HEX_LEN), "a hash is 64 lowercase hex digits");
}

static void random_secrets(void)
{
    char a[SECRET_HEX_LEN + 1], b[SECRET_HEX_LEN + 1];
    memset(a, 'X', sizeof a);
    secret_random_hex(a);
    secret_random_hex(b);
    TAP_CHECK(all_lower_hex(a, SECRET_HEX_LEN), "a secret is 64 lowercase hex digits");
    TAP_CHECK(all_lower_hex(b, SECRET_HEX_LEN), "so is the next one");
    TAP_CHECK(strcmp(a, b) != 0, "two secrets differ");
    TAP_CHECK(secret_hex_ok(a), "a new secret passes the syntax check");
    char h[SECRET_HEX_LEN + 1];
    secret_sha256_hex(a, SECRET_HEX_LEN, h);
    TAP_CHECK(strcmp(h, a) != 0 && secret_hex_ok(h), "its hash is another secret-shaped text");
}

static void syntax(void)
{
    char s[SECRET_HEX_LEN + 2];
    memset(s, 'a', SECRET_HEX_LEN);
    s[SECRET_HEX_LEN] = '\0';
    TAP_CHECK(secret_hex_ok(s), "64 hex digits: ok");
    s[10] = 'A';
    TAP_CHECK(!secret_hex_ok(s), "a capital hex digit: refused");
    s[10] = 'g';
    TAP_CHECK(!secret_hex_ok(s), "a letter past f: refused");
    s[10] = ' ';
    TAP_CHECK(!secret_hex_ok(s), "a space: refused");
    s[10] = 'a';
    s[SECRET_HEX_LEN - 1] = '\0';
    TAP_CHECK(!secret_hex_ok(s), "63 digits: refused");
    s[SECRET_HEX_LEN - 1] = 'a';
    s[SECRET_HEX_LEN] = '0';
    s[SECRET_HEX_LEN + 1] = '\0';
    TAP_CHECK(!secret_hex_ok(s), "65 digits: refused");
    TAP_CHECK(!secret_hex_ok(""), "empty: refused");
    TAP_CHECK(!secret_hex_ok(NULL), "NULL: refused");
}

int main(void)
{
    if (sodium_init() < 0) {
        printf("not ok 1 - libsodium did not start\n");
        return 1;
    }
    sha256_vectors();
    random_secrets();
    syntax();
    return tap_done();
}
