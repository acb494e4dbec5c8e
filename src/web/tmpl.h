/*
 * HTML templates: a small Mustache dialect of ours over jansson values, with
 * escaping by default. There is no way to print a value unescaped: pages are
 * built only from escaped values and the template's own markup.
 *
 *   {{name}} {{a.b}} {{.}}   the value, HTML-escaped (null and missing print nothing)
 *   {{#name}}...{{/name}}    an array: once per element, the element on top of the
 *                            context; an object: once, on top; any other truthy
 *                            value (true, non-zero, non-empty string): once
 *   {{^name}}...{{/name}}    once if name is falsy or missing or an empty array
 *   {{>other}}               the template web/templates/other.html, same context
 *   {{_ Some text}}          "Some text" translated into the page's language
 *   {{@name}}                a date or UTC time stamp in the page's language (ICU,
 *                            medium style, times with their zone) inside
 *                            <time datetime="...">; any other value as {{name}}
 *
 * Names are looked up from the top of the context stack down, as in Mustache.
 * Templates are parsed once when the server starts; rendering only reads them,
 * so any thread may render at any time.
 */
#ifndef R1540_WEB_TMPL_H
#define R1540_WEB_TMPL_H

#include <jansson.h>

#include "../util/lang.h"
#include "../util/buf.h"
#include "../util/err.h"

typedef struct tmpl_set tmpl_set_t;

/* Parses every *.html under dir. RC_INPUT names the file and line of an
 * unbalanced section, an unknown partial or an unterminated tag. */
rc_t tmpl_load(const char *dir, tmpl_set_t **out, err_t *e);
void tmpl_free(tmpl_set_t *ts);
/* True if the set holds a template of that name (without ".html"). */
int tmpl_has(const tmpl_set_t *ts, const char *name);
/* Renders template `name` with `model` as the context's bottom. */
rc_t tmpl_render(const tmpl_set_t *ts, const char *name, json_t *model, lang_t lang, buf_t *out,
                 err_t *e);

/* Appends s with & < > " ' escaped. */
void html_escape(buf_t *b, const char *s, size_t n);

#endif
