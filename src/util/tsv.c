/*
 * Tab-separated reference data reader.
 */
#include "tsv.h"

#include <stdio.h>
#include <string.h>

#include "file.h"
#include "text.h"

/* Splits one line (already NUL-terminated) on tabs into at most max fields. */
static size_t split(char *line, char **fields, size_t max)
{
    size_t n = 0;
    for (char *p = line;; p++) {
        if (n < max)
            fields[n] = p;
        n++;
        p = strchr(p, '\t');
        if (!p)
            break;
        *p = '\0';
    }
    return n;
}

rc_t tsv_read(const char *path, arena_t *a, tsv_t *out, err_t *e)
{
    memset(out, 0, sizeof *out);
    out->path = path;
    char *data;
    size_t len;
    rc_t rc = file_read_all(path, 64u << 20, a, &data, &len, e);
    if (rc != RC_OK)
        return rc;
    if (!text_utf8_ok(data, len))
        return err_set(e, RC_INPUT, "%s: not valid UTF-8 text", path);
    size_t lines = 1;
    for (size_t i = 0; i < len; i++)
        lines += data[i] == '\n';
    out->rows = arena_alloc(a, lines * sizeof *out->rows);
    out->line = arena_alloc(a, lines * sizeof *out->line);
    char *p = data;
    for (int lineno = 1; p && *p; lineno++) {
        char *nl = strchr(p, '\n');
        if (nl)
            *nl = '\0';
        size_t l = strlen(p);
        if (l && p[l - 1] == '\r')
            p[l - 1] = '\0';
        if (*p && *p != '#') {
            size_t cap = out->ncols ? out->ncols : 64;
            char **fields = arena_alloc(a, cap * sizeof *fields);
            size_t n = split(p, fields, cap);
            if (!out->header) {
                if (n > cap)
                    return err_set(e, RC_INPUT, "%s:%d: too many columns", path, lineno);
                out->header = fields;
                out->ncols = n;
            } else if (n != out->ncols) {
                return err_set(e, RC_INPUT, "%s:%d: expected %zu fields, found %zu", path, lineno,
                               out->ncols, n);
            } else {
                out->line[out->nrows] = lineno;
                out->rows[out->nrows++] = fields;
            }
        }
        p = nl ? nl + 1 : NULL;
    }
    if (!out->header)
        return err_set(e, RC_INPUT, "%s: no header line", path);
    return RC_OK;
}

int tsv_col(const tsv_t *t, const char *name, err_t *e)
{
    for (size_t i = 0; i < t->ncols; i++)
        if (strcmp(t->header[i], name) == 0)
            return (int)i;
    err_set(e, RC_INPUT, "%s: no column '%s'", t->path, name);
    return -1;
}
