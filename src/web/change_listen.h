/*
 * The change listener: one thread per server, on a connection of its own,
 * that hears of every commit to the database as it happens (PostgreSQL's
 * LISTEN/NOTIFY, store op change_wait) and moves the data generation at once,
 * so that cached answers never outlive another server's or the CLI's write
 * by more than the notice's trip. Where the database announces nothing
 * (SQLite, a PostgreSQL standby) or while the listener's connection is lost,
 * the workers' poll of the change counter (server.c) is all there is.
 */
#ifndef R1540_WEB_CHANGE_LISTEN_H
#define R1540_WEB_CHANGE_LISTEN_H

#include <stdbool.h>

#include "../store/store.h"

/* Starts the thread on its own store_t of db_path opened in mode; each
 * notice (and the start, and every reconnection, after which anything may
 * have changed) calls changed(). It never fails: a database that cannot be
 * reached is tried again, one that announces nothing ends the thread.
 * R1540_CHANGE_LISTEN=0 in the environment: not started (polling only). */
void change_listen_start(const char *db_path, store_open_mode_t mode, void (*changed)(void));

/* Whether the listener hears notices right now: connected and listening. */
bool change_listen_hearing(void);

/* Stops the thread (within a wait's timeout) and closes its store. No-op when
 * it was not started. */
void change_listen_stop(void);

#endif
