/*
 * Assistance rules without a database: code lists, field checks, the proposal
 * workflow, the score and its explanation, and regional batch grouping.
 */
#include <stdlib.h>

#include "../../src/core/assistance.h"
#include "../../src/core/assistance_workflow.h"
#include "../../src/match/batch.h"
#include "../../src/match/score.h"
#include "tap.h"

static void test_lists(void)
{
    TAP_CHECK(assistance_list_ok("", assistance_language_ok), "the empty list is a list");
    TAP_CHECK(assistance_list_ok("en,fr,ar", assistance_language_ok), "a list of languages");
    TAP_CHECK(!assistance_list_ok("en,,fr", assistance_language_ok), "an empty code is refused");
    TAP_CHECK(!assistance_list_ok("en,fr,", assistance_language_ok), "a trailing comma is refused");
    TAP_CHECK(!assistance_list_ok("en,fr,en", assistance_language_ok),
              "a repeated code is refused");
    TAP_CHECK(!assistance_list_ok("en, fr", assistance_language_ok), "a space is refused");
    TAP_CHECK(assistance_list_has("002,419", "419") && !assistance_list_has("002,4190", "419"),
              "list_has matches whole codes only");
    char common[64];
    TAP_CHECK(assistance_list_common("a,b,c", "c,a,x", common, sizeof common) == 2 &&
                  strcmp(common, "a,c") == 0,
              "list_common counts and lists the shared codes");
    TAP_CHECK(assistance_list_count("a,b,c") == 3 && assistance_list_count("") == 0, "list_count");
}

static assistance_request_t request(void)
{
    assistance_request_t r = {.state = "KEN",
                              .kind = "training",
                              .items = "OP1-AG",
                              .themes = "",
                              .title = "t",
                              .description = "",
                              .languages = "en",
                              .priority = 1,
                              .submitted = "2025-01-01",
                              .status = "open"};
    return r;
}

static void test_validate(void)
{
    err_t e = {0};
    assistance_request_t r = request();
    TAP_CHECK(assistance_request_validate(&r, &e) == RC_OK, "a valid request");
    r.items = "";
    TAP_CHECK(assistance_request_validate(&r, &e) == RC_INPUT && strstr(e.msg, "at least one"),
              "a request with no items is refused");
    r = request();
    r.priority = 4;
    TAP_CHECK(assistance_request_validate(&r, &e) == RC_INPUT, "priority 4 is refused");
    assistance_offer_t o = {.provider_state = "",
                            .provider_org = "WCO",
                            .kinds = "training",
                            .items = "",
                            .themes = "export-control",
                            .title = "x",
                            .description = "",
                            .regions = "",
                            .languages = "",
                            .capacity = -1,
                            .status = "open"};
    TAP_CHECK(assistance_offer_validate(&o, &e) == RC_INPUT && strstr(e.msg, "capacity"),
              "a negative capacity is refused");
    o.capacity = 0;
    TAP_CHECK(assistance_offer_validate(&o, &e) == RC_OK, "capacity 0 is allowed");
}

static void test_workflow(void)
{
    err_t e = {0};
    const char *ev;
    assistance_proposal_t p = {
        .id = 1, .status = "proposed", .provider_answer = "", .state_answer = ""};
    TAP_CHECK(assistance_proposal_deliver(&p, &e) == RC_REFUSED, "a proposal is not delivered "
                                                                 "before it is accepted");
    TAP_CHECK(assistance_proposal_answer(&p, true, true, &ev, &e) == RC_OK &&
                  strcmp(p.status, "proposed") == 0 && strcmp(ev, "provider-accepted") == 0,
              "the provider's acceptance alone leaves it proposed");
    TAP_CHECK(assistance_proposal_answer(&p, true, false, &ev, &e) == RC_REFUSED,
              "the provider answers once");
    TAP_CHECK(assistance_proposal_answer(&p, false, true, &ev, &e) == RC_OK &&
                  strcmp(p.status, "accepted") == 0,
              "both accept: accepted");
    TAP_CHECK(assistance_proposal_deliver(&p, &e) == RC_OK && strcmp(p.status, "delivered") == 0,
              "then delivered");
    assistance_proposal_t q = {
        .id = 2, .status = "proposed", .provider_answer = "", .state_answer = ""};
    TAP_CHECK(assistance_proposal_answer(&q, false, false, &ev, &e) == RC_OK &&
                  strcmp(q.status, "declined") == 0 && strcmp(ev, "state-declined") == 0,
              "one decline: declined");
    TAP_CHECK(assistance_proposal_answer(&q, true, true, &ev, &e) == RC_REFUSED,
              "a declined proposal takes no more answers");
}

static const match_weights_t weights = {.item = 40,
                                        .item_max = 5,
                                        .theme = 15,
                                        .theme_max = 4,
                                        .kind = 30,
                                        .kind_required = 1,
                                        .region = 20,
                                        .region_required = 1,
                                        .region_any = 5,
                                        .language = 15,
                                        .dates = 10,
                                        .dates_required = 1,
                                        .developing = 30,
                                        .low_coverage = 30,
                                        .no_report = 25,
                                        .priority = 10};

/* The transition table itself: every row parses back from its verb, moves its
 * record somewhere else, and a proposal row applies only from its status. */
static void test_transition_table(void)
{
    bool rows_ok = true;
    for (int i = 0; i < AW_STEP_COUNT; i++) {
        const assist_transition_t *t = assist_transition((assist_step_t)i);
        rows_ok = rows_ok && t && assist_step_parse(t->record, t->verb) == i &&
                  strcmp(t->from, t->to) != 0 && strncmp(t->audit, "assistance.", 11) == 0;
    }
    TAP_CHECK(rows_ok, "each row parses back from its verb and changes the status");
    TAP_CHECK(!assist_transition(AW_STEP_COUNT) && assist_step_parse(AW_OFFER, "withdraw") < 0 &&
                  assist_step_parse(AW_REQUEST, NULL) < 0,
              "no row outside the table, and a verb belongs to its record");
    TAP_CHECK(assist_proposal_live("proposed") && assist_proposal_live("accepted") &&
                  assist_proposal_live("delivered") && !assist_proposal_live("declined") &&
                  !assist_proposal_live(NULL),
              "live proposals: proposed, accepted, delivered");
    const char *statuses[] = {"proposed", "accepted", "declined", "delivered"};
    bool only_from = true;
    for (int i = AW_PROPOSAL_ACCEPT; i <= AW_PROPOSAL_DELIVER; i++) {
        const assist_transition_t *t = assist_transition((assist_step_t)i);
        for (size_t k = 0; k < 4; k++) {
            assistance_proposal_t p = {.status = (char *)statuses[k], .provider_answer = "",
                                       .state_answer = ""};
            const char *ev = NULL;
            bool applied = assist_proposal_apply(t, &p, true, &ev) == AW_ALLOWED;
            only_from = only_from && applied == (strcmp(statuses[k], t->from) == 0);
        }
    }
    TAP_CHECK(only_from, "a proposal step applies from its row's status and no other");
    assistance_proposal_t p = {.status = "proposed", .provider_answer = "accepted",
                               .state_answer = ""};
    const char *ev = NULL;
    TAP_CHECK(assist_proposal_apply(assist_transition(AW_PROPOSAL_DECLINE), &p, true, &ev) ==
                      AW_ALREADY_ANSWERED &&
                  strcmp(p.provider_answer, "accepted") == 0 && !ev,
              "a side answers once; a refused step leaves the proposal as it was");
}

static void test_score(void)
{
    state_t s = {.alpha3 = "UGA",
                 .m49_region = "002",
                 .m49_subregion = "202",
                 .m49_intermediate = "014",
                 .ldc = true,
                 .lldc = true};
    assistance_need_t need = {.state = "UGA", .reports = 0, .marked_x = 50, .applicable = 100};
    assistance_request_t r = request();
    match_request_t q = {&r, "export-control-regimes", &s, &need};
    assistance_offer_t o = {.provider_state = "",
                            .provider_org = "AU",
                            .kinds = "training",
                            .items = "OP1-AG",
                            .themes = "",
                            .title = "x",
                            .description = "",
                            .regions = "002",
                            .languages = "en,fr",
                            .capacity = 1,
                            .status = "open"};
    match_offer_t mo = {&o, "export-control-regimes"};
    match_explain_t ex;
    int score = match_score(&weights, &q, &mo, &ex);
    int sum = 0;
    for (int i = 0; i < ex.nfactors; i++)
        sum += ex.factor[i].points;
    /* 40 item + 15 theme + 30 kind + 20 region + 15 language + 10 dates + 30 developing
     * + 15 half the coverage missing + 25 never reported */
    TAP_CHECK(score == 200, "the documented formula");
    TAP_CHECK(sum == score, "the explanation adds up to the score");
    o.regions = "419";
    TAP_CHECK(match_score(&weights, &q, &mo, &ex) == 0 && ex.refused, "another region: 0, and why");
    o.regions = "";
    o.kinds = "equipment";
    TAP_CHECK(match_score(&weights, &q, &mo, &ex) == 0, "another kind: 0");
    o.kinds = "training";
    o.items = "OP1-NSG";
    mo.themes = "legislation";
    TAP_CHECK(match_score(&weights, &q, &mo, &ex) == 0 && strstr(ex.refused, "in common"),
              "nothing in common: 0");
    o.items = "OP1-AG";
    snprintf(o.start, sizeof o.start, "2020-01-01");
    snprintf(o.end, sizeof o.end, "2020-12-31");
    snprintf(r.start, sizeof r.start, "2025-01-01");
    TAP_CHECK(match_score(&weights, &q, &mo, &ex) == 0, "periods that do not overlap: 0");
}

static void test_batch(void)
{
    arena_t a = ARENA_INIT;
    const char *themes[] = {"b,c", "a", "b,c", "a", "z"};
    size_t group[5];
    size_t n = match_batch_group(themes, 5, group, &a);
    TAP_CHECK(n == 3 && group[0] == 0 && group[2] == 0 && group[1] == 1 && group[3] == 1 &&
                  group[4] == 2,
              "batch groups by equal themes, numbered in input order");
    arena_free(&a);
}

int main(void)
{
    test_lists();
    test_validate();
    test_workflow();
    test_transition_table();
    test_score();
    test_batch();
    return tap_done();
}
