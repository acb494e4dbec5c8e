# The drafting aid (issue 15 item 5): `r1540 matrix suggest` on an evaluation
# set of our own (tests/data/suggest/make_eval.py: one DOCX report per UN
# language, each page a passage about one matrix row or a distractor), the
# article found near the match in each language, the precision of the first
# three suggestions, and hostile input that changes nothing.
. tests/cli/lib.sh
init_db

E=$T/eval
mkdir -p "$E"
/usr/bin/python3 tests/data/suggest/make_eval.py "$E" >"$E/truth" 2>"$T/gen.err" ||
    not_ok "evaluation set made" "$(cat "$T/gen.err")"
: >"$E/ids"
for l in en fr es ru zh ar; do
    expect_ok "report in $l added" r report add NLD --kind first-report --date 2020-01-15 \
        --language "$l" --title "Evaluation $l" --file "$E/$l.docx"
    echo "$(cat "$T/out") $l" >>"$E/ids"
done
r matrix new NLD >/dev/null
r report add BEL --kind first-report --date 2020-01-15 --language en --title "Other state" \
    --file "$E/en.docx" >/dev/null
r matrix new BEL >/dev/null

# sug ITEM [LIMIT]: "REPORT:PAGE:REFERENCE" per suggestion, best first
sug() { r matrix suggest NLD 1 --item "$1" --limit "${2:-3}" --format json |
    jq -r '.items[0].suggestions[] | "\(.report):\(.page):\(.reference)"'; }
lang_of() { awk -v id="$1" '$1 == id {print $2}' "$E/ids"; }

# the article near the match, one pattern per language
refs=$(sug OP3CD-NW-EXPORT-LAW 6 | while IFS=: read -r id page ref; do
    echo "$(lang_of "$id") $page $ref"; done | sort | tr '\n' ';')
expect_eq "export control: the six reports' page 1, each with its article" "$refs" \
    "ar 1 المادة 12;en 1 Article 12;es 1 artículo 12;fr 1 article 12;ru 1 Статья 12;zh 1 第十二条;"
expect_eq "brokering: the Russian reference in another case" \
    "$(sug OP3CD-CW-BROKERING-LAW 6 | grep "^$(awk '$2 == "ru" {print $1}' "$E/ids"):" | cut -d: -f3)" "статьей 7"
expect_eq "a treaty row without an article: no reference" \
    "$(sug OP1-CWC 1 | cut -d: -f2,3)" "4:"
expect_eq "only the state's own reports are suggested" \
    "$(r matrix suggest BEL 1 --item OP3CD-NW-EXPORT-LAW --format json | jq -c '[.items[0].suggestions[].report]')" \
    "[$(r report list BEL --format json | jq '.[0].id')]"
expect_eq "the text form names the item, the page and the reference" \
    "$(r matrix suggest NLD 1 --item OP1-CWC --limit 1 | head -2 | sed 's/report [0-9]*/report N/')" \
    "OP1-CWC
  report N page 4  [CWC]"

# precision of the first three suggestions over the rows of the set
good=0 total=0
for item in $(cut -d' ' -f1 "$E/truth" | sort -u); do
    for s in $(sug "$item" 3 | cut -d: -f1,2); do
        total=$((total + 1))
        grep -qx "$item $(lang_of "${s%%:*}") ${s#*:}" "$E/truth" && good=$((good + 1))
    done
done
echo "# drafting aid precision@3: $good of $total suggestions back their row"
expect_eq "precision of the first three: every suggestion backs its row" "$good/$total" "12/12"

# every item of the template at once; an item with nothing has no block
expect_eq "all items: the four rows of the set are among them" \
    "$(r matrix suggest NLD 1 --format json | jq -r '.items[].item' |
        grep -cx -e OP3CD-NW-EXPORT-LAW -e OP3CD-CW-BROKERING-LAW -e OP3AB-NW-PHYSPROT-MATERIALS-LAW -e OP1-CWC)" "4"
expect_eq "an item with no passage: an empty list" \
    "$(r matrix suggest NLD 1 --item OP1-HCOC --format json | jq -c '.items[0].suggestions')" "[]"

# hostile input: clear errors, nothing changed
h=$(data_hash)
expect_fail "an unknown item" 3 "item OP9-NOPE is not in template v1" r matrix suggest NLD 1 --item OP9-NOPE
expect_fail "an item id that cannot be one" 4 "is not an item id" r matrix suggest NLD 1 --item "x'; DROP TABLE report;--"
expect_fail "an oversized item id" 4 "is not an item id" r matrix suggest NLD 1 --item "$(head -c 5000 /dev/zero | tr '\0' A)"
expect_fail "another state's version number" 3 "NLD has no matrix version 2" r matrix suggest NLD 2
expect_fail "an unknown state" 3 "" r matrix suggest XYZ 1
expect_fail "a version that is not a number" 2 "" r matrix suggest NLD one
expect_fail "a limit over 10" 2 "" r matrix suggest NLD 1 --limit 11
expect_eq "suggestions change nothing" "$(data_hash)" "$h"

done_testing
