/*
 * Outreach events: recording a training course, regional workshop,
 * peer-review visit or round table (src/core/event.h).
 */
#ifndef R1540_APP_APP_EVENT_H
#define R1540_APP_APP_EVENT_H

#include "../core/event.h"
#include "app.h"

/*
 * Records ev (its states alpha-3 codes, as the door resolved them; sorted
 * and deduplicated here). from_workshop is the review's proposed workshop it
 * came from, 0 if none (the audit detail says so). ACT_EVENT_ADD. RC_INPUT
 * naming the field for anything event_validate refuses. On RC_OK ev->id is
 * the new id. Audited as event.add of "event:ID".
 */
rc_t app_event_add(app_t *a, event_t *ev, long long from_workshop, err_t *e);

#endif
