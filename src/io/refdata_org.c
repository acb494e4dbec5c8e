/*
 * Loading the organizations registry (data/organizations/organizations.tsv,
 * documented in its README.md) into the store; called by refdata_load.
 */
#include <stdio.h>
#include <string.h>

#include "../util/tsv.h"
#include "refdata.h"

static bool org_code_ok(const char *code)
{
    size_t n = strlen(code);
    return n > 0 && n <= 16 && code[0] >= 'A' && code[0] <= 'Z' &&
           strspn(code, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") == n;
}

static bool org_kind_ok(const char *kind)
{
    return strcmp(kind, "un") == 0 || strcmp(kind, "intergovernmental") == 0 ||
           strcmp(kind, "regional") == 0 || strcmp(kind, "treaty-body") == 0;
}

/* Checks one row; returns NULL or what is wrong with it. */
static const char *org_problem(const organization_t *o)
{
    if (!org_code_ok(o->code))
        return "code";
    if (!org_kind_ok(o->kind))
        return "kind";
    if (!assistance_list_ok(o->regions, assistance_region_ok))
        return "regions";
    for (int l = 0; l < LANG_COUNT; l++)
        if (!*o->name[l])
            return lang_code((lang_t)l);
    return NULL;
}

rc_t refdata_org_load(store_t *st, const char *dir, arena_t *a, err_t *e)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/organizations.tsv", dir);
    tsv_t t;
    rc_t rc = tsv_read(path, a, &t, e);
    if (rc != RC_OK)
        return rc;
    int code = tsv_col(&t, "code", e), kind = tsv_col(&t, "kind", e);
    int regions = tsv_col(&t, "regions", e), names[LANG_COUNT];
    for (int l = 0; l < LANG_COUNT; l++)
        if ((names[l] = tsv_col(&t, lang_code((lang_t)l), e)) < 0)
            return RC_INPUT;
    if (code < 0 || kind < 0 || regions < 0)
        return RC_INPUT;
    for (size_t r = 0; r < t.nrows && rc == RC_OK; r++) {
        organization_t o = {t.rows[r][code], t.rows[r][kind], t.rows[r][regions], {0}};
        for (int l = 0; l < LANG_COUNT; l++)
            o.name[l] = t.rows[r][names[l]];
        const char *bad = org_problem(&o);
        rc = bad ? err_set(e, RC_INPUT, "%s:%d: bad %s in organization '%s'", path, t.line[r], bad,
                           o.code)
                 : store_org_put(st, &o, e);
    }
    return rc;
}
