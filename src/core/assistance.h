/*
 * Assistance: requests from states, offers from states and organizations, and
 * the proposals that match one to the other. A proposal goes
 *
 *     proposed -> accepted (the provider and the requesting state both accept)
 *              -> delivered
 *     proposed -> declined (either of them declines; final)
 *
 * and every step is kept as an event (the rules as a table:
 * assistance_workflow.h). A declined pair is never proposed again
 * and an offer never holds more live proposals (proposed, accepted, delivered)
 * than its capacity; the store enforces both (sqlite_schema_assistance.c).
 *
 * Lists (items, themes, kinds, languages, regions) are comma-separated codes
 * without spaces, as template items carry their themes.
 */
#ifndef R1540_CORE_ASSISTANCE_H
#define R1540_CORE_ASSISTANCE_H

#include <stdbool.h>
#include <stddef.h>

#include "../util/err.h"
#include "../util/lang.h"

#define ASSIST_TITLE_MAX 300
#define ASSIST_TEXT_MAX 4000
#define ASSIST_LIST_MAX 4000 /* bytes of a comma-separated list */

/* The kinds of assistance, as the Committee's assistance template names them. */
extern const char *const assistance_kinds[];
enum { ASSIST_KIND_COUNT = 7 };

typedef struct {
    long long id;       /* store-assigned; kept across export and import */
    char state[4];      /* requesting state, alpha-3 */
    char *kind;         /* one of assistance_kinds */
    char *items;        /* template item ids concerned: at least one */
    char *themes;       /* theme keys, may be "" */
    char *title;        /* one line */
    char *description;  /* may be "" */
    char *languages;    /* preferred ISO 639 codes, may be "" */
    int priority;       /* 1 normal, 2 high, 3 urgent (the state's own view) */
    char submitted[11]; /* YYYY-MM-DD */
    char start[11];     /* wanted from, or "" */
    char end[11];       /* wanted until, or "" */
    char *status;       /* open, matched, delivered, withdrawn */
    /* Resolution 2663 (2022): what the Committee's assistance request asks
     * besides (docs/formats.md names the sources), and the outcome after
     * delivery with the state's dated feedback (its operative paragraph 20). */
    char *areas;            /* contact_areas codes (contact.h), may be "" */
    char *context;          /* the national context, may be "" */
    char *contact;          /* who answers for the request; not public */
    char *outcome;          /* what was delivered and achieved, may be "" */
    char *feedback;         /* the state's feedback to the Committee; not public */
    char feedback_date[11]; /* when outcome and feedback were recorded, or "" */
} assistance_request_t; /* strings arena-owned */

typedef struct {
    long long id;
    char provider_state[4]; /* alpha-3, or "" when an organization provides */
    char *provider_org;     /* organization code, or "" when a state provides */
    char *kinds;            /* kinds offered: at least one */
    char *items;            /* template items covered, may be "" if themes are given */
    char *themes;           /* themes covered */
    char *title, *description;
    char *regions;           /* M49 region codes served; "" serves everyone */
    char *languages;         /* languages the provider works in */
    int capacity;            /* how many requests it can take, 0 or more */
    char start[11], end[11]; /* period it is available, "" open-ended */
    char *status;            /* open, closed */
} assistance_offer_t;

typedef struct {
    long long id, request_id, offer_id;
    int score;         /* the score when proposed (src/match/score.c) */
    char *explanation; /* how the score came about, one factor per line */
    char *batch;       /* regional batch key, or "" */
    char created[11];
    char *status;          /* proposed, accepted, declined, delivered */
    char *provider_answer; /* "", accepted, declined */
    char *state_answer;    /* "", accepted, declined */
} assistance_proposal_t;

typedef struct {
    long long proposal_id;
    int seq; /* 1, 2, ... per proposal */
    char date[11];
    char *event; /* proposed, provider-accepted, provider-declined, state-accepted,
                    state-declined, delivered */
    char *note;
} assistance_event_t;

/* An organization of the registry (data/organizations/). */
typedef struct {
    char *code;    /* IAEA, OPCW, ... */
    char *kind;    /* un, intergovernmental, regional, treaty-body */
    char *regions; /* M49 regions it works in; "" worldwide */
    char *name[LANG_COUNT];
} organization_t;

/* The canonical kind for s, or NULL. */
const char *assistance_kind_parse(const char *s);

/* True if list is "" or codes separated by single commas, each accepted by
 * code_ok, none repeated, at most ASSIST_LIST_MAX bytes. */
bool assistance_list_ok(const char *list, bool (*code_ok)(const char *code));
/* True if the comma-separated list holds code. */
bool assistance_list_has(const char *list, const char *code);
/* Number of codes of list a that list b holds too; the shared codes, comma-
 * separated, are appended to common (of size n) when it is not NULL. */
int assistance_list_common(const char *a, const char *b, char *common, size_t n);
/* Number of codes in a list. */
int assistance_list_count(const char *list);

/* Checks every field of a request / an offer except that codes exist (the
 * caller checks items, themes, states and organizations against the store).
 * Messages name the field. */
rc_t assistance_request_validate(const assistance_request_t *r, err_t *e);
/* Checks an outcome and a feedback as recorded after delivery: UTF-8 text of
 * at most ASSIST_TEXT_MAX bytes each, at least one of them not empty. */
rc_t assistance_feedback_validate(const char *outcome, const char *feedback, err_t *e);
rc_t assistance_offer_validate(const assistance_offer_t *o, err_t *e);

/* Applies a decision ("accepted" or "declined") by the provider (by_provider)
 * or the state to a proposal, as assistance_workflow.h's table says: sets the
 * answer and the status that follows, and names the event. RC_REFUSED, with
 * an English message, when the proposal is not waiting for that answer. The
 * demo uses these; people's steps go through src/app/app_assist.c. */
rc_t assistance_proposal_answer(assistance_proposal_t *p, bool by_provider, bool accept,
                                const char **event, err_t *e);
/* Marks an accepted proposal delivered; RC_REFUSED otherwise. */
rc_t assistance_proposal_deliver(assistance_proposal_t *p, err_t *e);

/* Code syntax checks used with assistance_list_ok. */
bool assistance_language_ok(const char *code);     /* 2 or 3 lower-case letters */
bool assistance_region_ok(const char *code);       /* 3 digits */
bool assistance_theme_syntax_ok(const char *code); /* lower-case letters and '-' */
bool assistance_kind_ok(const char *code);

#endif
