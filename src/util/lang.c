/*
 * Language codes.
 */
#include "lang.h"

#include <string.h>

static const char *const lang_codes[LANG_COUNT] = {"ar", "zh", "en", "fr", "ru", "es"};

const char *lang_code(lang_t l)
{
    return (unsigned)l < LANG_COUNT ? lang_codes[l] : "";
}

const char *lang_native_name(lang_t l)
{
    static const char *const names[LANG_COUNT] = {"العربية", "中文", "English",
                                                  "Français", "Русский", "Español"};
    return (unsigned)l < LANG_COUNT ? names[l] : "";
}

int lang_parse(const char *code)
{
    for (int i = 0; i < LANG_COUNT; i++)
        if (code && strcmp(code, lang_codes[i]) == 0)
            return i;
    return -1;
}
