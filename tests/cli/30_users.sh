# Accounts: user add / passwd / disable / enable / list, the password policy,
# bad names and options (each refused with its reason, changing nothing), and
# passwords that never appear in output or in the database.
. tests/cli/lib.sh
init_db

PW='correct horse battery staple'
# with_pw PASSWORD ARGS...: r1540 with PASSWORD as the first line of standard input.
with_pw() { pw=$1; shift; printf '%s\n' "$pw" | "$BIN" --db "$DB" "$@"; }
# no_stdin ARGS...: r1540 with an empty standard input.
no_stdin() { "$BIN" --db "$DB" "$@" </dev/null; }
audit_count() { json '[.[] | select(.action | startswith("user."))] | length' audit list; }
# user_field NAME FIELD: one field of the account NAME, from `user list`.
user_field() { json ".[] | select(.name == \"$1\") | .$2" user list; }

expect_ok "user --help" r user --help
expect_match "and says where the password comes from" "$T/out" "standard input"
expect_ok "add the first admin" with_pw "$PW" user add admin --role admin
expect_match "it says so" "$T/out" "admin: added as admin"
expect_ok "add a point of contact of France (alpha-2, lower case)" with_pw "$PW" user add fr.poc@example.org --role poc --state fr
expect_ok "add an IAEA provider" with_pw "$PW" user add iaea-1 --role provider --org IAEA
expect_ok "add an expert and a committee member" sh -c "printf '%s\n' '$PW' | \"$BIN\" --db \"$DB\" user add ex_1 --role expert && printf '%s\n' '$PW' | \"$BIN\" --db \"$DB\" user add cm --role committee"
expect_eq "the poc's state is stored as alpha-3" "$(user_field fr.poc@example.org state)" "FRA"
# No r1540 read shows a password hash (by design): only the database does.
expect_eq "hashes are Argon2id" "$(beneath_value "select count(*) from \"user\" where pw_hash like '\$argon2id\$%'")" "5"

h=$(db_hash)
n0=$(audit_count)
bad_name() { # NAME: refused as a bad user name, nothing changes
    expect_fail "bad name: $2" 4 "user name .*1 to 64" with_pw "$PW" user add "$1" --role expert
}
bad_name "a b" "a space"
bad_name "o'brien" "a quote"
bad_name 'x";DROP TABLE user;--' "SQL metacharacters"
bad_name "" "empty"
bad_name "$(printf 'a%.0s' $(seq 65))" "65 characters"
bad_name "$(printf 'caf\303\251')" "non-ASCII"
bad_name "$(printf 'a\nb')" "a newline"
expect_fail "an unknown role" 2 "--role: 'root' is not admin" with_pw "$PW" user add x --role root
expect_fail "a role in the wrong case" 2 "--role" with_pw "$PW" user add x --role Admin
expect_fail "no role" 2 "--role is required" with_pw "$PW" user add x
expect_fail "a poc without a state" 2 "--state is required" with_pw "$PW" user add x --role poc
expect_fail "an expert with a state" 2 "--state goes only with --role poc" with_pw "$PW" user add x --role expert --state FRA
expect_fail "a poc of an unknown state" 3 "unknown state|no state" with_pw "$PW" user add x --role poc --state ZZZ
expect_fail "a poc of a malformed state" 3 "unknown state" with_pw "$PW" user add x --role poc --state "FR'; --"
expect_fail "--org on an admin" 2 "--org goes only with --role provider" with_pw "$PW" user add x --role admin --org IAEA
expect_fail "a malformed --org" 4 "--org: .* is not a code" with_pw "$PW" user add x --role provider --org "I A E A"
expect_fail "an empty password" 4 "the password is empty" with_pw "" user add x --role expert
expect_fail "a password from an empty standard input" 4 "no password on standard input" no_stdin user add x --role expert
expect_fail "a short password" 4 "too short \\(at least 12 bytes\\)" with_pw "short-pw" user add x --role expert
big=$(head -c 10240 /dev/zero | tr '\0' x)
expect_fail "a 10 KB password" 4 "too long \\(at most 1024 bytes\\)" with_pw "$big" user add x --role expert
expect_fail "a password that is not UTF-8" 4 "valid UTF-8" with_pw "$(printf 'twelve bytes \377\376')" user add x --role expert
expect_fail "a password with a tab" 4 "control characters" with_pw "$(printf 'twelve\tbytes long')" user add x --role expert
expect_fail "a duplicate name" 4 "a user named 'admin' already exists" with_pw "$PW" user add admin --role expert
expect_fail "options of add on list" 2 "go with .user add" r user list --role admin
expect_fail "an unknown verb" 2 "expected .user add" r user remove admin
expect_eq "none of that changed the database" "$(db_hash)" "$h"
expect_eq "nor added audit entries" "$(audit_count)" "$n0"

expect_ok "a password of exactly 1024 bytes" with_pw "$(printf '%1024s' | tr ' ' y)" user add long.pw --role expert
expect_ok "a password with CRLF line end" sh -c "printf 'windows line end\r\n' | \"$BIN\" --db \"$DB\" user add crlf --role expert"

SECRET='Never-Print-Me-0123456789'
with_pw "$SECRET" user add secret --role expert >"$T/secret.out" 2>&1
r user list >>"$T/secret.out" 2>&1
r user list --format json >>"$T/secret.out" 2>&1
r audit list --format json >>"$T/secret.out" 2>&1
expect_eq "the password is in no output" "$(grep -c "$SECRET" "$T/secret.out")" "0"
# The stored bytes themselves, which no r1540 read shows whole.
db_dump() { if on_sqlite; then sqlite_only "$DB" .dump; else pg_dump -d "$DB"; fi; }
expect_eq "nor anywhere in the database" "$(db_dump | grep -c "$SECRET")" "0"
expect_eq "(the dump holds the users)" "$(db_dump | grep -c "fr.poc@example.org" | sed 's/^[1-9][0-9]*$/some/')" "some"
expect_eq "and list never shows hashes" "$(grep -c 'argon2' "$T/secret.out")" "0"

r user list --format json >"$T/list.json"
expect_eq "list --format json: users by name, no hash field" "$(/usr/bin/python3 -c '
import json,sys; u=json.load(open(sys.argv[1]))
print(len(u), u[0]["name"], u[0]["role"], any("pw_hash" in x for x in u), [x["state"] for x in u if x["role"]=="poc"])' "$T/list.json")" "8 admin admin False ['FRA']"
r user list >"$T/list"
expect_match "list in text" "$T/list" "^iaea-1 +provider +- +IAEA +enabled"

# Sessions end when the password changes or the user is disabled. Sessions
# come from web sign-ins and the stored hash is never shown, so these checks
# set up and read the session table and the hash in the database itself.
uid=$(user_field fr.poc@example.org id)
add_session() { beneath "insert into session (token_hash, user_id, csrf, created, last_seen) values ('$(printf "%064d" "$1")', $uid, 'csrf', 0, 0)" >/dev/null; }
add_session 1
add_session 2
old=$(beneath_value "select pw_hash from \"user\" where id = $uid")
expect_ok "passwd" with_pw "a new long password" user passwd fr.poc@example.org
expect_eq "changes the hash" "$(beneath_value "select count(*) from \"user\" where pw_hash <> '$old' and id = $uid")" "1"
expect_eq "and ends the user's sessions" "$(beneath_value "select count(*) from session")" "0"
expect_fail "passwd with a short password" 4 "too short" with_pw "short" user passwd fr.poc@example.org
expect_fail "passwd of an unknown user" 3 "no user named 'nobody'" with_pw "$PW" user passwd nobody
expect_fail "passwd of a malformed name" 4 "user name" with_pw "$PW" user passwd "a b"
add_session 3
expect_ok "disable" r user disable fr.poc@example.org
expect_eq "disables and ends the sessions" "$(user_field fr.poc@example.org disabled)|$(beneath_value "select count(*) from session")" "true|0"
r user list >"$T/list"
expect_match "list shows it disabled" "$T/list" "^fr.poc@example.org +poc +FRA +- +disabled"
expect_ok "enable" r user enable fr.poc@example.org
expect_eq "enables" "$(user_field fr.poc@example.org disabled)" "false"
h=$(db_hash)
expect_fail "disabling an unknown user" 3 "no user named 'ghost'" r user disable ghost
expect_fail "enabling a malformed name" 4 "user name" r user enable "x'; DROP TABLE user; --"
expect_fail "disable with no name" 2 "expected" r user disable
expect_eq "the failures changed nothing" "$(db_hash)" "$h"

expect_eq "every change was audited" "$(json '[.[] | select(.action | startswith("user.")) | "\(.action) \(.object)"] | join(", ")' audit list)" \
    "user.add user:admin, user.add user:fr.poc@example.org, user.add user:iaea-1, user.add user:ex_1, user.add user:cm, user.add user:long.pw, user.add user:crlf, user.add user:secret, user.passwd user:fr.poc@example.org, user.disable user:fr.poc@example.org, user.enable user:fr.poc@example.org"
expect_eq "actor is cli:LOGIN" "$(json '[.[].actor] | unique | join(" ")' audit list)" "cli:$(id -un)"

# The store refuses what the CLI checks, whatever writes to the file.
expect_sql_refused "the store refuses a poc without a state" "CHECK constraint failed" "insert into \"user\" (id, name, role, pw_hash, created) values (100, 'p', 'poc', 'h', 'now')"
expect_sql_refused "and a name with a space" "CHECK constraint failed" "insert into \"user\" (id, name, role, pw_hash, created) values (100, 'a b', 'admin', 'h', 'now')"
expect_sql_refused "and an unknown role" "CHECK constraint failed" "insert into \"user\" (id, name, role, pw_hash, created) values (100, 'r', 'root', 'h', 'now')"
expect_eq "init --demo makes no users" "$(DB=$(new_db demo); r init --demo >/dev/null && json length user list)" "0"

# Failed sign-ins: the list, and lifting a lockout (the web counts them; see
# tests/http/harden.sh). Only a sign-in on the web records one, so the file
# gets them directly here (ids given: r1540 gives max + 1 itself, and
# PostgreSQL's column has no default).
now=$(date +%s)
beneath "INSERT INTO signin_attempt (id, name, address, at, outcome) VALUES
    (1, 'cm', '192.0.2.1', $now, 'failed'), (2, 'cm', '192.0.2.1', $now, 'failed'),
    (3, 'ghost', '2001:db8::1', $now, 'failed'), (4, 'cm', '192.0.2.2', $now, 'pending')" >/dev/null
r user signins >"$T/signins"
expect_eq "user signins lists the failures, not the attempt in progress" "$(wc -l <"$T/signins")" 3
expect_match "... with time, name, address and outcome" "$T/signins" "^[0-9T:-]+Z cm +192.0.2.1 +failed$"
r user signins --format json >"$T/signins.json"
expect_match "... and as JSON" "$T/signins.json" '"name":"ghost","address":"2001:db8::1","outcome":"failed"'
expect_fail "unlock needs a name or an address" 2 "expected" r user unlock
expect_fail "unlock refuses a malformed name" 4 "user name" r user unlock "a b"
expect_fail "unlock refuses a malformed address" 4 "not an IPv4 or IPv6 address" r user unlock --address 10.0.0.300
expect_fail "--address goes with unlock only" 2 "--address" r user list --address 192.0.2.1
expect_ok "unlock NAME --address ADDR" r user unlock cm --address 192.0.2.1
expect_eq "... says how many" "$(cat "$T/out")" "user:cm address:192.0.2.1: 2 failed sign-ins lifted"
expect_eq "... they no longer count" "$(json '[.[] | select(.name == "cm" and .address == "192.0.2.1") | .outcome] | join(",")' user signins)" "lifted,lifted"
expect_ok "unlock --address (IPv6, normalized)" r user unlock --address 2001:DB8:0::1
expect_eq "... lifts it" "$(json '.[] | select(.name == "ghost") | .outcome' user signins)" "lifted"
expect_eq "... audited" "$(audit_last) $(audit_detail)" \
    "signin.lift address:2001:db8::1 1 failed sign-ins lifted"

done_testing
