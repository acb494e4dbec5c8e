/*
 * The parts of a matrix entry that template v2 brought in (issue 12): an
 * official web address as the source (the Committee's form: "the page of the
 * national report or an official web site"), and on OP1 entries the
 * "relevant information" column of the form (signing, ratification,
 * accession) as free text with its dates.
 */
#ifndef R1540_CORE_MATRIX_INFO_H
#define R1540_CORE_MATRIX_INFO_H

#include <stdbool.h>

#include "../util/err.h"
#include "matrix.h"

/* The bytes of relevant information kept: one line of the form's column. */
#define MATRIX_INFO_MAX 500

/* "signed", "ratified", "acceded": the names of the dates in files and forms. */
extern const char *const matrix_info_date_names[INFO_DATE_COUNT];

/* s, or "" for NULL: the new fields may be left NULL by older callers. */
const char *matrix_str(const char *s);
/* True for an OP1 item id (relevant information belongs to OP1 rows only). */
bool matrix_item_op1(const char *item);
/* Checks the web address (http/https only, at most WEBURL_MAX bytes), the
 * relevant information (one line, at most MATRIX_INFO_MAX bytes) and its dates
 * (YYYY-MM-DD, not in the future, signed before ratified); relevant
 * information on an item outside OP1 is refused. The message names the field. */
rc_t matrix_info_validate(const matrix_entry_t *en, err_t *e);
/* Copies a date as typed (NULL or "" for none) into en->info_date[d], for
 * matrix_info_validate to check: RC_INPUT, naming the date, when it is longer
 * than a date can be (the CLI's options and the web's fields both come here). */
rc_t matrix_info_date_set(matrix_entry_t *en, info_date_t d, const char *s, err_t *e);

#endif
