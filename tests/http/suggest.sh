#!/bin/sh
# The drafting aid's panel in the draft editor (issue 15 item 5): on a draft's
# version page with ?item=ID, an expert sees the passages of the state's
# reports that match the item (report, page, the article found, the snippet
# escaped) with a "Use this" button; "Use this" opens the form with the
# source report, page and legal reference filled in and the mark unchanged,
# and nothing is saved until the expert saves. Hostile input (an unknown
# item, another state's version, oversized and markup values) changes
# nothing; a reader signed out sees no panel. One server, one database, one
# sign-in. TAP output.
cd "$(dirname "$0")/../.." || exit 2
. tests/http/lib.sh

r init >/dev/null 2>"$T/init.err" || { cat "$T/init.err"; echo "Bail out! init"; exit 1; }
/usr/bin/python3 tests/data/suggest/make_eval.py "$T" >/dev/null 2>>"$T/init.err" ||
    { cat "$T/init.err"; echo "Bail out! evaluation set"; exit 1; }
fr=$(r report add NLD --kind first-report --date 2020-01-15 --language fr --title "Rapport <b>national</b>" --file "$T/fr.docx") &&
    zh=$(r report add NLD --kind first-report --date 2021-01-15 --language zh --title "国家报告" --file "$T/zh.docx") &&
    r report add BEL --kind first-report --date 2020-01-15 --language en --title "Other" --file "$T/en.docx" >/dev/null &&
    echo "$PW" | r user add exp --role expert >/dev/null &&
    r matrix new NLD >/dev/null && r matrix new BEL >/dev/null ||
    { echo "Bail out! setup"; exit 1; }
start_server
page_login exp || { echo "Bail out! sign-in"; exit 1; }
VP="states/NLD/versions/1"
I=OP3CD-NW-EXPORT-LAW
page() { req -b "$T/pjar.exp" -G "$@"; }
before=$(fingerprint); n0=$(audit_count)

# ---- the panel -------------------------------------------------------------------
page --data-urlencode "item=$I" "$B/en/$VP"
expect_eq "the version page with ?item: 200" "$CODE" "200"
check "the panel is there, naming the item" body_has "<h3 id=\"suggest-h\">Passages from the state&#39;s reports (<bdi>$I</bdi>)</h3>"
check "the French report's page 1 with its article" body_has ", page 1 · <bdi>article 12</bdi>"
check "the Chinese report's page 1 with its article" body_has "<bdi>第十二条</bdi>"
check "the matched words are marked" body_has "<mark>exportations</mark>"
check "the report's title is escaped" body_has "Rapport &lt;b&gt;national&lt;/b&gt;"
check "a Use this button per passage, carrying report, page and reference" \
    body_has "<input type=\"hidden\" name=\"use_report\" value=\"$fr\"><input type=\"hidden\" name=\"use_page\" value=\"1\"><input type=\"hidden\" name=\"use_ref\" value=\"article 12\"><button type=\"submit\">Use this</button>"
page --data-urlencode "item=$I" "$B/zh/$VP"
check "the panel in Chinese" body_has "该国报告中的段落"
page --data-urlencode "item=OP1-HCOC" "$B/en/$VP"
check "an item with no passage says so" body_has "No passage of the state&#39;s reports matches this item."
page "$B/en/$VP"
check "no item chosen: no panel" body_lacks 'id="suggest"'
req -G --data-urlencode "item=$I" "$B/en/$VP"
check "signed out: no panel" body_lacks 'id="suggest"'

# ---- Use this --------------------------------------------------------------------
page --data-urlencode "item=$I" --data-urlencode "use_report=$zh" --data-urlencode "use_page=1" \
    --data-urlencode "use_ref=第十二条" "$B/en/$VP"
check "Use this: the source report is chosen" body_has "<option value=\"$zh\" selected>"
check "Use this: the page is filled" body_has 'name="page" maxlength="200" value="1"'
check "Use this: the legal reference is filled" body_has 'name="legal_reference" maxlength="2000" value="第十二条"'
check "Use this: the mark stays the entry's own (blank), never proposed" body_has '<option value="" selected>blank</option>'
expect_eq "Use this saves nothing: the expert confirms by saving" "$(fingerprint) $(audit_count)" "$before $n0"
tok=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$T/body" | head -1)
req -b "$T/pjar.exp" --data-urlencode "csrf=$tok" --data-urlencode "loaded=$I" --data-urlencode "item=$I" \
    --data-urlencode "mark=X" --data-urlencode "legal_reference=第十二条" --data-urlencode "source_report=$zh" \
    --data-urlencode "page=1" "$B/en/$VP/entries"
expect_eq "the expert's save: 303" "$CODE" "303"
expect_eq "the entry holds the passage's report, page and reference" \
    "$(json ".entries[] | select(.item == \"$I\") | [.mark, .legal_reference, (.source_report|tostring), .page] | join(\"|\")" matrix show NLD 1)" \
    "X|第十二条|$zh|1"
before=$(fingerprint); n0=$(audit_count)

# ---- hostile input ---------------------------------------------------------------
page --data-urlencode "item=OP9-NOPE" "$B/en/$VP"
check "an unknown item: the page, no panel" sh -c '[ "$1" = 200 ] && ! grep -q "id=\"suggest\"" "$2"' - "$CODE" "$T/body"
page --data-urlencode "item=$(head -c 5000 /dev/zero | tr '\0' A)" "$B/en/$VP"
check "an oversized item: no panel, no crash" sh -c '[ "$1" -lt 500 ] && ! grep -q "id=\"suggest\"" "$2"' - "$CODE" "$T/body"
page --data-urlencode "item=$I" --data-urlencode "use_report=$fr" --data-urlencode 'use_ref="><script>alert(1)</script>' \
    --data-urlencode "use_page=$(head -c 300 /dev/zero | tr '\0' 9)" "$B/en/$VP"
check "a hostile reference is escaped in the form" body_has 'value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"'
check "an oversized page is not put in the form" body_lacks 'value="99999999999999999999'
page --data-urlencode "item=$I" "$B/en/states/NLD/versions/2"
expect_eq "another state's version number: 404" "$CODE" "404"
page --data-urlencode "item=$I" "$B/en/states/BEL/versions/1"
check "BEL's draft lists only BEL's report" sh -c '! grep -q "value=\"$1\"><input type=\"hidden\" name=\"use_page\"" "$2"' - "$fr" "$T/body"
expect_eq "the panel and hostile requests change nothing" "$(fingerprint) $(audit_count)" "$before $n0"

# ---- the browser (tests/browser/suggest.mjs) ---------------------------------------
if [ -d node_modules/playwright-core ] && [ -x "${CHROMIUM:-/usr/bin/chromium}" ]; then
    R1540_BASE=$B R1540_PW=$PW node tests/browser/suggest.mjs >"$T/walk.out" 2>&1
    awk -v n="$N" '/^(not )?ok [0-9]+ - / { n++; sub(/ok [0-9]+ - /, "ok " n " - ") } { print }' "$T/walk.out"
    N=$((N + $(grep -cE '^(not )?ok [0-9]+ - ' "$T/walk.out")))
else
    echo "# the browser walk needs node_modules/playwright-core and chromium"
fi

stop_server
done_testing
