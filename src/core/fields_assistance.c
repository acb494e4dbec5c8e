/*
 * The field tables of the assistance records (fields.h): requests, offers,
 * proposals and a proposal's history, and the organizations that offer. The JSON keys are those of
 * docs/formats.md, in its order. An offer's provider is one of two columns
 * (a state or an organization) and one JSON pair ("provider",
 * "provider_kind"): the pair is FIELD_VIRTUAL, written by json_assistance.c's
 * hook, and the two columns are FIELD_STORE_ONLY. The lists (FIELD_LIST) are
 * kept in the code tables of sqlite_schema_lists.c. The request's fields of
 * resolution 2663 (sqlite_schema_request2663.c) are FIELD_OPTIONAL: datasets
 * written before them still import.
 */
#include <stddef.h>

#include "assistance.h"
#include "fields.h"

#define ID_MAX (1LL << 53) /* the largest integer a JSON reader keeps exactly */

#define T assistance_request_t
static const field_t request_rows[] = {
    FIELD_ROW(T, id, FIELD_ID, .min = 1, .max = ID_MAX),
    FIELD_ROW(T, state, FIELD_CODE),
    FIELD_ROW(T, kind, FIELD_TEXT),
    FIELD_ROW(T, items, FIELD_LIST),
    FIELD_ROW(T, themes, FIELD_LIST),
    FIELD_ROW(T, title, FIELD_TEXT),
    FIELD_ROW(T, description, FIELD_TEXT),
    FIELD_ROW(T, languages, FIELD_LIST),
    FIELD_ROW(T, priority, FIELD_INT, .min = 1, .max = 3),
    FIELD_ROW(T, submitted, FIELD_CODE),
    FIELD_ROW(T, start, FIELD_CODE),
    FIELD_ROW(T, end, FIELD_CODE),
    FIELD_ROW(T, status, FIELD_TEXT, .dflt = "open"),
    FIELD_ROW(T, areas, FIELD_LIST, .flags = FIELD_OPTIONAL),
    FIELD_ROW(T, context, FIELD_TEXT, .flags = FIELD_OPTIONAL),
    FIELD_ROW(T, contact, FIELD_TEXT, .flags = FIELD_OPTIONAL),
    FIELD_ROW(T, outcome, FIELD_TEXT, .flags = FIELD_OPTIONAL),
    FIELD_ROW(T, feedback, FIELD_TEXT, .flags = FIELD_OPTIONAL),
    FIELD_ROW(T, feedback_date, FIELD_CODE, .flags = FIELD_OPTIONAL),
};
#undef T
const field_table_t request_fields = {"request", "assistance_request", "assistance_request_code",
                                      "request_id", request_rows,
                                      sizeof request_rows / sizeof *request_rows};

#define T assistance_offer_t
static const field_t offer_rows[] = {
    FIELD_ROW(T, id, FIELD_ID, .min = 1, .max = ID_MAX),
    {.name = "provider", .type = FIELD_VIRTUAL},
    {.name = "provider_kind", .type = FIELD_VIRTUAL},
    FIELD_ROW(T, provider_state, FIELD_CODE, .flags = FIELD_STORE_ONLY | FIELD_EMPTY_NULL),
    FIELD_ROW(T, provider_org, FIELD_TEXT, .flags = FIELD_STORE_ONLY | FIELD_EMPTY_NULL),
    FIELD_ROW(T, kinds, FIELD_LIST),
    FIELD_ROW(T, items, FIELD_LIST),
    FIELD_ROW(T, themes, FIELD_LIST),
    FIELD_ROW(T, title, FIELD_TEXT),
    FIELD_ROW(T, description, FIELD_TEXT),
    FIELD_ROW(T, regions, FIELD_LIST),
    FIELD_ROW(T, languages, FIELD_LIST),
    FIELD_ROW(T, capacity, FIELD_INT, .min = 0, .max = 1000000),
    FIELD_ROW(T, start, FIELD_CODE),
    FIELD_ROW(T, end, FIELD_CODE),
    FIELD_ROW(T, status, FIELD_TEXT, .dflt = "open"),
};
#undef T
const field_table_t offer_fields = {"offer", "assistance_offer", "assistance_offer_code",
                                    "offer_id", offer_rows,
                                    sizeof offer_rows / sizeof *offer_rows};

#define T assistance_proposal_t
static const field_t proposal_rows[] = {
    FIELD_ROW(T, id, FIELD_ID, .min = 1, .max = ID_MAX),
    {.name = "request", .column = "request_id", .type = FIELD_LLONG, FIELD_AT(T, request_id),
     .min = 1, .max = ID_MAX},
    {.name = "offer", .column = "offer_id", .type = FIELD_LLONG, FIELD_AT(T, offer_id),
     .min = 1, .max = ID_MAX},
    FIELD_ROW(T, score, FIELD_INT, .min = 1, .max = 1000000000),
    FIELD_ROW(T, explanation, FIELD_TEXT),
    FIELD_ROW(T, batch, FIELD_TEXT),
    FIELD_ROW(T, created, FIELD_CODE),
    FIELD_ROW(T, status, FIELD_TEXT, .dflt = "proposed"),
    FIELD_ROW(T, provider_answer, FIELD_TEXT),
    FIELD_ROW(T, state_answer, FIELD_TEXT),
};
#undef T
const field_table_t proposal_fields = {"proposal", "assistance_proposal", NULL, NULL, proposal_rows,
                                       sizeof proposal_rows / sizeof *proposal_rows};

/* The history is exported inside its proposal, so the proposal's id is a
 * column only. */
#define T assistance_event_t
static const field_t event_rows[] = {
    FIELD_ROW(T, proposal_id, FIELD_LLONG, .flags = FIELD_STORE_ONLY | FIELD_KEY, .min = 1,
              .max = ID_MAX),
    FIELD_ROW(T, seq, FIELD_INT, .flags = FIELD_KEY, .min = 1, .max = 1000000),
    FIELD_ROW(T, date, FIELD_CODE),
    FIELD_ROW(T, event, FIELD_TEXT),
    FIELD_ROW(T, note, FIELD_TEXT),
};
#undef T
const field_table_t proposal_event_fields = {"proposal event", "assistance_event", NULL, NULL,
                                             event_rows,
                                             sizeof event_rows / sizeof *event_rows};

#define T organization_t
static const field_t organization_rows[] = {
    FIELD_ROW(T, code, FIELD_TEXT, .flags = FIELD_KEY),
    FIELD_ROW(T, kind, FIELD_TEXT),
    FIELD_ROW(T, regions, FIELD_TEXT), /* reference data: still a comma-separated column */
    {.name = "names", .column = "name", .type = FIELD_NAMES, FIELD_AT(T, name)},
};
#undef T
const field_table_t organization_fields = {"organization", "organization", NULL, NULL,
                                           organization_rows,
                                           sizeof organization_rows / sizeof *organization_rows};
