#!/bin/sh
# Longer fuzzing runs than `make test` gives (tests/fuzz/run.sh, 10 s each):
# FUZZ_SECONDS (default 120) per driver; a crash fails the run. Prints each
# driver's inputs per second and its ratio to the CSV driver's, the baseline
# run in the same script (a parser far slower than the CSV reader stands out).
set -u
cd "$(dirname "$0")/.."
make -s fuzz-bins >/dev/null || exit 1
s=${FUZZ_SECONDS:-120}
echo "== fuzz: $s s per driver"
FUZZ_SECONDS=$s sh tests/fuzz/run.sh >bench/out-fuzz.tap 2>&1
grep -q '^not ok' bench/out-fuzz.tap && { cat bench/out-fuzz.tap; exit 1; }
base=$(sed -n 's/.*fuzz_csv: \([0-9]*\) inputs.*/\1/p' bench/out-fuzz.tap)
sed -n 's/.*fuzz_\([a-z]*\): \([0-9]*\) inputs.*/\1 \2/p' bench/out-fuzz.tap | while read -r f runs; do
    awk -v f="$f" -v r="$runs" -v b="$base" -v s="$s" \
        'BEGIN { printf "   fuzz_%-9s %8.0f inputs/s   %5.2fx the csv baseline\n", f, r / s, r / b }'
done
rm -f bench/out-fuzz.tap
