/*
 * The sign-in throttle (see signin.h for the rules).
 */
#include "signin.h"

#include <stdio.h>

#include "../store/audit_log.h"

long long signin_wait(int n, int free, long long last, long long now)
{
    if (n < free)
        return 0;
    int k = n - free > 10 ? 10 : n - free;
    long long wait = (long long)SIGNIN_BACKOFF << k;
    if (wait > SIGNIN_WINDOW)
        wait = SIGNIN_WINDOW;
    return last + wait > now ? last + wait - now : 0;
}

static long long max3(long long a, long long b, long long c)
{
    long long m = a > b ? a : b;
    return m > c ? m : c;
}

rc_t signin_begin(store_t *st, const char *name, const char *address, long long now,
                  signin_t *s, err_t *e)
{
    *s = (signin_t){0};
    signin_counts_t c;
    rc_t rc = store_begin(st, e);
    if (rc == RC_OK)
        rc = store_signin_purge(st, now - SIGNIN_KEEP, e);
    if (rc == RC_OK)
        rc = store_signin_counts(st, name, address, now - SIGNIN_WINDOW, &c, e);
    if (rc != RC_OK) {
        store_rollback(st);
        return rc;
    }
    s->wait = max3(signin_wait(c.pair, SIGNIN_FREE_PAIR, c.pair_last, now),
                   signin_wait(c.address, SIGNIN_FREE_ADDRESS, c.address_last, now),
                   signin_wait(c.name, SIGNIN_FREE_NAME, c.name_last, now));
    if (s->wait > 0) {
        store_rollback(st); /* the purge can wait for an attempt that is let in */
        return RC_OK;
    }
    s->locks = (c.pair + 1 == SIGNIN_FREE_PAIR ? SIGNIN_LOCKS_PAIR : 0) |
               (c.address + 1 == SIGNIN_FREE_ADDRESS ? SIGNIN_LOCKS_ADDRESS : 0) |
               (c.name + 1 == SIGNIN_FREE_NAME ? SIGNIN_LOCKS_NAME : 0);
    s->counted_name = c.name + 1;
    signin_attempt_t a = {.name = (char *)name, .address = (char *)address, .at = now,
                          .outcome = "pending"};
    rc = store_signin_add(st, &a, e);
    if (rc == RC_OK)
        rc = store_commit(st, e);
    if (rc != RC_OK) {
        store_rollback(st);
        return rc;
    }
    s->id = a.id;
    return RC_OK;
}

/* One audit entry per key this failure locks: the summary of the failures
 * that led to it, not an entry per failure. */
static rc_t audit_lockouts(store_t *st, const signin_t *s, const char *name, const char *address,
                           err_t *e)
{
    char object[96], detail[256];
    rc_t rc = RC_OK;
    if (s->locks & SIGNIN_LOCKS_PAIR) {
        snprintf(object, sizeof object, "user:%s", name);
        snprintf(detail, sizeof detail, "%d failed sign-ins from %s in %d minutes",
                 SIGNIN_FREE_PAIR, address, SIGNIN_WINDOW / 60);
        rc = audit_append(st, "web:-", "signin.lockout", object, detail, e);
    }
    if (rc == RC_OK && (s->locks & SIGNIN_LOCKS_ADDRESS)) {
        snprintf(object, sizeof object, "address:%s", address);
        snprintf(detail, sizeof detail, "%d failed sign-ins from this address in %d minutes",
                 SIGNIN_FREE_ADDRESS, SIGNIN_WINDOW / 60);
        rc = audit_append(st, "web:-", "signin.lockout", object, detail, e);
    }
    if (rc == RC_OK && (s->locks & SIGNIN_LOCKS_NAME)) {
        snprintf(object, sizeof object, "user:%s", name);
        snprintf(detail, sizeof detail, "%d failed sign-ins from all addresses in %d minutes",
                 s->counted_name, SIGNIN_WINDOW / 60);
        rc = audit_append(st, "web:-", "signin.lockout", object, detail, e);
    }
    return rc;
}

rc_t signin_end(store_t *st, const signin_t *s, const char *name, const char *address,
                bool succeeded, err_t *e)
{
    rc_t rc = store_begin(st, e);
    if (rc == RC_OK)
        rc = store_signin_finish(st, s->id, succeeded, e);
    if (rc == RC_OK && !succeeded)
        rc = audit_lockouts(st, s, name, address, e);
    if (rc == RC_OK)
        rc = store_commit(st, e);
    if (rc != RC_OK)
        store_rollback(st);
    return rc;
}
