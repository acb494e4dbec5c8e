/*
 * Loading the reference data under data/ into the store: the 193 member
 * states with their UN short names (and formal names, as the vocabulary kind
 * "formal" keyed by alpha3), M49
 * regions, UN regional groups, and every version of the matrix template with
 * its sections, headings and themes. Used by `r1540 init`; idempotent.
 */
#ifndef R1540_IO_REFDATA_H
#define R1540_IO_REFDATA_H

#include "../store/store.h"

/* Loads everything from data_dir inside the caller's transaction. Sets the
 * meta key template_version to the newest template version found. Errors name
 * the file, line and field. */
rc_t refdata_load(store_t *st, const char *data_dir, arena_t *a, err_t *e);
/* The Committee's public figures from dir (data/facts) into the meta table:
 * refdata_facts.c. Needs the states loaded. */
enum { REFDATA_FACTS = 6 };
rc_t refdata_facts_load(store_t *st, const char *dir, arena_t *a, err_t *e);
/* The key of public figure i (0 .. REFDATA_FACTS-1): first_report_states,
 * never_reported_states, additional_information_states, action_plans,
 * action_plan_states, states_with_matrix. */
const char *refdata_fact_key(int i);
/* The organizations registry from dir (data/organizations): refdata_org.c. */
rc_t refdata_org_load(store_t *st, const char *dir, arena_t *a, err_t *e);

#endif
