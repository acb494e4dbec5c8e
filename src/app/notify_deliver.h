/*
 * The sender: mails the queued notifications (core/notify.h) and queues the
 * reminders of offers and requests that end soon. `r1540 serve` runs a pass
 * every minute in a thread of its own; `r1540 notify send` runs one.
 *
 * A pass claims the mails it will send (a lease in the store, so that two
 * senders never send the same row), sends each, and marks it sent at once;
 * a failure leaves the row pending with its next try backed off (1 minute,
 * doubling, at most 6 hours) and nothing is ever dropped. An account that
 * wants no mail, or gave no address, has its rows marked skipped: the inbox
 * keeps them. Digest accounts get one mail a day with all their rows, at the
 * first pass after the digest hour.
 */
#ifndef R1540_APP_NOTIFY_DELIVER_H
#define R1540_APP_NOTIFY_DELIVER_H

#include "../store/store.h"
#include "../util/smtp.h"

typedef struct {
    smtp_config_t smtp;   /* smtp.url NULL: no mail, reminders only */
    const char *base_url; /* the public address links start with, without the final / */
    int digest_hour;      /* 0..23 UTC */
    int remind_days;      /* remind this many days before an end date */
} notify_config_t;        /* owns nothing: strings from the environment */

/* Reads the settings from the environment (docs/deployment.md):
 * R1540_SMTP_URL, R1540_SMTP_USER, R1540_SMTP_PASSWORD_FILE, R1540_SMTP_TLS,
 * R1540_SMTP_CA_FILE, R1540_MAIL_FROM, R1540_PUBLIC_URL, R1540_DIGEST_HOUR.
 * Without R1540_SMTP_URL mail is off (RC_OK); with it, a missing or malformed
 * companion setting is RC_USAGE naming it. The password file is read into a. */
rc_t notify_config_env(arena_t *a, notify_config_t *c, err_t *e);

typedef struct {
    int sent;      /* mails accepted by the server (a digest counts once) */
    int notes;     /* notifications those mails carried */
    int failed;    /* mails that failed and wait for their next try */
    int skipped;   /* notifications of accounts that want no mail */
    long long reminders; /* reminders queued */
} notify_pass_t;

/* One pass at `now` (unix seconds). RC_OK even when mails failed (they are
 * counted and retried later); RC_DB when the store cannot be used. */
rc_t notify_deliver(store_t *st, const notify_config_t *c, long long now, notify_pass_t *out,
                    err_t *e);

#endif
