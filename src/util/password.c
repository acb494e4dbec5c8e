/*
 * Argon2id password hashing and the password policy (password.h says why
 * these costs).
 */
#include "password.h"

#include <string.h>

#include "text.h"

#define OPS crypto_pwhash_OPSLIMIT_INTERACTIVE
#define MEM crypto_pwhash_MEMLIMIT_INTERACTIVE

const char *password_problem(const char *pw)
{
    size_t n = pw ? strlen(pw) : 0;
    if (n == 0)
        return "the password is empty";
    if (n < PASSWORD_MIN)
        return "the password is too short (at least 12 bytes)";
    if (n > PASSWORD_MAX)
        return "the password is too long (at most 1024 bytes)";
    if (!text_utf8_ok(pw, n) || strpbrk(pw, "\t\r\n"))
        return "the password must be valid UTF-8 without control characters";
    return NULL;
}

bool password_ok(const char *pw) { return password_problem(pw) == NULL; }

rc_t password_hash(const char *pw, char out[crypto_pwhash_STRBYTES], err_t *e)
{
    const char *why = password_problem(pw);
    if (why)
        return err_set(e, RC_INPUT, "%s", why);
    if (crypto_pwhash_str_alg(out, pw, strlen(pw), OPS, MEM, crypto_pwhash_ALG_ARGON2ID13) != 0)
        return err_set(e, RC_FAIL, "password hashing failed: out of memory");
    return RC_OK;
}

bool password_verify(const char *hash, const char *pw)
{
    if (!hash || !pw || strlen(pw) > PASSWORD_MAX)
        return false;
    /* crypto_pwhash_str_verify reads the algorithm from the string; insisting
     * on Argon2id keeps a planted weaker hash (argon2i) from being accepted. */
    if (strncmp(hash, "$argon2id$", 10) != 0)
        return false;
    return crypto_pwhash_str_verify(hash, pw, strlen(pw)) == 0;
}

bool password_needs_rehash(const char *hash)
{
    if (!hash || strncmp(hash, "$argon2id$", 10) != 0)
        return true;
    return crypto_pwhash_str_needs_rehash(hash, OPS, MEM) != 0;
}
