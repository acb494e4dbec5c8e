/*
 * `r1540 template list`: the items of the matrix template.
 */
#include <stdlib.h>
#include <string.h>

#include "../util/json_out.h"
#include "commands.h"

static const char usage[] =
    "usage: r1540 template list [--version N] [--section S] [--lang L]\n"
    "                           [--format text|json]\n"
    "       r1540 template roundtrip\n"
    "\n"
    "Lists the items (data fields) of the matrix template: the current version\n"
    "unless --version is given, all sections unless --section OP1|OP2|OP3AB|OP3CD,\n"
    "labels in English unless --lang ar|zh|fr|ru|es; a row's note (v2: the CTBT\n"
    "is not in force) follows its label.\n"
    "roundtrip carries every stored matrix version's entries through the\n"
    "crosswalk (data/template/vN/from-vM.tsv) to the neighbouring template\n"
    "version and back, and fails if any comes back changed.\n";

static void item_json(buf_t *b, const template_item_t *it)
{
    buf_putc(b, '{');
    json_out_kv(b, 0, "id", it->id);
    json_out_kv(b, 1, "section", it->section);
    json_out_kv(b, 1, "heading", it->heading);
    json_out_kv(b, 1, "weapon", it->weapon);
    json_out_kv(b, 1, "themes", it->themes);
    buf_puts(b, ",\"labels\":{");
    for (int l = 0; l < LANG_COUNT; l++)
        json_out_kv(b, l > 0, lang_code(l), it->label[l]);
    buf_putc(b, '}');
    if (it->note[LANG_EN] && *it->note[LANG_EN]) { /* template v2: a note shown with the row */
        buf_puts(b, ",\"note\":{");
        for (int l = 0; l < LANG_COUNT; l++)
            json_out_kv(b, l > 0, lang_code(l), it->note[l]);
        buf_putc(b, '}');
    }
    if (it->from_id && *it->from_id) /* the previous version's item it carries forward */
        json_out_kv(b, 1, "from", it->from_id);
    buf_putc(b, '}');
}

rc_t cmd_template(cli_t *c, int argc, char **argv)
{
    static const struct option opts[] = {
        {"version", required_argument, NULL, 'v'}, {"section", required_argument, NULL, 's'},
        {"lang", required_argument, NULL, 'l'},    {"format", required_argument, NULL, 'f'},
        {"help", no_argument, NULL, 'h'},          {NULL, 0, NULL, 0}};
    const char *section = NULL, *lang = "en", *format = NULL, *version = NULL;
    optind = 0;
    for (int o; (o = getopt_long(argc, argv, "h", opts, NULL)) != -1;) {
        switch (o) {
        case 'h': return fputs(usage, stdout), RC_OK;
        case 'v': version = optarg; break;
        case 's': section = optarg; break;
        case 'l': lang = optarg; break;
        case 'f': format = optarg; break;
        default: return cli_usage_error(c, usage, "unknown option");
        }
    }
    bool json;
    int l = lang_parse(lang);
    if (cli_format_json(c, format, &json) != RC_OK)
        return RC_USAGE;
    if (l < 0)
        return err_set(&c->err, RC_USAGE, "--lang: '%s' is not ar, zh, en, fr, ru or es", lang);
    if (optind + 1 == argc && strcmp(argv[optind], "roundtrip") == 0)
        return cmd_template_roundtrip(c);
    if (optind + 1 != argc || strcmp(argv[optind], "list") != 0)
        return cli_usage_error(c, usage, "expected `template list`");
    if (section && !template_section_valid(section))
        return err_set(&c->err, RC_USAGE, "--section: '%s' is not OP1, OP2, OP3AB or OP3CD",
                       section);
    store_t *st;
    char *current;
    long long v;
    template_item_t *items;
    size_t n;
    rc_t rc = cli_store(c, STORE_OPEN_EXISTING, &st);
    if (rc != RC_OK ||
        (rc = store_meta_get(st, "template_version", &c->arena, &current, &c->err)) != RC_OK ||
        (rc = cli_int(c, version ? version : current, "--version", 1, 1000, &v)) != RC_OK ||
        (rc = store_template_items(st, (int)v, &c->arena, &items, &n, &c->err)) != RC_OK)
        return rc;
    if (n == 0)
        return err_set(&c->err, RC_NOTFOUND, "no template version %lld", v);
    buf_t b;
    buf_init(&b, 0);
    buf_puts(&b, json ? "[" : "");
    int shown = 0;
    for (size_t i = 0; i < n; i++) {
        if (section && strcmp(items[i].section, section) != 0)
            continue;
        if (json) {
            buf_puts(&b, shown ? ",\n" : "\n");
            item_json(&b, &items[i]);
        } else {
            const char *note = items[i].note[l] ? items[i].note[l] : "";
            buf_printf(&b, "%-32s %-5s %-10s %s%s%s%s\n", items[i].id, items[i].section,
                       items[i].weapon, items[i].label[l], *note ? " (" : "", note,
                       *note ? ")" : "");
        }
        shown++;
    }
    buf_puts(&b, json ? "\n]\n" : "");
    rc = cli_print(c, &b);
    buf_free(&b);
    return rc;
}
