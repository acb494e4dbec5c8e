/*
 * Error context.
 */
#include "err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

rc_t err_set(err_t *e, rc_t rc, const char *fmt, ...)
{
    if (!e)
        return rc;
    e->rc = rc;
    e->field[0] = '\0';
    e->code = NULL;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->msg, sizeof e->msg, fmt, ap);
    va_end(ap);
    return rc;
}

rc_t err_field(err_t *e, rc_t rc, const char *field, const char *code, const char *fmt, ...)
{
    if (!e)
        return rc;
    e->rc = rc;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->msg, sizeof e->msg, fmt, ap);
    va_end(ap);
    snprintf(e->field, sizeof e->field, "%s", field ? field : "");
    e->code = code;
    return rc;
}

void err_prefix(err_t *e, const char *fmt, ...)
{
    if (!e)
        return;
    char head[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(head, sizeof head, fmt, ap);
    va_end(ap);
    size_t nh = strlen(head), nm = strlen(e->msg);
    if (nh >= sizeof e->msg)
        nh = sizeof e->msg - 1;
    if (nh + nm >= sizeof e->msg)
        nm = sizeof e->msg - 1 - nh;
    memmove(e->msg + nh, e->msg, nm);
    memcpy(e->msg, head, nh);
    e->msg[nh + nm] = '\0';
}

void err_mark(err_t *e, const char *field, const char *code)
{
    if (!e)
        return;
    snprintf(e->field, sizeof e->field, "%s", field ? field : "");
    e->code = code;
}

void err_clear(err_t *e)
{
    e->rc = RC_OK;
    e->msg[0] = '\0';
    e->field[0] = '\0';
    e->code = NULL;
}
