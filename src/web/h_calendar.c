/*
 * The public calendar feed, /api/v1/events.ics (and /LANG/events.ics): every
 * outreach event (src/core/event.h) as an iCalendar VEVENT (RFC 5545), so that
 * points of contact and partners can subscribe from any calendar program.
 * Events are public (they are in the open data already); the feed adds
 * nothing that is not. Events carry dates, not times, so each is an all-day
 * event: DTSTART and DTEND as VALUE=DATE, DTEND the day after the last day
 * (RFC 5545 3.6.1: DTEND is exclusive). The UID is the event's id under a
 * fixed domain, so a calendar that subscribes keeps the same event when it is
 * changed. Labels and state and theme names are in the request's language.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "../io/ical.h"
#include "../util/date.h"
#include "handlers.h"
#include "refcache.h"
#include "web.h"

#define ICAL_FEED_LIMIT ((size_t)64 << 20) /* far above any real calendar */

/* An event kind's name in the request's language (the literals stay in the
 * calls so that tools/po_extract.py finds them). */
static const char *kind_label(web_req_t *r, const char *kind)
{
    if (strcmp(kind, "training-course") == 0)
        return web_tr(r, "Training course");
    if (strcmp(kind, "regional-workshop") == 0)
        return web_tr(r, "Regional workshop");
    if (strcmp(kind, "peer-review-visit") == 0)
        return web_tr(r, "Peer-review visit");
    if (strcmp(kind, "round-table") == 0)
        return web_tr(r, "Round table");
    return kind;
}

/* "YYYY-MM-DD" as the iCalendar DATE "YYYYMMDD", days_after days later. */
static void ical_date(const char *iso, long days_after, char out[9])
{
    char d[11];
    date_from_days(date_days(iso) + days_after, d);
    snprintf(out, 9, "%.4s%.2s%.2s", d, d + 5, d + 8);
}

/* The event's participating states by name, then its themes, as the
 * DESCRIPTION's lines. */
static void describe(web_req_t *r, const event_t *ev, buf_t *d)
{
    if (ev->organizer && *ev->organizer)
        buf_printf(d, "%s: %s\n", web_tr(r, "Organizer"), ev->organizer);
    if (ev->nstates) {
        buf_printf(d, "%s: ", web_tr(r, "States"));
        for (size_t i = 0; i < ev->nstates; i++) {
            state_t s;
            bool known = web_ref_state(r, ev->states[i], &s, NULL) == RC_OK;
            buf_printf(d, "%s%s", i ? ", " : "", known ? s.name[r->lang] : ev->states[i]);
        }
        buf_putc(d, '\n');
    }
    if (ev->nthemes) {
        const vocab_t *v;
        size_t nv = 0;
        if (web_ref_vocab(r, "theme", &v, &nv, NULL) != RC_OK)
            nv = 0;
        buf_printf(d, "%s: ", web_tr(r, "Themes"));
        for (size_t i = 0; i < ev->nthemes; i++) {
            const char *name = ev->themes[i];
            for (size_t k = 0; k < nv; k++)
                if (strcmp(v[k].code, ev->themes[i]) == 0)
                    name = v[k].name[r->lang];
            buf_printf(d, "%s%s", i ? ", " : "", name);
        }
        buf_putc(d, '\n');
    }
}

static void vevent(web_req_t *r, const event_t *ev, const char *stamp, buf_t *b)
{
    char start[9], end[9], uid[64];
    ical_date(ev->start, 0, start);
    ical_date(ev->end, 1, end);
    snprintf(uid, sizeof uid, "event-%lld@r1540.events", ev->id);
    ical_line(b, "BEGIN", "VEVENT");
    ical_line(b, "UID", uid);
    ical_line(b, "DTSTAMP", stamp);
    ical_line(b, "DTSTART;VALUE=DATE", start);
    ical_line(b, "DTEND;VALUE=DATE", end);
    ical_text(b, "SUMMARY", ev->title);
    if (ev->place && *ev->place)
        ical_text(b, "LOCATION", ev->place);
    buf_t d;
    buf_init(&d, ICAL_FEED_LIMIT);
    describe(r, ev, &d);
    if (d.len) {
        d.data[--d.len] = '\0'; /* the last line's newline */
        ical_text(b, "DESCRIPTION", d.data);
    }
    buf_free(&d);
    ical_text(b, "CATEGORIES", kind_label(r, ev->kind));
    /* planned and held events are both confirmed; RFC 5545 has no "held" */
    ical_line(b, "STATUS", strcmp(ev->status, "cancelled") == 0 ? "CANCELLED" : "CONFIRMED");
    ical_line(b, "TRANSP", "TRANSPARENT");
    ical_line(b, "END", "VEVENT");
}

rc_t h_events_ics(web_req_t *r, json_t *m, err_t *e)
{
    (void)m;
    event_t *evs;
    size_t n;
    rc_t rc = store_outreach_list(r->st, NULL, &r->arena, &evs, &n, e);
    if (rc != RC_OK)
        return rc;
    char stamp[32];
    struct tm tm;
    time_t now = time(NULL);
    gmtime_r(&now, &tm);
    strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm);
    buf_t b;
    buf_init(&b, ICAL_FEED_LIMIT);
    ical_line(&b, "BEGIN", "VCALENDAR");
    ical_line(&b, "VERSION", "2.0");
    ical_line(&b, "PRODID", "-//r1540//outreach events//EN");
    ical_line(&b, "CALSCALE", "GREGORIAN");
    ical_line(&b, "METHOD", "PUBLISH");
    ical_text(&b, "X-WR-CALNAME", web_tr(r, "Resolution 1540 outreach events"));
    for (size_t i = 0; i < n; i++)
        vevent(r, &evs[i], stamp, &b);
    ical_line(&b, "END", "VCALENDAR");
    if (b.overflow) {
        buf_free(&b);
        return err_set(e, RC_FAIL, "the calendar is larger than %zu bytes", ICAL_FEED_LIMIT);
    }
    char *body = arena_strndup(&r->arena, b.data, b.len);
    r->download = "inline; filename=\"r1540-events.ics\"";
    r->file = body;
    r->file_len = b.len;
    r->file_type = "text/calendar; charset=utf-8";
    buf_free(&b);
    return RC_OK;
}
