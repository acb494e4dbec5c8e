/*
 * Review analytics: coverage of matrix fields, as of a date, and its trend.
 *
 * Coverage is the share of applicable fields marked X. A field is applicable
 * unless it is marked NA; blank and ? fields are applicable and not covered
 * (? is counted apart so that it can be shown). The version "in force" for a
 * state on a date D is its approved or published version with the latest
 * approval date on or before D (ties: the higher version number). These are
 * indicators of what the matrices record, never a measure of compliance:
 * docs/review.md gives every formula and how to recompute it from the open
 * data export.
 */
#ifndef R1540_REVIEW_METRICS_H
#define R1540_REVIEW_METRICS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../store/store.h"

/* The date the Security Council adopted resolution 1540: no review before it. */
#define REVIEW_FIRST_DATE "2004-04-28"

typedef struct {
    unsigned x, unsure, blank, na; /* fields by mark */
} cov_t;

/* Fields that are not NA. */
unsigned cov_applicable(const cov_t *c);
/* 100 * X / applicable; -1 when nothing is applicable. */
double cov_pct(const cov_t *c);
void cov_add(cov_t *to, const cov_t *from);

enum { REVIEW_SECTIONS = 4, REVIEW_WEAPONS = 4, REVIEW_FLAGS = 3 };
extern const char *const review_weapon_keys[REVIEW_WEAPONS]; /* nuclear ... delivery */
extern const char *const review_flag_keys[REVIEW_FLAGS];     /* LDC, LLDC, SIDS */

/* One approved or published matrix version, reduced to its marks. */
typedef struct {
    long long id;
    size_t state;          /* index into review_data_t.states */
    int number;
    char approved[11];     /* approval date (publication date if none was kept) */
    unsigned char *marks;  /* one mark_t per review item; absent entries are blank */
    cov_t total;           /* over all review items */
} review_version_t;

/*
 * Everything the review reads, loaded once (review_data_load) and kept in the
 * caller's arena. Items are those of the newest template any frozen version
 * uses; entries of versions on another template count by item id.
 */
typedef struct {
    state_t *states;            /* by alpha-3 */
    size_t nstates;
    template_item_t *items;     /* display order */
    size_t nitems;
    size_t *item_order;         /* item indices sorted by id, for review_item_index */
    int template_version;
    uint64_t *item_themes;      /* per item: bit t set when it carries theme t */
    int *item_section;          /* per item: index into sections, -1 if none */
    int *item_weapon;           /* per item: index into review_weapon_keys, -1 if none */
    vocab_t *themes, *sections, *regions, *groups;
    size_t nthemes, nsections, nregions, ngroups; /* regions, groups: those states use */
    size_t *state_region, *state_group;           /* per state: index into regions, groups */
    review_version_t *versions; /* by state, approval date, number */
    size_t nversions;
    size_t *first_version;      /* per state: index of its first version (nversions+1 entries) */
    char (*first_report)[11];   /* per state: date of the first report, "" if none */
    char (*report_dates)[11];   /* all report dates except letters, by state and date */
    size_t *first_report_date;  /* per state: index into report_dates (nstates+1 entries) */
    membership_t *memberships;  /* dated LDC / LLDC / SIDS and group periods (issue 12) */
    size_t nmemberships;
    bool demo;
} review_data_t;

/* The index of the state with this alpha-3 code, or d->nstates if none. */
size_t review_state_index(const review_data_t *d, const char *alpha3);
/* True if state k is in flag group f (0 LDC, 1 LLDC, 2 SIDS) on date: by the
 * dated memberships, or by the state's stored flag when the database has none. */
bool review_state_flag(const review_data_t *d, size_t k, int f, const char *date);
/* The index of the item with this id, or -1 if none. */
long review_item_index(const review_data_t *d, const char *id);

/* Loads states, template, vocabulary, reports and the marks of every frozen
 * version. RC_INPUT with a clear message when the database has no states or
 * no approved matrix: there is nothing to review. */
rc_t review_data_load(store_t *st, arena_t *a, review_data_t *d, err_t *e);
/* The same with only the published versions when published_only: what the
 * public may see (an approved version is not public until it is published). */
rc_t review_data_load_opts(store_t *st, bool published_only, arena_t *a, review_data_t *d,
                           err_t *e);

/* Coverage and reporting as of one date. Arrays are in the data's orders. */
typedef struct {
    char as_of[11];
    long *in_force;        /* per state: version index, or -1 */
    size_t with_matrix;    /* states with a version in force */
    cov_t total;
    cov_t *by_state, *by_item, *by_theme, *by_region, *by_group;
    cov_t by_section[REVIEW_SECTIONS], by_weapon[REVIEW_WEAPONS], by_flag[REVIEW_FLAGS];
    cov_t *state_theme;    /* nstates x nthemes */
    cov_t *region_item;    /* nregions x nitems */
    cov_t *region_theme;   /* nregions x nthemes */
    int *years_since;      /* per state: whole years since its last report; -1 never */
    size_t reported, never;
} review_snapshot_t;

/* Validates a review date: YYYY-MM-DD, not before REVIEW_FIRST_DATE, not after
 * today. `what` names the option in the message. */
rc_t review_date_check(const char *date, const char *what, err_t *e);

/* Computes the snapshot as of `date` (a valid date). */
void review_snapshot(const review_data_t *d, const char *date, arena_t *a, review_snapshot_t *s);

/* The version of state i in force on date, or -1. */
long review_in_force(const review_data_t *d, size_t state, const char *date);

/* Coverage over time: one point per year end from the first approval's year
 * to the year of as_of, the last point being as_of itself. */
typedef struct {
    char date[11];
    cov_t total;
    cov_t *by_region; /* nregions */
} review_trend_point_t;

review_trend_point_t *review_trend(const review_data_t *d, const char *as_of, arena_t *a,
                                   size_t *npoints);

#endif
