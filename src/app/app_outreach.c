/*
 * Outreach operations (app_outreach.h). The silence view joins three reads
 * in C (states, reports, entries: each one query) because it is asked rarely
 * and for 193 states at most.
 */
#include "app_outreach.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/buf.h"
#include "../util/date.h"
#include "../util/json_out.h"

static rc_t finish(app_t *a, rc_t rc, const char *action, const outreach_entry_t *o, err_t *e)
{
    char object[40];
    snprintf(object, sizeof object, "outreach:%lld", o->id);
    buf_t d;
    buf_init(&d, 0);
    buf_putc(&d, '{');
    json_out_kv(&d, 0, "state", o->state);
    json_out_kv(&d, 1, "kind", o->kind ? o->kind : "");
    json_out_kv(&d, 1, "date", o->date);
    buf_putc(&d, '}');
    rc = app_finish(a, rc, action, object, buf_str(&d), e);
    buf_free(&d);
    return rc;
}

rc_t app_outreach_add(app_t *a, outreach_entry_t *o, err_t *e)
{
    state_t s;
    rc_t rc = app_allow(a, ACT_OUTREACH_RECORD, o->state, e);
    if (rc == RC_OK)
        rc = app_state(a, o->state, &s, e);
    if (rc == RC_OK)
        rc = outreach_entry_validate(o, e);
    if (rc != RC_OK || (rc = app_begin(a, e)) != RC_OK)
        return rc;
    memcpy(o->state, s.alpha3, 4);
    o->id = 0;
    rc = store_outreach_entry_insert(a->st, o, e);
    return finish(a, rc, "outreach.add", o, e);
}

rc_t app_outreach_answer(app_t *a, long long id, const char *answer, const char *date, err_t *e)
{
    rc_t rc = app_begin(a, e);
    if (rc != RC_OK)
        return rc;
    outreach_entry_t o = {.id = id};
    rc = store_outreach_entry_get(a->st, id, a->arena, &o, e);
    if (rc == RC_NOTFOUND)
        rc = app_fail(a, e, RC_NOTFOUND, "There is no such outreach entry.");
    if (rc == RC_OK)
        rc = app_allow(a, ACT_OUTREACH_ANSWER, o.state, e);
    if (rc == RC_OK)
        rc = outreach_answer_validate(&o, answer, date, e);
    if (rc == RC_OK)
        rc = store_outreach_entry_answer(a->st, id, answer, date, e);
    return finish(a, rc, "outreach.answer", &o, e);
}

rc_t app_outreach_list(app_t *a, const char *state, outreach_entry_t **out, size_t *n, err_t *e)
{
    rc_t rc = app_allow(a, ACT_OUTREACH_READ, state, e);
    return rc == RC_OK ? store_outreach_entry_list(a->st, state, a->arena, out, n, e) : rc;
}

static int by_silence(const void *pa, const void *pb)
{
    const outreach_silence_t *x = pa, *y = pb;
    int kx = x->years_silent < 0 ? 1000000 : x->years_silent;
    int ky = y->years_silent < 0 ? 1000000 : y->years_silent;
    if (kx != ky)
        return ky - kx;
    return strcmp(x->state.alpha3, y->state.alpha3);
}

rc_t app_outreach_silence(app_t *a, int years, const char *as_of, outreach_silence_t **out,
                          size_t *n, err_t *e)
{
    state_t *states;
    report_t *reports;
    outreach_entry_t *entries;
    size_t ns, nr, ne;
    rc_t rc = app_allow(a, ACT_OUTREACH_READ, NULL, e);
    if (rc == RC_OK && (years < 1 || years > 100 || !date_valid(as_of)))
        rc = app_fail(a, e, RC_INPUT, "Give a number of years from 1 to 100 and a date.");
    if (rc == RC_OK)
        rc = store_state_list(a->st, a->arena, &states, &ns, e);
    if (rc == RC_OK)
        rc = store_report_list(a->st, NULL, a->arena, &reports, &nr, e);
    if (rc == RC_OK)
        rc = store_outreach_entry_list(a->st, NULL, a->arena, &entries, &ne, e);
    if (rc != RC_OK)
        return rc;
    outreach_silence_t *rows = arena_alloc(a->arena, (ns ? ns : 1) * sizeof *rows);
    size_t k = 0;
    long today = date_days(as_of);
    for (size_t i = 0; i < ns; i++) {
        outreach_silence_t row = {.state = states[i], .years_silent = -1};
        for (size_t j = 0; j < nr; j++) /* reports by state, date: the last one wins */
            if (strcmp(reports[j].state, states[i].alpha3) == 0 &&
                strcmp(reports[j].date, as_of) <= 0 && strcmp(reports[j].date, row.last_report) > 0)
                memcpy(row.last_report, reports[j].date, 11);
        if (row.last_report[0])
            row.years_silent = (int)((today - date_days(row.last_report)) * 10000 / 3652425);
        if (row.years_silent >= 0 && row.years_silent < years)
            continue;
        for (size_t j = 0; j < ne; j++) /* entries by state, date, id */
            if (strcmp(entries[j].state, states[i].alpha3) == 0) {
                row.last = &entries[j];
                row.nentries++;
            }
        rows[k++] = row;
    }
    qsort(rows, k, sizeof *rows, by_silence);
    *out = rows;
    *n = k;
    return RC_OK;
}
