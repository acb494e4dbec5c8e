/*
 * Unit tests for the web layer's pure parts: the template dialect (escaping,
 * sections, partials, translations, malformed templates), the permission
 * table, the language choice and cookie parsing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../../src/core/authz.h"
#include "../../src/web/tmpl.h"
#include "../../src/web/web.h"
#include "tap.h"

static char dir[] = "/tmp/r1540-tmpl-XXXXXX";

static void put(const char *name, const char *text)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    fputs(text, f);
    fclose(f);
}

static char *render(tmpl_set_t *ts, const char *name, const char *model_json)
{
    static char out[4096];
    json_t *m = json_loads(model_json, 0, NULL);
    buf_t b;
    buf_init(&b, 1 << 20);
    err_t e = {0};
    rc_t rc = tmpl_render(ts, name, m, LANG_EN, &b, &e);
    snprintf(out, sizeof out, "%s", rc == RC_OK ? buf_str(&b) : "ERROR");
    buf_free(&b);
    json_decref(m);
    return out;
}

static void test_templates(void)
{
    put("page.html", "<h1>{{title}}</h1>{{#items}}<li>{{name}}/{{title}}</li>{{/items}}"
                     "{{^items}}none{{/items}}{{>part}}");
    put("part.html", "[{{_ Hello}} {{n}} {{a.b}}]");
    put("index.html", "{{list.1.name}}|{{list.x}}|{{list.9}}|{{#list.0}}first{{/list.0}}|{{o.list.0}}");
    put("attr.html", "<a title=\"{{t}}\">{{t}}</a>");
    put("truth.html", "{{#f}}F{{/f}}{{#z}}Z{{/z}}{{#s}}S{{/s}}{{#e}}E{{/e}}{{#o}}{{k}}{{/o}}");
    put("when.html", "{{@d}}|{{@t}}|{{@x}}|{{@n}}");
    tmpl_set_t *ts = NULL;
    err_t e = {0};
    TAP_CHECK(tmpl_load(dir, &ts, &e) == RC_OK, "templates load");
    TAP_STREQ(render(ts, "page", "{\"title\":\"T\",\"items\":[{\"name\":\"a\"},{\"name\":\"b\"}],"
                                 "\"n\":3,\"a\":{\"b\":\"deep\"}}"),
              "<h1>T</h1><li>a/T</li><li>b/T</li>[Hello 3 deep]",
              "sections iterate and names resolve outwards");
    TAP_STREQ(render(ts, "page", "{\"title\":\"T\",\"items\":[]}"), "<h1>T</h1>none[Hello  ]",
              "an empty array is falsy; missing names print nothing");
    TAP_STREQ(render(ts, "attr", "{\"t\":\"<script>\\\"x\\\"&'y'</script>\"}"),
              "<a title=\"&lt;script&gt;&quot;x&quot;&amp;&#39;y&#39;&lt;/script&gt;\">"
              "&lt;script&gt;&quot;x&quot;&amp;&#39;y&#39;&lt;/script&gt;</a>",
              "values are escaped in text and attributes");
    TAP_STREQ(render(ts, "truth", "{\"f\":false,\"z\":0,\"s\":\"\",\"e\":[],\"o\":{\"k\":\"K\"}}"),
              "K", "false, 0, \"\" and [] are falsy; an object is entered");
    TAP_STREQ(render(ts, "attr", "{\"t\":{\"x\":1}}"), "<a title=\"\"></a>",
              "an object as a value prints nothing");
    TAP_STREQ(render(ts, "index", "{\"list\":[{\"name\":\"a\"},{\"name\":\"b\"}],"
                                  "\"o\":{\"list\":[\"z\"]}}"),
              "b|||first|z", "array elements by index; a name or an index past the end is empty");
    TAP_STREQ(render(ts, "when", "{\"d\":\"2025-10-28\",\"t\":\"2025-10-28T14:05:09Z\","
                                 "\"x\":\"<b>2025-02-30</b>\",\"n\":7}"),
              "<time datetime=\"2025-10-28\">28\xc2\xa0Oct\xc2\xa0" "2025</time>|"
              "<time datetime=\"2025-10-28T14:05:09Z\">28\xc2\xa0Oct\xc2\xa0" "2025,\xc2\xa0"
              "14:05:09\xc2\xa0UTC</time>|&lt;b&gt;2025-02-30&lt;/b&gt;|7",
              "{{@name}}: dates and time stamps in <time>, anything else escaped as is");
    TAP_CHECK(tmpl_has(ts, "part") && !tmpl_has(ts, "nope"), "tmpl_has");
    TAP_STREQ(render(ts, "nope", "{}"), "ERROR", "an unknown template is an error");
    tmpl_free(ts);

    put("bad.html", "{{#a}}open");
    e = (err_t){0};
    TAP_CHECK(tmpl_load(dir, &ts, &e) == RC_INPUT && strstr(e.msg, "never closed"),
              "an unclosed section is refused");
    put("bad.html", "{{#a}}x{{/b}}");
    TAP_CHECK(tmpl_load(dir, &ts, &e) == RC_INPUT && strstr(e.msg, "bad.html:1"),
              "a mismatched close names file and line");
    put("bad.html", "x\n{{name");
    TAP_CHECK(tmpl_load(dir, &ts, &e) == RC_INPUT && strstr(e.msg, "bad.html:2"),
              "an unterminated tag names its line");
    put("bad.html", "{{>missing}}");
    TAP_CHECK(tmpl_load(dir, &ts, &e) == RC_INPUT && strstr(e.msg, "missing"),
              "an unknown partial is refused");
    put("bad.html", "{{>bad}}");
    TAP_CHECK(tmpl_load(dir, &ts, &e) == RC_OK, "a template including itself loads");
    TAP_STREQ(render(ts, "bad", "{}"), "ERROR", "but rendering it stops at the depth limit");
    tmpl_free(ts);
}

static void test_authz(void)
{
    user_t poc = {.role = ROLE_POC, .state = "FRA"}, expert = {.role = ROLE_EXPERT, .state = ""},
           com = {.role = ROLE_COMMITTEE, .state = ""}, admin = {.role = ROLE_ADMIN, .state = ""},
           prov = {.role = ROLE_PROVIDER, .state = ""}, off = {.role = ROLE_EXPERT, .disabled = true};
    TAP_CHECK(authz_allowed(NULL, ACT_PUBLIC, NULL), "the public reads public pages");
    TAP_CHECK(!authz_allowed(NULL, ACT_WORKSPACE, NULL), "but has no workspace");
    TAP_CHECK(authz_allowed(&poc, ACT_REPORT_UPLOAD, "FRA"), "a PoC uploads for their state");
    TAP_CHECK(!authz_allowed(&poc, ACT_REPORT_UPLOAD, "DEU"), "not for another");
    TAP_CHECK(!authz_allowed(&poc, ACT_REPORT_UPLOAD, NULL), "nor for no state");
    TAP_CHECK(authz_allowed(&poc, ACT_MATRIX_REVIEW, "FRA") &&
                  !authz_allowed(&poc, ACT_MATRIX_REVIEW, "DEU"), "a PoC reviews only their own");
    TAP_CHECK(!authz_allowed(&poc, ACT_MATRIX_READ, "DEU"), "a PoC reads no other drafts");
    TAP_CHECK(!authz_allowed(&poc, ACT_MATRIX_APPROVE, "FRA"), "a PoC does not approve");
    TAP_CHECK(authz_allowed(&expert, ACT_MATRIX_EDIT, "DEU") &&
                  authz_allowed(&expert, ACT_MATRIX_SEND, "DEU"), "an expert drafts and sends");
    TAP_CHECK(!authz_allowed(&expert, ACT_MATRIX_APPROVE, "DEU") &&
                  !authz_allowed(&expert, ACT_MATRIX_REVIEW, "DEU"),
              "an expert neither approves nor answers for a state");
    TAP_CHECK(authz_allowed(&com, ACT_MATRIX_APPROVE, "DEU") &&
                  authz_allowed(&com, ACT_MATRIX_PUBLISH, "DEU") &&
                  !authz_allowed(&com, ACT_MATRIX_EDIT, "DEU"),
              "the Committee approves and publishes, does not edit");
    TAP_CHECK(authz_allowed(&admin, ACT_USER_MANAGE, NULL) &&
                  !authz_allowed(&com, ACT_USER_MANAGE, NULL), "only admins manage users");
    TAP_CHECK(!authz_allowed(&prov, ACT_MATRIX_READ, "FRA") &&
                  authz_allowed(&prov, ACT_WORKSPACE, NULL), "a provider has a workspace only");
    TAP_CHECK(!authz_allowed(&off, ACT_WORKSPACE, NULL), "a disabled user may do nothing");
    TAP_CHECK(!authz_allowed(&admin, ACT_COUNT, NULL), "an unknown action is refused");
}

static void test_lang_and_cookies(void)
{
    TAP_CHECK(web_pick_lang(NULL, NULL) == LANG_EN, "English by default");
    TAP_CHECK(web_pick_lang(NULL, "de-DE,de;q=0.9,fr;q=0.8") == LANG_FR,
              "the first of the six in Accept-Language");
    TAP_CHECK(web_pick_lang(NULL, "ZH-cn") == LANG_ZH, "any case");
    TAP_CHECK(web_pick_lang("a=1; r1540_lang=ar", "fr") == LANG_AR, "the cookie wins");
    TAP_CHECK(web_pick_lang("xr1540_lang=ru", NULL) == LANG_EN, "only the whole cookie name");
    TAP_CHECK(web_pick_lang("r1540_lang=", NULL) == LANG_EN, "an empty cookie");
    arena_t a = ARENA_INIT;
    char *v = web_cookie_get(&a, "x=1; r1540_session=abc; y=2", "r1540_session");
    TAP_CHECK(v && strcmp(v, "abc") == 0, "a cookie among others");
    TAP_CHECK(!web_cookie_get(&a, "r1540_sessionx=abc", "r1540_session"), "not a prefix");
    TAP_CHECK(!web_cookie_get(&a, NULL, "r1540_session"), "no header");
    arena_free(&a);
}

/* The real client address: X-Forwarded-For believed only from trusted proxies. */
static void test_client_address(void)
{
    arena_t a = ARENA_INIT;
    client_proxies_t t;
    err_t e = {0};
    TAP_CHECK(client_proxies_parse("127.0.0.1, ::1,10.0.0.5", &t, &e) == RC_OK && t.n == 3,
              "parse a list of trusted proxies");
    TAP_CHECK(client_proxies_parse("127.0.0.1,proxy.example", &t, &e) == RC_USAGE,
              "a name is not a trusted proxy");
    TAP_CHECK(client_proxies_parse("10.0.0.0/8", &t, &e) == RC_USAGE, "nor a range");
    client_proxies_parse("127.0.0.1,10.0.0.5", &t, &e);
    TAP_CHECK(strcmp(client_address_real(&t, "192.0.2.9", "203.0.113.1", &a), "192.0.2.9") == 0,
              "from an untrusted peer the header is ignored");
    TAP_CHECK(strcmp(client_address_real(&t, "127.0.0.1", NULL, &a), "127.0.0.1") == 0,
              "a trusted peer without the header is the client");
    TAP_CHECK(strcmp(client_address_real(&t, "127.0.0.1", "203.0.113.1", &a), "203.0.113.1") == 0,
              "a trusted peer's X-Forwarded-For names the client");
    TAP_CHECK(strcmp(client_address_real(&t, "127.0.0.1", "6.6.6.6, 203.0.113.1", &a),
                     "203.0.113.1") == 0,
              "the right-most untrusted entry, not the client's own claim");
    TAP_CHECK(strcmp(client_address_real(&t, "127.0.0.1", "203.0.113.1, 10.0.0.5", &a),
                     "203.0.113.1") == 0,
              "trusted hops are walked through");
    TAP_CHECK(strcmp(client_address_real(&t, "127.0.0.1", "203.0.113.1, junk", &a), "127.0.0.1") == 0,
              "garbage stops at the last trusted hop");
    TAP_CHECK(strcmp(client_address_real(&t, "127.0.0.1", "2001:DB8::1", &a), "2001:db8::1") == 0,
              "IPv6 is normalized");
    arena_free(&a);
}

int main(void)
{
    if (!mkdtemp(dir))
        return 1;
    test_templates();
    test_authz();
    test_lang_and_cookies();
    test_client_address();
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        return 1;
    return tap_done();
}
