/*
 * The API's description (docs/api.md, "OpenAPI"): data/openapi.json, the
 * OpenAPI 3.1 document written by tools/openapi.py and checked against the
 * route table by tests/http/openapi.sh, sent as it is at
 * /api/v1/openapi.json, and rendered for people at /<lang>/api: one section
 * per tag, each call with its method, path, summary, who may make it, its
 * parameters and its answers. Server-rendered from the same file, so the page
 * and the document cannot differ; no script, nothing from another site.
 */
#include <stdio.h>
#include <string.h>

#include "handlers.h"
#include "model.h"
#include "web.h"

/* Reads data/openapi.json; RC_FAIL (the server's log says why) if it is
 * missing or not JSON: an installation fault, not the caller's. */
static rc_t openapi_load(web_req_t *r, json_t **out, err_t *e)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/openapi.json", web_app->data_dir);
    json_error_t je;
    *out = json_load_file(path, 0, &je);
    if (!*out || !json_is_object(*out)) {
        json_decref(*out);
        *out = NULL;
        (void)r;
        return err_set(e, RC_FAIL, "%s:%d: %s", path, je.line, je.text);
    }
    return RC_OK;
}

rc_t h_openapi(web_req_t *r, json_t *m, err_t *e)
{
    json_t *doc;
    rc_t rc = openapi_load(r, &doc, e);
    if (rc == RC_OK)
        json_object_update(m, doc);
    json_decref(doc);
    return rc;
}

/* "#/components/x/Name" -> "Name" (what a person reads for a $ref). */
static const char *ref_name(const char *ref)
{
    const char *slash = ref ? strrchr(ref, '/') : NULL;
    return slash ? slash + 1 : (ref ? ref : "");
}

/* Who may make the call, from its security: anyone, or signed in. */
static const char *who_of(web_req_t *r, json_t *op)
{
    json_t *sec = json_object_get(op, "security");
    size_t i;
    json_t *s;
    json_array_foreach(sec, i, s) if (json_object_size(s) == 0) return web_tr(r, "anyone");
    return json_array_size(sec) ? web_tr(r, "signed in (session or API token)") : web_tr(r, "anyone");
}

/* The parameters of an operation for the page: name, where, what. */
static json_t *params_of(json_t *doc, json_t *op)
{
    json_t *list = json_array(), *p;
    size_t i;
    json_array_foreach(json_object_get(op, "parameters"), i, p) {
        json_t *ref = json_object_get(p, "$ref");
        if (ref)
            p = json_object_get(json_object_get(json_object_get(doc, "components"), "parameters"),
                                ref_name(json_string_value(ref)));
        json_array_append_new(list, json_pack("{s:O?,s:O?,s:O?}", "name", json_object_get(p, "name"),
                                              "in", json_object_get(p, "in"), "what",
                                              json_object_get(p, "description")));
    }
    return list;
}

/* The answers of an operation: status and description (a shared answer,
 * "$ref": "#/components/responses/E404", looked up in the components). */
static json_t *answers_of(json_t *doc, json_t *op)
{
    json_t *list = json_array(), *a;
    const char *status;
    json_object_foreach(json_object_get(op, "responses"), status, a) {
        json_t *ref = json_object_get(a, "$ref");
        if (ref)
            a = json_object_get(json_object_get(json_object_get(doc, "components"), "responses"),
                                ref_name(json_string_value(ref)));
        const char *what = json_string_value(json_object_get(a, "description"));
        json_array_append_new(list, json_pack("{s:s,s:s}", "status", status, "what", what ? what : ""));
    }
    return list;
}

/* Appends one call to the section of its tag (sections in first-seen order). */
static void add_call(web_req_t *r, json_t *doc, json_t *sections, const char *path,
                     const char *method, json_t *op)
{
    const char *tag = json_string_value(json_array_get(json_object_get(op, "tags"), 0));
    json_t *sec = NULL, *s;
    size_t i;
    json_array_foreach(sections, i, s) if (strcmp(json_string_value(json_object_get(s, "tag")),
                                                  tag ? tag : "") == 0) sec = s;
    if (!sec) {
        sec = json_pack("{s:s,s:[]}", "tag", tag ? tag : "", "calls");
        json_array_append_new(sections, sec);
    }
    char upper[8] = {0};
    for (size_t k = 0; k < sizeof upper - 1 && method[k]; k++)
        upper[k] = (char)(method[k] & ~0x20);
    json_t *body = json_object_get(op, "requestBody");
    json_t *fields = json_array();
    const char *ct, *f;
    json_t *media, *v;
    json_object_foreach(json_object_get(body, "content"), ct, media) {
        json_object_foreach(json_object_get(json_object_get(media, "schema"), "properties"), f, v)
            json_array_append_new(fields, json_string(f));
        break;
    }
    json_array_append_new(json_object_get(sec, "calls"),
                          json_pack("{s:s,s:s,s:O?,s:s,s:o,s:o,s:o,s:b}", "method", upper, "path",
                                    path, "summary", json_object_get(op, "summary"), "who",
                                    who_of(r, op), "params", params_of(doc, op), "fields", fields,
                                    "answers", answers_of(doc, op), "post", strcmp(upper, "POST") == 0));
}

rc_t h_api_page(web_req_t *r, json_t *m, err_t *e)
{
    json_t *doc;
    rc_t rc = openapi_load(r, &doc, e);
    if (rc != RC_OK)
        return rc;
    json_t *sections = json_array(), *ops;
    const char *path, *method;
    json_t *op;
    json_object_foreach(json_object_get(doc, "paths"), path, ops)
        json_object_foreach(ops, method, op) add_call(r, doc, sections, path, method, op);
    json_object_set_new(m, "sections", sections);
    json_object_set(m, "version", json_object_get(json_object_get(doc, "info"), "version"));
    json_decref(doc);
    return RC_OK;
}
