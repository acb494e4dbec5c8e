/*
 * Notifications: what r1540 tells a signed-in user about a change that waits
 * for them or concerns them (a version sent to their state, a proposal waiting
 * for their answer, ...). An operation queues them in its own transaction
 * (src/app/app_notify.c), so none exists for a change that rolled back; the
 * inbox shows them; the sender (src/app/notify_deliver.c) mails them in the
 * recipient's language, at once or in a daily digest, as the recipient chose.
 *
 * A notification keeps what it is about (the event, the state, a number), not
 * its text: the text is written when it is shown or mailed, in the language of
 * whoever reads it (src/app/notify_text.c).
 */
#ifndef R1540_CORE_NOTIFY_H
#define R1540_CORE_NOTIFY_H

#include <stdbool.h>

/* The events, in the order of notify_event_name's table. */
typedef enum {
    NE_VERSION_SENT,     /* a matrix version was sent to the state for review */
    NE_VERSION_ACCEPTED, /* the state accepted the version */
    NE_VERSION_COMMENTED,/* the state sent its comments back */
    NE_VERSION_APPROVED, /* the Committee approved the version */
    NE_VERSION_PUBLISHED,/* the version was published */
    NE_PROPOSAL_WAITING, /* a proposal waits for the recipient's answer */
    NE_PROPOSAL_ANSWERED,/* the other side answered a proposal */
    NE_PROPOSAL_DELIVERED, /* the assistance of a proposal was delivered */
    NE_OFFER_ENDING,     /* an open offer of the recipient ends soon */
    NE_REQUEST_ENDING,   /* an open request of the recipient's state ends soon */
    NE_COUNT
} notify_event_t;

/* Who receives a queued notification: every enabled account of the kind. */
typedef enum {
    NT_STATE_POC, /* the points of contact of a state (key: alpha-3) */
    NT_EXPERTS,   /* the Group of Experts */
    NT_COMMITTEE, /* the Committee's members */
    NT_PROVIDER,  /* the accounts of a provider (key: organization code or alpha-3) */
} notify_audience_t;

/* The mail settings of one account. */
typedef enum { NM_IMMEDIATE, NM_DIGEST, NM_NEVER, NM_COUNT } notify_mode_t;

#define NOTIFY_EMAIL_MAX 254
#define NOTIFY_EXTRA_MAX 64

/* What an operation queues: one row per recipient of the audience. */
typedef struct {
    notify_event_t event;
    notify_audience_t to;
    const char *key;      /* the audience's state or provider; NULL for a role */
    long long except;     /* an account left out (the actor: they know), 0 for none */
    const char *state;    /* the state concerned, alpha-3, or "" */
    long long number;     /* the version number or record id */
    const char *extra;    /* a word the text needs ("accepted", an end date), or "" */
    const char *link;     /* the page to act on, after /LANG/ ("states/FRA/versions/3") */
    long long created;    /* unix seconds */
    bool once;            /* queued at most once per account, event and record (reminders) */
} notify_spec_t;

/* One notification as the inbox and the sender read it. */
typedef struct {
    long long id;
    long long user_id;
    notify_event_t event;
    char *state;         /* alpha-3 or "" */
    long long number;
    char *extra;
    char *link;
    long long created;   /* unix seconds */
    long long read_at;   /* 0 while unread */
    char *mail;          /* "pending", "sent", "skipped" */
    int attempts;        /* failed deliveries so far */
    /* the recipient, for the sender */
    char *user_name;
    char *email;         /* "" when the account gave none */
    char *lang;          /* the recipient's language code */
    notify_mode_t mode;
    long long last_digest; /* unix seconds of the recipient's last digest, 0 if none */
} notification_t; /* strings arena-owned */

/* An account's notification settings. */
typedef struct {
    long long user_id;
    char *email;        /* "" for none: the inbox only */
    char lang[3];       /* ar zh en fr ru es */
    notify_mode_t mode;
    long long last_digest;
} notify_setting_t; /* email arena-owned */

/* The event's stored name ("version-sent", ...); "" for none. */
const char *notify_event_name(notify_event_t ev);
/* The event named s, or -1. */
int notify_event_parse(const char *s);
/* "immediate", "digest", "never"; "" for none. */
const char *notify_mode_name(notify_mode_t m);
/* The mode named s, or -1. */
int notify_mode_parse(const char *s);
/* True for an e-mail address we will hand to an SMTP server: "" (none) or
 * 3..254 bytes of one local part, one '@', one domain with a dot, nothing
 * that could break a mail header (spaces, control characters, <>, quotes,
 * commas, semicolons). */
bool notify_email_ok(const char *email);

#endif
