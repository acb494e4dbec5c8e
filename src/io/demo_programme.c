/*
 * Demo programmes (demo_programme.h). The table is fixed, so two runs give
 * the same programmes; the themes follow each organization's public mandate
 * (nuclear security for the IAEA, chemical weapons for the OPCW, customs for
 * the WCO, police cooperation for INTERPOL, disarmament for UNODA), but the
 * programmes, their regions and periods are invented and say so.
 */
#include "demo_programme.h"

#include <string.h>

static const struct {
    const char *org, *title, *themes, *regions, *languages, *start, *end;
} demo_programmes[] = {
    {"IAEA", "Nuclear security legislation support (demo)",
     "legislation,physical-protection,radioactive-sources", "002", "en,fr", "2025-01-01",
     "2027-12-31"},
    {"OPCW", "Chemical trade controls in Africa (demo)", "legislation,export-control,control-lists",
     "014,011", "en,fr", "2026-01-01", "2027-06-30"},
    {"WCO", "Strategic trade control enforcement for customs (demo)",
     "border-control,enforcement,detection,export-control", "", "en,fr,es", "2024-01-01", ""},
    {"INTERPOL", "Countering illicit trafficking of CBRN materials (demo)",
     "illicit-trafficking,border-control,counter-terrorism", "142", "en,ar", "2025-07-01",
     "2028-06-30"},
    {"UNODA", "Legislative assistance for resolution 1540 (demo)",
     "legislation,penalties,international-instruments", "419,009", "en,es", "2025-01-01",
     "2026-12-31"},
};

rc_t demo_programmes_generate(store_t *st, arena_t *a, err_t *e)
{
    assistance_offer_t *offers;
    size_t noffers;
    rc_t rc = store_offer_list(st, a, &offers, &noffers, e);
    for (size_t i = 0; rc == RC_OK && i < sizeof demo_programmes / sizeof *demo_programmes; i++) {
        programme_t p = {.org = (char *)demo_programmes[i].org,
                         .title = (char *)demo_programmes[i].title,
                         .description = "DEMO DATA - not a real programme of this organization.",
                         .themes = (char *)demo_programmes[i].themes,
                         .regions = (char *)demo_programmes[i].regions,
                         .languages = (char *)demo_programmes[i].languages,
                         .contact = ""};
        memcpy(p.start, demo_programmes[i].start, strlen(demo_programmes[i].start) + 1);
        memcpy(p.end, demo_programmes[i].end, strlen(demo_programmes[i].end) + 1);
        rc = store_programme_insert(st, &p, e);
        /* the organization's demo offers go under its programme */
        for (size_t j = 0; rc == RC_OK && j < noffers; j++)
            if (offers[j].provider_org && strcmp(offers[j].provider_org, p.org) == 0)
                rc = store_programme_offer_link(st, p.id, offers[j].id, e);
    }
    return rc;
}
