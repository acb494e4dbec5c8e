/*
 * Loading the Committee's public figures (data/facts, documented in its
 * README.md) into the meta table: fact.KEY, fact.KEY.as_of, fact.KEY.source,
 * and fact.never_reported (the alpha-3 codes, space-separated, sorted).
 * Called by refdata_load after the states, whose codes it checks.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/date.h"
#include "../util/tsv.h"
#include "refdata.h"

static const char *const fact_keys[REFDATA_FACTS] = {
    "first_report_states", "never_reported_states", "additional_information_states",
    "action_plans",        "action_plan_states",    "states_with_matrix"};

const char *refdata_fact_key(int i)
{
    return i >= 0 && i < REFDATA_FACTS ? fact_keys[i] : NULL;
}

static rc_t bad_row(const tsv_t *t, size_t r, err_t *e, const char *what)
{
    return err_set(e, RC_INPUT, "%s:%d: %s", t->path, t->line[r], what);
}

static rc_t put3(store_t *st, const char *key, const char *value, const char *as_of,
                 const char *source, err_t *e)
{
    char k[96];
    rc_t rc;
    snprintf(k, sizeof k, "fact.%s", key);
    if ((rc = store_meta_set(st, k, value, e)) != RC_OK)
        return rc;
    snprintf(k, sizeof k, "fact.%s.as_of", key);
    if ((rc = store_meta_set(st, k, as_of, e)) != RC_OK)
        return rc;
    snprintf(k, sizeof k, "fact.%s.source", key);
    return store_meta_set(st, k, source, e);
}

/* facts.tsv: every key once, a count of at most 193, a date and a source. */
static rc_t load_figures(store_t *st, const char *dir, arena_t *a, long *never, err_t *e)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/facts.tsv", dir);
    tsv_t t;
    rc_t rc = tsv_read(path, a, &t, e);
    int ck = rc == RC_OK ? tsv_col(&t, "key", e) : -1, cv = rc == RC_OK ? tsv_col(&t, "value", e) : -1;
    int cd = rc == RC_OK ? tsv_col(&t, "as_of", e) : -1, cs = rc == RC_OK ? tsv_col(&t, "source", e) : -1;
    if (rc != RC_OK || ck < 0 || cv < 0 || cd < 0 || cs < 0)
        return rc != RC_OK ? rc : RC_INPUT;
    bool seen[REFDATA_FACTS] = {false};
    long first = 0;
    for (size_t r = 0; r < t.nrows; r++) {
        char **f = t.rows[r], *end;
        int k = 0;
        while (k < REFDATA_FACTS && strcmp(fact_keys[k], f[ck]) != 0)
            k++;
        long v = strtol(f[cv], &end, 10);
        if (k == REFDATA_FACTS || seen[k])
            return bad_row(&t, r, e, "unknown or repeated key");
        if (!*f[cv] || *end || v < 0 || v > 193 || strspn(f[cv], "0123456789") != strlen(f[cv]))
            return bad_row(&t, r, e, "the value must be a count from 0 to 193");
        if (!date_valid(f[cd]))
            return bad_row(&t, r, e, "as_of must be a date (YYYY-MM-DD)");
        if (!*f[cs])
            return bad_row(&t, r, e, "no source");
        seen[k] = true;
        if (k == 0)
            first = v;
        if (k == 1)
            *never = v;
        if ((rc = put3(st, f[ck], f[cv], f[cd], f[cs], e)) != RC_OK)
            return rc;
    }
    for (int k = 0; k < REFDATA_FACTS; k++)
        if (!seen[k])
            return err_set(e, RC_INPUT, "%s: no row for %s", path, fact_keys[k]);
    if (first + *never != 193)
        return err_set(e, RC_INPUT, "%s: first_report_states and never_reported_states must add"
                       " up to the 193 Member States", path);
    return RC_OK;
}

rc_t refdata_facts_load(store_t *st, const char *dir, arena_t *a, err_t *e)
{
    long never = -1;
    rc_t rc = load_figures(st, dir, a, &never, e);
    if (rc != RC_OK)
        return rc;
    char path[4096];
    snprintf(path, sizeof path, "%s/never-reported.tsv", dir);
    tsv_t t;
    if ((rc = tsv_read(path, a, &t, e)) != RC_OK)
        return rc;
    int c3 = tsv_col(&t, "alpha3", e), cd = tsv_col(&t, "as_of", e), cs = tsv_col(&t, "source", e);
    if (c3 < 0 || cd < 0 || cs < 0)
        return RC_INPUT;
    if ((long)t.nrows != never)
        return err_set(e, RC_INPUT, "%s: %zu states, but facts.tsv says never_reported_states %ld",
                       path, t.nrows, never);
    char *list = arena_alloc(a, t.nrows * 4 + 1), *as_of = ""; /* zeroed: "" if no rows */
    for (size_t r = 0; r < t.nrows; r++) {
        char **f = t.rows[r];
        state_t s;
        if (strlen(f[c3]) != 3 || store_state_get(st, f[c3], a, &s, NULL) != RC_OK ||
            strcmp(s.alpha3, f[c3]) != 0)
            return bad_row(&t, r, e, "not the alpha-3 code of a Member State");
        if (r > 0 && strcmp(t.rows[r - 1][c3], f[c3]) >= 0)
            return bad_row(&t, r, e, "rows must be sorted by alpha3, each state once");
        if (!date_valid(f[cd]) || !*f[cs])
            return bad_row(&t, r, e, "as_of must be a date and the source not empty");
        if (strcmp(f[cd], as_of) > 0)
            as_of = f[cd];
        /* each code is 3 letters (checked above): 4 bytes a row with its space */
        memcpy(list + r * 4, f[c3], 3);
        list[r * 4 + 3] = r + 1 < t.nrows ? ' ' : '\0';
    }
    if ((rc = store_meta_set(st, "fact.never_reported", list, e)) != RC_OK)
        return rc;
    return store_meta_set(st, "fact.never_reported.as_of", as_of, e);
}
