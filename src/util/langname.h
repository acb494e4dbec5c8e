/*
 * Language names: "French", "французский", "法语" for "fr", as ICU's locale
 * data names a language in each of the six UN languages. Pages show names,
 * not ISO 639 codes.
 */
#ifndef R1540_UTIL_LANGNAME_H
#define R1540_UTIL_LANGNAME_H

#include "lang.h"
#include "mem.h"

/* The name of the language `code` (ISO 639) in language `in`, in a; the code
 * itself when ICU has no name for it. */
const char *lang_display_name(arena_t *a, const char *code, lang_t in);

/* A comma-separated list of codes ("en,fr") as names joined by the list
 * separator of `in` ("English, French"; "英语、法语"). */
const char *lang_display_list(arena_t *a, const char *codes, lang_t in);

#endif
