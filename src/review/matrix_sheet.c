/*
 * The model of one matrix download (matrix_sheet.h): read from the store
 * once, then only read by the writers. Labels come from the review.po
 * catalogs through tr(), which xgettext finds (tests/check_i18n.sh).
 */
#include "matrix_sheet.h"

#include <stdio.h>
#include <string.h>

#include "../core/matrix_info.h"
#include "../util/i18n.h"

static const char *tr(lang_t l, const char *msgid) __attribute__((format_arg(2)));
static const char *tr(lang_t l, const char *msgid)
{
    return i18n_tr(l, msgid);
}

static const char *const col_keys[MC_COUNT] = {
    "item",     "section",         "heading",       "weapon",       "measure",
    "mark",     "legal_reference", "source_report", "source_title", "source_date",
    "page",     "source_url",      "remark",        "info",         "signed",
    "ratified", "acceded"};

const char *matrix_sheet_col_key(int c)
{
    return c >= 0 && c < MC_COUNT ? col_keys[c] : "";
}

const char *matrix_sheet_col_title(const matrix_sheet_t *m, int c)
{
    lang_t l = m->lang;
    switch (c) {
    case MC_ITEM:
        return tr(l, "Item");
    case MC_SECTION:
        return tr(l, "Section");
    case MC_HEADING:
        return tr(l, "Heading");
    case MC_WEAPON:
        return tr(l, "Weapon type");
    case MC_MEASURE:
        return tr(l, "Measure");
    case MC_MARK:
        return tr(l, "Mark");
    case MC_LEGAL_REFERENCE:
        return tr(l, "Legal reference");
    case MC_SOURCE_REPORT:
        return tr(l, "Source report (number)");
    case MC_SOURCE_TITLE:
        return tr(l, "Source report");
    case MC_SOURCE_DATE:
        return tr(l, "Date of the source");
    case MC_PAGE:
        return tr(l, "Page");
    case MC_SOURCE_URL:
        return tr(l, "Official web address");
    case MC_REMARK:
        return tr(l, "Remark");
    case MC_INFO:
        return tr(l, "Relevant information");
    case MC_SIGNED:
        return tr(l, "Date signed");
    case MC_RATIFIED:
        return tr(l, "Date ratified");
    case MC_ACCEDED:
        return tr(l, "Date acceded");
    }
    return "";
}

const char *matrix_sheet_vocab(const vocab_t *v, size_t n, const char *code, lang_t lang)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(v[i].code, code) == 0)
            return v[i].name[lang] && *v[i].name[lang] ? v[i].name[lang] : v[i].name[LANG_EN];
    return code;
}

const report_t *matrix_sheet_report(const matrix_sheet_t *m, long long id)
{
    for (size_t i = 0; i < m->nreports; i++)
        if (m->reports[i].id == id)
            return &m->reports[i];
    return NULL;
}

const char *matrix_sheet_page(lang_t lang, const char *page, arena_t *a)
{
    const char *p = page;
    if (strncmp(p, "pp.", 3) == 0)
        p += 3;
    else if (strncmp(p, "p.", 2) == 0)
        p += 2;
    while (*p == ' ')
        p++;
    /* "12", "p. 12", "pp. 3-5": a number after the translated "p."; any
     * other wording ("section 4", "annex") as the expert wrote it */
    if (*p >= '0' && *p <= '9')
        return arena_printf(a, tr(lang, "p. %s"), p);
    return page;
}

const char *matrix_sheet_source(const matrix_sheet_t *m, const matrix_entry_t *en, arena_t *a)
{
    const char *out = "";
    const report_t *rep =
        en && en->source_report ? matrix_sheet_report(m, en->source_report) : NULL;
    if (rep)
        out = arena_printf(a, "%s (%s)", rep->title, rep->date);
    else if (en && en->source_report) /* a report the store no longer lists */
        out = arena_printf(a, "%s %lld", tr(m->lang, "report"), en->source_report);
    if (*out && en->page && *en->page)
        out = arena_printf(a, "%s, %s", out, matrix_sheet_page(m->lang, en->page, a));
    const char *url = matrix_str(en ? en->source_url : NULL);
    if (*url)
        out = *out ? arena_printf(a, "%s; %s", out, url) : url;
    return out;
}

void matrix_sheet_row(const matrix_sheet_t *m, size_t i, arena_t *a, const char **cells)
{
    const template_item_t *it = &m->items[i];
    const matrix_entry_t *en = m->entry[i];
    const report_t *rep =
        en && en->source_report ? matrix_sheet_report(m, en->source_report) : NULL;
    for (int c = 0; c < MC_COUNT; c++)
        cells[c] = "";
    cells[MC_ITEM] = it->id;
    cells[MC_SECTION] = it->section;
    cells[MC_HEADING] = matrix_sheet_vocab(m->headings, m->nheadings, it->heading, m->lang);
    cells[MC_WEAPON] = strcmp(it->weapon, "-") == 0 ? "" : it->weapon;
    cells[MC_MEASURE] =
        it->label[m->lang] && *it->label[m->lang] ? it->label[m->lang] : it->label[LANG_EN];
    if (!en)
        return;
    cells[MC_MARK] = matrix_mark_str(en->mark);
    cells[MC_LEGAL_REFERENCE] = matrix_str(en->legal_reference);
    if (en->source_report)
        cells[MC_SOURCE_REPORT] = arena_printf(a, "%lld", en->source_report);
    cells[MC_SOURCE_TITLE] = rep ? rep->title : "";
    cells[MC_SOURCE_DATE] = rep ? rep->date : "";
    cells[MC_PAGE] = matrix_str(en->page);
    cells[MC_SOURCE_URL] = matrix_str(en->source_url);
    cells[MC_REMARK] = matrix_str(en->remark);
    cells[MC_INFO] = matrix_str(en->info);
    cells[MC_SIGNED] = en->info_date[INFO_SIGNED];
    cells[MC_RATIFIED] = en->info_date[INFO_RATIFIED];
    cells[MC_ACCEDED] = en->info_date[INFO_ACCEDED];
}

static rc_t load_version(store_t *st, const char *alpha3, int version, arena_t *a,
                         matrix_version_t *out, err_t *e)
{
    if (version > 0)
        return store_version_get(st, alpha3, version, a, out, e);
    matrix_version_t *all;
    size_t n;
    rc_t rc = store_version_list(st, alpha3, a, &all, &n, e);
    if (rc == RC_OK && !n)
        return err_set(e, RC_NOTFOUND, "%s has no matrix version", alpha3);
    if (rc == RC_OK)
        *out = all[n - 1];
    return rc;
}

/* Aligns the stored entries (template order) with the items. */
static void align_entries(matrix_sheet_t *m, const matrix_entry_t *es, size_t ne, arena_t *a)
{
    m->entry = arena_alloc(a, (m->nitems + 1) * sizeof *m->entry);
    for (size_t i = 0, k = 0; i < m->nitems; i++) {
        size_t j = k;
        while (j < ne && strcmp(es[j].item, m->items[i].id) != 0)
            j++;
        if (j < ne) {
            m->entry[i] = es[j].mark == MARK_BLANK && !*matrix_str(es[j].legal_reference) &&
                                  !es[j].source_report && !*matrix_str(es[j].source_url)
                              ? NULL
                              : &es[j];
            k = j + 1;
        }
    }
}

static const char *status_name(lang_t l, mv_status_t s)
{
    switch (s) {
    case MV_DRAFT:
        return tr(l, "Draft");
    case MV_WITH_STATE:
        return tr(l, "With the state for review");
    case MV_APPROVED:
        return tr(l, "Approved");
    case MV_PUBLISHED:
        return tr(l, "Published");
    }
    return "";
}

/* The header facts: the first report's date and each addendum's (reports of
 * kind additional-information), as the Committee's matrices open. */
static void fill_meta(matrix_sheet_t *m, arena_t *a)
{
    lang_t l = m->lang;
    const char *first = "", *addenda = "";
    for (size_t i = 0; i < m->nreports; i++) {
        const report_t *r = &m->reports[i];
        if (strcmp(r->kind, "first-report") == 0 && (!*first || strcmp(r->date, first) < 0))
            first = r->date;
        else if (strcmp(r->kind, "additional-information") == 0)
            addenda = *addenda ? arena_printf(a, "%s, %s", addenda, r->date) : r->date;
    }
    const char *name =
        m->state.name[l] && *m->state.name[l] ? m->state.name[l] : m->state.name[LANG_EN];
    const char *pairs[MM_COUNT][2] = {
        {tr(l, "State"), name},
        {tr(l, "Version"), arena_printf(a, "%d", m->v.number)},
        {tr(l, "Status"), status_name(l, m->v.status)},
        {tr(l, "First national report"), first},
        {tr(l, "Additional information"), addenda},
        {tr(l, "Approved by the Committee"), m->v.approved},
        {tr(l, "Published"), m->v.published},
    };
    memcpy(m->meta, pairs, sizeof pairs);
    m->title = arena_printf(a, tr(l, "%s: 1540 matrix, version %d"), name, m->v.number);
    m->caveat = tr(l, "The matrix records the facts that were reported or found in official "
                      "sources, the measures a state has taken; it is not a tool for measuring "
                      "compliance. Marks: X measure reported or legal basis found; ? references "
                      "incomplete or not directly relevant; NA not applicable; a blank (—) means "
                      "no information.");
    m->short_caveat = tr(l, "Indicators of fact, not a measure of compliance.");
    m->demo_note = m->demo ? tr(l, "Demo data: not real submissions.") : "";
}

rc_t matrix_sheet_load(store_t *st, const char *alpha3, int version, bool published_only,
                       lang_t lang, arena_t *a, matrix_sheet_t *m, err_t *e)
{
    memset(m, 0, sizeof *m);
    m->lang = (unsigned)lang < LANG_COUNT ? lang : LANG_EN;
    matrix_entry_t *es;
    size_t ne;
    char *demo = NULL;
    rc_t rc;
    if ((rc = store_state_get(st, alpha3, a, &m->state, e)) != RC_OK ||
        (rc = load_version(st, m->state.alpha3, version, a, &m->v, e)) != RC_OK)
        return rc;
    if (published_only && m->v.status != MV_PUBLISHED)
        return err_set(e, RC_NOTFOUND, "version %d of %s is not published", m->v.number,
                       m->state.alpha3);
    if ((rc = store_template_items(st, m->v.template_version, a, &m->items, &m->nitems, e)) ||
        (rc = store_entries(st, m->v.id, a, &es, &ne, e)) ||
        (rc = store_report_list(st, m->state.alpha3, a, &m->reports, &m->nreports, e)) ||
        (rc = store_vocab_list(st, "section", a, &m->sections, &m->nsections, e)) ||
        (rc = store_vocab_list(st, "heading", a, &m->headings, &m->nheadings, e)))
        return rc;
    rc = store_meta_get(st, "demo", a, &demo, e);
    if (rc == RC_NOTFOUND) {
        err_clear(e);
        rc = RC_OK;
    }
    if (rc != RC_OK)
        return rc;
    m->demo = demo && strcmp(demo, "1") == 0;
    align_entries(m, es, ne, a);
    fill_meta(m, a);
    return RC_OK;
}
