/*
 * API tokens' rules (token.h): scopes, liveness, the form of a token.
 */
#include "token.h"

#include <string.h>

#include "../util/secret.h"

const char *token_scope_name(token_scope_t s) { return s == TOKEN_WRITE ? "write" : "read"; }

int token_scope_parse(const char *s)
{
    if (s && strcmp(s, "read") == 0)
        return TOKEN_READ;
    if (s && strcmp(s, "write") == 0)
        return TOKEN_WRITE;
    return -1;
}

bool token_live(const api_token_t *t, const char *today)
{
    return !*t->revoked && (!*t->expires || strcmp(today, t->expires) <= 0);
}

bool token_syntax_ok(const char *s)
{
    return s && strncmp(s, TOKEN_PREFIX, 6) == 0 && secret_hex_ok(s + 6);
}
