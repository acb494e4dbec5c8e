#!/bin/sh
# Browser test of an assistance request's outcome and feedback (issue 17,
# item 6): the real server on a fresh database with one delivered request,
# and tests/browser/programmes.mjs driving Debian's Chromium. TAP output;
# screenshots in tests/out/browser/.
cd "$(dirname "$0")/../.." || exit 2
. tests/http/lib.sh

[ -d node_modules/playwright-core ] || { echo "Bail out! node_modules/playwright-core is missing: run npm ci"; exit 1; }
[ -x "${CHROMIUM:-/usr/bin/chromium}" ] || { echo "Bail out! no chromium (scripts/install-deps.sh installs it)"; exit 1; }
{ r init && echo "$PW" | r user add pocfra --role poc --state FRA &&
    r assistance request add FRA --kind legislative-drafting --items OP1-NPT --title "Export control law" \
        --areas export-control,nuclear --context "No licensing law yet" --contact "MAE, dj@example.org" &&
    r assistance offer add IAEA --kinds legislative-drafting --capacity 1 --title "IAEA offer" --items OP1-NPT &&
    r match && r assistance proposal accept 1 --by provider && r assistance proposal accept 1 --by state &&
    r assistance proposal deliver 1; } >/dev/null 2>"$T/init.err" || { cat "$T/init.err"; echo "Bail out! setup"; exit 1; }
mkdir -p tests/out/browser
rm -f tests/out/browser/programmes-*.png
start_server
R1540_BASE=$B R1540_PW=$PW node tests/browser/programmes.mjs >"$T/walk.out" 2>&1
rc=$?
cat "$T/walk.out"
N=$(grep -cE '^(not )?ok ' "$T/walk.out")
[ "$rc" -eq 0 ] || not_ok "programmes.mjs exits with status 0" "status $rc"
stop_server
expect_eq "the server stops cleanly after the walk" "$SRC" 0
done_testing
