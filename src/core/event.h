/*
 * Outreach events: training courses for points of contact, regional
 * workshops, peer-review visits and national round tables, with their dates,
 * place, organizer, participating states and themes. A workshop that the
 * review proposes (src/review/cluster.h) becomes a planned event here.
 */
#ifndef R1540_CORE_EVENT_H
#define R1540_CORE_EVENT_H

#include <stddef.h>

#include "../util/err.h"

#define EVENT_TEXT_MAX 500

extern const char *const event_kinds[];
enum { EVENT_KIND_COUNT = 4 };
extern const char *const event_statuses[];
enum { EVENT_STATUS_COUNT = 3 };

typedef struct {
    long long id;       /* store-assigned */
    const char *kind;   /* one of event_kinds[] */
    const char *status; /* planned, held, cancelled (one of event_statuses[]) */
    char *title;        /* arena-owned */
    char start[11];     /* YYYY-MM-DD */
    char end[11];       /* YYYY-MM-DD, not before start */
    char *place;        /* arena-owned; "" when not decided */
    char *organizer;    /* arena-owned; "" when not decided */
    char (*states)[4];  /* arena-owned: alpha-3 codes, sorted, no duplicates */
    size_t nstates;
    char **themes;      /* arena-owned: theme keys, sorted, no duplicates */
    size_t nthemes;
} event_t;

/* Returns the canonical kind (or status) string for s, or NULL if it is none. */
const char *event_kind_parse(const char *s);
const char *event_status_parse(const char *s);
/* Checks every field; the message names the offending field. Sorts and
 * deduplicates the states and themes in place. */
rc_t event_validate(event_t *ev, err_t *e);

#endif
