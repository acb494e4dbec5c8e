/*
 * `r1540 audit verify|list`: checks the hash chain of the audit log and shows
 * its entries. verify prints the head hash so that it can be recorded outside
 * the database: the chain proves the log was not edited since a head you
 * recorded, not that the whole file was never rewritten (docs/internals/audit.md).
 */
#include <string.h>

#include "../store/audit_log.h"
#include "../util/json_out.h"
#include "commands.h"

static const char usage[] =
    "usage: r1540 audit verify\n"
    "       r1540 audit list [--from SEQ] [--limit N] [--format text|json]\n"
    "\n"
    "verify  walks the hash chain of the audit log; prints \"audit log intact: N\n"
    "        entries, head HASH\" (keep the head hash somewhere else: a later log\n"
    "        must still lead to it), or names the first entry that was edited,\n"
    "        inserted or deleted\n"
    "list    the entries from SEQ (default 1), at most N of them (default all)\n"
    "Exit status: 0 intact / listed, 2 usage, 5 the log was tampered with,\n"
    "6 database unusable.\n";

static rc_t audit_verify_cmd(cli_t *c)
{
    store_t *st;
    long long bad = 0, count = 0;
    char head[AUDIT_HASH_HEX];
    rc_t rc = cli_store(c, STORE_OPEN_EXISTING, &st);
    if (rc != RC_OK || (rc = audit_verify(st, &bad, &count, head, &c->err)) != RC_OK)
        return rc;
    printf("audit log intact: %lld entries, head %s\n", count, head);
    return RC_OK;
}

static void entry_json(buf_t *b, const audit_entry_t *en)
{
    buf_puts(b, "{");
    json_out_kll(b, 0, "seq", en->seq);
    json_out_kv(b, 1, "at", en->at);
    json_out_kv(b, 1, "actor", en->actor);
    json_out_kv(b, 1, "action", en->action);
    json_out_kv(b, 1, "object", en->object);
    json_out_kv(b, 1, "detail", en->detail);
    json_out_kv(b, 1, "prev_hash", en->prev_hash);
    json_out_kv(b, 1, "hash", en->hash);
    buf_puts(b, "}");
}

static rc_t audit_list_cmd(cli_t *c, long long from, long long limit, bool json)
{
    store_t *st;
    audit_entry_t *entries;
    size_t n;
    rc_t rc = cli_store(c, STORE_OPEN_EXISTING, &st);
    if (rc != RC_OK ||
        (rc = store_audit_list(st, from, (size_t)limit, &c->arena, &entries, &n, &c->err)))
        return rc;
    buf_t b;
    buf_init(&b, 0);
    buf_puts(&b, json ? "[" : "");
    for (size_t i = 0; i < n; i++) {
        const audit_entry_t *en = &entries[i];
        if (json) {
            buf_puts(&b, i ? ",\n" : "\n");
            entry_json(&b, en);
        } else {
            buf_printf(&b, "%6lld  %s  %-16s %-15s %-22s %s\n", en->seq, en->at, en->actor,
                       en->action, en->object, en->detail);
        }
    }
    buf_puts(&b, json ? "\n]\n" : "");
    rc = cli_print(c, &b);
    buf_free(&b);
    return rc;
}

rc_t cmd_audit(cli_t *c, int argc, char **argv)
{
    static const struct option opts[] = {
        {"from", required_argument, NULL, 'F'},   {"limit", required_argument, NULL, 'l'},
        {"format", required_argument, NULL, 'f'}, {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    const char *format = NULL, *from_arg = NULL, *limit_arg = NULL;
    optind = 0;
    for (int opt; (opt = getopt_long(argc, argv, "h", opts, NULL)) != -1;) {
        switch (opt) {
        case 'h': return fputs(usage, stdout), RC_OK;
        case 'F': from_arg = optarg; break;
        case 'l': limit_arg = optarg; break;
        case 'f': format = optarg; break;
        default: return cli_usage_error(c, usage, "unknown option");
        }
    }
    bool json;
    long long from = 1, limit = 1LL << 62;
    if (cli_format_json(c, format, &json) != RC_OK ||
        (from_arg && cli_int(c, from_arg, "--from", 1, 1LL << 62, &from) != RC_OK) ||
        (limit_arg && cli_int(c, limit_arg, "--limit", 1, 1LL << 62, &limit) != RC_OK))
        return RC_USAGE;
    int rest = argc - optind;
    const char *verb = rest > 0 ? argv[optind] : "";
    if (strcmp(verb, "verify") == 0 && rest == 1) {
        if (format || from_arg || limit_arg)
            return cli_usage_error(c, usage, "`audit verify` takes no options");
        return audit_verify_cmd(c);
    }
    if (strcmp(verb, "list") == 0 && rest == 1)
        return audit_list_cmd(c, from, limit, json);
    return cli_usage_error(c, usage, "expected `audit verify` or `audit list`");
}
