/*
 * Effective practices and lessons learned (core/practice.h): a state's or an
 * organization's accounts submit them, an expert or the Committee publishes
 * or returns them with a note, and everyone reads the published ones: the
 * list, a practice's page and document, the practices of one matrix item,
 * and the search. A practice that is not published is read only by the
 * reviewers (ACT_PRACTICE_REVIEW) and by its own submitter's side (the
 * state's points of contact, the organization's provider accounts); to
 * anyone else it does not exist (RC_NOTFOUND, never RC_DENIED, so that its
 * existence does not leak either).
 */
#ifndef R1540_APP_APP_PRACTICE_H
#define R1540_APP_APP_PRACTICE_H

#include "../core/practice.h"
#include "../text/analyze.h"
#include "app.h"

/* A submission as typed; NULL or "" for an absent field. */
typedef struct {
    const char *state;    /* any code of the submitting state, or NULL */
    const char *org;      /* the submitting organization's code, or NULL */
    const char *title, *summary, *language, *items, *themes;
    const char *filename; /* the document's name, NULL with none */
    const void *doc;      /* its bytes, or NULL */
    size_t len;
    bool demo;            /* the demo generator's (the system actor only) */
} app_practice_in_t;

/* Records a submitted practice. ACT_PRACTICE_SUBMIT for the state (a point of
 * contact: their own); for an organization, an account acting for it
 * (authz_acts_for_provider). RC_INPUT naming the field; RC_NOTFOUND for an
 * unknown state, organization, item or theme; RC_REFUSED for a document over
 * the maximum size. Audited as practice.submit of "practice:ID". */
rc_t app_practice_submit(app_t *a, const app_practice_in_t *in, practice_t *out, err_t *e);

/* Publishes (decision "publish") or returns ("return", with a note of 1 to
 * PRACTICE_NOTE_MAX bytes) a submitted practice. ACT_PRACTICE_REVIEW.
 * RC_REFUSED when it is not submitted (core/practice.h's table); publishing
 * puts its title, summary and document text in the search index. Audited as
 * practice.publish / practice.return. */
rc_t app_practice_decide(app_t *a, long long id, const char *decision, const char *note,
                         practice_t *out, err_t *e);

/* True if the actor may read p (published, or see above). */
bool app_practice_visible(app_t *a, const practice_t *p);

/* One practice the actor may read; RC_NOTFOUND otherwise. */
rc_t app_practice_get(app_t *a, long long id, practice_t *out, err_t *e);

/* The practices that pass f and that the actor may read, newest first.
 * RC_INPUT for an unknown status in f. */
rc_t app_practice_list(app_t *a, const practice_filter_t *f, practice_t **out, size_t *n,
                       err_t *e);

/* The document of a practice the actor may read; RC_NOTFOUND otherwise. */
rc_t app_practice_document(app_t *a, long long id, practice_t *p, void **doc, size_t *len,
                           err_t *e);

/* The published practices matching a parsed query, best first, at most
 * limit (everyone may search them). */
rc_t app_practice_search(app_t *a, const text_query_t *q, long long limit, practice_t **out,
                         size_t *n, long long *total, err_t *e);

#endif
