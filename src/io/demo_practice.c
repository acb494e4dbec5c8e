/*
 * Demo effective practices (demo_practice.h). Written through the store, as
 * the other demo records are; a published one gets its search terms from
 * the same analyzer the operations use (src/text/analyze.h), so the search
 * finds it as it would a real one.
 */
#include "demo_practice.h"

#include <stdio.h>
#include <string.h>

#include "../text/analyze.h"
#include "../util/lang.h"

#define DEMO_DAY "2026-10-15"

static const struct {
    size_t nth;          /* the submitting state's position (mod n); ignored with org */
    const char *org;     /* an organization instead, or NULL */
    const char *title, *summary, *items, *themes;
    const char *status;
} demo_practices[] = {
    {7, NULL, "Demo: one window for dual-use export licences",
     "Demo entry. A single licensing office receives every dual-use export application and "
     "answers within a fixed time; customs read its decisions directly.",
     "OP1-NPT", "export-control-regimes,licensing", PRACTICE_PUBLISHED},
    {41, NULL, "Demo: a national inventory of high-risk biological agents",
     "Demo entry. Laboratories report the agents they hold once a year to one authority, "
     "which checks a sample of them on site.",
     "OP1-BWC", "biosafety-biosecurity,accounting", PRACTICE_PUBLISHED},
    {0, "IAEA", "Demo: lessons from radiation portal monitors at borders",
     "Demo entry. Portal monitors help only with trained officers and a clear procedure for "
     "alarms; maintenance needs its own budget.",
     "OP1-CPPNM", "border-control,detection", PRACTICE_PUBLISHED},
    {97, NULL, "Demo: an interagency committee for 1540 reporting",
     "Demo entry, still waiting for review. One committee gathers the ministries concerned "
     "to prepare the national report.",
     "", "cooperation,legislation", PRACTICE_SUBMITTED},
};

static rc_t index_terms(store_t *st, const practice_t *p, arena_t *a, err_t *e)
{
    text_analyzer_t *an = text_analyzer_new(e);
    if (!an)
        return RC_FAIL;
    char *text = arena_printf(a, "%s\n%s", p->title, p->summary);
    char *terms = text_terms_joined(an, text, strlen(text), LANG_EN, a, e);
    text_analyzer_free(an);
    return terms ? store_practice_index(st, p->id, terms, e) : RC_FAIL;
}

rc_t demo_practices_generate(store_t *st, const state_t *states, size_t n, arena_t *a, err_t *e)
{
    rc_t rc = RC_OK;
    for (size_t i = 0; n && rc == RC_OK && i < sizeof demo_practices / sizeof *demo_practices;
         i++) {
        practice_t p = {.org = (char *)(demo_practices[i].org ? demo_practices[i].org : ""),
                        .title = (char *)demo_practices[i].title,
                        .summary = (char *)demo_practices[i].summary,
                        .language = "en", .items = (char *)demo_practices[i].items,
                        .themes = (char *)demo_practices[i].themes,
                        .status = demo_practices[i].status, .note = "", .submitted = DEMO_DAY,
                        .submitter = "demo", .demo = true, .size = -1};
        if (!demo_practices[i].org)
            snprintf(p.state, sizeof p.state, "%s", states[demo_practices[i].nth % n].alpha3);
        if (strcmp(p.status, PRACTICE_PUBLISHED) == 0)
            memcpy(p.decided, DEMO_DAY, sizeof DEMO_DAY);
        rc = store_practice_insert(st, &p, NULL, 0, e);
        if (rc == RC_OK && strcmp(p.status, PRACTICE_PUBLISHED) == 0)
            rc = index_terms(st, &p, a, e);
    }
    return rc;
}
