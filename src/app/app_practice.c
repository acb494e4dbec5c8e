/*
 * Effective practice operations (app_practice.h). Which decision is allowed
 * from which status is core/practice.c's table; the store's practice_decide
 * re-checks the status inside the transaction, so two reviewers racing are
 * ordered and the second is refused.
 */
#include "app_practice.h"

#include <stdio.h>
#include <string.h>

#include "../core/media.h"
#include "../io/assistance_codes.h"
#include "../util/buf.h"
#include "../util/date.h"
#include "../util/json_out.h"
#include "../util/text.h"
#include "app_search.h"

static rc_t finish(app_t *a, rc_t rc, const char *action, const practice_t *p, err_t *e)
{
    char object[40];
    snprintf(object, sizeof object, "practice:%lld", p->id);
    buf_t d;
    buf_init(&d, 0);
    buf_putc(&d, '{');
    json_out_kv(&d, 0, "state", p->state);
    json_out_kv(&d, 1, "org", p->org ? p->org : "");
    json_out_kv(&d, 1, "status", p->status ? p->status : "");
    json_out_kv(&d, 1, "items", p->items ? p->items : "");
    json_out_kv(&d, 1, "sha256", p->sha256);
    buf_putc(&d, '}');
    rc = app_finish(a, rc, action, object, buf_str(&d), e);
    buf_free(&d);
    return rc;
}

/* The organization's code as the registry spells it; RC_NOTFOUND if unknown. */
static rc_t known_org(app_t *a, const char *code, char **out, err_t *e)
{
    organization_t *orgs;
    size_t n;
    rc_t rc = store_org_list(a->st, a->arena, &orgs, &n, e);
    for (size_t i = 0; rc == RC_OK && i < n; i++)
        if (strcmp(orgs[i].code, code) == 0) {
            *out = orgs[i].code;
            return RC_OK;
        }
    return rc == RC_OK ? err_set(e, RC_NOTFOUND, "org: unknown organization '%.40s'", code) : rc;
}

/* Who submits: the state (checked against the permission table) or the
 * organization (an account acting for it). */
static rc_t submitter(app_t *a, const app_practice_in_t *in, practice_t *p, err_t *e)
{
    bool by_state = in->state && *in->state, by_org = in->org && *in->org;
    if (by_state == by_org)
        return err_set(e, RC_INPUT, "submitter: name either a state or an organization");
    if (by_state) {
        state_t s;
        rc_t rc = app_state(a, in->state, &s, e);
        if (rc == RC_OK)
            rc = app_allow(a, ACT_PRACTICE_SUBMIT, s.alpha3, e);
        if (rc == RC_OK)
            memcpy(p->state, s.alpha3, sizeof p->state);
        p->org = "";
        return rc;
    }
    const user_t *u = a->actor.user;
    bool for_org = u && (u->role == ROLE_PROVIDER || u->role == ROLE_EXPERT ||
                         u->role == AUTHZ_ROLE_SYSTEM);
    if (!for_org || !authz_allowed(u, ACT_PRACTICE_SUBMIT, NULL) ||
        !authz_acts_for_provider(u, in->org))
        return app_fail(a, e, RC_DENIED, "You may not submit a practice for this organization.");
    return known_org(a, in->org, &p->org, e);
}

/* Fills p from the input; fixed-size fields refuse what they cannot hold. */
static rc_t practice_from(app_t *a, const app_practice_in_t *in, practice_t *p, err_t *e)
{
    p->title = (char *)(in->title ? in->title : "");
    p->summary = (char *)(in->summary ? in->summary : "");
    p->items = (char *)(in->items ? in->items : "");
    p->themes = (char *)(in->themes ? in->themes : "");
    const char *lang = in->language ? in->language : "";
    if (strlen(lang) >= sizeof p->language)
        return err_set(e, RC_INPUT, "language: '%.10s' is not ar, zh, en, fr, ru or es", lang);
    memcpy(p->language, lang, strlen(lang) + 1);
    p->status = PRACTICE_SUBMITTED;
    p->note = "";
    p->size = -1;
    date_today(p->submitted);
    p->submitter = (char *)(a->actor.user ? a->actor.user->name : "system");
    p->demo = in->demo;
    if (!in->doc)
        return RC_OK;
    p->filename = text_bidi_strip(a->arena, in->filename ? in->filename : "");
    if (!text_filename_ok(p->filename))
        return err_set(e, RC_INPUT, "file: '%.60s' is not a file name", p->filename);
    if (in->len == 0)
        return err_set(e, RC_INPUT, "file: %.60s is empty", p->filename);
    p->media_type = (char *)media_type_detect(in->doc, in->len, p->filename);
    if (!p->media_type)
        return err_set(e, RC_INPUT, "file: %.60s is not a PDF, Word, OpenDocument or text file",
                       p->filename);
    return RC_OK;
}

rc_t app_practice_submit(app_t *a, const app_practice_in_t *in, practice_t *out, err_t *e)
{
    practice_t p = {0};
    assistance_codes_t codes;
    rc_t rc = submitter(a, in, &p, e);
    if (rc == RC_OK && in->demo && (!a->actor.user || a->actor.user->role != AUTHZ_ROLE_SYSTEM))
        rc = app_fail(a, e, RC_DENIED, "Only the demo generator marks a practice as demo.");
    if (rc == RC_OK)
        rc = practice_from(a, in, &p, e);
    if (rc == RC_OK)
        rc = practice_validate(&p, e);
    if (rc == RC_OK)
        rc = assistance_codes_load(a->st, a->arena, &codes, e);
    if (rc == RC_OK)
        rc = practice_codes_check(&codes, &p, e);
    if (rc != RC_OK || (rc = app_begin(a, e)) != RC_OK)
        return rc;
    rc = store_practice_insert(a->st, &p, in->doc, in->len, e);
    rc = finish(a, rc, "practice.submit", &p, e);
    if (rc == RC_OK)
        *out = p;
    return rc;
}

/* The terms a published practice is found by: its title, summary and the
 * text of its document, analyzed in its language as reports are. */
static char *practice_terms(app_t *a, const practice_t *p, err_t *e)
{
    buf_t text;
    buf_init(&text, 0);
    buf_printf(&text, "%s\n%s\n", p->title, p->summary);
    void *doc;
    size_t len;
    if (p->has_document && store_practice_document(a->st, p->id, a->arena, &doc, &len, e) == RC_OK) {
        report_text_t t;
        app_report_text_make(a, doc, len, p->media_type, p->language, &t);
        for (size_t i = 0; i < t.n; i++)
            buf_printf(&text, "%s\n", t.page[i].text);
    }
    char *terms = NULL;
    text_analyzer_t *an = text_analyzer_new(e);
    if (an)
        terms = text_terms_joined(an, buf_str(&text), strlen(buf_str(&text)),
                                  lang_parse(p->language), a->arena, e);
    text_analyzer_free(an);
    buf_free(&text);
    return terms ? terms : "";
}

rc_t app_practice_decide(app_t *a, long long id, const char *decision, const char *note,
                         practice_t *out, err_t *e)
{
    practice_t p;
    bool publish = decision && strcmp(decision, "publish") == 0;
    rc_t rc = app_allow(a, ACT_PRACTICE_REVIEW, NULL, e);
    if (rc == RC_OK && !publish && !(decision && strcmp(decision, "return") == 0))
        rc = err_set(e, RC_INPUT, "decision: '%.20s' is not publish or return",
                     decision ? decision : "");
    if (rc == RC_OK && !publish &&
        (!note || !*note || !text_multi_line_ok(note, PRACTICE_NOTE_MAX)))
        rc = err_set(e, RC_INPUT, "note: say why it is returned, in 1 to %d bytes of text",
                     PRACTICE_NOTE_MAX);
    if (rc == RC_OK && (rc = store_practice_get(a->st, id, a->arena, &p, e)) == RC_NOTFOUND)
        rc = err_set(e, RC_NOTFOUND, "There is no practice %lld.", id);
    const char *to = rc == RC_OK ? practice_decision_next(p.status, decision) : NULL;
    if (rc == RC_OK && !to)
        rc = err_set(e, RC_REFUSED, "Practice %lld is %s: only a submitted practice is %s.", id,
                     p.status, publish ? "published" : "returned");
    /* the document's text is extracted before the transaction: it takes time */
    char *terms = rc == RC_OK && publish ? practice_terms(a, &p, e) : NULL;
    if (rc != RC_OK || (rc = app_begin(a, e)) != RC_OK)
        return rc;
    char today[11];
    date_today(today);
    rc = store_practice_decide(a->st, id, p.status, to, publish ? "" : note, today, e);
    if (rc == RC_OK && publish)
        rc = store_practice_index(a->st, id, terms, e);
    p.status = to;
    p.note = (char *)(publish ? "" : note);
    memcpy(p.decided, today, sizeof today);
    rc = finish(a, rc, publish ? "practice.publish" : "practice.return", &p, e);
    if (rc == RC_OK && out)
        *out = p;
    return rc;
}

bool app_practice_visible(app_t *a, const practice_t *p)
{
    const user_t *u = a->actor.user;
    if (p->status && strcmp(p->status, PRACTICE_PUBLISHED) == 0)
        return true;
    if (authz_allowed(u, ACT_PRACTICE_REVIEW, NULL))
        return true;
    if (!u || u->disabled)
        return false;
    /* the submitting side's own accounts follow their submission */
    if (u->role == ROLE_POC)
        return p->state[0] && authz_allowed(u, ACT_PRACTICE_SUBMIT, p->state);
    if (u->role == ROLE_PROVIDER)
        return p->org && *p->org && authz_acts_for_provider(u, p->org);
    return false;
}

rc_t app_practice_get(app_t *a, long long id, practice_t *out, err_t *e)
{
    rc_t rc = store_practice_get(a->st, id, a->arena, out, e);
    if (rc == RC_NOTFOUND || (rc == RC_OK && !app_practice_visible(a, out)))
        return app_fail(a, e, RC_NOTFOUND, "There is no such practice.");
    return rc;
}

rc_t app_practice_list(app_t *a, const practice_filter_t *f, practice_t **out, size_t *n,
                       err_t *e)
{
    if (f->status && *f->status && !practice_status_parse(f->status))
        return err_set(e, RC_INPUT, "status: '%.20s' is not submitted, published or returned",
                       f->status);
    practice_t *all;
    size_t k;
    rc_t rc = store_practice_list(a->st, f, a->arena, &all, &k, e);
    if (rc != RC_OK)
        return rc;
    size_t m = 0;
    for (size_t i = 0; i < k; i++)
        if (app_practice_visible(a, &all[i]))
            all[m++] = all[i];
    *out = all;
    *n = m;
    return RC_OK;
}

rc_t app_practice_document(app_t *a, long long id, practice_t *p, void **doc, size_t *len,
                           err_t *e)
{
    rc_t rc = app_practice_get(a, id, p, e);
    if (rc == RC_OK && !p->has_document)
        rc = app_fail(a, e, RC_NOTFOUND, "There is no such practice.");
    return rc == RC_OK ? store_practice_document(a->st, id, a->arena, doc, len, e) : rc;
}

rc_t app_practice_search(app_t *a, const text_query_t *q, long long limit, practice_t **out,
                         size_t *n, long long *total, err_t *e)
{
    rc_t rc = store_practice_search(a->st, q, limit, a->arena, out, n, total, e);
    if (rc != RC_OK)
        return rc;
    size_t m = 0; /* the index holds published ones only; checked again all the same */
    for (size_t i = 0; i < *n; i++)
        if (app_practice_visible(a, &(*out)[i]) &&
            strcmp((*out)[i].status, PRACTICE_PUBLISHED) == 0)
            (*out)[m++] = (*out)[i];
    *n = m;
    return RC_OK;
}
