/*
 * The matching instance and its text form. The parser is hand-written rather
 * than built on strtoll or scanf because the benchmark's dense instances hold
 * tens of millions of lines; it is strict (one record per line, nothing else)
 * so that every error can name its line.
 */
#include "instance.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/mem.h"

void match_instance_init(match_instance_t *in, int nreq, int noff, size_t npairs)
{
    in->nreq = nreq;
    in->noff = noff;
    in->npairs = npairs;
    in->cap = xcalloc((size_t)noff + 1, sizeof *in->cap);
    in->req = xcalloc(npairs + 1, sizeof *in->req);
    in->off = xcalloc(npairs + 1, sizeof *in->off);
    in->score = xcalloc(npairs + 1, sizeof *in->score);
}

void match_instance_free(match_instance_t *in)
{
    if (!in)
        return;
    free(in->cap);
    free(in->req);
    free(in->off);
    free(in->score);
    memset(in, 0, sizeof *in);
}

/* Where a pair came from, for messages: a line of the instance file. */
typedef struct {
    const char *name;
    size_t first_line; /* line of pair 0 */
} pair_origin_t;

static rc_t pair_error(const pair_origin_t *o, size_t k, err_t *e, const char *why)
{
    return err_set(e, RC_INPUT, "%s:%zu: %s", o->name, o->first_line + k, why);
}

/* Finds a repeated pair: groups the pairs by request (a counting sort), then
 * marks each request's offers. Linear in pairs + requests + offers. */
static rc_t check_repeats(const match_instance_t *in, const pair_origin_t *o, err_t *e)
{
    size_t *start = xcalloc((size_t)in->nreq + 1, sizeof *start);
    uint32_t *order = xmalloc((in->npairs + 1) * sizeof *order); /* pairs <= 10^9 < 2^32 */
    int *seen = xmalloc(((size_t)in->noff + 1) * sizeof *seen);
    for (size_t k = 0; k < in->npairs; k++)
        start[in->req[k] + 1]++;
    for (int r = 0; r < in->nreq; r++)
        start[r + 1] += start[r];
    for (size_t k = 0; k < in->npairs; k++)
        order[start[in->req[k]]++] = (uint32_t)k; /* start[r] now ends request r's group */
    memset(seen, 0xff, ((size_t)in->noff + 1) * sizeof *seen);
    size_t bad = in->npairs;
    for (size_t i = 0, r = 0; i < in->npairs && bad == in->npairs; i++) {
        while (i >= start[r])
            r++;
        size_t k = order[i];
        if (seen[in->off[k]] == (int)r)
            bad = k;
        seen[in->off[k]] = (int)r;
    }
    free(start);
    free(order);
    free(seen);
    return bad == in->npairs ? RC_OK : pair_error(o, bad, e, "the pair appears twice");
}

static rc_t check(const match_instance_t *in, const pair_origin_t *o, err_t *e)
{
    for (int j = 0; j < in->noff; j++)
        if (in->cap[j] < 0 || in->cap[j] > MATCH_MAX_VALUE)
            return err_set(e, RC_INPUT, "offer %d: capacity %d is not from 0 to %lld", j,
                           in->cap[j], MATCH_MAX_VALUE);
    for (size_t k = 0; k < in->npairs; k++) {
        if (in->req[k] < 0 || in->req[k] >= in->nreq)
            return pair_error(o, k, e, "request index out of range");
        if (in->off[k] < 0 || in->off[k] >= in->noff)
            return pair_error(o, k, e, "offer index out of range");
        if (in->score[k] < 0 || in->score[k] > MATCH_MAX_VALUE)
            return pair_error(o, k, e, "the score must be from 0 to 1000000000");
    }
    return check_repeats(in, o, e);
}

/* A cursor over the text, one line at a time. */
typedef struct {
    const char *p, *end;
    const char *name;
    size_t line;
    err_t *e;
} cursor_t;

static rc_t syntax(cursor_t *c, const char *why)
{
    return err_set(c->e, RC_INPUT, "%s:%zu: %s", c->name, c->line, why);
}

/* Reads one integer field of the current line (after spaces or tabs); a
 * leading '-' is read so that the message can say "negative". */
static rc_t field(cursor_t *c, long long max, const char *what, long long *out)
{
    while (c->p < c->end && (*c->p == ' ' || *c->p == '\t'))
        c->p++;
    bool neg = c->p < c->end && *c->p == '-';
    const char *q = c->p + neg;
    long long v = 0;
    const char *digits = q;
    while (q < c->end && *q >= '0' && *q <= '9' && v <= MATCH_MAX_PAIRS * 10)
        v = v * 10 + (*q++ - '0');
    char msg[128];
    if (q == digits) {
        snprintf(msg, sizeof msg, "expected %s (an integer)", what);
        return syntax(c, msg);
    }
    if (q < c->end && *q >= '0' && *q <= '9')
        v = max + 1; /* too many digits: out of range below */
    c->p = q;
    while (c->p < c->end && *c->p >= '0' && *c->p <= '9')
        c->p++;
    if (neg && v > 0) {
        snprintf(msg, sizeof msg, "%s is negative", what);
        return syntax(c, msg);
    }
    if (v > max) {
        snprintf(msg, sizeof msg, "%s is larger than %lld", what, max);
        return syntax(c, msg);
    }
    *out = v;
    return RC_OK;
}

/* Ends the current line: only spaces, tabs or a CR may remain before '\n'. */
static rc_t end_line(cursor_t *c)
{
    while (c->p < c->end && (*c->p == ' ' || *c->p == '\t' || *c->p == '\r'))
        c->p++;
    if (c->p < c->end && *c->p != '\n')
        return syntax(c, "unexpected text at the end of the line");
    if (c->p < c->end)
        c->p++;
    c->line++;
    return RC_OK;
}

static rc_t parse_header(cursor_t *c, long long *nr, long long *no, long long *ne)
{
    rc_t rc;
    if (c->p >= c->end)
        return syntax(c, "empty instance: expected `R O E`");
    if ((rc = field(c, MATCH_MAX_COUNT, "the number of requests R", nr)) != RC_OK ||
        (rc = field(c, MATCH_MAX_COUNT, "the number of offers O", no)) != RC_OK ||
        (rc = field(c, MATCH_MAX_PAIRS, "the number of pairs E", ne)) != RC_OK)
        return rc;
    if (*ne > *nr * *no)
        return syntax(c, "more pairs E than requests times offers");
    /* Each pair needs at least 6 bytes ("r o s\n"): refuse a count the text cannot hold
     * before allocating for it. */
    if ((unsigned long long)*ne > (size_t)(c->end - c->p) / 6 + 1)
        return syntax(c, "the file is too short for E pairs");
    return end_line(c);
}

static rc_t parse_body(cursor_t *c, match_instance_t *in)
{
    rc_t rc = RC_OK;
    long long v[3];
    for (int j = 0; j < in->noff && rc == RC_OK; j++) {
        rc = field(c, MATCH_MAX_VALUE, "a capacity", &v[0]);
        in->cap[j] = (int)v[0];
    }
    if (rc != RC_OK || (rc = end_line(c)) != RC_OK)
        return rc;
    for (size_t k = 0; k < in->npairs; k++) {
        if (c->p >= c->end)
            return syntax(c, "missing pair lines: fewer than E");
        if ((rc = field(c, MATCH_MAX_COUNT, "a request index", &v[0])) != RC_OK ||
            (rc = field(c, MATCH_MAX_COUNT, "an offer index", &v[1])) != RC_OK ||
            (rc = field(c, MATCH_MAX_VALUE, "a score", &v[2])) != RC_OK ||
            (rc = end_line(c)) != RC_OK)
            return rc;
        in->req[k] = (int)v[0];
        in->off[k] = (int)v[1];
        in->score[k] = (int)v[2];
    }
    while (c->p < c->end && (*c->p == '\n' || *c->p == '\r' || *c->p == ' ' || *c->p == '\t'))
        c->p++;
    return c->p < c->end ? syntax(c, "more pair lines than E") : RC_OK;
}

rc_t match_instance_parse(const char *name, const char *text, size_t len, match_instance_t *in,
                          err_t *e)
{
    cursor_t c = {text, text + len, name, 1, e};
    long long nr, no, ne;
    memset(in, 0, sizeof *in);
    rc_t rc = parse_header(&c, &nr, &no, &ne);
    if (rc != RC_OK)
        return rc;
    match_instance_init(in, (int)nr, (int)no, (size_t)ne);
    pair_origin_t o = {name, 3};
    if ((rc = parse_body(&c, in)) != RC_OK || (rc = check(in, &o, e)) != RC_OK)
        match_instance_free(in);
    return rc;
}
