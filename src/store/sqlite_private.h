/*
 * What the SQLite backend's files share beyond store.h: the connection of a
 * handle and the one place that turns an SQLite failure into an rc and a
 * message (sqlite.c). The review and event queries live in their own files
 * so that sqlite.c does not grow with every feature.
 */
#ifndef R1540_STORE_SQLITE_PRIVATE_H
#define R1540_STORE_SQLITE_PRIVATE_H

#include <sqlite3.h>

#include "store.h"

sqlite3 *sqlite_store_db(void *h);
/* Turns the connection's last failure into an rc and a message in e. */
rc_t sqlite_store_fail(void *h, err_t *e);

/* sqlite_review.c */
rc_t sqlite_marks_each(void *h, void (*fn)(void *, long long, const char *, mark_t), void *ctx,
                       err_t *e);
/* sqlite_event.c */
rc_t sqlite_event_insert(void *h, event_t *ev, err_t *e);
rc_t sqlite_event_get(void *h, long long id, arena_t *a, event_t *out, err_t *e);
rc_t sqlite_event_list(void *h, const char *state, arena_t *a, event_t **out, size_t *n,
                       err_t *e);

#endif
