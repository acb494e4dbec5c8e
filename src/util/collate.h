/*
 * Sorting names the way each language sorts them, with ICU's collation for
 * the language (Arabic, Chinese pinyin order, English, French, Russian,
 * Spanish). The collators are opened once and then only read, which ICU
 * allows from any thread.
 */
#ifndef R1540_UTIL_COLLATE_H
#define R1540_UTIL_COLLATE_H

#include "lang.h"
#include "err.h"

/* Opens the collators of every language (collate_open: one language, for a
 * run that sorts in only one; opening the Chinese and Arabic ones costs ms). */
rc_t collate_init(err_t *e);
rc_t collate_open(lang_t lang, err_t *e);
void collate_free(void);
/* strcmp-like order of two UTF-8 strings in the language (byte order if
 * collate_init has not run). */
int collate_cmp(lang_t lang, const char *a, const char *b);

#endif
