/*
 * Demo programmes of organizations (issue 17 item 4): a few programmes of
 * real organizations of the registry, each titled "(demo)" and described as
 * demo data — they are not the organizations' real programmes — with the demo
 * offers of the same organization put under them (docs/internals/demo-data.md).
 */
#ifndef R1540_IO_DEMO_PROGRAMME_H
#define R1540_IO_DEMO_PROGRAMME_H

#include "../store/store.h"

/* Adds the demo programmes and links the organizations' demo offers to them. */
rc_t demo_programmes_generate(store_t *st, arena_t *a, err_t *e);

#endif
