/*
 * Article references for the drafting aid (src/text/legalref.c): one pattern
 * per language, a number required after the keyword, inflected Russian
 * forms, Chinese numerals, Arabic-Indic digits, no match inside a word, and
 * the nearest reference within a window.
 */
#include "../../src/text/legalref.h"
#include "tap.h"

/* The first reference found in s, as text ("" when none). */
static const char *first(const char *s)
{
    static char buf[128];
    legalref_t r[4];
    size_t n = legalref_find(s, strlen(s), r, 4);
    if (n == 0)
        return "";
    snprintf(buf, sizeof buf, "%.*s", (int)(r[0].end - r[0].start), s + r[0].start);
    return buf;
}

int main(void)
{
    TAP_CHECK(!strcmp(first("Under Article 12 of the Act"), "Article 12"), "en: Article 12");
    TAP_CHECK(!strcmp(first("see art. 7(2)(a) below"), "art. 7(2)(a)"), "art. with sub-parts");
    TAP_CHECK(!strcmp(first("l'article 12 bis de la loi"), "article 12 bis"), "fr: article 12 bis");
    TAP_CHECK(!strcmp(first("el artículo 45 de la Ley"), "artículo 45"), "es: artículo");
    TAP_CHECK(!strcmp(first("Статья 12 Закона"), "Статья 12"), "ru: Статья, capital");
    TAP_CHECK(!strcmp(first("в соответствии со статьей 7"), "статьей 7"), "ru: instrumental case");
    TAP_CHECK(!strcmp(first("ч. 2 ст. 226 УК"), "ст. 226"), "ru: ст.");
    TAP_CHECK(!strcmp(first("《法》第十二条规定"), "第十二条"), "zh: Chinese numerals");
    TAP_CHECK(!strcmp(first("第12条"), "第12条"), "zh: digits");
    TAP_CHECK(!strcmp(first("تشترط المادة 12 من"), "المادة 12"), "ar: المادة 12");
    TAP_CHECK(!strcmp(first("بموجب المادة ١٢ من"), "المادة ١٢"), "ar: Arabic-Indic digits");
    TAP_CHECK(!strcmp(first("the article says nothing"), ""), "a keyword without a number");
    TAP_CHECK(!strcmp(first("a particle 3 mm"), ""), "no match inside a word");
    TAP_CHECK(!strcmp(first("第一章 总则"), ""), "第…章 is no article");
    TAP_CHECK(!strcmp(first("Article"), ""), "the keyword at the end of the text");
    TAP_CHECK(!strcmp(first("article 12("), "article 12"), "an unclosed bracket is left out");

    const char *s = "Article 1 applies. Export control is in Article 9.";
    legalref_t r[4];
    size_t n = legalref_find(s, strlen(s), r, 4);
    TAP_CHECK(n == 2, "two references");
    TAP_CHECK(legalref_nearest(r, n, 33, 300) == 1, "the nearest to the match");
    TAP_CHECK(legalref_nearest(r, n, 33, 5) == -1, "none within a small window");
    TAP_CHECK(legalref_find(s, strlen(s), r, 1) == 1, "at most max references");
    return tap_done();
}
