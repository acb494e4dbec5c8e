/*
 * Outreach to states that do not report (src/core/outreach.h): the
 * Committee's letters, meetings and visits to one state with the state's
 * answer, and the view of the states that never reported or have been silent
 * for years, each with the last outreach to it. Not public: ACT_OUTREACH_READ.
 */
#ifndef R1540_APP_APP_OUTREACH_H
#define R1540_APP_APP_OUTREACH_H

#include "../core/outreach.h"
#include "app.h"

/* Records o (its answer left empty). ACT_OUTREACH_RECORD. RC_INPUT naming the
 * field; RC_NOTFOUND for an unknown state. Audited as outreach.add of
 * "outreach:ID". */
rc_t app_outreach_add(app_t *a, outreach_entry_t *o, err_t *e);

/* Records the state's answer to entry id (replacing an earlier one).
 * ACT_OUTREACH_ANSWER on the entry's state. Audited as outreach.answer. */
rc_t app_outreach_answer(app_t *a, long long id, const char *answer, const char *date, err_t *e);

/* The entries of one state (alpha-3), or of every state when NULL. */
rc_t app_outreach_list(app_t *a, const char *state, outreach_entry_t **out, size_t *n, err_t *e);

/* One state in the reporting-silence view. */
typedef struct {
    state_t state;
    char last_report[11];          /* "" when it never reported */
    int years_silent;              /* whole years since, -1 when it never reported */
    const outreach_entry_t *last;  /* the latest outreach entry, NULL if none */
    size_t nentries;               /* all its outreach entries */
} outreach_silence_t;

/* The states that never reported or whose latest report of any kind is at
 * least `years` whole years before as_of (YYYY-MM-DD), never-reported first,
 * then the longest silent, then by alpha-3; each with its latest outreach.
 * ACT_OUTREACH_READ for every state (not a point of contact). */
rc_t app_outreach_silence(app_t *a, int years, const char *as_of, outreach_silence_t **out,
                          size_t *n, err_t *e);

#endif
