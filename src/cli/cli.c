/*
 * Shared CLI helpers.
 */
#include "cli.h"

#include <errno.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../store/audit_log.h"
#include "../util/date.h"

rc_t cli_store(cli_t *c, store_open_mode_t mode, store_t **out)
{
    if (!c->store) {
        rc_t rc = store_open(c->db_path, mode, &c->store, &c->err);
        if (rc != RC_OK)
            return rc;
    }
    *out = c->store;
    return RC_OK;
}

rc_t cli_state(cli_t *c, const char *code, state_t *out)
{
    if (!state_code_syntax_ok(code))
        return err_set(&c->err, RC_NOTFOUND,
                       "unknown state '%s' (give an ISO alpha-2 or alpha-3 code)", code);
    store_t *st;
    rc_t rc = cli_store(c, STORE_OPEN_EXISTING, &st);
    if (rc != RC_OK)
        return rc;
    return store_state_get(st, code, &c->arena, out, &c->err);
}

rc_t cli_format_json(cli_t *c, const char *format, bool *json)
{
    if (!format || strcmp(format, "text") == 0)
        *json = false;
    else if (strcmp(format, "json") == 0)
        *json = true;
    else
        return err_set(&c->err, RC_USAGE, "--format: '%s' is not text or json", format);
    return RC_OK;
}

rc_t cli_int(cli_t *c, const char *s, const char *what, long long min, long long max,
             long long *out)
{
    char *end;
    errno = 0;
    long long v = s ? strtoll(s, &end, 10) : 0;
    if (!s || !*s || *end || errno || v < min || v > max)
        return err_set(&c->err, RC_USAGE, "%s: '%s' is not a number from %lld to %lld", what,
                       s ? s : "", min, max);
    *out = v;
    return RC_OK;
}

rc_t cli_date(cli_t *c, const char *s, const char *what, char out[11])
{
    if (!s || strlen(s) != 10 || !date_valid(s))
        return err_set(&c->err, RC_USAGE, "%s: '%.40s' is not a date (YYYY-MM-DD)", what,
                       s ? s : "");
    memcpy(out, s, 11);
    return RC_OK;
}

rc_t cli_print(cli_t *c, buf_t *b)
{
    if (b->overflow)
        return err_set(&c->err, RC_FAIL, "output too large");
    if (b->len && fwrite(b->data, 1, b->len, stdout) != b->len)
        return err_set(&c->err, RC_FAIL, "cannot write to standard output");
    return RC_OK;
}

rc_t cli_usage_error(cli_t *c, const char *usage, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->err.msg, sizeof c->err.msg, fmt, ap);
    va_end(ap);
    c->err.rc = RC_USAGE;
    fputs(usage, stderr);
    return RC_USAGE;
}

bool cli_wants_help(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0)
            return false;
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0)
            return true;
    }
    return false;
}

const char *cli_actor(cli_t *c)
{
    struct passwd *pw = getpwuid(geteuid());
    buf_t b;
    buf_init(&b, 256);
    if (pw && pw->pw_name && *pw->pw_name)
        buf_printf(&b, "cli:%s", pw->pw_name);
    else
        buf_printf(&b, "cli:uid:%lu", (unsigned long)geteuid());
    char *actor = arena_strdup(&c->arena, buf_str(&b));
    buf_free(&b);
    return actor;
}

rc_t cli_app(cli_t *c, app_t *out)
{
    store_t *st;
    rc_t rc = cli_store(c, STORE_OPEN_EXISTING, &st);
    if (rc != RC_OK)
        return rc;
    *out = (app_t){.st = st, .arena = &c->arena, .lang = LANG_EN,
                   .actor = {.user = authz_system_user(), .name = cli_actor(c)}};
    if (!c->as_user)
        return RC_OK;
    user_t *u = arena_alloc(&c->arena, sizeof *u);
    rc = user_name_ok(c->as_user) ? store_user_get(st, c->as_user, &c->arena, u, &c->err)
                                  : RC_NOTFOUND;
    if (rc == RC_NOTFOUND)
        return err_set(&c->err, RC_NOTFOUND, "--as: there is no user '%.64s'", c->as_user);
    if (rc != RC_OK)
        return rc;
    size_t n = strlen(out->actor.name) + strlen(u->name) + 5;
    char *name = arena_alloc(&c->arena, n);
    snprintf(name, n, "%s as %s", out->actor.name, u->name);
    out->actor = (app_actor_t){.user = u, .name = name};
    return RC_OK;
}

rc_t cli_commit_audited(cli_t *c, rc_t rc, const char *action, const char *object,
                        const char *detail)
{
    if (rc == RC_OK && c->as_user)
        rc = err_set(&c->err, RC_USAGE, "--as: this command does not act as a user yet; "
                                        "run it without --as");
    if (rc == RC_OK)
        rc = audit_append(c->store, cli_actor(c), action, object, detail, &c->err);
    if (rc == RC_OK)
        rc = store_commit(c->store, &c->err);
    if (rc != RC_OK)
        store_rollback(c->store);
    return rc;
}
