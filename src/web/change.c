/*
 * The application context of a web request: every change the web makes is an
 * operation of src/app/, which holds the change and its audit entry in one
 * transaction.
 */
#include "change.h"

#include "session.h"
#include "web.h"

void web_app_of(web_req_t *r, app_t *out)
{
    *out = (app_t){.st = r->st, .arena = &r->arena, .lang = r->lang,
                   .changed = web_data_changed,
                   .actor = {.user = r->user, .name = r->user ? session_actor(r) : "web:"}};
}
