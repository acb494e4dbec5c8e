/*
 * Recognising the type of an uploaded document from its first bytes, so a
 * report's media type is what the file is, not what its name claims.
 */
#ifndef R1540_CORE_MEDIA_H
#define R1540_CORE_MEDIA_H

#include <stddef.h>

/* Returns the media type of the bytes: PDF, Word (.doc, or .docx by name),
 * OpenDocument text (.odt by name), UTF-8 text; NULL for anything else. */
const char *media_type_detect(const void *doc, size_t len, const char *filename);
/* The file name extension of a type media_type_detect gives (".pdf", ...);
 * "" for any other type. */
const char *media_extension(const char *type);

#endif
