/*
 * Backend dispatch: picks the backend from the database path and forwards each
 * operation to it. Nothing here knows SQL.
 */
#include "store.h"

#include <stdlib.h>
#include <string.h>

#include "../util/date.h"

struct store {
    const store_backend_t *be;
    void *h; /* owned by the backend; freed by be->close */
};

rc_t store_open(const char *path, store_open_mode_t mode, store_t **out, err_t *e)
{
    *out = NULL;
    if (strncmp(path, "postgres:", 9) == 0 || strncmp(path, "postgresql:", 11) == 0)
        return err_set(e, RC_DB, "%s: the PostgreSQL backend is not built yet", path);
    if (strncmp(path, "sqlite:", 7) == 0)
        path += 7;
    /* SQLite would open a private temporary database for these: nothing would be kept. */
    if (!*path || strcmp(path, ":memory:") == 0)
        return err_set(e, RC_DB, "'%s': not a database file name", path);
    void *h = NULL;
    rc_t rc = store_sqlite_open(path, mode, &h, e);
    if (rc != RC_OK)
        return rc;
    store_t *st = xmalloc(sizeof *st);
    st->be = &store_sqlite_backend;
    st->h = h;
    *out = st;
    return RC_OK;
}

void store_close(store_t *st)
{
    if (!st)
        return;
    st->be->close(st->h);
    free(st);
}

rc_t store_begin(store_t *st, err_t *e) { return st->be->begin(st->h, e); }
rc_t store_begin_read(store_t *st, err_t *e) { return st->be->begin_read(st->h, e); }
rc_t store_commit(store_t *st, err_t *e) { return st->be->commit(st->h, e); }
void store_rollback(store_t *st) { st->be->rollback(st->h); }

rc_t store_meta_get(store_t *st, const char *key, arena_t *a, char **value, err_t *e)
{
    return st->be->meta_get(st->h, key, a, value, e);
}

rc_t store_meta_set(store_t *st, const char *key, const char *value, err_t *e)
{
    return st->be->meta_set(st->h, key, value, e);
}

rc_t store_fingerprint(store_t *st, char out[65], err_t *e)
{
    return st->be->fingerprint(st->h, out, e);
}

rc_t store_data_version(store_t *st, long long *out, err_t *e)
{
    return st->be->data_version(st->h, out, e);
}

rc_t store_vocab_put(store_t *st, const vocab_t *v, err_t *e)
{
    return st->be->vocab_put(st->h, v, e);
}

rc_t store_vocab_list(store_t *st, const char *kind, arena_t *a, vocab_t **out, size_t *n,
                      err_t *e)
{
    return st->be->vocab_list(st->h, kind, a, out, n, e);
}

rc_t store_state_put(store_t *st, const state_t *s, err_t *e)
{
    return st->be->state_put(st->h, s, e);
}

/* Sets the LDC, LLDC and SIDS flags of the n states from the membership
 * periods in force today, so that a graduation takes effect on its date
 * without a new `r1540 init`. A database without periods (made before they
 * existed) keeps its stored flags. */
static rc_t flags_today(store_t *st, const char *state, arena_t *a, state_t *s, size_t n,
                        err_t *e)
{
    membership_t *m;
    size_t nm;
    rc_t rc = st->be->membership_list(st->h, state, a, &m, &nm, e);
    if (rc != RC_OK || nm == 0)
        return rc;
    char today[11];
    date_today(today);
    for (size_t i = 0; i < n; i++) {
        s[i].ldc = membership_on(m, nm, s[i].alpha3, "LDC", today);
        s[i].lldc = membership_on(m, nm, s[i].alpha3, "LLDC", today);
        s[i].sids = membership_on(m, nm, s[i].alpha3, "SIDS", today);
    }
    return RC_OK;
}

rc_t store_state_get(store_t *st, const char *code, arena_t *a, state_t *out, err_t *e)
{
    rc_t rc = st->be->state_get(st->h, code, a, out, e);
    return rc == RC_OK ? flags_today(st, out->alpha3, a, out, 1, e) : rc;
}

rc_t store_state_list(store_t *st, arena_t *a, state_t **out, size_t *n, err_t *e)
{
    rc_t rc = st->be->state_list(st->h, a, out, n, e);
    return rc == RC_OK ? flags_today(st, NULL, a, *out, *n, e) : rc;
}

rc_t store_membership_put(store_t *st, const membership_t *m, err_t *e)
{
    return st->be->membership_put(st->h, m, e);
}

rc_t store_membership_clear(store_t *st, err_t *e)
{
    return st->be->membership_clear(st->h, e);
}

rc_t store_membership_list(store_t *st, const char *state, arena_t *a, membership_t **out,
                           size_t *n, err_t *e)
{
    return st->be->membership_list(st->h, state, a, out, n, e);
}

rc_t store_template_item_put(store_t *st, int version, const template_item_t *it, err_t *e)
{
    return st->be->template_item_put(st->h, version, it, e);
}

rc_t store_template_items(store_t *st, int version, arena_t *a, template_item_t **out,
                          size_t *n, err_t *e)
{
    return st->be->template_items(st->h, version, a, out, n, e);
}

rc_t store_report_insert(store_t *st, report_t *r, const void *doc, size_t len, err_t *e)
{
    return st->be->report_insert(st->h, r, doc, len, e);
}

rc_t store_report_get(store_t *st, long long id, arena_t *a, report_t *out, err_t *e)
{
    return st->be->report_get(st->h, id, a, out, e);
}

rc_t store_report_list(store_t *st, const char *state, arena_t *a, report_t **out, size_t *n,
                       err_t *e)
{
    return st->be->report_list(st->h, state, a, out, n, e);
}

rc_t store_report_attach(store_t *st, long long id, const void *doc, size_t len, err_t *e)
{
    return st->be->report_attach(st->h, id, doc, len, e);
}

rc_t store_report_document(store_t *st, long long id, arena_t *a, void **doc, size_t *len,
                           err_t *e)
{
    return st->be->report_document(st->h, id, a, doc, len, e);
}

rc_t store_version_insert(store_t *st, matrix_version_t *v, err_t *e)
{
    return st->be->version_insert(st->h, v, e);
}

rc_t store_version_get(store_t *st, const char *state, int number, arena_t *a,
                       matrix_version_t *out, err_t *e)
{
    return st->be->version_get(st->h, state, number, a, out, e);
}

rc_t store_version_list(store_t *st, const char *state, arena_t *a, matrix_version_t **out,
                        size_t *n, err_t *e)
{
    return st->be->version_list(st->h, state, a, out, n, e);
}

rc_t store_version_update(store_t *st, const matrix_version_t *v, err_t *e)
{
    return st->be->version_update(st->h, v, e);
}

rc_t store_version_set_status(store_t *st, long long version_id, mv_status_t status,
                              const char *date, err_t *e)
{
    return st->be->version_set_status(st->h, version_id, status, date, e);
}

rc_t store_entry_put(store_t *st, long long version_id, const matrix_entry_t *en, err_t *e)
{
    return st->be->entry_put(st->h, version_id, en, e);
}

rc_t store_entries_insert(store_t *st, long long version_id, const matrix_entry_t *entries,
                          size_t n, err_t *e)
{
    return st->be->entries_insert(st->h, version_id, entries, n, e);
}

rc_t store_entries_clear(store_t *st, long long version_id, err_t *e)
{
    return st->be->entries_clear(st->h, version_id, e);
}

rc_t store_entry_delete(store_t *st, long long version_id, const char *item, err_t *e)
{
    return st->be->entry_delete(st->h, version_id, item, e);
}

rc_t store_entries(store_t *st, long long version_id, arena_t *a, matrix_entry_t **out,
                   size_t *n, err_t *e)
{
    return st->be->entries(st->h, version_id, a, out, n, e);
}

/* ---- accounts, sessions, audit (web) ---- */

rc_t store_user_insert(store_t *st, user_t *u, err_t *e) { return st->be->user_insert(st->h, u, e); }

rc_t store_user_get(store_t *st, const char *name, arena_t *a, user_t *out, err_t *e)
{
    return st->be->user_get(st->h, name, a, out, e);
}

rc_t store_user_get_id(store_t *st, long long id, arena_t *a, user_t *out, err_t *e)
{
    return st->be->user_get_id(st->h, id, a, out, e);
}

rc_t store_user_list(store_t *st, arena_t *a, user_t **out, size_t *n, err_t *e)
{
    return st->be->user_list(st->h, a, out, n, e);
}

rc_t store_user_set_password(store_t *st, long long id, const char *pw_hash, err_t *e)
{
    return st->be->user_set_password(st->h, id, pw_hash, e);
}

rc_t store_user_set_disabled(store_t *st, long long id, bool disabled, err_t *e)
{
    return st->be->user_set_disabled(st->h, id, disabled, e);
}

rc_t store_session_insert(store_t *st, const session_t *s, err_t *e)
{
    return st->be->session_insert(st->h, s, e);
}

rc_t store_session_get(store_t *st, const char *token_hash, arena_t *a, session_t *out,
                       err_t *e)
{
    return st->be->session_get(st->h, token_hash, a, out, e);
}

rc_t store_session_touch(store_t *st, const char *token_hash, long long now, err_t *e)
{
    return st->be->session_touch(st->h, token_hash, now, e);
}

rc_t store_session_delete(store_t *st, const char *token_hash, err_t *e)
{
    return st->be->session_delete(st->h, token_hash, e);
}

rc_t store_session_delete_user(store_t *st, long long user_id, err_t *e)
{
    return st->be->session_delete_user(st->h, user_id, e);
}

rc_t store_session_purge(store_t *st, long long idle_before, long long created_before,
                         err_t *e)
{
    return st->be->session_purge(st->h, idle_before, created_before, e);
}

rc_t store_signin_counts(store_t *st, const char *name, const char *address, long long since,
                         signin_counts_t *out, err_t *e)
{
    return st->be->signin_counts(st->h, name, address, since, out, e);
}

rc_t store_signin_add(store_t *st, signin_attempt_t *a, err_t *e)
{
    return st->be->signin_add(st->h, a, e);
}

rc_t store_signin_finish(store_t *st, long long id, bool succeeded, err_t *e)
{
    return st->be->signin_finish(st->h, id, succeeded, e);
}

rc_t store_signin_lift(store_t *st, const char *name, const char *address, int *n, err_t *e)
{
    return st->be->signin_lift(st->h, name, address, n, e);
}

rc_t store_signin_purge(store_t *st, long long before, err_t *e)
{
    return st->be->signin_purge(st->h, before, e);
}

rc_t store_signin_list(store_t *st, long long since, int limit, arena_t *a,
                       signin_attempt_t **out, size_t *n, err_t *e)
{
    return st->be->signin_list(st->h, since, limit, a, out, n, e);
}

rc_t store_audit_insert(store_t *st, const audit_entry_t *en, err_t *e)
{
    return st->be->audit_insert(st->h, en, e);
}

rc_t store_audit_last(store_t *st, arena_t *a, audit_entry_t *out, err_t *e)
{
    return st->be->audit_last(st->h, a, out, e);
}

rc_t store_audit_list(store_t *st, long long from_seq, size_t limit, arena_t *a,
                      audit_entry_t **out, size_t *n, err_t *e)
{
    return st->be->audit_list(st->h, from_seq, limit, a, out, n, e);
}

rc_t store_comment_insert(store_t *st, matrix_comment_t *c, err_t *e)
{
    return st->be->comment_insert(st->h, c, e);
}

rc_t store_comments(store_t *st, long long version_id, arena_t *a, matrix_comment_t **out,
                    size_t *n, err_t *e)
{
    return st->be->comments(st->h, version_id, a, out, n, e);
}

rc_t store_review_set(store_t *st, const matrix_review_t *r, err_t *e)
{
    return st->be->review_set(st->h, r, e);
}

rc_t store_review_clear(store_t *st, long long version_id, err_t *e)
{
    return st->be->review_clear(st->h, version_id, e);
}

rc_t store_review_get(store_t *st, long long version_id, arena_t *a, matrix_review_t *out,
                      err_t *e)
{
    return st->be->review_get(st->h, version_id, a, out, e);
}

/* ---- assistance ---------------------------------------------------------------- */

rc_t store_org_put(store_t *st, const organization_t *o, err_t *e)
{
    return st->be->org_put(st->h, o, e);
}

rc_t store_org_list(store_t *st, arena_t *a, organization_t **out, size_t *n, err_t *e)
{
    return st->be->org_list(st->h, a, out, n, e);
}

rc_t store_request_insert(store_t *st, assistance_request_t *r, err_t *e)
{
    return st->be->request_insert(st->h, r, e);
}

rc_t store_request_get(store_t *st, long long id, arena_t *a, assistance_request_t *out,
                       err_t *e)
{
    return st->be->request_get(st->h, id, a, out, e);
}

rc_t store_request_list(store_t *st, const char *state, arena_t *a,
                        assistance_request_t **out, size_t *n, err_t *e)
{
    return st->be->request_list(st->h, state, a, out, n, e);
}

rc_t store_offer_insert(store_t *st, assistance_offer_t *o, err_t *e)
{
    return st->be->offer_insert(st->h, o, e);
}

rc_t store_offer_get(store_t *st, long long id, arena_t *a, assistance_offer_t *out, err_t *e)
{
    return st->be->offer_get(st->h, id, a, out, e);
}

rc_t store_offer_list(store_t *st, arena_t *a, assistance_offer_t **out, size_t *n, err_t *e)
{
    return st->be->offer_list(st->h, a, out, n, e);
}

rc_t store_proposal_insert(store_t *st, assistance_proposal_t *p, err_t *e)
{
    return st->be->proposal_insert(st->h, p, e);
}

rc_t store_proposal_get(store_t *st, long long id, arena_t *a, assistance_proposal_t *out,
                        err_t *e)
{
    return st->be->proposal_get(st->h, id, a, out, e);
}

rc_t store_proposal_list(store_t *st, long long request_id, arena_t *a,
                         assistance_proposal_t **out, size_t *n, err_t *e)
{
    return st->be->proposal_list(st->h, request_id, a, out, n, e);
}

rc_t store_proposal_update(store_t *st, const assistance_proposal_t *p, err_t *e)
{
    return st->be->proposal_update(st->h, p, e);
}

rc_t store_event_append(store_t *st, assistance_event_t *ev, err_t *e)
{
    return st->be->event_append(st->h, ev, e);
}

rc_t store_event_list(store_t *st, long long proposal_id, arena_t *a, assistance_event_t **out,
                      size_t *n, err_t *e)
{
    return st->be->event_list(st->h, proposal_id, a, out, n, e);
}

rc_t store_assistance_need(store_t *st, bool published_only, arena_t *a,
                           assistance_need_t **out, size_t *n, err_t *e)
{
    return st->be->assistance_need(st->h, published_only, a, out, n, e);
}

rc_t store_request_set_status(store_t *st, long long id, const char *status, err_t *e)
{
    return st->be->request_set_status(st->h, id, status, e);
}

rc_t store_offer_set_status(store_t *st, long long id, const char *status, err_t *e)
{
    return st->be->offer_set_status(st->h, id, status, e);
}

/* ---- review and outreach events (issue 5) ---- */

rc_t store_marks_each(store_t *st, store_mark_fn fn, void *ctx, err_t *e)
{
    return st->be->marks_each(st->h, fn, ctx, e);
}

rc_t store_outreach_insert(store_t *st, event_t *ev, err_t *e)
{
    return st->be->outreach_insert(st->h, ev, e);
}

rc_t store_outreach_get(store_t *st, long long id, arena_t *a, event_t *out, err_t *e)
{
    return st->be->outreach_get(st->h, id, a, out, e);
}

rc_t store_outreach_list(store_t *st, const char *state, arena_t *a, event_t **out, size_t *n,
                         err_t *e)
{
    return st->be->outreach_list(st->h, state, a, out, n, e);
}
