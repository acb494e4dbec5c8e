/*
 * The roster of national points of contact (issue 17): per state, the people
 * the Committee writes to, with their function, ministry, the areas they
 * answer for and the languages they work in, and the training courses they
 * attended. Personal data: visible to the Committee, the experts, the
 * administrators and the state's own accounts only (src/core/authz.c,
 * ACT_ROSTER_READ), never in the open data, the public pages, the API's public
 * calls or any export (it lives in tables the dataset does not read).
 */
#ifndef R1540_CORE_CONTACT_H
#define R1540_CORE_CONTACT_H

#include <stdbool.h>
#include <stddef.h>

#include "../util/err.h"

#define CONTACT_TEXT_MAX 200 /* bytes of a person's name, function or ministry */

/* The areas a point of contact answers for. */
extern const char *const contact_areas[];
enum { CONTACT_AREA_COUNT = 6 };

typedef struct {
    long long id;        /* store-assigned */
    char state[4];       /* alpha-3 */
    char *person;        /* the name as the state writes it */
    char *function;      /* title or post, may be "" */
    char *ministry;      /* ministry or agency, may be "" */
    char *areas;         /* comma-separated contact_areas, at least one, no repeats */
    char *languages;     /* comma-separated ISO 639 codes, may be "" */
    char since[11];      /* YYYY-MM-DD: a point of contact since */
    long long user_id;   /* the linked account, 0 when none */
    char *user_name;     /* the linked account's name, "" when none (reads fill it) */
} contact_t; /* strings arena-owned */

/* True if s is one of contact_areas. */
bool contact_area_ok(const char *s);

/* Checks every field but the state's existence and the linked account; the
 * message names the field (in English: the app layer translates the
 * operation's errors). RC_INPUT. */
rc_t contact_validate(const contact_t *c, err_t *e);

#endif
