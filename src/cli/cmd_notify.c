/*
 * `r1540 notify`: the operator's side of notifications. `send` runs one pass
 * of the sender (what `serve` does every minute): reminders, then the mails
 * due, through the SMTP server of the environment (docs/deployment.md).
 * `settings` shows or sets an account's mail settings, `inbox` lists an
 * account's notifications with their mail status.
 */
#include <curl/curl.h>
#include <string.h>
#include <time.h>

#include "../app/app_notify.h"
#include "../app/notify_deliver.h"
#include "../app/notify_text.h"
#include "../util/i18n.h"
#include "../util/json_out.h"
#include "commands.h"

static const char usage[] =
    "usage: r1540 notify send [--at YYYY-MM-DDTHH:MM:SSZ]\n"
    "       r1540 notify settings USER [--email ADDR|--no-email] [--lang L]\n"
    "                 [--mode immediate|digest|never]\n"
    "       r1540 notify inbox USER\n"
    "\n"
    "  send      one pass of the sender: queue the reminders of offers and requests\n"
    "            that end within 7 days, then mail what is due through the SMTP\n"
    "            server of R1540_SMTP_URL (see docs/deployment.md); without it, only\n"
    "            the reminders. --at runs the pass as if at that time (UTC): for a\n"
    "            digest or a retry that is not due yet\n"
    "  settings  prints the account's settings, after setting those given\n"
    "  inbox     the account's notifications, newest first, with their mail status\n";

static rc_t load_catalogs(cli_t *c)
{
    char po[4096];
    snprintf(po, sizeof po, "%s/po", c->data_dir);
    return i18n_load(po, &c->err);
}

/* "YYYY-MM-DDTHH:MM:SSZ" to unix seconds; RC_USAGE otherwise. */
static rc_t parse_at(cli_t *c, const char *s, long long *out)
{
    struct tm tm = {0};
    char z = 0, rest = 0;
    if (!s || strlen(s) != 20 ||
        sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d%c%c", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
               &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &z, &rest) != 7 ||
        z != 'Z')
        return err_set(&c->err, RC_USAGE, "--at: give a UTC time as YYYY-MM-DDTHH:MM:SSZ");
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    struct tm back = tm;
    time_t t = timegm(&tm);
    if (t == (time_t)-1 || tm.tm_mday != back.tm_mday || tm.tm_hour != back.tm_hour)
        return err_set(&c->err, RC_USAGE, "--at: %s is not a real time", s);
    *out = (long long)t;
    return RC_OK;
}

static rc_t cmd_send(cli_t *c, int argc, char **argv)
{
    static const struct option opts[] = {{"at", required_argument, NULL, 'a'},
                                         {NULL, 0, NULL, 0}};
    long long now = (long long)time(NULL);
    optind = 1;
    for (int o; (o = getopt_long(argc, argv, "", opts, NULL)) != -1;) {
        if (o != 'a')
            return cli_usage_error(c, usage, "unknown option");
        if (parse_at(c, optarg, &now) != RC_OK)
            return RC_USAGE;
    }
    if (optind < argc)
        return cli_usage_error(c, usage, "unexpected argument '%s'", argv[optind]);
    notify_config_t cfg;
    store_t *st;
    rc_t rc = notify_config_env(&c->arena, &cfg, &c->err);
    if (rc == RC_OK)
        rc = load_catalogs(c);
    if (rc == RC_OK)
        rc = cli_store(c, STORE_OPEN_EXISTING, &st);
    if (rc != RC_OK)
        return rc;
    curl_global_init(CURL_GLOBAL_DEFAULT);
    notify_pass_t p;
    rc = notify_deliver(st, &cfg, now, &p, &c->err);
    curl_global_cleanup();
    if (rc != RC_OK)
        return rc;
    printf("reminders queued: %lld\nmails sent: %d (%d notifications)\nmails failed, to retry: %d\n"
           "notifications not mailed (no address or no mail wanted): %d\n",
           p.reminders, p.sent, p.notes, p.failed, p.skipped);
    if (!cfg.smtp.url)
        printf("no SMTP server is set (R1540_SMTP_URL): nothing was mailed\n");
    return RC_OK;
}

static rc_t find_user(cli_t *c, const char *name, store_t **st, user_t *u)
{
    rc_t rc = cli_store(c, STORE_OPEN_EXISTING, st);
    if (rc == RC_OK)
        rc = store_user_get(*st, name, &c->arena, u, &c->err);
    if (rc == RC_NOTFOUND)
        return err_set(&c->err, RC_NOTFOUND, "there is no account %s", name);
    return rc;
}

static rc_t cmd_settings(cli_t *c, int argc, char **argv)
{
    static const struct option opts[] = {
        {"email", required_argument, NULL, 'e'}, {"no-email", no_argument, NULL, 'n'},
        {"lang", required_argument, NULL, 'l'},  {"mode", required_argument, NULL, 'm'},
        {NULL, 0, NULL, 0}};
    const char *email = NULL, *lang = NULL, *mode = NULL;
    optind = 1;
    for (int o; (o = getopt_long(argc, argv, "", opts, NULL)) != -1;) {
        switch (o) {
        case 'e': email = optarg; break;
        case 'n': email = ""; break;
        case 'l': lang = optarg; break;
        case 'm': mode = optarg; break;
        default: return cli_usage_error(c, usage, "unknown option");
        }
    }
    if (optind + 1 != argc)
        return cli_usage_error(c, usage, "name one account");
    store_t *st;
    user_t u;
    notify_setting_t s;
    rc_t rc = find_user(c, argv[optind], &st, &u);
    if (rc == RC_OK)
        rc = store_notify_setting_get(st, u.id, &c->arena, &s, &c->err);
    if (rc == RC_OK && (email || lang || mode)) {
        app_t a;
        if ((rc = cli_app(c, &a)) == RC_OK)
            rc = app_notify_settings_for(&a, &u, email ? email : s.email, lang ? lang : s.lang,
                                         mode ? mode : notify_mode_name(s.mode), &c->err);
        if (rc == RC_OK)
            rc = store_notify_setting_get(st, u.id, &c->arena, &s, &c->err);
    }
    if (rc != RC_OK)
        return rc;
    printf("%s: e-mail %s, language %s, mail %s\n", u.name, *s.email ? s.email : "(none)", s.lang,
           notify_mode_name(s.mode));
    return RC_OK;
}

static rc_t cmd_inbox(cli_t *c, int argc, char **argv)
{
    if (argc != 2)
        return cli_usage_error(c, usage, "name one account");
    store_t *st;
    user_t u;
    notification_t *n;
    size_t count;
    rc_t rc = load_catalogs(c);
    if (rc == RC_OK)
        rc = find_user(c, argv[1], &st, &u);
    if (rc == RC_OK)
        rc = store_notify_inbox(st, u.id, 1000, &c->arena, &n, &count, &c->err);
    if (rc != RC_OK)
        return rc;
    buf_t b;
    buf_init(&b, 0);
    for (size_t i = 0; i < count; i++) {
        int l = lang_parse(n[i].lang);
        const char *title, *text;
        notify_text(st, &c->arena, l < 0 ? LANG_EN : (lang_t)l, &n[i], &title, &text);
        buf_printf(&b, "%lld\t%s\t%s\t%s\tmail:%s\tattempts:%d\t%s\n", n[i].id,
                   notify_event_name(n[i].event), n[i].read_at ? "read" : "unread", n[i].link,
                   n[i].mail, n[i].attempts, text);
    }
    rc = cli_print(c, &b);
    buf_free(&b);
    return rc;
}

rc_t cmd_notify(cli_t *c, int argc, char **argv)
{
    if (argc < 2 || cli_wants_help(argc, argv))
        return argc < 2 ? cli_usage_error(c, usage, "say what to do") : (fputs(usage, stdout), RC_OK);
    if (strcmp(argv[1], "send") == 0)
        return cmd_send(c, argc - 1, argv + 1);
    if (strcmp(argv[1], "settings") == 0)
        return cmd_settings(c, argc - 1, argv + 1);
    if (strcmp(argv[1], "inbox") == 0)
        return cmd_inbox(c, argc - 1, argv + 1);
    return cli_usage_error(c, usage, "unknown subcommand '%s'", argv[1]);
}
