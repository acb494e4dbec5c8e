/*
 * Spreadsheet (.xlsx) views for people outside r1540: one state's matrix as
 * the Committee lays it out, and an overview of all states. These are reports,
 * not a data exchange format: nothing reads them back (CSV and JSON do that).
 * Every sheet carries the caveat that the matrix is a reference tool, not a
 * measure of compliance, and a warning row when the database holds demo data.
 */
#ifndef R1540_IO_XLSX_EXPORT_H
#define R1540_IO_XLSX_EXPORT_H

#include "../store/store.h"

/*
 * Writes one sheet "States" to path: a row per state with its groups and
 * flags, its first report date and report count, its latest matrix version and
 * status, and the X / ? / NA counts of its latest approved or published version
 * against the number of template items. With published_only (the public's
 * open data) a draft, a version with the state and an approved but unpublished
 * version do not exist for it: "latest" and the counts are those of the latest
 * published version, and nothing tells that later versions exist. RC_FAIL with
 * the path when the file cannot be written (no partial file is left at path).
 * One state's matrix is src/review/matrix_xlsx.c's (`matrix show --format xlsx`).
 */
rc_t xlsx_export_overview(store_t *st, lang_t lang, bool published_only, const char *path,
                          arena_t *a, err_t *e);

#endif
