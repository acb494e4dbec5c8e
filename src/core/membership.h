/*
 * A state's membership of a group over a period: the LDC, LLDC and SIDS
 * categories and the UN regional groups change (an LDC graduates, Bahrain left
 * the SIDS list), so a figure "as of D" must group states by the memberships
 * in force on D, not by today's. Reference data, from data/states/memberships.tsv.
 */
#ifndef R1540_CORE_MEMBERSHIP_H
#define R1540_CORE_MEMBERSHIP_H

#include <stdbool.h>
#include <stddef.h>

typedef struct {
    char state[4];  /* alpha-3 */
    char group[8];  /* LDC, LLDC, SIDS, or a UN regional group code (AFR ... WEOG) */
    char from[11];  /* first day of membership; "" = before the record starts */
    char to[11];    /* first day it no longer holds; "" = open-ended */
    char *source;   /* where the period comes from (arena-owned) */
} membership_t;

/* True for LDC, LLDC, SIDS and the five UN regional group codes. */
bool membership_group_valid(const char *group);
/* True if the period holds on date (YYYY-MM-DD): from <= date < to. */
bool membership_in_force(const membership_t *m, const char *date);
/* True if state belongs to group on date according to the n periods in m. */
bool membership_on(const membership_t *m, size_t n, const char *state, const char *group,
                   const char *date);
/* True if two periods share a day (whatever their states and groups). */
bool membership_overlap(const membership_t *x, const membership_t *y);
/* Checks one period: a state code of 3 letters, a known group, dates that are
 * valid or empty with from before to, and a source. Writes why not into why. */
bool membership_valid(const membership_t *m, const char **why);
/* How a period stands on date: "past", "current" or "scheduled" (it starts
 * after date), or "ends" when it holds on date but a scheduled end is set. */
const char *membership_status(const membership_t *m, const char *date);

#endif
