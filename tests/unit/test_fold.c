/*
 * Search keys (util/fold.c): case, accents and Arabic vowel marks are ignored.
 */
#include "../../src/util/fold.h"
#include "tap.h"

int main(void)
{
    arena_t a = {0};
    TAP_STREQ(fold_key(&a, "Côte d'Ivoire"), "cote d'ivoire", "accents and capitals go");
    TAP_STREQ(fold_key(&a, "ÉTATS-UNIS"), "etats-unis", "capital accented letters");
    TAP_STREQ(fold_key(&a, "الصّين"), "الصين", "a shadda goes");
    TAP_STREQ(fold_key(&a, "كِينيـا"), "كينيا", "a kasra and a tatweel go");
    TAP_STREQ(fold_key(&a, "إندونيسيا"), fold_key(&a, "اندونيسيا"), "alef with hamza below = bare alef");
    TAP_STREQ(fold_key(&a, "Кыргызстан"), "кыргызстан", "Cyrillic lower case");
    TAP_STREQ(fold_key(&a, "Ёлка"), "елка", "Cyrillic yo = ye, as the UN writes");
    TAP_STREQ(fold_key(&a, "中国"), "中国", "Chinese unchanged");
    TAP_CHECK(fold_key(&a, "\xff\xfe") == NULL, "not UTF-8: no key");
    char big[5000];
    memset(big, 'a', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    TAP_CHECK(fold_key(&a, big) == NULL, "over 4096 bytes: no key");
    TAP_CHECK(fold_contains(&a, "République démocratique du Congo", "democratique"), "contains");
    TAP_CHECK(!fold_contains(&a, "Congo", "kongo"), "does not contain");
    TAP_CHECK(fold_contains(&a, "Congo", ""), "an empty key matches");
    arena_free(&a);
    return tap_done();
}
