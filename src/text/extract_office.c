/*
 * Word (.docx) and OpenDocument (.odt) text from their XML: the archive is
 * opened with libzip, its main part (word/document.xml, content.xml) read
 * with a size cap (a zip bomb stops at the cap) and walked with libxml2's
 * streaming reader, without network access or entity substitution. Neither
 * format fixes where pages end (the word processor lays them out), so a page
 * here ends at an explicit page break (Word's w:br w:type="page"); an
 * OpenDocument file is one page. Plain text splits at form feeds.
 */
#include "extract.h"

#include <libxml/xmlreader.h>
#include <string.h>
#include <zip.h>

#include "../util/buf.h"

enum { PART_MAX_BYTES = 64 * 1024 * 1024 };

/* The bytes of part name of the zip doc into a malloc'd buffer (*n); NULL with why. */
static char *zip_part(const void *doc, size_t len, const char *name, size_t *n, const char **why)
{
    zip_error_t zerr;
    zip_error_init(&zerr);
    zip_source_t *src = zip_source_buffer_create(doc, len, 0, &zerr);
    zip_t *z = src ? zip_open_from_source(src, ZIP_RDONLY, &zerr) : NULL;
    char *out = NULL;
    zip_stat_t st;
    *why = "the file is not a readable zip archive";
    if (!z) {
        if (src)
            zip_source_free(src);
    } else if (zip_stat(z, name, 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE)) {
        *why = "the archive has no document part";
    } else if (st.size > PART_MAX_BYTES) {
        *why = "the document part is too large";
    } else {
        zip_file_t *f = zip_fopen(z, name, 0);
        out = f ? xmalloc((size_t)st.size + 1) : NULL;
        zip_int64_t got = f ? zip_fread(f, out, st.size) : -1;
        if (f)
            zip_fclose(f);
        if (got < 0 || (zip_uint64_t)got != st.size) {
            free(out);
            out = NULL;
            *why = "the document part cannot be read";
        } else {
            *n = (size_t)got;
        }
    }
    if (z)
        zip_discard(z);
    zip_error_fini(&zerr);
    return out;
}

/* What a walk needs to know of the format. */
typedef struct {
    const char *text_element; /* text counts only inside it (NULL: anywhere in the body) */
    const char *body_element; /* text counts only inside it */
} office_format_t;

/* True if the element at r has an attribute type="page" (any namespace). */
static int page_break(xmlTextReaderPtr r)
{
    int found = 0;
    while (!found && xmlTextReaderMoveToNextAttribute(r) == 1) {
        const char *n = (const char *)xmlTextReaderConstLocalName(r);
        const char *v = (const char *)xmlTextReaderConstValue(r);
        found = n && v && strcmp(n, "type") == 0 && strcmp(v, "page") == 0;
    }
    xmlTextReaderMoveToElement(r);
    return found;
}

/* Walks xml, cutting pages at page breaks; returns the page count or -1. */
static int walk(const char *xml, size_t n, const office_format_t *fmt, int max_pages,
                text_page_fn page, void *ctx, const char **why)
{
    xmlTextReaderPtr r = xmlReaderForMemory(xml, (int)n, NULL, NULL, XML_PARSE_NONET |
                                                                       XML_PARSE_NOERROR |
                                                                       XML_PARSE_NOWARNING);
    if (!r) {
        *why = "the document's XML cannot be read";
        return -1;
    }
    buf_t text;
    buf_init(&text, 0);
    int pages = 1, in_body = 0, in_text = 0, rc;
    while ((rc = xmlTextReaderRead(r)) == 1) {
        int type = xmlTextReaderNodeType(r);
        const char *name = (const char *)xmlTextReaderConstLocalName(r);
        if (type == XML_READER_TYPE_ELEMENT) {
            int empty = xmlTextReaderIsEmptyElement(r);
            if (strcmp(name, fmt->body_element) == 0 && !empty)
                in_body = 1;
            else if (fmt->text_element && strcmp(name, fmt->text_element) == 0 && !empty)
                in_text = 1;
            else if (in_body && (strcmp(name, "tab") == 0))
                buf_putc(&text, '\t');
            else if (in_body && (strcmp(name, "s") == 0 || strcmp(name, "line-break") == 0))
                buf_putc(&text, strcmp(name, "s") == 0 ? ' ' : '\n');
            else if (in_body && strcmp(name, "br") == 0) {
                if (page_break(r)) {
                    if (pages <= max_pages)
                        page(ctx, pages, 0, buf_str(&text), text.len);
                    buf_reset(&text);
                    pages++;
                } else {
                    buf_putc(&text, '\n');
                }
            }
        } else if (type == XML_READER_TYPE_END_ELEMENT) {
            if (strcmp(name, fmt->body_element) == 0)
                in_body = 0;
            else if (fmt->text_element && strcmp(name, fmt->text_element) == 0)
                in_text = 0;
            else if (in_body && (strcmp(name, "p") == 0 || strcmp(name, "h") == 0))
                buf_putc(&text, '\n');
        } else if ((type == XML_READER_TYPE_TEXT ||
                    type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE) &&
                   in_body && (in_text || !fmt->text_element)) {
            const char *v = (const char *)xmlTextReaderConstValue(r);
            if (v)
                buf_puts(&text, v);
        }
    }
    xmlFreeTextReader(r);
    if (rc != 0) {
        buf_free(&text);
        *why = "the document's XML is malformed";
        return -1;
    }
    if (pages <= max_pages)
        page(ctx, pages, 0, buf_str(&text), text.len);
    buf_free(&text);
    return pages;
}

static int office(const void *doc, size_t len, const char *part, const office_format_t *fmt,
                  int max_pages, text_page_fn page, void *ctx, const char **why)
{
    size_t n = 0;
    char *xml = zip_part(doc, len, part, &n, why);
    if (!xml)
        return -1;
    int pages = walk(xml, n, fmt, max_pages, page, ctx, why);
    free(xml);
    return pages;
}

int text_extract_docx(const void *doc, size_t len, int max_pages, text_page_fn page, void *ctx,
                      const char **why)
{
    static const office_format_t docx = {"t", "body"}; /* w:t inside w:body */
    return office(doc, len, "word/document.xml", &docx, max_pages, page, ctx, why);
}

int text_extract_odt(const void *doc, size_t len, int max_pages, text_page_fn page, void *ctx,
                     const char **why)
{
    static const office_format_t odt = {NULL, "body"}; /* office:body */
    return office(doc, len, "content.xml", &odt, max_pages, page, ctx, why);
}

int text_extract_plain(const void *doc, size_t len, int max_pages, text_page_fn page, void *ctx,
                       const char **why)
{
    (void)why;
    const char *p = doc, *end = p + len;
    int pages = 0;
    while (p <= end) {
        const char *ff = memchr(p, '\f', (size_t)(end - p));
        const char *stop = ff ? ff : end;
        if (++pages <= max_pages)
            page(ctx, pages, 0, p, (size_t)(stop - p));
        if (!ff)
            break;
        p = ff + 1;
    }
    return pages;
}
