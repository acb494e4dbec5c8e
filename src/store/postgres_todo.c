/*
 * The operations of store_ops.def the PostgreSQL backend does not have yet.
 * Each is a weak definition that refuses with RC_FAIL naming the operation,
 * so a missing one never gives a wrong answer; defining pg_NAME in any other
 * postgres_*.c file replaces it at link time (a strong definition wins over a
 * weak one), so nothing here is edited when an operation is written. When
 * `nm -C r1540 | grep ' W pg_'` lists nothing, every operation exists; an
 * operation added to store_ops.def later refuses by name until it is written.
 */
#include "postgres_private.h"

/* The stubs take every parameter of their operation and use only e. */
#pragma GCC diagnostic ignored "-Wunused-parameter"

#define STORE_OP(name, params, args)                                                           \
    __attribute__((weak)) rc_t pg_##name(void *h, STORE_PARAMS params)                        \
    {                                                                                          \
        return err_set(e, RC_FAIL,                                                             \
                       "the PostgreSQL backend does not implement the operation '%s' yet",     \
                       #name);                                                                 \
    }
#include "store_ops.def"
