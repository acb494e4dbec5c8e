/*
 * A dataset is what import and export move: states, reports (with or without
 * their files) and matrix versions with their entries, held in memory. Every
 * file format reads into a dataset and writes from one, so there is exactly one
 * place that checks imported data against the store and writes it
 * (dataset_apply) and one place that reads it out (dataset_load).
 */
#ifndef R1540_IO_DATASET_H
#define R1540_IO_DATASET_H

#include <stdbool.h>
#include <stddef.h>

#include "../store/store.h"

typedef struct {
    report_t meta;
    const void *doc; /* the file's bytes, or NULL (metadata only) */
    size_t doc_len;
    const char *where; /* position in the source file, for messages ("line 12") */
} ds_report_t;

typedef struct {
    matrix_version_t v; /* v.id unused on import */
    matrix_entry_t *entries;
    size_t nentries;
    const char *where;
} ds_matrix_t;

typedef struct {
    state_t state;
    const char *where;
} ds_state_t;

/* A dated group membership (LDC, LLDC, SIDS, UN regional group). */
typedef struct {
    membership_t m;
    const char *where;
} ds_membership_t;

/* Assistance records (dataset_assistance.c). */
typedef struct {
    assistance_request_t r;
    const char *where;
} ds_request_t;

typedef struct {
    assistance_offer_t o;
    const char *where;
} ds_offer_t;

typedef struct {
    assistance_proposal_t p;
    assistance_event_t *events; /* its history, by seq */
    size_t nevents;
    const char *where;
} ds_proposal_t;

typedef struct {
    event_t ev;        /* ev.id kept on import */
    const char *where;
} ds_event_t;

/* A file an import read, with the SHA-256 of the very bytes it parsed (for
 * the import's audit entry: hashing them again from disk would read the file
 * twice, and could hash something else than what was imported). */
typedef struct {
    const char *name; /* the path given, or the file's name inside a folder */
    char sha256[65];  /* hex; "" for a folder's file that is not there */
} ds_source_t;

enum { DS_SOURCES_MAX = 5 }; /* a CSV folder's five files */

typedef struct {
    bool demo;            /* the data is demo data */
    bool has_demo;        /* the source said whether it is (JSON does; CSV does not) */
    int template_version; /* as exported; 0 if unknown */
    ds_state_t *states;
    size_t nstates;
    ds_report_t *reports;
    size_t nreports;
    ds_matrix_t *matrices;
    size_t nmatrices;
    ds_request_t *requests;
    size_t nrequests;
    ds_offer_t *offers;
    size_t noffers;
    ds_proposal_t *proposals;
    size_t nproposals;
    ds_event_t *events; /* outreach events (JSON only; CSV has none) */
    size_t nevents;
    ds_membership_t *memberships; /* dated group periods (JSON; CSV memberships.csv) */
    size_t nmemberships;
    ds_source_t sources[DS_SOURCES_MAX]; /* what an import read, in reading order */
    size_t nsources;                     /* 0 for a dataset read from the store */
} dataset_t; /* everything arena-owned */

/* Reads the store into a dataset: all of it, or one state (alpha-3) when
 * `state` is given. Documents are loaded when with_documents is set. */
rc_t dataset_load(store_t *st, const char *state, bool with_documents, arena_t *a,
                  dataset_t *out, err_t *e);

/*
 * Checks the dataset and writes it into the store, all or nothing, inside one
 * transaction that this function opens and commits. States are inserted or
 * updated. A report, matrix version or event that already exists must be identical
 * (an import can be repeated) — except a matrix version that is still a draft
 * or with the state, whose entries are replaced. Errors are prefixed with the
 * record's `where`; on error nothing is written.
 */
rc_t dataset_apply(store_t *st, const dataset_t *ds, arena_t *a, err_t *e);
/* The same checks and writes inside the caller's open transaction, which the
 * caller commits (with its audit entry) or rolls back on error. */
rc_t dataset_apply_in(store_t *st, const dataset_t *ds, arena_t *a, err_t *e);

/* Cuts a loaded dataset down to what the public may see (dataset_public.c):
 * every state and report (metadata only), the published matrix versions, the
 * requests, offers and events; no unpublished version and no proposal (the
 * parties' answers, history and notes stay private). Nothing is freed. */
void dataset_keep_public(dataset_t *ds);
/* The membership periods of every state, or of one (alpha-3): dataset_membership.c. */
rc_t dataset_load_memberships(store_t *st, const char *state, arena_t *a, dataset_t *out,
                              err_t *e);
/* Writes the dataset's membership periods (after its states): each must be
 * valid, name a stored state, and overlap no other period of its state and
 * group; one with the same state, group and start replaces the stored one. */
rc_t dataset_apply_memberships(store_t *st, const dataset_t *ds, arena_t *a, err_t *e);

/* The assistance part of dataset_load: every request, offer and proposal, or
 * with a state (alpha-3) its requests, the offers it provides, and the
 * proposals between them. */
rc_t dataset_load_assistance(store_t *st, const char *state, arena_t *a, dataset_t *out,
                             err_t *e);
/* The assistance part of dataset_apply, inside its transaction: requests,
 * offers, then proposals with their history. A record whose id exists must be
 * identical (an import can be repeated); new ones keep their ids. */
rc_t dataset_apply_assistance(store_t *st, const dataset_t *ds, arena_t *a, err_t *e);

#endif
