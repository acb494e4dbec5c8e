/*
 * RFC 4180 CSV writer and reader. The reader works on the whole file in memory
 * with a cursor; positions for messages are worked out only when something is
 * wrong, by counting from the start of the current row, so the common path does
 * no line or column bookkeeping inside fields.
 */
#include "csv.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/text.h"

/* ---- writer ---- */

static bool needs_quotes(const char *s, size_t n)
{
    if (n && (s[0] == ' ' || s[n - 1] == ' '))
        return true;
    return strpbrk(s, ",\"\r\n") != NULL;
}

void csv_write_field(buf_t *b, const char *s)
{
    if (!s)
        s = "";
    size_t n = strlen(s);
    if (!needs_quotes(s, n)) {
        buf_append(b, s, n);
    } else {
        buf_putc(b, '"');
        for (const char *q; (q = strchr(s, '"')) != NULL; s = q + 1) {
            buf_append(b, s, (size_t)(q - s) + 1);
            buf_putc(b, '"');
        }
        buf_puts(b, s);
        buf_putc(b, '"');
    }
    buf_putc(b, ',');
}

void csv_end_row(buf_t *b)
{
    /* Every field left a trailing separator; the last one becomes the line end. */
    if (!b->overflow && b->len && b->data[b->len - 1] == ',')
        b->data[--b->len] = '\0';
    buf_append(b, "\r\n", 2);
}

/* ---- reader ---- */

typedef struct {
    const char *path;
    const char *p, *end;   /* cursor and end of input */
    const char *row_start; /* first byte of the current row (always a line start) */
    int row_line;          /* its line number */
    arena_t *a;
    err_t *e;
    char **fields; /* fields of the row being read; owned, grown as needed */
    size_t nfields, cap;
} csv_parser_t;

/* Line and column (in characters, 1-based) of `at`, counted from the row start. */
static void position(const csv_parser_t *ps, const char *at, int *line, int *col)
{
    const char *line_start = ps->row_start;
    *line = ps->row_line;
    for (const char *q = ps->row_start; q < at; q++)
        if (*q == '\n') {
            ++*line;
            line_start = q + 1;
        }
    *col = 1;
    for (const char *q = line_start; q < at; q++)
        *col += ((unsigned char)*q & 0xc0) != 0x80;
}

static rc_t parse_error(const csv_parser_t *ps, const char *at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static rc_t parse_error(const csv_parser_t *ps, const char *at, const char *fmt, ...)
{
    char reason[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(reason, sizeof reason, fmt, ap);
    va_end(ap);
    int line, col;
    position(ps, at, &line, &col);
    return err_set(ps->e, RC_INPUT, "%s:%d:%d: %s", ps->path, line, col, reason);
}

/* Bytes in the UTF-8 sequence that lead byte c announces (1 for anything invalid). */
static size_t sequence_length(unsigned char c)
{
    if (c >= 0xc2 && c <= 0xdf)
        return 2;
    if (c >= 0xe0 && c <= 0xef)
        return 3;
    if (c >= 0xf0 && c <= 0xf4)
        return 4;
    return 1;
}

/* Checks the raw bytes of a field; on failure names the first bad character. */
static rc_t check_text(const csv_parser_t *ps, const char *s, size_t n)
{
    if (text_utf8_ok(s, n))
        return RC_OK;
    size_t i = 0;
    for (;;) {
        size_t k = sequence_length((unsigned char)s[i]);
        if (k > n - i || !text_utf8_ok(s + i, k))
            break;
        i += k;
    }
    unsigned char c = (unsigned char)s[i];
    if (c < 0x20 || c == 0x7f)
        return parse_error(ps, s + i, "control character 0x%02X is not allowed", c);
    return parse_error(ps, s + i, "invalid UTF-8 (byte 0x%02X)", c);
}

static void push_field(csv_parser_t *ps, char *field)
{
    if (ps->nfields == ps->cap) {
        ps->cap = ps->cap ? ps->cap * 2 : 16;
        ps->fields = xrealloc(ps->fields, ps->cap * sizeof *ps->fields);
    }
    ps->fields[ps->nfields++] = field;
}

/* Copies a quoted field's content, turning each "" into ". */
static char *unquote(arena_t *a, const char *s, size_t n)
{
    char *out = arena_alloc(a, n + 1), *w = out;
    for (size_t i = 0; i < n; i++) {
        *w++ = s[i];
        i += s[i] == '"';
    }
    *w = '\0';
    return out;
}

/* Reads a quoted field starting at the opening quote; the cursor ends after the closing one. */
static rc_t read_quoted(csv_parser_t *ps, char **out)
{
    const char *open = ps->p, *q = open + 1;
    for (;;) {
        q = memchr(q, '"', (size_t)(ps->end - q));
        if (!q)
            return parse_error(ps, open, "quoted field is not closed before the end of the file");
        if (q + 1 < ps->end && q[1] == '"')
            q += 2;
        else
            break;
    }
    size_t n = (size_t)(q - open - 1);
    if (n > CSV_MAX_FIELD)
        return parse_error(ps, open, "field is longer than %zu bytes", CSV_MAX_FIELD);
    rc_t rc = check_text(ps, open + 1, n);
    if (rc != RC_OK)
        return rc;
    *out = unquote(ps->a, open + 1, n);
    ps->p = q + 1;
    if (ps->p < ps->end && *ps->p != ',' && *ps->p != '\n' &&
        !(*ps->p == '\r' && ps->p + 1 < ps->end && ps->p[1] == '\n'))
        return parse_error(ps, ps->p, "unexpected character after the closing quote");
    return RC_OK;
}

/* Reads an unquoted field; the cursor ends on its delimiter (or the end). */
static rc_t read_plain(csv_parser_t *ps, char **out)
{
    const char *s = ps->p, *q = s;
    while (q < ps->end && *q != ',' && *q != '\n') {
        if (*q == '"')
            return parse_error(ps, q,
                               "quote inside an unquoted field (enclose the field in "
                               "quotes and double the quote)");
        if (*q == '\r' && !(q + 1 < ps->end && q[1] == '\n'))
            return parse_error(ps, q, "carriage return not followed by a line feed");
        if (*q == '\r')
            break;
        q++;
    }
    size_t n = (size_t)(q - s);
    if (n > CSV_MAX_FIELD)
        return parse_error(ps, s, "field is longer than %zu bytes", CSV_MAX_FIELD);
    rc_t rc = check_text(ps, s, n);
    if (rc != RC_OK)
        return rc;
    *out = arena_strndup(ps->a, s, n);
    ps->p = q;
    return RC_OK;
}

/*
 * Reads one row into ps->fields; the cursor ends at the start of the next row.
 * `want` is the header's field count, or 0 while reading the header.
 */
static rc_t read_row(csv_parser_t *ps, size_t want)
{
    ps->nfields = 0;
    ps->row_start = ps->p;
    for (;;) {
        if (want && ps->nfields == want)
            return parse_error(ps, ps->p, "more fields than the %zu of the header", want);
        char *field = NULL;
        rc_t rc =
            ps->p < ps->end && *ps->p == '"' ? read_quoted(ps, &field) : read_plain(ps, &field);
        if (rc != RC_OK)
            return rc;
        push_field(ps, field);
        if (ps->p < ps->end && *ps->p == ',') {
            ps->p++;
            continue;
        }
        const char *row_end = ps->p;
        if (ps->p < ps->end)
            ps->p += *ps->p == '\r' ? 2 : 1;
        if (want && ps->nfields != want)
            return parse_error(ps, row_end, "found %zu fields, expected %zu as in the header",
                               ps->nfields, want);
        return RC_OK;
    }
}

/* Moves the cursor's line count past the row just read. */
static void next_line(csv_parser_t *ps)
{
    for (const char *q = ps->row_start; q < ps->p; q++)
        ps->row_line += *q == '\n';
    ps->row_start = ps->p;
}

static char **copy_fields(const csv_parser_t *ps)
{
    char **f = arena_alloc(ps->a, ps->nfields * sizeof *f);
    memcpy(f, ps->fields, ps->nfields * sizeof *f);
    return f;
}

static rc_t read_rows(csv_parser_t *ps, csv_t *out)
{
    rc_t rc = read_row(ps, 0);
    if (rc != RC_OK)
        return rc;
    out->header = copy_fields(ps);
    out->ncols = ps->nfields;
    csv_row_t *rows = NULL;
    size_t cap = 0;
    for (next_line(ps); rc == RC_OK && ps->p < ps->end; next_line(ps)) {
        if (out->nrows == CSV_MAX_ROWS) {
            rc = parse_error(ps, ps->p, "more than %d rows", CSV_MAX_ROWS);
        } else if ((rc = read_row(ps, out->ncols)) == RC_OK) {
            if (out->nrows == cap) {
                cap = cap ? cap * 2 : 64;
                rows = xrealloc(rows, cap * sizeof *rows);
            }
            rows[out->nrows].fields = copy_fields(ps);
            rows[out->nrows++].line = ps->row_line;
        }
    }
    if (rc == RC_OK && out->nrows) {
        out->rows = arena_alloc(ps->a, out->nrows * sizeof *rows);
        memcpy(out->rows, rows, out->nrows * sizeof *rows);
    }
    free(rows);
    return rc;
}

rc_t csv_parse(const char *path, const char *data, size_t len, arena_t *a, csv_t *out, err_t *e)
{
    memset(out, 0, sizeof *out);
    out->path = path;
    if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
        data += 3, len -= 3;
    csv_parser_t ps = {.path = path,
                       .p = data,
                       .end = data + len,
                       .row_start = data,
                       .row_line = 1,
                       .a = a,
                       .e = e};
    if (len == 0)
        return parse_error(&ps, data, "the file is empty; expected a header row");
    rc_t rc = read_rows(&ps, out);
    free(ps.fields);
    return rc;
}
