#!/bin/sh
# The API as programs use it (docs/api.md, issue 18), against the real server
# on a free loopback port with a fresh demo database: CORS exactly on public
# reads; ETag / Last-Modified and 304 answers, and 200 after a change;
# Cache-Control per call. One server, one database, one sign-in per user.
# TAP output.
cd "$(dirname "$0")/../.." || exit 2
. tests/http/lib.sh

init_demo >/dev/null 2>"$T/init.err" || { cat "$T/init.err"; echo "Bail out! init"; exit 1; }
for spec in exp:expert pocfra:poc:FRA com:committee exp2:expert; do
    name=${spec%%:*}; rest=${spec#*:}; role=${rest%%:*}
    case $rest in *:*) set -- --state "${rest#*:}" ;; *) set -- ;; esac
    echo "$PW" | r user add "$name" --role "$role" "$@" >/dev/null 2>>"$T/init.err" ||
        { cat "$T/init.err"; echo "Bail out! user add"; exit 1; }
done
start_server
api_login exp || { echo "Bail out! sign-in"; exit 1; }

# ---- CORS: on public reads only ------------------------------------------------
expect "public API read: 200" 200 "$B/api/v1/states"
expect_eq "public API read: Access-Control-Allow-Origin *" "$(header Access-Control-Allow-Origin)" "*"
expect_eq "public API read: ETag exposed to scripts" \
    "$(header Access-Control-Expose-Headers | grep -c ETag)" 1
check "public API read: never with credentials" [ -z "$(header Access-Control-Allow-Credentials)" ]
expect "open-data file: 200" 200 "$B/api/v1/data/states.csv"
expect_eq "open-data file: Access-Control-Allow-Origin *" "$(header Access-Control-Allow-Origin)" "*"
expect "open-data file through a page URL: 200" 200 "$B/en/data/states.csv"
expect_eq "open-data file through a page URL: CORS too" "$(header Access-Control-Allow-Origin)" "*"
expect "public API error: 404" 404 "$B/api/v1/states/XXX"
expect_eq "public API error: readable cross-origin" "$(header Access-Control-Allow-Origin)" "*"
check "public API error: no ETag" [ -z "$(header ETag)" ]
expect "HTML page: 200" 200 "$B/en/states"
check "HTML page: no CORS" [ -z "$(header Access-Control-Allow-Origin)" ]
api_expect "signed-in API read: 200" 200 exp GET states
check "signed-in API read: no CORS" [ -z "$(header Access-Control-Allow-Origin)" ]
check "signed-in API read: no ETag" [ -z "$(header ETag)" ]
expect_eq "signed-in API read: Cache-Control no-store" "$(header Cache-Control)" "no-store"
api_expect "signed-in workspace: 200" 200 exp GET workspace
check "signed-in workspace: no CORS" [ -z "$(header Access-Control-Allow-Origin)" ]
expect "sign-in call: 401 for a wrong password" 401 -H 'Content-Type: application/json' \
    -H 'Origin: https://evil.example' -d '{"name":"exp","password":"wrong password!"}' "$B/api/v1/login"
check "sign-in call: no CORS" [ -z "$(header Access-Control-Allow-Origin)" ]
api_expect "a public POST path without a session: 401" 401 - POST states/FRA/versions '{}'
check "a refused write: no CORS" [ -z "$(header Access-Control-Allow-Origin)" ]

# ---- conditional requests --------------------------------------------------------
# Last-Modified is left out during the second of the last change (conditional.h):
# one request lets the server notice the sign-ins above, then a second passes
req "$B/api/v1/states/FRA"
sleep 1.1
expect "a state: 200" 200 "$B/api/v1/states/FRA"
E1=$(header ETag)
LM1=$(header Last-Modified)
case $E1 in W/\"*\") ok "a state: a weak ETag ($E1)" ;; *) not_ok "a state: a weak ETag" "got '$E1'" ;; esac
check "a state: Last-Modified" [ -n "$LM1" ]
expect_eq "a state: Cache-Control public, a minute" "$(header Cache-Control)" "public, max-age=60"
expect "the same again: the same ETag" 200 "$B/api/v1/states/FRA"
expect_eq "the same again: ETag unchanged" "$(header ETag)" "$E1"
rm -f "$T/body"
expect "If-None-Match with the ETag: 304" 304 -H "If-None-Match: $E1" "$B/api/v1/states/FRA"
check "304: no body" [ ! -s "$T/body" ]
expect_eq "304: the ETag again" "$(header ETag)" "$E1"
expect_eq "304: CORS too" "$(header Access-Control-Allow-Origin)" "*"
expect "HEAD with If-None-Match: 304" 304 -I -H "If-None-Match: $E1" "$B/api/v1/states/FRA"
expect "If-None-Match: a list holding it: 304" 304 -H "If-None-Match: \"x\", $E1" "$B/api/v1/states/FRA"
expect "If-None-Match: the strong form of it: 304" 304 -H "If-None-Match: ${E1#W/}" "$B/api/v1/states/FRA"
expect "If-None-Match: *: 304" 304 -H "If-None-Match: *" "$B/api/v1/states/FRA"
expect "If-None-Match: another ETag: 200" 200 -H 'If-None-Match: W/"0123"' "$B/api/v1/states/FRA"
expect "If-None-Match: garbage: 200" 200 -H 'If-None-Match: ,,, W/ "' "$B/api/v1/states/FRA"
BIG=$(head -c 6000 /dev/zero | tr '\0' 'a')
expect "If-None-Match: 6 KB of garbage: 200" 200 -H "If-None-Match: $BIG" "$B/api/v1/states/FRA"
expect "If-None-Match: another language's ETag: 200" 200 -H "If-None-Match: $E1" "$B/api/v1/states/FRA?lang=fr"
check "another language: another ETag" [ "$(header ETag)" != "$E1" ]
expect "If-None-Match: another call's ETag: 200" 200 -H "If-None-Match: $E1" "$B/api/v1/states/DEU"
expect "If-Modified-Since Last-Modified: 304" 304 -H "If-Modified-Since: $LM1" "$B/api/v1/states/FRA"
expect "If-Modified-Since a year before: 200" 200 -H "If-Modified-Since: Sat, 01 Jan 2000 00:00:00 GMT" "$B/api/v1/states/FRA"
expect "If-Modified-Since not a date: 200" 200 -H "If-Modified-Since: yesterday" "$B/api/v1/states/FRA"
expect "If-Modified-Since in the future: 200" 200 -H "If-Modified-Since: Fri, 01 Jan 2100 00:00:00 GMT" "$B/api/v1/states/FRA"
expect "If-None-Match decides over If-Modified-Since: 200" 200 -H 'If-None-Match: W/"0"' \
    -H "If-Modified-Since: $LM1" "$B/api/v1/states/FRA"
req -b "$T/jar.exp" -H "If-None-Match: $E1" "$B/api/v1/states/FRA"
expect_eq "signed in, If-None-Match: 200 (no validators for answers by user)" "$CODE" 200
expect "open data: 200" 200 "$B/api/v1/data/matrix_entries.csv"
ED=$(header ETag)
expect_eq "open data: Cache-Control five minutes" "$(header Cache-Control)" "public, max-age=300"
expect "open data with its ETag: 304" 304 -H "If-None-Match: $ED" "$B/api/v1/data/matrix_entries.csv"
expect "a page: 200" 200 -b 'r1540_lang=en' "$B/en/states/FRA"
EP=$(header ETag)
check "a page: an ETag of its own" [ -n "$EP" ] && [ "$EP" != "$E1" ]
expect "a page with its ETag: 304" 304 -b 'r1540_lang=en' -H "If-None-Match: $EP" "$B/en/states/FRA"
RID=$(r report list --state FRA --format json 2>/dev/null | sed -n 's/.*"id": *\([0-9]*\).*/\1/p' | head -1)
if [ -n "$RID" ]; then
    expect "a report's file: 200" 200 "$B/api/v1/reports/$RID/file"
    expect_eq "a report's file: kept a day" "$(header Cache-Control)" "public, max-age=86400"
else
    ok "a report's file # SKIP no report of FRA in the demo data"
    ok "a report's file: kept a day # SKIP"
fi

# a change: an expert makes a new draft of France's matrix
api_expect "a change: a new draft" 201 exp POST states/FRA/versions '{}'
expect "after a change, the old ETag: 200" 200 -H "If-None-Match: $E1" "$B/api/v1/states/FRA"
E2=$(header ETag)
check "after a change: a new ETag" [ -n "$E2" ] && [ "$E2" != "$E1" ]
expect "after a change, open data: 200" 200 -H "If-None-Match: $ED" "$B/api/v1/data/matrix_entries.csv"
expect "after a change, the new ETag: 304" 304 -H "If-None-Match: $E2" "$B/api/v1/states/FRA"
# another process's change (the CLI) is seen too
echo "$PW" | r user add late --role expert >/dev/null 2>&1
sleep 0.2
expect "after another process's change: 200" 200 -H "If-None-Match: $E2" "$B/api/v1/states/FRA"

# ---- paging: page, per_page, count, pages, Link on every list call ---------------
# pyq EXPR: a Python expression over the last body (as d), printed
pyq() { python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$T/body" "$1" 2>&1; }
expect "states, page 3 of 2 a page: 200" 200 "$B/api/v1/states?per_page=2&page=3"
expect_eq "... two states, count of all, pages, page, per_page" \
    "$(pyq '(len(d["states"]), d["count"], d["pages"], d["page"], d["per_page"])')" "(2, 193, 97, 3, 2)"
case $(header Link) in
*'</api/v1/states?page=4&per_page=2>; rel="next"'*'</api/v1/states?page=97&per_page=2>; rel="last"'*)
    ok "... Link: next and last" ;;
*) not_ok "... Link: next and last" "$(header Link)" ;;
esac
expect "states of a region, 5 a page: 200" 200 "$B/api/v1/states?region=150&per_page=5"
check "... Link keeps the filter" sh -c 'echo "$1" | grep -q "states?region=150&page=2&per_page=5>; rel=\"next\""' sh "$(header Link)"
check "... no prev on the first page" sh -c '! echo "$1" | grep -q "rel=\"prev\""' sh "$(header Link)"
expect "states asked for no page: all 193" 200 "$B/api/v1/states"
expect_eq "... one page of all" "$(pyq '(len(d["states"]), d["per_page"], d["pages"])')" "(193, 193, 1)"
expect "states past the last page: 200" 200 "$B/api/v1/states?page=1000&per_page=10"
expect_eq "... the first page" "$(pyq 'len(d["states"]), d["count"], d["page"]')" "(10, 193, 1)"
expect "per_page 500: 200" 200 "$B/api/v1/states?per_page=500"
for bad in "page=0" "page=-1" "page=abc" "page=1e3" "page=" "page=9999999999999" \
    "per_page=0" "per_page=501" "per_page=-5" "per_page=1.5" "per_page=%20"; do
    expect "states?$bad: 422" 422 "$B/api/v1/states?$bad"
done
check "... the message names the parameter" body_has 'per_page: a whole number from 1 to 500'
# a parameter holding a NUL byte counts as absent (web_query), as everywhere
expect "states?page=%00: the first page" 200 "$B/api/v1/states?page=%00"
expect "a bad page on a page (HTML): the first page" 200 "$B/en/assistance/requests?page=abc&per_page=0"
expect "a hostile filter: 200" 200 "$B/api/v1/states?q=%3C%22%3E%2C%3B&per_page=1"
check "... escaped in the Link header" sh -c 'echo "$1" | grep -q "q=%3C%22%3E%2C%3B&page=1"' sh "$(header Link)"
expect "offers, 2 a page: 200" 200 "$B/api/v1/assistance/offers?per_page=2&page=2"
expect_eq "... two offers, page 2" "$(pyq '(len(d["offers"]), d["page"], d["per_page"], d["pages"] == (d["count"] + 1) // 2)')" "(2, 2, 2, True)"
check "... Link: prev" sh -c 'echo "$1" | grep -q "offers?page=1&per_page=2>; rel=\"prev\""' sh "$(header Link)"
expect "requests past the end: the first page" 200 "$B/api/v1/assistance/requests?page=99999&per_page=3"
expect_eq "... 3 rows, page 1" "$(pyq '(len(d["requests"]), d["page"])')" "(3, 1)"
expect "requests?per_page=501: 422" 422 "$B/api/v1/assistance/requests?per_page=501"
api_login com || not_ok "committee sign-in"
api_expect "the audit log, 3 a page (Committee): 200" 200 com GET 'audit?per_page=3'
expect_eq "... 3 entries" "$(pyq 'len(d["entries"]), d["per_page"]')" "(3, 3)"
api_expect "the audit log, per_page=x: 422" 422 com GET 'audit?per_page=x'

# ---- since=DATE on versions and reports ------------------------------------------
expect "published versions: 200" 200 "$B/api/v1/versions"
ALLV=$(pyq 'd["count"]')
expect_eq "... only published versions, oldest first" \
    "$(pyq 'all(v["published"] for v in d["versions"]) and [v["published"] for v in d["versions"]] == sorted(v["published"] for v in d["versions"])')" True
expect "versions since 2020-01-01: 200" 200 "$B/api/v1/versions?since=2020-01-01&per_page=500"
expect_eq "... every one published on or after it" "$(pyq 'all(v["published"] >= "2020-01-01" for v in d["versions"])')" True
check "... fewer than all ($ALLV)" [ "$(pyq 'd["count"]')" -lt "$ALLV" ]
expect_eq "... each with its call" "$(pyq 'd["versions"][0]["url"].startswith("/api/v1/states/")')" True
expect "versions of France: 200" 200 "$B/api/v1/versions?state=FRA"
expect_eq "... France's only" "$(pyq 'd["count"] > 0 and all(v["state"] == "FRA" for v in d["versions"])')" True
expect "reports since 2020-01-01 of France: 200" 200 "$B/api/v1/reports?since=2020-01-01&state=FRA"
expect_eq "... every one dated on or after it" "$(pyq 'all(x["date"] >= "2020-01-01" and x["state"] == "FRA" for x in d["reports"])')" True
expect "reports, 3 a page: 200" 200 "$B/api/v1/reports?per_page=3"
expect_eq "... 3 of them, each with its call" "$(pyq 'len(d["reports"]), d["reports"][0]["url"].startswith("/api/v1/reports/")')" "(3, True)"
LONG=$(head -c 10000 /dev/zero | tr '\0' '9')
for bad in "since=2020-13-01" "since=2020-02-30" "since=2999-01-01" "since=yesterday" "since=" \
    "since=2020-01-01%27%20OR%201=1" "since=$LONG" "state=fra" "state=FRANCE" "state=A%2FB"; do
    expect "versions?$(echo "$bad" | cut -c1-40): 422" 422 "$B/api/v1/versions?$bad"
done
expect "reports?since=2020-1-1: 422" 422 "$B/api/v1/reports?since=2020-1-1"
check "... says what is expected" body_has 'since: a date YYYY-MM-DD'
expect "no page for the versions list: 404" 404 "$B/en/versions"
expect "no page for the reports list: 404" 404 "$B/en/reports"

# ---- the example client of docs/api.md -----------------------------------------------
expect "versions since 2023-01-01: 200" 200 "$B/api/v1/versions?since=2023-01-01&per_page=1"
NV=$(pyq 'd["count"]')
check "... some ($NV)" [ "$NV" -gt 0 ]
python3 docs/examples/r1540_sync.py "$B" 2023-01-01 "$T/sync" >"$T/sync.out" 2>&1
expect_eq "example client, first run: downloads each" "$(cat "$T/sync.out")" "downloaded $NV, unchanged 0"
check "... a file per version, each a version's JSON" python3 -c '
import json, os, sys
d = sys.argv[1]
files = [f for f in os.listdir(d) if f != "etags.json"]
sys.exit(not (len(files) == int(sys.argv[2]) and all("version" in json.load(open(os.path.join(d, f)))
                                                  for f in files)))' "$T/sync" "$NV"
python3 docs/examples/r1540_sync.py "$B" 2023-01-01 "$T/sync" >"$T/sync.out" 2>&1
expect_eq "example client, second run: 304 for each" "$(cat "$T/sync.out")" "downloaded 0, unchanged $NV"

# ---- API tokens --------------------------------------------------------------------
TODAY=$(date -u +%F)
tok() { r token add "$@" 2>"$T/tok.err"; }
TW=$(tok exp --scope write --label "nightly sync")
TR=$(tok exp)
TP=$(tok pocfra --scope write)
TX=$(tok exp2 --scope write --expires "$TODAY")
TD=$(tok exp2 --scope write)
check "token add prints a token" sh -c 'echo "$1" | grep -qE "^r1540_[0-9a-f]{64}$"' sh "$TW"
check "tokens differ" [ "$TW" != "$TR" ]
expect_eq "token add is audited" "$(audit_last)" "token.add token:5"
expect_eq "... with its user and scope, never the token" "$(audit_detail)" "user=exp2 scope=write expires=never"
r token add exp --scope admin >/dev/null 2>&1; expect_eq "token add --scope admin: exit 4" $? 4
r token add exp --expires 2001-01-01 >/dev/null 2>&1; expect_eq "token add --expires in the past: exit 4" $? 4
r token add exp --expires 2030-02-30 >/dev/null 2>&1; expect_eq "token add --expires 2030-02-30: exit 4" $? 4
r token add exp --label "$(head -c 101 /dev/zero | tr '\0' x)" >/dev/null 2>&1
expect_eq "token add --label of 101 bytes: exit 4" $? 4
r token add exp --label "$(printf 'a\tb')" >/dev/null 2>&1; expect_eq "token add --label with a tab: exit 4" $? 4
r token add nobody >/dev/null 2>&1; expect_eq "token add for no such user: exit 3" $? 3
r token revoke 0 >/dev/null 2>&1; expect_eq "token revoke 0: exit 2" $? 2
r token revoke 99 >/dev/null 2>&1; expect_eq "token revoke of no such token: exit 3" $? 3
expect_eq "token list: five, never a hash or token" "$(r token list --format json | jq -r 'map(has("token_hash") or has("token")) | (length|tostring) + " " + (any|tostring)')" "5 false"
expect_eq "token list USER: that user's" "$(r token list exp --format json | jq -r 'map(.user) | (unique | join(",")) + " " + (length | tostring)')" "exp 2"
check "hashed at rest: the token is nowhere in the database" test -n "$TW" -a "$(db_holds "$TW"; echo $?)" = 1
expect_eq "hashed at rest: its SHA-256 is" \
    "$(beneath_read "SELECT count(*) FROM api_token WHERE token_hash = '$(printf %s "$TW" | sha256sum | cut -c1-64)'")" 1

bearer() { echo "Authorization: Bearer $1"; }
expect "read token: the workspace" 200 -H "$(bearer "$TR")" "$B/api/v1/workspace"
check "... no CORS, no ETag" [ -z "$(header Access-Control-Allow-Origin)$(header ETag)" ]
expect_eq "... no-store" "$(header Cache-Control)" no-store
expect "read token: a draft (drafts are the expert's to read)" 200 -H "$(bearer "$TR")" "$B/api/v1/states/FRA"
F0=$(fingerprint)
expect "read token: a write is refused (403)" 403 -X POST -H "$(bearer "$TR")" -H 'Content-Type: application/json' -d '{}' "$B/api/v1/states/DEU/versions"
check "... the message says so" body_has 'may only read'
expect_eq "... and nothing changed" "$(fingerprint)" "$F0"
expect "write token: a new draft without CSRF (201)" 201 -X POST -H "$(bearer "$TW")" -H 'Content-Type: application/json' -d '{}' "$B/api/v1/states/DEU/versions"
expect_eq "... audited with the token's id" "$(json 'last | .actor' audit list)" "token:1:exp"
expect "write token of the wrong role: 403" 403 -X POST -H "$(bearer "$TW")" -H 'Content-Type: application/json' -d '{}' "$B/api/v1/users"
expect "a PoC's write token: another state's upload refused (403)" 403 -X POST -H "$(bearer "$TP")" -F kind=letter -F date=2024-01-01 -F language=en -F title=x -F "file=@/dev/null" "$B/api/v1/states/DEU/reports"
expect "a PoC's write token: another state's draft unseen (404)" 404 -H "$(bearer "$TP")" "$B/api/v1/states/DEU/versions/$(r matrix list DEU --format json 2>/dev/null | jq -r 'map(.number) | max')"
expect "a PoC's token: their workspace" 200 -H "$(bearer "$TP")" "$B/api/v1/workspace"
expect "a token cannot sign out (no session): 403" 403 -X POST -H "$(bearer "$TW")" "$B/api/v1/logout"
expect "a token on a page is not accepted: sign-in redirect" 303 -H "$(bearer "$TW")" "$B/en/workspace"
expect "a token on a page is not accepted: anonymous page" 200 -H "$(bearer "$TW")" "$B/en/states"
check "... shows no user" body_lacks 'name="csrf"'
expect "a token on a page POST: refused" 303 -X POST -H "$(bearer "$TW")" -d x=1 "$B/en/states/DEU/versions"
expect "an expiring-today token works today" 200 -H "$(bearer "$TX")" "$B/api/v1/workspace"
beneath "UPDATE api_token SET expires = '2020-01-01' WHERE id = 4"
expect "an expired token: 401" 401 -H "$(bearer "$TX")" "$B/api/v1/workspace"
check "... says why, in general" body_has 'not valid: unknown, expired or revoked'
r user disable exp2 >/dev/null
expect "a disabled user's token: 401" 401 -H "$(bearer "$TD")" "$B/api/v1/workspace"
r token revoke 2 >/dev/null; expect_eq "token revoke: exit 0" $? 0
expect_eq "... audited" "$(audit_last)" "token.revoke token:2"
expect "a revoked token: 401" 401 -H "$(bearer "$TR")" "$B/api/v1/workspace"
r token revoke 2 >/dev/null 2>&1; expect_eq "revoking it again: exit 3" $? 3
expect "a revoked token on a public read: 401, not the cached answer" 401 -H "$(bearer "$TR")" "$B/api/v1/states"
F1=$(fingerprint)
for h in "Bearer" "Bearer " "Bearer r1540_" "Bearer r1540_$(echo "$TW" | cut -c7- | tr a-f A-F)" \
    "Bearer ${TW}0" "Bearer $(echo "$TW" | cut -c1-69)" "Basic ZXhwOnBhc3N3b3Jk" "bearer$TW" \
    "Bearer $TW $TW" "Bearer ' OR 1=1 --" "Bearer $(head -c 7000 /dev/zero | tr '\0' a)"; do
    expect "Authorization: $(echo "$h" | cut -c1-40): 401" 401 -X POST -H "Authorization: $h" \
        -H 'Content-Type: application/json' -d '{}' "$B/api/v1/states/DEU/versions"
done
expect_eq "... and nothing changed" "$(fingerprint)" "$F1"
req -H "Authorization: Bearer $(head -c 100000 /dev/zero | tr '\0' a)" "$B/api/v1/workspace"
check "an Authorization header of 100 KB: refused ($CODE)" [ "$CODE" != 200 ]
expect "... and the server still answers" 200 "$B/api/v1/states?per_page=1"
expect "bearer lower-case scheme works" 200 -H "Authorization: bearer $TW" "$B/api/v1/workspace"

stop_server
expect_eq "the server stops cleanly" "$SRC" 0
done_testing
