#!/bin/sh
# Browser tests: the real server (./r1540 serve) with a fresh demo database and
# the walk's users, and tests/browser/walk.mjs driving Debian's Chromium with
# playwright-core (installed by `npm ci`). TAP output; screenshots in
# tests/out/browser/. See docs/testing.md.
cd "$(dirname "$0")/../.." || exit 2
. tests/http/lib.sh

[ -d node_modules/playwright-core ] && [ -d node_modules/axe-core ] || { echo "Bail out! node_modules/playwright-core or axe-core is missing: run npm ci"; exit 1; }
[ -x "${CHROMIUM:-/usr/bin/chromium}" ] || { echo "Bail out! no chromium (scripts/install-deps.sh installs it)"; exit 1; }
r init --demo >/dev/null 2>"$T/init.err" || { cat "$T/init.err"; echo "Bail out! init"; exit 1; }
for spec in exp:expert com:committee pocfra:poc:FRA pocegy:poc:EGY pocchn:poc:CHN prov:provider:OPCW admin:admin; do
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
R1540_BASE=$B R1540_PW=$PW node tests/browser/walk.mjs >"$T/walk.out" 2>&1
rc=$?
cat "$T/walk.out"
N=$(grep -cE '^(not )?ok ' "$T/walk.out")
[ "$rc" -eq 0 ] || not_ok "walk.mjs exits with status 0" "status $rc"
# the mistakes people make in forms, and axe-core over each role's pages
R1540_BASE=$B R1540_PW=$PW R1540_TAP_FROM=$N node tests/browser/walk_forms.mjs >"$T/walk_forms.out" 2>&1
rc=$?
cat "$T/walk_forms.out"
N=$((N + $(grep -cE '^(not )?ok ' "$T/walk_forms.out")))
[ "$rc" -eq 0 ] || not_ok "walk_forms.mjs exits with status 0" "status $rc"
stop_server
expect_eq "the server stops cleanly after the walk" "$SRC" 0
done_testing
