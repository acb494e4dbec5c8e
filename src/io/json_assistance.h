/*
 * JSON records of assistance (docs/formats.md, "Assistance"): requests,
 * offers, proposals with their history, and organizations. Used by the
 * canonical export and by `r1540 assistance ... --format json`; keys always
 * in the documented order.
 */
#ifndef R1540_IO_JSON_ASSISTANCE_H
#define R1540_IO_JSON_ASSISTANCE_H

#include "../core/assistance.h"
#include "../util/buf.h"

void json_write_request(buf_t *b, const assistance_request_t *r);
void json_write_offer(buf_t *b, const assistance_offer_t *o);
/* The proposal with its n events (those of this proposal, in order). */
void json_write_proposal(buf_t *b, const assistance_proposal_t *p, const assistance_event_t *events,
                         size_t n);
void json_write_organization(buf_t *b, const organization_t *o);

#endif
