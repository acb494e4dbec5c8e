/*
 * Sending one e-mail through an SMTP server with libcurl: plain SMTP,
 * STARTTLS (required or opportunistic) or implicit TLS (smtps://), with
 * optional authentication, and the message (headers and body) built here
 * as UTF-8 text in base64 so that no line is too long for any server.
 */
#ifndef R1540_UTIL_SMTP_H
#define R1540_UTIL_SMTP_H

#include <stdbool.h>

#include "err.h"
#include "mem.h"

typedef enum {
    SMTP_TLS_NONE,     /* plain SMTP: for a relay on the same host only */
    SMTP_TLS_TRY,      /* STARTTLS when the server offers it */
    SMTP_TLS_REQUIRED, /* STARTTLS or smtps://, and the certificate checked */
} smtp_tls_t;

typedef struct {
    const char *url;      /* smtp://host:port or smtps://host:port */
    const char *user;     /* NULL or "": no authentication */
    const char *password;
    const char *from;     /* the sender's address (envelope and From:) */
    smtp_tls_t tls;
    const char *ca_file;  /* NULL: the system's certificate authorities */
    long timeout_s;       /* the whole exchange, connection included */
} smtp_config_t;          /* owns nothing */

/* One message to send. */
typedef struct {
    const char *to;         /* one address */
    const char *subject;    /* UTF-8 */
    const char *body;       /* UTF-8 text, lines ending in \n */
    const char *message_id; /* "<...@...>": the same for a retry of the same mail */
    long long date;         /* unix seconds of the Date: header */
} smtp_message_t;

/* Sends m; RC_OK once the server accepted it, RC_FAIL with the server's or
 * libcurl's reason otherwise (nothing was accepted). */
rc_t smtp_send(const smtp_config_t *c, const smtp_message_t *m, err_t *e);

/* The message as it goes on the wire (for smtp_send and the unit tests):
 * CRLF line ends, an RFC 2047 Subject, a base64 body; arena-owned. */
const char *smtp_format(arena_t *a, const char *from, const smtp_message_t *m);

/* Parses "none", "try", "required"; -1 for anything else. */
int smtp_tls_parse(const char *s);

#endif
