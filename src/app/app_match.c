/*
 * Recording the matching (app_match.h).
 */
#include "app_match.h"
#include "app_notify.h"

#include "../util/buf.h"
#include "../util/json_out.h"

rc_t app_match_record(app_t *a, const char *data_dir, const match_run_opts_t *o,
                      match_context_t *ctx, match_result_t *res, err_t *e)
{
    rc_t rc = app_allow(a, ACT_ASSIST_MATCH, NULL, e);
    if (rc == RC_OK && o->dry_run)
        rc = err_set(e, RC_USAGE, "a dry run records nothing: it is not this operation");
    if (rc != RC_OK || (rc = app_begin(a, e)) != RC_OK)
        return rc;
    rc = match_context_load(a->st, data_dir, a->arena, ctx, e);
    if (rc == RC_OK)
        rc = match_run(a->st, ctx, o, a->arena, res, e);
    if (rc == RC_OK) /* in the matching's transaction */
        rc = app_notify_proposals(a, ctx, res, e);
    buf_t detail;
    buf_init(&detail, 0);
    if (rc == RC_OK) {
        buf_putc(&detail, '{');
        json_out_kll(&detail, 0, "proposals", (long long)res->n);
        json_out_kll(&detail, 1, "total", res->picked_total);
        json_out_kv(&detail, 1, "region", o->region ? o->region : "");
        if (o->picks) /* a subset recorded: the optimum it was picked from */
            json_out_kll(&detail, 1, "optimum", res->total);
        if (res->n) {
            json_out_kll(&detail, 1, "first", res->p[0].id);
            json_out_kll(&detail, 1, "last", res->p[res->n - 1].id);
        }
        buf_putc(&detail, '}');
    }
    rc = app_finish(a, rc, "match.propose", "", buf_str(&detail), e);
    buf_free(&detail);
    return rc;
}
