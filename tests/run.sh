#!/bin/sh
# Runs every test: the unit tests (plain and ASan+UBSan builds), the CLI
# tests and the HTTP tests (against ./r1540 and against the sanitizer build),
# and the browser tests. Each test prints
# TAP lines; this script counts them and ends with "N passed, N failed".
set -u
cd "$(dirname "$0")/.." || exit 2
mkdir -p tests/out
pass=0
fail=0

# Runs one test command, shows its failures, and adds up its ok / not ok lines.
run_one() {
    name=$1
    shift
    log="tests/out/$(echo "$name" | tr '/ ' '__').log"
    "$@" >"$log" 2>&1
    rc=$?
    p=$(grep -c '^ok ' "$log")
    f=$(grep -c '^not ok ' "$log")
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
        f=1 # a crash, a sanitizer report or a leak
        echo "not ok - $name exited with status $rc"
    fi
    if [ "$f" -gt 0 ]; then
        echo "FAIL $name ($f failed) — log: $log"
        grep -A3 '^not ok' "$log" | head -40
        tail -20 "$log"
    else
        echo "ok   $name ($p checks)"
    fi
    pass=$((pass + p))
    fail=$((fail + f))
}

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:exitcode=99
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export LSAN_OPTIONS="suppressions=$(pwd)/tests/lsan.supp:print_suppressions=0"

for t in build/rel/tests/test_* build/san/tests/test_*; do
    [ -x "$t" ] || continue
    run_one "$t" "$t"
done

for t in tests/cli/[0-9]*.sh; do
    run_one "$t" env R1540_BIN=./r1540 sh "$t"
done
for t in tests/cli/[0-9]*.sh; do
    run_one "$t (asan)" env R1540_BIN=build/san/r1540 sh "$t"
done

# the real server over HTTP (pages, forms, API), plain and sanitizer builds
run_one "tests/http/run.sh" env R1540_BIN=./r1540 sh tests/http/run.sh
run_one "tests/http/run.sh (asan)" env R1540_BIN=build/san/r1540 sh tests/http/run.sh
run_one "tests/http/drift.sh" env R1540_BIN=./r1540 sh tests/http/drift.sh
run_one "tests/http/signed_pages.sh" env R1540_BIN=./r1540 sh tests/http/signed_pages.sh
run_one "tests/http/signed_pages.sh (asan)" env R1540_BIN=build/san/r1540 sh tests/http/signed_pages.sh
run_one "tests/http/drift.sh (asan)" env R1540_BIN=build/san/r1540 sh tests/http/drift.sh
# every matrix/report/user operation x role x workflow state, CLI (--as) and API
run_one "tests/http/conformance.sh" env R1540_BIN=./r1540 sh tests/http/conformance.sh
run_one "tests/http/assistance.sh" env R1540_BIN=./r1540 sh tests/http/assistance.sh
run_one "tests/http/assistance.sh (asan)" env R1540_BIN=build/san/r1540 sh tests/http/assistance.sh
# plain build only: about 600 requests and commands, 8 minutes under ASan; the
# sanitizer build runs the same operations in tests/http/assistance.sh
run_one "tests/http/conformance_assist.sh" env R1540_BIN=./r1540 sh tests/http/conformance_assist.sh
# the hardening: open data, the sign-in throttle, framing, bad bytes (issue 11)
run_one "tests/http/harden.sh" env R1540_BIN=./r1540 sh tests/http/harden.sh
run_one "tests/http/harden.sh (asan)" env R1540_BIN=build/san/r1540 sh tests/http/harden.sh
run_one "tests/http/forms.sh" env R1540_BIN=./r1540 sh tests/http/forms.sh
run_one "tests/http/forms.sh (asan)" env R1540_BIN=build/san/r1540 sh tests/http/forms.sh
run_one "tests/http/limits.sh" env R1540_BIN=./r1540 sh tests/http/limits.sh
run_one "tests/http/limits.sh (asan)" env R1540_BIN=build/san/r1540 sh tests/http/limits.sh
run_one "tests/http/refdata.sh" env R1540_BIN=./r1540 sh tests/http/refdata.sh
run_one "tests/http/refdata.sh (asan)" env R1540_BIN=build/san/r1540 sh tests/http/refdata.sh
run_one "tests/http/template_v2.sh" env R1540_BIN=./r1540 sh tests/http/template_v2.sh
run_one "tests/http/template_v2.sh (asan)" env R1540_BIN=build/san/r1540 sh tests/http/template_v2.sh
run_one "tests/http/store_seam.sh" env R1540_BIN=./r1540 sh tests/http/store_seam.sh
run_one "tests/http/store_seam.sh (asan)" env R1540_BIN=build/san/r1540 sh tests/http/store_seam.sh

# Chromium through playwright-core: the workflow in English, Arabic, Chinese
run_one "tests/browser/run.sh" sh tests/browser/run.sh

run_one "fuzzing (libFuzzer)" sh tests/fuzz/run.sh
run_one "banned functions" sh tests/check_banned.sh
run_one "translation catalogs" sh tests/check_i18n.sh
run_one "reference data generators" sh tests/check_refdata.sh

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
