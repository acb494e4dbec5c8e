#!/bin/sh
# Runs each libFuzzer driver for FUZZ_SECONDS (default 6; `make bench` runs
# them longer through bench/fuzz.sh) from its seed corpus; a crash, a
# sanitizer report or a leak fails the run. New inputs the fuzzer finds go to
# tests/out/fuzz/, not into the committed corpus.
cd "$(dirname "$0")/../.." || exit 2
# libgettextpo's own leaks (tests/lsan.supp) are not the catalogs reader's
: "${LSAN_OPTIONS:=suppressions=$(pwd)/tests/lsan.supp:print_suppressions=0}"
export LSAN_OPTIONS
n=0
for f in csv json instance query multipart po weights tsv text; do
    n=$((n + 1))
    work=tests/out/fuzz/$f
    mkdir -p "$work"
    if build/fuzz/fuzz_$f -max_total_time="${FUZZ_SECONDS:-6}" -max_len=65536 -rss_limit_mb=2048 \
        -artifact_prefix=tests/out/fuzz/ "$work" tests/fuzz/corpus/$f >tests/out/fuzz_$f.log 2>&1; then
        echo "ok $n - fuzz_$f: $(grep -o 'Done [0-9]* runs' tests/out/fuzz_$f.log | grep -o '[0-9]*') inputs, no crash"
    else
        echo "not ok $n - fuzz_$f found a crash:"
        tail -30 tests/out/fuzz_$f.log
    fi
done
echo "1..$n"
