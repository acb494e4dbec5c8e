/*
 * The API's lists for programs that download what changed (docs/api.md):
 * every published matrix version, and every report, each filtered by
 * ?state=CODE and ?since=DATE (published, or submitted, on or after it) so
 * that a nightly job asks only for what is new. Paged by the router
 * (paging.h); the same for everyone, since only public records are listed.
 */
#include <stdlib.h>
#include <string.h>

#include "../util/date.h"
#include "handlers.h"
#include "model.h"

/* The ?since= date ("" when absent): a real YYYY-MM-DD not after today. */
static rc_t since_arg(web_req_t *r, const char **out, err_t *e)
{
    const char *s = web_query(r, "since");
    char today[11];
    date_today(today);
    if (s && (!date_valid(s) || strcmp(s, today) > 0))
        return web_fail(r, e, 422, RC_INPUT, "%s",
                        web_tr(r, "since: a date YYYY-MM-DD, not in the future, is expected."));
    *out = s ? s : "";
    return RC_OK;
}

/* The ?state= code (NULL when absent): three capital letters. */
static rc_t state_filter(web_req_t *r, const char **out, err_t *e)
{
    const char *s = web_query(r, "state");
    if (s && (strlen(s) != 3 || strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != 3))
        return web_fail(r, e, 422, RC_INPUT, "%s",
                        web_tr(r, "state: a state's alpha-3 code (three capital letters) is expected."));
    *out = s;
    return RC_OK;
}

/* Oldest first, so that a page once fetched keeps its rows while new ones
 * are added at the end. */
static int version_cmp(const void *pa, const void *pb)
{
    const matrix_version_t *a = pa, *b = pb;
    int c = strcmp(a->published, b->published);
    if (!c)
        c = strcmp(a->state, b->state);
    return c ? c : a->number - b->number;
}

rc_t h_versions(web_req_t *r, json_t *m, err_t *e)
{
    const char *since, *state;
    rc_t rc = since_arg(r, &since, e);
    if (rc == RC_OK)
        rc = state_filter(r, &state, e);
    matrix_version_t *v = NULL;
    size_t n = 0;
    if (rc == RC_OK)
        rc = store_version_list(r->st, state, &r->arena, &v, &n, e);
    if (rc != RC_OK)
        return rc;
    size_t kept = 0;
    for (size_t i = 0; i < n; i++)
        if (v[i].status == MV_PUBLISHED && strcmp(v[i].published, since) >= 0)
            v[kept++] = v[i];
    qsort(v, kept, sizeof *v, version_cmp);
    json_t *list = json_array();
    for (size_t i = 0; i < kept; i++) {
        char url[64];
        snprintf(url, sizeof url, "/api/v1/states/%s/versions/%d", v[i].state, v[i].number);
        json_array_append_new(list, json_pack("{s:s,s:i,s:i,s:s,s:s,s:s}", "state", v[i].state,
                                              "number", v[i].number, "template_version",
                                              v[i].template_version, "approved", v[i].approved,
                                              "published", v[i].published, "url", url));
    }
    json_object_set_new(m, "versions", list);
    json_object_set_new(m, "since", json_string(since));
    return RC_OK;
}

static int report_cmp(const void *pa, const void *pb)
{
    const report_t *a = pa, *b = pb;
    int c = strcmp(a->date, b->date);
    return c ? c : (a->id > b->id) - (a->id < b->id);
}

rc_t h_reports(web_req_t *r, json_t *m, err_t *e)
{
    const char *since, *state;
    rc_t rc = since_arg(r, &since, e);
    if (rc == RC_OK)
        rc = state_filter(r, &state, e);
    report_t *rep = NULL;
    size_t n = 0;
    if (rc == RC_OK)
        rc = store_report_list(r->st, state, &r->arena, &rep, &n, e);
    if (rc != RC_OK)
        return rc;
    size_t kept = 0;
    for (size_t i = 0; i < n; i++)
        if (strcmp(rep[i].date, since) >= 0)
            rep[kept++] = rep[i];
    qsort(rep, kept, sizeof *rep, report_cmp);
    json_t *list = json_array();
    for (size_t i = 0; i < kept; i++) {
        json_t *o = model_report(r, &rep[i]);
        char url[64];
        snprintf(url, sizeof url, "/api/v1/reports/%lld", rep[i].id);
        json_object_set_new(o, "url", json_string(url));
        json_array_append_new(list, o);
    }
    json_object_set_new(m, "reports", list);
    json_object_set_new(m, "since", json_string(since));
    return RC_OK;
}
