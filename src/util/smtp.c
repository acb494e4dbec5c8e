/*
 * One e-mail through libcurl's SMTP (smtp.h). libcurl speaks the protocol,
 * STARTTLS and the certificate checks; this file writes the message itself:
 * headers an MUA reads in any language (RFC 2047 encoded words for the
 * subject, UTF-8 base64 for the body) and a Message-ID the caller keeps the
 * same across retries, so that a receiving server that saw a mail once can
 * tell a second copy.
 */
#include "smtp.h"

#include <curl/curl.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "buf.h"

int smtp_tls_parse(const char *s)
{
    static const char *const names[] = {"none", "try", "required"};
    for (int i = 0; s && i < 3; i++)
        if (strcmp(s, names[i]) == 0)
            return i;
    return -1;
}

/* Base64 of n bytes of p into b, in lines of 76 characters. */
static void put_base64_lines(buf_t *b, const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i += 57) {
        size_t k = n - i < 57 ? n - i : 57;
        char line[80];
        sodium_bin2base64(line, sizeof line, p + i, k, sodium_base64_VARIANT_ORIGINAL);
        buf_puts(b, line);
        buf_puts(b, "\r\n");
    }
}

/* The subject as RFC 2047 encoded words of at most 39 bytes each, cut only
 * between UTF-8 characters, folded onto continuation lines (39 bytes: 52
 * characters of base64, so that "Subject: " and the word fit in 78). */
static void put_subject(buf_t *b, const char *s)
{
    size_t n = strlen(s);
    buf_puts(b, "Subject:");
    for (size_t i = 0; i < n;) {
        size_t k = n - i < 39 ? n - i : 39;
        while (i + k < n && ((unsigned char)s[i + k] & 0xc0) == 0x80)
            k--; /* never split a character */
        char word[80];
        sodium_bin2base64(word, sizeof word, (const unsigned char *)s + i, k,
                          sodium_base64_VARIANT_ORIGINAL);
        buf_printf(b, "%s=?UTF-8?B?%s?=\r\n", i ? " " : " ", word);
        i += k;
    }
    if (n == 0)
        buf_puts(b, "\r\n");
}

const char *smtp_format(arena_t *a, const char *from, const smtp_message_t *m)
{
    buf_t b;
    buf_init(&b, 0);
    char date[64];
    struct tm tm;
    time_t t = (time_t)m->date;
    gmtime_r(&t, &tm);
    strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", &tm);
    buf_printf(&b, "Date: %s\r\nFrom: r1540 <%s>\r\nTo: <%s>\r\nMessage-ID: %s\r\n", date, from,
               m->to, m->message_id);
    put_subject(&b, m->subject);
    buf_puts(&b, "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
                 "Content-Transfer-Encoding: base64\r\nAuto-Submitted: auto-generated\r\n\r\n");
    /* the body's lines end in CRLF on the wire, as RFC 5322 wants */
    buf_t body;
    buf_init(&body, 0);
    for (const char *p = m->body; *p; p++) {
        if (*p == '\n')
            buf_putc(&body, '\r');
        buf_putc(&body, *p);
    }
    put_base64_lines(&b, (const unsigned char *)body.data, body.len);
    buf_free(&body);
    const char *out = arena_strdup(a, buf_str(&b));
    buf_free(&b);
    return out;
}

/* libcurl reads the message from here. */
typedef struct {
    const char *p;
    size_t left;
} reader_t;

static size_t read_cb(char *dst, size_t size, size_t nitems, void *userp)
{
    reader_t *r = userp;
    size_t n = size * nitems < r->left ? size * nitems : r->left;
    memcpy(dst, r->p, n);
    r->p += n;
    r->left -= n;
    return n;
}

rc_t smtp_send(const smtp_config_t *c, const smtp_message_t *m, err_t *e)
{
    arena_t a = ARENA_INIT;
    const char *text = smtp_format(&a, c->from, m);
    reader_t r = {text, strlen(text)};
    char from[300], to[300], why[CURL_ERROR_SIZE] = "";
    snprintf(from, sizeof from, "<%s>", c->from);
    snprintf(to, sizeof to, "<%s>", m->to);
    CURL *curl = curl_easy_init();
    struct curl_slist *rcpt = curl_slist_append(NULL, to);
    rc_t rc = RC_OK;
    if (!curl || !rcpt) {
        rc = err_set(e, RC_FAIL, "smtp: libcurl could not start");
    } else {
        curl_easy_setopt(curl, CURLOPT_URL, c->url);
        curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from);
        curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, rcpt);
        curl_easy_setopt(curl, CURLOPT_READFUNCTION, read_cb);
        curl_easy_setopt(curl, CURLOPT_READDATA, &r);
        curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
        curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, why);
        curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L); /* called from a thread of serve */
        curl_easy_setopt(curl, CURLOPT_TIMEOUT, c->timeout_s > 0 ? c->timeout_s : 60L);
        curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 15L);
        curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
        curl_easy_setopt(curl, CURLOPT_USE_SSL, c->tls == SMTP_TLS_REQUIRED ? (long)CURLUSESSL_ALL
                                                : c->tls == SMTP_TLS_TRY ? (long)CURLUSESSL_TRY
                                                                         : (long)CURLUSESSL_NONE);
        if (c->ca_file && *c->ca_file)
            curl_easy_setopt(curl, CURLOPT_CAINFO, c->ca_file);
        if (c->user && *c->user) {
            curl_easy_setopt(curl, CURLOPT_USERNAME, c->user);
            curl_easy_setopt(curl, CURLOPT_PASSWORD, c->password ? c->password : "");
        }
        CURLcode res = curl_easy_perform(curl);
        if (res != CURLE_OK)
            rc = err_set(e, RC_FAIL, "smtp: %s", *why ? why : curl_easy_strerror(res));
    }
    curl_slist_free_all(rcpt);
    curl_easy_cleanup(curl);
    arena_free(&a);
    return rc;
}
