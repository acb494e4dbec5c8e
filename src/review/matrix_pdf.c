/*
 * One matrix version as a PDF, typeset by the review report's renderer
 * (report_pdf.c: cairo and pango, Noto fonts embedded, Arabic right to left,
 * the caveat in every footer). The cover carries the Committee's header facts
 * (first report, addenda, approval), the summary the fields per section and
 * mark, the contents each sub-table; then one table per sub-table with the
 * measure, the mark (a blank shown as "—"), the legal reference with its
 * remark and relevant information, and the source as "title (date), p. N".
 */
#include <stdio.h>
#include <string.h>

#include "../core/matrix_info.h"
#include "../util/i18n.h"
#include "matrix_sheet.h"
#include "report_doc.h"

static const char *tr(lang_t l, const char *msgid) __attribute__((format_arg(2)));
static const char *tr(lang_t l, const char *msgid)
{
    return i18n_tr(l, msgid);
}

static doc_block_t *add_block(review_doc_t *d, arena_t *a, doc_kind_t kind, const char *text)
{
    if (d->n == d->cap) {
        size_t cap = d->cap ? d->cap * 2 : 64;
        doc_block_t *b = arena_alloc(a, cap * sizeof *b);
        if (d->n)
            memcpy(b, d->blocks, d->n * sizeof *b);
        d->blocks = b;
        d->cap = cap;
    }
    doc_block_t *k = &d->blocks[d->n++];
    memset(k, 0, sizeof *k);
    k->kind = kind;
    k->text = text;
    return k;
}

/* The legal reference cell: the reference, the remark, OP1's relevant information with its dates.
 */
static const char *reference_cell(const matrix_sheet_t *m, const matrix_entry_t *en, arena_t *a)
{
    if (!en)
        return "";
    const char *s = matrix_str(en->legal_reference);
    if (*matrix_str(en->remark))
        s = *s ? arena_printf(a, "%s\n%s", s, en->remark) : en->remark;
    if (*matrix_str(en->info))
        s = arena_printf(a, "%s%s%s: %s", s, *s ? "\n" : "", tr(m->lang, "Relevant information"),
                         en->info);
    static const char *const names[INFO_DATE_COUNT] = {"Date signed", "Date ratified",
                                                       "Date acceded"};
    for (int k = 0; k < INFO_DATE_COUNT; k++)
        if (en->info_date[k][0])
            s = arena_printf(a, "%s%s%s %s", s, *s ? "\n" : "", i18n_tr(m->lang, names[k]),
                             en->info_date[k]);
    return s;
}

/* Items i..j-1 of one heading as a table. */
static void heading_table(const matrix_sheet_t *m, review_doc_t *d, arena_t *a, size_t i, size_t j)
{
    doc_block_t *t = add_block(d, a, DOC_TABLE, "");
    t->key = m->items[i].heading;
    t->ncols = 4;
    t->nrows = j - i;
    t->cells = arena_alloc(a, (t->nrows + 1) * 4 * sizeof *t->cells);
    t->cells[0] = tr(m->lang, "Measure");
    t->cells[1] = tr(m->lang, "Mark");
    t->cells[2] = tr(m->lang, "Legal reference");
    t->cells[3] = tr(m->lang, "Source");
    for (size_t k = i; k < j; k++) {
        const template_item_t *it = &m->items[k];
        const matrix_entry_t *en = m->entry[k];
        const char **row = t->cells + (k - i + 1) * 4;
        const char *label =
            it->label[m->lang] && *it->label[m->lang] ? it->label[m->lang] : it->label[LANG_EN];
        if (it->note[m->lang] && *it->note[m->lang])
            label = arena_printf(a, "%s (%s)", label, it->note[m->lang]);
        row[0] = label;
        row[1] = en && en->mark != MARK_BLANK ? matrix_mark_str(en->mark) : "—";
        row[2] = reference_cell(m, en, a);
        row[3] = matrix_sheet_source(m, en, a);
    }
}

/* Per section: its fields and how many carry each mark (the summary page). */
static void summary(const matrix_sheet_t *m, review_doc_t *d, arena_t *a)
{
    size_t n = m->nsections + 1, k = 0;
    d->summary = arena_alloc(a, n * sizeof *d->summary);
    long total[5] = {0};
    for (size_t s = 0; s < m->nsections; s++) {
        long c[5] = {0}; /* X, ?, NA, blank, fields */
        for (size_t i = 0; i < m->nitems; i++) {
            if (strcmp(m->items[i].section, m->sections[s].code) != 0)
                continue;
            const matrix_entry_t *en = m->entry[i];
            mark_t mk = en ? en->mark : MARK_BLANK;
            c[mk == MARK_X ? 0 : mk == MARK_UNSURE ? 1 : mk == MARK_NA ? 2 : 3]++;
            c[4]++;
        }
        if (!c[4])
            continue;
        for (int q = 0; q < 5; q++)
            total[q] += c[q];
        d->summary[k++] = arena_printf(
            a, tr(m->lang, "%s: %ld fields; X %ld, ? %ld, NA %ld, blank %ld"),
            matrix_sheet_vocab(m->sections, m->nsections, m->sections[s].code, m->lang), c[4], c[0],
            c[1], c[2], c[3]);
    }
    d->summary[k++] =
        arena_printf(a, tr(m->lang, "All sections: %ld fields; X %ld, ? %ld, NA %ld, blank %ld"),
                     total[4], total[0], total[1], total[2], total[3]);
    d->nsummary = k;
}

static const char *cover_line(arena_t *a, const char *const pair[2])
{
    return arena_printf(a, "%s: %s", pair[0], *pair[1] ? pair[1] : "—");
}

rc_t matrix_sheet_pdf(const matrix_sheet_t *m, const char *path, arena_t *a, err_t *e)
{
    review_doc_t d;
    memset(&d, 0, sizeof d);
    d.lang = m->lang;
    d.demo = m->demo;
    d.title = m->title;
    d.caveat = m->caveat;
    d.short_caveat = m->short_caveat;
    d.demo_note = m->demo_note;
    /* the same version gives the same file: dated by the version, not the clock */
    const char *day = *m->v.published ? m->v.published : m->v.created;
    d.pdf_date = arena_printf(a, "%sT00:00:00", day);
    d.cover[0] = cover_line(a, m->meta[MM_FIRST]);
    d.cover[1] = cover_line(a, m->meta[MM_ADDENDA]);
    d.cover[2] = cover_line(a, m->meta[MM_APPROVED]);
    d.cover[3] = arena_printf(a, "%s %s · %s", m->meta[MM_VERSION][0], m->meta[MM_VERSION][1],
                              cover_line(a, m->meta[MM_PUBLISHED]));
    d.summary_title = tr(m->lang, "Summary");
    d.contents_title = tr(m->lang, "Contents");
    summary(m, &d, a);
    const char *section = "";
    for (size_t i = 0, j; i < m->nitems; i = j) {
        for (j = i; j < m->nitems && strcmp(m->items[j].heading, m->items[i].heading) == 0;)
            j++;
        if (strcmp(section, m->items[i].section) != 0) {
            section = m->items[i].section;
            add_block(&d, a, DOC_TITLE,
                      matrix_sheet_vocab(m->sections, m->nsections, section, m->lang));
        }
        add_block(&d, a, DOC_HEADING,
                  matrix_sheet_vocab(m->headings, m->nheadings, m->items[i].heading, m->lang));
        heading_table(m, &d, a, i, j);
    }
    return review_doc_pdf(&d, path, a, e);
}
