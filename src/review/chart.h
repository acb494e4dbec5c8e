/*
 * Charts drawn on a cairo context, with text laid out by pango so that Arabic
 * is shaped right to left and Chinese finds its glyphs (Noto fonts through
 * fontconfig). The PDF report draws them on its page; the HTML report (and,
 * later, the web dashboard) gets the same drawing as inline SVG through
 * cairo's SVG surface. Values are percentages from 0 to 100; a negative
 * value means "nothing applicable" and is drawn as an empty cell.
 */
#ifndef R1540_REVIEW_CHART_H
#define R1540_REVIEW_CHART_H

#include <cairo.h>
#include <stddef.h>

#include "../util/lang.h"
#include "../util/buf.h"

typedef enum { CHART_BARS, CHART_LINES, CHART_HEAT } chart_kind_t;

typedef struct {
    chart_kind_t kind;
    lang_t lang;
    const char *const *labels; /* bars: one per bar; lines: x axis; heat: rows */
    size_t nlabels;
    const char *const *series; /* lines: one name per line; heat: columns */
    size_t nseries;
    const double *values;      /* bars: nlabels; lines: nseries x nlabels; heat: nlabels x nseries */
} chart_t;

/* The height in points the chart needs at the given width. */
double chart_height(const chart_t *c, double width);
/* Draws the chart with its top-left corner at the current origin. */
void chart_draw(cairo_t *cr, const chart_t *c, double width);
/* Appends the chart as an <svg> element for inline HTML, its ids prefixed
 * with id_prefix (distinct per chart on a page). */
void chart_svg(buf_t *b, const chart_t *c, double width, const char *id_prefix);

/* How many characters of chart text had no glyph in any font since the last
 * call (then resets the count), so a report can refuse to show empty boxes. */
int chart_unknown_glyphs(void);

/* Frees pango's, cairo's and fontconfig's process-wide font caches, so that a
 * run ends with nothing allocated (LeakSanitizer). Call once, at the end. */
void chart_fonts_release(void);

/* The pango font family list for text in a language (Noto, by script). */
const char *chart_font_family(lang_t lang);

#endif
