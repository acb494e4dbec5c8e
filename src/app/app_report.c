/*
 * Report operations (app_report.h).
 */
#include "app_report.h"

#include "app_search.h"

#include <stdio.h>
#include <string.h>

#include "../core/media.h"
#include "../util/buf.h"
#include "../util/json_out.h"
#include "../util/text.h"

/* Fills r from the input; the fixed-size fields would silently cut longer
 * values, so those are refused here. */
static rc_t report_from(app_t *a, const app_report_in_t *in, const state_t *s, report_t *r,
                        err_t *e)
{
    if (!in->kind || !in->date || !in->language || !in->title)
        return app_fail(a, e, RC_INPUT, "Kind, date, language and title are all required.");
    *r = (report_t){.kind = report_kind_parse(in->kind),
                    .title = arena_strdup(a->arena, in->title),
                    .size = -1};
    memcpy(r->state, s->alpha3, sizeof r->state);
    if (strlen(in->date) >= sizeof r->date) /* the rest is report_validate's */
        return err_set(e, RC_INPUT, "date: '%.40s' is not a date (YYYY-MM-DD)", in->date);
    if (strlen(in->language) >= sizeof r->language)
        return err_set(e, RC_INPUT, "language: '%.40s' is not an ISO 639 code", in->language);
    memcpy(r->date, in->date, strlen(in->date) + 1);
    memcpy(r->language, in->language, strlen(in->language) + 1);
    if (!in->doc)
        return RC_OK;
    /* no bidi controls: they would make the name shown differ from the file's */
    r->filename = text_bidi_strip(a->arena, in->filename ? in->filename : "");
    if (in->len == 0)
        return app_fail(a, e, RC_INPUT, "%s: the file is empty.", r->filename);
    r->media_type = (char *)media_type_detect(in->doc, in->len, r->filename);
    if (!r->media_type)
        return app_fail(a, e, RC_INPUT, "%s: not a PDF, Word, OpenDocument or text file.",
                        r->filename);
    r->size = (long long)in->len;
    r->has_document = true;
    report_sha256_hex(in->doc, in->len, r->sha256);
    return RC_OK;
}

rc_t app_report_add(app_t *a, const app_report_in_t *in, report_t *out, err_t *e)
{
    state_t s;
    report_t r = {0};
    rc_t rc = app_state(a, in->state, &s, e);
    if (rc == RC_OK)
        rc = app_allow(a, ACT_REPORT_UPLOAD, s.alpha3, e);
    if (rc == RC_OK)
        rc = report_from(a, in, &s, &r, e);
    if (rc == RC_OK)
        rc = report_validate(&r, e);
    if (rc != RC_OK)
        return rc;
    /* the file is read before the transaction: extraction takes its time
     * (seconds for a long PDF) and must not hold the write lock meanwhile */
    report_text_t text = {0};
    if (r.has_document)
        app_report_text_make(a, in->doc, in->len, r.media_type, r.language, &text);
    if ((rc = app_begin(a, e)) != RC_OK)
        return rc;
    rc = store_report_insert(a->st, &r, in->doc, in->len, e);
    if (rc == RC_OK && r.has_document)
        rc = store_report_text_put(a->st, r.id, &text, e);
    char object[32];
    snprintf(object, sizeof object, "report:%lld", r.id);
    buf_t detail;
    buf_init(&detail, 0);
    buf_puts(&detail, "{");
    json_out_kv(&detail, 0, "state", r.state);
    json_out_kv(&detail, 1, "kind", r.kind ? r.kind : "");
    json_out_kv(&detail, 1, "date", r.date);
    json_out_kv(&detail, 1, "sha256", r.sha256);
    if (r.has_document) {
        json_out_kll(&detail, 1, "bytes", r.size);
        json_out_kv(&detail, 1, "text", text.status);
        json_out_kll(&detail, 1, "pages_with_text", (long long)text.n);
    }
    buf_puts(&detail, "}");
    rc = app_finish(a, rc, "report.add", object, buf_str(&detail), e);
    buf_free(&detail);
    if (rc == RC_OK)
        *out = r;
    return rc;
}
