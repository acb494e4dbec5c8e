#!/bin/sh
# The web interface's translation catalogs: every msgid of the templates and
# C sources (tools/po_extract.py) is translated, not fuzzy, in each
# data/po/<lang>/web.po, none is left over, data/po/web.pot is current, and
# msgfmt accepts each catalog with its format and header checks; the same for the
# review report's review.po catalogs against the review sources.
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
# The review report's catalogs (data/po/<lang>/review.po, docs/review.md): every
# msgid xgettext finds in the review sources is translated in each language,
# and msgfmt accepts the catalog.
pot=$(mktemp)
xgettext --from-code=UTF-8 --package-name=r1540 --keyword=i18n_tr:2 --keyword=i18n_trc:2c,3 \
    --keyword=i18n_trn:2,3 --keyword=tr:2 -o "$pot" src/review/*.c src/cli/cmd_review.c
for lang in ar zh fr ru es; do
    n=$((n + 1))
    po=data/po/$lang/review.po
    if out=$(msgcmp "$po" "$pot" 2>&1 && msgfmt --check-format -c -o /dev/null "$po" 2>&1) &&
        ! msgattrib --untranslated --no-obsolete "$po" | grep -q '^msgid "[^"]'; then
        echo "ok $n - $po translates every review msgid"
    else
        echo "not ok $n - $po lacks review msgids or does not compile:"
        echo "$out" | sed 's/^/# /'
    fi
done
rm -f "$pot"
# The glossary (data/glossary.tsv): each concept is rendered with the UN's term in
# every catalog, and no catalog entry or template label uses a form it says to avoid.
mkdir -p tests/out # its log, whether or not tests/run.sh made the folder
if ! python3 tools/check_glossary.py --first $((n + 1)) >tests/out/check_glossary.log 2>&1; then
    grep -q '^not ok' tests/out/check_glossary.log || echo "not ok $((n + 1)) - tools/check_glossary.py could not read data/glossary.tsv"
fi
cat tests/out/check_glossary.log
