#!/bin/sh
# HTTP tests of the store's seam as the web sees it: a change committed by
# another process (the CLI) while the server runs makes the cached public
# page change (the store's change counter, polled by src/web/server.c). TAP
# output; run by tests/run.sh.
cd "$(dirname "$0")/../.." || exit 2
. tests/http/lib.sh

r init --demo >/dev/null 2>"$T/init.err" || { cat "$T/init.err"; echo "Bail out! init"; exit 1; }
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

stop_server
expect_eq "the server stopped cleanly" "$SRC" 0
done_testing
