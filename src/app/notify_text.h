/*
 * The words of a notification, written when it is shown or mailed, in the
 * reader's language (the msgids are in the .po catalogs like every other
 * interface string). A translation names its values as {state}, {number} and
 * {date} in whatever order its language puts them.
 */
#ifndef R1540_APP_NOTIFY_TEXT_H
#define R1540_APP_NOTIFY_TEXT_H

#include "../store/store.h"
#include "../util/lang.h"

/* The notification's title and its one-sentence text in lang, into the
 * arena. The state's name comes from the store (its code if it has none). */
void notify_text(store_t *st, arena_t *a, lang_t lang, const notification_t *n,
                 const char **title, const char **text);

/* msgid in lang with {state}, {number} and {date} replaced (arena-owned). */
const char *notify_fill(arena_t *a, const char *translated, const char *state, long long number,
                        const char *date);

#endif
