/*
 * Copying a whole r1540 database into another, of either backend, over the
 * table interface (store_ops.def): `r1540 copy` (src/cli/cmd_copy.c). One
 * copy for every pair of backends: each backend lists its tables, reads
 * rows as plain values and writes them; nothing here knows a record kind.
 */
#ifndef R1540_STORE_STORE_COPY_H
#define R1540_STORE_STORE_COPY_H

#include "store.h"

/* Told after every few hundred rows and at the end of each table: the table,
 * its place among the tables copied (1-based) and their number, and the rows
 * of that table copied so far. */
typedef void (*store_copy_progress_fn)(void *ctx, const char *table, size_t table_no,
                                       size_t tables, long long rows);

/*
 * Copies every row of every table of src but the sessions (read in one
 * snapshot) into dst, in one transaction on dst, tables parents first, ids
 * and bytes as they are; *rows gets the number of rows copied. dst must be
 * an r1540 database whose tables are made (by its migrations) and empty.
 * RC_REFUSED, before anything is written, when src holds rows of a table or
 * column dst does not have (the message names them); a row dst's constraints
 * refuse is RC_INPUT naming its table. On failure dst's transaction is rolled
 * back: it holds what it held before.
 */
rc_t store_copy(store_t *src, store_t *dst, store_copy_progress_fn progress, void *ctx,
                long long *rows, err_t *e);

#endif
