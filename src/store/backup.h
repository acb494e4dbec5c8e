/*
 * Whole-database copies for `r1540 backup` and `r1540 restore`: SQLite's
 * online backup API copies page by page under SQLite's own locks, so a copy
 * taken while the server writes is a consistent snapshot (one read
 * transaction), and a restore into a database the server has open is seen
 * by it as one commit.
 */
#ifndef R1540_STORE_BACKUP_H
#define R1540_STORE_BACKUP_H

#include <stdbool.h>

#include "../util/err.h"

/* Copies the database at from into to (made when missing, replaced
 * otherwise) as one snapshot, and leaves to in WAL mode (a live database)
 * or not (a backup: one self-contained file, which a reader opens without
 * making -wal and -shm files beside it). Waits up to 10 s for a writer's
 * lock. RC_DB with SQLite's message when either cannot be opened or the copy
 * fails. */
rc_t store_backup_copy(const char *from, const char *to, bool wal, err_t *e);

/* Runs PRAGMA integrity_check on the database at path (opened read-only).
 * RC_OK when it says "ok"; RC_INPUT with its first complaint otherwise, RC_DB
 * when the file is not an SQLite database. */
rc_t store_backup_check(const char *path, err_t *e);

#endif
