#!/bin/sh
# HTTP tests of the hardening (issue 11): the open-data files hold only what
# the public may see; sign-in throttling keyed by account and real client
# address (X-Forwarded-For from trusted proxies only), failed sign-ins shown
# to administrators, lockouts lifted; ambiguous framing, invalid UTF-8 in
# error answers, NUL bytes in fields, bidi controls in file names, HEAD,
# static files with a query string. The real server on a loopback port, a
# fresh demo database, curl. TAP output. See docs/internals/security.md.
cd "$(dirname "$0")/../.." || exit 2
. tests/http/lib.sh

no_grep() { ! grep "$@"; }

# Starts the server with extra serve options (lib.sh's start_server takes none).
start_with() {
    : "${PORT:=$(free_port)}"
    B=http://127.0.0.1:$PORT
    "$BIN" --db "$DB" serve --listen "127.0.0.1:$PORT" --threads 4 "$@" >>"$LOG" 2>&1 &
    SPID=$!
    i=0
    while [ $i -lt 100 ]; do
        curl -s -o /dev/null "$B/en/" 2>/dev/null && return 0
        kill -0 "$SPID" 2>/dev/null || break
        sleep 0.1
        i=$((i + 1))
    done
    echo "# the server did not start:"; sed 's/^/#   /' "$LOG"
    echo "Bail out! no server"
    exit 1
}

# ---- setup ----------------------------------------------------------------------
r init --demo >/dev/null 2>"$T/init.err" || { cat "$T/init.err"; echo "Bail out! init"; exit 1; }
for spec in admin:admin exp:expert pocbfa:poc:BFA alice:provider bob:provider carol:provider; do
    name=${spec%%:*}; rest=${spec#*:}; role=${rest%%:*}
    case $rest in *:*) set -- --state "${rest#*:}" ;; *) set -- ;; esac
    echo "$PW" | r user add "$name" --role "$role" "$@" >/dev/null 2>>"$T/init.err" ||
        { cat "$T/init.err"; echo "Bail out! user add"; exit 1; }
done
# a private note in a proposal's history
prop=$(sqlite3 "$DB" "SELECT id FROM assistance_proposal WHERE status = 'proposed' AND provider_answer = '' ORDER BY id LIMIT 1")
r assistance proposal accept "$prop" --by provider --note 'SECRET-NOTE-42 call me on +41 22' >/dev/null 2>&1 ||
    echo "# could not record a note"
start_with --trusted-proxy 127.0.0.1

# ---- 1. open data: only what the public may see -----------------------------------
expect "r1540.json" 200 "$B/en/data/r1540.json"
cp "$T/body" "$T/open.json"
check "r1540.json holds no proposal note" no_grep -q SECRET-NOTE-42 "$T/open.json"
check "... no party's answer" no_grep -q '"provider_answer"' "$T/open.json"
check "... no proposal history" no_grep -q '"history"' "$T/open.json"
expect_eq "... no proposal at all" "$(sed -n '/^"proposals":\[$/{n;p;}' "$T/open.json")" "],"
check "... but the requests and offers" grep -q '"kind":"training"' "$T/open.json"
check "... no unpublished matrix version" \
    no_grep -qE '"status":"(draft|with-state|approved)","created"' "$T/open.json"
check "... and the published ones" grep -qE '"status":"published","created"' "$T/open.json"
expect "overview.xlsx" 200 "$B/en/data/overview.xlsx"
cp "$T/body" "$T/overview.xlsx"
# every cell of the sheet as text, in order (shared strings resolved)
xlsx_cells() {
    /usr/bin/python3 - "$1" <<'PY'
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
ss = [re.sub(r'<[^>]+>', '', m) for m in re.findall(r'<si>(.*?)</si>', z.read('xl/sharedStrings.xml').decode(), re.S)]
sheet = z.read('xl/worksheets/sheet1.xml').decode()
for row in re.findall(r'<row [^>]*>(.*?)</row>', sheet, re.S):
    out = []
    for attrs, body in re.findall(r'<c ([^>]*?)(?:/>|>(.*?)</c>)', row, re.S):
        v = re.search(r'<v>(.*?)</v>', body or '')
        v = v.group(1) if v else ''
        out.append(ss[int(v)] if 't="s"' in attrs and v else v)
    print('\t'.join(out))
PY
}
xlsx_cells "$T/overview.xlsx" >"$T/overview.tsv"
check "overview.xlsx can be read" grep -q '^ARM	' "$T/overview.tsv"
check "... shows no draft, no version with the state, no approved one" \
    no_grep -qE '	(draft|with-state|approved)	' "$T/overview.tsv"
arm_pub=$(sqlite3 "$DB" "SELECT max(number) FROM matrix_version WHERE state = 'ARM' AND status = 'published'")
arm_x=$(sqlite3 "$DB" "SELECT count(*) FROM matrix_entry WHERE mark = 'X' AND version_id = (SELECT id FROM matrix_version WHERE state = 'ARM' AND number = $arm_pub)")
arm_row=$(grep '^ARM	' "$T/overview.tsv")
expect_eq "... ARM's latest version is its latest published one ($arm_pub, not 5)" \
    "$(echo "$arm_row" | cut -f10)" "$arm_pub"
expect_eq "... and its X count is that version's" "$(echo "$arm_row" | cut -f13)" "$arm_x"
bdi_row=$(grep '^BDI	' "$T/overview.tsv")
check "... BDI's draft is not counted" test "$(echo "$bdi_row" | cut -f11)" != draft

# public match scores: approving (not publishing) a version changes none of them
scores() { api - GET "assistance/requests/$1"; sed 's/"score":/\n&/g' "$T/body" | sed -n 's/^"score":\([0-9]*\).*/\1/p' | tr '\n' ' '; }
before=$(scores 15)
check "request 15 (BFA) has fitting offers with scores" test -n "$before"
v=$(sqlite3 "$DB" "SELECT max(number) FROM matrix_version WHERE state = 'BFA'")
r matrix new BFA --from "$v" >/dev/null
nv=$((v + 1))
for item in $(sqlite3 "$DB" "SELECT id FROM template_item WHERE template_version = (SELECT template_version FROM matrix_version WHERE state = 'BFA' AND number = $v) AND id NOT IN (SELECT item FROM matrix_entry WHERE mark = 'X' AND version_id = (SELECT id FROM matrix_version WHERE state = 'BFA' AND number = $v)) LIMIT 40"); do
    r matrix set BFA "$nv" "$item" X >/dev/null
done
r matrix send BFA "$nv" >/dev/null && r matrix approve BFA "$nv" >/dev/null
after=$(scores 15)
expect_eq "... approving a better-covered version changes no public score" "$after" "$before"
r matrix publish BFA "$nv" >/dev/null
published=$(scores 15)
check "... publishing it does" test "$published" != "$before"

# ---- 3. sign-in that cannot be turned against users --------------------------------
# The server trusts 127.0.0.1 as its proxy: X-Forwarded-For names the client.
signin() { # signin NAME PASSWORD CLIENT-ADDRESS: CODE as for req
    req -H 'Content-Type: application/json' -H "X-Forwarded-For: $3" \
        -d "{\"name\":\"$1\",\"password\":\"$2\"}" "$B/api/v1/login"
}
attempts() { sqlite3 "$DB" "SELECT count(*) FROM signin_attempt"; }
i=1
while [ $i -le 5 ]; do
    signin alice 'wrong wrong wrong' 203.0.113.1
    expect_eq "alice from client 1: wrong password $i is 401" "$CODE" 401
    i=$((i + 1))
done
signin alice "$PW" 203.0.113.1
expect_eq "... the right password from client 1 is now 429" "$CODE" 429
signin alice "$PW" 203.0.113.2
expect_eq "... alice signs in from client 2 all the same" "$CODE" 200
signin alice "$PW" 6.6.6.6,203.0.113.1
expect_eq "... a forged X-Forwarded-For entry left of the proxy's does not help client 1" "$CODE" 429
expect_eq "failed sign-ins are kept with name and client address" \
    "$(sqlite3 "$DB" "SELECT count(*) FROM signin_attempt WHERE name = 'alice' AND address = '203.0.113.1' AND outcome = 'failed'")" 5
n=$(attempts)
i=1
while [ $i -le 10 ]; do
    signin alice "wrong $i" 203.0.113.1
    i=$((i + 1))
done
expect_eq "throttled attempts write nothing" "$(attempts)" "$n"
lockouts=$(sqlite3 "$DB" "SELECT count(*) FROM audit WHERE action = 'signin.lockout' AND object = 'user:alice'")
expect_eq "the lockout is summarized in the audit log once, not per failure" "$lockouts" 1
# one client guessing many names locks only itself
i=1
while [ $i -le 20 ]; do
    signin "nobody$i" 'wrong wrong wrong' 198.51.100.7
    i=$((i + 1))
done
signin bob "$PW" 198.51.100.7
expect_eq "after 20 failures from one address, it is refused (429)" "$CODE" 429
signin bob "$PW" 198.51.100.8
expect_eq "... and another client at the same proxy signs in" "$CODE" 200
expect_eq "... one audit entry for the address" \
    "$(sqlite3 "$DB" "SELECT count(*) FROM audit WHERE action = 'signin.lockout' AND object = 'address:198.51.100.7'")" 1
# malformed names: refused, nothing written
n=$(attempts)
for bad in 'a b' '<script>' "$(head -c 65 /dev/zero | tr '\0' a)" '' "x'y"; do
    signin "$bad" 'wrong wrong wrong' 192.0.2.50
    expect_eq "a malformed name ($(printf %.12s "$bad")) is 422" "$CODE" 422
done
api - POST login '{"password":"x"}'
expect_eq "no name at all is 422" "$CODE" 422
expect_eq "... and none of them wrote a row" "$(attempts)" "$n"
# parallel guesses cannot get past the per-account limit
i=1
pids=""
while [ $i -le 16 ]; do
    curl -s -o /dev/null -w '%{http_code}\n' -H 'Content-Type: application/json' \
        -H 'X-Forwarded-For: 192.0.2.77' -d "{\"name\":\"carol\",\"password\":\"guess $i\"}" \
        "$B/api/v1/login" >>"$T/parallel" &
    pids="$pids $!"
    i=$((i + 1))
done
wait $pids
expect_eq "16 parallel guesses: at most 5 are checked, the rest 429" \
    "$(grep -c 401 "$T/parallel") $(grep -c 429 "$T/parallel")" "5 11"
expect_eq "... 5 failures recorded" \
    "$(sqlite3 "$DB" "SELECT count(*) FROM signin_attempt WHERE name = 'carol'")" 5
# old rows are purged
sqlite3 "$DB" "INSERT INTO signin_attempt (name, address, at, outcome) VALUES ('ancient', '192.0.2.1', strftime('%s', 'now') - 40 * 86400, 'failed')"
signin carol 'wrong' 192.0.2.78
expect_eq "attempts older than 30 days are purged" \
    "$(sqlite3 "$DB" "SELECT count(*) FROM signin_attempt WHERE name = 'ancient'")" 0
# administrators see them and lift a lockout
api_login admin || not_ok "admin signs in" "$CODE"
api_expect "admin lists the failed sign-ins" 200 admin GET signins
check "... with name, address and time" grep -q '"name":"alice","address":"203.0.113.1","at":"20' "$T/body"
api_login exp || not_ok "exp signs in" "$CODE"
api_expect "an expert may not (403)" 403 exp GET signins
api_expect "nor the public (401)" 401 - GET signins
expect "the page shows them" 200 -b "$T/jar.admin" "$B/en/signins"
check "... in a table" grep -q '<bdi>203.0.113.1</bdi>' "$T/body"
api_expect "lifting with neither name nor address is 422" 422 admin POST signins/lift '{}'
api_expect "... with a bad address is 422" 422 admin POST signins/lift '{"address":"300.1.1.1"}'
api_expect "admin lifts alice's lockout from client 1" 200 admin POST signins/lift \
    '{"name":"alice","address":"203.0.113.1"}'
expect_eq "... audited" "$(sqlite3 "$DB" "SELECT action || ' ' || object || ' ' || detail FROM audit ORDER BY seq DESC LIMIT 1")" \
    "signin.lift user:alice address:203.0.113.1 5 failed sign-ins lifted"
signin alice "$PW" 203.0.113.1
expect_eq "... alice signs in from client 1 again" "$CODE" 200
out=$(r user signins 2>&1)
check "r1540 user signins lists them" sh -c "echo '$out' | grep -q 'nobody1 .*198.51.100.7 .*failed'"
out=$(r user unlock --address 198.51.100.7 2>&1)
expect_eq "r1540 user unlock --address lifts an address" "$out" "address:198.51.100.7: 20 failed sign-ins lifted"
signin bob "$PW" 198.51.100.7
expect_eq "... which can sign in again" "$CODE" 200
r user unlock 'bad name' >/dev/null 2>&1
expect_eq "r1540 user unlock refuses a malformed name (4)" "$?" 4
r user unlock --address nonsense >/dev/null 2>&1
expect_eq "... and a malformed address (4)" "$?" 4
# without --trusted-proxy the header is ignored
stop_server
start_with
signin nobodyx 'wrong wrong wrong' 203.0.113.99
expect_eq "untrusted X-Forwarded-For is ignored: the peer's address is recorded" \
    "$(sqlite3 "$DB" "SELECT address FROM signin_attempt WHERE name = 'nobodyx'")" 127.0.0.1

done_testing
