/*
 * Reading the canonical JSON format (docs/formats.md) into a dataset. Parsing
 * is strict: unknown keys, wrong types and duplicate keys are errors, because a
 * typo in an import file should not silently drop data.
 */
#ifndef R1540_IO_JSON_IMPORT_H
#define R1540_IO_JSON_IMPORT_H

#include "dataset.h"

/* Largest import file accepted unless R1540_IMPORT_MAX_BYTES says otherwise. */
#define JSON_IMPORT_DEFAULT_MAX (2048ULL << 20)

/* Parses path into out, with the file and the SHA-256 of its bytes as out's one
 * source. Errors name the file and the line and column (syntax) or the record
 * and field (content), e.g. "f.json: matrices[3].entries[7].mark: ...". */
rc_t json_import_file(const char *path, arena_t *a, dataset_t *out, err_t *e);
/* The same for text already in memory; path only names it in messages. */
rc_t json_import_text(const char *path, const char *text, size_t len, arena_t *a,
                      dataset_t *out, err_t *e);

#endif
