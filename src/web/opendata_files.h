/*
 * The open-data files (/data/r1540.json, the CSVs, overview.xlsx) built once
 * per data change and kept on disk, so that a download is an open file sent
 * by the kernel (sendfile): a slow reader holds a file descriptor, not the
 * 16 MB of the largest export, and a thousand downloads build it once.
 */
#ifndef R1540_WEB_OPENDATA_FILES_H
#define R1540_WEB_OPENDATA_FILES_H

#include <stddef.h>

#include "request.h"

/* Writes the export `name` into the folder dir (it may write other files
 * there too); RC_OK or the error in e. */
typedef rc_t (*opendata_build_t)(web_req_t *r, const char *dir, const char *name, err_t *e);

/* Opens the export `name` (one per language when per_lang, in r->lang) as
 * of the current data generation (web_data_generation), building it with
 * build first when the data changed since it was last built. One export is
 * built at a time, whoever asks: meanwhile the others get the file built
 * before (or, when there is none yet, wait and share the new one). Returns
 * RC_OK with *fd, open for reading (the caller's to close), and *len; else
 * the build's error, or RC_FAIL when the folder cannot be written. */
rc_t opendata_open(web_req_t *r, const char *name, bool per_lang, opendata_build_t build, int *fd,
                   size_t *len, err_t *e);

/* Removes the built files and their folder (when the server stops). */
void opendata_clear(void);

#endif
