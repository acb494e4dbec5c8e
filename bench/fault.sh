#!/bin/sh
# The full fault-injection sweep under ASan + UBSan (tests/unit/test_fault.c):
# make test runs 100 runs a kind there, this runs 400, as the plain build does
# in make test. It prints the time of both, side by side.
set -eu
cd "$(dirname "$0")/.."
make -s build/san/tests/test_fault
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:exitcode=99
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export LSAN_OPTIONS="suppressions=$(pwd)/tests/lsan.supp:print_suppressions=0"
t0=$(date +%s.%N)
R1540_FAULT_RUNS=100 build/san/tests/test_fault >/tmp/r1540-fault-short.out
t1=$(date +%s.%N)
R1540_FAULT_RUNS=400 build/san/tests/test_fault >/tmp/r1540-fault-full.out
t2=$(date +%s.%N)
for f in /tmp/r1540-fault-short.out /tmp/r1540-fault-full.out; do
    if grep -q '^not ok' "$f"; then grep '^not ok' "$f"; exit 1; fi
done
awk -v a="$t0" -v b="$t1" -v c="$t2" 'BEGIN {
    printf "fault sweep under ASan: 100 runs a kind (make test) %.1f s, 400 runs a kind (bench) %.1f s, ratio %.2f\n", b - a, c - b, (c - b) / (b - a) }'
grep -h 'runs over' /tmp/r1540-fault-full.out
