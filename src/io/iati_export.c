/*
 * IATI 2.03 activities of 1540 assistance (iati_export.h). The elements are
 * written in the order the schema's xsd:sequence fixes for iati-activity;
 * every value is XML-escaped, and characters XML 1.0 cannot carry (control
 * characters other than tab and newline) are dropped. The codes chosen, and
 * why, are listed in docs/formats.md; the tables below are the one place
 * that maps r1540's vocabulary to IATI's codelists.
 */
#include "iati_export.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "../util/atomic_file.h"
#include "dataset.h"

#define IATI_LIMIT ((size_t)256 << 20)

/* IATI OrganisationType: 10 government, 40 multilateral (every organization
 * of our registry is intergovernmental, regional or a UN body). */
#define ORG_TYPE_GOVERNMENT "10"
#define ORG_TYPE_MULTILATERAL "40"

/* DAC 5-digit sector (IATI Sector vocabulary 1) and IATI AidType (vocabulary
 * 1) of each kind of assistance. */
static const struct {
    const char *kind, *sector, *aid_type;
} kind_codes[] = {
    {"legislative-drafting", "15130", "D02"}, /* legal and judicial development */
    {"training", "15210", "D02"},             /* security system management and reform */
    {"equipment", "15210", "C01"},            /* project-type intervention */
    {"expert-visit", "15210", "D01"},         /* donor country personnel */
    {"technical-advice", "15210", "D02"},
    {"workshop", "15210", "D02"},
    {"awareness-raising", "15210", "D02"},
};

static void xml_escape(buf_t *b, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
        switch (*p) {
        case '&':
            buf_puts(b, "&amp;");
            break;
        case '<':
            buf_puts(b, "&lt;");
            break;
        case '>':
            buf_puts(b, "&gt;");
            break;
        case '"':
            buf_puts(b, "&quot;");
            break;
        case '\'':
            buf_puts(b, "&apos;");
            break;
        default:
            if (*p >= 0x20 || *p == '\t' || *p == '\n')
                buf_putc(b, (char)*p);
        }
    }
}

/* <narrative xml:lang="LANG">text</narrative>; lang NULL for the default. */
static void narrative(buf_t *b, const char *lang, const char *text)
{
    buf_puts(b, lang ? "<narrative xml:lang=\"" : "<narrative>");
    if (lang)
        buf_printf(b, "%s\">", lang);
    xml_escape(b, text);
    buf_puts(b, "</narrative>");
}

/* One narrative per UN language that has a name (English is the default). */
static void narratives(buf_t *b, char *const name[LANG_COUNT])
{
    narrative(b, NULL, name[LANG_EN]);
    for (int l = 0; l < LANG_COUNT; l++)
        if (l != LANG_EN && name[l] && *name[l])
            narrative(b, lang_code((lang_t)l), name[l]);
}

static bool org_ref_ok(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > 64)
        return false;
    return strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._") == n;
}

typedef struct {
    const dataset_t *ds;
    const organization_t *orgs;
    size_t norgs;
    const char *org_ref;
} iati_ctx_t;

static const state_t *find_state(const iati_ctx_t *c, const char *alpha3)
{
    for (size_t i = 0; i < c->ds->nstates; i++)
        if (strcmp(c->ds->states[i].state.alpha3, alpha3) == 0)
            return &c->ds->states[i].state;
    return NULL;
}

static const assistance_request_t *find_request(const iati_ctx_t *c, long long id)
{
    for (size_t i = 0; i < c->ds->nrequests; i++)
        if (c->ds->requests[i].r.id == id)
            return &c->ds->requests[i].r;
    return NULL;
}

static const assistance_offer_t *find_offer(const iati_ctx_t *c, long long id)
{
    for (size_t i = 0; i < c->ds->noffers; i++)
        if (c->ds->offers[i].o.id == id)
            return &c->ds->offers[i].o;
    return NULL;
}

/* The date of the last event of proposal p named ev, or NULL. */
static const char *event_date(const ds_proposal_t *p, const char *ev)
{
    const char *d = NULL;
    for (size_t i = 0; i < p->nevents; i++)
        if (strcmp(p->events[i].event, ev) == 0)
            d = p->events[i].date;
    return d;
}

/* The day both sides had accepted: the later of the two acceptances. */
static const char *accepted_date(const ds_proposal_t *p)
{
    const char *a = event_date(p, "provider-accepted"), *b = event_date(p, "state-accepted");
    if (!a || !b)
        return a ? a : b ? b : p->p.created;
    return strcmp(a, b) > 0 ? a : b;
}

static void activity_date(buf_t *b, const char *type, const char *date)
{
    if (date && *date)
        buf_printf(b, "<activity-date type=\"%s\" iso-date=\"%s\"/>", type, date);
}

static void provider(buf_t *b, const iati_ctx_t *c, const assistance_offer_t *o)
{
    if (*o->provider_state) {
        const state_t *s = find_state(c, o->provider_state);
        buf_puts(b, "<participating-org role=\"4\" type=\"" ORG_TYPE_GOVERNMENT "\">");
        if (s)
            narratives(b, s->name);
        else
            narrative(b, NULL, o->provider_state);
    } else {
        buf_puts(b, "<participating-org role=\"4\" type=\"" ORG_TYPE_MULTILATERAL "\">");
        const organization_t *org = NULL;
        for (size_t i = 0; i < c->norgs; i++)
            if (strcmp(c->orgs[i].code, o->provider_org) == 0)
                org = &c->orgs[i];
        if (org)
            narratives(b, org->name);
        else
            narrative(b, NULL, o->provider_org);
    }
    buf_puts(b, "</participating-org>");
}

/* tag vocabulary 99 (the reporting organisation's own): one per code of a
 * comma-separated list, prefixed with what the code is. */
static void own_tags(buf_t *b, const char *prefix, const char *list)
{
    for (const char *p = list; p && *p;) {
        size_t n = strcspn(p, ",");
        buf_printf(b, "<tag vocabulary=\"99\" code=\"%s:", prefix);
        buf_t code;
        buf_init(&code, ASSIST_LIST_MAX + 1);
        buf_append(&code, p, n);
        xml_escape(b, buf_str(&code));
        buf_free(&code);
        buf_puts(b, "\"/>");
        p += n + (p[n] == ',');
    }
}

/* The outcome the state recorded after delivery (resolution 2663, OP 20) as
 * an IATI result of type 2 (Outcome). The schema requires an indicator; ours
 * is qualitative (IndicatorMeasure 5) and carries no figures, since the
 * outcome is free text. The state's feedback stays out: it is addressed to
 * the Committee, not published. */
static void outcome_result(buf_t *b, const assistance_request_t *r)
{
    if (!r->outcome || !*r->outcome)
        return;
    buf_puts(b, "  <result type=\"2\">\n   <title>");
    narrative(b, NULL, "Outcome reported to the 1540 Committee");
    buf_puts(b, "</title>\n   <description>");
    narrative(b, NULL, r->outcome);
    buf_puts(b, "</description>\n   <indicator measure=\"5\">\n    <title>");
    narrative(b, NULL, "Outcome as described by the recipient state");
    buf_puts(b, "</title>\n   </indicator>\n  </result>\n");
}

static void activity(buf_t *b, const iati_ctx_t *c, const ds_proposal_t *p,
                     const assistance_request_t *r, const assistance_offer_t *o)
{
    bool delivered = strcmp(p->p.status, "delivered") == 0;
    const char *sector = "15210", *aid = "D02";
    for (size_t i = 0; i < sizeof kind_codes / sizeof *kind_codes; i++)
        if (strcmp(kind_codes[i].kind, r->kind) == 0)
            sector = kind_codes[i].sector, aid = kind_codes[i].aid_type;
    const state_t *recipient = find_state(c, r->state);
    buf_puts(b, " <iati-activity xml:lang=\"en\" hierarchy=\"1\">\n");
    buf_printf(b, "  <iati-identifier>%s-assistance-%lld</iati-identifier>\n", c->org_ref, p->p.id);
    buf_printf(b, "  <reporting-org ref=\"%s\" type=\"" ORG_TYPE_MULTILATERAL "\">", c->org_ref);
    narrative(b, NULL, "Security Council Committee established pursuant to resolution 1540 (2004)");
    buf_puts(b, "</reporting-org>\n  <title>");
    narrative(b, NULL, r->title);
    buf_puts(b, "</title>\n  <description type=\"1\">");
    narrative(b, NULL, *r->description ? r->description : r->title);
    buf_puts(b, "</description>\n  ");
    provider(b, c, o);
    buf_printf(b, "\n  <other-identifier ref=\"r1540-request-%lld\" type=\"A1\"/>\n", r->id);
    buf_printf(b, "  <activity-status code=\"%s\"/>\n  ", delivered ? "3" : "2");
    activity_date(b, "1", r->start);
    activity_date(b, "2", accepted_date(p));
    activity_date(b, "3", r->end);
    if (delivered)
        activity_date(b, "4", event_date(p, "delivered"));
    buf_puts(b, "\n  <activity-scope code=\"4\"/>\n");
    if (recipient) {
        buf_printf(b, "  <recipient-country code=\"%s\" percentage=\"100\">", recipient->alpha2);
        narrative(b, NULL, recipient->name[LANG_EN]);
        buf_puts(b, "</recipient-country>\n");
    }
    buf_printf(b, "  <sector vocabulary=\"1\" code=\"%s\" percentage=\"100\"/>\n  ", sector);
    buf_puts(b, "<tag vocabulary=\"3\" code=\"16.a\"/>");
    own_tags(b, "kind", r->kind);
    own_tags(b, "item", r->items);
    own_tags(b, "theme", r->themes);
    buf_printf(b, "\n  <default-aid-type vocabulary=\"1\" code=\"%s\"/>\n", aid);
    if (delivered)
        outcome_result(b, r);
    buf_puts(b, " </iati-activity>\n");
}

rc_t iati_export(store_t *st, const char *org_ref, const char *generated, arena_t *a, buf_t *out,
                 size_t *nactivities, err_t *e)
{
    iati_ctx_t c = {.org_ref = org_ref ? org_ref : IATI_DEFAULT_ORG_REF};
    *nactivities = 0;
    if (!org_ref_ok(c.org_ref))
        return err_set(e, RC_INPUT, "reporting organisation: '%s' is not 1-64 of A-Z a-z 0-9 - . _",
                       c.org_ref);
    dataset_t ds;
    rc_t rc = dataset_load(st, NULL, false, a, &ds, e);
    if (rc == RC_OK)
        rc = store_org_list(st, a, (organization_t **)&c.orgs, &c.norgs, e);
    if (rc != RC_OK)
        return rc;
    c.ds = &ds;
    buf_t body;
    buf_init(&body, IATI_LIMIT);
    for (size_t i = 0; i < ds.nproposals; i++) {
        const ds_proposal_t *p = &ds.proposals[i];
        if (strcmp(p->p.status, "accepted") != 0 && strcmp(p->p.status, "delivered") != 0)
            continue;
        const assistance_request_t *r = find_request(&c, p->p.request_id);
        const assistance_offer_t *o = find_offer(&c, p->p.offer_id);
        if (r && o) {
            activity(&body, &c, p, r, o);
            (*nactivities)++;
        }
    }
    if (*nactivities == 0 || body.overflow) {
        buf_free(&body);
        return *nactivities == 0
                   ? err_set(e, RC_NOTFOUND, "no accepted or delivered assistance to export")
                   : err_set(e, RC_FAIL, "the IATI export is larger than %zu bytes", IATI_LIMIT);
    }
    buf_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    buf_printf(out, "<iati-activities version=\"2.03\" generated-datetime=\"%s\">\n", generated);
    buf_append(out, body.data, body.len);
    buf_puts(out, "</iati-activities>\n");
    buf_free(&body);
    return RC_OK;
}

rc_t iati_export_file(store_t *st, const char *org_ref, const char *path, arena_t *a, err_t *e)
{
    char now[32];
    struct tm tm;
    time_t t = time(NULL);
    gmtime_r(&t, &tm);
    strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", &tm);
    buf_t b;
    buf_init(&b, IATI_LIMIT);
    size_t n;
    rc_t rc = iati_export(st, org_ref, now, a, &b, &n, e);
    if (rc == RC_OK && b.overflow)
        rc = err_set(e, RC_FAIL, "the IATI export is larger than %zu bytes", IATI_LIMIT);
    if (rc != RC_OK) {
        buf_free(&b);
        return rc;
    }
    if (strcmp(path, "-") == 0) {
        bool ok = fwrite(b.data, 1, b.len, stdout) == b.len && fflush(stdout) == 0;
        buf_free(&b);
        return ok ? RC_OK : err_set(e, RC_FAIL, "cannot write standard output");
    }
    char *tmp = atomic_file_tmp(path, a);
    FILE *f = fopen(tmp, "wb");
    if (!f) {
        buf_free(&b);
        return err_set(e, RC_FAIL, "%s: %s", tmp, strerror(errno));
    }
    rc = fwrite(b.data, 1, b.len, f) == b.len ? RC_OK : RC_FAIL;
    if (fclose(f) != 0)
        rc = RC_FAIL;
    if (rc != RC_OK)
        err_set(e, rc, "%s: write failed", path);
    buf_free(&b);
    return atomic_file_finish(tmp, path, rc, e);
}
