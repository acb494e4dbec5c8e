/*
 * `r1540 matrix suggest STATE VERSION [--item ID] [--limit N] [--format json]`:
 * the drafting aid's suggestions (src/app/app_suggest.h), per item the
 * pages of the state's reports that back it, with the article found near.
 */
#ifndef R1540_CLI_CMD_MATRIX_SUGGEST_H
#define R1540_CLI_CMD_MATRIX_SUGGEST_H

#include "commands.h"

/* Prints the suggestions for version varg of state s (item NULL: every item
 * that has one; limit NULL: 3 per item). */
rc_t matrix_suggest(cli_t *c, const state_t *s, const char *varg, const char *item,
                    const char *limit, bool json);

#endif
