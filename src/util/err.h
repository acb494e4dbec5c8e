/*
 * Result codes and the error context. Functions return an rc_t; the human
 * message (what was wrong and where: file, line, field) is written once, at the
 * point of failure, into an err_t that the caller passed down. The CLI prints
 * it and turns the code into the process exit status (docs/cli.md lists them).
 */
#ifndef R1540_UTIL_ERR_H
#define R1540_UTIL_ERR_H

typedef enum {
    RC_OK = 0,
    RC_FAIL = 1,     /* unexpected failure (I/O, internal) */
    RC_USAGE = 2,    /* bad command line */
    RC_NOTFOUND = 3, /* a named state, report, version or item does not exist */
    RC_INPUT = 4,    /* malformed or invalid input (import file, field value) */
    RC_REFUSED = 5,  /* the change is not allowed (approved matrix, size limit) */
    RC_DB = 6,       /* the database cannot be used (not SQLite, locked, missing) */
    RC_DENIED = 7,   /* the actor may not take this action (the permission table) */
} rc_t;

typedef struct {
    rc_t rc;
    char msg[1024];
    /* Which input field was wrong ("title"; "" for none), and a short message
     * without arguments (an English msgid) that a page translates and shows
     * next to that field, while msg keeps the CLI's full English sentence. */
    char field[32];
    const char *code;
} err_t;

/* Records rc and a formatted message in e (if e is not NULL); returns rc. */
rc_t err_set(err_t *e, rc_t rc, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Prefixes the existing message with a formatted context ("file.json: "). */
void err_prefix(err_t *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void err_clear(err_t *e);
/* err_set for one wrong input field: also records field and code (a string
 * literal msgid, see err_t). */
rc_t err_field(err_t *e, rc_t rc, const char *field, const char *code, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
/* Names the field at fault and its code for an error already set (the
 * message stays as it is). */
void err_mark(err_t *e, const char *field, const char *code);

#endif
