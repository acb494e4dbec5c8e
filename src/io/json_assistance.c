/*
 * Writing assistance records as JSON (see json_assistance.h), from their
 * field tables (src/core/fields_assistance.c).
 */
#include "json_assistance.h"

#include <string.h>

#include "../util/json_out.h"
#include "json_fields.h"

void json_write_request(buf_t *b, const assistance_request_t *r)
{
    json_fields_object(b, &request_fields, r, NULL);
}

/* The offer's provider pair: one of its two provider columns, and which. */
static void write_provider(buf_t *b, const field_t *f, const void *rec)
{
    const assistance_offer_t *o = rec;
    bool state = *o->provider_state != '\0';
    if (strcmp(f->name, "provider") == 0)
        json_out_str(b, state ? o->provider_state : o->provider_org);
    else
        json_out_str(b, state ? "state" : "organization");
}

void json_write_offer(buf_t *b, const assistance_offer_t *o)
{
    json_fields_object(b, &offer_fields, o, write_provider);
}

void json_write_proposal(buf_t *b, const assistance_proposal_t *p, const assistance_event_t *events,
                         size_t n)
{
    buf_putc(b, '{');
    json_fields_write(b, 0, &proposal_fields, p, NULL);
    buf_puts(b, ",\"history\":[");
    for (size_t i = 0; i < n; i++) {
        buf_puts(b, i ? "," : "");
        json_fields_object(b, &proposal_event_fields, &events[i], NULL);
    }
    buf_puts(b, "]}");
}

void json_write_organization(buf_t *b, const organization_t *o)
{
    json_fields_object(b, &organization_fields, o, NULL);
}
