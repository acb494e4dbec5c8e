#!/bin/sh
# Browser test of programmes and partners (issue 17, item 4): the real server
# on a fresh database with one OPCW programme, and tests/browser/org_programmes.mjs
# driving Debian's Chromium: an IAEA provider records a programme through the
# form and sees it overlap OPCW's, in English, Arabic and Chinese, at desktop
# and phone (390 px) width. TAP output; screenshots in tests/out/browser/.
cd "$(dirname "$0")/../.." || exit 2
. tests/http/lib.sh

[ -d node_modules/playwright-core ] || { echo "Bail out! node_modules/playwright-core is missing: run npm ci"; exit 1; }
[ -x "${CHROMIUM:-/usr/bin/chromium}" ] || { echo "Bail out! no chromium (scripts/install-deps.sh installs it)"; exit 1; }
{ r init && echo "$PW" | r user add iaea --role provider --org IAEA &&
    r programme add --org OPCW --title "Demo: chemical security legislation" --themes legislation,licensing \
        --regions 002 --languages en,fr --from 2026-01-01 --until 2027-12-31; } >/dev/null 2>"$T/init.err" ||
    { cat "$T/init.err"; echo "Bail out! setup"; exit 1; }
mkdir -p tests/out/browser
rm -f tests/out/browser/org-programmes-*.png
start_server
R1540_BASE=$B R1540_PW=$PW node tests/browser/org_programmes.mjs >"$T/walk.out" 2>&1
rc=$?
cat "$T/walk.out"
N=$(grep -cE '^(not )?ok ' "$T/walk.out")
[ "$rc" -eq 0 ] || not_ok "org_programmes.mjs exits with status 0" "status $rc"
expect_eq "the programme the form recorded is IAEA's" \
    "$(r programme show 2 --format json | jq -c '[.org, .themes, .regions, .languages]')" '["IAEA","legislation","014","ar,en"]'
stop_server
expect_eq "the server stops cleanly after the walk" "$SRC" 0
done_testing
