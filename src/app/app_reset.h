/*
 * Password resets on the web: an administrator issues a one-time link for a
 * user who lost the password (shown once, to the administrator, to pass on);
 * the user opens it and sets a new password. The link's token is 32 random
 * bytes; only its SHA-256 is stored. It expires after APP_RESET_TTL seconds,
 * works once, and a newer link replaces the older ones. Setting the password
 * ends all of the user's sessions. Both steps are audited (user.reset-issue,
 * user.reset-password; never the token).
 */
#ifndef R1540_APP_APP_RESET_H
#define R1540_APP_APP_RESET_H

#include "../util/secret.h"
#include "app.h"

#define APP_RESET_TTL (24 * 60 * 60)
#define APP_RESET_TOKEN_LEN SECRET_HEX_LEN /* hex digits */

/* Issues a reset for the user named, at unix time now; token (65 bytes) gets
 * the link's token. ACT_USER_MANAGE; RC_NOTFOUND for no such user; RC_REFUSED
 * for a disabled user (enable the account first). */
rc_t app_reset_issue(app_t *a, const char *name, long long now, char *token, err_t *e);

/* Whether token is a reset usable at now: RC_OK with the user's name in
 * *name (a's arena); RC_NOTFOUND for a malformed or unknown token, RC_REFUSED
 * for a used or expired one (messages in a->lang). Reads only. */
rc_t app_reset_check(app_t *a, const char *token, long long now, const char **name, err_t *e);

/* Sets the new password through the reset token: checks it as
 * app_reset_check does, in the transaction, then the password (RC_INPUT,
 * field "password"); marks the reset used and ends the user's sessions. The
 * audit's actor is "web:NAME (reset link)". */
rc_t app_reset_use(app_t *a, const char *token, const char *password, long long now,
                   const char **name, err_t *e);

#endif
