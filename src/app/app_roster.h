/*
 * The roster of national points of contact and training attendance
 * (src/core/contact.h): who may read it is ACT_ROSTER_READ (the Committee,
 * experts, administrators, the state's own accounts), who keeps it current
 * ACT_ROSTER_EDIT (the state's accounts), who links entries to accounts
 * ACT_ROSTER_LINK (administrators), who records attendance
 * ACT_ATTENDANCE_RECORD (the Committee, experts). The audit entries name the
 * entry and its state, never the person: the log is append-only, and a
 * person's name must be removable with their entry.
 */
#ifndef R1540_APP_APP_ROSTER_H
#define R1540_APP_APP_ROSTER_H

#include "../core/contact.h"
#include "app.h"

/* The roster of one state (alpha-3), or of every state when state is NULL
 * (RC_DENIED for a point of contact, who reads only their own). */
rc_t app_contact_list(app_t *a, const char *state, contact_t **out, size_t *n, err_t *e);

/* One entry; RC_NOTFOUND if none, RC_DENIED if its state's roster is not the
 * actor's to read. */
rc_t app_contact_get(app_t *a, long long id, contact_t *out, err_t *e);

/* Adds c to its state's roster (c->user_id is ignored: linking is
 * app_contact_link). RC_INPUT naming the field. On RC_OK c->id is the new id.
 * Audited as contact.add of "contact:ID". */
rc_t app_contact_add(app_t *a, contact_t *c, err_t *e);

/* Rewrites entry c->id's fields with c's; its state is the stored one (c->state
 * is set to it). Audited as contact.update. */
rc_t app_contact_update(app_t *a, contact_t *c, err_t *e);

/* Removes an entry and its attendance. Audited as contact.remove. */
rc_t app_contact_remove(app_t *a, long long id, err_t *e);

/* Links entry id to the account user_name (a point of contact of the entry's
 * state; RC_REFUSED otherwise), or unlinks it when user_name is NULL or "".
 * RC_NOTFOUND for no such entry or account. Audited as contact.link. */
rc_t app_contact_link(app_t *a, long long id, const char *user_name, err_t *e);

/* Records that entry contact_id attended event event_id (or clears it).
 * RC_NOTFOUND for no such event or entry. Audited as attendance.set of
 * "event:ID". */
rc_t app_attendance_set(app_t *a, long long event_id, long long contact_id, bool attended,
                        err_t *e);

/* Who attended event event_id: only the entries of the states whose roster the
 * actor may read (a point of contact sees their own state's). RC_DENIED for the
 * public; RC_NOTFOUND for no such event. */
rc_t app_attendance_list(app_t *a, long long event_id, contact_t **out, size_t *n, err_t *e);

#endif
