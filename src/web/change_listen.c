/*
 * The change listener (change_listen.h). The thread waits on its own
 * connection (store_change_wait) in slices of LISTEN_SLICE_MS, so that a stop
 * is seen soon without a wake-up pipe; a lost connection is tried again every
 * LISTEN_RETRY_MS (postgres.c paces the tries across the process), and the
 * reconnection counts as a change: the commits in the gap went unheard.
 * `hearing` tells the workers whether they may poll the change counter less
 * often (server.c): while it is false, they poll as often as before.
 */
#include "change_listen.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define LISTEN_SLICE_MS 250
#define LISTEN_RETRY_MS 250

static pthread_t listener;
static bool started;
static atomic_bool stopping;
static atomic_bool hearing;
static const char *listen_db;
static store_open_mode_t listen_mode;
static void (*listen_changed)(void);

bool change_listen_hearing(void) { return atomic_load(&hearing); }

static void pause_ms(int ms)
{
    nanosleep(&(struct timespec){ms / 1000, (long)(ms % 1000) * 1000000L}, NULL);
}

static void *listen_main(void *arg)
{
    (void)arg;
    store_t *st = NULL;
    while (!atomic_load(&stopping)) {
        err_t e = {0};
        if (!st && store_open(listen_db, listen_mode, &st, &e) != RC_OK) {
            pause_ms(LISTEN_RETRY_MS);
            continue;
        }
        bool heard = false;
        rc_t rc = store_change_wait(st, LISTEN_SLICE_MS, &heard, &e);
        if (rc == RC_REFUSED)
            break; /* nothing is announced here: the workers poll */
        atomic_store(&hearing, rc == RC_OK);
        if (heard)
            listen_changed();
        if (rc != RC_OK)
            pause_ms(LISTEN_RETRY_MS);
    }
    atomic_store(&hearing, false);
    store_close(st);
    return NULL;
}

void change_listen_start(const char *db_path, store_open_mode_t mode, void (*changed)(void))
{
    /* a pooler that hands each transaction a different connection (PgBouncer
     * in transaction mode) delivers no notices: such a deployment turns the
     * listener off and relies on the poll (docs/deployment.md) */
    const char *on = getenv("R1540_CHANGE_LISTEN");
    if (on && strcmp(on, "0") == 0)
        return;
    listen_db = db_path;
    listen_mode = mode;
    listen_changed = changed;
    atomic_store(&stopping, false);
    started = pthread_create(&listener, NULL, listen_main, NULL) == 0;
    if (!started)
        fprintf(stderr, "r1540: no change listener (thread not started): polling only\n");
}

void change_listen_stop(void)
{
    if (!started)
        return;
    atomic_store(&stopping, true);
    pthread_join(listener, NULL);
    started = false;
}
