/*
 * The assistance part of the SQLite backend (sqlite_assistance.c). Its
 * operations are declared with all the others, from store_ops.def, in
 * sqlite_private.h, which also gives what it shares with sqlite.c.
 */
#ifndef R1540_STORE_SQLITE_ASSISTANCE_H
#define R1540_STORE_SQLITE_ASSISTANCE_H

#include <sqlite3.h>

#include "sqlite_private.h"
#include "store.h"

#endif
