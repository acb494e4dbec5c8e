#!/bin/sh
# The web interface's translation catalogs: every msgid of the templates and
# C sources (tools/po_extract.py) is translated, not fuzzy, in each
# data/po/<lang>/web.po, none is left over, data/po/web.pot is current, and
# msgfmt accepts each catalog with its format and header checks.
cd "$(dirname "$0")/.." || exit 2
n=1
if out=$(python3 tools/po_extract.py --check 2>&1); then
    echo "ok $n - web.po catalogs match the msgids ($(echo "$out" | tail -1))"
else
    echo "not ok $n - web.po catalogs do not match the msgids:"
    echo "$out" | sed 's/^/# /'
fi
for lang in ar zh fr ru es; do
    n=$((n + 1))
    po=data/po/$lang/web.po
    if out=$(msgfmt --check-format -c -o /dev/null "$po" 2>&1); then
        echo "ok $n - msgfmt -c $po"
    else
        echo "not ok $n - msgfmt -c $po:"
        echo "$out" | sed 's/^/# /'
    fi
done
