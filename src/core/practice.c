/*
 * Effective practices: field checks and the review's transitions
 * (practice.h). Lists reuse the assistance records' list rules, since both
 * link to the same template items and themes.
 */
#include "practice.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/lang.h"
#include "../util/text.h"
#include "assistance.h"
#include "template.h"

static const char *const statuses[] = {PRACTICE_SUBMITTED, PRACTICE_PUBLISHED, PRACTICE_RETURNED,
                                       NULL};

/* One row per allowed decision: from, decision, to. */
static const struct {
    const char *from, *decision, *to;
} transitions[] = {
    {PRACTICE_SUBMITTED, "publish", PRACTICE_PUBLISHED},
    {PRACTICE_SUBMITTED, "return", PRACTICE_RETURNED},
};

const char *practice_status_parse(const char *s)
{
    for (size_t i = 0; s && statuses[i]; i++)
        if (strcmp(statuses[i], s) == 0)
            return statuses[i];
    return NULL;
}

const char *practice_decision_next(const char *from, const char *decision)
{
    for (size_t i = 0; from && decision && i < sizeof transitions / sizeof *transitions; i++)
        if (strcmp(transitions[i].from, from) == 0 &&
            strcmp(transitions[i].decision, decision) == 0)
            return transitions[i].to;
    return NULL;
}

static bool item_ok(const char *code) { return template_item_id_ok(code); }

bool practice_list_has(const char *list, const char *code)
{
    return list && code && assistance_list_has(list, code);
}

rc_t practice_validate(const practice_t *p, err_t *e)
{
    bool by_state = p->state[0] != '\0', by_org = p->org && *p->org;
    if (by_state == by_org)
        return err_set(e, RC_INPUT, "submitter: name either a state or an organization");
    if (!p->title || !*p->title || !text_single_line_ok(p->title, PRACTICE_TITLE_MAX))
        return err_set(e, RC_INPUT, "title: give one line of 1 to %d bytes", PRACTICE_TITLE_MAX);
    if (!p->summary || !*p->summary || !text_multi_line_ok(p->summary, PRACTICE_SUMMARY_MAX))
        return err_set(e, RC_INPUT, "summary: give 1 to %d bytes of text", PRACTICE_SUMMARY_MAX);
    if (lang_parse(p->language) < 0 || strlen(p->language) != 2)
        return err_set(e, RC_INPUT, "language: '%.10s' is not ar, zh, en, fr, ru or es",
                       p->language);
    const char *items = p->items ? p->items : "", *themes = p->themes ? p->themes : "";
    if (strlen(items) > PRACTICE_LIST_MAX || !assistance_list_ok(items, item_ok))
        return err_set(e, RC_INPUT, "items: '%.60s' is not a list of template item ids", items);
    if (strlen(themes) > PRACTICE_LIST_MAX ||
        !assistance_list_ok(themes, assistance_theme_syntax_ok))
        return err_set(e, RC_INPUT, "themes: '%.60s' is not a list of theme keys", themes);
    if (!*items && !*themes)
        return err_set(e, RC_INPUT, "items: link the practice to at least one item or theme");
    return RC_OK;
}

/* The first code of list that is not in the sorted set, copied to code; false if none. */
static bool unknown_code(const char *list, const char **set, size_t n, char *code, size_t size)
{
    for (const char *p = list; p && *p;) {
        size_t m = strcspn(p, ",");
        snprintf(code, size, "%.*s", (int)(m < size ? m : size - 1), p);
        const char *key = code;
        if (!bsearch(&key, set, n, sizeof *set, assistance_code_cmp))
            return true;
        p += m + (p[m] != '\0');
    }
    return false;
}

rc_t practice_codes_check(const assistance_codes_t *c, const practice_t *p, err_t *e)
{
    char code[80];
    if (unknown_code(p->items, c->items, c->nitems, code, sizeof code))
        return err_set(e, RC_NOTFOUND, "items: unknown template item '%s'", code);
    if (unknown_code(p->themes, c->themes, c->nthemes, code, sizeof code))
        return err_set(e, RC_NOTFOUND, "themes: unknown theme '%s'", code);
    return RC_OK;
}
