/*
 * JSON export. Files are written straight from the dataset with the escaping
 * writer in util/json_out.c; the layout is documented in docs/formats.md.
 */
#include "json_export.h"

#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/matrix_info.h"
#include "../util/json_out.h"
#include "json_assistance.h"
#include "json_fields.h"

void json_write_state(buf_t *b, const state_t *s)
{
    json_fields_object(b, &state_fields, s, NULL);
}

void json_write_report(buf_t *b, const report_t *r, const void *doc, size_t doc_len)
{
    buf_putc(b, '{');
    json_out_kll(b, 0, "id", r->id);
    json_out_kv(b, 1, "state", r->state);
    json_out_kv(b, 1, "kind", r->kind);
    json_out_kv(b, 1, "date", r->date);
    json_out_kv(b, 1, "language", r->language);
    json_out_kv(b, 1, "title", r->title);
    json_out_kv(b, 1, "filename", r->filename);
    json_out_kv(b, 1, "media_type", r->media_type);
    json_out_kll(b, 1, "size", r->size);
    json_out_kv(b, 1, "sha256", r->sha256);
    if (doc) {
        size_t n = sodium_base64_encoded_len(doc_len, sodium_base64_VARIANT_ORIGINAL);
        char *b64 = xmalloc(n);
        sodium_bin2base64(b64, n, doc, doc_len, sodium_base64_VARIANT_ORIGINAL);
        buf_puts(b, ",\"document\":\"");
        buf_puts(b, b64); /* base64 needs no escaping */
        buf_putc(b, '"');
        free(b64);
    }
    buf_putc(b, '}');
}

void json_write_version(buf_t *b, const matrix_version_t *v)
{
    json_fields_write(b, 0, &matrix_version_fields, v, NULL);
}

void json_write_entry(buf_t *b, const matrix_entry_t *en)
{
    buf_putc(b, '{');
    json_fields_write(b, 0, &matrix_entry_fields, en, NULL);
    json_write_entry_info(b, en); /* its FIELD_JSON_HOOK rows */
    buf_putc(b, '}');
}

/* Written only when present, so that a file of entries without them reads as
 * before: "source_url" and "info": {"text", "signed", "ratified", "acceded"}. */
void json_write_entry_info(buf_t *b, const matrix_entry_t *en)
{
    if (*matrix_str(en->source_url))
        json_out_kv(b, 1, "source_url", en->source_url);
    bool dated = false;
    for (int i = 0; i < INFO_DATE_COUNT; i++)
        dated = dated || en->info_date[i][0];
    if (!*matrix_str(en->info) && !dated)
        return;
    buf_puts(b, ",\"info\":{");
    json_out_kv(b, 0, "text", matrix_str(en->info));
    for (int i = 0; i < INFO_DATE_COUNT; i++)
        if (en->info_date[i][0])
            json_out_kv(b, 1, matrix_info_date_names[i], en->info_date[i]);
    buf_putc(b, '}');
}

void json_write_event(buf_t *b, const event_t *ev)
{
    buf_putc(b, '{');
    json_out_kll(b, 0, "id", ev->id);
    json_out_kv(b, 1, "kind", ev->kind);
    json_out_kv(b, 1, "status", ev->status);
    json_out_kv(b, 1, "title", ev->title);
    json_out_kv(b, 1, "start", ev->start);
    json_out_kv(b, 1, "end", ev->end);
    json_out_kv(b, 1, "place", ev->place);
    json_out_kv(b, 1, "organizer", ev->organizer);
    buf_puts(b, ",\"states\":[");
    for (size_t i = 0; i < ev->nstates; i++) {
        buf_puts(b, i ? "," : "");
        json_out_str(b, ev->states[i]);
    }
    buf_puts(b, "],\"themes\":[");
    for (size_t i = 0; i < ev->nthemes; i++) {
        buf_puts(b, i ? "," : "");
        json_out_str(b, ev->themes[i]);
    }
    buf_puts(b, "]}");
}

/* Appends the whole dataset; flushes b to f whenever it grows past a few MB. */
static rc_t write_all(const dataset_t *ds, buf_t *b, FILE *f)
{
#define FLUSH()                                                                                 \
    do {                                                                                        \
        if (b->len > (4u << 20)) {                                                              \
            if (fwrite(b->data, 1, b->len, f) != b->len)                                        \
                return RC_FAIL;                                                                  \
            buf_reset(b);                                                                       \
        }                                                                                       \
    } while (0)
    buf_printf(b, "{\"format\":\"r1540\",\"format_version\":1,\"demo\":%s,\"template_version\":%d,"
                  "\n\"states\":[",
               ds->demo ? "true" : "false", ds->template_version);
    for (size_t i = 0; i < ds->nstates; i++) {
        buf_puts(b, i ? ",\n" : "\n");
        json_write_state(b, &ds->states[i].state);
    }
    buf_puts(b, "\n],\n\"memberships\":[");
    for (size_t i = 0; i < ds->nmemberships; i++) {
        buf_puts(b, i ? ",\n" : "\n");
        json_fields_object(b, &membership_fields, &ds->memberships[i].m, NULL);
    }
    buf_puts(b, "\n],\n\"reports\":[");
    for (size_t i = 0; i < ds->nreports; i++) {
        buf_puts(b, i ? ",\n" : "\n");
        const ds_report_t *r = &ds->reports[i];
        json_write_report(b, &r->meta, r->doc, r->doc_len);
        FLUSH();
    }
    buf_puts(b, "\n],\n\"matrices\":[");
    for (size_t i = 0; i < ds->nmatrices; i++) {
        const ds_matrix_t *m = &ds->matrices[i];
        buf_puts(b, i ? ",\n{" : "\n{");
        json_write_version(b, &m->v);
        buf_puts(b, ",\"entries\":[");
        for (size_t k = 0; k < m->nentries; k++) {
            buf_puts(b, k ? ",\n" : "\n");
            json_write_entry(b, &m->entries[k]);
        }
        buf_puts(b, m->nentries ? "\n]}" : "]}");
        FLUSH();
    }
    buf_puts(b, "\n],\n\"requests\":[");
    for (size_t i = 0; i < ds->nrequests; i++) {
        buf_puts(b, i ? ",\n" : "\n");
        json_write_request(b, &ds->requests[i].r);
    }
    buf_puts(b, "\n],\n\"offers\":[");
    for (size_t i = 0; i < ds->noffers; i++) {
        buf_puts(b, i ? ",\n" : "\n");
        json_write_offer(b, &ds->offers[i].o);
    }
    buf_puts(b, "\n],\n\"proposals\":[");
    for (size_t i = 0; i < ds->nproposals; i++) {
        const ds_proposal_t *p = &ds->proposals[i];
        buf_puts(b, i ? ",\n" : "\n");
        json_write_proposal(b, &p->p, p->events, p->nevents);
        FLUSH();
    }
    buf_puts(b, "\n],\n\"events\":[");
    for (size_t i = 0; i < ds->nevents; i++) {
        buf_puts(b, i ? ",\n" : "\n");
        json_write_event(b, &ds->events[i].ev);
    }
    buf_puts(b, "\n]}\n");
#undef FLUSH
    return b->overflow || fwrite(b->data, 1, b->len, f) != b->len ? RC_FAIL : RC_OK;
}

rc_t json_export_file(const dataset_t *ds, const char *path, err_t *e)
{
    bool to_stdout = strcmp(path, "-") == 0;
    char tmp[4096];
    if (!to_stdout && snprintf(tmp, sizeof tmp, "%s.tmp", path) >= (int)sizeof tmp)
        return err_set(e, RC_USAGE, "%s: path too long", path);
    FILE *f = to_stdout ? stdout : fopen(tmp, "wb");
    if (!f)
        return err_set(e, RC_FAIL, "%s: %s", tmp, strerror(errno));
    buf_t b;
    buf_init(&b, 0); /* flushed every few MB; one record may be a large document */
    rc_t rc = write_all(ds, &b, f);
    buf_free(&b);
    if (to_stdout)
        return rc == RC_OK && fflush(f) == 0 ? RC_OK
                                            : err_set(e, RC_FAIL, "cannot write standard output");
    if (fclose(f) != 0 || rc != RC_OK) {
        remove(tmp);
        return err_set(e, RC_FAIL, "%s: write failed", path);
    }
    if (rename(tmp, path) != 0) {
        remove(tmp);
        return err_set(e, RC_FAIL, "%s: %s", path, strerror(errno));
    }
    return RC_OK;
}
