/*
 * A notification's title and text in the reader's language (notify_text.h).
 */
#include "notify_text.h"

#include <stdio.h>
#include <string.h>

#include "../util/buf.h"
#include "../util/i18n.h"

const char *notify_fill(arena_t *a, const char *translated, const char *state, long long number,
                        const char *date)
{
    char num[24];
    snprintf(num, sizeof num, "%lld", number);
    buf_t b;
    buf_init(&b, 0);
    for (const char *p = translated; *p;) {
        if (strncmp(p, "{state}", 7) == 0)
            buf_puts(&b, state), p += 7;
        else if (strncmp(p, "{number}", 8) == 0)
            buf_puts(&b, num), p += 8;
        else if (strncmp(p, "{date}", 6) == 0)
            buf_puts(&b, date), p += 6;
        else
            buf_putc(&b, *p++);
    }
    const char *out = arena_strdup(a, buf_str(&b));
    buf_free(&b);
    return out;
}

/* The title of an event, translated. */
static const char *title_of(lang_t l, notify_event_t ev)
{
    switch (ev) {
    case NE_VERSION_SENT: return i18n_tr(l, "A matrix waits for your review");
    case NE_VERSION_ACCEPTED: return i18n_tr(l, "A state accepted its matrix");
    case NE_VERSION_COMMENTED: return i18n_tr(l, "A state sent comments on its matrix");
    case NE_VERSION_APPROVED: return i18n_tr(l, "A matrix was approved");
    case NE_VERSION_PUBLISHED: return i18n_tr(l, "A matrix was published");
    case NE_PROPOSAL_WAITING: return i18n_tr(l, "A proposal waits for your answer");
    case NE_PROPOSAL_ANSWERED: return i18n_tr(l, "A proposal was answered");
    case NE_PROPOSAL_DELIVERED: return i18n_tr(l, "Assistance was delivered");
    case NE_OFFER_ENDING: return i18n_tr(l, "An offer ends soon");
    case NE_REQUEST_ENDING: return i18n_tr(l, "A request ends soon");
    case NE_COUNT: break;
    }
    return "";
}

/* The sentence of an answer, by who answered and how. */
static const char *answer_of(lang_t l, const char *extra)
{
    if (strcmp(extra, "provider-accepted") == 0)
        return i18n_tr(l, "The provider accepted proposal {number} for {state}.");
    if (strcmp(extra, "provider-declined") == 0)
        return i18n_tr(l, "The provider declined proposal {number} for {state}.");
    if (strcmp(extra, "state-accepted") == 0)
        return i18n_tr(l, "{state} accepted proposal {number}.");
    return i18n_tr(l, "{state} declined proposal {number}.");
}

/* The sentence of an event, translated, with its {placeholders}. */
static const char *text_of(lang_t l, const notification_t *n)
{
    switch (n->event) {
    case NE_VERSION_SENT:
        return i18n_tr(l, "Version {number} of the matrix of {state} was sent to your state for "
                          "review. Accept it or send your comments.");
    case NE_VERSION_ACCEPTED:
        return i18n_tr(l, "{state} accepted version {number} of its matrix. The Committee can now "
                          "approve it.");
    case NE_VERSION_COMMENTED:
        return i18n_tr(l, "{state} sent comments on version {number} of its matrix: it is a draft "
                          "again.");
    case NE_VERSION_APPROVED:
        return i18n_tr(l, "The Committee approved version {number} of the matrix of {state}.");
    case NE_VERSION_PUBLISHED:
        return i18n_tr(l, "Version {number} of the matrix of {state} was published.");
    case NE_PROPOSAL_WAITING:
        return i18n_tr(l, "Proposal {number}, for a request of {state}, waits for your answer: "
                          "accept or decline it.");
    case NE_PROPOSAL_ANSWERED: return answer_of(l, n->extra);
    case NE_PROPOSAL_DELIVERED:
        return i18n_tr(l, "The assistance of proposal {number} for {state} was delivered.");
    case NE_OFFER_ENDING: return i18n_tr(l, "Your offer {number} ends on {date}.");
    case NE_REQUEST_ENDING: return i18n_tr(l, "Request {number} of {state} ends on {date}.");
    case NE_COUNT: break;
    }
    return "";
}

void notify_text(store_t *st, arena_t *a, lang_t lang, const notification_t *n,
                 const char **title, const char **text)
{
    const char *name = n->state;
    state_t s;
    err_t e = {0};
    if (*n->state && store_state_get(st, n->state, a, &s, &e) == RC_OK && s.name[lang] &&
        *s.name[lang])
        name = s.name[lang];
    *title = title_of(lang, n->event);
    *text = notify_fill(a, text_of(lang, n), name, n->number, n->extra);
}
