/*
 * Writing assistance records as JSON (see json_assistance.h).
 */
#include "json_assistance.h"

#include "../util/json_out.h"

void json_write_request(buf_t *b, const assistance_request_t *r)
{
    buf_putc(b, '{');
    json_out_kll(b, 0, "id", r->id);
    json_out_kv(b, 1, "state", r->state);
    json_out_kv(b, 1, "kind", r->kind);
    json_out_kv(b, 1, "items", r->items);
    json_out_kv(b, 1, "themes", r->themes);
    json_out_kv(b, 1, "title", r->title);
    json_out_kv(b, 1, "description", r->description);
    json_out_kv(b, 1, "languages", r->languages);
    json_out_kll(b, 1, "priority", r->priority);
    json_out_kv(b, 1, "submitted", r->submitted);
    json_out_kv(b, 1, "start", r->start);
    json_out_kv(b, 1, "end", r->end);
    json_out_kv(b, 1, "status", r->status);
    buf_putc(b, '}');
}

void json_write_offer(buf_t *b, const assistance_offer_t *o)
{
    buf_putc(b, '{');
    json_out_kll(b, 0, "id", o->id);
    json_out_kv(b, 1, "provider", *o->provider_state ? o->provider_state : o->provider_org);
    json_out_kv(b, 1, "provider_kind", *o->provider_state ? "state" : "organization");
    json_out_kv(b, 1, "kinds", o->kinds);
    json_out_kv(b, 1, "items", o->items);
    json_out_kv(b, 1, "themes", o->themes);
    json_out_kv(b, 1, "title", o->title);
    json_out_kv(b, 1, "description", o->description);
    json_out_kv(b, 1, "regions", o->regions);
    json_out_kv(b, 1, "languages", o->languages);
    json_out_kll(b, 1, "capacity", o->capacity);
    json_out_kv(b, 1, "start", o->start);
    json_out_kv(b, 1, "end", o->end);
    json_out_kv(b, 1, "status", o->status);
    buf_putc(b, '}');
}

void json_write_proposal(buf_t *b, const assistance_proposal_t *p, const assistance_event_t *events,
                         size_t n)
{
    buf_putc(b, '{');
    json_out_kll(b, 0, "id", p->id);
    json_out_kll(b, 1, "request", p->request_id);
    json_out_kll(b, 1, "offer", p->offer_id);
    json_out_kll(b, 1, "score", p->score);
    json_out_kv(b, 1, "explanation", p->explanation);
    json_out_kv(b, 1, "batch", p->batch);
    json_out_kv(b, 1, "created", p->created);
    json_out_kv(b, 1, "status", p->status);
    json_out_kv(b, 1, "provider_answer", p->provider_answer);
    json_out_kv(b, 1, "state_answer", p->state_answer);
    buf_puts(b, ",\"history\":[");
    for (size_t i = 0; i < n; i++) {
        buf_puts(b, i ? ",{" : "{");
        json_out_kll(b, 0, "seq", events[i].seq);
        json_out_kv(b, 1, "date", events[i].date);
        json_out_kv(b, 1, "event", events[i].event);
        json_out_kv(b, 1, "note", events[i].note);
        buf_putc(b, '}');
    }
    buf_puts(b, "]}");
}

void json_write_organization(buf_t *b, const organization_t *o)
{
    buf_putc(b, '{');
    json_out_kv(b, 0, "code", o->code);
    json_out_kv(b, 1, "kind", o->kind);
    json_out_kv(b, 1, "regions", o->regions);
    buf_puts(b, ",\"names\":{");
    for (int l = 0; l < LANG_COUNT; l++)
        json_out_kv(b, l > 0, lang_code((lang_t)l), o->name[l]);
    buf_puts(b, "}}");
}
