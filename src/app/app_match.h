/*
 * Recording the matching: the optimum of the open requests and offers
 * (src/match/propose.h) written as proposals. One operation whichever door
 * asks (`r1540 match`, POST assistance/match): the load, the solve and the
 * writes in one transaction, and one audit entry for the whole run.
 */
#ifndef R1540_APP_APP_MATCH_H
#define R1540_APP_APP_MATCH_H

#include "../match/propose.h"
#include "app.h"

/*
 * Loads the requests and offers (weights from data_dir), solves, and records
 * the proposals o asks for (o->dry_run must be false), all inside one write
 * transaction, so the optimum is recorded on the data it was computed on.
 * ACT_ASSIST_MATCH. RC_NOTFOUND for an unknown region; RC_INPUT for what
 * match_run refuses. On RC_OK *ctx and *res (arena-owned) are what was
 * recorded. Audited as match.propose with the number of proposals, their
 * total, the region and the first and last ids, even when it proposes none.
 */
rc_t app_match_record(app_t *a, const char *data_dir, const match_run_opts_t *o,
                      match_context_t *ctx, match_result_t *res, err_t *e);

#endif
