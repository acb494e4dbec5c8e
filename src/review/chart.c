/*
 * Bar, line and heat-map charts on cairo. Layout is deliberately plain: one
 * label column, a 0-100 % scale, thin grid lines; colours from a fixed
 * colour-blind-safe palette (Okabe-Ito) so that every rendering is the same.
 */
#include "chart.h"

#include <cairo-svg.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#define FONT_SIZE 7.5
#define ROW 12.0
#define LABEL_W 0.34 /* share of the width for labels */

static const double palette[][3] = {
    {0.000, 0.447, 0.698}, {0.902, 0.624, 0.000}, {0.000, 0.620, 0.451}, {0.800, 0.475, 0.655},
    {0.337, 0.706, 0.914}, {0.835, 0.369, 0.000}, {0.941, 0.894, 0.259}, {0.3, 0.3, 0.3}};
enum { PALETTE = sizeof palette / sizeof *palette };

void chart_fonts_release(void)
{
    pango_cairo_font_map_set_default(NULL);
    cairo_debug_reset_static_data();
    FcFini();
}

const char *chart_font_family(lang_t lang)
{
    switch (lang) {
    case LANG_AR: return "Noto Naskh Arabic, Noto Sans";
    case LANG_ZH: return "Noto Sans CJK SC, Noto Sans";
    default: return "Noto Sans, Noto Sans CJK SC, Noto Naskh Arabic";
    }
}

/* characters no font could show, since the last reset; per thread, since the
 * web server draws charts on several threads at once */
static _Thread_local int unknown_glyphs;

int chart_unknown_glyphs(void)
{
    int n = unknown_glyphs;
    unknown_glyphs = 0;
    return n;
}

/* Draws text at (x, y) within width w; align 0 left, 1 right, 2 centre. */
static void text(cairo_t *cr, lang_t lang, const char *s, double x, double y, double w, int align)
{
    PangoLayout *l = pango_cairo_create_layout(cr);
    char font[128];
    snprintf(font, sizeof font, "%s %.1f", chart_font_family(lang), FONT_SIZE);
    PangoFontDescription *fd = pango_font_description_from_string(font);
    pango_layout_set_font_description(l, fd);
    pango_font_description_free(fd);
    pango_context_set_language(pango_layout_get_context(l),
                               pango_language_from_string(lang == LANG_ZH ? "zh-cn"
                                                                          : lang_code(lang)));
    pango_layout_set_width(l, (int)(w * PANGO_SCALE));
    pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
    pango_layout_set_auto_dir(l, FALSE); /* align as asked, whatever the script */
    pango_layout_set_alignment(l, align == 1 ? PANGO_ALIGN_RIGHT
                                  : align == 2 ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT);
    pango_layout_set_text(l, s, -1);
    unknown_glyphs += pango_layout_get_unknown_glyphs_count(l);
    cairo_move_to(cr, x, y);
    pango_cairo_show_layout(cr, l);
    g_object_unref(l);
}

/* Right to left for Arabic: the chart is mirrored (labels on the right, bars
 * growing leftward, the time axis running leftward, the legend from the
 * right), the text itself is not. mx gives the x of a box [x, x + w) of a
 * chart `width` wide; malign flips a left or right alignment. */
static bool rtl(const chart_t *c) { return c->lang == LANG_AR; }
static double mx(const chart_t *c, double width, double x, double w)
{
    return rtl(c) ? width - x - w : x;
}
static int malign(const chart_t *c, int align) { return rtl(c) && align != 2 ? 1 - align : align; }

static void rect(cairo_t *cr, double x, double y, double w, double h, const double rgb[3])
{
    cairo_set_source_rgb(cr, rgb[0], rgb[1], rgb[2]);
    cairo_rectangle(cr, x, y, w, h);
    cairo_fill(cr);
}

static void grid(cairo_t *cr, const chart_t *c, double width, double x0, double y0, double w,
                 double h)
{
    static const double grey[3] = {0.8, 0.8, 0.8};
    cairo_set_line_width(cr, 0.4);
    for (int p = 0; p <= 100; p += 25) {
        double x = mx(c, width, x0 + w * p / 100.0, 0);
        cairo_set_source_rgb(cr, grey[0], grey[1], grey[2]);
        cairo_move_to(cr, x, y0);
        cairo_line_to(cr, x, y0 + h);
        cairo_stroke(cr);
        char s[16];
        snprintf(s, sizeof s, "%d%%", p);
        cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
        text(cr, c->lang, s, x - 20, y0 + h + 1, 40, 2);
    }
}

static void draw_bars(cairo_t *cr, const chart_t *c, double width)
{
    double lw = width * LABEL_W, bw = width - lw - 30;
    for (size_t i = 0; i < c->nlabels; i++) {
        double y = i * ROW, v = c->values[i], len = v > 0 ? bw * v / 100.0 : 0;
        cairo_set_source_rgb(cr, 0, 0, 0);
        text(cr, c->lang, c->labels[i], mx(c, width, 0, lw - 4), y, lw - 4, malign(c, 1));
        if (v >= 0)
            rect(cr, mx(c, width, lw, len), y + 2, len, ROW - 4, palette[0]);
        char s[16];
        snprintf(s, sizeof s, v >= 0 ? "%.1f%%" : "–", v);
        cairo_set_source_rgb(cr, 0, 0, 0);
        text(cr, c->lang, s, mx(c, width, lw + len + 2, 40), y, 40, malign(c, 0));
    }
    grid(cr, c, width, lw, 0, bw, c->nlabels * ROW);
}

#define LINES_TOP 6.0 /* room for the top half of the "100%" label */

/* A series' marker: circle, square, triangle, diamond, cross, by series, so
 * that lines are told apart without colour. */
static void marker(cairo_t *cr, size_t series, double x, double y)
{
    double r = 2.6;
    switch (series % 5) {
    case 0: cairo_new_sub_path(cr); cairo_arc(cr, x, y, r, 0, 6.2831853); cairo_fill(cr); break;
    case 1: cairo_rectangle(cr, x - r, y - r, 2 * r, 2 * r); cairo_fill(cr); break;
    case 2:
        cairo_move_to(cr, x, y - r - 0.5);
        cairo_line_to(cr, x + r, y + r);
        cairo_line_to(cr, x - r, y + r);
        cairo_close_path(cr);
        cairo_fill(cr);
        break;
    case 3:
        cairo_move_to(cr, x, y - r - 0.5);
        cairo_line_to(cr, x + r + 0.5, y);
        cairo_line_to(cr, x, y + r + 0.5);
        cairo_line_to(cr, x - r - 0.5, y);
        cairo_close_path(cr);
        cairo_fill(cr);
        break;
    default:
        cairo_set_line_width(cr, 1.4);
        cairo_move_to(cr, x - r, y - r);
        cairo_line_to(cr, x + r, y + r);
        cairo_move_to(cr, x + r, y - r);
        cairo_line_to(cr, x - r, y + r);
        cairo_stroke(cr);
    }
}

/* Dashes by series too: solid, long dash, short dash, dot-dash, dotted. */
static void dashes(cairo_t *cr, size_t series)
{
    static const double pat[][4] = {{0}, {6, 3}, {3, 2}, {6, 2, 1.5, 2}, {1.5, 2}};
    static const int n[] = {0, 2, 2, 4, 2};
    cairo_set_dash(cr, pat[series % 5], n[series % 5], 0);
}

static void draw_lines(cairo_t *cr, const chart_t *c, double width)
{
    /* the last year's label is centred on the edge of the plot: keep half its
     * width inside the chart, or an SVG viewer cuts it off */
    double lw = width * 0.22, pw = width - lw - 24, ph = 150;
    cairo_translate(cr, 0, LINES_TOP);
    for (int p = 0; p <= 100; p += 25) { /* horizontal grid, y axis labels */
        double y = ph - ph * p / 100.0;
        cairo_set_source_rgb(cr, 0.85, 0.85, 0.85);
        cairo_set_line_width(cr, 0.4);
        cairo_move_to(cr, mx(c, width, lw, 0), y);
        cairo_line_to(cr, mx(c, width, lw + pw, 0), y);
        cairo_stroke(cr);
        char s[16];
        snprintf(s, sizeof s, "%d%%", p);
        cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
        text(cr, c->lang, s, mx(c, width, lw - 34, 30), y - 5, 30, malign(c, 1));
    }
    double step = c->nlabels > 1 ? pw / (double)(c->nlabels - 1) : 0;
    for (size_t i = 0; i < c->nlabels; i += c->nlabels > 12 ? 2 : 1)
        text(cr, c->lang, c->labels[i], mx(c, width, lw + step * i - 20, 40), ph + 2, 40, 2);
    for (size_t s = 0; s < c->nseries; s++) {
        const double *rgb = palette[s % PALETTE];
        cairo_set_source_rgb(cr, rgb[0], rgb[1], rgb[2]);
        cairo_set_line_width(cr, s == 0 ? 2.0 : 1.2);
        dashes(cr, s);
        bool pen = false;
        for (size_t i = 0; i < c->nlabels; i++) {
            double v = c->values[s * c->nlabels + i];
            if (v < 0) {
                pen = false;
                continue;
            }
            double x = mx(c, width, lw + step * i, 0), y = ph - ph * v / 100.0;
            pen ? cairo_line_to(cr, x, y) : cairo_move_to(cr, x, y);
            pen = true;
        }
        cairo_stroke(cr);
        cairo_set_dash(cr, NULL, 0, 0);
        for (size_t i = 0; i < c->nlabels; i++) {
            double v = c->values[s * c->nlabels + i];
            if (v >= 0)
                marker(cr, s, mx(c, width, lw + step * i, 0), ph - ph * v / 100.0);
        }
        double ly = ph + 16 + s * ROW; /* legend: the line, its marker, its name */
        cairo_set_line_width(cr, s == 0 ? 2.0 : 1.2);
        dashes(cr, s);
        cairo_move_to(cr, mx(c, width, 0, 0), ly + 5.5);
        cairo_line_to(cr, mx(c, width, 16, 0), ly + 5.5);
        cairo_stroke(cr);
        cairo_set_dash(cr, NULL, 0, 0);
        marker(cr, s, mx(c, width, 8, 0), ly + 5.5);
        cairo_set_source_rgb(cr, 0, 0, 0);
        text(cr, c->lang, c->series[s], mx(c, width, 20, width - 20), ly, width - 20,
             malign(c, 0));
    }
}

/* White (0 %) to the palette's blue (100 %); grey hatch for nothing applicable. */
static void heat_colour(double v, double rgb[3])
{
    if (v < 0) {
        rgb[0] = rgb[1] = rgb[2] = 0.92;
        return;
    }
    double t = v / 100.0;
    rgb[0] = 1.0 - t * (1.0 - palette[0][0]);
    rgb[1] = 1.0 - t * (1.0 - palette[0][1]);
    rgb[2] = 1.0 - t * (1.0 - palette[0][2]);
}

static double heat_header(const chart_t *c) { return c->nseries ? 110.0 : 0; }

#define HEAT_ROW 9.5 /* a row: room for a CJK label at 6 points */
#define HEAT_KEY 30.0 /* the colour key under the map */

/* The colour key: white to blue for 0 to 100 %, and the grey of "nothing applicable". */
static void heat_key(cairo_t *cr, const chart_t *c, double width, double y)
{
    double kw = width * 0.4, x0 = width * 0.25;
    for (int k = 0; k < 20; k++) {
        double rgb[3];
        heat_colour(k * 100.0 / 19.0, rgb);
        rect(cr, mx(c, width, x0 + kw * k / 20.0, kw / 20.0 + 0.3), y, kw / 20.0 + 0.3, 7, rgb);
    }
    cairo_set_source_rgb(cr, 0, 0, 0);
    text(cr, c->lang, "0%", mx(c, width, x0 - 20, 40), y + 8, 40, 2);
    text(cr, c->lang, "50%", mx(c, width, x0 + kw / 2 - 20, 40), y + 8, 40, 2);
    text(cr, c->lang, "100%", mx(c, width, x0 + kw - 20, 40), y + 8, 40, 2);
    double na[3];
    heat_colour(-1, na);
    rect(cr, mx(c, width, x0 + kw + 20, 10), y, 10, 7, na);
    cairo_set_source_rgb(cr, 0, 0, 0);
    text(cr, c->lang, "–", mx(c, width, x0 + kw + 32, 20), y - 2, 20, malign(c, 0));
}

static void draw_heat(cairo_t *cr, const chart_t *c, double width)
{
    double lw = width * 0.25, cw = (width - lw) / (double)(c->nseries ? c->nseries : 1);
    double top = heat_header(c), rh = HEAT_ROW;
    for (size_t j = 0; j < c->nseries; j++) { /* column titles, turned upright */
        cairo_save(cr);
        cairo_translate(cr, mx(c, width, lw + cw * j, cw) + cw / 2 - 4, top - 2);
        cairo_rotate(cr, -1.5707963);
        cairo_scale(cr, 0.8, 0.8); /* a CJK line fits the column's width */
        cairo_set_source_rgb(cr, 0, 0, 0);
        text(cr, c->lang, c->series[j], 0, 0, (top - 4) / 0.8, 0);
        cairo_restore(cr);
    }
    for (size_t i = 0; i < c->nlabels; i++) {
        double y = top + rh * i;
        cairo_set_source_rgb(cr, 0, 0, 0);
        cairo_save(cr);
        cairo_translate(cr, mx(c, width, 0, lw - 4), y - 1.5);
        cairo_scale(cr, 0.8, 0.8);
        text(cr, c->lang, c->labels[i], 0, 0, (lw - 4) / 0.8, malign(c, 1));
        cairo_restore(cr);
        for (size_t j = 0; j < c->nseries; j++) {
            double rgb[3];
            heat_colour(c->values[i * c->nseries + j], rgb);
            rect(cr, mx(c, width, lw + cw * j, cw - 0.5), y, cw - 0.5, rh - 0.5, rgb);
        }
    }
    heat_key(cr, c, width, top + rh * c->nlabels + 8);
}

double chart_height(const chart_t *c, double width)
{
    (void)width;
    switch (c->kind) {
    case CHART_BARS: return c->nlabels * ROW + 14;
    case CHART_LINES: return LINES_TOP + 150 + 18 + c->nseries * ROW;
    case CHART_HEAT: return heat_header(c) + HEAT_ROW * c->nlabels + HEAT_KEY;
    }
    return 0;
}

void chart_draw(cairo_t *cr, const chart_t *c, double width)
{
    cairo_save(cr);
    switch (c->kind) {
    case CHART_BARS: draw_bars(cr, c, width); break;
    case CHART_LINES: draw_lines(cr, c, width); break;
    case CHART_HEAT: draw_heat(cr, c, width); break;
    }
    cairo_restore(cr);
}

static cairo_status_t to_buf(void *closure, const unsigned char *data, unsigned int len)
{
    buf_append(closure, data, len);
    return CAIRO_STATUS_SUCCESS;
}

/* Copies svg into b, prefixing every id and reference to one with `prefix`:
 * several charts inline in one HTML page would otherwise share cairo's glyph
 * ids ("glyph0-1") and show each other's letters. */
static void svg_prefix_ids(buf_t *b, const char *svg, const char *prefix)
{
    static const char *const marks[] = {"id=\"", "href=\"#", "url(#"};
    const char *p = svg;
    while (*p) {
        const char *best = NULL;
        size_t blen = 0;
        for (size_t i = 0; i < sizeof marks / sizeof *marks; i++) {
            const char *h = strstr(p, marks[i]);
            if (h && (!best || h < best)) {
                best = h;
                blen = strlen(marks[i]);
            }
        }
        if (!best) {
            buf_puts(b, p);
            return;
        }
        buf_append(b, p, (size_t)(best - p) + blen);
        buf_puts(b, prefix);
        p = best + blen;
    }
}

void chart_svg(buf_t *b, const chart_t *c, double width, const char *id_prefix)
{
    buf_t raw;
    buf_init(&raw, 0);
    double h = chart_height(c, width);
    cairo_surface_t *s = cairo_svg_surface_create_for_stream(to_buf, &raw, width, h);
    cairo_t *cr = cairo_create(s);
    chart_draw(cr, c, width);
    cairo_destroy(cr);
    cairo_surface_finish(s);
    cairo_surface_destroy(s);
    const char *svg = strstr(buf_str(&raw), "<svg"); /* no XML declaration inline */
    svg_prefix_ids(b, svg ? svg : "", id_prefix);
    buf_free(&raw);
}
