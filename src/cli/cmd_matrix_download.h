/*
 * `r1540 matrix show STATE [VERSION] --format pdf|xlsx|csv -o PATH`: one
 * matrix version as the file a reader downloads (src/review/matrix_sheet.h).
 */
#ifndef R1540_CLI_CMD_MATRIX_DOWNLOAD_H
#define R1540_CLI_CMD_MATRIX_DOWNLOAD_H

#include "commands.h"

/* True for the formats this command writes (pdf, xlsx, csv). */
bool matrix_download_format(const char *format);
/* Writes version varg (NULL: the latest) of state s in format to out, in
 * lang (NULL: en). RC_USAGE for a missing -o or a bad language or version;
 * RC_NOTFOUND for a version that does not exist; RC_FAIL when the file
 * cannot be written. */
rc_t matrix_download(cli_t *c, const state_t *s, const char *varg, const char *format,
                     const char *lang, const char *out);

/* The same with the version as a number (0: the latest); `export --format
 * xlsx --state` writes its workbook through it. */
rc_t matrix_download_version(cli_t *c, const state_t *s, int version, const char *format,
                             const char *lang, const char *out);

#endif
