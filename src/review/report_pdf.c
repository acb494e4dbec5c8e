/*
 * The review as a PDF, typeset with cairo and pango: Noto fonts through
 * fontconfig (Noto Naskh Arabic shaped right to left, Noto Sans CJK SC for
 * Chinese), embedded as subsets by cairo. A4 pages, a footer on every page
 * with the caveat and the page number. Any character pango cannot find a
 * glyph for is counted, and the report is refused rather than shipped with
 * empty boxes. Written to PATH.tmp and renamed, so a refused or failed report
 * leaves whatever was at PATH untouched.
 */
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <string.h>

#include "../util/atomic_file.h"
#include "report_doc.h"

#define PAGE_W 595.28
#define PAGE_H 841.89
#define MARGIN 50.0
#define CONTENT_W (PAGE_W - 2 * MARGIN)
#define BOTTOM (PAGE_H - MARGIN - 20)
#define TABLE_COLS 16

typedef struct {
    cairo_t *cr;
    const review_doc_t *doc;
    double y;
    int page;
    int unknown_glyphs; /* characters no font could show */
} pdf_t;

static PangoLayout *layout(pdf_t *p, const char *text, double size, bool bold, double width)
{
    PangoLayout *l = pango_cairo_create_layout(p->cr);
    char font[128];
    snprintf(font, sizeof font, "%s %s%.1f", chart_font_family(p->doc->lang),
             bold ? "Bold " : "", size);
    PangoFontDescription *fd = pango_font_description_from_string(font);
    pango_layout_set_font_description(l, fd);
    pango_font_description_free(fd);
    pango_context_set_language(pango_layout_get_context(l),
                               pango_language_from_string(p->doc->lang == LANG_ZH
                                                              ? "zh-cn"
                                                              : lang_code(p->doc->lang)));
    pango_layout_set_width(l, (int)(width * PANGO_SCALE));
    pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_text(l, text, -1);
    p->unknown_glyphs += pango_layout_get_unknown_glyphs_count(l);
    return l;
}

static double layout_height(PangoLayout *l)
{
    int w, h;
    pango_layout_get_size(l, &w, &h);
    return (double)h / PANGO_SCALE;
}

static void footer(pdf_t *p)
{
    char s[512];
    snprintf(s, sizeof s, "%s%s%s   %d", p->doc->demo_note, p->doc->demo ? "  " : "",
             p->doc->short_caveat, p->page);
    PangoLayout *l = layout(p, s, 7, false, CONTENT_W);
    pango_layout_set_alignment(l, PANGO_ALIGN_CENTER);
    cairo_set_source_rgb(p->cr, 0.35, 0.35, 0.35);
    cairo_move_to(p->cr, MARGIN, PAGE_H - MARGIN);
    pango_cairo_show_layout(p->cr, l);
    g_object_unref(l);
}

static void new_page(pdf_t *p)
{
    if (p->page > 0) {
        footer(p);
        cairo_show_page(p->cr);
    }
    p->page++;
    p->y = MARGIN;
}

/* Starts a new page unless h more points fit on this one. */
static void ensure(pdf_t *p, double h)
{
    if (p->y + h > BOTTOM && p->y > MARGIN)
        new_page(p);
}

static void text_block(pdf_t *p, const char *text, double size, bool bold, double after)
{
    PangoLayout *l = layout(p, text, size, bold, CONTENT_W);
    double h = layout_height(l);
    ensure(p, h);
    cairo_set_source_rgb(p->cr, 0.1, 0.1, 0.1);
    cairo_move_to(p->cr, MARGIN, p->y);
    pango_cairo_show_layout(p->cr, l);
    g_object_unref(l);
    p->y += h + after;
}

/* True for a cell that holds a figure ("12", "43.5%", "+2.1", "2024-12-31"). */
static bool numeric(const char *s)
{
    if (!*s)
        return false;
    for (; *s; s++)
        if (!strchr("0123456789.%+-", *s) && strcmp(s, "–") != 0)
            return false;
    return true;
}

/* Column widths in proportion to their longest cell (bounded), and x
 * positions, mirrored for right-to-left. */
static void columns(const pdf_t *p, const doc_block_t *t, double *x, double *w)
{
    double sum = 0;
    for (size_t j = 0; j < t->ncols; j++) {
        size_t longest = 4;
        for (size_t i = 0; i <= t->nrows; i++) {
            size_t n = strlen(t->cells[i * t->ncols + j]);
            longest = n > longest ? n : longest;
        }
        w[j] = (double)(longest > 60 ? 60 : longest < 10 ? 10 : longest); /* a bold header word fits */
        sum += w[j];
    }
    for (size_t j = 0; j < t->ncols; j++) {
        w[j] = CONTENT_W * w[j] / sum;
        x[j] = j == 0 ? MARGIN : x[j - 1] + w[j - 1];
    }
    if (p->doc->lang == LANG_AR)
        for (size_t j = 0; j < t->ncols; j++)
            x[j] = PAGE_W - x[j] - w[j];
}

static void table_row(pdf_t *p, const char *const *cells, size_t ncols, bool head,
                      const double *x, const double *w)
{
    double h = 0;
    PangoLayout *l[TABLE_COLS];
    for (size_t j = 0; j < ncols; j++) {
        l[j] = layout(p, cells[j], 7.5, head, w[j] - 4);
        if (numeric(cells[j]) || (head && j > 0))
            pango_layout_set_alignment(l[j], PANGO_ALIGN_RIGHT);
        double lh = layout_height(l[j]);
        h = lh > h ? lh : h;
    }
    ensure(p, h + 3);
    cairo_set_source_rgb(p->cr, 0.1, 0.1, 0.1);
    for (size_t j = 0; j < ncols; j++) {
        cairo_move_to(p->cr, x[j] + 2, p->y + 1);
        pango_cairo_show_layout(p->cr, l[j]);
        g_object_unref(l[j]);
    }
    p->y += h + 3;
    cairo_set_source_rgb(p->cr, 0.85, 0.85, 0.85);
    cairo_set_line_width(p->cr, 0.4);
    cairo_move_to(p->cr, MARGIN, p->y - 1);
    cairo_line_to(p->cr, PAGE_W - MARGIN, p->y - 1);
    cairo_stroke(p->cr);
}

static void table(pdf_t *p, const doc_block_t *t)
{
    ensure(p, 60);
    text_block(p, t->text, 9, true, 3);
    double x[TABLE_COLS], w[TABLE_COLS];
    if (t->ncols > TABLE_COLS)
        return; /* the document builder never makes one */
    columns(p, t, x, w);
    for (size_t i = 0; i <= t->nrows; i++)
        table_row(p, t->cells + i * t->ncols, t->ncols, i == 0, x, w);
    p->y += 10;
}

/* Draws a chart, splitting a heat map's rows over as many pages as it needs. */
static void chart(pdf_t *p, const doc_block_t *k)
{
    chart_t c = k->chart;
    double whole = chart_height(&c, CONTENT_W) + 20;
    ensure(p, c.kind == CHART_HEAT || whole > BOTTOM - MARGIN ? 80 : whole); /* caption with it */
    text_block(p, k->text, 9, true, 4);
    while (true) {
        chart_t part = c;
        if (c.kind == CHART_HEAT) {
            size_t fit = (size_t)((BOTTOM - p->y - 120) / 8.0);
            if (fit < 10) {
                new_page(p);
                continue;
            }
            part.nlabels = c.nlabels < fit ? c.nlabels : fit;
        }
        double h = chart_height(&part, CONTENT_W);
        ensure(p, h);
        cairo_save(p->cr);
        cairo_translate(p->cr, MARGIN, p->y);
        chart_draw(p->cr, &part, CONTENT_W);
        cairo_restore(p->cr);
        p->y += h + 12;
        if (c.kind != CHART_HEAT || part.nlabels == c.nlabels)
            break;
        c.labels += part.nlabels;
        c.values += part.nlabels * c.nseries;
        c.nlabels -= part.nlabels;
        new_page(p);
    }
}

static void render(pdf_t *p)
{
    new_page(p);
    for (size_t i = 0; i < p->doc->n; i++) {
        const doc_block_t *k = &p->doc->blocks[i];
        switch (k->kind) {
        case DOC_TITLE: text_block(p, k->text, 17, true, 10); break;
        case DOC_HEADING: ensure(p, 80); text_block(p, k->text, 12.5, true, 6); break;
        case DOC_PARA: text_block(p, k->text, 9, false, 6); break;
        case DOC_TABLE: table(p, k); break;
        case DOC_CHART: chart(p, k); break;
        }
    }
    footer(p);
}

rc_t review_render_pdf(const review_t *r, const char *path, err_t *e)
{
    arena_t a = ARENA_INIT;
    review_doc_t doc;
    review_doc_build(r, &a, &doc);
    char *tmp = atomic_file_tmp(path, &a);
    cairo_surface_t *s = cairo_pdf_surface_create(tmp, PAGE_W, PAGE_H);
    if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(s);
        arena_free(&a);
        return err_set(e, RC_FAIL, "%s: cannot write the report", path);
    }
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, doc.title);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "r1540");
    pdf_t p = {.cr = cairo_create(s), .doc = &doc};
    chart_unknown_glyphs(); /* count this report's charts only */
    render(&p);
    p.unknown_glyphs += chart_unknown_glyphs();
    cairo_destroy(p.cr);
    cairo_surface_finish(s);
    cairo_status_t st = cairo_surface_status(s);
    cairo_surface_destroy(s);
    rc_t rc = RC_OK;
    if (st != CAIRO_STATUS_SUCCESS)
        rc = err_set(e, RC_FAIL, "%s: cannot write the report (%s)", path,
                     cairo_status_to_string(st));
    else if (p.unknown_glyphs)
        rc = err_set(e, RC_FAIL, "%d characters of the report have no glyph in the installed"
                     " Noto fonts (run scripts/install-deps.sh)", p.unknown_glyphs);
    rc = atomic_file_finish(tmp, path, rc, e);
    arena_free(&a);
    return rc;
}
