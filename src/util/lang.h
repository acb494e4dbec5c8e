/*
 * The six official UN languages, in the UN's order. Every translated label in
 * r1540 (state names, template items, regions) carries one string per language.
 */
#ifndef R1540_UTIL_LANG_H
#define R1540_UTIL_LANG_H

typedef enum { LANG_AR, LANG_ZH, LANG_EN, LANG_FR, LANG_RU, LANG_ES, LANG_COUNT } lang_t;

/* Returns the ISO 639-1 code ("ar", "zh", ...). */
const char *lang_code(lang_t l);
/* The language's name in itself ("العربية", "中文", "English", ...). */
const char *lang_native_name(lang_t l);
/* Returns the language for an ISO 639-1 code, or -1 if it is not one of the six. */
int lang_parse(const char *code);

#endif
