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
#include "pdf_lang.h"
#include "report_doc.h"

#define PAGE_W 595.28
#define PAGE_H 841.89
#define MARGIN 50.0
#define CONTENT_W (PAGE_W - 2 * MARGIN)
#define BOTTOM (PAGE_H - MARGIN - 20)
#define TABLE_COLS 16

#define HEADINGS_MAX 64

typedef struct {
    cairo_t *cr;
    cairo_surface_t *surface;
    const review_doc_t *doc;
    double y;
    int page;
    int unknown_glyphs; /* characters no font could show */
    bool final;         /* the second pass: page numbers known, outline written */
    int heading_page[HEADINGS_MAX]; /* per heading (in order): its page, from the first pass */
    size_t nheadings;   /* headings met so far in this pass */
} pdf_t;

/* Keeps every space-free run of up to 48 bytes with a hyphen or a slash
 * inside (a date, an item code, "LDC/LLDC") on one line, and never inserts
 * hyphens; plain words break only between words anyway. */
static void keep_tokens(PangoLayout *l, const char *text)
{
    PangoAttrList *attrs = pango_attr_list_new();
    PangoAttribute *h = pango_attr_insert_hyphens_new(FALSE);
    pango_attr_list_insert(attrs, h);
    for (const char *q = text; *q;) {
        size_t sp = strspn(q, " \n"), len;
        q += sp;
        len = strcspn(q, " \n");
        /* only runs with a break opportunity inside (a date's or a code's
         * hyphen, a slash) need the attribute, and pango's cost grows with
         * the number of attributes: leave plain words alone */
        bool inner = false;
        for (size_t i = 1; i + 1 < len; i++)
            inner |= q[i] == '-' || q[i] == '/';
        if (inner && len <= 48) {
            PangoAttribute *b = pango_attr_allow_breaks_new(FALSE);
            b->start_index = (guint)(q - text);
            b->end_index = (guint)(q - text + len);
            pango_attr_list_insert(attrs, b);
        }
        q += len;
    }
    pango_layout_set_attributes(l, attrs);
    pango_attr_list_unref(attrs);
}

static PangoLayout *layout_cell(pdf_t *p, const char *text, double size, bool bold, double width);

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
    keep_tokens(l, text); /* no date or item code split, no hyphen inserted */
    p->unknown_glyphs += pango_layout_get_unknown_glyphs_count(l);
    return l;
}

/* A table cell's layout: breaks between words only (keep_tokens). */
static PangoLayout *layout_cell(pdf_t *p, const char *text, double size, bool bold, double width)
{
    PangoLayout *l = layout(p, text, size, bold, width);
    pango_layout_set_wrap(l, PANGO_WRAP_WORD);
    return l;
}

/* The length in bytes of the longest space-free run of a cell. */
static size_t longest_token(const char *s)
{
    size_t best = 0;
    while (*s) {
        s += strspn(s, " \n");
        size_t n = strcspn(s, " \n");
        best = n > best ? n : best;
        s += n;
    }
    return best;
}

/* The width in points of the widest unbreakable token of a cell. */
static double widest_token(pdf_t *p, const char *text, bool bold)
{
    PangoLayout *l = layout_cell(p, text, 7.5, bold, 10); /* narrow: one token a line */
    PangoLayoutIter *it = pango_layout_get_iter(l);
    double w = 0;
    do {
        PangoRectangle ink, logical;
        pango_layout_iter_get_line_extents(it, &ink, &logical);
        double lw = (double)logical.width / PANGO_SCALE;
        w = lw > w ? lw : w;
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
    g_object_unref(l);
    return w;
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

/* Draws a long paragraph line by line, going on to a new page where a line
 * does not fit (a workshop's description is longer than what is left of a
 * page more often than not; moving it whole would leave half pages empty). */
static void text_lines(pdf_t *p, PangoLayout *l)
{
    PangoLayoutIter *it = pango_layout_get_iter(l);
    double top = 0; /* the layout's y at the top of the current page */
    do {
        PangoRectangle ink, r;
        pango_layout_iter_get_line_extents(it, &ink, &r);
        double y = (double)r.y / PANGO_SCALE, h = (double)r.height / PANGO_SCALE;
        if (p->y + (y - top) + h > BOTTOM) {
            p->y += y - top;
            new_page(p);
            top = y;
        }
        double base = (double)pango_layout_iter_get_baseline(it) / PANGO_SCALE;
        cairo_set_source_rgb(p->cr, 0.1, 0.1, 0.1);
        cairo_move_to(p->cr, MARGIN + (double)r.x / PANGO_SCALE, p->y + (base - top));
        pango_cairo_show_layout_line(p->cr, pango_layout_iter_get_line_readonly(it));
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
    p->y += layout_height(l) - top;
}

static void text_block(pdf_t *p, const char *text, double size, bool bold, double after)
{
    PangoLayout *l = layout(p, text, size, bold, CONTENT_W);
    double h = layout_height(l);
    if (h > 120 && p->y + h > BOTTOM) {
        ensure(p, 60);
        text_lines(p, l);
    } else {
        ensure(p, h);
        cairo_set_source_rgb(p->cr, 0.1, 0.1, 0.1);
        cairo_move_to(p->cr, MARGIN, p->y);
        pango_cairo_show_layout(p->cr, l);
        p->y += h;
    }
    g_object_unref(l);
    p->y += after;
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

/* Column widths: each at least its widest unbreakable token (so that no
 * date or code is split), the rest of the width shared in proportion to the
 * longest cell; x positions mirrored for right-to-left. */
static void columns(pdf_t *p, const doc_block_t *t, double *x, double *w)
{
    double need[TABLE_COLS], share[TABLE_COLS], sum_need = 0, sum_share = 0;
    for (size_t j = 0; j < t->ncols; j++) {
        size_t longest = 4, tok = 0;
        need[j] = widest_token(p, t->cells[j], true) + 6; /* the header, bold */
        for (size_t i = 1; i <= t->nrows; i++) {
            const char *cell = t->cells[i * t->ncols + j];
            size_t n = strlen(cell);
            longest = n > longest ? n : longest;
            tok = longest_token(cell) > tok ? longest_token(cell) : tok;
        }
        /* laying out every cell of a 193-row table twice is slow: measure
         * the cells whose longest run is within a few bytes of the longest */
        for (size_t i = 1; i <= t->nrows; i++) {
            const char *cell = t->cells[i * t->ncols + j];
            if (longest_token(cell) + 4 < tok)
                continue;
            double tw = widest_token(p, cell, false) + 6;
            need[j] = tw > need[j] ? tw : need[j];
        }
        share[j] = (double)(longest > 60 ? 60 : longest < 10 ? 10 : longest);
        sum_need += need[j];
        sum_share += share[j];
    }
    double spare = CONTENT_W - sum_need;
    for (size_t j = 0; j < t->ncols; j++) {
        w[j] = spare > 0 ? need[j] + spare * share[j] / sum_share : CONTENT_W * need[j] / sum_need;
        x[j] = j == 0 ? MARGIN : x[j - 1] + w[j - 1];
    }
    if (p->doc->lang == LANG_AR)
        for (size_t j = 0; j < t->ncols; j++)
            x[j] = PAGE_W - x[j] - w[j];
}

/* Lays out a row's cells; returns its height. */
static double row_layouts(pdf_t *p, const char *const *cells, size_t ncols, bool head,
                          const double *w, PangoLayout **l)
{
    double h = 0;
    for (size_t j = 0; j < ncols; j++) {
        l[j] = layout_cell(p, cells[j], 7.5, head, w[j] - 4);
        if (numeric(cells[j]) || (head && j > 0))
            pango_layout_set_alignment(l[j], PANGO_ALIGN_RIGHT);
        double lh = layout_height(l[j]);
        h = lh > h ? lh : h;
    }
    return h;
}

static void row_draw(pdf_t *p, PangoLayout **l, size_t ncols, double h, bool head,
                     const double *x)
{
    if (head) {
        cairo_set_source_rgb(p->cr, 0.93, 0.93, 0.93);
        cairo_rectangle(p->cr, MARGIN, p->y, CONTENT_W, h + 2);
        cairo_fill(p->cr);
    }
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

static void header_row(pdf_t *p, const doc_block_t *t, const double *x, const double *w)
{
    PangoLayout *l[TABLE_COLS];
    double h = row_layouts(p, t->cells, t->ncols, true, w, l);
    row_draw(p, l, t->ncols, h, true, x);
}

/* A table; when a row does not fit, a new page starts with the header row
 * again, so every page of a long table can be read on its own. */
static void table(pdf_t *p, const doc_block_t *t)
{
    ensure(p, 60);
    text_block(p, t->text, 9, true, 3);
    double x[TABLE_COLS], w[TABLE_COLS];
    if (t->ncols > TABLE_COLS)
        return; /* the document builder never makes one */
    columns(p, t, x, w);
    header_row(p, t, x, w);
    for (size_t i = 1; i <= t->nrows; i++) {
        PangoLayout *l[TABLE_COLS];
        double h = row_layouts(p, t->cells + i * t->ncols, t->ncols, false, w, l);
        if (p->y + h + 3 > BOTTOM) {
            new_page(p);
            header_row(p, t, x, w);
        }
        row_draw(p, l, t->ncols, h, false, x);
    }
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
            size_t fit = (size_t)((BOTTOM - p->y - 150) / 9.5); /* header, key: chart.c */
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

/* A heading: a named destination where it is drawn, an entry of the PDF
 * outline (bookmarks) in the final pass, its page recorded for the contents. */
static void heading(pdf_t *p, const char *text, double size)
{
    char dest[32];
    size_t k = p->nheadings++;
    snprintf(dest, sizeof dest, "name='h%zu'", k);
    PangoLayout *l = layout(p, text, size, true, CONTENT_W);
    double h = layout_height(l);
    ensure(p, h + 60); /* not alone at the foot of a page */
    if (k < HEADINGS_MAX)
        p->heading_page[k] = p->page;
    cairo_tag_begin(p->cr, CAIRO_TAG_DEST, dest);
    cairo_set_source_rgb(p->cr, 0.1, 0.1, 0.1);
    cairo_move_to(p->cr, MARGIN, p->y);
    pango_cairo_show_layout(p->cr, l);
    cairo_tag_end(p->cr, CAIRO_TAG_DEST);
    g_object_unref(l);
    p->y += h + 6;
    if (p->final) {
        snprintf(dest, sizeof dest, "dest='h%zu'", k);
        cairo_pdf_surface_add_outline(p->surface, CAIRO_PDF_OUTLINE_ROOT, text, dest, 0);
    }
}

/* Page 1: title, report date, as-of date, basis, the caveat. */
static void cover(pdf_t *p)
{
    const review_doc_t *d = p->doc;
    p->y = 220;
    text_block(p, d->title, 24, true, 30);
    for (size_t i = 0; i < sizeof d->cover / sizeof *d->cover; i++)
        text_block(p, d->cover[i], 12, i == 2, 8);
    p->y += 30;
    if (d->demo)
        text_block(p, d->demo_note, 11, true, 10);
    text_block(p, d->caveat, 10, false, 0);
}

/* Page 2: the headline figures. */
static void summary(pdf_t *p)
{
    new_page(p);
    heading(p, p->doc->summary_title, 16);
    for (size_t i = 0; i < p->doc->nsummary; i++)
        text_block(p, p->doc->summary[i], 11, i + 1 == p->doc->nsummary, 10);
}

/* Page 3: every heading with its page, each a link to it. Page numbers come
 * from the first pass; the contents fit one page, so they do not move. */
static void contents(pdf_t *p)
{
    new_page(p);
    size_t k = 0;
    heading(p, p->doc->contents_title, 16);
    for (size_t i = 0; i < p->doc->n; i++) {
        if (p->doc->blocks[i].kind != DOC_HEADING)
            continue;
        size_t h = k++ + 2; /* after "Summary" and "Contents" */
        char link[32], num[16];
        snprintf(link, sizeof link, "dest='h%zu'", h);
        snprintf(num, sizeof num, "%d", h < HEADINGS_MAX ? p->heading_page[h] : 0);
        PangoLayout *t = layout(p, p->doc->blocks[i].text, 10.5, false, CONTENT_W - 40);
        PangoLayout *n = layout(p, num, 10.5, false, 36);
        pango_layout_set_alignment(n, p->doc->lang == LANG_AR ? PANGO_ALIGN_LEFT : PANGO_ALIGN_RIGHT);
        double lh = layout_height(t);
        cairo_tag_begin(p->cr, CAIRO_TAG_LINK, link);
        cairo_set_source_rgb(p->cr, 0.0, 0.25, 0.55);
        cairo_move_to(p->cr, p->doc->lang == LANG_AR ? MARGIN + 40 : MARGIN, p->y);
        pango_cairo_show_layout(p->cr, t);
        cairo_move_to(p->cr, p->doc->lang == LANG_AR ? MARGIN : PAGE_W - MARGIN - 36, p->y);
        pango_cairo_show_layout(p->cr, n);
        cairo_tag_end(p->cr, CAIRO_TAG_LINK);
        g_object_unref(t);
        g_object_unref(n);
        p->y += lh + 5;
    }
}

static void render(pdf_t *p)
{
    new_page(p);
    cover(p);
    summary(p);
    contents(p);
    new_page(p);
    for (size_t i = 0; i < p->doc->n; i++) {
        const doc_block_t *k = &p->doc->blocks[i];
        switch (k->kind) {
        case DOC_TITLE: text_block(p, k->text, 17, true, 10); break;
        case DOC_HEADING: heading(p, k->text, 12.5); break;
        case DOC_PARA: text_block(p, k->text, 9, false, 6); break;
        case DOC_TABLE: table(p, k); break;
        case DOC_CHART: chart(p, k); break;
        }
    }
    footer(p);
}

/* One pass over the document onto surface s (final: the real file). */
static void pass(pdf_t *p, cairo_surface_t *s, bool final)
{
    p->surface = s;
    p->cr = cairo_create(s);
    p->final = final;
    p->page = 0;
    p->nheadings = 0;
    p->unknown_glyphs = 0;
    render(p);
    cairo_destroy(p->cr);
}

rc_t review_render_pdf(const review_t *r, const char *path, err_t *e)
{
    arena_t a = ARENA_INIT;
    review_doc_t doc;
    review_doc_build(r, false, &a, &doc);
    rc_t rc = review_doc_pdf(&doc, path, &a, e);
    arena_free(&a);
    return rc;
}

rc_t review_doc_pdf(const review_doc_t *doc, const char *path, arena_t *a, err_t *e)
{
    char *tmp = atomic_file_tmp(path, a);
    cairo_surface_t *s = cairo_pdf_surface_create(tmp, PAGE_W, PAGE_H);
    if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(s);
        return err_set(e, RC_FAIL, "%s: cannot write the report", path);
    }
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, doc->title);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_SUBJECT, doc->caveat);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_KEYWORDS, lang_code(doc->lang));
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "r1540");
    if (doc->pdf_date)
        cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, doc->pdf_date);
    pdf_t p = {.doc = doc};
    /* First pass without output: the page of every heading, for the contents. */
    cairo_surface_t *dry = cairo_pdf_surface_create(NULL, PAGE_W, PAGE_H);
    pass(&p, dry, false);
    cairo_surface_destroy(dry);
    chart_unknown_glyphs(); /* count this report's charts only */
    pass(&p, s, true);
    p.unknown_glyphs += chart_unknown_glyphs();
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
    else
        rc = pdf_set_lang(tmp, lang_code(doc->lang), e);
    return atomic_file_finish(tmp, path, rc, e);
}
