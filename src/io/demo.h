/*
 * The demo data set: deterministic, plausible national reports and matrix
 * versions for the member states, so every view has something to show before
 * real data is imported. The database is marked (meta demo=1) so that every
 * view can say the figures are not real.
 */
#ifndef R1540_IO_DEMO_H
#define R1540_IO_DEMO_H

#include "../store/store.h"

/* Generates the demo data into a database that has reference data but no
 * reports or matrices (RC_REFUSED otherwise). Same output on every run. */
rc_t demo_generate(store_t *st, const char *data_dir, arena_t *a, err_t *e);
/* The assistance part: requests and offers (demo_assistance.c). */
rc_t demo_assistance_generate(store_t *st, arena_t *a, err_t *e);
/* Proposals and their history, from the matcher run in rounds on past dates
 * with the weights of data_dir/match/weights.conf (demo_proposals.c). */
rc_t demo_proposals_generate(store_t *st, const char *data_dir, arena_t *a, err_t *e);

#endif
