/*
 * Accounts of the people who sign in to r1540, their roles and their sessions.
 * The roles are those of DESIGN.md: an administrator, a Committee member, a
 * member of the Group of Experts, a state's point of contact (who touches only
 * that state) and an assistance provider (a state or an organization). What
 * each role may do is decided by the web layer; this module only names them.
 */
#ifndef R1540_CORE_USER_H
#define R1540_CORE_USER_H

#include <stdbool.h>

typedef enum { ROLE_ADMIN, ROLE_COMMITTEE, ROLE_EXPERT, ROLE_POC, ROLE_PROVIDER, ROLE_COUNT } role_t;

#define USER_NAME_MAX 64
#define USER_ORG_MAX 32

typedef struct {
    long long id;    /* store row id */
    char *name;      /* 1..64 of [A-Za-z0-9._@-] */
    role_t role;
    char *state;     /* alpha-3 of a point of contact's state, "" if none */
    char *org;       /* a provider's organization code (IAEA, ...), "" if none */
    bool disabled;   /* may not sign in; sessions are ended when set */
    char *created;   /* UTC, YYYY-MM-DDTHH:MM:SSZ; the store fills it when NULL or "" */
    char *pw_hash;   /* Argon2id string from password_hash(); never printed */
} user_t; /* strings arena-owned */

/* A signed-in browser. The token is the cookie's value; only its hash is kept. */
typedef struct {
    char *token_hash;   /* hex SHA-256 of the token */
    long long user_id;
    char *csrf;         /* the token forms must echo */
    long long created;  /* unix seconds */
    long long last_seen;
} session_t; /* strings arena-owned */

/* A one-time password reset an administrator issued: only the SHA-256 of its
 * token is kept (the link is shown once, to the administrator). */
typedef struct {
    long long user_id;
    long long created; /* unix seconds */
    long long expires; /* unix seconds: unusable from then on */
    bool used;         /* a reset is used once */
} password_reset_t;

/* One sign-in attempt, kept for throttling and for administrators to see. */
typedef struct {
    long long id;    /* store row id */
    char *name;      /* the name given (well-formed; the account may not exist) */
    char *address;   /* the real client address (web/client_addr.h) */
    long long at;    /* unix seconds */
    char *outcome;   /* "pending" (being checked), "failed", "lifted" (no longer counted) */
} signin_attempt_t; /* strings arena-owned */

/* What the throttle counts (store_signin_counts). */
typedef struct {
    int pair, address, name;                       /* name from address; address; name */
    long long pair_last, address_last, name_last;  /* unix seconds of the latest; 0 if none */
} signin_counts_t;

/* "admin", "committee", "expert", "poc", "provider"; "" for anything else. */
const char *role_name(role_t r);
/* The role named s, or -1 if s names none. */
int role_parse(const char *s);
/* True for a user name of 1..64 characters of A-Z a-z 0-9 . _ @ - (what the
 * store's CHECK allows: no spaces, quotes or anything else to escape). */
bool user_name_ok(const char *name);
/* True for a provider's organization code (IAEA, ...): 1..32 of A-Z a-z 0-9 . _ -,
 * the rule `r1540 user add --org` and the web's user form both apply. */
bool user_org_ok(const char *org);


#endif
