/*
 * Each page's <title>: what the page is, in its language, and the record it
 * shows when it shows one ("France — r1540", "Users — r1540"), so that tabs,
 * history and screen readers tell pages apart.
 */
#ifndef R1540_WEB_PAGE_TITLE_H
#define R1540_WEB_PAGE_TITLE_H

#include <jansson.h>

#include "request.h"

/* The title of the page rendered by `template` from model m, in r's arena. */
const char *page_title(web_req_t *r, const char *template, json_t *m);

#endif
