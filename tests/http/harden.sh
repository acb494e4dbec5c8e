#!/bin/sh
# HTTP tests of the hardening (issue 11): the open-data files hold only what
# the public may see; sign-in throttling keyed by account and real client
# address (X-Forwarded-For from trusted proxies only), failed sign-ins shown
# to administrators, lockouts lifted; ambiguous framing, invalid UTF-8 in
# error answers, NUL bytes in fields and (encoded) in paths, bidi controls in file names, HEAD,
# static files with a query string. The real server on a loopback port, a
# fresh demo database, curl. TAP output. See docs/internals/security.md.
cd "$(dirname "$0")/../.." || exit 2
. tests/http/lib.sh

no_grep() { ! grep "$@"; }


# ---- setup ----------------------------------------------------------------------
init_demo >/dev/null 2>"$T/init.err" || { cat "$T/init.err"; echo "Bail out! init"; exit 1; }
for spec in admin:admin exp:expert pocbfa:poc:BFA alice:provider bob:provider carol:provider; do
    name=${spec%%:*}; rest=${spec#*:}; role=${rest%%:*}
    case $rest in *:*) set -- --state "${rest#*:}" ;; *) set -- ;; esac
    echo "$PW" | r user add "$name" --role "$role" "$@" >/dev/null 2>>"$T/init.err" ||
        { cat "$T/init.err"; echo "Bail out! user add"; exit 1; }
done
# a private note in a proposal's history
prop=$(json '[.[] | select(.status == "proposed" and .provider_answer == "")] | min_by(.id) | .id' assistance proposal list)
r assistance proposal accept "$prop" --by provider --note 'SECRET-NOTE-42 call me on +41 22' >/dev/null 2>&1 ||
    echo "# could not record a note"
SERVE_ARGS="--trusted-proxy 127.0.0.1"
start_server

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
arm_pub=$(json '[.[] | select(.status == "published") | .version] | max' matrix list ARM)
arm_x=$(json '[.entries[] | select(.mark == "X")] | length' matrix show ARM "$arm_pub")
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
v=$(json 'map(.version) | max' matrix list BFA)
r matrix new BFA --from "$v" >/dev/null
nv=$((v + 1))
r matrix show BFA "$v" --format json >"$T/bfa.json"
# 40 items of its template that version does not mark X (by id)
for item in $(r template list --version "$(jq .template_version "$T/bfa.json")" --format json |
        jq -r --slurpfile v "$T/bfa.json" '[$v[0].entries[] | select(.mark == "X") | .item] as $x
            | [.[].id | select(IN($x[]) | not)] | sort | .[0:40][]'); do
    r matrix set BFA "$nv" "$item" X >/dev/null
done
# the state accepts before the Committee approves (the workflow, whoever asks)
r matrix send BFA "$nv" >/dev/null && r --as pocbfa matrix accept BFA "$nv" >/dev/null &&
    r matrix approve BFA "$nv" >/dev/null
check "... the better-covered version is approved" test \
    "$(json .status matrix show BFA "$nv")" = approved
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
# A refused or throttled sign-in must write nothing at all: the fingerprint
# covers the failed sign-ins kept, the attempts in progress and the audit log.
attempts() { fingerprint; }
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
    "$(json '[.[] | select(.name == "alice" and .address == "203.0.113.1" and .outcome == "failed")] | length' user signins)" 5
n=$(attempts)
i=1
while [ $i -le 10 ]; do
    signin alice "wrong $i" 203.0.113.1
    i=$((i + 1))
done
expect_eq "throttled attempts write nothing" "$(attempts)" "$n"
lockouts=$(json '[.[] | select(.action == "signin.lockout" and .object == "user:alice")] | length' audit list)
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
    "$(json '[.[] | select(.action == "signin.lockout" and .object == "address:198.51.100.7")] | length' audit list)" 1
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
# every row, the attempts in progress too, which no r1540 read lists
expect_eq "... 5 failures recorded" \
    "$(beneath_read "SELECT count(*) FROM signin_attempt WHERE name = 'carol'")" 5
# old rows are purged: made and looked for in the file, as r1540 shows only
# the last 30 days
# (the id as r1540 gives it: PostgreSQL's has no default)
beneath "INSERT INTO signin_attempt (id, name, address, at, outcome) SELECT coalesce(max(id), 0) + 1, 'ancient', '192.0.2.1', $(($(date +%s) - 40 * 86400)), 'failed' FROM signin_attempt"
signin carol 'wrong' 192.0.2.78
expect_eq "attempts older than 30 days are purged" \
    "$(beneath_read "SELECT count(*) FROM signin_attempt WHERE name = 'ancient'")" 0
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
expect_eq "... audited" "$(audit_last) $(audit_detail)" \
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
# without --trusted-proxy the header is ignored (and storage waits only briefly)
stop_server
export R1540_BUSY_TIMEOUT_MS=300
SERVE_ARGS=""
start_server
signin nobodyx 'wrong wrong wrong' 203.0.113.99
expect_eq "untrusted X-Forwarded-For is ignored: the peer's address is recorded" \
    "$(json '.[] | select(.name == "nobodyx") | .address' user signins)" 127.0.0.1

# ---- 4. the lower findings --------------------------------------------------------
# raw HTTP, to send what curl would not: raw PORT 'REQUEST' (\r\n escapes)
raw() {
    /usr/bin/python3 - "$PORT" "$1" <<'PY'
import socket, sys
data = sys.argv[2].encode().decode('unicode_escape').encode('latin-1')
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
s.sendall(data)
s.settimeout(10)
out = b""
try:
    while True:
        b = s.recv(65536)
        if not b:
            out += b"<closed>"
            break
        out += b
except socket.timeout:
    out += b"<open>"
sys.stdout.write(out.decode('latin-1'))
PY
}
next_get='GET /en/ HTTP/1.1\r\nHost: x\r\n\r\n'
raw "POST /api/v1/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n$next_get" >"$T/raw"
check "Content-Length with Transfer-Encoding is 400" grep -q '^HTTP/1.1 400' "$T/raw"
check "... the connection is closed" grep -q '<closed>$' "$T/raw"
expect_eq "... and nothing after it is answered" "$(grep -c '^HTTP/1.1' "$T/raw")" 1
raw "POST /api/v1/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\nContent-Length: 40\r\n\r\n{}$next_get" >"$T/raw"
check "two differing Content-Lengths are 400" grep -q '^HTTP/1.1 400' "$T/raw"
check "... the connection is closed" grep -q '<closed>$' "$T/raw"
expect_eq "... and nothing after it is answered" "$(grep -c '^HTTP/1.1' "$T/raw")" 1
raw "GET /en/ HTTP/1.1\r\nHost: x\r\n\r\n$next_get" >"$T/raw"
expect_eq "(a keep-alive connection answers two requests)" "$(grep -c '^HTTP/1.1 200' "$T/raw")" 2

# invalid UTF-8 echoed in an error stays a valid answer
api_login pocbfa || not_ok "pocbfa signs in" "$CODE"
printf 'Note verbale.\n' >"$T/note.txt"
json_ok() { /usr/bin/python3 -c 'import json, sys; d = json.load(open(sys.argv[1], encoding="utf-8")); assert d["error"]["message"]' "$1"; }
utf8_ok() { /usr/bin/python3 -c 'import sys; open(sys.argv[1], "rb").read().decode("utf-8")' "$1"; }
req -b "$T/jar.pocbfa" -H "X-CSRF-Token: $(cat "$T/csrf.pocbfa")" -F kind=letter -F date=2024-05-01 \
    -F "language=$(printf '\377\376')" -F title=t -F "file=@$T/note.txt" "$B/api/v1/states/BFA/reports"
expect_eq "an invalid language with bad bytes is 422" "$CODE" 422
check "... and the JSON error is valid JSON with its message" json_ok "$T/body"
check "... the bad bytes shown as U+FFFD" grep -qi "ufffd" "$T/body"
page_login pocbfa || not_ok "pocbfa signs in (page)" "$CODE"
csrf=$(page_csrf pocbfa workspace)
req -b "$T/pjar.pocbfa" -F "csrf=$csrf" -F kind=letter -F date=2024-05-01 \
    -F "language=$(printf '\377\376')" -F title=t -F "file=@$T/note.txt" "$B/en/states/BFA/reports"
expect_eq "the same on a page is 422" "$CODE" 422
check "... and the page is valid UTF-8" utf8_ok "$T/body"
check "... with the message on it" grep -q 'Choose a language.' "$T/body"

# NUL in a form field: 422, not a value cut short
page_login exp || not_ok "exp signs in (page)" "$CODE"
csrf=$(page_csrf exp workspace)
nv=$(json length matrix list FRA)
req -b "$T/pjar.exp" --data-binary "csrf=$csrf&note=first%00second" "$B/en/states/FRA/versions"
expect_eq "a urlencoded field with %00 is 422" "$CODE" 422
expect_eq "... and no version was made with a cut note" \
    "$(json length matrix list FRA)" "$nv"
req -b "$T/pjar.exp" --data-binary "csrf=$csrf&note=first%0" "$B/en/states/FRA/versions"
check "... but '%0' alone is not a NUL" test "$CODE" != 422
printf 'a\000b' >"$T/nul.txt"
req -b "$T/pjar.exp" -F "csrf=$csrf" -F "note=<$T/nul.txt" "$B/en/states/FRA/versions"
expect_eq "a multipart field with a NUL is 422" "$CODE" 422

# bidi controls in uploaded file names; the download's extension
rlo=$(printf '\342\200\256')
cp "$T/note.txt" "$T/upload"
req -b "$T/jar.pocbfa" -H "X-CSRF-Token: $(cat "$T/csrf.pocbfa")" -F kind=letter -F date=2024-05-01 \
    -F language=en -F title=bidi -F "file=@$T/upload;filename=invoice${rlo}gpj.txt" "$B/api/v1/states/BFA/reports"
expect_eq "a file name with a right-to-left override uploads" "$CODE" 201
expect_eq "... stored without it" "$(json '.[] | select(.title == "bidi") | .filename' report list)" "invoicegpj.txt"
req -b "$T/jar.pocbfa" -H "X-CSRF-Token: $(cat "$T/csrf.pocbfa")" -F kind=letter -F date=2024-05-01 \
    -F language=en -F title=html -F "file=@$T/upload;filename=page.html" "$B/api/v1/states/BFA/reports"
id=$(json '.[] | select(.title == "html") | .id' report list)
expect "a text file named page.html downloads" 200 "$B/en/reports/$id/file"
expect_eq "... as text" "$(header Content-Type)" "text/plain; charset=utf-8"
expect_eq "... named page.txt" "$(header Content-Disposition)" 'attachment; filename="page.txt"'
id=$(json '.[] | select(.title == "bidi") | .id' report list)
expect "a text file named .txt" 200 "$B/en/reports/$id/file"
expect_eq "... keeps its name" "$(header Content-Disposition)" 'attachment; filename="invoicegpj.txt"'

# storage errors: a generic message, the details in the server's log; the lock is
# held until the checks are done (at most 2 minutes), not for a fixed time that a
# busy machine can use up before the request
hold_write_lock "$T/locked" "$T/release" & # tests/store_access.sh, either backend
lpid=$!
while [ ! -e "$T/locked" ]; do sleep 0.1; done
api - POST login "{\"name\":\"alice\",\"password\":\"$PW\"}"
expect_eq "a locked database is 503" "$CODE" 503
check "... the answer names no path" no_grep -q "$T" "$T/body"
check "... nor SQLite's words" no_grep -qi 'locked' "$T/body"
check "... but a generic message" grep -q 'The database is busy' "$T/body"
check "... the details are in the log" grep -q 'locked by another process' "$LOG"
: >"$T/release"
wait $lpid

# ---- encoded NUL bytes in paths (server.c, unescape_no_nul) -------------------------
# MHD decoded %00 to a NUL that cut the path short ("/download/pdf%00.html" was
# served as "/download/pdf"; reading.sh checks that route). Every other kind of
# route must give its not-found for such a path, never a 500 or a crash. Each
# pair: the path as it is (200, so the route is really there) and with a NUL.
req "$B/api/v1/reports?per_page=500"
rep=$(/usr/bin/python3 -c 'import json, sys
print(min(x["id"] for x in json.load(sys.stdin)["reports"] if x["has_file"]))' <"$T/body")
for pair in "en/states/FRA en/states/FRA%00" "en/states/FRA en/states/FR%00A" \
    "en/events.ics en/events.ics%00" "api/v1/states/FRA api/v1/states/FRA%00" \
    "en/reports/$rep en/reports/$rep%00" "en/reports/$rep/file en/reports/$rep%00/file" \
    "en/reports/$rep/file en/reports/$rep/file%00" "api/v1/reports/$rep api/v1/reports/$rep%00" \
    "static/style.css static/style.css%00" "static/style.css static/style.css%00.png" \
    "en/data/r1540.json en/data/r1540.json%00.html" "en/states en/states%00" \
    "en/states en%00/states" "en/assistance/requests/1 en/assistance/requests/1%00" \
    "en/ en/%00" "fr/review fr/review%00"; do
    expect "GET /${pair% *} is 200" 200 "$B/${pair% *}"
    expect "GET /${pair#* } is 404" 404 "$B/${pair#* }"
done
expect "a review download with a NUL is 404" 404 "$B/en/review/download/review.xlsx%00.html"
expect "/api/v1/%00 is 404" 404 "$B/api/v1/%00"
check "... as JSON" sh -c 'case "$1" in application/json*) ;; *) exit 1 ;; esac' sh "$(header Content-Type)"
expect "/%00 is 404" 404 "$B/%00"
expect "a signed-in page with a NUL is 404" 404 -b "$T/pjar.exp" "$B/en/workspace%00"
expect "... the page itself is there" 200 -b "$T/pjar.exp" "$B/en/workspace"
expect "a POST to the sign-in form with a NUL is 404" 404 --data-binary "name=exp" "$B/en/login%00"
api_expect "a POST to the API's sign-in with a NUL is 404" 404 - POST 'login%00' '{"name":"exp"}'
# query values holding a NUL count as absent (web_query): the filter is not applied
expect "states?region=150: 200" 200 "$B/api/v1/states?region=150"
r150=$(json_get count)
check "... fewer than all" test "$r150" -lt 193
for q in "region=150%00" "region=%00150" "q=France%00" "per_page=5%00"; do
    expect "states?$q: 200" 200 "$B/api/v1/states?$q"
    expect_eq "... all 193, as if absent" "$(json_get count),$(/usr/bin/python3 -c 'import json, sys
print(len(json.load(sys.stdin)["states"]))' <"$T/body")" "193,193"
done
expect "the server still answers" 200 "$B/en/"

# HEAD on every GET route; static files with a query string
for path in en/ en/states en/states/FRA en/data en/review en/assistance/requests api/v1/states en/login; do
    code=$(curl -s -I -o /dev/null -w '%{http_code}' "$B/$path")
    expect_eq "HEAD /$path is 200" "$code" 200
done
code=$(curl -s -I -o /dev/null -w '%{http_code}' "$B/en/workspace")
expect_eq "HEAD of a page that asks to sign in redirects like GET" "$code" 303
curl -s -I -o "$T/head" "$B/en/states"
check "... HEAD carries the headers" grep -qi '^content-type: text/html' "$T/head"
expect_eq "... and no body" "$(curl -s -I "$B/en/states" | tr -d '\r' | sed -n '/^$/,$p' | wc -c)" 1
expect "/static/style.css?v=1 is the style sheet" 200 "$B/static/style.css?v=1"
expect_eq "... as CSS" "$(header Content-Type)" "text/css; charset=utf-8"
expect "/static/nothing.css?v=1 is still 404" 404 "$B/static/nothing.css?v=1"
expect "/static/style.css/../../x is 404" 404 "$B/static/style.css%2F..%2Fx"
stop_server
expect_eq "the server stops cleanly" "$SRC" 0

done_testing
