/*
 * Effective practices and lessons learned (issue 17 item 5, resolution 2663
 * (2022)): a short entry, optionally with a document, that a state or an
 * organization submits about how it implements the resolution, linked to the
 * matrix items and themes it concerns. An expert or the Committee reviews it
 * before anyone else sees it: submitted -> published, or returned with a
 * note. Only published practices are public (pages, API, search).
 */
#ifndef R1540_CORE_PRACTICE_H
#define R1540_CORE_PRACTICE_H

#include <stdbool.h>
#include <stddef.h>

#include "../util/err.h"
#include "assistance_check.h"

#define PRACTICE_TITLE_MAX 300    /* bytes, one line */
#define PRACTICE_SUMMARY_MAX 8000 /* bytes, lines allowed */
#define PRACTICE_NOTE_MAX 2000    /* bytes: the reviewer's note on a return */
#define PRACTICE_LIST_MAX 2000    /* bytes of the items or themes list */

#define PRACTICE_SUBMITTED "submitted"
#define PRACTICE_PUBLISHED "published"
#define PRACTICE_RETURNED "returned"

typedef struct {
    long long id;        /* store-assigned */
    char state[4];       /* the submitting state (alpha-3), "" for an organization */
    char *org;           /* the submitting organization's code, "" for a state */
    char *title;         /* one line */
    char *summary;       /* the entry's text */
    char language[3];    /* ar, zh, en, fr, ru or es: the language it is written in */
    char *items;         /* template item ids, comma-separated, may be "" */
    char *themes;        /* theme keys, comma-separated, may be "" (not both empty) */
    const char *status;  /* PRACTICE_SUBMITTED, _PUBLISHED or _RETURNED */
    char *note;          /* the reviewer's note ("" when none) */
    char submitted[11];  /* YYYY-MM-DD */
    char decided[11];    /* YYYY-MM-DD of the review, "" while submitted */
    char *submitter;     /* the account's name ("system" for the CLI operator) */
    bool demo;           /* made by the demo generator, not by a real submitter */
    /* the optional document, stored with its SHA-256 as reports are */
    bool has_document;
    char *filename;      /* NULL without a document */
    char *media_type;    /* NULL without a document */
    long long size;      /* bytes, -1 without a document */
    char sha256[65];     /* hex, "" without a document */
} practice_t;            /* strings arena-owned */

/* What a list asks for; NULL or "" for any. */
typedef struct {
    const char *status;
    const char *item;    /* practices linked to this template item */
    const char *state;   /* submitted by this state */
    const char *org;     /* submitted by this organization */
} practice_filter_t;

/* The canonical status for s, or NULL. */
const char *practice_status_parse(const char *s);

/* Checks the submitted fields (not that codes exist: the caller checks items
 * and themes against the template, states and organizations against the
 * store). RC_INPUT, the message naming the field. */
rc_t practice_validate(const practice_t *p, err_t *e);

/* The review's transition table: the status a decision ("publish" or
 * "return") leads to from status `from`, or NULL when it is not allowed
 * (only a submitted practice is decided; a returned one is submitted anew). */
const char *practice_decision_next(const char *from, const char *decision);

/* Checks that every item of p is an item of the current template and every
 * theme a theme key (c from io/assistance_codes.h). RC_NOTFOUND naming the
 * first unknown code. */
rc_t practice_codes_check(const assistance_codes_t *c, const practice_t *p, err_t *e);

/* True if the comma-separated list holds code. */
bool practice_list_has(const char *list, const char *code);

#endif
