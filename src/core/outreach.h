/*
 * Outreach to states that do not report (issue 17): the Committee's letters,
 * meetings and visits to one state, each dated, with the state's answer when
 * it comes. The Committee's correspondence with a state is not public: it is
 * read by the Committee, the experts, the administrators and that state
 * (ACT_OUTREACH_READ). Events with many states (workshops, courses) are
 * core/event.h; this is one state at a time.
 */
#ifndef R1540_CORE_OUTREACH_H
#define R1540_CORE_OUTREACH_H

#include <stddef.h>

#include "../util/err.h"

#define OUTREACH_SUBJECT_MAX 300 /* bytes, one line */
#define OUTREACH_ANSWER_MAX 4000 /* bytes */

extern const char *const outreach_kinds[]; /* letter, meeting, visit */

typedef struct {
    long long id;         /* store-assigned */
    char state[4];        /* alpha-3 */
    char date[11];        /* YYYY-MM-DD: sent, held or made */
    const char *kind;     /* one of outreach_kinds */
    char *subject;        /* one line */
    char *answer;         /* the state's answer, "" until it comes */
    char answer_date[11]; /* "" until it comes */
} outreach_entry_t;       /* strings arena-owned */

/* The canonical kind for s, or NULL. */
const char *outreach_kind_parse(const char *s);

/* Checks the entry's fields (not the answer's); RC_INPUT naming the field. */
rc_t outreach_entry_validate(const outreach_entry_t *o, err_t *e);

/* Checks an answer to entry o: 1 to OUTREACH_ANSWER_MAX bytes of text, dated
 * on or after the entry. RC_INPUT naming the field. */
rc_t outreach_answer_validate(const outreach_entry_t *o, const char *answer, const char *date,
                              err_t *e);

#endif
