/*
 * Import of the CSV files that csv_export.c writes (states.csv, reports.csv,
 * matrix_versions.csv, matrix_entries.csv; columns in docs/formats.md) into a
 * dataset. Every field is parsed and checked here, so that a mistake in a
 * spreadsheet is reported with its file, line and column name before anything
 * reaches the store; dataset_apply() then checks the data against the store.
 */
#ifndef R1540_IO_CSV_IMPORT_H
#define R1540_IO_CSV_IMPORT_H

#include "dataset.h"

/*
 * Reads one CSV file, recognised by its header row, or a folder holding any of
 * the four files (at least one), into *out (everything allocated in `a`;
 * report documents are NULL, has_demo is false, template_version 0; the
 * sources are the file, or the folder's four files in the order of `r1540 export
 * --format csv`'s, each with the SHA-256 of the bytes read, "" if absent). Entries
 * must belong to a matrix version listed in the same import. On error returns
 * RC_INPUT with "FILE:LINE: field: reason" (or "FILE:LINE:COLUMN: reason" for
 * malformed CSV); RC_NOTFOUND if path does not exist, RC_FAIL on I/O errors.
 */
rc_t csv_import_path(const char *path, arena_t *a, dataset_t *out, err_t *e);

#endif
