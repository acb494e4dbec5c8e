#!/bin/sh
# Browser test of the roster of points of contact and the outreach page: the real server with a
# demo database and three points of contact, and tests/browser/partners.mjs
# driving Debian's Chromium. TAP output; screenshots in tests/out/browser/.
cd "$(dirname "$0")/../.." || exit 2
. tests/http/lib.sh

[ -d node_modules/playwright-core ] || { echo "Bail out! node_modules/playwright-core is missing: run npm ci"; exit 1; }
[ -x "${CHROMIUM:-/usr/bin/chromium}" ] || { echo "Bail out! no chromium (scripts/install-deps.sh installs it)"; exit 1; }
init_demo >/dev/null 2>"$T/init.err" || { cat "$T/init.err"; echo "Bail out! init"; exit 1; }
for spec in pocfra:FRA pocegy:EGY pocchn:CHN; do
    echo "$PW" | r user add "${spec%%:*}" --role poc --state "${spec#*:}" >/dev/null 2>>"$T/init.err" ||
        { cat "$T/init.err"; echo "Bail out! user add"; exit 1; }
done
echo "$PW" | r user add com --role committee >/dev/null 2>>"$T/init.err" || { cat "$T/init.err"; echo "Bail out! user add"; exit 1; }
mkdir -p tests/out/browser
rm -f tests/out/browser/partners-*.png
start_server
R1540_BASE=$B R1540_PW=$PW node tests/browser/partners.mjs >"$T/walk.out" 2>&1
rc=$?
cat "$T/walk.out"
N=$(grep -cE '^(not )?ok ' "$T/walk.out")
[ "$rc" -eq 0 ] || not_ok "partners.mjs exits with status 0" "status $rc"
stop_server
expect_eq "the server stops cleanly after the walk" "$SRC" 0
done_testing
