/*
 * r1540 serve: the web interface and the JSON API.
 */
#include <stdlib.h>
#include <string.h>

#include "../review/chart.h"
#include "../util/collate.h"
#include "../util/i18n.h"
#include <curl/curl.h>

#include "../web/notify_loop.h"
#include "../web/static.h"
#include "../web/web.h"
#include "commands.h"

static const char usage[] =
    "usage: r1540 serve [--listen ADDR:PORT] [--threads N] [--web DIR] [--secure-cookies]\n"
    "                   [--trusted-proxy ADDR[,ADDR...]] [--per-address N]\n"
    "                   [--upload-budget MB] [--notify-interval S]\n"
    "                   [--read-only [--primary URL]]\n"
    "\n"
    "Serves the web interface and the JSON API (/api/v1/, docs/api.md) until\n"
    "SIGINT or SIGTERM; requests in flight are answered before it stops.\n"
    "\n"
    "  --listen ADDR:PORT  where to listen (default 127.0.0.1:8540; port 0 picks one)\n"
    "  --threads N         worker threads (default 4)\n"
    "  --web DIR           templates and static files (default $R1540_WEB, else web)\n"
    "  --secure-cookies    mark cookies Secure (when a TLS proxy is in front)\n"
    "  --trusted-proxy ADDR[,ADDR...]\n"
    "                      reverse proxies (IP addresses) whose X-Forwarded-For\n"
    "                      header names the real client; from any other peer the\n"
    "                      header is ignored (docs/deployment.md)\n"
    "  --per-address N     connections at once from one address (default 256;\n"
    "                      0: no limit, for a proxy in front on the same host)\n"
    "  --upload-budget MB  uploads in flight together, spooled to $TMPDIR\n"
    "                      (default 256); more are refused with 503\n"
    "  --notify-interval S the notification sender's pass every S seconds\n"
    "                      (default 60; 0: none): reminders, and mails through\n"
    "                      the SMTP server of R1540_SMTP_URL (docs/deployment.md)\n"
    "  --read-only         serve the public pages and the public API only, and\n"
    "                      write nothing to the database (a PostgreSQL standby);\n"
    "                      sign-in and changes are refused; no notification sender\n"
    "  --primary URL       with --read-only: the read-write site (http:// or\n"
    "                      https://), linked from the refusals\n"
    "\n"
    "GET /healthz answers 200 with the database's state, or 503 when the\n"
    "database cannot be reached: for a load balancer's health checks.\n";

/* The --primary URL is put into pages as a link: an http(s) URL without
 * spaces, quotes or angle brackets, so it cannot leave its attribute. */
static bool primary_url_ok(const char *url)
{
    if (strncmp(url, "http://", 7) != 0 && strncmp(url, "https://", 8) != 0)
        return false;
    size_t n = strlen(url);
    if (n > 512 || n < 9)
        return false;
    for (const char *p = url; *p; p++)
        if ((unsigned char)*p <= ' ' || strchr("\"'<>\\`", *p))
            return false;
    return true;
}

/* Loads what the server reads but never changes: catalogs, collators,
 * templates, static files. */
static rc_t serve_prepare(cli_t *c, web_app_t *app)
{
    char po[4096], dir[4096];
    snprintf(po, sizeof po, "%s/po", c->data_dir);
    rc_t rc = i18n_load(po, &c->err);
    if (rc == RC_OK)
        rc = collate_init(&c->err);
    snprintf(dir, sizeof dir, "%s/templates", app->web_dir);
    if (rc == RC_OK)
        rc = tmpl_load(dir, &app->tmpl, &c->err);
    snprintf(dir, sizeof dir, "%s/static", app->web_dir);
    if (rc == RC_OK)
        rc = static_load(dir, &c->err);
    char *max;
    store_t *st;
    /* a read-only server neither migrates nor writes (store.h) */
    store_open_mode_t mode = app->read_only ? STORE_OPEN_READ_ONLY : STORE_OPEN_EXISTING;
    if (rc == RC_OK && (rc = cli_store(c, mode, &st)) == RC_OK &&
        (rc = store_meta_get(st, "max_document_bytes", &c->arena, &max, &c->err)) == RC_OK)
        app->max_upload = strtoll(max, NULL, 10);
    return rc;
}

rc_t cmd_serve(cli_t *c, int argc, char **argv)
{
    web_app_t app = {.db_path = c->db_path, .data_dir = c->data_dir,
                     .web_dir = getenv("R1540_WEB") ? getenv("R1540_WEB") : "web",
                     .listen = "127.0.0.1:8540", .threads = 4,
                     .per_address = WEB_PER_ADDRESS_DEFAULT};
    static const struct option opts[] = {
        {"listen", required_argument, NULL, 'l'}, {"threads", required_argument, NULL, 't'},
        {"web", required_argument, NULL, 'w'}, {"secure-cookies", no_argument, NULL, 's'},
        {"trusted-proxy", required_argument, NULL, 'p'},
        {"per-address", required_argument, NULL, 'a'},
        {"upload-budget", required_argument, NULL, 'u'},
        {"notify-interval", required_argument, NULL, 'n'},
        {"read-only", no_argument, NULL, 'r'}, {"primary", required_argument, NULL, 'P'},
        {"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
    long long threads = 4, per_address = WEB_PER_ADDRESS_DEFAULT, budget_mb = 256, interval = 60;
    optind = 0;
    for (int o; (o = getopt_long(argc, argv, "h", opts, NULL)) != -1;) {
        switch (o) {
        case 'h': return fputs(usage, stdout), RC_OK;
        case 'l': app.listen = optarg; break;
        case 't':
            if (cli_int(c, optarg, "--threads", 1, 64, &threads) != RC_OK)
                return RC_USAGE;
            break;
        case 'w': app.web_dir = optarg; break;
        case 's': app.secure_cookies = true; break;
        case 'p':
            if (client_proxies_parse(optarg, &app.proxies, &c->err) != RC_OK)
                return RC_USAGE;
            break;
        case 'a':
            if (cli_int(c, optarg, "--per-address", 0, WEB_CONNECTIONS_MAX, &per_address) != RC_OK)
                return RC_USAGE;
            break;
        case 'u':
            if (cli_int(c, optarg, "--upload-budget", 1, 1 << 20, &budget_mb) != RC_OK)
                return RC_USAGE;
            break;
        case 'n':
            if (cli_int(c, optarg, "--notify-interval", 0, 86400, &interval) != RC_OK)
                return RC_USAGE;
            break;
        case 'r': app.read_only = true; break;
        case 'P':
            if (!primary_url_ok(optarg))
                return cli_usage_error(c, usage, "--primary '%s': expected an http:// or "
                                                 "https:// URL", optarg);
            app.primary = optarg;
            break;
        default: return cli_usage_error(c, usage, "unknown option");
        }
    }
    if (optind < argc)
        return cli_usage_error(c, usage, "unexpected argument '%s'", argv[optind]);
    if (app.primary && !app.read_only)
        return cli_usage_error(c, usage, "--primary goes with --read-only");
    app.threads = (int)threads;
    app.per_address = (int)per_address;
    app.upload_budget = budget_mb << 20;
    notify_config_t notify;
    notify_loop_t *sender = NULL;
    rc_t rc = notify_config_env(&c->arena, &notify, &c->err);
    if (rc == RC_OK)
        rc = serve_prepare(c, &app);
    curl_global_init(CURL_GLOBAL_DEFAULT); /* before any thread, as libcurl asks */
    /* the sender writes (it claims, marks and retries notifications): a
     * read-only server leaves it to the primary's servers */
    if (rc == RC_OK && interval > 0 && !app.read_only)
        rc = notify_loop_start(c->db_path, &notify, (int)interval, &sender, &c->err);
    if (rc == RC_OK)
        rc = web_serve(&app, &c->err);
    notify_loop_stop(sender);
    curl_global_cleanup();
    tmpl_free(app.tmpl);
    static_free();
    chart_fonts_release(); /* the dashboard's charts loaded fonts */
    collate_free();
    i18n_free();
    return rc;
}
