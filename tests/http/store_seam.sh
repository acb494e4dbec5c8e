#!/bin/sh
# HTTP tests of the store's seam as the web sees it: a change committed by
# another process (the CLI) while the server runs makes the cached public
# page change (the store's change counter, polled by src/web/server.c). TAP
# output; run by tests/run.sh.
cd "$(dirname "$0")/../.." || exit 2
. tests/http/lib.sh

init_demo >/dev/null 2>"$T/init.err" || { cat "$T/init.err"; echo "Bail out! init"; exit 1; }
printf 'A note verbale.\n' >"$T/note.txt"
start_server

# ---- the answer cache follows the change counter ------------------------------------
expect "a state's public page" 200 "$B/en/states/DEU"
cp "$T/body" "$T/deu1"
expect "... asked again (now from the answer cache)" 200 "$B/en/states/DEU"
check "... the same page" cmp -s "$T/body" "$T/deu1"
check "... without the report not yet added" body_lacks 'Counter probe letter'
r report add DEU --kind letter --date 2024-06-02 --language en --title 'Counter probe letter' \
    --file "$T/note.txt" >/dev/null
sleep 0.3 # the server asks the counter at most every 50 ms per thread
i=0
while [ $i -lt 8 ]; do # every worker thread answers one: each has its own connection and cache check
    expect "after a CLI write, the cached page shows it (try $i)" 200 "$B/en/states/DEU"
    body_has 'Counter probe letter' || not_ok "... with the new report" "stale page from the cache"
    i=$((i + 1))
done
expect "the API answer for the state" 200 "$B/api/v1/states/DEU"
r report add DEU --kind letter --date 2024-06-03 --language en --title 'Second probe' >/dev/null
sleep 0.3
expect "... after a second CLI write" 200 "$B/api/v1/states/DEU"
check "... shows it too" body_has 'Second probe'

# ---- list pages: filtered and paged by the store -------------------------------------
jq_() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$T/body" "$1"; }
expect "the requests list (API)" 200 "$B/api/v1/assistance/requests"
total=$(jq_ 'd["count"]')
first=$(jq_ 'd["requests"][0]["id"]')
rows1=$(jq_ 'len(d["requests"])')
check "... the demo has more than one page of requests ($total)" test "$total" -gt 200
expect_eq "... a first page of 200, newest first" "$rows1 $(jq_ 'd["page"]') $(jq_ 'd["pages"]')" "200 1 2"
expect "... its second page" 200 "$B/api/v1/assistance/requests?page=2"
expect_eq "... holds the rest" "$(jq_ 'len(d["requests"])') $(jq_ 'd["count"]') $(jq_ 'd.get("prev_page")')" \
    "$((total - 200)) $total 1"
expect "page=3, past the last, is answered" 200 "$B/api/v1/assistance/requests?page=3"
expect_eq "... with the first page" "$(jq_ 'd["page"]') $(jq_ 'd["requests"][0]["id"]')" "1 $first"
# a page that is not a whole number from 1 is refused, saying which parameter (api.sh has the rest)
for p in 0 -1 99999999999999999999 abc '%27%20OR%201=1' ''; do
    expect "page=$p is refused" 422 "$B/api/v1/assistance/requests?page=$p"
    check "... naming the parameter" body_has 'page:'
done
big=$(python3 -c 'print("x" * 6000)')
expect "an oversized filter is answered" 200 "$B/api/v1/assistance/requests?status=$big&kind=$big"
expect_eq "... with nothing found" "$(jq_ 'd["count"]') $(jq_ 'len(d["requests"])')" "0 0"
expect "a filter with SQL in it" 200 "$B/api/v1/assistance/offers?provider=x%27%20OR%20%271%27=%271"
expect_eq "... is a value, finding nothing" "$(jq_ 'd["count"]')" 0
expect "open requests of a region" 200 "$B/api/v1/assistance/requests?status=open&region=150"
check "... all open" test "$(jq_ 'all(q["status"] == "open" for q in d["requests"])')" = True
expect_eq "... the count is the rows (one page)" "$(jq_ 'd["count"] == len(d["requests"])')" True

stop_server
expect_eq "the server stopped cleanly" "$SRC" 0
done_testing
