/*
 * The sender's pass (notify_deliver.h): reminders, then the claim of what is
 * due, then the mails, each marked as soon as the server answers.
 */
#include "notify_deliver.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/buf.h"
#include "../util/date.h"
#include "../util/file.h"
#include "../util/i18n.h"
#include "notify_text.h"

#define OUTBOX_BATCH 500
#define CLAIM_SECONDS 600 /* longer than any one SMTP exchange (timeout 60 s) */
#define BACKOFF_FIRST 60
#define BACKOFF_MAX (6 * 3600)

rc_t notify_config_env(arena_t *a, notify_config_t *c, err_t *e)
{
    memset(c, 0, sizeof *c);
    c->digest_hour = 7;
    c->remind_days = 7;
    c->smtp.timeout_s = 60;
    c->smtp.tls = SMTP_TLS_REQUIRED;
    const char *url = getenv("R1540_SMTP_URL");
    if (!url || !*url)
        return RC_OK;
    if (strncmp(url, "smtp://", 7) != 0 && strncmp(url, "smtps://", 8) != 0)
        return err_set(e, RC_USAGE, "R1540_SMTP_URL must start with smtp:// or smtps://");
    c->smtp.url = url;
    const char *tls = getenv("R1540_SMTP_TLS");
    if (tls && *tls && (int)(c->smtp.tls = (smtp_tls_t)smtp_tls_parse(tls)) < 0)
        return err_set(e, RC_USAGE, "R1540_SMTP_TLS must be none, try or required");
    c->smtp.user = getenv("R1540_SMTP_USER");
    c->smtp.ca_file = getenv("R1540_SMTP_CA_FILE");
    const char *pw = getenv("R1540_SMTP_PASSWORD_FILE");
    if (pw && *pw) {
        char *text;
        size_t len;
        if (file_read_all(pw, 4096, a, &text, &len, e) != RC_OK)
            return err_set(e, RC_USAGE, "R1540_SMTP_PASSWORD_FILE: %s cannot be read", pw);
        while (len && (text[len - 1] == '\n' || text[len - 1] == '\r'))
            text[--len] = 0;
        c->smtp.password = text;
    }
    c->smtp.from = getenv("R1540_MAIL_FROM");
    if (!c->smtp.from || !*c->smtp.from || !notify_email_ok(c->smtp.from))
        return err_set(e, RC_USAGE, "R1540_MAIL_FROM must be the sender's e-mail address");
    c->base_url = getenv("R1540_PUBLIC_URL");
    if (!c->base_url || (strncmp(c->base_url, "https://", 8) != 0 &&
                         strncmp(c->base_url, "http://", 7) != 0))
        return err_set(e, RC_USAGE,
                       "R1540_PUBLIC_URL must be the site's public address (https://...)");
    const char *hour = getenv("R1540_DIGEST_HOUR");
    if (hour && *hour) {
        char *end;
        long h = strtol(hour, &end, 10);
        if (*end || h < 0 || h > 23)
            return err_set(e, RC_USAGE, "R1540_DIGEST_HOUR must be an hour, 0 to 23 (UTC)");
        c->digest_hour = (int)h;
    }
    return RC_OK;
}

/* The day's digest time (unix seconds, UTC) on the day of now. */
static long long digest_time(const notify_config_t *c, long long now)
{
    return now - now % 86400 + (long long)c->digest_hour * 3600;
}

/* Whether the account's digest is due: past today's digest hour and none
 * sent since then. */
static bool digest_due(const notify_config_t *c, const notification_t *n, long long now)
{
    long long t = digest_time(c, now);
    return now >= t && n->last_digest < t;
}

static rc_t remind(store_t *st, const notify_config_t *c, long long now, long long *queued,
                   err_t *e)
{
    char from[11], until[11];
    long today = now / 86400;
    date_from_days(today, from);
    date_from_days(today + c->remind_days, until);
    rc_t rc = store_begin(st, e);
    if (rc == RC_OK)
        rc = store_notify_ending(st, from, until, now, queued, e);
    if (rc == RC_OK)
        rc = store_commit(st, e);
    else
        store_rollback(st);
    return rc;
}

/* What a pass sends: one mail of one or more notifications to one account. */
typedef struct {
    notification_t *n; /* the first; the mail's rows are n[0..count) */
    size_t count;
    bool digest;
} mail_t;

/* Claims what is due: rows of accounts without mail are marked skipped,
 * immediate rows become one mail each, the rows of a due digest one mail. */
static rc_t claim(store_t *st, const notify_config_t *c, long long now, arena_t *a, mail_t **mails,
                  size_t *nmails, notify_pass_t *out, err_t *e)
{
    notification_t *n;
    size_t count;
    *nmails = 0;
    rc_t rc = store_begin(st, e);
    if (rc == RC_OK)
        rc = store_notify_outbox(st, now, OUTBOX_BATCH, a, &n, &count, e);
    *mails = arena_alloc(a, (count ? count : 1) * sizeof **mails);
    for (size_t i = 0; rc == RC_OK && i < count;) {
        size_t j = i + 1; /* the account's rows are n[i..j) */
        while (j < count && n[j].user_id == n[i].user_id)
            j++;
        bool none = !*n[i].email || n[i].mode == NM_NEVER;
        bool digest = n[i].mode == NM_DIGEST;
        if (digest && !digest_due(c, &n[i], now)) {
            i = j;
            continue;
        }
        size_t kept = i;
        for (size_t k = i; rc == RC_OK && k < j; k++) {
            bool got = false;
            if (none) {
                rc = store_notify_mailed(st, n[k].id, now, true, e);
                out->skipped += rc == RC_OK;
                continue;
            }
            rc = store_notify_claim(st, n[k].id, now, now + CLAIM_SECONDS, &got, e);
            if (rc == RC_OK && got)
                n[kept++] = n[k];
        }
        for (size_t k = i; !none && !digest && k < kept; k++)
            (*mails)[(*nmails)++] = (mail_t){&n[k], 1, false};
        if (!none && digest && kept > i)
            (*mails)[(*nmails)++] = (mail_t){&n[i], kept - i, true};
        i = j;
    }
    if (rc == RC_OK)
        return store_commit(st, e);
    store_rollback(st);
    return rc;
}

/* The mail's subject, text and Message-ID in the recipient's language. */
static void compose(store_t *st, const notify_config_t *c, const mail_t *m, arena_t *a,
                    smtp_message_t *msg)
{
    int l = lang_parse(m->n[0].lang);
    lang_t lang = l < 0 ? LANG_EN : (lang_t)l;
    buf_t body;
    buf_init(&body, 0);
    const char *title, *text;
    if (m->digest) {
        msg->subject = i18n_tr(lang, "Your r1540 notifications of the day");
        buf_printf(&body, "%s\n\n", i18n_tr(lang, "What happened in r1540 since your last digest:"));
    }
    for (size_t i = 0; i < m->count; i++) {
        const notification_t *n = &m->n[i];
        notify_text(st, a, lang, n, &title, &text);
        if (!m->digest)
            msg->subject = title;
        buf_printf(&body, "%s%s\n%s\n%s %s/%s/%s\n\n", m->digest ? "* " : "", title, text,
                   i18n_tr(lang, "Open:"), c->base_url, lang_code(lang), n->link);
    }
    buf_printf(&body, "-- \n%s %s/%s/inbox/settings\n",
               i18n_tr(lang, "You receive this mail because of your notification settings:"),
               c->base_url, lang_code(lang));
    msg->to = m->n[0].email;
    msg->body = arena_strdup(a, buf_str(&body));
    buf_free(&body);
    const char *at = strchr(c->smtp.from, '@');
    msg->message_id = m->digest ? arena_printf(a, "<r1540.digest.%lld.%lld@%s>", m->n[0].user_id,
                                               m->n[0].id, at + 1)
                                : arena_printf(a, "<r1540.notification.%lld@%s>", m->n[0].id,
                                               at + 1);
}

/* Marks the mail's rows sent, or their next try, in one transaction. */
static rc_t record(store_t *st, const mail_t *m, long long now, const char *why, err_t *e)
{
    rc_t rc = store_begin(st, e);
    for (size_t i = 0; rc == RC_OK && i < m->count; i++) {
        long long wait = BACKOFF_FIRST << (m->n[i].attempts < 12 ? m->n[i].attempts : 12);
        rc = why ? store_notify_retry(st, m->n[i].id, now + (wait < BACKOFF_MAX ? wait : BACKOFF_MAX),
                                      why, e)
                 : store_notify_mailed(st, m->n[i].id, now, false, e);
    }
    if (rc == RC_OK && !why && m->digest)
        rc = store_notify_digested(st, m->n[0].user_id, now, e);
    if (rc == RC_OK)
        return store_commit(st, e);
    store_rollback(st);
    return rc;
}

rc_t notify_deliver(store_t *st, const notify_config_t *c, long long now, notify_pass_t *out,
                    err_t *e)
{
    memset(out, 0, sizeof *out);
    rc_t rc = remind(st, c, now, &out->reminders, e);
    if (rc != RC_OK || !c->smtp.url)
        return rc;
    arena_t a = ARENA_INIT;
    mail_t *mails;
    size_t n;
    rc = claim(st, c, now, &a, &mails, &n, out, e);
    for (size_t i = 0; rc == RC_OK && i < n; i++) {
        smtp_message_t msg = {.date = now};
        compose(st, c, &mails[i], &a, &msg);
        err_t why = {0};
        bool ok = smtp_send(&c->smtp, &msg, &why) == RC_OK;
        rc = record(st, &mails[i], now, ok ? NULL : why.msg, e);
        if (ok) {
            out->sent++;
            out->notes += (int)mails[i].count;
        } else {
            out->failed++;
        }
    }
    arena_free(&a);
    return rc;
}
