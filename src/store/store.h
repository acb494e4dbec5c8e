/*
 * The storage interface. Every read and write of r1540's data goes through
 * these functions; no caller sees SQL or a database handle, so a second backend
 * (PostgreSQL) plugs in behind store_backend_t without touching callers.
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
#include "../core/assistance.h"
#include "../core/event.h"
#include "../core/membership.h"
#include "../core/matrix.h"
#include "../core/report.h"
#include "../core/review.h"
#include "../core/state.h"
#include "../core/template.h"
#include "../core/user.h"
#include "../util/err.h"
#include "../util/mem.h"

typedef struct store store_t;

typedef enum {
    STORE_OPEN_EXISTING, /* the database must exist and be an r1540 database */
    STORE_OPEN_CREATE,   /* create the file if missing */
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

/* Opens the database at path ("sqlite:" prefix optional). Applies pending
 * schema migrations. RC_DB when the file is not an r1540 SQLite database,
 * is locked, or (STORE_OPEN_EXISTING) does not exist. */
rc_t store_open(const char *path, store_open_mode_t mode, store_t **out, err_t *e);
/* Closes and frees; NULL is a no-op. */
void store_close(store_t *st);

rc_t store_begin(store_t *st, err_t *e);
rc_t store_commit(store_t *st, err_t *e);
/* Opens a transaction for reading only: what it reads is one snapshot, and it
 * does not hold off writers (end it with store_rollback). */
rc_t store_begin_read(store_t *st, err_t *e);
/* Rolls back the open transaction, if any. */
void store_rollback(store_t *st);

/* Settings and dataset facts (demo flag, template version, size limit). RC_NOTFOUND if absent. */
rc_t store_meta_get(store_t *st, const char *key, arena_t *a, char **value, err_t *e);
rc_t store_meta_set(store_t *st, const char *key, const char *value, err_t *e);
/* A number that changes whenever another connection or process commits a
 * change to the database (a page cache compares it to know it is stale). */
rc_t store_data_version(store_t *st, long long *out, err_t *e);
/* A fingerprint of the whole stored content (hex SHA-256): every record of
 * every kind, the audit log included, but not sessions and failed sign-ins
 * (they change with every sign-in, and are no one's data). Equal before and
 * after an operation means it changed nothing; a test compares them instead
 * of reading the database itself. Read in one snapshot. */
rc_t store_fingerprint(store_t *st, char out[65], err_t *e);

rc_t store_vocab_put(store_t *st, const vocab_t *v, err_t *e);
rc_t store_vocab_list(store_t *st, const char *kind, arena_t *a, vocab_t **out, size_t *n,
                      err_t *e);

/* Inserts or replaces a state (keyed by alpha-3). Its ldc, lldc and sids flags
 * are stored as given; store_state_get and store_state_list answer them from
 * the membership periods in force today when the database holds any. */
rc_t store_state_put(store_t *st, const state_t *s, err_t *e);
/* Finds a state by alpha-2 or alpha-3 code, any case. RC_NOTFOUND if none. */
rc_t store_state_get(store_t *st, const char *code, arena_t *a, state_t *out, err_t *e);
/* All states, ordered by alpha-3. */
rc_t store_state_list(store_t *st, arena_t *a, state_t **out, size_t *n, err_t *e);
/* Inserts or replaces one membership period (keyed by state, group, from). */
rc_t store_membership_put(store_t *st, const membership_t *m, err_t *e);
/* Removes every membership period (init replaces them with the reference data's). */
rc_t store_membership_clear(store_t *st, err_t *e);
/* The membership periods of one state (alpha-3 or alpha-2 not accepted: alpha-3,
 * any case), or of all states when state is NULL; by state, group, from. */
rc_t store_membership_list(store_t *st, const char *state, arena_t *a, membership_t **out,
                           size_t *n, err_t *e);

/* Inserts or replaces one item of a template version. */
rc_t store_template_item_put(store_t *st, int version, const template_item_t *it, err_t *e);
/* A template version's items in display order. */
rc_t store_template_items(store_t *st, int version, arena_t *a, template_item_t **out,
                          size_t *n, err_t *e);

/* Inserts a report. r->id == 0 assigns a new id (written back); a given id is
 * kept (imports). doc may be NULL (metadata only). RC_REFUSED if doc exceeds the
 * configured maximum document size. */
rc_t store_report_insert(store_t *st, report_t *r, const void *doc, size_t len, err_t *e);
rc_t store_report_get(store_t *st, long long id, arena_t *a, report_t *out, err_t *e);
/* Reports of one state (alpha-3), or of all when state is NULL; by state, date, id. */
rc_t store_report_list(store_t *st, const char *state, arena_t *a, report_t **out, size_t *n,
                       err_t *e);
/* Stores the file of a report recorded without one (a CSV import, say);
 * RC_REFUSED if the report already has a file or the file is too large. */
rc_t store_report_attach(store_t *st, long long id, const void *doc, size_t len, err_t *e);
/* The stored file; RC_NOTFOUND if the report has no file. */
rc_t store_report_document(store_t *st, long long id, arena_t *a, void **doc, size_t *len,
                           err_t *e);

/* Inserts a new version (status draft) and writes its id into v->id. */
rc_t store_version_insert(store_t *st, matrix_version_t *v, err_t *e);
rc_t store_version_get(store_t *st, const char *state, int number, arena_t *a,
                       matrix_version_t *out, err_t *e);
/* Versions of one state (alpha-3), or of all when NULL; by state and number. */
rc_t store_version_list(store_t *st, const char *state, arena_t *a, matrix_version_t **out,
                        size_t *n, err_t *e);
/* Rewrites the template version, creation date and note of a version that is
 * not frozen (its entries must be gone first if the template changes). */
rc_t store_version_update(store_t *st, const matrix_version_t *v, err_t *e);
/* Moves a version to a new status, with the date for approved/published. */
rc_t store_version_set_status(store_t *st, long long version_id, mv_status_t status,
                              const char *date, err_t *e);

/* Inserts or replaces an entry of a version that is not frozen. */
rc_t store_entry_put(store_t *st, long long version_id, const matrix_entry_t *en, err_t *e);
/* Inserts many new entries into a version that is not frozen and has none of
 * these items yet (a new or emptied version): faster than one put per entry. */
rc_t store_entries_insert(store_t *st, long long version_id, const matrix_entry_t *entries,
                          size_t n, err_t *e);
/* Removes every entry of a version that is not frozen (before it is refilled). */
rc_t store_entries_clear(store_t *st, long long version_id, err_t *e);
/* Removes an entry (makes the item blank) of a version that is not frozen. */
rc_t store_entry_delete(store_t *st, long long version_id, const char *item, err_t *e);
/* A version's stored entries in template order. */
rc_t store_entries(store_t *st, long long version_id, arena_t *a, matrix_entry_t **out,
                   size_t *n, err_t *e);

/* ---- assistance: organizations, requests, offers, proposals (sqlite_assistance.c) ---- */

/* What the matching score needs to know of a state's situation. */
typedef struct {
    char state[4];  /* alpha-3 */
    int reports;    /* documents it has submitted */
    int marked_x;   /* fields marked X in its latest approved or published matrix */
    int applicable; /* that matrix's fields not marked NA; 0 when it has none */
} assistance_need_t;

/* Inserts or replaces an organization of the registry (reference data). */
rc_t store_org_put(store_t *st, const organization_t *o, err_t *e);
/* The registry, by code. */
rc_t store_org_list(store_t *st, arena_t *a, organization_t **out, size_t *n, err_t *e);
/* Inserts a request; r->id == 0 assigns a new id (written back), a given id is
 * kept (imports). RC_INPUT for an unknown state or a broken constraint. */
rc_t store_request_insert(store_t *st, assistance_request_t *r, err_t *e);
rc_t store_request_get(store_t *st, long long id, arena_t *a, assistance_request_t *out,
                       err_t *e);
/* Requests of one state (alpha-3), or of all when NULL; by id. */
rc_t store_request_list(store_t *st, const char *state, arena_t *a,
                        assistance_request_t **out, size_t *n, err_t *e);
/* Moves a request to a new status (withdrawn by its state; matched and
 * delivered follow its proposal). RC_REFUSED when the workflow forbids it. */
rc_t store_request_set_status(store_t *st, long long id, const char *status, err_t *e);
/* Inserts an offer, ids as for requests. RC_INPUT for an unknown provider or a
 * negative capacity (the store refuses it whatever the caller). */
rc_t store_offer_insert(store_t *st, assistance_offer_t *o, err_t *e);
rc_t store_offer_get(store_t *st, long long id, arena_t *a, assistance_offer_t *out, err_t *e);
/* Opens or closes an offer (a closed offer is not matched). */
rc_t store_offer_set_status(store_t *st, long long id, const char *status, err_t *e);
/* All offers, by id. */
rc_t store_offer_list(store_t *st, arena_t *a, assistance_offer_t **out, size_t *n, err_t *e);
/* Inserts a proposal, ids as for requests. RC_REFUSED when the pair was
 * declined before, the request already has a live proposal, or the offer is at
 * capacity. */
rc_t store_proposal_insert(store_t *st, assistance_proposal_t *p, err_t *e);
rc_t store_proposal_get(store_t *st, long long id, arena_t *a, assistance_proposal_t *out,
                        err_t *e);
/* Proposals of one request, or all when request_id is 0; by id. */
rc_t store_proposal_list(store_t *st, long long request_id, arena_t *a,
                         assistance_proposal_t **out, size_t *n, err_t *e);
/* Writes a proposal's status and answers; RC_REFUSED if the workflow forbids it. */
rc_t store_proposal_update(store_t *st, const assistance_proposal_t *p, err_t *e);
/* Appends an event to a proposal's history; ev->seq 0 takes the next number. */
rc_t store_event_append(store_t *st, assistance_event_t *ev, err_t *e);
/* A proposal's history, or all events when proposal_id is 0; by proposal, seq. */
rc_t store_event_list(store_t *st, long long proposal_id, arena_t *a, assistance_event_t **out,
                      size_t *n, err_t *e);
/* Every state's reports and coverage, by alpha-3: the coverage of its latest
 * approved or published version, or with published_only of its latest
 * published one (what the public may see figures of). */
rc_t store_assistance_need(store_t *st, bool published_only, arena_t *a,
                           assistance_need_t **out, size_t *n, err_t *e);

/* The backend: one function per operation above, with the backend's own handle. */
typedef struct {
    const char *name;
    void (*close)(void *h);
    rc_t (*begin)(void *h, err_t *e);
    rc_t (*begin_read)(void *h, err_t *e);
    rc_t (*commit)(void *h, err_t *e);
    void (*rollback)(void *h);
    rc_t (*meta_get)(void *h, const char *key, arena_t *a, char **value, err_t *e);
    rc_t (*meta_set)(void *h, const char *key, const char *value, err_t *e);
    rc_t (*data_version)(void *h, long long *out, err_t *e);
    rc_t (*fingerprint)(void *h, char out[65], err_t *e);
    rc_t (*vocab_put)(void *h, const vocab_t *v, err_t *e);
    rc_t (*vocab_list)(void *h, const char *kind, arena_t *a, vocab_t **out, size_t *n,
                       err_t *e);
    rc_t (*state_put)(void *h, const state_t *s, err_t *e);
    rc_t (*state_get)(void *h, const char *code, arena_t *a, state_t *out, err_t *e);
    rc_t (*state_list)(void *h, arena_t *a, state_t **out, size_t *n, err_t *e);
    rc_t (*template_item_put)(void *h, int version, const template_item_t *it, err_t *e);
    rc_t (*template_items)(void *h, int version, arena_t *a, template_item_t **out, size_t *n,
                           err_t *e);
    rc_t (*report_insert)(void *h, report_t *r, const void *doc, size_t len, err_t *e);
    rc_t (*report_get)(void *h, long long id, arena_t *a, report_t *out, err_t *e);
    rc_t (*report_list)(void *h, const char *state, arena_t *a, report_t **out, size_t *n,
                        err_t *e);
    rc_t (*report_attach)(void *h, long long id, const void *doc, size_t len, err_t *e);
    rc_t (*report_document)(void *h, long long id, arena_t *a, void **doc, size_t *len,
                            err_t *e);
    rc_t (*version_insert)(void *h, matrix_version_t *v, err_t *e);
    rc_t (*version_get)(void *h, const char *state, int number, arena_t *a,
                        matrix_version_t *out, err_t *e);
    rc_t (*version_list)(void *h, const char *state, arena_t *a, matrix_version_t **out,
                         size_t *n, err_t *e);
    rc_t (*version_update)(void *h, const matrix_version_t *v, err_t *e);
    rc_t (*version_set_status)(void *h, long long id, mv_status_t status, const char *date,
                               err_t *e);
    rc_t (*entry_put)(void *h, long long version_id, const matrix_entry_t *en, err_t *e);
    rc_t (*entries_insert)(void *h, long long version_id, const matrix_entry_t *entries,
                           size_t n, err_t *e);
    rc_t (*entries_clear)(void *h, long long version_id, err_t *e);
    rc_t (*entry_delete)(void *h, long long version_id, const char *item, err_t *e);
    rc_t (*entries)(void *h, long long version_id, arena_t *a, matrix_entry_t **out, size_t *n,
                    err_t *e);
    /* accounts, sessions, audit (web) */
    rc_t (*user_insert)(void *h, user_t *u, err_t *e);
    rc_t (*user_get)(void *h, const char *name, arena_t *a, user_t *out, err_t *e);
    rc_t (*user_get_id)(void *h, long long id, arena_t *a, user_t *out, err_t *e);
    rc_t (*user_list)(void *h, arena_t *a, user_t **out, size_t *n, err_t *e);
    rc_t (*user_set_password)(void *h, long long id, const char *pw_hash, err_t *e);
    rc_t (*user_set_disabled)(void *h, long long id, bool disabled, err_t *e);
    rc_t (*session_insert)(void *h, const session_t *s, err_t *e);
    rc_t (*session_get)(void *h, const char *token_hash, arena_t *a, session_t *out, err_t *e);
    rc_t (*session_touch)(void *h, const char *token_hash, long long now, err_t *e);
    rc_t (*session_delete)(void *h, const char *token_hash, err_t *e);
    rc_t (*session_delete_user)(void *h, long long user_id, err_t *e);
    rc_t (*session_purge)(void *h, long long idle_before, long long created_before, err_t *e);
    rc_t (*signin_counts)(void *h, const char *name, const char *address, long long since,
                          signin_counts_t *out, err_t *e);
    rc_t (*signin_add)(void *h, signin_attempt_t *a, err_t *e);
    rc_t (*signin_finish)(void *h, long long id, bool succeeded, err_t *e);
    rc_t (*signin_lift)(void *h, const char *name, const char *address, int *n, err_t *e);
    rc_t (*signin_purge)(void *h, long long before, err_t *e);
    rc_t (*signin_list)(void *h, long long since, int limit, arena_t *a, signin_attempt_t **out,
                        size_t *n, err_t *e);
    rc_t (*audit_insert)(void *h, const audit_entry_t *en, err_t *e);
    rc_t (*audit_last)(void *h, arena_t *a, audit_entry_t *out, err_t *e);
    rc_t (*audit_list)(void *h, long long from_seq, size_t limit, arena_t *a,
                       audit_entry_t **out, size_t *n, err_t *e);
    rc_t (*comment_insert)(void *h, matrix_comment_t *c, err_t *e);
    rc_t (*comments)(void *h, long long version_id, arena_t *a, matrix_comment_t **out,
                     size_t *n, err_t *e);
    rc_t (*review_set)(void *h, const matrix_review_t *r, err_t *e);
    rc_t (*review_clear)(void *h, long long version_id, err_t *e);
    rc_t (*review_get)(void *h, long long version_id, arena_t *a, matrix_review_t *out,
                       err_t *e);
    /* assistance */
    rc_t (*org_put)(void *h, const organization_t *o, err_t *e);
    rc_t (*org_list)(void *h, arena_t *a, organization_t **out, size_t *n, err_t *e);
    rc_t (*request_insert)(void *h, assistance_request_t *r, err_t *e);
    rc_t (*request_get)(void *h, long long id, arena_t *a, assistance_request_t *out, err_t *e);
    rc_t (*request_list)(void *h, const char *state, arena_t *a, assistance_request_t **out,
                         size_t *n, err_t *e);
    rc_t (*offer_insert)(void *h, assistance_offer_t *o, err_t *e);
    rc_t (*offer_get)(void *h, long long id, arena_t *a, assistance_offer_t *out, err_t *e);
    rc_t (*offer_list)(void *h, arena_t *a, assistance_offer_t **out, size_t *n, err_t *e);
    rc_t (*proposal_insert)(void *h, assistance_proposal_t *p, err_t *e);
    rc_t (*proposal_get)(void *h, long long id, arena_t *a, assistance_proposal_t *out,
                         err_t *e);
    rc_t (*proposal_list)(void *h, long long request_id, arena_t *a,
                          assistance_proposal_t **out, size_t *n, err_t *e);
    rc_t (*proposal_update)(void *h, const assistance_proposal_t *p, err_t *e);
    rc_t (*event_append)(void *h, assistance_event_t *ev, err_t *e);
    rc_t (*event_list)(void *h, long long proposal_id, arena_t *a, assistance_event_t **out,
                       size_t *n, err_t *e);
    rc_t (*assistance_need)(void *h, bool published_only, arena_t *a, assistance_need_t **out,
                            size_t *n, err_t *e);
    rc_t (*request_set_status)(void *h, long long id, const char *status, err_t *e);
    rc_t (*offer_set_status)(void *h, long long id, const char *status, err_t *e);
    /* ---- review and outreach events (issue 5) ---- */
    rc_t (*marks_each)(void *h, void (*fn)(void *, long long, const char *, mark_t), void *ctx,
                       err_t *e);
    rc_t (*outreach_insert)(void *h, event_t *ev, err_t *e);
    rc_t (*outreach_get)(void *h, long long id, arena_t *a, event_t *out, err_t *e);
    rc_t (*outreach_list)(void *h, const char *state, arena_t *a, event_t **out, size_t *n,
                          err_t *e);
    /* ---- dated group memberships (issue 12) ---- */
    rc_t (*membership_put)(void *h, const membership_t *m, err_t *e);
    rc_t (*membership_clear)(void *h, err_t *e);
    rc_t (*membership_list)(void *h, const char *state, arena_t *a, membership_t **out,
                            size_t *n, err_t *e);
} store_backend_t;

/* The SQLite backend's constructor (store/sqlite.c). */
rc_t store_sqlite_open(const char *path, store_open_mode_t mode, void **handle, err_t *e);
extern const store_backend_t store_sqlite_backend;

/* ---- accounts, sessions, audit (web) ----------------------------------------
 * role_t, user_t and session_t are in core/user.h; audit_entry_t in
 * core/audit.h; matrix_comment_t and matrix_review_t in core/review.h. */

/* Inserts a user and writes its id into u->id; created is filled when empty.
 * RC_INPUT for a duplicate name, a bad name, role, state or org combination;
 * RC_INPUT naming the state if it is unknown. */
rc_t store_user_insert(store_t *st, user_t *u, err_t *e);
/* The user with that exact name. RC_NOTFOUND if none. */
rc_t store_user_get(store_t *st, const char *name, arena_t *a, user_t *out, err_t *e);
rc_t store_user_get_id(store_t *st, long long id, arena_t *a, user_t *out, err_t *e);
/* Every user, by name. */
rc_t store_user_list(store_t *st, arena_t *a, user_t **out, size_t *n, err_t *e);
/* RC_NOTFOUND if no user has that id. Sessions are the caller's business. */
rc_t store_user_set_password(store_t *st, long long id, const char *pw_hash, err_t *e);
rc_t store_user_set_disabled(store_t *st, long long id, bool disabled, err_t *e);

/* RC_INPUT if the token hash is taken or the user does not exist. */
rc_t store_session_insert(store_t *st, const session_t *s, err_t *e);
/* RC_NOTFOUND if there is no such session (ended, purged or never made). */
rc_t store_session_get(store_t *st, const char *token_hash, arena_t *a, session_t *out,
                       err_t *e);
/* Sets last_seen; a missing session is not an error (it was ended meanwhile). */
rc_t store_session_touch(store_t *st, const char *token_hash, long long now, err_t *e);
rc_t store_session_delete(store_t *st, const char *token_hash, err_t *e);
/* Ends all of a user's sessions (password change, disabling). */
rc_t store_session_delete_user(store_t *st, long long user_id, err_t *e);
/* Deletes sessions idle since before idle_before or created before created_before. */
rc_t store_session_purge(store_t *st, long long idle_before, long long created_before,
                         err_t *e);

/* Sign-in attempts (sqlite_signin.c), for throttling (web/signin.c) and for
 * administrators to see. Counting and recording happen in the caller's
 * transaction, so that parallel guesses see each other. */
/* Counted attempts (pending or failed, not lifted) at or after `since`: of the
 * name from the address, from the address, and of the name; and the time of
 * the latest of each (0 if none). */
rc_t store_signin_counts(store_t *st, const char *name, const char *address, long long since,
                         signin_counts_t *out, err_t *e);
/* Records an attempt (outcome "pending" while the password is checked, or
 * "failed"); sets a->id. RC_INPUT for a malformed name or address. */
rc_t store_signin_add(store_t *st, signin_attempt_t *a, err_t *e);
/* Ends a pending attempt: marks it failed, or (succeeded) deletes it and lifts
 * the earlier failures of the same name from the same address. */
rc_t store_signin_finish(store_t *st, long long id, bool succeeded, err_t *e);
/* Lifts (stops counting) the failures of a name, of an address, or of both
 * together (a NULL one matches any); *n says how many. */
rc_t store_signin_lift(store_t *st, const char *name, const char *address, int *n, err_t *e);
/* Deletes the attempts made before `before`. */
rc_t store_signin_purge(store_t *st, long long before, err_t *e);
/* The failed and lifted attempts at or after `since`, newest first, at most
 * `limit` of them. */
rc_t store_signin_list(store_t *st, long long since, int limit, arena_t *a,
                       signin_attempt_t **out, size_t *n, err_t *e);

/* Stores an entry as given (seq and hashes from audit_append, which callers
 * use instead). RC_INPUT if the seq is taken. */
rc_t store_audit_insert(store_t *st, const audit_entry_t *en, err_t *e);
/* The entry with the highest seq. RC_NOTFOUND when the log is empty. */
rc_t store_audit_last(store_t *st, arena_t *a, audit_entry_t *out, err_t *e);
/* At most limit entries with seq >= from_seq, by seq. */
rc_t store_audit_list(store_t *st, long long from_seq, size_t limit, arena_t *a,
                      audit_entry_t **out, size_t *n, err_t *e);

/* Inserts a comment and writes its id into c->id; created is filled when empty.
 * RC_INPUT for an unknown version or user or a text outside 1..4000 characters. */
rc_t store_comment_insert(store_t *st, matrix_comment_t *c, err_t *e);
/* A version's comments in the order they were made, with their authors' names. */
rc_t store_comments(store_t *st, long long version_id, arena_t *a, matrix_comment_t **out,
                    size_t *n, err_t *e);
/* Inserts or replaces the state's answer to a version; at is filled when empty. */
rc_t store_review_set(store_t *st, const matrix_review_t *r, err_t *e);
/* Removes the state's answer to a version (none is not an error): its
 * acceptance no longer holds once the entries it accepted changed. */
rc_t store_review_clear(store_t *st, long long version_id, err_t *e);
/* RC_NOTFOUND if the version has no answer yet. */
rc_t store_review_get(store_t *st, long long version_id, arena_t *a, matrix_review_t *out,
                      err_t *e);

/* ---- review and outreach events (issue 5) -------------------------------- */

/* Called once per stored entry of an approved or published version. */
typedef void (*store_mark_fn)(void *ctx, long long version_id, const char *item, mark_t mark);
/* Streams the marks of every frozen (approved or published) version, by version
 * id: one query, no per-version round trip, for the review analytics. */
rc_t store_marks_each(store_t *st, store_mark_fn fn, void *ctx, err_t *e);

/* Inserts an event with its states and themes; assigns ev->id when it is 0.
 * RC_INPUT (message names the field) for an unknown state or invalid field. */
rc_t store_outreach_insert(store_t *st, event_t *ev, err_t *e);
/* One event with its states and themes; RC_NOTFOUND if there is none. */
rc_t store_outreach_get(store_t *st, long long id, arena_t *a, event_t *out, err_t *e);
/* Events by start date and id; only those with `state` among their
 * participants when state is not NULL. */
rc_t store_outreach_list(store_t *st, const char *state, arena_t *a, event_t **out, size_t *n,
                         err_t *e);

#endif
