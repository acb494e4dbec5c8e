/*
 * Assistance as IATI activities (IATI Standard 2.03, iati-activities-schema.xsd):
 * one activity per proposal that is under way (accepted by both sides) or
 * delivered, so that donors and aggregators can read 1540 assistance in the
 * format they already use. Codes and identifiers: docs/formats.md ("IATI").
 * Only what the public may already see goes in: the request's public fields,
 * the provider, the recipient state, the dates of the workflow's steps; never
 * a proposal's score, explanation, batch, answers or notes.
 */
#ifndef R1540_IO_IATI_EXPORT_H
#define R1540_IO_IATI_EXPORT_H

#include "../store/store.h"
#include "../util/buf.h"

/* The reporting organisation's identifier when none is given. It is not
 * registered with IATI (docs/formats.md says how to get one). */
#define IATI_DEFAULT_ORG_REF "XI-IATI-R1540"

/* Appends the IATI XML of the store's accepted and delivered proposals to out
 * (UTF-8, one iati-activities document). The schema wants at least one
 * activity: with none, RC_NOTFOUND and nothing appended. org_ref is
 * the reporting organisation's identifier (NULL: IATI_DEFAULT_ORG_REF);
 * generated an xsd:dateTime ("2026-12-02T06:00:00Z"). *nactivities gets the
 * count. RC_INPUT when org_ref is not 1-64 of A-Z a-z 0-9 - . _ ; store
 * errors as they come. */
rc_t iati_export(store_t *st, const char *org_ref, const char *generated, arena_t *a, buf_t *out,
                 size_t *nactivities, err_t *e);

/* iati_export written to path ("-": standard output), whole or not at all. */
rc_t iati_export_file(store_t *st, const char *org_ref, const char *path, arena_t *a, err_t *e);

#endif
