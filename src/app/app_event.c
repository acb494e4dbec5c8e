/*
 * Outreach event operations (app_event.h).
 */
#include "app_event.h"

#include <stdio.h>

#include "../util/buf.h"
#include "../util/json_out.h"

rc_t app_event_add(app_t *a, event_t *ev, long long from_workshop, err_t *e)
{
    rc_t rc = app_allow(a, ACT_EVENT_ADD, NULL, e);
    if (rc == RC_OK)
        rc = event_validate(ev, e);
    if (rc != RC_OK || (rc = app_begin(a, e)) != RC_OK)
        return rc;
    rc = store_outreach_insert(a->st, ev, e);
    char object[32];
    snprintf(object, sizeof object, "event:%lld", ev->id);
    buf_t detail;
    buf_init(&detail, 0);
    buf_putc(&detail, '{');
    json_out_kv(&detail, 0, "kind", ev->kind);
    json_out_kv(&detail, 1, "start", ev->start);
    buf_printf(&detail, ",\"states\":%zu", ev->nstates);
    if (from_workshop)
        json_out_kll(&detail, 1, "from_workshop", from_workshop);
    buf_putc(&detail, '}');
    rc = app_finish(a, rc, "event.add", object, buf_str(&detail), e);
    buf_free(&detail);
    return rc;
}
