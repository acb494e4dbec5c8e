/*
 * Document type detection by magic bytes. National reports come as PDF, Word
 * (old and new), OpenDocument or plain text; anything else (executables,
 * spreadsheets, archives of unknown content) is refused at upload.
 */
#include "media.h"

#include <string.h>
#include <strings.h>

#include "../util/text.h"

static int has_suffix(const char *name, const char *suffix)
{
    size_t n = name ? strlen(name) : 0, m = strlen(suffix);
    return n >= m && strcasecmp(name + n - m, suffix) == 0;
}

const char *media_type_detect(const void *doc, size_t len, const char *filename)
{
    const unsigned char *p = doc;
    if (len >= 5 && memcmp(p, "%PDF-", 5) == 0)
        return "application/pdf";
    if (len >= 8 && memcmp(p, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8) == 0)
        return "application/msword";
    if (len >= 4 && memcmp(p, "PK\x03\x04", 4) == 0) {
        if (has_suffix(filename, ".docx"))
            return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
        if (has_suffix(filename, ".odt"))
            return "application/vnd.oasis.opendocument.text";
        return NULL;
    }
    /* Text is stored as plain text whatever its name says, so it is never shown as HTML. */
    if (text_utf8_ok(doc, len) && memchr(doc, '\0', len) == NULL)
        return "text/plain; charset=utf-8";
    return NULL;
}

const char *media_extension(const char *type)
{
    static const struct {
        const char *type, *ext;
    } exts[] = {
        {"application/pdf", ".pdf"},
        {"application/msword", ".doc"},
        {"application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx"},
        {"application/vnd.oasis.opendocument.text", ".odt"},
        {"text/plain; charset=utf-8", ".txt"},
    };
    for (size_t i = 0; type && i < sizeof exts / sizeof *exts; i++)
        if (strcmp(type, exts[i].type) == 0)
            return exts[i].ext;
    return "";
}
