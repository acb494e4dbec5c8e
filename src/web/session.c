/*
 * Sessions, sign-in and sign-out (see session.h for the rules).
 */
#include "session.h"

#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "../store/audit_log.h"
#include "../util/password.h"
#include "../util/secret.h"
#include "signin.h"
#include "web.h"

/* A hash of a random password, verified against when the user does not
 * exist, so that a wrong name costs as much time as a wrong password. */
static char dummy_hash[crypto_pwhash_STRBYTES];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

static void dummy_make(void)
{
    char pw[SECRET_HEX_LEN + 1];
    secret_random_hex(pw);
    err_t e = {0};
    password_hash(pw, dummy_hash, &e);
}

static const char *password_dummy_hash(void)
{
    pthread_once(&dummy_once, dummy_make);
    return dummy_hash;
}

static void cookie_set(web_req_t *r, const char *name, const char *value, bool end)
{
    char c[256];
    snprintf(c, sizeof c, "%s=%s; Path=/; HttpOnly; SameSite=Strict%s%s", name, value,
             end ? "; Max-Age=0" : "", web_app && web_app->secure_cookies ? "; Secure" : "");
    web_cookie(r, c);
}

const char *session_actor(web_req_t *r)
{
    size_t n = strlen(r->user->name) + 48;
    char *s = arena_alloc(&r->arena, n);
    /* a change made with an API token names the token: which program did it */
    if (r->token)
        snprintf(s, n, "token:%lld:%s", r->token->id, r->user->name);
    else
        snprintf(s, n, "web:%s", r->user->name);
    return s;
}

rc_t session_resolve(web_req_t *r, const char *cookie_header, err_t *e)
{
    char *token = web_cookie_get(&r->arena, cookie_header, "r1540_session");
    if (!token)
        return RC_OK;
    session_t *s = arena_alloc(&r->arena, sizeof *s);
    user_t *u = arena_alloc(&r->arena, sizeof *u);
    char hash[SECRET_HEX_LEN + 1];
    rc_t rc = RC_NOTFOUND;
    /* the session and its user in one read: every signed-in request pays it
     * (on PostgreSQL a round trip each); the user found here is the request's
     * (r->user), which the app layer takes as the actor without reading it again */
    if (secret_hex_ok(token)) {
        secret_sha256_hex(token, SECRET_HEX_LEN, hash);
        rc = store_session_user_get(r->st, hash, &r->arena, s, u, e);
    }
    if (rc != RC_OK && rc != RC_NOTFOUND)
        return rc;
    long long now = time(NULL);
    if (rc == RC_OK && (now - s->last_seen > SESSION_IDLE || now - s->created > SESSION_MAX)) {
        store_session_delete(r->st, hash, e);
        rc = RC_NOTFOUND;
    }
    if (rc == RC_OK && u->disabled)
        rc = RC_NOTFOUND;
    if (rc != RC_OK) {
        cookie_set(r, "r1540_session", "", true);
        return RC_OK;
    }
    /* a write per minute at most, not per request */
    if (now - s->last_seen >= 60)
        store_session_touch(r->st, hash, now, e);
    r->session = s;
    r->user = u;
    r->no_cache = true;
    return RC_OK;
}

const char *session_flash_text(web_req_t *r, const char *key)
{
    static const struct {
        const char *key, *text;
    } msgs[] = {
        {"signed-in", "You are signed in."},
        {"signed-out", "You are signed out."},
        {"uploaded", "The report was uploaded."},
        {"draft-made", "A new draft was made."},
        {"entry-saved", "The entry was saved."},
        {"entry-saved-acceptance-cleared",
         "The entry was saved. The state had accepted this version: its acceptance was "
         "cleared, and it must accept the changed version before approval."},
        {"returned", "The version was taken back from the state and is a draft again."},
        {"sent", "The draft was sent to the state for review."},
        {"accepted", "You accepted this version."},
        {"commented", "Your comments were sent and the version went back to the experts."},
        {"comment-drafted", "Your comment was saved as a draft. Send the comments back when "
                            "you have written them all."},
        {"comment-edited", "The draft comment was changed."},
        {"comment-deleted", "The draft comment was deleted."},
        {"comment-answered", "The comment is marked answered."},
        {"approved", "The version was approved."},
        {"published", "The version was published."},
        {"user-added", "The user was added."},
        {"user-disabled", "The user was disabled and signed out."},
        {"user-enabled", "The user was enabled."},
        {"user-password", "The user's password was changed and their sessions ended."},
        {"password-reset", "Your new password is set. Please sign in."},
        {"signins-lifted", "The lockout was lifted."},
        {"request-added", "The assistance request was recorded."},
        {"request-withdrawn", "The assistance request was withdrawn."},
        {"feedback-recorded", "The outcome and the feedback were recorded."},
        {"offer-added", "The offer was recorded."},
        {"offer-closed", "The offer was closed: it is not matched until it is reopened."},
        {"offer-reopened", "The offer was reopened."},
        {"match-recorded", "The proposals were recorded and sent to both sides."},
        {"proposal-accepted", "You accepted the proposal."},
        {"proposal-declined", "You declined the proposal: this pair will not be proposed again."},
        {"proposal-delivered", "The assistance was marked delivered."},
        {"roster-saved", "The roster of points of contact was saved."},
        {"outreach-saved", "The outreach entry was saved."},
        {"programme-saved", "The programme was saved."},
        {"programme-removed", "The programme was removed; its offers stay."},
        {"programme-linked", "The programme's offers were changed."},
        {"practice-submitted", "The practice was submitted: an expert reviews it before it is published."},
        {"practice-published", "The practice was published."},
        {"practice-returned", "The practice was returned to its submitter with your note."},
    };
    for (size_t i = 0; i < sizeof msgs / sizeof *msgs; i++)
        if (strcmp(msgs[i].key, key) == 0)
            return web_tr(r, msgs[i].text);
    return "";
}

/* ---- the sign-in form ------------------------------------------------------ */

/* A browser's sign-in form carries a token that must equal its cookie (the
 * double-submit pattern): no other site can read the cookie to forge it. */
rc_t h_login_form(web_req_t *r, json_t *m, err_t *e)
{
    (void)e;
    char t[SECRET_HEX_LEN + 1];
    secret_random_hex(t);
    cookie_set(r, "r1540_login", t, false);
    json_object_set_new(m, "login_token", json_string(t));
    const char *next = web_query(r, "next");
    if (!next) /* the form shown again after a refusal: its own field */
        next = web_param(r, "next");
    json_object_set_new(m, "next", json_string(next ? next : ""));
    r->no_cache = true;
    return RC_OK;
}

/* Where to go after signing in: a path of ours, never another site. */
static const char *safe_next(const char *next)
{
    if (!next || !*next || strstr(next, "//") || strchr(next, ':') || strchr(next, '\\') ||
        next[0] == '/' || strlen(next) > 200)
        return "workspace";
    for (const char *p = next; *p; p++)
        if ((unsigned char)*p < 0x21 || *p == '"' || *p == '<' || *p == '>')
            return "workspace";
    return next;
}

/* A wrong name or password: one answer for both, so that it tells nothing. */
static rc_t login_wrong(web_req_t *r, err_t *e)
{
    return web_fail(r, e, 401, RC_REFUSED, "%s",
                    web_tr(r, "The user name or the password is wrong."));
}

static rc_t session_start(web_req_t *r, user_t *u, json_t *m, err_t *e)
{
    char token[SECRET_HEX_LEN + 1], csrf[SECRET_HEX_LEN + 1], hash[SECRET_HEX_LEN + 1];
    secret_random_hex(token);
    secret_random_hex(csrf);
    secret_sha256_hex(token, SECRET_HEX_LEN, hash);
    long long now = time(NULL);
    session_t s = {.token_hash = hash, .user_id = u->id, .csrf = csrf, .created = now,
                   .last_seen = now};
    r->user = u;
    rc_t rc = store_begin(r->st, e);
    /* each sign-in clears the sessions that have expired, so they do not pile up */
    if (rc == RC_OK)
        rc = store_session_purge(r->st, now - SESSION_IDLE, now - SESSION_MAX, e);
    if (rc == RC_OK)
        rc = store_session_insert(r->st, &s, e);
    if (rc == RC_OK)
        rc = audit_append(r->st, session_actor(r), "session.start", "", r->client, e);
    if (rc == RC_OK)
        rc = store_commit(r->st, e);
    if (rc != RC_OK) {
        store_rollback(r->st);
        r->user = NULL;
        return rc;
    }
    cookie_set(r, "r1540_session", token, false);
    cookie_set(r, "r1540_login", "", true);
    json_object_set_new(m, "csrf", json_string(csrf));
    json_object_set_new(m, "user", json_pack("{s:s,s:s,s:s}", "name", u->name, "role",
                                             role_name(u->role), "state", u->state));
    return RC_OK;
}

rc_t h_login(web_req_t *r, json_t *m, err_t *e)
{
    const char *name = web_param(r, "name"), *pw = web_param(r, "password");
    if (!r->api) {
        /* a form: the double-submitted token must match */
        const char *form = web_param(r, "login_token");
        char *cookie = web_cookie_get(&r->arena, r->cookie_header, "r1540_login");
        if (!form || !cookie || strlen(form) != strlen(cookie) ||
            sodium_memcmp(form, cookie, strlen(form)) != 0)
            return web_fail(r, e, 403, RC_REFUSED, "%s",
                            web_tr(r, "The sign-in form has expired. Please try again."));
    } else if (!r->body) {
        return web_fail(r, e, 415, RC_INPUT, "sign-in takes a JSON body");
    }
    /* refused before anything is written or hashed: a name that cannot exist
     * is not counted (it would only fill the table), just answered */
    if (!name || !user_name_ok(name))
        return web_fail(r, e, 422, RC_INPUT, "%s",
                        web_tr(r, "A user name is 1 to 64 letters, digits and . _ @ -"));
    if (!pw || strlen(pw) > PASSWORD_MAX)
        return web_fail(r, e, 422, RC_INPUT, "%s: %s", web_tr(r, "Password"),
                        pw ? "too long" : "a password is required");
    signin_t si;
    rc_t rc = signin_begin(r->st, name, r->client, time(NULL), &si, e);
    if (rc != RC_OK)
        return rc;
    if (si.wait > 0)
        return web_fail(r, e, 429, RC_REFUSED, "%s",
                        web_tr(r, "Too many failed attempts. Please wait 15 minutes."));
    user_t *u = arena_alloc(&r->arena, sizeof *u);
    rc = store_user_get(r->st, name, &r->arena, u, e);
    if (rc != RC_OK && rc != RC_NOTFOUND) {
        signin_end(r->st, &si, name, r->client, false, &(err_t){0});
        return rc;
    }
    /* the same work whether or not the user exists, so timing tells nothing */
    bool ok = password_verify(rc == RC_OK ? u->pw_hash : password_dummy_hash(), pw);
    ok = ok && rc == RC_OK && !u->disabled;
    if ((rc = signin_end(r->st, &si, name, r->client, ok, e)) != RC_OK)
        return rc;
    if (!ok)
        return login_wrong(r, e);
    if ((rc = session_start(r, u, m, e)) != RC_OK)
        return rc;
    const char *next = safe_next(web_param(r, "next"));
    size_t n = strlen(next) + 32;
    r->redirect = arena_alloc(&r->arena, n);
    snprintf(r->redirect, n, "%s%smsg=signed-in", next, strchr(next, '?') ? "&" : "?");
    return RC_OK;
}

rc_t h_logout(web_req_t *r, json_t *m, err_t *e)
{
    if (!r->session) /* an API token has no session to end: it is revoked instead */
        return web_fail(r, e, 403, RC_DENIED, "%s", web_tr(r, "You are not allowed to do this."));
    rc_t rc = store_begin(r->st, e);
    if (rc == RC_OK)
        rc = store_session_delete(r->st, r->session->token_hash, e);
    if (rc == RC_OK)
        rc = audit_append(r->st, session_actor(r), "session.end", "", r->client, e);
    if (rc == RC_OK)
        rc = store_commit(r->st, e);
    if (rc != RC_OK) {
        store_rollback(r->st);
        return rc;
    }
    cookie_set(r, "r1540_session", "", true);
    json_object_set_new(m, "signed_out", json_true());
    r->redirect = "?msg=signed-out";
    return RC_OK;
}
