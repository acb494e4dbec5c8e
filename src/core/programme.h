/*
 * Programmes and partners (issue 17 item 4): an organization's standing
 * programme of assistance — the themes it covers, the M49 regions it serves,
 * the languages it works in, its period and whom to contact — with the
 * offers made under it. Resolution 2663 (2022) asks for an updated list of
 * assistance providers and programmes; the overlap view (app_programme.h)
 * answers the Committee's ask to work with the IAEA, OPCW, WCO and regional
 * organizations without duplication.
 *
 * Who: anyone reads programmes (the contact only when signed in); the
 * organization's own accounts, the experts and the Committee keep them
 * (ACT_PROGRAMME_EDIT with authz_acts_for_org).
 */
#ifndef R1540_CORE_PROGRAMME_H
#define R1540_CORE_PROGRAMME_H

#include <stdbool.h>

#include "../util/err.h"

#define PROGRAMME_TITLE_MAX 300   /* bytes, one line */
#define PROGRAMME_TEXT_MAX 4000   /* bytes */
#define PROGRAMME_CONTACT_MAX 300 /* bytes, one line */

typedef struct {
    long long id;            /* store-assigned */
    char *org;               /* organization code of the registry; never changes */
    char *title;             /* one line */
    char *description;       /* may be "" */
    char *themes;            /* theme keys, comma-separated: at least one */
    char *regions;           /* M49 codes served; "" worldwide */
    char *languages;         /* ISO 639 codes it works in, may be "" */
    char start[11], end[11]; /* its period, "" open-ended */
    char *contact;           /* office or address to write to, may be ""; signed-in readers only */
} programme_t;               /* strings arena-owned */

/* Checks the fields' form (not that the organization, themes or regions
 * exist: the caller checks them against the store). RC_INPUT, the error
 * naming the field (err_field) so a form shows it there. */
rc_t programme_validate(const programme_t *p, err_t *e);

/* True if the two periods share at least one day ("" is open-ended). */
bool programme_periods_overlap(const programme_t *a, const programme_t *b);

#endif
