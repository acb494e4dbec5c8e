/*
 * The comprehensive review, assembled once and rendered in any format:
 * coverage as of a date and as of an earlier comparison date, its trend, the
 * lowest-coverage items and themes (globally and per region), the groups of
 * states with similar gaps and the regional workshops they suggest. Every
 * renderer (report_json.c, report_html.c, report_pdf.c, report_xlsx.c) reads
 * this structure and nothing else, so all formats show the same figures.
 */
#ifndef R1540_REVIEW_REVIEW_H
#define R1540_REVIEW_REVIEW_H

#include "../core/event.h"
#include "../util/buf.h"
#include "assist_figures.h"
#include "cluster.h"
#include "gaps.h"
#include "metrics.h"

#define REVIEW_TOP_GAPS 10

typedef struct {
    lang_t lang;
    char as_of[11];  /* "" = today */
    char since[11];  /* "" = five years before as_of (or 2004-04-28) */
    size_t groups;   /* 0 = cluster_default_k */
    bool published_only; /* only published versions count (the public web dashboard) */
    workshop_opts_t workshops; /* zeroed: sub-regions, WORKSHOP_MIN_SIZE to WORKSHOP_MAX_SIZE */
} review_opts_t;

typedef struct {
    lang_t lang;
    bool published_only;           /* the basis: published matrices only, or approved too */
    review_data_t d;
    review_snapshot_t now, then;   /* as of as_of, as of since */
    review_trend_point_t *trend;
    size_t ntrend;
    review_gap_t *item_gaps, *theme_gaps; /* global, lowest first, REVIEW_TOP_GAPS at most */
    size_t nitem_gaps, ntheme_gaps;
    review_gap_t **region_item_gaps, **region_theme_gaps; /* per region */
    size_t *nregion_item_gaps, *nregion_theme_gaps;
    review_workshop_t *workshops;
    size_t nworkshops, ngroups;
    size_t workshop_min, workshop_max; /* the workshops' size bounds used */
    long *group_of;                /* per state: its similar-gap group, -1 without matrix */
    size_t *state_order;           /* state indices sorted by name in `lang` (ICU collation) */
    event_t *events;               /* outreach events starting from `since` to `as_of` */
    size_t nevents;
    assist_figures_t assist;       /* as of as_of; assist.workshops parallels workshops */
} review_t;

/* Loads and computes everything (see review_opts_t for the defaults). RC_USAGE
 * for a bad date, RC_INPUT for a database with nothing to review. */
rc_t review_build(store_t *st, const review_opts_t *o, arena_t *a, review_t *r, err_t *e);

/* The line every page with figures carries, in r->lang. */
const char *review_caveat(lang_t lang);
/* The name of an event kind or status in lang. */
const char *review_event_kind_name(lang_t lang, const char *kind);
const char *review_event_status_name(lang_t lang, const char *status);
/* The names of weapon type w (review_weapon_keys) and flag f (review_flag_keys). */
const char *review_weapon_name(lang_t lang, int w);
const char *review_flag_name(lang_t lang, int f);
/* Sorts the n state indices in idx by the states' names in lang: ICU collation
 * once collate_init (util/collate.h) has run, byte order before. */
void review_sort_states(const review_data_t *d, lang_t lang, size_t *idx, size_t n);

/* Renderers. JSON and HTML append to b; PDF and XLSX write the file at path. */
void review_render_json(const review_t *r, buf_t *b);
/* Only the "groups" and "workshops" members (no braces around them). */
void review_render_workshops_json(const review_t *r, buf_t *b);
void review_render_html(const review_t *r, buf_t *b);
rc_t review_render_pdf(const review_t *r, const char *path, err_t *e);
rc_t review_render_xlsx(const review_t *r, const char *path, err_t *e);

#endif
