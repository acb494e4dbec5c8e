/*
 * Importing a whole dataset: a canonical JSON file, one CSV file or a folder
 * of CSV files (docs/formats.md). A power of the command line only: the
 * permission table gives ACT_DATA_IMPORT to the system actor alone, so
 * `r1540 --as USER import` is refused whatever USER's role.
 */
#ifndef R1540_APP_APP_IMPORT_H
#define R1540_APP_APP_IMPORT_H

#include "../io/dataset.h"
#include "app.h"

/*
 * Reads path (a .json file, a .csv file or a folder) and applies it in one
 * transaction: all or nothing. ACT_DATA_IMPORT. RC_NOTFOUND for no such path,
 * RC_USAGE for another kind of file, and the reader's or the store's refusal
 * (RC_INPUT, RC_NOTFOUND, RC_REFUSED) with its position. On RC_OK *out is
 * what was read. Audited once as import of "file:PATH" or "folder:PATH" with
 * the SHA-256 of what was read and the number of records.
 */
rc_t app_import(app_t *a, const char *path, dataset_t *out, err_t *e);

#endif
