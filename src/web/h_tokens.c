/*
 * A user's own API tokens on the web (docs/api.md, "Tokens for programs"):
 * the list (never the tokens themselves: only their hashes are stored), a
 * form to make one, whose answer shows the new token once, and a button to
 * revoke one. The operations and their audit entries are app_token.h's, the
 * same as `r1540 token`. Only with a session: a token cannot make or revoke
 * tokens, so that a leaked one cannot make itself a successor.
 */
#include <sodium.h>
#include <string.h>

#include "../app/app_token.h"
#include "../util/date.h"
#include "change.h"
#include "handlers.h"
#include "model.h"

static json_t *token_json(web_req_t *r, const api_token_t *t, const char *today)
{
    return json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:s,s:b}", "id", (json_int_t)t->id, "label",
                     t->label, "scope", token_scope_name(t->scope), "scope_name",
                     web_tr(r, t->scope == TOKEN_WRITE ? "read and write" : "read"), "created",
                     t->created ? t->created : "", "expires", t->expires, "revoked", t->revoked,
                     "live", token_live(t, today));
}

/* The caller's tokens into m: "tokens", newest first. */
static rc_t tokens_model(web_req_t *r, json_t *m, err_t *e)
{
    app_t a;
    web_app_of(r, &a);
    api_token_t *t;
    size_t n;
    rc_t rc = app_token_list(&a, r->user->name, &t, &n, e);
    if (rc != RC_OK)
        return rc;
    char today[11];
    date_today(today);
    json_t *list = json_array();
    for (size_t i = n; i-- > 0;)
        json_array_append_new(list, token_json(r, &t[i], today));
    json_object_set_new(m, "tokens", list);
    r->no_cache = true;
    return RC_OK;
}

/* Token management needs a session (above). */
static rc_t session_only(web_req_t *r, err_t *e)
{
    if (!r->token)
        return RC_OK;
    return web_fail(r, e, 403, RC_DENIED, "%s",
                    web_tr(r, "API tokens are managed with a session, not with a token."));
}

rc_t h_tokens(web_req_t *r, json_t *m, err_t *e)
{
    rc_t rc = session_only(r, e);
    if (rc != RC_OK)
        return rc;
    const char *revoked = web_query(r, "revoked");
    json_object_set_new(m, "revoked", json_boolean(revoked && strcmp(revoked, "1") == 0));
    return tokens_model(r, m, e);
}

/* A field sent but not as text (a JSON array, null or object; a NUL byte):
 * refused rather than taken as absent, which would make a token the caller
 * did not ask for (a read token with no label, say). */
static rc_t fields_text(web_req_t *r, err_t *e)
{
    static const struct {
        const char *name, *msgid;
    } f[] = {
        {"scope", "scope: read or write is expected."},
        {"expires", "expires: a date YYYY-MM-DD, not in the past, is expected."},
        {"label", "label: at most 100 bytes of text on one line is expected."},
    };
    for (size_t i = 0; i < sizeof f / sizeof *f; i++) {
        size_t len;
        bool sent = web_param_len(r, f[i].name, &len) || (r->body && json_object_get(r->body, f[i].name));
        if (sent && !web_param(r, f[i].name))
            return web_fail_field(r, e, 422, RC_INPUT, f[i].name, f[i].msgid);
    }
    return RC_OK;
}

rc_t h_token_add(web_req_t *r, json_t *m, err_t *e)
{
    rc_t rc = session_only(r, e);
    if (rc == RC_OK)
        rc = fields_text(r, e);
    if (rc != RC_OK)
        return rc;
    const char *scope = web_param(r, "scope"), *expires = web_param(r, "expires"),
               *label = web_param(r, "label");
    app_t a;
    web_app_of(r, &a);
    char text[TOKEN_TEXT_LEN + 1];
    api_token_t t;
    rc = app_token_add(&a, r->user->name, scope && *scope ? scope : NULL, expires, label, text,
                       &t, e);
    if (rc == RC_INPUT && !r->api) {
        /* the form again, with what was typed and the message by it */
        json_object_set_new(m, "error", json_string(e->msg));
        json_object_set_new(m, "again", json_pack("{s:s,s:s,s:b}", "label", label ? label : "",
                                                   "expires", expires ? expires : "", "write",
                                                   scope && strcmp(scope, "write") == 0));
        r->status = 422;
        r->page = "tokens";
        return tokens_model(r, m, e);
    }
    if (rc != RC_OK)
        return rc;
    char today[11];
    date_today(today);
    /* shown this once: the answer is no-store (tokens_model), never logged */
    json_object_set_new(m, "token", json_string(text));
    json_object_set_new(m, "record", token_json(r, &t, today));
    r->status = r->api ? 201 : 200;
    r->page = "tokens";
    rc = tokens_model(r, m, e);
    sodium_memzero(text, sizeof text);
    return rc;
}

rc_t h_token_revoke(web_req_t *r, json_t *m, err_t *e)
{
    rc_t rc = session_only(r, e);
    if (rc != RC_OK)
        return rc;
    long long id = web_id(r->args[0]);
    app_t a;
    web_app_of(r, &a);
    if (id <= 0)
        return web_fail(r, e, 404, RC_NOTFOUND, "%s", web_tr(r, "There is no such token."));
    rc = app_token_revoke(&a, id, e);
    if (rc != RC_OK)
        return rc;
    if (r->api) {
        json_object_set_new(m, "revoked", json_integer(id));
        return RC_OK;
    }
    r->redirect = "tokens?revoked=1";
    return RC_OK;
}
