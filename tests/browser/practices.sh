#!/bin/sh
# Browser test of effective practices (issue 17, item 5): the real server on
# a fresh database with FRA's matrix published, and tests/browser/practices.mjs
# driving Debian's Chromium: a state submits, the expert publishes, the public
# finds it on the item (en, ar, zh; 390 px). TAP output; screenshots in
# tests/out/browser/.
cd "$(dirname "$0")/../.." || exit 2
. tests/http/lib.sh

[ -d node_modules/playwright-core ] || { echo "Bail out! node_modules/playwright-core is missing: run npm ci"; exit 1; }
[ -x "${CHROMIUM:-/usr/bin/chromium}" ] || { echo "Bail out! no chromium (scripts/install-deps.sh installs it)"; exit 1; }
{ r init && echo "$PW" | r user add pocfra --role poc --state FRA && echo "$PW" | r user add exp --role expert &&
    r matrix new FRA && r matrix set FRA 1 OP1-NPT X --ref "Loi" && r matrix send FRA 1 &&
    r --as pocfra matrix accept FRA 1 && r matrix approve FRA 1 && r matrix publish FRA 1; } \
    >/dev/null 2>"$T/init.err" || { cat "$T/init.err"; echo "Bail out! setup"; exit 1; }
mkdir -p tests/out/browser
rm -f tests/out/browser/practices-*.png
start_server
R1540_BASE=$B R1540_PW=$PW node tests/browser/practices.mjs >"$T/walk.out" 2>&1
rc=$?
cat "$T/walk.out"
N=$(grep -cE '^(not )?ok ' "$T/walk.out")
[ "$rc" -eq 0 ] || not_ok "practices.mjs exits with status 0" "status $rc"
stop_server
expect_eq "the server stops cleanly after the walk" "$SRC" 0
done_testing
