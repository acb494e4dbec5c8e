/*
 * The sign-in throttle. Every attempt is recorded with the account name and
 * the real client address (client_addr.h), and counted three ways over the
 * last SIGNIN_WINDOW seconds:
 *
 *   the name from that address   SIGNIN_FREE_PAIR failures free
 *   the address, any name        SIGNIN_FREE_ADDRESS free (one client guessing many names)
 *   the name, any address        SIGNIN_FREE_NAME free (many clients guessing one name)
 *
 * Past its free failures a key must wait SIGNIN_BACKOFF seconds after its
 * latest failure, doubled with each further failure, up to SIGNIN_WINDOW. So
 * failures from one client never lock the account for another (the pair and
 * the address are the client's own; the name's limit is out of any single
 * client's reach, since its address stops it first).
 *
 * The check and the record are one write transaction, taken before the
 * password is checked: an attempt counts while it is pending, so parallel
 * guesses see each other and cannot get past the limit together. A refused
 * attempt writes nothing. Attempts older than SIGNIN_KEEP are purged as new
 * ones come. The failure that starts a lockout appends one audit entry
 * (signin.lockout); the failures themselves are listed for administrators
 * (the users page, `r1540 user signins`), who can lift a lockout.
 */
#ifndef R1540_WEB_SIGNIN_H
#define R1540_WEB_SIGNIN_H

#include <stdbool.h>

#include "../store/store.h"

#define SIGNIN_WINDOW (15 * 60)
#define SIGNIN_FREE_PAIR 5
#define SIGNIN_FREE_ADDRESS 20
#define SIGNIN_FREE_NAME 100
#define SIGNIN_BACKOFF 60
#define SIGNIN_KEEP (30 * 24 * 60 * 60)

typedef struct {
    long long id;   /* the pending attempt */
    long long wait; /* > 0: refused, seconds still to wait; nothing was written */
    int locks;      /* which keys this attempt locks if it fails (SIGNIN_LOCKS_*) */
    int counted_name; /* failures of the name from every address, this one included */
} signin_t;

enum { SIGNIN_LOCKS_PAIR = 1, SIGNIN_LOCKS_ADDRESS = 2, SIGNIN_LOCKS_NAME = 4 };

/* Before the password is checked: in one write transaction, purges old
 * attempts, counts, and either refuses (s->wait > 0) or records a pending
 * attempt (s->id). Fails only when the store does (nothing written). */
rc_t signin_begin(store_t *st, const char *name, const char *address, long long now,
                  signin_t *s, err_t *e);
/* After it: a failure marks the attempt failed and, when it starts a lockout,
 * appends one audit entry per key it locks; a success deletes it and lifts the
 * earlier failures of the name from that address. One transaction. */
rc_t signin_end(store_t *st, const signin_t *s, const char *name, const char *address,
                bool succeeded, err_t *e);
/* The seconds a key that counted n failures, the latest at `last`, must still
 * wait at `now` when free failures are allowed; 0 if none. */
long long signin_wait(int n, int free, long long last, long long now);

#endif
