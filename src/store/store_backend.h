/*
 * What a backend provides, for the backends and store.c only: callers include
 * store.h and never see this. A backend is a constructor that opens its
 * database and returns its own handle, and a store_backend_t: its name, close,
 * rollback, and one function per operation of store_ops.def taking that handle
 * in place of the store. docs/internals/new-backend.md says what each must do.
 */
#ifndef R1540_STORE_STORE_BACKEND_H
#define R1540_STORE_STORE_BACKEND_H

#include "store.h"

typedef struct {
    const char *name; /* "sqlite", ... */
    /* Opens (STORE_OPEN_CREATE: creates) the database at `where`, the URL
     * without the backend's prefix, and applies its pending schema migrations;
     * *handle is the backend's, freed by close. */
    rc_t (*open)(const char *where, store_open_mode_t mode, void **handle, err_t *e);
    /* Whether something (an r1540 database or not) is at `where`. */
    bool (*exists)(const char *where);
    /* Removes the database at `where` and all the backend keeps beside it;
     * RC_OK when there was none. No handle may be open on it. */
    rc_t (*destroy)(const char *where, err_t *e);
    void (*close)(void *h);    /* frees the handle; rolls back an open transaction */
    void (*rollback)(void *h); /* a no-op outside a transaction */
#define STORE_OP(name, params, args) rc_t (*name)(void *h, STORE_PARAMS params);
#include "store_ops.def"
} store_backend_t;

/* The SQLite backend (store/sqlite.c). */
extern const store_backend_t store_sqlite_backend;
/* The PostgreSQL backend (store/postgres.c), for postgres:// and
 * postgresql:// URIs (store.c). */
extern const store_backend_t store_postgres_backend;

#endif
