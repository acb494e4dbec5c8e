/*
 * Report operations: a state's document recorded with its file.
 */
#ifndef R1540_APP_APP_REPORT_H
#define R1540_APP_APP_REPORT_H

#include "app.h"

/* A report as a person gives it: every string as typed. */
typedef struct {
    const char *state;    /* any code of the state */
    const char *kind;     /* first-report, additional-information, ... */
    const char *date;     /* YYYY-MM-DD */
    const char *language; /* ISO 639 code */
    const char *title;
    const char *filename; /* the file's name without folders; NULL with no file */
    const void *doc;      /* the file's bytes, or NULL: metadata only */
    size_t len;
} app_report_in_t;

/*
 * Records a report of a state with its file (hashed, its type found from its
 * first bytes). ACT_REPORT_UPLOAD: a point of contact only for their own
 * state. RC_INPUT for a missing or invalid field, an empty file or one that is
 * not a PDF, Word, OpenDocument or text file; RC_REFUSED for a file over the
 * database's maximum document size; RC_NOTFOUND for an unknown state. On
 * RC_OK *out is the stored report (its new id; strings in a->arena). Audited
 * as report.add of "report:ID".
 */
rc_t app_report_add(app_t *a, const app_report_in_t *in, report_t *out, err_t *e);

#endif
