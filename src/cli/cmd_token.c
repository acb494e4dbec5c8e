/*
 * `r1540 token add|list|revoke`: API tokens for programs (core/token.h,
 * docs/api.md "Tokens"). The token is printed once, on its own line on
 * standard output, when it is made; only its hash is stored. Every change
 * is audited (app_token.c).
 */
#include <getopt.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "../app/app_token.h"
#include "../util/json_out.h"
#include "commands.h"

static const char usage[] =
    "usage: r1540 token add USER [--scope read|write] [--expires DATE] [--label TEXT]\n"
    "       r1540 token list [USER] [--format text|json]\n"
    "       r1540 token revoke ID\n"
    "\n"
    "add     makes an API token for USER and prints it (once: only its hash is\n"
    "        kept). Programs send it as `Authorization: Bearer TOKEN` to /api/v1/.\n"
    "        The token acts as USER (their role and state); a read token (the\n"
    "        default) cannot change anything. --expires: the last day it works.\n"
    "list    the tokens of USER, or of everyone (never the tokens themselves)\n"
    "revoke  the token stops working at once\n"
    "Exit status: 0 done, 2 usage, 3 unknown user or token, 4 bad scope, date or\n"
    "label, 6 database unusable.\n";

static rc_t token_add(cli_t *c, const char *user, const char *scope, const char *expires,
                      const char *label)
{
    app_t a;
    api_token_t t;
    char text[TOKEN_TEXT_LEN + 1];
    rc_t rc = cli_app(c, &a);
    if (rc == RC_OK)
        rc = app_token_add(&a, user, scope, expires, label, text, &t, &c->err);
    if (rc != RC_OK)
        return rc;
    printf("%s\n", text);
    fflush(stdout);
    sodium_memzero(text, sizeof text);
    fprintf(stderr, "token %lld for %s (%s, expires %s): shown once, keep it secret\n", t.id,
            t.user_name, token_scope_name(t.scope), *t.expires ? t.expires : "never");
    return RC_OK;
}

static rc_t token_list(cli_t *c, const char *user, bool json)
{
    app_t a;
    api_token_t *t;
    size_t n;
    rc_t rc = cli_app(c, &a);
    if (rc == RC_OK)
        rc = app_token_list(&a, user, &t, &n, &c->err);
    if (rc != RC_OK)
        return rc;
    buf_t b;
    buf_init(&b, 0);
    buf_puts(&b, json ? "[" : "");
    for (size_t i = 0; i < n; i++) {
        if (json) {
            buf_puts(&b, i ? ",\n{" : "\n{");
            json_out_kll(&b, 0, "id", t[i].id);
            json_out_kv(&b, 1, "user", t[i].user_name);
            json_out_kv(&b, 1, "scope", token_scope_name(t[i].scope));
            json_out_kv(&b, 1, "label", t[i].label);
            json_out_kv(&b, 1, "created", t[i].created);
            json_out_kv(&b, 1, "expires", t[i].expires);
            json_out_kv(&b, 1, "revoked", t[i].revoked);
            buf_puts(&b, "}");
        } else {
            buf_printf(&b, "%-6lld %-24s %-5s %-10s %-10s %-10s %s\n", t[i].id, t[i].user_name,
                       token_scope_name(t[i].scope), t[i].created,
                       *t[i].expires ? t[i].expires : "never",
                       *t[i].revoked ? t[i].revoked : "live", t[i].label);
        }
    }
    buf_puts(&b, json ? "\n]\n" : "");
    rc = cli_print(c, &b);
    buf_free(&b);
    return rc;
}

static rc_t token_revoke(cli_t *c, const char *id_text)
{
    long long id;
    app_t a;
    rc_t rc = cli_int(c, id_text, "ID", 1, (1LL << 53), &id);
    if (rc == RC_OK)
        rc = cli_app(c, &a);
    if (rc == RC_OK)
        rc = app_token_revoke(&a, id, &c->err);
    if (rc == RC_OK)
        printf("token %lld revoked\n", id);
    return rc;
}

rc_t cmd_token(cli_t *c, int argc, char **argv)
{
    static const struct option opts[] = {
        {"scope", required_argument, NULL, 's'},  {"expires", required_argument, NULL, 'x'},
        {"label", required_argument, NULL, 'l'},  {"format", required_argument, NULL, 'f'},
        {"help", no_argument, NULL, 'h'},         {NULL, 0, NULL, 0}};
    const char *scope = NULL, *expires = NULL, *label = NULL, *format = NULL;
    optind = 0;
    for (int opt; (opt = getopt_long(argc, argv, "h", opts, NULL)) != -1;) {
        switch (opt) {
        case 'h': return fputs(usage, stdout), RC_OK;
        case 's': scope = optarg; break;
        case 'x': expires = optarg; break;
        case 'l': label = optarg; break;
        case 'f': format = optarg; break;
        default: return cli_usage_error(c, usage, "unknown option");
        }
    }
    bool json;
    if (cli_format_json(c, format, &json) != RC_OK)
        return RC_USAGE;
    int rest = argc - optind;
    const char *verb = rest > 0 ? argv[optind] : "";
    const char *arg = rest > 1 ? argv[optind + 1] : NULL;
    bool add = strcmp(verb, "add") == 0;
    if (!add && (scope || expires || label))
        return cli_usage_error(c, usage, "--scope, --expires and --label go with `token add`");
    if (add && rest == 2)
        return token_add(c, arg, scope, expires, label);
    if (strcmp(verb, "list") == 0 && rest <= 2)
        return token_list(c, arg, json);
    if (strcmp(verb, "revoke") == 0 && rest == 2)
        return token_revoke(c, arg);
    return cli_usage_error(c, usage, "expected add USER, list [USER] or revoke ID");
}
