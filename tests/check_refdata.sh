#!/bin/sh
# The committed reference data is exactly what its generators produce from
# Debian's iso-codes and CLDR, the UN names are complete and clean (193 states
# x 6 languages, no Arabic vowel marks, no duplicates), and the template passes
# its own checks.
cd "$(dirname "$0")/.." || exit 2
if /usr/bin/python3 data/states/tools/gen_names.py --check >tests/out/gen_names.log 2>&1; then
    echo "ok 1 - data/states matches its generator"
else
    echo "not ok 1 - data/states differs from its generator"; cat tests/out/gen_names.log
fi
if /usr/bin/python3 data/template/tools/gen_template.py --check >tests/out/gen_template.log 2>&1; then
    echo "ok 2 - data/template matches its generator"
else
    echo "not ok 2 - data/template differs from its generator"; cat tests/out/gen_template.log
fi
if /usr/bin/python3 data/template/tools/check_template.py >tests/out/check_template.log 2>&1; then
    echo "ok 3 - data/template passes its checks"
else
    echo "not ok 3 - data/template fails its checks"; cat tests/out/check_template.log
fi
# check_names.py prints its own TAP lines (4, 5, ...), "#" lines under a failure.
if ! /usr/bin/python3 data/states/tools/check_names.py --first 4 >tests/out/check_names.log 2>&1; then
    grep -q '^not ok' tests/out/check_names.log || echo "not ok 4 - check_names.py could not read the names"
fi
cat tests/out/check_names.log
