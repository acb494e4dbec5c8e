/*
 * Unit tests for the domain rules and small utilities: dates, text checks,
 * marks and the workflow, matrix comparison, template ids, JSON escaping and
 * document type detection.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/core/matrix.h"
#include "../../src/core/matrix_info.h"
#include "../../src/core/template_carry.h"
#include "../../src/core/matrix_workflow.h"
#include "../../src/core/matrix_audience.h"
#include "../../src/core/matrix_page.h"
#include "../../src/core/media.h"
#include "../../src/core/report.h"
#include "../../src/core/state.h"
#include "../../src/util/buf.h"
#include "../../src/util/date.h"
#include "../../src/util/json_out.h"
#include "../../src/util/mem.h"
#include "../../src/util/text.h"
#include "../../src/util/weburl.h"
#include "tap.h"

static void test_dates(void)
{
    TAP_CHECK(date_valid("2004-04-28"), "a plain date");
    TAP_CHECK(date_valid("2024-02-29"), "29 February in a leap year");
    TAP_CHECK(!date_valid("2023-02-29"), "no 29 February in 2023");
    TAP_CHECK(!date_valid("1900-02-29"), "1900 was not a leap year");
    TAP_CHECK(date_valid("2000-02-29"), "2000 was a leap year");
    TAP_CHECK(!date_valid("2004-13-01"), "month 13");
    TAP_CHECK(!date_valid("2004-4-28"), "missing zero");
    TAP_CHECK(!date_valid("2004-04-28T00"), "trailing text");
    TAP_CHECK(!date_valid(""), "empty");
    TAP_CHECK(!date_valid(NULL), "NULL");
    TAP_CHECK(date_days("1970-01-01") == 0 && date_days("2000-03-01") == 11017 &&
                  date_days("2024-03-01") - date_days("2024-02-28") == 2 &&
                  date_days("2023-03-01") - date_days("2023-02-28") == 1,
              "day counts, leap days included");
    bool round_trip = true;
    char d[11];
    for (long n = date_days("1999-12-25"); n < date_days("2031-01-05"); n++) {
        date_from_days(n, d);
        round_trip &= date_valid(d) && date_days(d) == n;
    }
    date_from_days(date_days("2024-02-28") + 1, d);
    TAP_CHECK(round_trip && strcmp(d, "2024-02-29") == 0,
              "date_from_days inverts date_days on every day of 31 years");
}

static void test_text(void)
{
    TAP_CHECK(text_utf8_ok("Côte d'Ivoire 中国 العربية", 30), "UTF-8 in three scripts");
    TAP_CHECK(!text_utf8_ok("\xc0\xaf", 2), "overlong encoding");
    TAP_CHECK(!text_utf8_ok("\xed\xa0\x80", 3), "UTF-16 surrogate");
    TAP_CHECK(!text_utf8_ok("\xe4\xb8", 2), "truncated sequence");
    TAP_CHECK(!text_utf8_ok("a\x01" "b", 3), "control character");
    TAP_CHECK(text_single_line_ok("one line", 10), "single line");
    TAP_CHECK(!text_single_line_ok("two\nlines", 100), "newline in a single line");
    TAP_CHECK(!text_single_line_ok("too long", 5), "length limit");
    TAP_CHECK(text_filename_ok("report 2004.pdf"), "a file name");
    TAP_CHECK(!text_filename_ok("../etc/passwd"), "a path is not a file name");
    TAP_CHECK(!text_filename_ok(".."), "dot-dot");
}

static void test_marks_and_workflow(void)
{
    TAP_CHECK(matrix_mark_parse("X") == MARK_X && matrix_mark_parse("?") == MARK_UNSURE &&
                  matrix_mark_parse("NA") == MARK_NA && matrix_mark_parse("") == MARK_BLANK,
              "the four marks parse");
    TAP_CHECK(matrix_mark_parse("x") < 0 && matrix_mark_parse("Y") < 0, "no other marks");
    TAP_CHECK(matrix_status_transition_ok(MV_DRAFT, MV_WITH_STATE), "draft -> with-state");
    TAP_CHECK(matrix_status_transition_ok(MV_WITH_STATE, MV_DRAFT), "returned with comments");
    TAP_CHECK(matrix_status_transition_ok(MV_WITH_STATE, MV_APPROVED), "approved");
    TAP_CHECK(matrix_status_transition_ok(MV_APPROVED, MV_PUBLISHED), "published");
    TAP_CHECK(!matrix_status_transition_ok(MV_DRAFT, MV_APPROVED), "no approval of a draft");
    TAP_CHECK(!matrix_status_transition_ok(MV_APPROVED, MV_DRAFT), "approved never goes back");
    TAP_CHECK(!matrix_status_transition_ok(MV_PUBLISHED, MV_APPROVED), "published is final");
    TAP_CHECK(matrix_status_frozen(MV_APPROVED) && matrix_status_frozen(MV_PUBLISHED) &&
                  !matrix_status_frozen(MV_DRAFT) && !matrix_status_frozen(MV_WITH_STATE),
              "frozen statuses");
}

/* The workflow table: each step's row, and the rules the operations read. */
static void test_workflow_table(void)
{
    for (int i = 0; i < MW_STEP_COUNT; i++) {
        const matrix_transition_t *t = matrix_transition((matrix_step_t)i);
        TAP_CHECK(t && matrix_step_parse(t->verb) == i, "every step parses back from its verb");
        TAP_CHECK(t->from == t->to || matrix_status_transition_ok(t->from, t->to),
                  "every moving step is a transition");
        TAP_CHECK(!matrix_status_frozen(t->from) || t->to == MV_PUBLISHED,
                  "only publication leaves a frozen status");
    }
    TAP_CHECK(matrix_transition(MW_STEP_COUNT) == NULL && matrix_step_parse("delete") < 0 &&
                  matrix_step_parse(NULL) < 0, "no other steps");
    const matrix_transition_t *ap = matrix_transition(MW_APPROVE);
    TAP_CHECK(ap->answer == MW_ACCEPTED && ap->act == ACT_MATRIX_APPROVE && ap->dated,
              "approval needs the state's acceptance, the Committee's permission and a date");
    TAP_CHECK(matrix_transition(MW_ACCEPT)->act == ACT_MATRIX_REVIEW &&
                  matrix_transition(MW_COMMENT)->act == ACT_MATRIX_REVIEW &&
                  matrix_transition(MW_ACCEPT)->answer == MW_NOT_ACCEPTED,
              "the state answers once, with its own permission");
    TAP_CHECK(matrix_status_editable(MV_DRAFT) && !matrix_status_editable(MV_WITH_STATE) &&
                  !matrix_status_editable(MV_APPROVED), "only a draft's entries change");
    TAP_CHECK(matrix_status_in_progress(MV_DRAFT) && matrix_status_in_progress(MV_WITH_STATE) &&
                  !matrix_status_in_progress(MV_APPROVED), "in progress: draft and with-state");
}

/* The system actor: the CLI without --as. */
static void test_system_actor(void)
{
    const user_t *sys = authz_system_user();
    TAP_CHECK(sys && sys->id == 0 && sys->role == AUTHZ_ROLE_SYSTEM, "the system actor is no account");
    TAP_CHECK(authz_allowed(sys, ACT_MATRIX_APPROVE, "FRA") &&
                  authz_allowed(sys, ACT_MATRIX_EDIT, "FRA") &&
                  authz_allowed(sys, ACT_USER_MANAGE, NULL) &&
                  authz_allowed(sys, ACT_DATA_IMPORT, NULL),
              "it has the experts', the Committee's, the administrator's and the CLI's powers");
    TAP_CHECK(!authz_allowed(sys, ACT_MATRIX_REVIEW, "FRA"), "but never answers for a state");
    user_t expert = {.role = ROLE_EXPERT, .state = ""}, bad = {.role = (role_t)(ROLE_COUNT + 1)};
    TAP_CHECK(!authz_allowed(&expert, ACT_DATA_IMPORT, NULL), "no account imports datasets");
    TAP_CHECK(!authz_allowed(&bad, ACT_WORKSPACE, NULL), "a role past the system's has nothing");
}

#define E(id, m, ref) {.item = id, .mark = m, .legal_reference = ref, .page = "", .remark = ""}

#define I(x) {.id = x}

static void test_diff(void)
{
    template_item_t t[] = {I("A"), I("B"), I("C"), I("D")};
    matrix_entry_t a[] = {E("A", MARK_X, "law 1"), E("C", MARK_UNSURE, ""), E("D", MARK_NA, "")};
    matrix_entry_t b[] = {E("A", MARK_X, "law 1"), E("B", MARK_X, ""), E("C", MARK_X, "")};
    size_t n;
    matrix_change_t *c = matrix_diff(t, 4, a, 3, b, 3, &n);
    TAP_CHECK(n == 3, "three changes");
    TAP_CHECK(n == 3 && strcmp(c[0].item, "B") == 0 && !c[0].old && c[0].new,
              "an added item, in template order");
    TAP_CHECK(n == 3 && strcmp(c[1].item, "C") == 0 && c[1].old->mark == MARK_UNSURE &&
                  c[1].new->mark == MARK_X,
              "a changed mark");
    TAP_CHECK(n == 3 && strcmp(c[2].item, "D") == 0 && c[2].old && !c[2].new, "a removed item");
    free(c);
    c = matrix_diff(t, 4, a, 3, a, 3, &n);
    TAP_CHECK(n == 0, "a version equals itself");
    free(c);
    matrix_entry_t blank[] = {E("A", MARK_BLANK, "")};
    c = matrix_diff(t, 4, blank, 1, NULL, 0, &n);
    TAP_CHECK(n == 0, "a stored blank entry equals an absent one");
    free(c);
    c = matrix_diff(t, 4, NULL, 0, NULL, 0, &n);
    TAP_CHECK(n == 0, "two empty versions");
    free(c);
    /* Each version has an item the other lacks; the later item comes first in the lists. */
    matrix_entry_t only_d[] = {E("D", MARK_X, "")}, only_b[] = {E("B", MARK_X, "")};
    c = matrix_diff(t, 4, only_d, 1, only_b, 1, &n);
    TAP_CHECK(n == 2 && strcmp(c[0].item, "B") == 0 && !c[0].old && c[0].new &&
                  strcmp(c[1].item, "D") == 0 && c[1].old && !c[1].new,
              "an added and a removed item, in template order");
    free(c);
    c = matrix_diff(t, 4, only_b, 1, only_d, 1, &n);
    TAP_CHECK(n == 2 && strcmp(c[0].item, "B") == 0 && c[0].old && !c[0].new &&
                  strcmp(c[1].item, "D") == 0 && !c[1].old && c[1].new,
              "a removed and an added item, in template order");
    free(c);
}

static void test_codes(void)
{
    TAP_CHECK(template_item_id_ok("OP2-NW-MANUFACTURE-LAW"), "an item id");
    TAP_CHECK(!template_item_id_ok("op1-npt"), "lower case is not an id");
    TAP_CHECK(!template_item_id_ok("-OP1"), "an id starts with a letter or digit");
    TAP_CHECK(!template_item_id_ok("OP1-THIS-ID-IS-FAR-TOO-LONG-TO-BE-OK"), "at most 32");
    TAP_CHECK(template_has_theme("legislation,export-control", "export-control"), "theme list");
    TAP_CHECK(!template_has_theme("legislation,export-control", "export"), "no prefix match");
    TAP_CHECK(state_code_syntax_ok("fr") && state_code_syntax_ok("FRA"), "state codes");
    TAP_CHECK(!state_code_syntax_ok("F1") && !state_code_syntax_ok("FRAN"), "bad state codes");
    TAP_CHECK(report_kind_parse("peer-review") != NULL && !report_kind_parse("memo"),
              "report kinds");
}

static void test_json_out(void)
{
    buf_t b;
    buf_init(&b, 0);
    json_out_str(&b, "a\"b\\c\n\x01 中");
    TAP_STREQ(buf_str(&b), "\"a\\\"b\\\\c\\n\\u0001 中\"", "JSON escaping");
    buf_reset(&b);
    json_out_str(&b, NULL);
    TAP_STREQ(buf_str(&b), "null", "NULL is null");
    buf_free(&b);
    buf_t capped;
    buf_init(&capped, 4);
    buf_puts(&capped, "abc");
    buf_puts(&capped, "de");
    TAP_CHECK(capped.overflow && capped.len == 3, "a capped buffer refuses what does not fit");
    buf_free(&capped);
}

static void test_media(void)
{
    TAP_STREQ(media_type_detect("%PDF-1.7\n", 9, "r.pdf"), "application/pdf", "PDF");
    TAP_CHECK(media_type_detect("PK\x03\x04zz", 6, "r.docx") != NULL, "docx");
    TAP_CHECK(media_type_detect("PK\x03\x04zz", 6, "r.zip") == NULL, "a bare zip is refused");
    TAP_CHECK(media_type_detect("PK\x03\x04zz", 6, "r.xlsx") == NULL, "a spreadsheet is refused");
    TAP_CHECK(strncmp(media_type_detect("<html>x</html>", 14, "r.html"), "text/plain", 10) == 0,
              "HTML is kept as plain text, never served as a page");
    TAP_CHECK(media_type_detect("\x7f" "ELF\x02\x01", 6, "r.pdf") == NULL, "an executable");
    TAP_CHECK(strncmp(media_type_detect("plain text", 10, "r.txt"), "text/plain", 10) == 0,
              "text");
}

/* Issue 12: web addresses as sources, OP1 relevant information, carrying
 * entries through a crosswalk. */
static void test_template_v2(void)
{
    TAP_CHECK(weburl_ok("") && weburl_ok("https://www.un.org/en/sc/1540/") &&
                  weburl_ok("HTTP://example.org/a?b=1&c='d'"),
              "weburl: empty, https and http (any case) with a host");
    TAP_CHECK(!weburl_ok("javascript:alert(1)") && !weburl_ok("data:text/html,x") &&
                  !weburl_ok("ftp://example.org/") && !weburl_ok("https:///x") &&
                  !weburl_ok("http:example.org") && !weburl_ok("https://exa mple.org") &&
                  !weburl_ok("https://example.org/\xc3\xa9") && !weburl_ok("//example.org"),
              "weburl: other schemes, no host, spaces, non-ASCII, relative refused");
    char big[WEBURL_MAX + 2];
    memset(big, 'a', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    memcpy(big, "https://x.org/", 14);
    TAP_CHECK(!weburl_ok(big), "weburl: longer than WEBURL_MAX refused");
    big[WEBURL_MAX] = '\0';
    TAP_CHECK(weburl_ok(big), "weburl: exactly WEBURL_MAX accepted");
    err_t e = {0};
    matrix_entry_t en = {.item = "OP1-NPT", .legal_reference = "", .page = "", .remark = "",
                         .info = "ratified", .info_date = {"1968-07-01", "1970-03-05", ""}};
    TAP_CHECK(matrix_entry_validate(&en, &e) == RC_OK && !matrix_entry_empty(&en),
              "info: an OP1 entry with dates is valid and not empty");
    en.item = "OP2-NW-USE-LAW";
    TAP_CHECK(matrix_entry_validate(&en, &e) == RC_INPUT, "info: refused outside OP1");
    en.item = "OP1-NPT";
    memcpy(en.info_date[INFO_RATIFIED], "1960-01-01", 11);
    TAP_CHECK(matrix_entry_validate(&en, &e) == RC_INPUT, "info: ratified before signed refused");
    matrix_entry_t blank = {.item = "OP1-NPT", .legal_reference = "", .page = "", .remark = ""};
    TAP_CHECK(matrix_entry_empty(&blank) && !matrix_entry_equal(&en, &blank),
              "info: NULL fields count as empty; info makes entries differ");
    template_item_t v1[] = {{.id = "A"}, {.id = "B"}, {.id = "C"}};
    template_item_t v2[] = {{.id = "A", .from_id = "A"}, {.id = "B2", .from_id = "B"},
                            {.id = "N", .from_id = ""}};
    matrix_entry_t es[] = {{.item = "A"}, {.item = "B"}, {.item = "C"}};
    arena_t a = ARENA_INIT;
    template_carry_t c;
    TAP_CHECK(template_carry(1, v1, 3, 2, v2, 3, es, 3, &a, &c, &e) == RC_OK && c.ncarried == 2 &&
                  strcmp(c.entries[1].item, "B2") == 0 && c.nlost == 1 &&
                  strcmp(c.lost[0], "C") == 0,
              "carry v1 -> v2: linked items renamed, the unlinked one listed");
    matrix_entry_t back_in[] = {{.item = "B2"}, {.item = "N"}};
    TAP_CHECK(template_carry(2, v2, 3, 1, v1, 3, back_in, 2, &a, &c, &e) == RC_OK &&
                  c.ncarried == 1 && strcmp(c.entries[0].item, "B") == 0 && c.nlost == 1 &&
                  strcmp(c.lost[0], "N") == 0,
              "carry v2 -> v1: back along the links, a v2-only item listed");
    TAP_CHECK(template_carry(1, v1, 3, 3, v2, 3, es, 3, &a, &c, &e) == RC_INPUT,
              "carry: versions two apart refused");
    arena_free(&a);
}

/* Arenas recycle their standard blocks through the thread's spares: a
 * recycled block must come back zeroed by arena_alloc, hold what is written
 * to it, and a thread's spares must be freed when it ends (the ASan build's
 * leak check fails otherwise). */
static void *arena_churn(void *unused)
{
    (void)unused;
    int ok = 1;
    for (int round = 0; round < 50; round++) {
        arena_t a = ARENA_INIT;
        unsigned char *big = arena_alloc(&a, 200 * 1024); /* a block of its own size */
        for (int i = 0; i < 300; i++) {
            unsigned char *p = arena_alloc(&a, 1000);
            for (int k = 0; k < 1000; k++)
                ok &= p[k] == 0;
            memset(p, 0xAB, 1000);
        }
        ok &= big[0] == 0 && big[200 * 1024 - 1] == 0;
        char *s = arena_strdup(&a, "kept");
        ok &= strcmp(s, "kept") == 0;
        arena_free(&a);
    }
    return ok ? (void *)1 : NULL;
}

static void test_arena_recycling(void)
{
    TAP_CHECK(arena_churn(NULL) != NULL, "recycled arena blocks come back zeroed and whole");
    pthread_t t;
    void *ok = NULL;
    TAP_CHECK(pthread_create(&t, NULL, arena_churn, NULL) == 0 && pthread_join(t, &ok) == 0 && ok,
              "... in another thread too, whose spares are freed when it ends");
    arena_t a = ARENA_INIT;
    arena_free(&a);
    TAP_CHECK(a.head == NULL, "an empty arena frees to empty");
}

/* Who a workflow step tells (matrix_audience.c): the roles of its row, a
 * point of contact only for their own state, never a disabled user or the
 * one taking the step. */
static void test_audience(void)
{
    user_t poc_fra = {.id = 1, .role = ROLE_POC, .state = "FRA"};
    user_t poc_deu = {.id = 2, .role = ROLE_POC, .state = "DEU"};
    user_t expert = {.id = 3, .role = ROLE_EXPERT, .state = ""};
    user_t com = {.id = 4, .role = ROLE_COMMITTEE, .state = ""};
    user_t admin = {.id = 5, .role = ROLE_ADMIN, .state = ""};
    user_t gone = {.id = 6, .role = ROLE_POC, .state = "FRA", .disabled = true};
    TAP_CHECK(matrix_step_tells(MW_SEND, &poc_fra, "FRA", &expert), "send tells the state's point of contact");
    TAP_CHECK(!matrix_step_tells(MW_SEND, &poc_deu, "FRA", &expert), "... not another state's");
    TAP_CHECK(!matrix_step_tells(MW_SEND, &gone, "FRA", &expert), "... not a disabled one");
    TAP_CHECK(!matrix_step_tells(MW_SEND, &com, "FRA", &expert) && !matrix_step_tells(MW_SEND, &admin, "FRA", &expert),
              "... nor the Committee or administrators");
    TAP_CHECK(matrix_step_tells(MW_ACCEPT, &expert, "FRA", &poc_fra) && matrix_step_tells(MW_ACCEPT, &com, "FRA", &poc_fra),
              "accept tells the experts and the Committee");
    TAP_CHECK(!matrix_step_tells(MW_ACCEPT, &poc_fra, "FRA", &poc_fra), "... never the one who accepts");
    TAP_CHECK(matrix_step_tells(MW_APPROVE, &poc_fra, "FRA", &com) && matrix_step_tells(MW_PUBLISH, &expert, "FRA", &com),
              "approve and publish tell the state and the experts");
    TAP_CHECK(!matrix_step_tells(MW_STEP_COUNT, &expert, "FRA", NULL), "an unknown step tells nobody");
    user_t odd = {.id = 7, .role = (role_t)99};
    TAP_CHECK(!matrix_step_tells(MW_SEND, &odd, "FRA", NULL), "... nor does an unknown role get told");
}

/* The entry form's page rule (matrix_page.c). */
static void test_page_numbers(void)
{
    static const char *const good[] = {"", "12", "p. 12", "p.12", "pp. 12-14", "pp. 12 \xe2\x80\x93 14",
                                       "iv", "XII", "3, 7-9; 11", "  5  "};
    static const char *const bad[] = {"twelve", "p.", "12-", "-3", "1234567", "p. 12, ", "12 13",
                                      "p. 1<script>", "ivx2", "iV", "12,,13", "\xe2\x80\x93"};
    for (size_t i = 0; i < sizeof good / sizeof *good; i++)
        TAP_CHECK(matrix_page_ok(good[i]), "a page reference people write is taken");
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        TAP_CHECK(!matrix_page_ok(bad[i]), "a page reference that is not one is refused");
    TAP_CHECK(matrix_page_ok(NULL), "no page at all is fine");
}

int main(void)
{
    test_audience();
    test_page_numbers();
    test_template_v2();
    test_arena_recycling();
    test_dates();
    test_text();
    test_marks_and_workflow();
    test_workflow_table();
    test_system_actor();
    test_diff();
    test_codes();
    test_json_out();
    test_media();
    return tap_done();
}
