/*
 * Paging of the API's list calls, the same on every one: ?page=N (from 1)
 * and ?per_page=M (1 to WEB_PER_PAGE_MAX), answered with count, page, pages
 * and per_page in the body and a Link header (first, prev, next, last). A
 * page past the last is the first. A list the router pages is whole when
 * neither parameter is given (as before paging); the assistance lists, paged
 * in the store, have always had 200 a page.
 * The router parses and checks the parameters before the handler runs and
 * slices the handler's list afterwards; a handler that pages in the store
 * (the assistance lists) reads r->list_page and r->per_page and calls
 * web_paging_say.
 */
#ifndef R1540_WEB_PAGING_H
#define R1540_WEB_PAGING_H

#include <jansson.h>

#include "request.h"

#define WEB_PER_PAGE_DEFAULT 200
#define WEB_PER_PAGE_MAX 500 /* also in paging.c's message */

/* Reads ?page= and ?per_page= into r->page and r->per_page (defaults 1 and
 * WEB_PER_PAGE_DEFAULT). strict (the API): a value that is not a whole
 * number in range is RC_INPUT with a message naming it; otherwise (pages)
 * such a value counts as absent. */
rc_t web_paging_parse(web_req_t *r, bool strict, err_t *e);

/* Keeps only r's page of the array model[key] and says which page it is
 * (web_paging_say); nothing when model[key] is not an array. */
void web_paging_slice(web_req_t *r, json_t *model, const char *key);

/* Sets count, page, pages and per_page in model for total rows and
 * r->link to the Link header of the page. */
void web_paging_say(web_req_t *r, json_t *model, long long total);

#endif
