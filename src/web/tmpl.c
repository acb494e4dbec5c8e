/*
 * The template dialect of tmpl.h: each file is compiled once into a flat
 * list of operations; a section's operation records where its body ends, so
 * rendering is a loop over that list with recursion only into sections and
 * partials.
 */
#include "tmpl.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/file.h"
#include "../util/i18n.h"
#include "../util/mem.h"
#include "../util/date.h"
#include "../util/numfmt.h"

#define TMPL_DEPTH_MAX 32 /* nested sections and partials; also stops partial loops */

typedef enum { OP_TEXT, OP_VAR, OP_SECTION, OP_INVERTED, OP_PARTIAL, OP_TRANS, OP_WHEN } op_kind_t;

typedef struct {
    op_kind_t kind;
    char *s; /* owned: text, name, partial name or msgid */
    size_t len;
    size_t end;  /* sections: index just past the body */
    int partial; /* partials: index of the template in the set */
} tmpl_op_t;

typedef struct {
    char *name;
    tmpl_op_t *ops;
    size_t n, cap;
} tmpl_t;

struct tmpl_set {
    tmpl_t *t;
    size_t n;
};

void html_escape(buf_t *b, const char *s, size_t n)
{
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        const char *rep = NULL;
        switch (s[i]) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        case '\'': rep = "&#39;"; break;
        default: continue;
        }
        buf_append(b, s + run, i - run);
        buf_puts(b, rep);
        run = i + 1;
    }
    buf_append(b, s + run, n - run);
}

/* ---- parsing ---- */

static char *dup_n(const char *s, size_t n)
{
    char *d = xmalloc(n + 1);
    memcpy(d, s, n);
    d[n] = 0;
    return d;
}

static void op_push(tmpl_t *t, op_kind_t kind, const char *s, size_t len)
{
    if (t->n == t->cap) {
        t->cap = t->cap ? 2 * t->cap : 64;
        t->ops = xrealloc(t->ops, t->cap * sizeof *t->ops);
    }
    t->ops[t->n++] = (tmpl_op_t){kind, dup_n(s, len), len, 0, -1};
}

static int line_of(const char *start, const char *p)
{
    int line = 1;
    for (; start < p; start++)
        line += *start == '\n';
    return line;
}

static const char *trim(const char *s, const char *end, size_t *len)
{
    while (s < end && (*s == ' ' || *s == '\n'))
        s++;
    while (end > s && (end[-1] == ' ' || end[-1] == '\n'))
        end--;
    *len = (size_t)(end - s);
    return s;
}

/* Compiles one template's text; opens and closes must pair up by name. */
static rc_t tmpl_parse(tmpl_t *t, const char *file, const char *src, err_t *e)
{
    size_t stack[TMPL_DEPTH_MAX];
    int depth = 0;
    const char *p = src;
    for (;;) {
        const char *open = strstr(p, "{{");
        if (!open) {
            if (*p)
                op_push(t, OP_TEXT, p, strlen(p));
            break;
        }
        if (open > p)
            op_push(t, OP_TEXT, p, (size_t)(open - p));
        const char *close = strstr(open + 2, "}}");
        if (!close)
            return err_set(e, RC_INPUT, "%s:%d: a tag is not closed", file, line_of(src, open));
        char sigil = open[2];
        size_t len;
        const char *body = open + 2;
        if (strchr("#^/>_@", sigil))
            body++;
        body = trim(body, close, &len);
        if (len == 0)
            return err_set(e, RC_INPUT, "%s:%d: an empty tag", file, line_of(src, open));
        if (sigil == '#' || sigil == '^') {
            if (depth == TMPL_DEPTH_MAX)
                return err_set(e, RC_INPUT, "%s:%d: sections nest too deep", file,
                               line_of(src, open));
            stack[depth++] = t->n;
            op_push(t, sigil == '#' ? OP_SECTION : OP_INVERTED, body, len);
        } else if (sigil == '/') {
            if (depth == 0 || t->ops[stack[depth - 1]].len != len ||
                memcmp(t->ops[stack[depth - 1]].s, body, len) != 0)
                return err_set(e, RC_INPUT, "%s:%d: {{/%.*s}} closes no open section", file,
                               line_of(src, open), (int)len, body);
            t->ops[stack[--depth]].end = t->n;
        } else {
            op_push(t,
                    sigil == '>'   ? OP_PARTIAL
                    : sigil == '_' ? OP_TRANS
                    : sigil == '@' ? OP_WHEN
                                   : OP_VAR,
                    body, len);
        }
        p = close + 2;
    }
    if (depth)
        return err_set(e, RC_INPUT, "%s: {{#%s}} is never closed", file, t->ops[stack[0]].s);
    return RC_OK;
}

static int tmpl_index(const tmpl_set_t *ts, const char *name)
{
    for (size_t i = 0; i < ts->n; i++)
        if (strcmp(ts->t[i].name, name) == 0)
            return (int)i;
    return -1;
}

static rc_t tmpl_link_partials(tmpl_set_t *ts, err_t *e)
{
    for (size_t i = 0; i < ts->n; i++)
        for (size_t k = 0; k < ts->t[i].n; k++) {
            tmpl_op_t *op = &ts->t[i].ops[k];
            if (op->kind != OP_PARTIAL)
                continue;
            if ((op->partial = tmpl_index(ts, op->s)) < 0)
                return err_set(e, RC_INPUT, "%s.html: no template '%s' for {{>%s}}",
                               ts->t[i].name, op->s, op->s);
        }
    return RC_OK;
}

static rc_t tmpl_load_file(tmpl_set_t *ts, const char *dir, const char *fname, err_t *e)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, fname);
    arena_t a = ARENA_INIT;
    char *src;
    size_t len;
    rc_t rc = file_read_all(path, 1 << 20, &a, &src, &len, e);
    if (rc != RC_OK)
        return rc;
    ts->t = xrealloc(ts->t, (ts->n + 1) * sizeof *ts->t);
    tmpl_t *t = &ts->t[ts->n++];
    *t = (tmpl_t){0};
    t->name = dup_n(fname, strlen(fname) - 5);
    if (strlen(src) != len)
        rc = err_set(e, RC_INPUT, "%s: contains a NUL byte", path);
    else
        rc = tmpl_parse(t, path, src, e);
    arena_free(&a);
    return rc;
}

rc_t tmpl_load(const char *dir, tmpl_set_t **out, err_t *e)
{
    DIR *d = opendir(dir);
    if (!d) /* like any other missing file the program needs: not found */
        return err_set(e, errno == ENOENT ? RC_NOTFOUND : RC_FAIL,
                       "%s: cannot open the templates folder: %s", dir, strerror(errno));
    tmpl_set_t *ts = xcalloc(1, sizeof *ts);
    rc_t rc = RC_OK;
    for (struct dirent *de; rc == RC_OK && (de = readdir(d));) {
        size_t n = strlen(de->d_name);
        if (n > 5 && strcmp(de->d_name + n - 5, ".html") == 0)
            rc = tmpl_load_file(ts, dir, de->d_name, e);
    }
    closedir(d);
    if (rc == RC_OK)
        rc = tmpl_link_partials(ts, e);
    if (rc != RC_OK) {
        tmpl_free(ts);
        return rc;
    }
    *out = ts;
    return RC_OK;
}

void tmpl_free(tmpl_set_t *ts)
{
    if (!ts)
        return;
    for (size_t i = 0; i < ts->n; i++) {
        for (size_t k = 0; k < ts->t[i].n; k++)
            free(ts->t[i].ops[k].s);
        free(ts->t[i].ops);
        free(ts->t[i].name);
    }
    free(ts->t);
    free(ts);
}

int tmpl_has(const tmpl_set_t *ts, const char *name)
{
    return tmpl_index(ts, name) >= 0;
}

/* ---- rendering ---- */

typedef struct {
    const tmpl_set_t *ts;
    lang_t lang;
    buf_t *out;
    json_t *stack[TMPL_DEPTH_MAX + 1];
    int top;      /* index of the innermost context */
    numfmt_t *nf; /* the language's dates, opened at the first {{@...}}; owned */
    arena_t dates; /* the formatted dates; freed with nf */
} render_t;

/* Finds a dotted name: the first part from the innermost context outwards. */
/* One part of a dotted name inside v: a member of an object, or an element
 * of an array by its index. */
static json_t *member(const json_t *v, const char *part, size_t n)
{
    if (json_is_array(v))
        return n && part[0] >= '0' && part[0] <= '9' ? json_array_get(v, strtoul(part, NULL, 10))
                                                      : NULL;
    return json_is_object(v) ? json_object_getn(v, part, n) : NULL;
}

/* Finds a dotted name: the first part from the innermost context outwards,
 * the rest inside what it found. */
static json_t *lookup(const render_t *r, const char *name)
{
    if (strcmp(name, ".") == 0)
        return r->stack[r->top];
    size_t n = strcspn(name, ".");
    json_t *v = NULL;
    for (int i = r->top; i >= 0 && !v; i--)
        v = json_is_object(r->stack[i]) ? json_object_getn(r->stack[i], name, n) : NULL;
    while (v && name[n] == '.') {
        name += n + 1;
        n = strcspn(name, ".");
        v = member(v, name, n);
    }
    return v;
}

static int truthy(const json_t *v)
{
    if (!v)
        return 0;
    switch (json_typeof(v)) {
    case JSON_OBJECT: return 1;
    case JSON_ARRAY: return json_array_size(v) > 0;
    case JSON_STRING: return json_string_length(v) > 0;
    case JSON_INTEGER: return json_integer_value(v) != 0;
    case JSON_REAL: return json_real_value(v) != 0;
    case JSON_TRUE: return 1;
    default: return 0;
    }
}

static void print_value(render_t *r, const json_t *v)
{
    char num[64];
    if (!v)
        return;
    if (json_is_string(v))
        html_escape(r->out, json_string_value(v), json_string_length(v));
    else if (json_is_integer(v))
        buf_printf(r->out, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
    else if (json_is_real(v)) {
        snprintf(num, sizeof num, "%.1f", json_real_value(v));
        buf_puts(r->out, num);
    }
}

static rc_t render_ops(render_t *r, const tmpl_t *t, size_t from, size_t to, err_t *e);

/* {{@name}}: a date (YYYY-MM-DD) or UTC time stamp (YYYY-MM-DDTHH:MM:SSZ) in
 * the page's language, inside <time datetime="..."> for machines; any other
 * value printed as {{name}} prints it. */
static void print_when(render_t *r, const json_t *v)
{
    const char *s = json_string_value(v);
    bool day = s && strlen(s) == 10 && date_valid(s), stamp = s && numfmt_is_stamp(s);
    if (!day && !stamp) {
        print_value(r, v);
        return;
    }
    if (!r->nf)
        r->nf = numfmt_open(r->lang);
    const char *shown = day ? numfmt_day(r->nf, &r->dates, s) : numfmt_when(r->nf, &r->dates, s);
    buf_puts(r->out, "<time datetime=\"");
    html_escape(r->out, s, strlen(s));
    buf_puts(r->out, "\">");
    html_escape(r->out, shown, strlen(shown));
    buf_puts(r->out, "</time>");
}

static rc_t push_render(render_t *r, json_t *ctx, const tmpl_t *t, size_t from, size_t to,
                        err_t *e)
{
    if (r->top == TMPL_DEPTH_MAX)
        return err_set(e, RC_FAIL, "template %s: nesting too deep", t->name);
    r->stack[++r->top] = ctx;
    rc_t rc = render_ops(r, t, from, to, e);
    r->top--;
    return rc;
}

static rc_t render_section(render_t *r, const tmpl_t *t, size_t i, err_t *e)
{
    const tmpl_op_t *op = &t->ops[i];
    json_t *v = lookup(r, op->s);
    if (op->kind == OP_INVERTED)
        return truthy(v) ? RC_OK : render_ops(r, t, i + 1, op->end, e);
    if (!truthy(v))
        return RC_OK;
    if (json_is_array(v)) {
        size_t k;
        json_t *el;
        json_array_foreach(v, k, el) {
            rc_t rc = push_render(r, el, t, i + 1, op->end, e);
            if (rc != RC_OK)
                return rc;
        }
        return RC_OK;
    }
    if (json_is_object(v))
        return push_render(r, v, t, i + 1, op->end, e);
    return render_ops(r, t, i + 1, op->end, e);
}

static rc_t render_ops(render_t *r, const tmpl_t *t, size_t from, size_t to, err_t *e)
{
    for (size_t i = from; i < to; i++) {
        const tmpl_op_t *op = &t->ops[i];
        rc_t rc = RC_OK;
        switch (op->kind) {
        case OP_TEXT: buf_append(r->out, op->s, op->len); break;
        case OP_VAR: print_value(r, lookup(r, op->s)); break;
        case OP_WHEN: print_when(r, lookup(r, op->s)); break;
        case OP_TRANS: {
            const char *s = i18n_tr(r->lang, op->s);
            html_escape(r->out, s, strlen(s));
            break;
        }
        case OP_PARTIAL: {
            const tmpl_t *p = &r->ts->t[op->partial];
            rc = push_render(r, r->stack[r->top], p, 0, p->n, e);
            break;
        }
        case OP_SECTION:
        case OP_INVERTED:
            rc = render_section(r, t, i, e);
            i = op->end - 1;
            break;
        }
        if (rc != RC_OK)
            return rc;
    }
    return RC_OK;
}

rc_t tmpl_render(const tmpl_set_t *ts, const char *name, json_t *model, lang_t lang, buf_t *out,
                 err_t *e)
{
    int idx = tmpl_index(ts, name);
    if (idx < 0)
        return err_set(e, RC_FAIL, "no template '%s'", name);
    render_t r = {.ts = ts, .lang = lang, .out = out, .top = 0, .dates = ARENA_INIT};
    r.stack[0] = model;
    const tmpl_t *t = &ts->t[idx];
    rc_t rc = render_ops(&r, t, 0, t->n, e);
    numfmt_close(r.nf);
    arena_free(&r.dates);
    return rc;
}
