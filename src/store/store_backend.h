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
    const char *name;       /* "sqlite", ... */
    void (*close)(void *h); /* frees the handle; rolls back an open transaction */
    void (*rollback)(void *h); /* a no-op outside a transaction */
#define STORE_OP(name, params, args) rc_t (*name)(void *h, STORE_PARAMS params);
#include "store_ops.def"
} store_backend_t;

/* Opens (mode STORE_OPEN_CREATE: creates) the backend's database at the given
 * location, with the backend's prefix already removed, and applies its pending
 * schema migrations; *handle is the backend's, freed by its close. */
typedef rc_t (*store_backend_open_fn)(const char *where, store_open_mode_t mode, void **handle,
                                      err_t *e);

/* The SQLite backend (store/sqlite.c). */
rc_t store_sqlite_open(const char *path, store_open_mode_t mode, void **handle, err_t *e);
extern const store_backend_t store_sqlite_backend;

#endif
