/*
 * The store operations of a state's draft comments and of effective
 * practices, through the store interface, on either backend: on a fresh
 * SQLite file by default, or on the database R1540_TEST_DB names (an
 * initialized, otherwise empty r1540 database: tests/cli/55_postgres_comments.sh
 * runs it on PostgreSQL). No door reaches every one of these operations
 * from the command line (drafts are edited, deleted and answered on the web,
 * which signs people in; the practice search comes after the report search),
 * so their contracts (store_ops.def) are checked here: the same results,
 * codes and messages on both backends.
 */
#include <stdlib.h>
#include <unistd.h>

#include "../../src/io/refdata.h"
#include "../../src/store/store.h"
#include "../../src/text/analyze.h"
#include "../../src/util/lang.h"
#include "tap.h"

static char dir[] = "/tmp/r1540-comments-XXXXXX";

/* The database under test: R1540_TEST_DB, or a fresh SQLite one with the
 * reference data (what `r1540 init` loads). */
static store_t *open_store(arena_t *a)
{
    const char *url = getenv("R1540_TEST_DB");
    store_t *st = NULL;
    err_t e = {0};
    if (url && *url) {
        if (store_open(url, STORE_OPEN_EXISTING, &st, &e) != RC_OK)
            printf("# %s\n", e.msg);
        return st;
    }
    char path[256];
    if (!mkdtemp(dir))
        return NULL;
    snprintf(path, sizeof path, "%s/t.db", dir);
    if (store_open(path, STORE_OPEN_CREATE, &st, &e) != RC_OK) {
        printf("# %s\n", e.msg);
        return NULL;
    }
    store_begin(st, &e);
    rc_t rc = refdata_load(st, getenv("R1540_DATA") ? getenv("R1540_DATA") : "data", a, &e);
    store_commit(st, &e);
    if (rc != RC_OK)
        printf("# refdata: %s\n", e.msg);
    return st;
}

static long long add_user(store_t *st, const char *name, role_t role, const char *state)
{
    err_t e = {0};
    user_t u = {.name = (char *)name,
                .role = role,
                .state = (char *)state,
                .org = "",
                .pw_hash = "not-a-real-hash: nobody signs in here"};
    if (store_user_insert(st, &u, &e) != RC_OK)
        printf("# user %s: %s\n", name, e.msg);
    return u.id;
}

/* ---- draft comments --------------------------------------------------------- */

static long long add_comment(store_t *st, long long version, long long user, const char *text,
                             bool sent)
{
    err_t e = {0};
    matrix_comment_t c = {.version_id = version,
                          .user_id = user,
                          .item = "OP1-NPT",
                          .text = (char *)text,
                          .created = "2026-01-05T10:00:00Z",
                          .sent = sent};
    if (store_comment_insert(st, &c, &e) != RC_OK)
        printf("# comment: %s\n", e.msg);
    return c.id;
}

/* rc and e.msg as one string, "3 no draft comment with id 3", for exact checks. */
static const char *said(arena_t *a, rc_t rc, const err_t *e)
{
    return arena_printf(a, "%d %s", (int)rc, rc == RC_OK ? "" : e->msg);
}

static void test_comments(store_t *st, arena_t *a, long long version, long long poc,
                          long long expert)
{
    err_t e = {0};
    long long c1 = add_comment(st, version, poc, "first", false);
    long long c2 = add_comment(st, version, poc, "second", false);
    long long c3 = add_comment(st, version, poc, "sent at once", true);
    TAP_CHECK(c1 == 1 && c2 == 2 && c3 == 3, "comments get the ids 1, 2, 3");

    matrix_comment_t c;
    TAP_CHECK(store_comment_get(st, c1, a, &c, &e) == RC_OK && !c.sent && *c.answered == 0 &&
                  strcmp(c.user_name, "deu-poc") == 0 && strcmp(c.item, "OP1-NPT") == 0 &&
                  strcmp(c.created, "2026-01-05T10:00:00Z") == 0 && c.version_id == version,
              "comment_get: a draft, unanswered, with its author's name");
    TAP_STREQ(said(a, store_comment_get(st, 99, a, &c, &e), &e), "3 no comment with id 99",
              "comment_get of no comment: RC_NOTFOUND naming it");

    TAP_STREQ(said(a, store_comment_set_text(st, c1, "changed", &e), &e), "0 ",
              "a draft's text changes");
    TAP_CHECK(store_comment_get(st, c1, a, &c, &e) == RC_OK && strcmp(c.text, "changed") == 0,
              "... and reads back changed");
    TAP_STREQ(said(a, store_comment_set_text(st, c1, "", &e), &e),
              "4 a comment must have 1 to 4000 characters", "an empty text is RC_INPUT");
    char *long_text = arena_alloc(a, 4002);
    memset(long_text, 'x', 4001);
    long_text[4001] = '\0';
    TAP_STREQ(said(a, store_comment_set_text(st, c1, long_text, &e), &e),
              "4 a comment must have 1 to 4000 characters", "4001 characters is RC_INPUT");
    /* 4000 characters of two bytes each: the limit counts characters */
    char *wide = arena_alloc(a, 8001);
    for (int i = 0; i < 4000; i++)
        memcpy(wide + 2 * i, "\xc3\xa9", 2);
    wide[8000] = '\0';
    TAP_STREQ(said(a, store_comment_set_text(st, c1, wide, &e), &e), "0 ",
              "4000 characters of 8000 bytes are allowed");
    TAP_CHECK(store_comment_get(st, c1, a, &c, &e) == RC_OK && strcmp(c.text, wide) == 0,
              "... and kept byte for byte");
    TAP_STREQ(said(a, store_comment_set_text(st, c3, "x", &e), &e), "3 no draft comment with id 3",
              "a sent comment's text does not change");
    TAP_STREQ(said(a, store_comment_delete(st, c3, &e), &e), "3 no draft comment with id 3",
              "a sent comment is not deleted");
    TAP_STREQ(said(a, store_comment_delete(st, c2, &e), &e), "0 ", "a draft is deleted");
    TAP_STREQ(said(a, store_comment_delete(st, c2, &e), &e), "3 no draft comment with id 2",
              "... once");
    TAP_STREQ(said(a, store_comment_answer(st, c1, expert, &e), &e),
              "3 no unanswered comment with id 1", "a draft is not answered");

    int n = -1;
    TAP_CHECK(store_comments_send(st, version, &n, &e) == RC_OK && n == 1,
              "comments_send sends the one draft left");
    TAP_CHECK(store_comments_send(st, version, &n, &e) == RC_OK && n == 0,
              "... and a second send finds none");
    TAP_CHECK(store_comments_send(st, 999, &n, &e) == RC_OK && n == 0,
              "... nor does a send for no version");
    TAP_STREQ(said(a, store_comment_set_text(st, c1, "late", &e), &e),
              "3 no draft comment with id 1", "a sent draft no longer changes");

    TAP_STREQ(said(a, store_comment_answer(st, c1, expert, &e), &e), "0 ",
              "an expert answers a sent comment");
    TAP_CHECK(store_comment_get(st, c1, a, &c, &e) == RC_OK && c.sent && strlen(c.answered) == 20 &&
                  c.answered[10] == 'T' && c.answered[19] == 'Z',
              "... answered now, in r1540's time format");
    TAP_STREQ(said(a, store_comment_answer(st, c1, expert, &e), &e),
              "3 no unanswered comment with id 1", "... once");
    TAP_STREQ(said(a, store_comment_answer(st, c3, 0, &e), &e), "0 ",
              "the system actor (no user row) answers too");
    TAP_STREQ(said(a, store_comment_answer(st, 99, expert, &e), &e),
              "3 no unanswered comment with id 99", "no such comment");

    matrix_comment_t *all;
    size_t k = 0;
    TAP_CHECK(store_comments(st, version, a, &all, &k, &e) == RC_OK && k == 2 && all[0].id == c1 &&
                  all[1].id == c3 && all[0].sent && all[1].sent && *all[0].answered &&
                  *all[1].answered,
              "comments: the two left, in order, sent and answered");
    matrix_comment_t bad = {.version_id = 999, .user_id = poc, .item = "", .text = "x"};
    TAP_STREQ(said(a, store_comment_insert(st, &bad, &e), &e),
              arena_printf(a, "4 no matrix version 999 or no user %lld", poc),
              "a comment on no version is RC_INPUT");
}

/* ---- effective practices ----------------------------------------------------- */

static long long add_practice(store_t *st, long long id, const char *state, const char *org,
                              const char *summary, const char *doc, err_t *e)
{
    practice_t p = {.id = id,
                    .org = (char *)org,
                    .title = "Guichet unique",
                    .summary = (char *)summary,
                    .items = "OP1-NPT,OP1-CWC",
                    .themes = "",
                    .status = PRACTICE_SUBMITTED,
                    .note = "",
                    .submitter = "tester",
                    .filename = doc ? "lessons.txt" : NULL,
                    .media_type = "text/plain"};
    snprintf(p.state, sizeof p.state, "%s", state);
    memcpy(p.language, "fr", 3);
    memcpy(p.submitted, "2026-01-10", 11);
    return store_practice_insert(st, &p, doc, doc ? strlen(doc) : 0, e) == RC_OK ? p.id : -1;
}

/* The ids of a list, "8 7 2 1". */
static const char *ids_of(arena_t *a, const practice_t *p, size_t n)
{
    const char *s = "";
    for (size_t i = 0; i < n; i++)
        s = arena_printf(a, "%s%s%lld", s, i ? " " : "", p[i].id);
    return s;
}

static const char *listed(store_t *st, arena_t *a, practice_filter_t f)
{
    err_t e = {0};
    practice_t *p;
    size_t n;
    rc_t rc = store_practice_list(st, &f, a, &p, &n, &e);
    return rc == RC_OK ? ids_of(a, p, n) : arena_strdup(a, e.msg);
}

static rc_t index_practice(store_t *st, text_analyzer_t *an, arena_t *a, long long id,
                           const char *text, err_t *e)
{
    char *terms = text_terms_joined(an, text, strlen(text), lang_parse("fr"), a, e);
    return terms ? store_practice_index(st, id, terms, e) : RC_FAIL;
}

/* The hits of query q (up to limit), "ids/total", the ids sorted when sort
 * is set (where BM25 and ts_rank may order them differently). */
static const char *found(store_t *st, text_analyzer_t *an, arena_t *a, const char *q,
                         long long limit, bool sort)
{
    err_t e = {0};
    text_query_t tq;
    if (text_query_parse(an, q, -1, a, &tq, &e) != RC_OK)
        return arena_strdup(a, e.msg);
    practice_t *p;
    size_t n;
    long long total;
    if (store_practice_search(st, &tq, limit, a, &p, &n, &total, &e) != RC_OK)
        return arena_strdup(a, e.msg);
    for (size_t i = 1; sort && i < n; i++)
        for (size_t j = i; j > 0 && p[j - 1].id > p[j].id; j--) {
            practice_t t = p[j];
            p[j] = p[j - 1];
            p[j - 1] = t;
        }
    return arena_printf(a, "%s/%lld", ids_of(a, p, n), total);
}

static void test_practices(store_t *st, arena_t *a)
{
    err_t e = {0};
    const char *doc = "Radiation portal monitors at the border: quokkaline lessons.\n";
    const char *s1 = "Un guichet unique pour les licences de biens a double usage: zanzibarite.";
    TAP_CHECK(add_practice(st, 0, "FRA", "", s1, NULL, &e) == 1, "a state's practice gets id 1");
    TAP_CHECK(add_practice(st, 0, "", "IAEA", "Portal monitors", doc, &e) == 2,
              "an organization's, with a document, id 2");
    TAP_CHECK(add_practice(st, 7, "DEU", "", "Given an id", NULL, &e) == 7,
              "an id given by the caller is kept");
    TAP_CHECK(add_practice(st, 0, "FRA", "", "After it", NULL, &e) == 8,
              "... and the next is past it");
    TAP_CHECK(add_practice(st, 0, "FRA", "IAEA", "Both", NULL, &e) == -1 && e.rc == RC_INPUT,
              "a state and an organization both: RC_INPUT");
    TAP_CHECK(add_practice(st, 0, "ZZZ", "", "No such state", NULL, &e) == -1 && e.rc == RC_INPUT,
              "an unknown state: RC_INPUT");

    practice_t p;
    char sha[65];
    report_sha256_hex(doc, strlen(doc), sha);
    TAP_CHECK(store_practice_get(st, 2, a, &p, &e) == RC_OK && p.has_document &&
                  strcmp(p.filename, "lessons.txt") == 0 &&
                  strcmp(p.media_type, "text/plain") == 0 && p.size == (long long)strlen(doc) &&
                  strcmp(p.sha256, sha) == 0 && strcmp(p.org, "IAEA") == 0 && !*p.state,
              "practice_get: the document's name, type, size and SHA-256");
    TAP_CHECK(store_practice_get(st, 1, a, &p, &e) == RC_OK && !p.has_document && !p.filename &&
                  p.size == -1 && !*p.sha256 && strcmp(p.summary, s1) == 0 &&
                  strcmp(p.status, "submitted") == 0 && !*p.decided && !*p.org &&
                  strcmp(p.state, "FRA") == 0 && strcmp(p.items, "OP1-NPT,OP1-CWC") == 0,
              "practice_get: one without a document");
    TAP_STREQ(said(a, store_practice_get(st, 99, a, &p, &e), &e), "3 no practice with id 99",
              "practice_get of none: RC_NOTFOUND");
    void *bytes;
    size_t len;
    TAP_CHECK(store_practice_document(st, 2, a, &bytes, &len, &e) == RC_OK && len == strlen(doc) &&
                  memcmp(bytes, doc, len) == 0,
              "practice_document: the bytes back");
    TAP_STREQ(said(a, store_practice_document(st, 1, a, &bytes, &len, &e), &e),
              "3 practice 1 has no document", "practice_document of one without: RC_NOTFOUND");

    TAP_STREQ(listed(st, a, (practice_filter_t){0}), "8 7 2 1", "practice_list: newest first");
    TAP_STREQ(listed(st, a, (practice_filter_t){.state = "FRA"}), "8 1", "... by state");
    TAP_STREQ(listed(st, a, (practice_filter_t){.org = "IAEA"}), "2", "... by organization");
    TAP_STREQ(listed(st, a, (practice_filter_t){.item = "OP1-CWC"}), "8 7 2 1",
              "... by item, the second of a list");
    TAP_STREQ(listed(st, a, (practice_filter_t){.item = "OP1"}), "",
              "... a part of an item matches nothing");

    TAP_STREQ(
        said(a, store_practice_decide(st, 1, "submitted", "published", "", "2026-02-01", &e), &e),
        "0 ", "practice_decide publishes");
    TAP_STREQ(
        said(a, store_practice_decide(st, 1, "submitted", "returned", "no", "2026-02-02", &e), &e),
        "5 practice 1 is published, not submitted", "... a second reviewer is refused");
    TAP_STREQ(
        said(a, store_practice_decide(st, 99, "submitted", "published", "", "2026-02-01", &e), &e),
        "3 no practice with id 99", "... no such practice: RC_NOTFOUND");
    TAP_CHECK(store_practice_decide(st, 2, "submitted", "published", "why", "2026-02-01", &e) ==
                  RC_INPUT,
              "... a note on anything but a return is RC_INPUT (the schema's check)");
    TAP_CHECK(store_practice_decide(st, 2, "submitted", "published", "", "2025-12-31", &e) ==
                  RC_INPUT,
              "... a decision dated before the submission is RC_INPUT");
    TAP_STREQ(listed(st, a, (practice_filter_t){.status = "published"}), "1",
              "practice_list by status");

    text_analyzer_t *an = text_analyzer_new(&e);
    TAP_CHECK(an != NULL, "an analyzer");
    if (!an)
        return;
    TAP_STREQ(said(a, index_practice(st, an, a, 2, "Portal monitors", &e), &e),
              "5 practice 2 is not published: it is not indexed",
              "practice_index refuses a practice under review");
    TAP_STREQ(said(a, index_practice(st, an, a, 1, s1, &e), &e), "0 ", "practice_index");
    TAP_STREQ(said(a, index_practice(st, an, a, 1, s1, &e), &e), "0 ", "... again, replacing");
    store_practice_decide(st, 7, "submitted", "published", "", "2026-02-01", &e);
    store_practice_decide(st, 8, "submitted", "published", "", "2026-02-01", &e);
    index_practice(st, an, a, 7,
                   "Licences, licences, licences: un guichet pour les licences de licences", &e);
    index_practice(st, an, a, 8,
                   "Un long texte sur les douanes, les ports, les frontieres, les controles, "
                   "les formations, les echanges et une seule fois les licences",
                   &e);
    TAP_STREQ(found(st, an, a, "zanzibarite", 10, false), "1/1", "practice_search: one hit");
    TAP_STREQ(found(st, an, a, "ZANZIBARITE", 10, false), "1/1", "... folded as indexed");
    TAP_STREQ(found(st, an, a, "licence", 10, true), "1 7 8/3",
              "... a stem finds every form (sorted ids: the ranking differs)");
    TAP_STREQ(found(st, an, a, "licence", 1, false), "7/3",
              "... best first, at most limit, the total counting all");
    TAP_STREQ(found(st, an, a, "\"guichet unique\"", 10, false), "1/1",
              "... a phrase: its words adjacent");
    TAP_STREQ(found(st, an, a, "\"unique guichet\"", 10, false), "/0", "... and in order");
    TAP_STREQ(found(st, an, a, "guichet douanes", 10, false), "/0", "... every word (AND)");
    TAP_STREQ(found(st, an, a, "quokkaline", 10, false), "/0",
              "... an unpublished practice's words are not found");
    store_practice_decide(st, 7, "published", "returned", "withdrawn", "2026-03-01", &e);
    TAP_STREQ(found(st, an, a, "licence", 10, true), "1 8/2",
              "a practice leaves the index when it is no longer published");
    text_analyzer_free(an);
}

int main(void)
{
    arena_t a = ARENA_INIT;
    store_t *st = open_store(&a);
    TAP_CHECK(st != NULL, "open the database");
    if (st) {
        matrix_version_t v = {.state = "DEU", .number = 1, .template_version = 1, .note = ""};
        memcpy(v.created, "2026-01-01", 11);
        err_t e = {0};
        TAP_CHECK(store_version_insert(st, &v, &e) == RC_OK, "a version to comment on");
        long long poc = add_user(st, "deu-poc", ROLE_POC, "DEU");
        long long expert = add_user(st, "expert", ROLE_EXPERT, "");
        test_comments(st, &a, v.id, poc, expert);
        test_practices(st, &a);
        store_close(st);
    }
    arena_free(&a);
    if (!getenv("R1540_TEST_DB")) {
        char cmd[300];
        snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
        if (system(cmd) != 0)
            printf("# could not remove %s\n", dir);
    }
    return tap_done();
}
