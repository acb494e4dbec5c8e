/*
 * Interface strings in the six UN languages. The English text is the key
 * (gettext's msgid); translations come from gettext .po catalogs under
 * <po_root>/<lang>/NAME.po, one file per part of the program (web.po,
 * review.po, ...), so that parts never edit the same file.
 *
 * Lookups take the language as an argument instead of going through the
 * process locale: the web server answers requests in six languages at once.
 * The catalogs are loaded once at start and only read afterwards, so any
 * thread may look up strings without locking.
 */
#ifndef R1540_UTIL_I18N_H
#define R1540_UTIL_I18N_H

#include "lang.h"
#include "err.h"

/* Loads every <po_root>/<lang>/NAME.po for ar, zh, fr, ru and es (a missing
 * folder means no translations). RC_INPUT names the file and line of a
 * malformed catalog, or a Plural-Forms header that disagrees with the
 * language's rule. Calling it again replaces the loaded catalogs. */
rc_t i18n_load(const char *po_root, err_t *e);
/* The same for one language only (lang_t; nothing for English), or for all
 * when only is -1: a command that speaks one language need not parse the
 * other four catalogs (a tenth of a JSON review's time). */
rc_t i18n_load_only(const char *po_root, int only, err_t *e);
/* The translation of msgid, or msgid itself when there is none (English). */
const char *i18n_tr(lang_t lang, const char *msgid);
/* The same for a msgid that carries a gettext context (msgctxt). */
const char *i18n_trc(lang_t lang, const char *context, const char *msgid);
/* The plural form for n, by the language's own plural rule. */
const char *i18n_trn(lang_t lang, const char *singular, const char *plural, unsigned long n);
/* How many translated messages the language has (0: no catalog for it). */
unsigned long i18n_count(lang_t lang);
/* Frees the catalogs; lookups then return the English text. */
void i18n_free(void);

/* The index of n's plural form in the language (gettext's Plural-Forms rule). */
int i18n_plural_index(lang_t lang, unsigned long n);
/* How many plural forms the language has. */
int i18n_plural_count(lang_t lang);

#endif
