#!/bin/sh
# Runs every test: the unit tests (plain and ASan+UBSan builds), the CLI
# tests and the HTTP tests (against ./r1540 and against the sanitizer build),
# the browser tests, the fuzzers and the checks. Each test prints TAP lines;
# this script counts them and ends with "N passed, N failed".
#
# The tests run on TEST_JOBS lanes at once (default 2, one per core of the
# machine the suite is sized for; TEST_JOBS=1 runs them one after another).
# The list below is in the order the results are printed; the lanes take the
# tests longest first, by the wall times of the last run on this machine
# (tests/out/durations.tsv) or else of the committed tests/durations.tsv, so
# that they end together; a test neither file names is taken first. Adding a
# test is one run_one line in the list. Each test writes its own log,
# tests/out/NAME.log; each result line gives its wall and CPU seconds.
# TEST_ONLY=REGEX (grep -E on the names) runs only the tests it matches.
# TEST_LONG=1 (make test-long) runs, besides the list, the runs marked
# long_one: the slowest ASan runs, the remaining PostgreSQL runs of the HTTP
# scripts, and the plain build's SQLite runs of the scripts make test runs
# both on PostgreSQL and under ASan (plain_one), which make test leaves out to
# keep within its time (45 minutes on the 2-core machine it is sized for).
set -u
cd "$(dirname "$0")/.." || exit 2
mkdir -p tests/out
JOBS=${TEST_JOBS:-2}
case $JOBS in '' | *[!0-9]* | 0) echo "TEST_JOBS must be a number of lanes, 1 or more (not '$JOBS')" >&2; exit 2 ;; esac
RUN=tests/out/run # this run's claims and results, one folder per test
rm -rf "$RUN"
mkdir -p "$RUN"

log_of() { echo "tests/out/$(echo "$1" | tr '/ ' '__').log"; }

# Runs one test command, keeps its failures, and counts its ok / not ok lines
# and its times into $RUN/K/ (K: the test's place in the list). A lane goes
# through the list for each test it takes and runs only the one, K = WANT;
# with WANT=names the list's names are written down instead.
run_one() {
    k=$((k + 1))
    if [ "$WANT" = names ]; then
        printf '%s\t%s\n' "$k" "$1" >>"$RUN/names"
        return 0
    fi
    [ "$k" = "$WANT" ] || return 0
    name=$1
    shift
    log=$(log_of "$name")
    timed "$RUN/$k/time" "$@" >"$log" 2>&1 </dev/null
    rc=$?
    # /usr/bin/time: "wall user sys" on the last line (a signal is named above it)
    tm=$(tail -1 "$RUN/$k/time" 2>/dev/null | awk 'NF == 3 { printf "%s %.2f", $1, $2 + $3 }')
    [ -n "$tm" ] || tm="? ?"
    p=$(grep -c '^ok ' "$log")
    f=$(grep -c '^not ok ' "$log")
    {
        if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
            f=1 # a crash, a sanitizer report or a leak
            echo "not ok - $name exited with status $rc"
        fi
        if [ "$f" -gt 0 ]; then
            echo "FAIL $name ($f failed; ${tm% *} s, CPU ${tm#* } s) — log: $log"
            grep -A3 '^not ok' "$log" | head -40
            tail -20 "$log"
        else
            echo "ok   $name ($p checks; ${tm% *} s, CPU ${tm#* } s)"
        fi
    } >"$RUN/$k/result"
    printf '%s\t%s\t%s\t%s\t%s\n' "$p" "$f" "${tm% *}" "${tm#* }" "$name" >"$RUN/$k/count"
    if [ "$f" -gt 0 ]; then echo "  FAIL $name" >&2; else echo "  ok   $name (${tm% *} s)" >&2; fi
}
# long_one NAME CMD...: run_one, but only in make test-long (TEST_LONG=1)
long_one() {
    [ "${TEST_LONG:-0}" = 1 ] || return 0
    run_one "$@"
}
# timed FILE CMD...: CMD, its wall, user and system seconds written to FILE by
# /usr/bin/time (the Debian package "time", scripts/install-deps.sh)
timed() {
    out=$1
    shift
    if [ -x /usr/bin/time ]; then /usr/bin/time -f '%e %U %S' -o "$out" "$@"; else "$@"; fi
}

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:exitcode=99
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export LSAN_OPTIONS="suppressions=$(pwd)/tests/lsan.supp:print_suppressions=0"

# The scripts make test runs with the plain build on PostgreSQL
# (tests/on_postgres.sh; issue 14); list() runs them there.
# 04, 05_refdata, 06_template_v2, 20_review, 32_serve and 40_search run
# there in make test-long (below); 33_backup and 34_kill9 are about SQLite's
# file (56_postgres_serve.sh and 58_postgres_deploy.sh do their part on
# PostgreSQL).
CLI_ON_POSTGRES="tests/cli/01_init_states.sh tests/cli/02_reports.sh tests/cli/03_matrix.sh
    tests/cli/05_actors.sh tests/cli/10_assistance.sh tests/cli/11_match.sh tests/cli/21_events.sh
    tests/cli/22_matrix_download.sh tests/cli/30_users.sh tests/cli/31_audit.sh
    tests/cli/41_partners.sh tests/cli/42_suggest.sh tests/cli/43_programmes.sh
    tests/cli/44_org_programmes.sh tests/cli/44_practices.sh"
HTTP_ON_POSTGRES="tests/http/forms.sh tests/http/signed_pages.sh tests/http/editor.sh
    tests/http/comments.sh tests/http/store_seam.sh tests/http/reading.sh tests/http/refdata.sh
    tests/http/drift.sh"
# plain_one SCRIPT: the plain build's run of SCRIPT on SQLite. A script that
# make test also runs on PostgreSQL (the two lists above) and under ASan on
# SQLite has this run in make test-long only: the plain build's code runs in
# the PostgreSQL run and the SQLite store's under ASan, so this third run adds
# little to them (about 380 s of lane time in all).
plain_one() {
    for listed in $CLI_ON_POSTGRES $HTTP_ON_POSTGRES; do
        if [ "$listed" = "$1" ]; then
            long_one "$1" env R1540_BIN=./r1540 sh "$1"
            return 0
        fi
    done
    run_one "$1" env R1540_BIN=./r1540 sh "$1"
}

# ---- the list: one run_one line per test --------------------------------------------
list() {
for t in build/rel/tests/test_* build/san/tests/test_*; do
    [ -x "$t" ] || continue
    case $t in
    # the fault sweep under ASan: 100 runs a kind (the plain build does 400;
    # bench/fault.sh does 400 under ASan)
    build/san/tests/test_fault) run_one "$t" env R1540_FAULT_RUNS=100 "$t" ;;
    *) run_one "$t" "$t" ;;
    esac
done

# the plain build on SQLite (plain_one: some in make test-long only)
for t in tests/cli/[0-9]*.sh; do
    plain_one "$t"
done
# The PostgreSQL scripts run on the plain build only: the sanitizers check
# r1540's C, which the SQLite runs already cover but for src/store/postgres*.c;
# those are checked under ASan by 50_postgres.sh and 58_postgres_deploy.sh.
# The four slowest ASan runs are make test-long's: their C (import and
# export, reference data, the template, the review's PDF and XLSX) runs under
# ASan in make test through the fuzzers (fuzz_json, fuzz_csv, fuzz_tsv), the
# unit tests (test_json_import, test_review, test_matrix_sheet, ...) and the
# HTTP scripts' imports and downloads (refdata.sh, template_v2.sh, ...).
for t in tests/cli/[0-9]*.sh; do
    case $t in
    *_postgres_*) continue ;;
    */04_import_export.sh | */05_refdata.sh | */06_template_v2.sh | */20_review.sh)
        long_one "$t (asan)" env R1540_BIN=build/san/r1540 sh "$t" ;;
    # the kills are of the writing processes, which cannot report under ASan
    # anyway; the plain run checks what the file holds after each
    */34_kill9.sh) long_one "$t (asan)" env R1540_BIN=build/san/r1540 sh "$t" ;;
    *) run_one "$t (asan)" env R1540_BIN=build/san/r1540 sh "$t" ;;
    esac
done
# (50_postgres.sh runs in the loop above) and the deployment walk: the copy,
# the read-only standby and the failover under ASan
run_one "tests/cli/58_postgres_deploy.sh (asan)" env R1540_BIN=build/san/r1540 sh tests/cli/58_postgres_deploy.sh

# The CLI scripts made backend-neutral so far (CLI_ON_POSTGRES, above), again
# with their database on a throwaway PostgreSQL cluster
for t in $CLI_ON_POSTGRES; do
    run_one "$t (postgresql)" env R1540_BIN=./r1540 sh tests/on_postgres.sh "$t"
done
# and in make test-long the slower ones and those made backend-neutral last
for t in tests/cli/04_import_export.sh tests/cli/05_refdata.sh tests/cli/06_template_v2.sh \
    tests/cli/20_review.sh tests/cli/32_serve.sh tests/cli/40_search.sh; do
    long_one "$t (postgresql)" env R1540_BIN=./r1540 sh tests/on_postgres.sh "$t"
done
# The HTTP scripts on PostgreSQL: the quicker ones here, the rest in make
# test-long (conformance.sh, the grid of operations and roles, among them:
# 8 minutes on SQLite).
for t in $HTTP_ON_POSTGRES; do
    run_one "$t (postgresql)" env R1540_BIN=./r1540 sh tests/on_postgres.sh "$t"
done
for t in tests/http/run.sh tests/http/api.sh tests/http/search.sh tests/http/assistance.sh \
    tests/http/notify.sh tests/http/harden.sh tests/http/openapi.sh tests/http/limits.sh \
    tests/http/practices.sh tests/http/programmes.sh tests/http/org_programmes.sh \
    tests/http/partners.sh tests/http/suggest.sh tests/http/openapi_client.sh \
    tests/http/conformance_assist.sh tests/http/conformance.sh; do
    long_one "$t (postgresql)" env R1540_BIN=./r1540 sh tests/on_postgres.sh "$t"
done

# the real server over HTTP (pages, forms, API), plain and sanitizer builds
# (plain_one: the plain run of a script in HTTP_ON_POSTGRES is make test-long's)
run_one "tests/http/run.sh" env R1540_BIN=./r1540 sh tests/http/run.sh
run_one "tests/http/run.sh (asan)" env R1540_BIN=build/san/r1540 sh tests/http/run.sh
# drift.sh: the plain build on SQLite (as on PostgreSQL) in make test, under
# ASan (1:45 min) in make test-long: it compares answers, the C beneath them
# runs under ASan in the other HTTP scripts
run_one "tests/http/drift.sh" env R1540_BIN=./r1540 sh tests/http/drift.sh
plain_one tests/http/signed_pages.sh
run_one "tests/http/signed_pages.sh (asan)" env R1540_BIN=build/san/r1540 sh tests/http/signed_pages.sh
long_one "tests/http/drift.sh (asan)" env R1540_BIN=build/san/r1540 sh tests/http/drift.sh
# every matrix/report/user operation x role x workflow state, CLI (--as) and API
# (make test-long: 8 minutes; conformance_assist.sh below is make test's grid)
long_one "tests/http/conformance.sh" env R1540_BIN=./r1540 sh tests/http/conformance.sh
run_one "tests/http/assistance.sh" env R1540_BIN=./r1540 sh tests/http/assistance.sh
# make test-long: 4 minutes under ASan; in make test the assistance pages and
# API run under ASan in signed_pages.sh, api.sh, openapi.sh (every operation)
# and partners.sh, and the operations beneath them in 10_assistance.sh
long_one "tests/http/assistance.sh (asan)" env R1540_BIN=build/san/r1540 sh tests/http/assistance.sh
# plain build only: about 600 requests and commands, 8 minutes under ASan; the
# sanitizer build runs the same operations in tests/http/assistance.sh
run_one "tests/http/conformance_assist.sh" env R1540_BIN=./r1540 sh tests/http/conformance_assist.sh
# the hardening: open data, the sign-in throttle, framing, bad bytes (issue 11)
run_one "tests/http/harden.sh" env R1540_BIN=./r1540 sh tests/http/harden.sh
run_one "tests/http/harden.sh (asan)" env R1540_BIN=build/san/r1540 sh tests/http/harden.sh
plain_one tests/http/forms.sh
run_one "tests/http/forms.sh (asan)" env R1540_BIN=build/san/r1540 sh tests/http/forms.sh
run_one "tests/http/limits.sh" env R1540_BIN=./r1540 sh tests/http/limits.sh
run_one "tests/http/limits.sh (asan)" env R1540_BIN=build/san/r1540 sh tests/http/limits.sh
plain_one tests/http/refdata.sh
run_one "tests/http/refdata.sh (asan)" env R1540_BIN=build/san/r1540 sh tests/http/refdata.sh
run_one "tests/http/template_v2.sh" env R1540_BIN=./r1540 sh tests/http/template_v2.sh
run_one "tests/http/template_v2.sh (asan)" env R1540_BIN=build/san/r1540 sh tests/http/template_v2.sh
plain_one tests/http/reading.sh
run_one "tests/http/reading.sh (asan)" env R1540_BIN=build/san/r1540 sh tests/http/reading.sh
plain_one tests/http/editor.sh
run_one "tests/http/editor.sh (asan)" env R1540_BIN=build/san/r1540 sh tests/http/editor.sh
plain_one tests/http/comments.sh
run_one "tests/http/comments.sh (asan)" env R1540_BIN=build/san/r1540 sh tests/http/comments.sh
plain_one tests/http/store_seam.sh
run_one "tests/http/store_seam.sh (asan)" env R1540_BIN=build/san/r1540 sh tests/http/store_seam.sh
run_one "tests/http/search.sh" env R1540_BIN=./r1540 sh tests/http/search.sh
run_one "tests/http/search.sh (asan)" env R1540_BIN=build/san/r1540 sh tests/http/search.sh
run_one "tests/http/suggest.sh" env R1540_BIN=./r1540 sh tests/http/suggest.sh
run_one "tests/http/suggest.sh (asan)" env R1540_BIN=build/san/r1540 sh tests/http/suggest.sh
run_one "tests/http/partners.sh" env R1540_BIN=./r1540 sh tests/http/partners.sh
run_one "tests/http/partners.sh (asan)" env R1540_BIN=build/san/r1540 sh tests/http/partners.sh
run_one "tests/http/programmes.sh" env R1540_BIN=./r1540 sh tests/http/programmes.sh
run_one "tests/http/programmes.sh (asan)" env R1540_BIN=build/san/r1540 sh tests/http/programmes.sh
run_one "tests/http/org_programmes.sh" env R1540_BIN=./r1540 sh tests/http/org_programmes.sh
run_one "tests/http/org_programmes.sh (asan)" env R1540_BIN=build/san/r1540 sh tests/http/org_programmes.sh
# effective practices (issue 17 item 5): submit, review, nothing under review leaks
run_one "tests/http/practices.sh" env R1540_BIN=./r1540 sh tests/http/practices.sh
run_one "tests/http/practices.sh (asan)" env R1540_BIN=build/san/r1540 sh tests/http/practices.sh
# a multipart form sent in pieces loses no field (server.c collect_field)
run_one "tests/http/multipart_pieces.sh" env R1540_BIN=./r1540 sh tests/http/multipart_pieces.sh
run_one "tests/http/multipart_pieces.sh (asan)" env R1540_BIN=build/san/r1540 sh tests/http/multipart_pieces.sh
run_one "tests/http/notify.sh" env R1540_BIN=./r1540 sh tests/http/notify.sh
run_one "tests/http/notify.sh (asan)" env R1540_BIN=build/san/r1540 sh tests/http/notify.sh
run_one "tests/http/api.sh" env R1540_BIN=./r1540 sh tests/http/api.sh
run_one "tests/http/api.sh (asan)" env R1540_BIN=build/san/r1540 sh tests/http/api.sh
run_one "tests/http/openapi.sh" env R1540_BIN=./r1540 sh tests/http/openapi.sh
run_one "tests/http/openapi.sh (asan)" env R1540_BIN=build/san/r1540 sh tests/http/openapi.sh
# plain build only: most of its time is tsc compiling the generated client; the
# calls it makes are made under ASan by the contract tests of openapi.sh
run_one "tests/http/openapi_client.sh" env R1540_BIN=./r1540 sh tests/http/openapi_client.sh

# Chromium through playwright-core: the workflow in English, Arabic, Chinese
run_one "tests/browser/run.sh" sh tests/browser/run.sh
run_one "tests/browser/partners.sh" sh tests/browser/partners.sh
run_one "tests/browser/programmes.sh" sh tests/browser/programmes.sh
run_one "tests/browser/org_programmes.sh" sh tests/browser/org_programmes.sh
run_one "tests/browser/proposal_mail.sh" sh tests/browser/proposal_mail.sh
run_one "tests/browser/practices.sh" sh tests/browser/practices.sh

run_one "fuzzing (libFuzzer)" sh tests/fuzz/run.sh
run_one "banned functions" sh tests/check_banned.sh
run_one "translation catalogs" sh tests/check_i18n.sh
run_one "reference data generators" sh tests/check_refdata.sh
}

# ---- the lanes ----------------------------------------------------------------------
# The list's names: "K<TAB>name" lines.
WANT=names
k=0
: >"$RUN/names"
list

# The order the lanes take them in: the longest (last measured wall time) first.
durations=tests/out/durations.tsv
[ -s "$durations" ] || durations=tests/durations.tsv
[ -f "$durations" ] || durations=/dev/null
cut -f2 "$RUN/names" | grep -nE -- "${TEST_ONLY:-.}" | cut -d: -f1 >"$RUN/selected"
awk -F '\t' 'FILENAME == ARGV[1] { s[$2] = $1; next } FILENAME == ARGV[2] { sel[$1] = 1; next }
    $1 in sel { print ($2 in s ? s[$2] : 1e9) "\t" $1 }' \
    "$durations" "$RUN/selected" "$RUN/names" | sort -t "$(printf '\t')" -k1,1gr -k2,2n | cut -f2 >"$RUN/order"

# A lane takes the next test of the order no other lane has taken (mkdir is atomic).
lane() {
    while read -r WANT <&3; do
        mkdir "$RUN/$WANT" 2>/dev/null || continue
        k=0
        list
    done 3<"$RUN/order"
}
# The demo database, made once a run by each build (init --demo is
# deterministic): the SQLite runs of the scripts that start from it copy it
# (tests/store_access.sh: init_demo) instead of each running init --demo, 1.5 s
# and 6 s under ASan. A build whose init --demo fails (a sanitizer report
# included) leaves no copy: its scripts then run init --demo themselves, and
# fail there.
. tests/store_access.sh # demo_file
R1540_TEST_DEMO="$(pwd)/tests/out/demo"
export R1540_TEST_DEMO
rm -rf "$R1540_TEST_DEMO"
mkdir -p "$R1540_TEST_DEMO"
for b in ./r1540 build/san/r1540; do
    [ -x "$b" ] || continue
    f=$R1540_TEST_DEMO/$(demo_file "$b")
    { R1540_DATA="$(pwd)/data" "$b" --db "$f.new" init --demo >"$f.log" 2>&1 && mv "$f.new" "$f"; } &
done
wait

start=$(date +%s)
i=1
while [ "$i" -le "$JOBS" ]; do
    lane &
    i=$((i + 1))
done
wait
wall=$(($(date +%s) - start))

# ---- the results, in the order of the list --------------------------------------------
pass=0
fail=0
cpu=0
: >"$RUN/durations.tsv"
while read -r k; do
    if [ -s "$RUN/$k/count" ]; then
        cat "$RUN/$k/result"
        IFS="$(printf '\t')" read -r p f w c name <"$RUN/$k/count"
        printf '%s\t%s\n' "$w" "$name" >>"$RUN/durations.tsv"
    else
        name=$(awk -F '\t' -v k="$k" '$1 == k { print $2 }' "$RUN/names")
        echo "not ok - $name did not finish"
        echo "FAIL $name (did not finish)"
        p=0 f=1 c=0
    fi
    pass=$((pass + p))
    fail=$((fail + f))
    cpu=$(awk -v a="$cpu" -v b="$c" 'BEGIN { printf "%.2f", a + (b == "?" ? 0 : b) }')
done <"$RUN/selected"
# this run's wall times, and the last ones of the tests it did not run
touch tests/out/durations.tsv
awk -F '\t' 'FILENAME == ARGV[1] { print; seen[$2] = 1; next } !($2 in seen)' \
    "$RUN/durations.tsv" tests/out/durations.tsv >"$RUN/durations.all"
mv "$RUN/durations.all" tests/out/durations.tsv
echo "time: $wall s wall on $JOBS lanes, $cpu s CPU (user + sys of the tests)"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
