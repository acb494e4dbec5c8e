/*
 * Assistance records: field checks, comma-separated code lists, and the
 * proposal steps as the demo takes them (the rules are assistance_workflow.c's
 * table; the store repeats them as triggers).
 */
#include "assistance.h"

#include <stdio.h>
#include <string.h>

#include "../util/date.h"
#include "../util/text.h"
#include "assistance_workflow.h"
#include "contact.h"
#include "template.h"

const char *const assistance_kinds[] = {
    "legislative-drafting", "training", "equipment",         "expert-visit",
    "technical-advice",     "workshop", "awareness-raising", NULL,
};

const char *assistance_kind_parse(const char *s)
{
    for (int i = 0; s && assistance_kinds[i]; i++)
        if (strcmp(s, assistance_kinds[i]) == 0)
            return assistance_kinds[i];
    return NULL;
}

bool assistance_kind_ok(const char *code)
{
    return assistance_kind_parse(code) != NULL;
}

bool assistance_language_ok(const char *code)
{
    size_t n = strlen(code);
    return (n == 2 || n == 3) && strspn(code, "abcdefghijklmnopqrstuvwxyz") == n;
}

bool assistance_region_ok(const char *code)
{
    return strlen(code) == 3 && strspn(code, "0123456789") == 3;
}

bool assistance_theme_syntax_ok(const char *code)
{
    size_t n = strlen(code);
    return n > 0 && n <= 64 && strspn(code, "abcdefghijklmnopqrstuvwxyz0123456789-") == n;
}

/* Copies the next code of a list into buf; returns the rest, or NULL at the end. */
static const char *next_code(const char *list, char *buf, size_t size, bool *too_long)
{
    if (!list || !*list)
        return NULL;
    size_t n = strcspn(list, ",");
    *too_long = n >= size;
    snprintf(buf, size, "%.*s", (int)(n < size ? n : size - 1), list);
    return list[n] ? list + n + 1 : list + n;
}

bool assistance_list_ok(const char *list, bool (*code_ok)(const char *code))
{
    if (!list || strlen(list) > ASSIST_LIST_MAX)
        return false;
    if (!*list)
        return true;
    if (list[strlen(list) - 1] == ',')
        return false;
    char code[80];
    bool too_long;
    for (const char *p = next_code(list, code, sizeof code, &too_long); p;
         p = next_code(p, code, sizeof code, &too_long)) {
        if (too_long || !*code || !code_ok(code))
            return false;
        /* A repeat: the code appears again later in the list. */
        if (assistance_list_has(p, code))
            return false;
    }
    return true;
}

bool assistance_list_has(const char *list, const char *code)
{
    size_t n = strlen(code);
    for (const char *p = list; p && *p;) {
        size_t m = strcspn(p, ",");
        if (m == n && strncmp(p, code, n) == 0)
            return true;
        p += m;
        if (*p)
            p++;
    }
    return false;
}

int assistance_list_count(const char *list)
{
    if (!list || !*list)
        return 0;
    int n = 1;
    for (const char *p = list; *p; p++)
        n += *p == ',';
    return n;
}

int assistance_list_common(const char *a, const char *b, char *common, size_t n)
{
    char code[80];
    bool too_long;
    int count = 0;
    size_t used = 0;
    if (common && n)
        common[0] = '\0';
    for (const char *p = next_code(a, code, sizeof code, &too_long); p;
         p = next_code(p, code, sizeof code, &too_long)) {
        if (too_long || !assistance_list_has(b, code))
            continue;
        count++;
        if (common && used < n) {
            int w = snprintf(common + used, n - used, "%s%s", used ? "," : "", code);
            used = w > 0 && used + (size_t)w < n ? used + (size_t)w : n;
        }
    }
    return count;
}

static bool item_code_ok(const char *code)
{
    return template_item_id_ok(code);
}

/* Checks the dates shared by requests and offers: "" or real dates, start <= end. */
static rc_t dates_check(const char *start, const char *end, err_t *e)
{
    if (*start && !date_valid(start))
        return err_field(e, RC_INPUT, "start", "Give a date as YYYY-MM-DD.", "start: '%s' is not a date (YYYY-MM-DD)", start);
    if (*end && !date_valid(end))
        return err_field(e, RC_INPUT, "end", "Give a date as YYYY-MM-DD.", "end: '%s' is not a date (YYYY-MM-DD)", end);
    if (*start && *end && strcmp(start, end) > 0)
        return err_field(e, RC_INPUT, "end", "The end is before the start.", "dates: start %s is after end %s", start, end);
    return RC_OK;
}

static rc_t texts_check(const char *title, const char *description, err_t *e)
{
    if (!title || !*title || !text_single_line_ok(title, ASSIST_TITLE_MAX))
        return err_field(e, RC_INPUT, "title", "Give a title of one line (300 bytes at most).", "title: must be one line of 1 to %d bytes of UTF-8",
                       ASSIST_TITLE_MAX);
    if (!description || !text_multi_line_ok(description, ASSIST_TEXT_MAX))
        return err_field(e, RC_INPUT, "description", "The description is too long (4,000 bytes at most).", "description: must be UTF-8 text of at most %d bytes",
                       ASSIST_TEXT_MAX);
    return RC_OK;
}

/* The fields resolution 2663 added: the areas, the national context, the
 * contact, and after delivery the outcome and feedback with their date. */
static rc_t request_2663_check(const assistance_request_t *r, err_t *e)
{
    /* A record built before these fields existed leaves them NULL: "" */
    const char *areas = r->areas ? r->areas : "", *context = r->context ? r->context : "";
    const char *contact = r->contact ? r->contact : "", *outcome = r->outcome ? r->outcome : "";
    const char *feedback = r->feedback ? r->feedback : "";
    if (!assistance_list_ok(areas, contact_area_ok))
        return err_field(e, RC_INPUT, "areas", "Choose areas from the list.",
                         "areas: '%.100s' is not a list of areas (nuclear, chemical, biological, "
                         "delivery, export-control, general)",
                         areas);
    if (!text_multi_line_ok(context, ASSIST_TEXT_MAX))
        return err_field(e, RC_INPUT, "context",
                         "The national context is too long (4,000 bytes at most).",
                         "context: must be UTF-8 text of at most %d bytes", ASSIST_TEXT_MAX);
    if (*contact && !text_single_line_ok(contact, ASSIST_TITLE_MAX))
        return err_field(e, RC_INPUT, "contact", "Give the contact on one line (300 bytes at most).",
                         "contact: must be one line of at most %d bytes of UTF-8",
                         ASSIST_TITLE_MAX);
    if (*outcome || *feedback) {
        if (assistance_feedback_validate(outcome, feedback, e) != RC_OK)
            return RC_INPUT;
        if (!date_valid(r->feedback_date))
            return err_field(e, RC_INPUT, "feedback_date", "Give a date as YYYY-MM-DD.",
                             "feedback_date: '%s' is not a date (YYYY-MM-DD)", r->feedback_date);
    } else if (*r->feedback_date)
        return err_field(e, RC_INPUT, "feedback_date", "Give the outcome or the feedback.",
                         "feedback_date: given without an outcome or a feedback");
    return RC_OK;
}

rc_t assistance_request_validate(const assistance_request_t *r, err_t *e)
{
    if (!assistance_kind_parse(r->kind))
        return err_field(e, RC_INPUT, "kind", "Choose a kind of assistance.",
                       "kind: '%s' is not a kind of assistance (legislative-"
                       "drafting, training, equipment, expert-visit, "
                       "technical-advice, workshop, awareness-raising)",
                       r->kind ? r->kind : "");
    if (!r->items || !*r->items)
        return err_field(e, RC_INPUT, "items", "Choose at least one matrix item.", "items: a request names at least one template item");
    if (!assistance_list_ok(r->items, item_code_ok))
        return err_field(e, RC_INPUT, "items", "Choose matrix items from the list.",
                       "items: '%.100s' is not a list of item ids separated by "
                       "commas, each once",
                       r->items);
    if (!assistance_list_ok(r->themes, assistance_theme_syntax_ok))
        return err_field(e, RC_INPUT, "themes", "Choose themes from the list.", "themes: '%.100s' is not a list of theme keys", r->themes);
    if (!assistance_list_ok(r->languages, assistance_language_ok))
        return err_field(e, RC_INPUT, "languages", "Choose languages from the list.",
                       "languages: '%.100s' is not a list of ISO 639 codes", r->languages);
    if (r->priority < 1 || r->priority > 3)
        return err_field(e, RC_INPUT, "priority", "Choose a priority.", "priority: %d is not 1, 2 or 3", r->priority);
    if (!date_valid(r->submitted))
        return err_set(e, RC_INPUT, "submitted: '%s' is not a date (YYYY-MM-DD)", r->submitted);
    char today[11];
    date_today(today);
    if (strcmp(r->submitted, today) > 0 || strcmp(r->submitted, "2004-04-28") < 0)
        return err_set(e, RC_INPUT, "submitted: %s is in the future or before resolution 1540",
                       r->submitted);
    if (dates_check(r->start, r->end, e) != RC_OK ||
        texts_check(r->title, r->description, e) != RC_OK)
        return RC_INPUT;
    return request_2663_check(r, e);
}

rc_t assistance_feedback_validate(const char *outcome, const char *feedback, err_t *e)
{
    if (!outcome || !text_multi_line_ok(outcome, ASSIST_TEXT_MAX))
        return err_field(e, RC_INPUT, "outcome", "The outcome is too long (4,000 bytes at most).",
                         "outcome: must be UTF-8 text of at most %d bytes", ASSIST_TEXT_MAX);
    if (!feedback || !text_multi_line_ok(feedback, ASSIST_TEXT_MAX))
        return err_field(e, RC_INPUT, "feedback", "The feedback is too long (4,000 bytes at most).",
                         "feedback: must be UTF-8 text of at most %d bytes", ASSIST_TEXT_MAX);
    if (!*outcome && !*feedback)
        return err_field(e, RC_INPUT, "outcome", "Give the outcome or the feedback.",
                         "outcome, feedback: at least one must be given");
    return RC_OK;
}

rc_t assistance_offer_validate(const assistance_offer_t *o, err_t *e)
{
    if (!*o->provider_state == !(o->provider_org && *o->provider_org))
        return err_field(e, RC_INPUT, "provider", "Give the provider: a state or an organization.", "provider: exactly one of a state and an organization");
    if (!o->kinds || !*o->kinds || !assistance_list_ok(o->kinds, assistance_kind_ok))
        return err_field(e, RC_INPUT, "kinds", "Choose at least one kind of assistance.", "kinds: '%.100s' is not a list of kinds of assistance",
                       o->kinds ? o->kinds : "");
    if (!assistance_list_ok(o->items, item_code_ok))
        return err_field(e, RC_INPUT, "items", "Choose matrix items from the list.", "items: '%.100s' is not a list of item ids", o->items);
    if (!assistance_list_ok(o->themes, assistance_theme_syntax_ok))
        return err_field(e, RC_INPUT, "themes", "Choose themes from the list.", "themes: '%.100s' is not a list of theme keys", o->themes);
    if (!*o->items && !*o->themes)
        return err_field(e, RC_INPUT, "items", "Choose at least one matrix item or theme.", "an offer names at least one template item or theme");
    if (!assistance_list_ok(o->regions, assistance_region_ok))
        return err_field(e, RC_INPUT, "regions", "Choose regions from the list.", "regions: '%.100s' is not a list of M49 codes", o->regions);
    if (!assistance_list_ok(o->languages, assistance_language_ok))
        return err_field(e, RC_INPUT, "languages", "Choose languages from the list.",
                       "languages: '%.100s' is not a list of ISO 639 codes", o->languages);
    if (o->capacity < 0)
        return err_field(e, RC_INPUT, "capacity", "Give a capacity of 0 or more.", "capacity: %d is negative", o->capacity);
    return dates_check(o->start, o->end, e) != RC_OK ? RC_INPUT
                                                     : texts_check(o->title, o->description, e);
}

/* The English message of a refused proposal step (the demo's; the operations
 * in src/app/app_assist.c say the same in the user's language). */
static rc_t proposal_refused(const assistance_proposal_t *p, bool by_provider, bool deliver,
                             assist_refusal_t why, err_t *e)
{
    if (why == AW_ALREADY_ANSWERED)
        return err_set(e, RC_REFUSED, "proposal %lld: the %s has already answered it", p->id,
                       by_provider ? "provider" : "state");
    if (deliver)
        return err_set(e, RC_REFUSED,
                       "proposal %lld is %s: only an accepted proposal is delivered", p->id,
                       p->status);
    return err_set(e, RC_REFUSED, "proposal %lld is %s: it takes no more answers", p->id,
                   p->status);
}

rc_t assistance_proposal_answer(assistance_proposal_t *p, bool by_provider, bool accept,
                                const char **event, err_t *e)
{
    const assist_transition_t *t =
        assist_transition(accept ? AW_PROPOSAL_ACCEPT : AW_PROPOSAL_DECLINE);
    assist_refusal_t why = assist_proposal_apply(t, p, by_provider, event);
    return why == AW_ALLOWED ? RC_OK : proposal_refused(p, by_provider, false, why, e);
}

rc_t assistance_proposal_deliver(assistance_proposal_t *p, err_t *e)
{
    const char *event;
    assist_refusal_t why = assist_proposal_apply(assist_transition(AW_PROPOSAL_DELIVER), p,
                                                 false, &event);
    return why == AW_ALLOWED ? RC_OK : proposal_refused(p, false, true, why, e);
}
