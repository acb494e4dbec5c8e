/*
 * The storage interface. Every read and write of r1540's data goes through
 * these functions; no caller sees SQL or a database handle, so a second backend
 * (PostgreSQL) plugs in behind store_backend_t (store_backend.h, for backends
 * only) without touching callers. The operations themselves, with their
 * contracts, are listed once in store_ops.def; this header turns that list
 * into the store_* prototypes.
 *
 * Conventions: every function returns an rc_t and writes its message to `e`.
 * Records returned by list/get functions are allocated in the caller's arena.
 * Writes outside store_begin/store_commit are committed one by one; callers
 * that must be all-or-nothing (imports, init) wrap them in one transaction.
 * The store itself refuses what must never happen whatever the caller does:
 * changing an approved matrix version, an unknown template item, a document
 * over the configured size.
 */
#ifndef R1540_STORE_STORE_H
#define R1540_STORE_STORE_H

#include <stdbool.h>
#include <stddef.h>

#include "../core/audit.h"
#include "../core/contact.h"
#include "../core/outreach.h"
#include "../core/programme.h"
#include "../core/practice.h"
#include "../core/assistance.h"
#include "../core/event.h"
#include "../core/membership.h"
#include "../core/notify.h"
#include "../core/matrix.h"
#include "../core/report.h"
#include "../core/review.h"
#include "../core/search.h"
#include "../core/state.h"
#include "../core/token.h"
#include "../core/template.h"
#include "../core/user.h"
#include "../util/err.h"
#include "../util/mem.h"

typedef struct store store_t;

typedef enum {
    STORE_OPEN_EXISTING, /* the database must exist and be an r1540 database */
    STORE_OPEN_CREATE,   /* create the file if missing */
    /* as EXISTING, but never migrating nor writing (serve --read-only): a
     * database whose schema is older than this binary's is refused (RC_DB),
     * and the connection refuses writes (SQLite's query_only, PostgreSQL's
     * default_transaction_read_only) */
    STORE_OPEN_READ_ONLY,
} store_open_mode_t;

/* A translated label of reference vocabulary: M49 regions, UN groups, template
 * sections, headings and themes. */
typedef struct {
    char *kind;   /* region, group, section, heading, theme */
    char *code;   /* the key within its kind */
    char *parent; /* region: parent region code; heading: section; else "" */
    int seq;      /* display order within its kind */
    char *name[LANG_COUNT];
} vocab_t;

/* Opens the database at url: a path or "sqlite:PATH" for SQLite;
 * "postgres:" / "postgresql:" are reserved. Applies pending schema
 * migrations. RC_DB when the file is not an r1540 SQLite database, is locked,
 * or (STORE_OPEN_EXISTING) does not exist. */
rc_t store_open(const char *url, store_open_mode_t mode, store_t **out, err_t *e);
/* Closes and frees; NULL is a no-op. */
void store_close(store_t *st);
/* Whether something (an r1540 database or anything else) is at url. */
bool store_exists(const char *url);
/* Removes the database at url with everything its backend keeps beside it
 * (for SQLite: the file and its -wal, -shm and -journal files). Close every
 * store_t open on it first. A missing database is not an error. RC_DB for an
 * unknown or unbuilt backend, RC_FAIL when something could not be removed
 * (the message names it). */
rc_t store_destroy(const char *url, err_t *e);
/* Rolls back the open transaction, if any. */
void store_rollback(store_t *st);

/* What a server's health check (/healthz) reports of its database: store_health. */
typedef struct {
    const char *backend; /* "sqlite" or "postgresql"; static */
    int schema;          /* the schema number the database is at */
    bool read_only;      /* the database itself refuses writes (a hot standby, a read-only file) */
    bool standby;        /* a PostgreSQL server in recovery, replaying a primary's changes */
    double lag_seconds;  /* a standby's replay lag (0 when it has replayed all it received
                          * from a connected primary); -1 when not a standby or not known */
    int wal_receiver;    /* a standby's WAL receiver: 1 running, 0 none (the primary is
                          * gone or unreachable); -1 when not a standby */
    double replay_age_seconds; /* a standby's time since its last replayed transaction;
                                * -1 when not a standby or none replayed yet */
} store_health_t;

/* What the matching score needs to know of a state's situation. */
typedef struct {
    char state[4];  /* alpha-3 */
    int reports;    /* documents it has submitted */
    int marked_x;   /* fields marked X in its latest approved or published matrix */
    int applicable; /* that matrix's fields not marked NA; 0 when it has none */
} assistance_need_t;

/* Called once per stored entry of an approved or published version. */
typedef void (*store_mark_fn)(void *ctx, long long version_id, const char *item, mark_t mark);

/* What a list page asks of the store: which rows (each filter NULL or "" for
 * any), in which order, and which slice of them. The store filters, orders
 * and slices, and counts every row that passes the filters, so no caller
 * loads every row to show a page of them. */
typedef struct {
    const char *state;    /* requests: the requesting state (alpha-3) */
    const char *region;   /* requests: the requesting state's M49 region code */
    const char *status;   /* the record's status */
    const char *kind;     /* requests: its kind; offers: one of its kinds */
    const char *provider; /* offers: the providing state (alpha-3) or organization */
    const char *theme;    /* a theme of the record's own or of one of its template items */
    bool newest_first;    /* by id descending (else ascending) */
    long long offset;     /* rows skipped, 0 or more */
    long long limit;      /* rows returned at most, 0 or more; STORE_NO_LIMIT for all */
} store_query_t;

#define STORE_NO_LIMIT (-1LL)

/* The table interface (store_table_list, _read, _write, table_load_begin/_end):
 * the rows of r1540's tables as plain values, so that one backend-neutral
 * copy (store_copy.h) and one fingerprint serve every pair of backends.
 * Tables and columns carry the same names in every backend; a value's kind
 * is what its backend stores (an integer, a double, text, bytes). */
typedef enum {
    STORE_VALUE_NULL,
    STORE_VALUE_INT,
    STORE_VALUE_REAL,
    STORE_VALUE_TEXT,
    STORE_VALUE_BLOB,
} store_value_kind_t;

typedef struct {
    store_value_kind_t kind;
    long long i;   /* INT */
    double r;      /* REAL */
    const char *p; /* TEXT (NUL-terminated at p[len]) and BLOB: the bytes, not owned */
    size_t len;
} store_value_t;

/* One table as its backend has it; arena-owned. */
typedef struct {
    char *name;
    size_t ncol;
    char **cols;     /* in the order table_read gives the values */
    size_t nparent;
    char **parents;  /* the other tables its foreign keys reference */
} store_table_t;

/* Called by store_table_read with one row: t->ncol values, valid during the
 * call only. A result other than RC_OK stops the read and is returned. */
typedef rc_t (*store_row_fn)(void *ctx, const store_value_t *row, err_t *e);

/* The fingerprint of the whole stored content (hex SHA-256): every row of
 * every table but the sessions (they come and go with every sign-in, and are
 * no one's data), the audit log and sign-in attempts included, read in one
 * snapshot through the table interface (store_fingerprint.c), so that the
 * same content gives the same fingerprint in every backend. Equal before and
 * after an operation means it changed nothing; tests compare it instead of
 * reading the database themselves, and after `r1540 copy` it proves the copy
 * lossless. With data_only, the audit log and meta's audit_count and
 * audit_head are left out too: equal then means nothing changed but the
 * audit log (a repeated init or import). Call it outside a transaction. */
rc_t store_fingerprint(store_t *st, bool data_only, char out[65], err_t *e);

/* Spreads a parenthesized parameter list of store_ops.def into a prototype. */
#define STORE_PARAMS(...) __VA_ARGS__

/* rc_t store_NAME(store_t *st, PARAMETERS); for every operation of the list. */
#define STORE_OP(name, params, args) rc_t store_##name(store_t *st, STORE_PARAMS params);
#include "store_ops.def"

#endif
