/*
 * API token operations (core/token.h): make, list and revoke. Users manage
 * their own tokens (ACT_WORKSPACE); anyone else's need ACT_USER_MANAGE
 * (administrators, and the CLI's operator). Audited as token.add and
 * token.revoke of "token:ID"; the token itself is never logged.
 */
#ifndef R1540_APP_APP_TOKEN_H
#define R1540_APP_APP_TOKEN_H

#include "app.h"

/*
 * Makes a token for the user named: scope "read" or "write" (NULL: read),
 * expires a YYYY-MM-DD date not before today (NULL or "": never), label at
 * most TOKEN_LABEL_MAX bytes of UTF-8 without control characters (NULL: "").
 * On RC_OK, text (TOKEN_TEXT_LEN + 1 bytes) holds the token, to be shown
 * once, and *out (may be NULL) the record. RC_INPUT naming the field,
 * RC_NOTFOUND for no such user, RC_DENIED for another's tokens without
 * ACT_USER_MANAGE.
 */
rc_t app_token_add(app_t *a, const char *user, const char *scope, const char *expires,
                   const char *label, char text[TOKEN_TEXT_LEN + 1], api_token_t *out,
                   err_t *e);

/* The tokens of the user named, or of everyone when user is NULL
 * (ACT_USER_MANAGE), by id; never their hashes (NULL in the records). */
rc_t app_token_list(app_t *a, const char *user, api_token_t **out, size_t *n, err_t *e);

/* Revokes token id: its owner or an administrator. RC_NOTFOUND for no such
 * live token, or one the actor may not see. */
rc_t app_token_revoke(app_t *a, long long id, err_t *e);

#endif
