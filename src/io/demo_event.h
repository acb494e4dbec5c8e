/*
 * Demo outreach events: regional training courses for points of contact,
 * regional workshops, peer-review visits and national round tables, generated
 * deterministically from the states' codes and regions (docs/internals/demo-data.md).
 */
#ifndef R1540_IO_DEMO_EVENT_H
#define R1540_IO_DEMO_EVENT_H

#include "../store/store.h"

/* Adds the demo events for the given states (alpha-3 order). */
rc_t demo_events_generate(store_t *st, const state_t *states, size_t n, arena_t *a, err_t *e);

#endif
