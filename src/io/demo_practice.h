/*
 * Demo effective practices (issue 17 item 5): a handful of entries, marked
 * demo in the store and on every page that shows them, some published and
 * one still waiting for review (docs/internals/demo-data.md). Invented text:
 * no real state's practice is described.
 */
#ifndef R1540_IO_DEMO_PRACTICE_H
#define R1540_IO_DEMO_PRACTICE_H

#include "../store/store.h"

/* Adds the demo practices; submitters are chosen by position among the
 * states (alpha-3 order), so the same reference data gives the same ones. */
rc_t demo_practices_generate(store_t *st, const state_t *states, size_t n, arena_t *a, err_t *e);

#endif
