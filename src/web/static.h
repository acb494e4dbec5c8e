/*
 * The site's own CSS, JavaScript and icons from web/static, read into memory
 * when the server starts (no CDN, no font service: everything is served here).
 */
#ifndef R1540_WEB_STATIC_H
#define R1540_WEB_STATIC_H

#include <stdbool.h>

#include "web.h"

rc_t static_load(const char *dir, err_t *e);
void static_free(void);
/* Fills the answer with the file called name; false if there is none. */
bool static_find(const char *name, web_answer_t *out);

#endif
