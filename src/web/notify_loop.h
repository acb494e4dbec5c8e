/*
 * The sender's thread in `r1540 serve`: a pass of notify_deliver
 * (app/notify_deliver.h) at start and then every interval, on a store handle
 * of its own, until the server stops.
 */
#ifndef R1540_WEB_NOTIFY_LOOP_H
#define R1540_WEB_NOTIFY_LOOP_H

#include "../app/notify_deliver.h"

typedef struct notify_loop notify_loop_t;

/* Starts the thread; c must outlive it. RC_DB if the database cannot be
 * opened, RC_FAIL if the thread cannot start. */
rc_t notify_loop_start(const char *db_path, const notify_config_t *c, int interval_s,
                       notify_loop_t **out, err_t *e);

/* Wakes the thread, waits for its pass to end and frees it; NULL is a no-op. */
void notify_loop_stop(notify_loop_t *l);

#endif
