/*
 * Programmes and partners (src/core/programme.h): an organization's
 * programmes, the offers made under each, and the overlap view — programmes
 * of different organizations that cover a same theme in a same M49 region
 * (one region inside the other counts) in periods that meet — for the
 * Committee's "without duplication" ask. Reading is public, the contact only
 * for an account; changes are ACT_PROGRAMME_EDIT for the programme's
 * organization (authz_acts_for_org), each audited as programme.*.
 */
#ifndef R1540_APP_APP_PROGRAMME_H
#define R1540_APP_APP_PROGRAMME_H

#include "../core/programme.h"
#include "app.h"

/* Adds p for p->org (a provider account: its own organization when p->org is
 * "" or NULL); assigns p->id. RC_DENIED, RC_INPUT naming the field, RC_NOTFOUND
 * for an unknown organization, theme or region. Audited as programme.add. */
rc_t app_programme_add(app_t *a, programme_t *p, err_t *e);

/* Replaces programme p->id's fields (its organization stays). RC_NOTFOUND if
 * there is none. Audited as programme.update. */
rc_t app_programme_update(app_t *a, programme_t *p, err_t *e);

/* Removes programme id; its offers stay, outside any programme. Audited as
 * programme.remove. */
rc_t app_programme_remove(app_t *a, long long id, err_t *e);

/* Programme id with the ids of its offers (ascending). RC_NOTFOUND. The
 * contact is "" for the public. */
rc_t app_programme_get(app_t *a, long long id, programme_t *out, long long **offers,
                       size_t *noffers, err_t *e);

/* The programmes of organization org, or all when NULL; by org, id. The
 * contact is "" for the public. */
rc_t app_programme_list(app_t *a, const char *org, programme_t **out, size_t *n, err_t *e);

/* Puts offer offer_id (made by the programme's organization) under programme
 * programme_id, out of any other. RC_REFUSED for another provider's offer.
 * Audited as programme.offer.link. */
rc_t app_programme_offer_link(app_t *a, long long programme_id, long long offer_id, err_t *e);

/* Takes offer offer_id out of its programme. RC_NOTFOUND if in none.
 * Audited as programme.offer.unlink. */
rc_t app_programme_offer_unlink(app_t *a, long long offer_id, err_t *e);

/* Two programmes of different organizations that may duplicate each other. */
typedef struct {
    const programme_t *a, *b; /* a->id < b->id */
    char *themes;             /* the theme keys both cover */
    char *regions;            /* the M49 regions both serve (the narrower of
                                 each nested pair); "001" when both are worldwide */
    char from[11], until[11]; /* the days both run, "" open-ended */
} programme_overlap_t;        /* arena-owned */

/* The overlapping pairs among all programmes (or those covering theme when
 * theme is not NULL), by the first's then the second's id. Public. */
rc_t app_programme_overlap(app_t *a, const char *theme, programme_overlap_t **out, size_t *n,
                           err_t *e);

#endif
