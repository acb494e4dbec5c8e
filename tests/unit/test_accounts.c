/*
 * Unit tests of accounts, sessions, login failures, matrix review, passwords
 * and the audit chain, on real SQLite files. The tampering tests open a second
 * connection of their own, as someone with the file would, drop the audit
 * triggers and edit or delete entries; audit_verify must name the entry.
 */
#include <sodium.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <unistd.h>

#include "../../src/store/audit_log.h"
#include "../../src/core/user.h"
#include "../../src/io/refdata.h"
#include "../../src/store/store.h"
#include "../../src/util/password.h"
#include "../../src/web/signin.h"
#include "tap.h"

static char dir[] = "/tmp/r1540-accounts-XXXXXX";

static void db_path(const char *name, char *path, size_t size)
{
    snprintf(path, size, "%s/%s", dir, name);
}

static store_t *open_fresh(const char *name, arena_t *a)
{
    char path[256];
    db_path(name, path, sizeof path);
    store_t *st = NULL;
    err_t e = {0};
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

/* Runs SQL on a connection of the test's own, bypassing the store. */
static int raw_sql(const char *name, const char *sql, char *msg, size_t size)
{
    char path[256];
    db_path(name, path, sizeof path);
    sqlite3 *db;
    int src = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL);
    if (src == SQLITE_OK)
        src = sqlite3_exec(db, sql, NULL, NULL, NULL);
    snprintf(msg, size, "%s", sqlite3_errmsg(db));
    sqlite3_close(db);
    return src;
}

static void test_roles_and_names(void)
{
    TAP_CHECK(role_parse("expert") == ROLE_EXPERT && role_parse("poc") == ROLE_POC,
              "role names parse");
    TAP_CHECK(role_parse("root") == -1 && role_parse("") == -1 && role_parse(NULL) == -1 &&
                  role_parse("Admin") == -1,
              "unknown roles do not");
    int round = 1;
    for (int r = 0; r < ROLE_COUNT; r++)
        round &= role_parse(role_name((role_t)r)) == r;
    TAP_CHECK(round, "every role name round-trips");
    TAP_STREQ(role_name(ROLE_COUNT), "", "no name for an out-of-range role");
    TAP_CHECK(user_name_ok("alice") && user_name_ok("a.b_c-d@un.org") && user_name_ok("A9"),
              "good user names");
    char long_name[66];
    memset(long_name, 'a', 65);
    long_name[65] = '\0';
    TAP_CHECK(user_name_ok(long_name + 1) && !user_name_ok(long_name), "64 characters, not 65");
    TAP_CHECK(!user_name_ok("") && !user_name_ok("a b") && !user_name_ok("a'b") &&
                  !user_name_ok("a;--") && !user_name_ok("\xc3\xa9") && !user_name_ok(NULL),
              "bad user names");
    TAP_CHECK(user_org_ok("IAEA") && user_org_ok("UNODA.wmd_1-2") && user_org_ok(long_name + 33),
              "organization codes, up to 32 characters");
    TAP_CHECK(!user_org_ok("") && !user_org_ok(NULL) && !user_org_ok(long_name + 32) &&
                  !user_org_ok("I A E A") && !user_org_ok("IAEA@un") && !user_org_ok("\xc3\x89"),
              "bad organization codes");
    TAP_CHECK(user_org_ok("BWC-ISU") && user_org_ok("ABCDEFGHIJKLMNOPQRSTUVWXYZ012345") &&
                  !user_org_ok("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456") && !user_org_ok("<b>"),
              "organization codes as the web form gets them");
}

static void test_passwords(void)
{
    char hash[crypto_pwhash_STRBYTES];
    err_t e = {0};
    TAP_CHECK(password_hash("correct horse battery", hash, &e) == RC_OK, "hash a password");
    TAP_CHECK(strncmp(hash, "$argon2id$", 10) == 0, "with Argon2id");
    TAP_CHECK(password_verify(hash, "correct horse battery"), "the right password verifies");
    TAP_CHECK(!password_verify(hash, "correct horse batterz"), "a wrong one does not");
    TAP_CHECK(!password_verify("garbage", "correct horse battery"), "nor against a bad hash");
    TAP_CHECK(!password_needs_rehash(hash), "a fresh hash needs no rehash");
    TAP_CHECK(password_needs_rehash("$argon2i$v=19$m=4096,t=3,p=1$xxxx$yyyy"),
              "an Argon2i hash does");
    TAP_CHECK(password_hash("tiny-pw", hash, &e) == RC_INPUT && strstr(e.msg, "too short") &&
                  !strstr(e.msg, "tiny-pw"),
              "a short password is refused, and the message does not repeat it");
    char big[1100];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    TAP_CHECK(!password_ok(big) && !password_ok(big + 74) && password_ok(big + 75),
              "1024 bytes are allowed, 1025 are not");
    TAP_CHECK(!password_ok("") && !password_ok("twelve bytes\xff") &&
                  !password_ok("twelve\tbytes!!"),
              "empty, invalid UTF-8 and control characters refused");
}

static long long add_user(store_t *st, const char *name, role_t role, const char *state,
                          rc_t want, const char *why)
{
    err_t e = {0};
    user_t u = {.name = (char *)name, .role = role, .state = (char *)state, .org = "",
                .pw_hash = "$argon2id$fake"};
    rc_t rc = store_user_insert(st, &u, &e);
    TAP_CHECK(rc == want, why);
    if (rc != want)
        printf("#   rc %d: %s\n", rc, e.msg);
    return u.id;
}

static void test_users(store_t *st, arena_t *a)
{
    err_t e = {0};
    long long bob = add_user(st, "bob", ROLE_ADMIN, "", RC_OK, "insert an admin");
    add_user(st, "alice", ROLE_POC, "FRA", RC_OK, "insert a point of contact of France");
    add_user(st, "bob", ROLE_EXPERT, "", RC_INPUT, "a duplicate name is refused");
    add_user(st, "carol", ROLE_POC, "", RC_INPUT, "a point of contact needs a state");
    add_user(st, "carol", ROLE_EXPERT, "FRA", RC_INPUT, "an expert has no state");
    add_user(st, "carol", ROLE_POC, "XXX", RC_INPUT, "an unknown state is refused");
    add_user(st, "c d", ROLE_EXPERT, "", RC_INPUT, "the store refuses a bad name itself");
    user_t u;
    TAP_CHECK(store_user_get(st, "alice", a, &u, &e) == RC_OK && u.role == ROLE_POC &&
                  strcmp(u.state, "FRA") == 0 && !u.disabled && strlen(u.created) == 20,
              "read a user back");
    TAP_CHECK(store_user_get(st, "nobody", a, &u, &e) == RC_NOTFOUND, "an unknown user");
    TAP_CHECK(store_user_get_id(st, bob, a, &u, &e) == RC_OK && strcmp(u.name, "bob") == 0 &&
                  strcmp(u.state, "") == 0,
              "a user by id");
    user_t *all;
    size_t n;
    TAP_CHECK(store_user_list(st, a, &all, &n, &e) == RC_OK && n == 2 &&
                  strcmp(all[0].name, "alice") == 0,
              "users by name");
    TAP_CHECK(store_user_set_password(st, bob, "$argon2id$other", &e) == RC_OK &&
                  store_user_get_id(st, bob, a, &u, &e) == RC_OK &&
                  strcmp(u.pw_hash, "$argon2id$other") == 0,
              "set a password hash");
    TAP_CHECK(store_user_set_disabled(st, bob, true, &e) == RC_OK &&
                  store_user_get_id(st, bob, a, &u, &e) == RC_OK && u.disabled,
              "disable a user");
    TAP_CHECK(store_user_set_disabled(st, 9999, true, &e) == RC_NOTFOUND,
              "disabling a missing user is RC_NOTFOUND");
}

/* Sign-in attempts: counts by pair, address and name; lifted and pending;
 * the throttle's transaction and its audit summary. */
static void test_signin_store(store_t *st, arena_t *a)
{
    err_t e = {0};
    signin_attempt_t t[] = {{.name = "alice", .address = "10.0.0.1", .at = 10, .outcome = "failed"},
                            {.name = "alice", .address = "10.0.0.1", .at = 20, .outcome = "failed"},
                            {.name = "alice", .address = "10.0.0.2", .at = 20, .outcome = "failed"},
                            {.name = "bob", .address = "10.0.0.1", .at = 30, .outcome = "pending"}};
    bool added = true;
    for (size_t i = 0; i < 4; i++)
        added = added && store_signin_add(st, &t[i], &e) == RC_OK && t[i].id > 0;
    TAP_CHECK(added, "record sign-in attempts");
    signin_counts_t c;
    TAP_CHECK(store_signin_counts(st, "alice", "10.0.0.1", 15, &c, &e) == RC_OK && c.pair == 1 &&
                  c.pair_last == 20 && c.address == 2 && c.address_last == 30 && c.name == 2,
              "count by name and address, address, name since a time (pending counts)");
    signin_attempt_t bad = {.name = "a b", .address = "10.0.0.1", .at = 1, .outcome = "failed"};
    TAP_CHECK(store_signin_add(st, &bad, &e) == RC_INPUT, "a malformed name is refused by the store");
    TAP_CHECK(store_signin_finish(st, t[3].id, false, &e) == RC_OK &&
                  store_signin_counts(st, "bob", "10.0.0.1", 0, &c, &e) == RC_OK && c.pair == 1,
              "a pending attempt that fails stays counted");
    TAP_CHECK(store_signin_add(st, &(signin_attempt_t){.name = "alice", .address = "10.0.0.1",
                                                        .at = 40, .outcome = "pending"},
                               &e) == RC_OK,
              "a new attempt");
    signin_attempt_t *l;
    size_t n;
    TAP_CHECK(store_signin_list(st, 0, 100, a, &l, &n, &e) == RC_OK && n == 4 &&
                  strcmp(l[0].name, "bob") == 0 && l[0].at == 30,
              "the list: failed and lifted, newest first, no pending one");
    int lifted = -1;
    TAP_CHECK(store_signin_lift(st, "alice", NULL, &lifted, &e) == RC_OK && lifted == 3 &&
                  store_signin_counts(st, "alice", "10.0.0.1", 0, &c, &e) == RC_OK &&
                  c.pair == 1 && c.name == 1,
              "lift a name's failures (the pending one still counts)");
    TAP_CHECK(store_signin_lift(st, NULL, "10.0.0.1", &lifted, &e) == RC_OK && lifted == 1,
              "lift an address's failures");
    TAP_CHECK(store_signin_purge(st, 35, &e) == RC_OK && store_signin_list(st, 0, 100, a, &l, &n, &e) == RC_OK &&
                  n == 0,
              "purge old attempts");
    /* the throttle itself */
    TAP_CHECK(signin_wait(4, 5, 100, 100) == 0 && signin_wait(5, 5, 100, 130) == SIGNIN_BACKOFF - 30 &&
                  signin_wait(6, 5, 100, 100) == 2 * SIGNIN_BACKOFF &&
                  signin_wait(40, 5, 100, 100) == SIGNIN_WINDOW &&
                  signin_wait(5, 5, 100, 100 + SIGNIN_BACKOFF) == 0,
              "backoff: free failures, then doubling waits up to the window");
    long long now = 1000000;
    signin_t si = {0};
    bool all_ok = true;
    for (int i = 0; i < SIGNIN_FREE_PAIR; i++)
        all_ok = all_ok && signin_begin(st, "carol", "192.0.2.1", now, &si, &e) == RC_OK &&
                 si.wait == 0 && signin_end(st, &si, "carol", "192.0.2.1", false, &e) == RC_OK;
    TAP_CHECK(all_ok && si.locks == SIGNIN_LOCKS_PAIR, "five failures: the fifth locks the pair");
    audit_entry_t last_audit;
    TAP_CHECK(store_audit_last(st, a, &last_audit, &e) == RC_OK &&
                  strcmp(last_audit.action, "signin.lockout") == 0 &&
                  strcmp(last_audit.object, "user:carol") == 0,
              "... and appends one audit entry");
    TAP_CHECK(signin_begin(st, "carol", "192.0.2.1", now + 1, &si, &e) == RC_OK &&
                  si.wait == SIGNIN_BACKOFF - 1,
              "the sixth from that address must wait");
    TAP_CHECK(signin_begin(st, "carol", "192.0.2.2", now + 1, &si, &e) == RC_OK && si.wait == 0 &&
                  signin_end(st, &si, "carol", "192.0.2.2", true, &e) == RC_OK,
              "carol signs in from another address");
    TAP_CHECK(store_signin_counts(st, "carol", "192.0.2.1", 0, &c, &e) == RC_OK && c.pair == 5,
              "... which does not lift the first address's failures");
}

static void test_sessions(store_t *st, arena_t *a)
{
    err_t e = {0};
    user_t u;
    store_user_get(st, "alice", a, &u, &e);
    char t1[65], t2[65];
    memset(t1, 'a', 64), t1[64] = '\0';
    memset(t2, 'b', 64), t2[64] = '\0';
    session_t s1 = {.token_hash = t1, .user_id = u.id, .csrf = "c1", .created = 100,
                    .last_seen = 100};
    session_t s2 = {.token_hash = t2, .user_id = u.id, .csrf = "c2", .created = 200,
                    .last_seen = 200};
    TAP_CHECK(store_session_insert(st, &s1, &e) == RC_OK &&
                  store_session_insert(st, &s2, &e) == RC_OK,
              "insert two sessions");
    session_t bad = s1;
    bad.user_id = 9999;
    bad.token_hash = "cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc";
    TAP_CHECK(store_session_insert(st, &bad, &e) == RC_INPUT, "a session of no user");
    session_t got;
    TAP_CHECK(store_session_touch(st, t1, 150, &e) == RC_OK &&
                  store_session_get(st, t1, a, &got, &e) == RC_OK && got.last_seen == 150 &&
                  got.created == 100 && strcmp(got.csrf, "c1") == 0,
              "touch and read a session");
    user_t su;
    TAP_CHECK(store_session_user_get(st, t1, a, &got, &su, &e) == RC_OK &&
                  got.user_id == u.id && strcmp(got.csrf, "c1") == 0 && got.last_seen == 150 &&
                  su.id == u.id && strcmp(su.name, "alice") == 0 && su.role == ROLE_POC &&
                  strcmp(su.state, "FRA") == 0 && !su.disabled &&
                  strcmp(su.pw_hash, u.pw_hash) == 0 && strcmp(su.created, u.created) == 0,
              "a session and its user in one read");
    TAP_CHECK(store_user_set_disabled(st, u.id, true, &e) == RC_OK &&
                  store_session_user_get(st, t1, a, &got, &su, &e) == RC_OK && su.disabled &&
                  store_user_set_disabled(st, u.id, false, &e) == RC_OK,
              "a disabled user's session still reads, the user marked disabled");
    TAP_CHECK(store_session_user_get(st, bad.token_hash, a, &got, &su, &e) == RC_NOTFOUND &&
                  strstr(e.msg, bad.token_hash) == NULL,
              "no such session: RC_NOTFOUND, the hash not repeated");
    api_token_t tk = {.user_id = u.id, .token_hash = t2, .scope = TOKEN_WRITE, .label = "ci",
                      .expires = ""};
    api_token_t tg;
    TAP_CHECK(store_token_insert(st, &tk, &e) == RC_OK &&
                  store_token_user_get(st, t2, a, &tg, &su, &e) == RC_OK && tg.id == tk.id &&
                  tg.user_id == u.id && tg.scope == TOKEN_WRITE && strcmp(tg.label, "ci") == 0 &&
                  strcmp(tg.user_name, "alice") == 0 && su.id == u.id &&
                  strcmp(su.name, "alice") == 0 && su.role == ROLE_POC &&
                  strcmp(su.state, "FRA") == 0 && strcmp(su.pw_hash, u.pw_hash) == 0,
              "a token and its user in one read");
    TAP_CHECK(store_token_user_get(st, t1, a, &tg, &su, &e) == RC_NOTFOUND &&
                  strstr(e.msg, t1) == NULL,
              "no such token: RC_NOTFOUND, the hash not repeated");
    TAP_CHECK(store_session_purge(st, 160, 0, &e) == RC_OK &&
                  store_session_get(st, t1, a, &got, &e) == RC_NOTFOUND &&
                  store_session_get(st, t2, a, &got, &e) == RC_OK,
              "purge removes only the idle session");
    TAP_CHECK(store_session_delete_user(st, u.id, &e) == RC_OK &&
                  store_session_get(st, t2, a, &got, &e) == RC_NOTFOUND,
              "end all of a user's sessions");
    TAP_CHECK(store_session_insert(st, &s1, &e) == RC_OK &&
                  store_session_delete(st, t1, &e) == RC_OK &&
                  store_session_get(st, t1, a, &got, &e) == RC_NOTFOUND,
              "delete one session");
    test_signin_store(st, a);
}

static void test_review(store_t *st, arena_t *a)
{
    err_t e = {0};
    user_t u;
    store_user_get(st, "alice", a, &u, &e);
    matrix_version_t v = {.state = "FRA", .number = 1, .template_version = 1, .note = ""};
    memcpy(v.created, "2020-01-01", 11);
    store_version_insert(st, &v, &e);
    matrix_comment_t c = {.version_id = v.id, .user_id = u.id, .item = "OP1-NPT",
                          .text = "Please cite the 2019 act."};
    TAP_CHECK(store_comment_insert(st, &c, &e) == RC_OK && c.id > 0, "insert a comment");
    matrix_comment_t whole = {.version_id = v.id, .user_id = u.id, .item = "", .text = "ok"};
    store_comment_insert(st, &whole, &e);
    matrix_comment_t empty = whole;
    empty.text = "";
    TAP_CHECK(store_comment_insert(st, &empty, &e) == RC_INPUT, "an empty comment is refused");
    char *big = arena_alloc(a, 4002);
    memset(big, 'y', 4001);
    empty.text = big;
    TAP_CHECK(store_comment_insert(st, &empty, &e) == RC_INPUT, "4001 characters are refused");
    empty.text = "x";
    empty.version_id = 9999;
    TAP_CHECK(store_comment_insert(st, &empty, &e) == RC_INPUT, "a comment on no version");
    matrix_comment_t *cs;
    size_t n;
    TAP_CHECK(store_comments(st, v.id, a, &cs, &n, &e) == RC_OK && n == 2 &&
                  strcmp(cs[0].item, "OP1-NPT") == 0 && strcmp(cs[0].user_name, "alice") == 0 &&
                  strcmp(cs[1].item, "") == 0,
              "a version's comments in order, with names");
    /* the draft review: both comments above are drafts (sent = false) */
    matrix_comment_t one;
    TAP_CHECK(store_comment_get(st, c.id, a, &one, &e) == RC_OK && !one.sent && !*one.answered &&
                  strcmp(one.text, "Please cite the 2019 act.") == 0,
              "comment_get: a draft, not answered");
    TAP_CHECK(store_comment_get(st, 99999, a, &one, &e) == RC_NOTFOUND, "comment_get: no such id");
    TAP_CHECK(store_comment_set_text(st, c.id, "Please cite the 2020 act.", &e) == RC_OK &&
                  store_comment_get(st, c.id, a, &one, &e) == RC_OK &&
                  strcmp(one.text, "Please cite the 2020 act.") == 0,
              "a draft's text changes");
    TAP_CHECK(store_comment_set_text(st, c.id, big, &e) == RC_INPUT, "... not to 4001 characters");
    TAP_CHECK(store_comment_answer(st, c.id, u.id, &e) == RC_NOTFOUND, "a draft cannot be answered");
    TAP_CHECK(store_comment_delete(st, whole.id, &e) == RC_OK &&
                  store_comment_delete(st, whole.id, &e) == RC_NOTFOUND,
              "a draft is deleted, once");
    int sent = -1;
    TAP_CHECK(store_comments_send(st, v.id, &sent, &e) == RC_OK && sent == 1 &&
                  store_comments_send(st, v.id, &sent, &e) == RC_OK && sent == 0,
              "comments_send sends the drafts, then none is left");
    TAP_CHECK(store_comment_set_text(st, c.id, "later", &e) == RC_NOTFOUND &&
                  store_comment_delete(st, c.id, &e) == RC_NOTFOUND,
              "a sent comment neither changes nor goes");
    TAP_CHECK(store_comment_answer(st, c.id, u.id, &e) == RC_OK &&
                  store_comment_get(st, c.id, a, &one, &e) == RC_OK && one.sent &&
                  strlen(one.answered) == 20,
              "a sent comment is marked answered, with the time");
    TAP_CHECK(store_comment_answer(st, c.id, u.id, &e) == RC_NOTFOUND, "... once");
    matrix_review_t r = {.version_id = v.id, .user_id = u.id, .response = "commented"};
    matrix_review_t got;
    TAP_CHECK(store_review_get(st, v.id, a, &got, &e) == RC_NOTFOUND, "no answer yet");
    TAP_CHECK(store_review_set(st, &r, &e) == RC_OK, "the state answers");
    r.response = "accepted";
    TAP_CHECK(store_review_set(st, &r, &e) == RC_OK &&
                  store_review_get(st, v.id, a, &got, &e) == RC_OK &&
                  strcmp(got.response, "accepted") == 0 && strlen(got.at) == 20,
              "a second answer replaces the first");
    matrix_review_t *all;
    size_t nall = 9;
    TAP_CHECK(store_review_list(st, a, &all, &nall, &e) == RC_OK && nall == 1 &&
                  all[0].version_id == v.id && strcmp(all[0].response, "accepted") == 0 &&
                  strcmp(all[0].at, got.at) == 0,
              "review_list: the one answer, as review_get gives it");
    r.response = "maybe";
    TAP_CHECK(store_review_set(st, &r, &e) == RC_INPUT, "an unknown response is refused");
}

/* A fresh database with five audit entries, appended in one transaction. */
static store_t *five_entries(const char *name, arena_t *a)
{
    store_t *st = open_fresh(name, a);
    err_t e = {0};
    if (!st)
        return NULL;
    store_begin(st, &e);
    for (int i = 1; i <= 5; i++) {
        char object[32];
        snprintf(object, sizeof object, "report:%d", i);
        if (audit_append(st, "test", "report.add", object, "{\"n\":1}", &e) != RC_OK)
            printf("# %s\n", e.msg);
    }
    store_commit(st, &e);
    return st;
}

/* Verifies and checks the result names entry `want` (0: the log is intact). */
static void check_verify(store_t *st, long long want, const char *pattern, const char *name)
{
    err_t e = {0};
    long long bad = -1;
    rc_t rc = audit_verify(st, &bad, NULL, NULL, &e);
    bool ok = want == 0 ? rc == RC_OK && bad == 0
                        : rc == RC_REFUSED && bad == want && strstr(e.msg, pattern);
    TAP_CHECK(ok, name);
    if (!ok)
        printf("#   rc %d, bad %lld: %s\n", rc, bad, e.msg);
}

#define NO_TRIGGERS "DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;"

static void test_audit(arena_t *a)
{
    store_t *st = five_entries("audit.db", a);
    err_t e = {0};
    char msg[256];
    check_verify(st, 0, "", "five appended entries verify");
    audit_entry_t last, *list;
    size_t n;
    TAP_CHECK(store_audit_last(st, a, &last, &e) == RC_OK && last.seq == 5 &&
                  strlen(last.hash) == 64 && strlen(last.at) == 20,
              "the last entry");
    TAP_CHECK(store_audit_list(st, 2, 2, a, &list, &n, &e) == RC_OK && n == 2 &&
                  list[0].seq == 2 && strcmp(list[1].prev_hash, list[0].hash) == 0,
              "list from a seq with a limit; each entry names the one before");
    long long count = 0, bad = 0;
    char head[AUDIT_HASH_HEX] = "";
    TAP_CHECK(audit_verify(st, &bad, &count, head, &e) == RC_OK && count == 5 &&
                  strcmp(head, last.hash) == 0,
              "verify gives the count and head it checked");
    store_t *writer = NULL;
    char path[256];
    db_path("audit.db", path, sizeof path);
    TAP_CHECK(store_open(path, STORE_OPEN_EXISTING, &writer, &e) == RC_OK &&
                  store_begin(writer, &e) == RC_OK &&
                  audit_append(writer, "test", "report.add", "report:6", "{}", &e) == RC_OK &&
                  audit_verify(st, &bad, &count, head, &e) == RC_OK && count == 5 &&
                  strcmp(head, last.hash) == 0,
              "verify neither waits for nor sees another connection's open write");
    store_rollback(writer);
    store_close(writer);
    TAP_CHECK(raw_sql("audit.db", "UPDATE audit SET detail = 'x' WHERE seq = 3", msg,
                      sizeof msg) != SQLITE_OK && strstr(msg, "append-only"),
              "the trigger refuses an update");
    TAP_CHECK(raw_sql("audit.db", "DELETE FROM audit WHERE seq = 5", msg, sizeof msg) !=
                      SQLITE_OK && strstr(msg, "append-only"),
              "the trigger refuses a delete");
    audit_entry_t dup = last;
    TAP_CHECK(store_audit_insert(st, &dup, &e) == RC_INPUT, "a taken seq is refused");
    check_verify(st, 0, "", "still intact");
    raw_sql("audit.db", NO_TRIGGERS "UPDATE audit SET detail = 'x' WHERE seq = 3", msg,
            sizeof msg);
    check_verify(st, 3, "edited", "an edited detail is named");
    store_close(st);

    st = five_entries("middle.db", a);
    raw_sql("middle.db", NO_TRIGGERS "DELETE FROM audit WHERE seq = 3", msg, sizeof msg);
    check_verify(st, 3, "missing", "a deleted middle entry is named");
    store_close(st);

    st = five_entries("last.db", a);
    raw_sql("last.db", NO_TRIGGERS "DELETE FROM audit WHERE seq = 5", msg, sizeof msg);
    check_verify(st, 5, "newest entries were deleted", "a deleted last entry is found by meta");
    store_close(st);

    /* Someone who recomputes the hash of the entry they edit breaks the link
     * to the next one. */
    st = five_entries("rehash.db", a);
    audit_entry_t *three;
    store_audit_list(st, 3, 1, a, &three, &n, &e);
    three->detail = "forged";
    char forged[AUDIT_HASH_HEX], sql[512];
    audit_entry_hash(three, forged);
    snprintf(sql, sizeof sql, NO_TRIGGERS "UPDATE audit SET detail = 'forged', hash = '%s'"
             " WHERE seq = 3", forged);
    raw_sql("rehash.db", sql, msg, sizeof msg);
    check_verify(st, 4, "does not follow", "a re-hashed edit breaks the next link");
    store_close(st);

    st = open_fresh("empty.db", a);
    check_verify(st, 0, "", "an empty log verifies");
    store_close(st);
}

int main(void)
{
    arena_t a = ARENA_INIT;
    if (sodium_init() < 0 || !mkdtemp(dir))
        return 1;
    test_roles_and_names();
    test_passwords();
    store_t *st = open_fresh("t.db", &a);
    TAP_CHECK(st != NULL, "create a database with reference data");
    if (st) {
        test_users(st, &a);
        test_sessions(st, &a);
        test_review(st, &a);
        store_close(st);
    }
    test_audit(&a);
    arena_free(&a);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    TAP_CHECK(system(cmd) == 0, "clean up");
    return tap_done();
}
