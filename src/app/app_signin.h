/*
 * Sign-in lockouts: an administrator lifts the failed sign-ins that hold a
 * user, an address or both (ACT_USER_MANAGE), from the web's "Failed
 * sign-ins" page or `r1540 user unlock`.
 */
#ifndef R1540_APP_APP_SIGNIN_H
#define R1540_APP_APP_SIGNIN_H

#include "app.h"

/*
 * Marks lifted the failed sign-ins of the user named (from every address),
 * of the address (an IP address as client_address_normal writes it, any
 * user), or of both together; NULL for either means any. RC_INPUT when both
 * are NULL or the name is malformed. On RC_OK *lifted is how many were
 * lifted (0 is no error: there was nothing to lift). Audited as signin.lift
 * of "user:NAME address:ADDR".
 */
rc_t app_signin_lift(app_t *a, const char *name, const char *address, int *lifted, err_t *e);

#endif
