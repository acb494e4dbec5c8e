# Who the CLI acts as: the system actor without --as, an account with --as
# USER held to that account's role (src/app/app.h), and the state's answer
# (matrix accept/comment) only from its own point of contact. Malformed,
# hostile and oversized --as names and comments are refused and change nothing.
. tests/cli/lib.sh
init_db

PW='a long enough passphrase'
adduser() { printf '%s\n' "$PW" | r user add "$@" >/dev/null; }
adduser exp --role expert
adduser com --role committee
adduser pocfra --role poc --state FRA
adduser pocdeu --role poc --state DEU
adduser prov --role provider --org IAEA
adduser off --role expert
r user disable off >/dev/null
r matrix new FRA --date 2020-01-01 >/dev/null
r matrix set FRA 1 OP1-NPT X >/dev/null
r matrix send FRA 1 >/dev/null

h=$(r fingerprint)
expect_fail "--as an unknown user" 3 "--as: there is no user 'ghost'" r --as ghost matrix accept FRA 1
expect_fail "--as an empty name" 3 "there is no user" r --as= matrix accept FRA 1
expect_fail "--as without a name" 2 "--as needs a USER" r --as
expect_fail "--as a name of 10,000 characters" 3 "there is no user" r --as "$(head -c 10000 /dev/zero | tr '\0' a)" matrix accept FRA 1
expect_fail "--as a name with control characters and quotes" 3 "there is no user" r --as "$(printf "x'\001\"; DROP TABLE user; --")" matrix accept FRA 1
expect_fail "--as a disabled account may do nothing" 7 "matrix-review|matrix-edit" r --as off matrix set FRA 1 OP1-CWC X
expect_fail "--as another state's point of contact cannot accept" 7 "matrix-review" r --as pocdeu matrix accept FRA 1
expect_fail "--as a provider cannot approve" 7 "matrix-approve" r --as prov matrix approve FRA 1
expect_fail "--as an expert cannot answer for the state" 7 "matrix-review" r --as exp matrix comment FRA 1 --text hello
expect_fail "--as the Committee cannot add users" 7 "user-manage" sh -c "printf '%s\n' '$PW' | \"$BIN\" --db \"$DB\" --as com user add zz --role expert"
expect_fail "the system actor does not answer for a state" 7 "matrix-review" r matrix accept FRA 1
expect_fail "an operator's command refuses --as" 2 "the operator's own" r --as exp backup -o "$T/as.db"
expect_eq "... before it writes anything" "$(test -e "$T/as.db" && echo written || echo none)" none
expect_fail "a comment of 5,000 characters" 4 "at most 4,000" r --as pocfra matrix comment FRA 1 --text "$(head -c 5000 /dev/zero | tr '\0' c)"
expect_fail "a comment that is not UTF-8" 4 "at most 4,000" r --as pocfra matrix comment FRA 1 --text "$(printf 'bad \377 bytes')"
expect_fail "an empty comment" 4 "needs text" r --as pocfra matrix comment FRA 1 --text ""
expect_fail "a comment on a hostile item id" 4 "unknown template item" r --as pocfra matrix comment FRA 1 --text hi --item "<script>"
h=$(db_hash)
expect_fail "a comment on an item the template does not have" 3 "Item OP9-NOPE: unknown template item" r --as pocfra matrix comment FRA 1 --text hi --item OP9-NOPE
expect_eq "... stores nothing" "$(db_hash)" "$h"
expect_fail "--text goes only with comment" 2 "go with comment" r --as pocfra matrix accept FRA 1 --text hi
expect_fail "fingerprint takes no arguments" 2 "takes no arguments" r fingerprint extra
expect_eq "none of that changed anything" "$(r fingerprint)" "$h"

expect_ok "the state's point of contact comments (--as)" r --as pocfra matrix comment FRA 1 --text "Please check OP1-NPT" --item OP1-NPT
expect_match "... and the version is a draft again" "$T/out" "FRA version 1: draft"
r audit list --format json >"$T/audit.json"
expect_eq "the audit log names the login and the account" "$(/usr/bin/python3 -c '
import json, sys
e = json.load(open(sys.argv[1]))[-1]
print(e["action"], e["object"], e["actor"].endswith(" as pocfra"), e["actor"].startswith("cli:"))' "$T/audit.json")" "matrix.comment matrix:FRA/1 True True"
expect_ok "the expert sends it again (--as)" r --as exp matrix send FRA 1
expect_ok "the state accepts" r --as pocfra matrix accept FRA 1
expect_fail "... only once" 5 "already accepted" r --as pocfra matrix accept FRA 1
expect_ok "the Committee approves (--as)" r --as com matrix approve FRA 1
expect_ok "the system actor publishes" r matrix publish FRA 1
expect_fail "a disabled account cannot disable others" 7 "user-manage" r --as off user disable exp
adduser adm --role admin
expect_fail "an administrator cannot disable their own account" 5 "cannot disable yourself" r --as adm user disable adm
expect_ok "but the system actor can" r user disable adm

done_testing
