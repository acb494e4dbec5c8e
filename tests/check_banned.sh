#!/bin/sh
# The C functions we never call (STYLE.md, after curl's checksrc): unbounded
# copies and parses that have bounded or checked replacements.
cd "$(dirname "$0")/.." || exit 2
n=0
failed=0
for fn in sprintf vsprintf strcpy strcat strncat strtok gets atoi atol atof; do
    n=$((n + 1))
    hits=$(grep -rnE "(^|[^_a-z])$fn\\s*\\(" src tests/unit --include='*.c' --include='*.h' |
        grep -v 'snprintf\|vsnprintf' || true)
    if [ -z "$hits" ]; then
        echo "ok $n - no $fn"
    else
        failed=1
        echo "not ok $n - $fn used:"
        echo "$hits"
    fi
done
exit $failed
