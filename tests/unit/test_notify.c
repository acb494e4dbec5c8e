/*
 * Notifications' pure parts: the e-mail address rule (core/notify.c), the
 * placeholders of the texts (app/notify_text.c) and the message as it goes
 * to the SMTP server (util/smtp.c): encoded subject cut between characters,
 * short lines, CRLF, nothing a subject or body can add to the headers.
 */
#include <sodium.h>

#include "../../src/app/notify_text.h"
#include "../../src/core/notify.h"
#include "../../src/util/smtp.h"
#include "tap.h"

/* The subject's encoded words decoded and joined. */
static void subject_of(const char *wire, char *out, size_t cap)
{
    size_t n = 0;
    const char *p = strstr(wire, "\r\nSubject:");
    for (p = p ? p : ""; (p = strstr(p, "=?UTF-8?B?")) && n < cap - 1;) {
        p += 10;
        const char *end = strstr(p, "?=");
        size_t len = 0;
        if (!end || sodium_base642bin((unsigned char *)out + n, cap - 1 - n, p, (size_t)(end - p),
                                      NULL, &len, NULL, sodium_base64_VARIANT_ORIGINAL) != 0)
            break;
        n += len;
        p = end + 2;
        if (strncmp(p, "\r\n ", 3) != 0)
            break;
    }
    out[n] = 0;
}

int main(void)
{
    TAP_CHECK(notify_email_ok(""), "no address is allowed (the inbox only)");
    TAP_CHECK(notify_email_ok("poc.fra@diplomatie.gouv.fr"), "a plain address");
    TAP_CHECK(!notify_email_ok("a@b"), "a domain without a dot");
    TAP_CHECK(!notify_email_ok("a@@b.org") && !notify_email_ok("a@b@c.org"), "two @");
    TAP_CHECK(!notify_email_ok("a b@c.org") && !notify_email_ok("a@b.org\r\nBcc: x@y.org"),
              "spaces and line breaks");
    TAP_CHECK(!notify_email_ok("<a@b.org>") && !notify_email_ok("a,b@c.org") &&
                  !notify_email_ok("\"a\"@b.org"),
              "characters that would change a header");
    TAP_CHECK(!notify_email_ok("é@b.org"), "non-ASCII");
    char big[300];
    memset(big, 'a', sizeof big - 1);
    big[sizeof big - 1] = 0;
    big[100] = '@', big[200] = '.';
    TAP_CHECK(!notify_email_ok(big), "over 254 bytes");
    TAP_CHECK(notify_event_parse(notify_event_name(NE_REQUEST_ENDING)) == NE_REQUEST_ENDING &&
                  notify_event_parse("nothing") == -1,
              "event names round-trip");
    TAP_CHECK(notify_mode_parse("digest") == NM_DIGEST && notify_mode_parse("") == -1,
              "mode names");

    arena_t a = ARENA_INIT;
    TAP_STREQ(notify_fill(&a, "{state}: {number} until {date}; {other}", "France", 7,
                          "2026-12-06"),
              "France: 7 until 2026-12-06; {other}", "placeholders are filled, others kept");

    /* a subject of 40 Chinese characters (120 bytes) with a header injection */
    char subject[200];
    size_t used = 0;
    for (int i = 0; i < 40; i++)
        used += (size_t)snprintf(subject + used, sizeof subject - used, "矩");
    snprintf(subject + used, sizeof subject - used, "\r\nBcc: evil@example.org");
    smtp_message_t m = {.to = "poc@example.org", .subject = subject,
                        .body = "line one\nBcc: evil@example.org\n", .message_id = "<1@x.org>",
                        .date = 0};
    const char *wire = smtp_format(&a, "r1540@example.org", &m);
    char back[300];
    subject_of(wire, back, sizeof back);
    TAP_STREQ(back, subject, "the subject decodes to what was given");
    TAP_CHECK(!strstr(wire, "\nBcc:") && !strstr(wire, "\nbcc:"), "nothing adds a header");
    bool short_lines = true, crlf = true;
    for (const char *p = wire; *p;) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        short_lines &= len <= 78;
        crlf &= !nl || (nl > wire && nl[-1] == '\r');
        p = nl ? nl + 1 : p + len;
    }
    TAP_CHECK(short_lines, "no line over 78 characters");
    TAP_CHECK(crlf, "every line ends in CRLF");
    TAP_CHECK(strstr(wire, "Date: Thu, 01 Jan 1970 00:00:00 +0000\r\n") &&
                  strstr(wire, "Message-ID: <1@x.org>\r\n") &&
                  strstr(wire, "Content-Type: text/plain; charset=utf-8\r\n"),
              "Date, Message-ID, charset");
    TAP_CHECK(smtp_tls_parse("required") == SMTP_TLS_REQUIRED && smtp_tls_parse("yes") == -1,
              "TLS modes");
    arena_free(&a);
    return tap_done();
}
