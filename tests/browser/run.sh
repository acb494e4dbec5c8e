#!/bin/sh
# Browser tests: the real server (./r1540 serve) with a fresh demo database and
# the walk's users, and tests/browser/walk*.mjs (walk_api.mjs: the /<lang>/api page) driving Debian's Chromium with
# playwright-core (installed by `npm ci`). TAP output; screenshots in
# tests/out/browser/. See docs/testing.md.
cd "$(dirname "$0")/../.." || exit 2
. tests/http/lib.sh

[ -d node_modules/playwright-core ] && [ -d node_modules/axe-core ] || { echo "Bail out! node_modules/playwright-core or axe-core is missing: run npm ci"; exit 1; }
[ -x "${CHROMIUM:-/usr/bin/chromium}" ] || { echo "Bail out! no chromium (scripts/install-deps.sh installs it)"; exit 1; }
init_demo >/dev/null 2>"$T/init.err" || { cat "$T/init.err"; echo "Bail out! init"; exit 1; }
for spec in exp:expert com:committee pocfra:poc:FRA pocegy:poc:EGY pocchn:poc:CHN pocdeu:poc:DEU \
    prov:provider:OPCW pocjpn:poc:JPN admin:admin pocgbr:poc:GBR; do
    name=${spec%%:*}; rest=${spec#*:}; role=${rest%%:*}
    case $rest in provider:*) set -- --org "${rest#*:}" ;; *:*) set -- --state "${rest#*:}" ;; *) set -- ;; esac
    echo "$PW" | r user add "$name" --role "$role" "$@" >/dev/null 2>>"$T/init.err" ||
        { cat "$T/init.err"; echo "Bail out! user add"; exit 1; }
done
# The assistance walk matches its own request and offer: the demo's open
# requests are withdrawn and its offers closed first, so that the matching
# has only those to pair (those with a live demo proposal cannot be
# withdrawn, and are not matched again either).
for id in $(json '.[] | select(.status == "open") | .id' assistance request list); do r assistance request withdraw "$id" >/dev/null 2>&1 || true; done
for id in $(json '.[].id' assistance offer list); do r assistance offer close "$id" >/dev/null; done
rm -rf tests/out/browser
start_server
# Each walk numbers its checks on from the ones before (R1540_N0, and
# renumbered here for the walks that count from 1); R1540_WALKS picks some.
for w in ${R1540_WALKS:-walk walk_edit walk_read walk_forms walk_comments walk_api}; do
    R1540_BASE=$B R1540_PW=$PW R1540_N0=$N R1540_TAP_FROM=$N node "tests/browser/$w.mjs" >"$T/$w.out" 2>&1
    rc=$?
    awk -v n="$N" '/^(not )?ok [0-9]+/ { sub(/ok [0-9]+/, "ok " (++n)) } { print }' "$T/$w.out"
    N=$((N + $(grep -cE '^(not )?ok ' "$T/$w.out")))
    [ "$rc" -eq 0 ] || not_ok "$w.mjs exits with status 0" "status $rc"
done
# The inbox walk (tests/browser/inbox.mjs): a version sent to JPN waits in
# its point of contact's inbox
# (the demo's version of JPN in progress if it has one, taken back if it is with the state)
JV=$(json 'map(select(.status == "draft" or .status == "with-state")) | .[0].version // empty' matrix list JPN)
[ -n "$JV" ] || { r --as exp matrix new JPN >/dev/null; JV=$(json 'map(.version) | max' matrix list JPN); }
[ "$(json ".[] | select(.version == $JV) | .status" matrix list JPN)" != with-state ] ||
    r --as exp matrix return JPN "$JV" >/dev/null
r --as exp matrix send JPN "$JV" >/dev/null || echo "Bail out! JPN version for the inbox walk"
R1540_BASE=$B R1540_PW=$PW R1540_FIRST=$((N + 1)) R1540_VERSION=$JV node tests/browser/inbox.mjs >"$T/inbox.out" 2>&1
rc=$?
awk -v n="$N" '/^(not )?ok [0-9]+/ { sub(/ok [0-9]+/, "ok " (++n)) } { print }' "$T/inbox.out"
N=$((N + $(grep -cE '^(not )?ok ' "$T/inbox.out")))
[ "$rc" -eq 0 ] || not_ok "inbox.mjs exits with status 0" "status $rc"
stop_server
expect_eq "the server stops cleanly after the walk" "$SRC" 0
done_testing
