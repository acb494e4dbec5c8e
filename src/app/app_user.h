/*
 * User operations: the accounts that sign in (add, new password, disable,
 * enable). ACT_USER_MANAGE for every one. Passwords arrive in clear text, are
 * checked (password_problem) and hashed with Argon2id before the transaction
 * opens, and are never stored or logged in clear.
 */
#ifndef R1540_APP_APP_USER_H
#define R1540_APP_APP_USER_H

#include "app.h"

/* A new account as given. */
typedef struct {
    const char *name;     /* 1..64 of A-Z a-z 0-9 . _ @ - */
    const char *role;     /* admin, committee, expert, poc, provider */
    const char *state;    /* a point of contact's state (any code); NULL or "" otherwise */
    const char *org;      /* a provider's organization code; NULL or "" otherwise */
    const char *password; /* clear text: 12..1024 bytes of UTF-8 */
} app_user_in_t;

/*
 * Adds an account. RC_INPUT for a bad name, role, state/org combination or
 * password, and for a name already taken (the message says which; *taken, if
 * not NULL, says it was that, so the web can answer 409 without reading the
 * message); RC_NOTFOUND for an unknown state. On RC_OK *out (may be NULL) is
 * the new user, without its password hash. Audited as user.add of "user:NAME"
 * with role, state, org.
 */
rc_t app_user_add(app_t *a, const app_user_in_t *in, user_t *out, bool *taken, err_t *e);

/* Sets a new password for the user named and ends the user's sessions.
 * RC_NOTFOUND for no such user, RC_INPUT for a bad password. */
rc_t app_user_passwd(app_t *a, const char *name, const char *password, err_t *e);

/*
 * Disables (disable true) or enables a user; disabling ends the user's
 * sessions. RC_NOTFOUND for no such user; RC_REFUSED for an actor disabling
 * their own account (no administrator locks themselves out). On RC_OK *out
 * (may be NULL) is the user after the change.
 */
rc_t app_user_set_disabled(app_t *a, const char *name, bool disable, user_t *out, err_t *e);

#endif
