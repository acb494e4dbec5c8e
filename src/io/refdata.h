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
 * meta key template_version to the version data/template/current names (the
 * one new matrices use), or to the newest version found when that file is
 * absent. Errors name the file, line and field. */
rc_t refdata_load(store_t *st, const char *data_dir, arena_t *a, err_t *e);
/* The Committee's public figures from dir (data/facts) into the meta table:
 * refdata_facts.c. Needs the states loaded. */
enum { REFDATA_FACTS = 6 };
rc_t refdata_facts_load(store_t *st, const char *dir, arena_t *a, err_t *e);
/* The key of public figure i (0 .. REFDATA_FACTS-1): first_report_states,
 * never_reported_states, additional_information_states, action_plans,
 * action_plan_states, states_with_matrix. */
const char *refdata_fact_key(int i);
/* Template versions are the folders v1 .. vREFDATA_TEMPLATE_MAX. */
enum { REFDATA_TEMPLATE_MAX = 1000 };
/* Fills from_id and note of a version's items from dir/notes.tsv and
 * dir/from-v(version-1).tsv when present ("" otherwise): refdata_template.c. */
rc_t refdata_template_extras(const char *dir, int version, template_item_t *items, size_t n,
                             arena_t *a, err_t *e);
/* The version new matrices use: the number in dir/current, which must be one
 * of the loaded versions, or newest when the file is absent. */
rc_t refdata_template_current(const char *dir, const bool *loaded, int newest, arena_t *a,
                              int *out, err_t *e);
/* The organizations registry from dir (data/organizations): refdata_org.c. */
rc_t refdata_org_load(store_t *st, const char *dir, arena_t *a, err_t *e);

#endif
