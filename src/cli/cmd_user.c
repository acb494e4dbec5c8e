/*
 * `r1540 user add|passwd|disable|enable|list|signins|unlock`: the accounts that
 * sign in to the web interface, and their failed sign-ins. Passwords come from standard input (never the command line,
 * where `ps` and shell history would show them), are hashed with Argon2id and
 * never printed. Every change is audited in the same transaction; changing a
 * password or disabling a user ends that user's sessions.
 */
#include <string.h>
#include <time.h>

#include "../app/app_signin.h"
#include "../app/app_user.h"
#include "../util/json_out.h"
#include "../util/password.h"
#include "../web/client_addr.h"
#include "../web/signin.h"
#include "commands.h"

static const char usage[] =
    "usage: r1540 user add NAME --role ROLE [--state CODE] [--org CODE]\n"
    "       r1540 user passwd NAME\n"
    "       r1540 user disable|enable NAME\n"
    "       r1540 user list [--format text|json]\n"
    "       r1540 user signins [--format text|json]\n"
    "       r1540 user unlock [NAME] [--address ADDR]\n"
    "\n"
    "add      creates an account; ROLE is admin, committee, expert, poc (a state's\n"
    "         point of contact: --state is required) or provider (--org names the\n"
    "         provider it acts for: an organization, e.g. IAEA, or a state's\n"
    "         alpha-3 code, e.g. NOR). NAME is 1 to 64 of A-Z a-z 0-9 . _ @ -\n"
    "passwd   sets a new password and ends the user's sessions\n"
    "disable  the user can no longer sign in; their sessions end. enable undoes it\n"
    "list     every user (never their password hashes)\n"
    "signins  the failed sign-ins kept (30 days): time, name, address, and whether\n"
    "         they still count towards a lockout\n"
    "unlock   lifts a sign-in lockout: of NAME (from every address), of an address\n"
    "         (--address, every name), or of NAME from that address\n"
    "\n"
    "add and passwd read the password from standard input: its first line,\n"
    "without the line end; 12 to 1024 bytes of UTF-8 without control characters.\n"
    "  echo 'a long passphrase' | r1540 user add admin --role admin\n"
    "Exit status: 0 done, 2 usage, 3 unknown user or state, 4 bad name, role or\n"
    "password, 6 database unusable.\n";

typedef struct {
    const char *role, *state, *org, *format, *address;
} user_opts_t;

/* Reads the password: the first line of standard input, without "\n" or "\r\n".
 * Reads at most PASSWORD_MAX + 2 bytes of it, so a huge input is refused
 * without being held; pw must have room for that and a NUL. */
static rc_t read_password(cli_t *c, char pw[PASSWORD_MAX + 3])
{
    if (!fgets(pw, PASSWORD_MAX + 3, stdin))
        return err_set(&c->err, RC_INPUT, "no password on standard input (give it as the "
                                          "first line)");
    size_t n = strlen(pw);
    bool whole_line = n > 0 && pw[n - 1] == '\n';
    if (!whole_line && !feof(stdin))
        return err_set(&c->err, RC_INPUT, "the password is too long (at most %d bytes)",
                       PASSWORD_MAX);
    if (whole_line)
        pw[--n] = '\0';
    if (n > 0 && pw[n - 1] == '\r')
        pw[--n] = '\0';
    const char *why = password_problem(pw);
    return why ? err_set(&c->err, RC_INPUT, "%s", why) : RC_OK;
}

static rc_t name_arg(cli_t *c, const char *name)
{
    if (user_name_ok(name))
        return RC_OK;
    /* Quote the name back with anything unprintable as '?', cut at 80 bytes:
     * the message must stay one readable line whatever was typed. */
    char shown[81];
    size_t n = 0;
    for (; name[n] && n < sizeof shown - 1; n++)
        shown[n] = name[n] >= 0x20 && name[n] < 0x7f ? name[n] : '?';
    shown[n] = '\0';
    return err_set(&c->err, RC_INPUT, "user name '%s%s': use 1 to %d of A-Z a-z 0-9 . _ @ -",
                   shown, name[n] ? "..." : "", USER_NAME_MAX);
}

/* Checks the role and the options that go with it. */
static rc_t role_args(cli_t *c, const user_opts_t *o, role_t *role)
{
    if (!o->role)
        return cli_usage_error(c, usage, "--role is required");
    int r = role_parse(o->role);
    if (r < 0)
        return err_set(&c->err, RC_USAGE, "--role: '%.40s' is not admin, committee, expert, "
                                          "poc or provider", o->role);
    *role = (role_t)r;
    if (r == ROLE_POC && !o->state)
        return err_set(&c->err, RC_USAGE, "--state is required for a point of contact (poc)");
    if (r != ROLE_POC && o->state)
        return err_set(&c->err, RC_USAGE, "--state goes only with --role poc");
    if (o->org && r != ROLE_PROVIDER)
        return err_set(&c->err, RC_USAGE, "--org goes only with --role provider");
    if (o->org && !user_org_ok(o->org))
        return err_set(&c->err, RC_INPUT, "--org: '%.40s' is not a code of 1 to %d of "
                                          "A-Z a-z 0-9 . _ -", o->org, USER_ORG_MAX);
    return RC_OK;
}

static rc_t user_add(cli_t *c, const char *name, const user_opts_t *o)
{
    role_t role = ROLE_ADMIN;
    state_t s;
    app_t a;
    char pw[PASSWORD_MAX + 3];
    rc_t rc = name_arg(c, name);
    if (rc != RC_OK || (rc = role_args(c, o, &role)) != RC_OK ||
        (o->state && (rc = cli_state(c, o->state, &s)) != RC_OK) ||
        (rc = cli_app(c, &a)) != RC_OK || (rc = read_password(c, pw)) != RC_OK)
        return rc;
    app_user_in_t in = {.name = name, .role = o->role, .state = o->state ? s.alpha3 : NULL,
                        .org = o->org, .password = pw};
    rc = app_user_add(&a, &in, NULL, NULL, &c->err);
    sodium_memzero(pw, sizeof pw);
    if (rc == RC_OK)
        printf("%s: added as %s\n", name, role_name(role));
    return rc;
}

static rc_t user_passwd(cli_t *c, const char *name)
{
    char pw[PASSWORD_MAX + 3];
    app_t a;
    user_t u;
    /* The user must exist before the password is read. */
    rc_t rc = name_arg(c, name);
    if (rc != RC_OK || (rc = cli_app(c, &a)) != RC_OK ||
        (rc = store_user_get(a.st, name, &c->arena, &u, &c->err)) != RC_OK ||
        (rc = read_password(c, pw)) != RC_OK)
        return rc;
    rc = app_user_passwd(&a, name, pw, &c->err);
    sodium_memzero(pw, sizeof pw);
    if (rc == RC_OK)
        printf("%s: password changed; sessions ended\n", name);
    return rc;
}

static rc_t user_enable(cli_t *c, const char *name, bool enable)
{
    app_t a;
    rc_t rc = name_arg(c, name);
    if (rc == RC_OK)
        rc = cli_app(c, &a);
    if (rc == RC_OK)
        rc = app_user_set_disabled(&a, name, !enable, NULL, &c->err);
    if (rc == RC_OK)
        printf("%s: %s\n", name, enable ? "enabled" : "disabled; sessions ended");
    return rc;
}

static void user_json(buf_t *b, const user_t *u)
{
    buf_puts(b, "{");
    json_out_kll(b, 0, "id", u->id);
    json_out_kv(b, 1, "name", u->name);
    json_out_kv(b, 1, "role", role_name(u->role));
    json_out_kv(b, 1, "state", u->state);
    json_out_kv(b, 1, "org", u->org);
    buf_printf(b, ",\"disabled\":%s", u->disabled ? "true" : "false");
    json_out_kv(b, 1, "created", u->created);
    buf_puts(b, "}");
}

static rc_t user_list(cli_t *c, bool json)
{
    store_t *st;
    user_t *users;
    size_t n;
    rc_t rc = cli_store(c, STORE_OPEN_EXISTING, &st);
    if (rc != RC_OK || (rc = store_user_list(st, &c->arena, &users, &n, &c->err)) != RC_OK)
        return rc;
    buf_t b;
    buf_init(&b, 0);
    buf_puts(&b, json ? "[" : "");
    for (size_t i = 0; i < n; i++) {
        const user_t *u = &users[i];
        if (json) {
            buf_puts(&b, i ? ",\n" : "\n");
            user_json(&b, u);
        } else {
            buf_printf(&b, "%-24s %-9s %-3s %-8s %-8s %s\n", u->name, role_name(u->role),
                       *u->state ? u->state : "-", *u->org ? u->org : "-",
                       u->disabled ? "disabled" : "enabled", u->created);
        }
    }
    buf_puts(&b, json ? "\n]\n" : "");
    rc = cli_print(c, &b);
    buf_free(&b);
    return rc;
}

static rc_t user_signins(cli_t *c, bool json)
{
    store_t *st;
    signin_attempt_t *a;
    size_t n;
    rc_t rc = cli_store(c, STORE_OPEN_EXISTING, &st);
    if (rc != RC_OK || (rc = store_signin_list(st, (long long)time(NULL) - SIGNIN_KEEP, 100000,
                                               &c->arena, &a, &n, &c->err)) != RC_OK)
        return rc;
    buf_t b;
    buf_init(&b, 0);
    buf_puts(&b, json ? "[" : "");
    for (size_t i = 0; i < n; i++) {
        char at[32];
        struct tm tm;
        time_t t = (time_t)a[i].at;
        gmtime_r(&t, &tm);
        strftime(at, sizeof at, "%Y-%m-%dT%H:%M:%SZ", &tm);
        if (json) {
            buf_puts(&b, i ? ",\n{" : "\n{");
            json_out_kv(&b, 0, "at", at);
            json_out_kv(&b, 1, "name", a[i].name);
            json_out_kv(&b, 1, "address", a[i].address);
            json_out_kv(&b, 1, "outcome", a[i].outcome);
            buf_puts(&b, "}");
        } else {
            buf_printf(&b, "%s %-24s %-39s %s\n", at, a[i].name, a[i].address, a[i].outcome);
        }
    }
    buf_puts(&b, json ? "\n]\n" : "");
    rc = cli_print(c, &b);
    buf_free(&b);
    return rc;
}

static rc_t user_unlock(cli_t *c, const char *name, const char *address)
{
    const char *addr = NULL;
    if (address && !(addr = client_address_normal(address, &c->arena)))
        return err_set(&c->err, RC_INPUT, "--address: '%s' is not an IPv4 or IPv6 address",
                       address);
    app_t a;
    int n;
    rc_t rc = name ? name_arg(c, name) : RC_OK;
    if (rc != RC_OK || (rc = cli_app(c, &a)) != RC_OK ||
        (rc = app_signin_lift(&a, name, addr, &n, &c->err)) != RC_OK)
        return rc;
    printf("%s%s%s%s%s: %d failed sign-ins lifted\n", name ? "user:" : "", name ? name : "",
           name && addr ? " " : "", addr ? "address:" : "", addr ? addr : "", n);
    return RC_OK;
}

rc_t cmd_user(cli_t *c, int argc, char **argv)
{
    static const struct option opts[] = {
        {"role", required_argument, NULL, 'r'},   {"state", required_argument, NULL, 's'},
        {"org", required_argument, NULL, 'o'},    {"format", required_argument, NULL, 'f'},
        {"address", required_argument, NULL, 'a'}, {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    user_opts_t o = {0};
    optind = 0;
    for (int opt; (opt = getopt_long(argc, argv, "h", opts, NULL)) != -1;) {
        switch (opt) {
        case 'h': return fputs(usage, stdout), RC_OK;
        case 'r': o.role = optarg; break;
        case 's': o.state = optarg; break;
        case 'o': o.org = optarg; break;
        case 'f': o.format = optarg; break;
        case 'a': o.address = optarg; break;
        default: return cli_usage_error(c, usage, "unknown option");
        }
    }
    bool json;
    if (cli_format_json(c, o.format, &json) != RC_OK)
        return RC_USAGE;
    int rest = argc - optind;
    const char *verb = rest > 0 ? argv[optind] : "";
    const char *name = rest > 1 ? argv[optind + 1] : "";
    bool add = strcmp(verb, "add") == 0;
    if (!add && (o.role || o.state || o.org))
        return cli_usage_error(c, usage, "--role, --state and --org go with `user add`");
    if (strcmp(verb, "unlock") != 0 && o.address)
        return cli_usage_error(c, usage, "--address goes with `user unlock`");
    if (add && rest == 2)
        return user_add(c, name, &o);
    if (strcmp(verb, "passwd") == 0 && rest == 2)
        return user_passwd(c, name);
    if ((strcmp(verb, "disable") == 0 || strcmp(verb, "enable") == 0) && rest == 2)
        return user_enable(c, name, verb[0] == 'e');
    if (strcmp(verb, "list") == 0 && rest == 1)
        return user_list(c, json);
    if (strcmp(verb, "signins") == 0 && rest == 1)
        return user_signins(c, json);
    bool unlock = strcmp(verb, "unlock") == 0;
    if (unlock && (rest == 2 || (rest == 1 && o.address)))
        return user_unlock(c, rest == 2 ? name : NULL, o.address);
    return cli_usage_error(c, usage, "expected `user add NAME --role ROLE`, `user passwd NAME`, "
                                     "`user disable|enable NAME`, `user list`, `user signins` or "
                                     "`user unlock [NAME] [--address ADDR]`");
}
