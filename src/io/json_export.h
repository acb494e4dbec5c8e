/*
 * The canonical JSON format (docs/formats.md): one file with the dataset,
 * documents inlined as base64. Keys come in a fixed order and each record sits
 * on its own line, so the same data always gives the same bytes.
 */
#ifndef R1540_IO_JSON_EXPORT_H
#define R1540_IO_JSON_EXPORT_H

#include "../util/buf.h"
#include "dataset.h"

/* Appends one record as a JSON object (no trailing newline). */
void json_write_state(buf_t *b, const state_t *s);
void json_write_report(buf_t *b, const report_t *r, const void *doc, size_t doc_len);
void json_write_version(buf_t *b, const matrix_version_t *v);
void json_write_entry(buf_t *b, const matrix_entry_t *en);
/* The web-address source and OP1 relevant information of an entry, as
 * ",key":value pairs, only when present (tmpl, issue 12). */
void json_write_entry_info(buf_t *b, const matrix_entry_t *en);
void json_write_event(buf_t *b, const event_t *ev);

/* Writes the dataset to path ("-" for standard output) via a temporary file,
 * so a failed export leaves no partial file. */
rc_t json_export_file(const dataset_t *ds, const char *path, err_t *e);

#endif
