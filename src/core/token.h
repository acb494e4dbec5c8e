/*
 * API tokens: what a program presents (Authorization: Bearer) instead of a
 * password and a session cookie. A token acts as its user (their role and
 * state apply, and a disabled user's tokens do nothing), limited by its
 * scope: read tokens cannot change anything. Only a hash of the token is
 * stored; the token itself is shown once, when it is made.
 */
#ifndef R1540_CORE_TOKEN_H
#define R1540_CORE_TOKEN_H

#include <stdbool.h>

#include "../util/secret.h"

typedef enum { TOKEN_READ, TOKEN_WRITE } token_scope_t;

#define TOKEN_PREFIX "r1540_"            /* so that secret scanners can find leaked ones */
#define TOKEN_TEXT_LEN (6 + SECRET_HEX_LEN) /* the prefix and 32 random bytes in hex */
#define TOKEN_LABEL_MAX 100              /* bytes of a token's label */

typedef struct {
    long long id;         /* store row id: named in the audit log, never secret */
    long long user_id;
    char *user_name;      /* the user's name (read with the token) */
    token_scope_t scope;
    char *label;          /* what the owner called it; "" if nothing */
    char *token_hash;     /* hex SHA-256 of the token */
    char *created;        /* YYYY-MM-DD */
    char *expires;        /* YYYY-MM-DD: valid through that day (UTC); "" never */
    char *revoked;        /* YYYY-MM-DD it was revoked; "" if live */
} api_token_t; /* strings arena-owned */

/* "read" or "write". */
const char *token_scope_name(token_scope_t s);
/* The scope named s, or -1. */
int token_scope_parse(const char *s);
/* True if the token may be used on `today` (YYYY-MM-DD): not revoked, not expired. */
bool token_live(const api_token_t *t, const char *today);
/* True if s has the form of a token (TOKEN_PREFIX and 64 lowercase hex digits). */
bool token_syntax_ok(const char *s);

#endif
