/*
 * Search keys for names: the same name typed with or without capitals,
 * accents or Arabic vowel marks must be found ("cote d'ivoire" finds
 * "Côte d'Ivoire", الصّين finds الصين). A key is the text decomposed (ICU NFD),
 * with every non-spacing mark (accents, harakat, shadda, hamza over alef) and
 * the Arabic tatweel removed, in lower case, recomposed. This is what ICU's
 * transliterator "NFD; [:Mn:] Remove; Lower; NFC" does, with ICU's thread-safe
 * C functions, so a web worker can call it without a lock.
 */
#ifndef R1540_UTIL_FOLD_H
#define R1540_UTIL_FOLD_H

#include <stdbool.h>

#include "mem.h"

/* The search key of UTF-8 text s in the arena; NULL if s is not UTF-8 or
 * longer than 4096 bytes. */
char *fold_key(arena_t *a, const char *s);
/* True if the key of needle occurs in the key of haystack (an empty needle
 * matches everything). */
bool fold_contains(arena_t *a, const char *haystack, const char *needle_key);

#endif
