/*
 * A document a state submits to the 1540 Committee: a first national report,
 * additional information, a national implementation action plan, a peer-review
 * report or a letter. The file itself is kept in the store with its SHA-256.
 */
#ifndef R1540_CORE_REPORT_H
#define R1540_CORE_REPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "../util/err.h"

#define REPORT_TITLE_MAX 500
#define REPORT_DEFAULT_MAX_DOCUMENT (25u * 1024 * 1024)

typedef struct {
    long long id;     /* store-assigned, stable across export and import */
    char state[4];    /* alpha-3 */
    const char *kind; /* one of report_kinds[] */
    char date[11];    /* YYYY-MM-DD, the date of submission */
    char language[4]; /* ISO 639-1 (or 639-2) code of the document's language */
    char *title;      /* arena-owned */
    char *filename;   /* arena-owned; NULL when there is no file */
    char *media_type; /* arena-owned; NULL when there is no file */
    long long size;   /* bytes of the file; -1 when there is no file */
    char sha256[65];  /* hex; "" when there is no file */
    bool has_document; /* the file's bytes are in the store (CSV imports carry only metadata) */
} report_t;

extern const char *const report_kinds[];
enum { REPORT_KIND_COUNT = 5 };

/* Returns the canonical kind string for s, or NULL if s is not a kind. */
const char *report_kind_parse(const char *s);
/* Checks every metadata field of r; the message names the offending field. */
rc_t report_validate(const report_t *r, err_t *e);
/* Hex SHA-256 of the bytes into out[65]. */
void report_sha256_hex(const void *doc, size_t len, char out[65]);

#endif
