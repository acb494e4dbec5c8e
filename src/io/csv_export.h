/*
 * Export of a dataset as four CSV files in one folder (states.csv, reports.csv,
 * matrix_versions.csv, matrix_entries.csv), for people who work in a
 * spreadsheet. Documents are not included; their metadata and SHA-256 are.
 * The columns are fixed and documented in docs/formats.md; csv_import.c reads
 * the same files back.
 */
#ifndef R1540_IO_CSV_EXPORT_H
#define R1540_IO_CSV_EXPORT_H

#include "dataset.h"

/* Column lists of the four files, as written in their header rows. */
extern const char *const csv_states_cols[];
extern const char *const csv_reports_cols[];
extern const char *const csv_versions_cols[];
extern const char *const csv_entries_cols[];
extern const char *const csv_memberships_cols[];
enum {
    CSV_STATES_NCOLS = 16,
    CSV_REPORTS_NCOLS = 10,
    CSV_VERSIONS_NCOLS = 8,
    CSV_ENTRIES_NCOLS = 13,
    CSV_ENTRIES_V1_NCOLS = 8, /* before source_url and info (issue 12): still read */
    CSV_MEMBERSHIPS_NCOLS = 5,
};

/*
 * Writes the four files into dir, creating dir (mode 0755) if it is missing,
 * rows in the dataset's order. Each file is written to FILE.tmp and renamed
 * into place, so a failed export never leaves a half-written file (files that
 * were completed before the failure stay). RC_FAIL with the path on I/O errors.
 */
rc_t csv_export_dir(const dataset_t *ds, const char *dir, err_t *e);

#endif
