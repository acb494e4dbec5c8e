/*
 * ICU collators, one per language.
 */
#include "collate.h"

#include <string.h>
#include <unicode/ucol.h>

static UCollator *collators[LANG_COUNT];

rc_t collate_open(lang_t lang, err_t *e)
{
    static const char *const locales[LANG_COUNT] = {"ar", "zh", "en", "fr", "ru", "es"};
    if ((unsigned)lang >= LANG_COUNT || collators[lang])
        return RC_OK;
    UErrorCode status = U_ZERO_ERROR;
    collators[lang] = ucol_open(locales[lang], &status);
    if (U_FAILURE(status)) {
        collators[lang] = NULL;
        return err_set(e, RC_FAIL, "ICU cannot open a collator for '%s': %s", locales[lang],
                       u_errorName(status));
    }
    return RC_OK;
}

rc_t collate_init(err_t *e)
{
    for (int l = 0; l < LANG_COUNT; l++) {
        rc_t rc = collate_open((lang_t)l, e);
        if (rc != RC_OK) {
            collate_free();
            return rc;
        }
    }
    return RC_OK;
}

void collate_free(void)
{
    for (int l = 0; l < LANG_COUNT; l++) {
        if (collators[l])
            ucol_close(collators[l]);
        collators[l] = NULL;
    }
}

int collate_cmp(lang_t lang, const char *a, const char *b)
{
    if ((unsigned)lang >= LANG_COUNT || !collators[lang])
        return strcmp(a, b);
    UErrorCode status = U_ZERO_ERROR;
    UCollationResult r = ucol_strcollUTF8(collators[lang], a, -1, b, -1, &status);
    if (U_FAILURE(status))
        return strcmp(a, b);
    return r == UCOL_LESS ? -1 : r == UCOL_GREATER ? 1 : 0;
}
