/*
 * Unit tests for the translation catalogs: lookups with and without context,
 * plural forms by each language's rule, what msgfmt would leave out (fuzzy,
 * untranslated), and malformed catalogs refused with file and line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../src/util/i18n.h"
#include "tap.h"

static char root[] = "/tmp/r1540-i18n-XXXXXX";

static void write_po(const char *lang, const char *name, const char *body)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", root, lang);
    mkdir(path, 0700);
    snprintf(path, sizeof path, "%s/%s/%s", root, lang, name);
    FILE *f = fopen(path, "w");
    fputs(body, f);
    fclose(f);
}

static const char header_fr[] =
    "msgid \"\"\nmsgstr \"\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n"
    "\"Plural-Forms: nplurals=2; plural=(n > 1);\\n\"\n\n";
static const char header_ru[] =
    "msgid \"\"\nmsgstr \"\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n"
    "\"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && "
    "n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\\n\"\n\n";

static void test_lookups(void)
{
    char body[2048];
    snprintf(body, sizeof body,
             "%smsgid \"States\"\nmsgstr \"États\"\n\n"
             "msgctxt \"verb\"\nmsgid \"Report\"\nmsgstr \"Signaler\"\n\n"
             "msgid \"Report\"\nmsgstr \"Rapport\"\n\n"
             "#, fuzzy\nmsgid \"Home\"\nmsgstr \"Maison\"\n\n"
             "msgid \"Untranslated\"\nmsgstr \"\"\n\n"
             "msgid \"%%d report\"\nmsgid_plural \"%%d reports\"\n"
             "msgstr[0] \"%%d rapport\"\nmsgstr[1] \"%%d rapports\"\n",
             header_fr);
    write_po("fr", "web.po", body);
    write_po("fr", "review.po", "msgid \"Coverage\"\nmsgstr \"Couverture\"\n");
    snprintf(body, sizeof body,
             "%smsgid \"%%d state\"\nmsgid_plural \"%%d states\"\n"
             "msgstr[0] \"%%d государство\"\nmsgstr[1] \"%%d государства\"\n"
             "msgstr[2] \"%%d государств\"\n",
             header_ru);
    write_po("ru", "web.po", body);

    err_t e = {0};
    TAP_CHECK(i18n_load(root, &e) == RC_OK, "catalogs load");
    TAP_STREQ(i18n_tr(LANG_FR, "States"), "États", "a plain translation");
    TAP_STREQ(i18n_tr(LANG_FR, "Coverage"), "Couverture", "a second file of the language");
    TAP_STREQ(i18n_tr(LANG_FR, "Report"), "Rapport", "no context");
    TAP_STREQ(i18n_trc(LANG_FR, "verb", "Report"), "Signaler", "with a context");
    TAP_STREQ(i18n_trc(LANG_FR, "noun", "Report"), "Report", "an unknown context: English");
    TAP_STREQ(i18n_tr(LANG_FR, "Home"), "Home", "fuzzy messages are left out");
    TAP_STREQ(i18n_tr(LANG_FR, "Untranslated"), "Untranslated", "empty msgstr: English");
    TAP_STREQ(i18n_tr(LANG_EN, "States"), "States", "English is the msgid");
    TAP_STREQ(i18n_tr(LANG_ZH, "States"), "States", "no catalog: English");
    TAP_STREQ(i18n_trn(LANG_FR, "%d report", "%d reports", 0), "%d rapport", "French 0 is singular");
    TAP_STREQ(i18n_trn(LANG_FR, "%d report", "%d reports", 2), "%d rapports", "French 2");
    TAP_STREQ(i18n_trn(LANG_RU, "%d state", "%d states", 21), "%d государство", "Russian 21");
    TAP_STREQ(i18n_trn(LANG_RU, "%d state", "%d states", 23), "%d государства", "Russian 23");
    TAP_STREQ(i18n_trn(LANG_RU, "%d state", "%d states", 11), "%d государств", "Russian 11");
    TAP_STREQ(i18n_trn(LANG_EN, "%d state", "%d states", 1), "%d state", "English 1");
    TAP_STREQ(i18n_trn(LANG_EN, "%d state", "%d states", 5), "%d states", "English 5");
    TAP_CHECK(i18n_count(LANG_FR) == 5, "five French messages kept");
}

/* One language's catalog alone (what `r1540 review --lang` loads): the
 * others stay English, and -1 loads them all again. Runs after
 * test_lookups, whose fr and ru catalogs are on disk. */
static void test_load_only(void)
{
    err_t e = {0};
    TAP_CHECK(i18n_load_only(root, LANG_RU, &e) == RC_OK, "one language's catalog loads");
    TAP_STREQ(i18n_trn(LANG_RU, "%d state", "%d states", 21), "%d государство",
              "... its messages are there");
    TAP_STREQ(i18n_tr(LANG_FR, "States"), "States", "... another language's are not");
    TAP_CHECK(i18n_count(LANG_FR) == 0, "... nothing of French is kept");
    TAP_CHECK(i18n_load_only(root, LANG_EN, &e) == RC_OK && i18n_count(LANG_FR) == 0 &&
                  i18n_count(LANG_RU) == 0,
              "English alone loads no catalog");
    TAP_CHECK(i18n_load_only(root, -1, &e) == RC_OK && i18n_count(LANG_FR) == 5 &&
                  i18n_count(LANG_RU) == 1,
              "-1 loads every language, as i18n_load");
}

static void test_plural_rules(void)
{
    static const unsigned long ns[] = {0, 1, 2, 3, 10, 11, 99, 100, 102, 111};
    static const int ar[] = {0, 1, 2, 3, 3, 4, 4, 5, 5, 4};
    int ok = 1;
    for (size_t i = 0; i < sizeof ns / sizeof *ns; i++)
        ok &= i18n_plural_index(LANG_AR, ns[i]) == ar[i];
    TAP_CHECK(ok, "the Arabic rule's six forms");
    TAP_CHECK(i18n_plural_index(LANG_ZH, 5) == 0 && i18n_plural_count(LANG_ZH) == 1,
              "Chinese has one form");
    TAP_CHECK(i18n_plural_index(LANG_ES, 0) == 1 && i18n_plural_index(LANG_ES, 1) == 0,
              "Spanish 0 is plural");
}

static void test_bad_catalogs(void)
{
    err_t e = {0};
    write_po("es", "web.po", "msgid \"A\"\nmsgstr \"B\n");
    TAP_CHECK(i18n_load(root, &e) == RC_INPUT, "an unterminated string is refused");
    TAP_CHECK(strstr(e.msg, "es/web.po:") != NULL, "the message names the file");
    TAP_STREQ(i18n_tr(LANG_FR, "States"), "States", "a failed load leaves no half catalog");

    write_po("es", "web.po",
             "msgid \"\"\nmsgstr \"\"\n\"Plural-Forms: nplurals=3; plural=n;\\n\"\n");
    e = (err_t){0};
    TAP_CHECK(i18n_load(root, &e) == RC_INPUT, "a wrong nplurals is refused");
    TAP_CHECK(strstr(e.msg, "nplurals=3") != NULL, "and the message says so");

    write_po("es", "web.po", "msgid \"A\"\nmsgstr \"B\"\nmsgid \"A\"\nmsgstr \"C\"\n");
    e = (err_t){0};
    TAP_CHECK(i18n_load(root, &e) == RC_INPUT, "a duplicate message is refused");
}

/* A language folder with no catalog in it: nothing to sort (qsort of a NULL
 * array, which UBSan stops the build/san server on), English texts. */
static void test_empty_folder(void)
{
    char empty[] = "/tmp/r1540-i18n-empty-XXXXXX", path[300];
    if (!mkdtemp(empty))
        return;
    snprintf(path, sizeof path, "%s/fr", empty);
    mkdir(path, 0700);
    snprintf(path, sizeof path, "%s/fr/README", empty);
    FILE *f = fopen(path, "w");
    fputs("no catalog here\n", f);
    fclose(f);
    err_t e = {0};
    TAP_CHECK(i18n_load(empty, &e) == RC_OK, "a language folder without a catalog loads");
    TAP_STREQ(i18n_tr(LANG_FR, "States"), "States", "... and its texts stay English");
    unlink(path);
    snprintf(path, sizeof path, "%s/fr", empty);
    rmdir(path);
    rmdir(empty);
}

int main(void)
{
    if (!mkdtemp(root))
        return 1;
    test_lookups();
    test_load_only();
    test_plural_rules();
    test_bad_catalogs();
    test_empty_folder();
    i18n_free();
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
    if (system(cmd) != 0)
        return 1;
    return tap_done();
}
