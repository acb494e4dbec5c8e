/*
 * Translation catalogs: gettext .po files read with gettext's own parser
 * (libgettextpo), kept per language as one array sorted by key for binary
 * search. A key is the msgid, or "context\004msgid" as gettext writes it.
 * Fuzzy, obsolete and untranslated messages are skipped, as msgfmt does.
 */
#include "i18n.h"

#include <dirent.h>
#include <gettext-po.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"

#define PLURAL_MAX 6

typedef struct {
    const char *key;
    const char *str[PLURAL_MAX]; /* str[0] alone unless the message has plurals */
    int plural;                  /* 1 when str[] holds the language's plural forms */
} i18n_msg_t;

typedef struct {
    i18n_msg_t *msgs;
    size_t n, cap;
} i18n_catalog_t;

static arena_t i18n_arena = ARENA_INIT;
static i18n_catalog_t i18n_catalogs[LANG_COUNT];

/* ---- plural rules (the Plural-Forms formulas gettext documents) ---- */

int i18n_plural_count(lang_t lang)
{
    switch (lang) {
    case LANG_AR: return 6;
    case LANG_ZH: return 1;
    case LANG_RU: return 3;
    default: return 2;
    }
}

int i18n_plural_index(lang_t lang, unsigned long n)
{
    unsigned long d = n % 10, h = n % 100;
    switch (lang) {
    case LANG_AR:
        return n == 0 ? 0 : n == 1 ? 1 : n == 2 ? 2 : (h >= 3 && h <= 10) ? 3 : h >= 11 ? 4 : 5;
    case LANG_ZH: return 0;
    case LANG_FR: return n > 1;
    case LANG_RU:
        return (d == 1 && h != 11) ? 0 : (d >= 2 && d <= 4 && (h < 10 || h >= 20)) ? 1 : 2;
    default: return n != 1;
    }
}

/* ---- reading .po files ---- */

/* libgettextpo reports problems through callbacks and must not be returned
 * to after a fatal one; we jump back to the file's reader instead. */
static struct {
    err_t *e;
    jmp_buf jump;
    int errors;
} po_read;

static void po_xerror(int severity, po_message_t m, const char *file, size_t line, size_t col,
                      int multiline, const char *text)
{
    (void)m, (void)col, (void)multiline;
    if (severity == PO_SEVERITY_WARNING)
        return;
    if (po_read.errors++ == 0)
        err_set(po_read.e, RC_INPUT, "%s:%zu: %s", file ? file : "?", line, text);
    if (severity == PO_SEVERITY_FATAL_ERROR)
        longjmp(po_read.jump, 1);
}

static void po_xerror2(int severity, po_message_t m1, const char *f1, size_t l1, size_t c1,
                       int ml1, const char *t1, po_message_t m2, const char *f2, size_t l2,
                       size_t c2, int ml2, const char *t2)
{
    (void)m2, (void)f2, (void)l2, (void)c2, (void)ml2, (void)t2;
    po_xerror(severity, m1, f1, l1, c1, ml1, t1);
}

static const struct po_xerror_handler po_handler = {po_xerror, po_xerror2};

static void catalog_add(i18n_catalog_t *c, const i18n_msg_t *m)
{
    if (c->n == c->cap) {
        c->cap = c->cap ? 2 * c->cap : 256;
        c->msgs = xrealloc(c->msgs, c->cap * sizeof *c->msgs);
    }
    c->msgs[c->n++] = *m;
}

static const char *message_key(po_message_t m)
{
    const char *ctx = po_message_msgctxt(m), *id = po_message_msgid(m);
    if (!ctx)
        return arena_strdup(&i18n_arena, id);
    size_t lc = strlen(ctx), li = strlen(id);
    char *k = arena_alloc_raw(&i18n_arena, lc + li + 2);
    memcpy(k, ctx, lc);
    k[lc] = '\004';
    memcpy(k + lc + 1, id, li + 1);
    return k;
}

/* Copies one message into the catalog, unless msgfmt would leave it out. */
static void catalog_take(i18n_catalog_t *c, lang_t lang, po_message_t m)
{
    if (po_message_is_obsolete(m) || po_message_is_fuzzy(m) || !*po_message_msgid(m))
        return;
    i18n_msg_t msg = {0};
    if (po_message_msgid_plural(m)) {
        msg.plural = 1;
        for (int i = 0; i < i18n_plural_count(lang); i++) {
            const char *s = po_message_msgstr_plural(m, i);
            if (!s || !*s)
                return;
            msg.str[i] = arena_strdup(&i18n_arena, s);
        }
    } else {
        if (!*po_message_msgstr(m))
            return;
        msg.str[0] = arena_strdup(&i18n_arena, po_message_msgstr(m));
    }
    msg.key = message_key(m);
    catalog_add(c, &msg);
}

/* The nplurals= of a catalog's header must be the language's own count, or
 * plural lookups would pick the wrong form. */
static rc_t check_plural_header(po_file_t f, lang_t lang, const char *path, err_t *e)
{
    /* libgettextpo returns a fresh copy of the header: ours to free. */
    char *header = (char *)po_file_domain_header(f, NULL);
    char *forms = header ? po_header_field(header, "Plural-Forms") : NULL;
    free(header);
    if (!forms)
        return RC_OK;
    const char *p = strstr(forms, "nplurals=");
    long n = p ? strtol(p + 9, NULL, 10) : 0;
    free(forms);
    if (n != i18n_plural_count(lang))
        return err_set(e, RC_INPUT, "%s: Plural-Forms says nplurals=%ld, %s has %d", path, n,
                       lang_code(lang), i18n_plural_count(lang));
    return RC_OK;
}

static rc_t catalog_read_file(i18n_catalog_t *c, lang_t lang, const char *path, err_t *e)
{
    po_read.e = e;
    po_read.errors = 0;
    po_file_t volatile f = NULL;
    if (setjmp(po_read.jump) == 0)
        f = po_file_read(path, &po_handler);
    if (!f || po_read.errors) {
        if (!po_read.errors)
            err_set(e, RC_INPUT, "%s: cannot read this catalog", path);
        if (f)
            po_file_free(f);
        return RC_INPUT;
    }
    rc_t rc = check_plural_header(f, lang, path, e);
    po_message_iterator_t it = po_message_iterator(f, NULL);
    for (po_message_t m; rc == RC_OK && (m = po_next_message(it));)
        catalog_take(c, lang, m);
    po_message_iterator_free(it);
    po_file_free(f);
    return rc;
}

static int names_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The .po files of one language folder, in name order so that a message
 * found in two files resolves the same way on every machine. */
static rc_t catalog_read_dir(i18n_catalog_t *c, lang_t lang, const char *dir, err_t *e)
{
    DIR *d = opendir(dir);
    if (!d)
        return RC_OK;
    char **names = NULL;
    size_t n = 0;
    for (struct dirent *de; (de = readdir(d));) {
        size_t len = strlen(de->d_name);
        if (len > 3 && strcmp(de->d_name + len - 3, ".po") == 0) {
            names = xrealloc(names, (n + 1) * sizeof *names);
            names[n++] = xstrdup(de->d_name);
        }
    }
    closedir(d);
    if (n) /* qsort(NULL, 0, ...) is undefined: a folder without a catalog */
        qsort(names, n, sizeof *names, names_cmp);
    rc_t rc = RC_OK;
    char path[8192];
    for (size_t i = 0; i < n; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        if (rc == RC_OK)
            rc = catalog_read_file(c, lang, path, e);
        free(names[i]);
    }
    free(names);
    return rc;
}

static int msg_cmp(const void *a, const void *b)
{
    return strcmp(((const i18n_msg_t *)a)->key, ((const i18n_msg_t *)b)->key);
}

void i18n_free(void)
{
    for (int l = 0; l < LANG_COUNT; l++) {
        free(i18n_catalogs[l].msgs);
        i18n_catalogs[l] = (i18n_catalog_t){0};
    }
    arena_free(&i18n_arena);
}

rc_t i18n_load(const char *po_root, err_t *e)
{
    return i18n_load_only(po_root, -1, e);
}

rc_t i18n_load_only(const char *po_root, int only, err_t *e)
{
    i18n_free();
    char dir[4096];
    for (int l = 0; l < LANG_COUNT; l++) {
        if (l == LANG_EN || (only >= 0 && l != only))
            continue;
        snprintf(dir, sizeof dir, "%s/%s", po_root, lang_code((lang_t)l));
        i18n_catalog_t *c = &i18n_catalogs[l];
        if (catalog_read_dir(c, (lang_t)l, dir, e) != RC_OK) {
            i18n_free();
            return e ? e->rc : RC_INPUT;
        }
        if (c->n)
            qsort(c->msgs, c->n, sizeof *c->msgs, msg_cmp);
    }
    return RC_OK;
}

/* ---- lookups ---- */

static const i18n_msg_t *lookup(lang_t lang, const char *key)
{
    if ((unsigned)lang >= LANG_COUNT || !i18n_catalogs[lang].n)
        return NULL;
    i18n_msg_t probe = {.key = key};
    return bsearch(&probe, i18n_catalogs[lang].msgs, i18n_catalogs[lang].n,
                   sizeof probe, msg_cmp);
}

const char *i18n_tr(lang_t lang, const char *msgid)
{
    const i18n_msg_t *m = lookup(lang, msgid);
    return m ? m->str[0] : msgid;
}

const char *i18n_trc(lang_t lang, const char *context, const char *msgid)
{
    char key[1024];
    int n = snprintf(key, sizeof key, "%s\004%s", context, msgid);
    const i18n_msg_t *m = (n > 0 && (size_t)n < sizeof key) ? lookup(lang, key) : NULL;
    return m ? m->str[0] : msgid;
}

const char *i18n_trn(lang_t lang, const char *singular, const char *plural, unsigned long n)
{
    const i18n_msg_t *m = lookup(lang, singular);
    if (m && m->plural)
        return m->str[i18n_plural_index(lang, n)];
    return n == 1 ? singular : plural;
}

unsigned long i18n_count(lang_t lang)
{
    return (unsigned)lang < LANG_COUNT ? i18n_catalogs[lang].n : 0;
}
