# Search over the text of reports (issue 15): documents made by real programs
# (Chromium's print to PDF in the six languages, a scan printed from a canvas
# and read by OCR, a DOCX and an ODT written by zipfile, hostile PDFs and
# archives), their text found with the right pages,
# limits that hold, queries typed as people type them, filters, paging, the
# JSON shape, hostile queries that change nothing, and reindex.
. tests/cli/lib.sh
init_db

D=$T/docs
mkdir -p "$D"
if node tests/data/search/make_pdfs.mjs "$D" /work/shared/seeds/002_22a0e4b678b51700.txt \
    /work/shared/seeds/000_853b19a56df238b9.txt >"$T/gen.err" 2>&1 &&
    /usr/bin/python3 tests/data/search/make_files.py "$D" >>"$T/gen.err" 2>&1; then
    ok "test documents made (Chromium print to PDF, zipfile)"
else
    not_ok "test documents made" "$(head -c 600 "$T/gen.err")"
fi

# add STATE LANG FILE TITLE: adds a first report and keeps its id in $id
add() {
    expect_ok "add $3 ($2) for $1" r report add "$1" --kind first-report --date 2020-0$((N % 9 + 1))-15 \
        --language "$2" --title "$4" --file "$D/$3"
    id=$(cat "$T/out")
}
add GBR en en.pdf "National report"; en=$id
add FRA fr fr.pdf "Rapport national"; fr=$id
add ESP es es.pdf "Informe nacional"; es=$id
add RUS ru ru.pdf "Национальный доклад"; ru=$id
add EGY ar ar.pdf "تقرير وطني"; ar=$id
add CHN zh zh.pdf "国家报告"; zh=$id
add USA en report.docx "Biosafety"; docx=$id
add MEX es report.odt "Informe aduanas"; odt=$id
add DEU en scan.pdf "Scanned page"; scan=$id
add ITA en corrupt.pdf "Corrupt"; corrupt=$id
R1540_EXTRACT_MAX_PAGES=100 add JPN en many.pdf "Registry"; many=$id
R1540_EXTRACT_SECONDS=2 R1540_EXTRACT_MEMORY_MB=256 add BRA en inflate.pdf "Inflating stream"; inflate=$id
add ARG en bomb.docx "Zip bomb"; bomb=$id

# text_of ID: the "text:" line of report get
text_of() { r report get "$1" | sed -n 's/^text: //p'; }
expect_eq "a PDF's text: two pages" "$(text_of "$en")" "text, 2 pages"
expect_eq "the Chinese PDF: the opening and the two seed statements" "$(text_of "$zh")" "text, 3 pages"
expect_eq "a DOCX's pages end at its page break" "$(text_of "$docx")" "text, 2 pages"
expect_eq "an ODT is one page" "$(text_of "$odt")" "text, 1 pages"
expect_eq "a page without a text layer (a scan): its text recognized" "$(text_of "$scan")" "text, 1 pages"
expect_eq "a corrupt PDF: stored, no text, why" "$(text_of "$corrupt")" "no text, 0 pages; the PDF cannot be read"
expect_eq "a PDF over the page limit: the first pages, said so" "$(text_of "$many")" \
    "text, 300 pages; only the first 100 of 300 pages were read"
t=$(text_of "$inflate")
case $t in "no text, 0 pages; the extraction took longer than 2 seconds" | "no text, 0 pages; the extraction ran out of memory"*) ok "a stream that inflates without end: stopped by the limits" ;;
    *) not_ok "a stream that inflates without end: stopped by the limits" "got: $t" ;; esac
expect_eq "a zip bomb dressed as a DOCX: stored, no text" "$(text_of "$bomb")" "no text, 0 pages; the document part is too large"
expect_ok "every file is stored whatever its text" r report get "$bomb" -o "$T/bomb.back"
expect_eq "the zip bomb comes back byte for byte" "$(cmp "$D/bomb.docx" "$T/bomb.back" && echo same)" "same"

# hits QUERY ARGS...: "report:page" of every hit, sorted, one line
hits() { q=$1; shift; r search "$q" --format json "$@" | jq -r '[.hits[] | "\(.report):\(.page)"] | sort | join(" ")'; }
expect_eq "en: 'export control' finds page 2" "$(hits "export control" --lang en)" "$en:2"
expect_eq "fr: 'controle exportation' finds « contrôles à l'exportation » on page 2" "$(hits "controle exportation" --lang fr)" "$fr:2"
expect_eq "the same stems across English, French and Spanish" "$(hits "export control")" "$en:2 $fr:2 $odt:1"
expect_eq "es: 'exportaciones armas quimica' finds page 2" "$(hits "exportaciones armas quimica")" "$es:2"
expect_eq "ru: 'экспортный контроль' finds «экспортного контроля»" "$(hits "экспортный контроль")" "$ru:2"
expect_eq "ar: words of the Arabic PDF (poppler puts bidi controls between them)" "$(hits "القانون الدول")" "$ar:2"
# Arabic written with full harakat, as a text file: poppler reads such words
# out of Chromium's PDFs with each mark before its letter and lam-alef turned
# round, so this file, not a PDF, holds them
printf 'تَحْظُرُ المَادَّةُ 5 نَقْلَ الأَسْلِحَةِ الكِيمِيائِيَّةِ إِلَى الجِهَاتِ.\n' >"$D/harakat.txt"
add SAU ar harakat.txt "نص مشكول"; harakat=$id
expect_eq "ar: typed without harakat or hamza, the words written with them" "$(hits "الاسلحة الكيميائية" --lang ar)" "$harakat:1"
expect_eq "ar: the phrase too, and a word with shadda" "$(hits '"الاسلحة الكيميائية"') $(hits "المادة" --state SAU)" "$harakat:1 $harakat:1"
expect_eq "ar: the article before a hamzated alef, read out of the PDF's lam-alef ligature" "$(hits "الارهاب الاسلحة" --lang ar)" "$ar:2"
expect_eq "ar: على, read out of the PDF's lam with alef maqsura" "$(hits '"على تمويل"' --lang ar)" "$ar:2"
expect_eq "ar: a word typed with harakat finds the PDF's without" "$(hits "يَحْظُر" --lang ar)" "$ar:2"
expect_eq "zh: 出口管制 inside the seed statement on page 2, not page 1" "$(hits "出口管制")" "$zh:2"
expect_eq "zh: 国家报告 on page 1" "$(hits "国家报告" --state CHN)" "$zh:1"
expect_eq "zh: 全球治理 inside the other seed statement, page 3" "$(hits "全球治理")" "$zh:3"
expect_eq "zh: two words typed apart, written together (新冠肺炎疫情)" "$(hits "疫情 新冠肺炎")" "$zh:3"
expect_eq "zh: a phrase of the statement typed as one run" "$(hits "国家联络点培训班")" "$zh:3"
expect_eq "zh: a word not in it" "$(hits "高速铁路")" ""
expect_eq "docx: words across runs, page 2" "$(hits "biosafety pathogens")" "$docx:2"
expect_eq "odt: Spanish without accents, a text:s space" "$(hits "exportacion material nuclear")" "$odt:1"
expect_eq "a phrase in quotes must be adjacent" "$(hits '"material nuclear"' --state MEX) / $(hits '"nuclear material"' --state MEX)" "$odt:1 / "
expect_eq "the scan's words are found by OCR" "$(hits "nuclear protection" --state DEU)" "$scan:1"
expect_ok "a recognized page in the text output" r search "nuclear material protection" --state DEU
expect_match "it says the text was recognized" "$T/out" "report $scan  DEU  page 1  score [0-9.]+  \(recognized text\)"
expect_eq "resolution 1540 in six languages" "$(r search 1540 --format json | jq '[.hits[].state] | unique | join(" ")')" '"CHN EGY ESP FRA GBR RUS"' 

# The JSON shape and the snippet
r search "export control" --format json >"$T/s.json"
expect_eq "JSON: exactly total, hits and the matching practices" "$(jq -c 'keys' "$T/s.json")" '["hits","practices","total"]'
expect_eq "JSON: a hit has report, state, page, score, snippet" "$(jq -c '.hits[0] | keys_unsorted' "$T/s.json")" \
    '["report","state","page","score","snippet"]'
expect_eq "JSON: the state and the score" "$(jq -r '[.hits[] | "\(.state) \(.score | type)"] | sort | join(" ")' "$T/s.json")" "FRA number GBR number MEX number"
expect_match "the snippet marks the matched words" "$T/s.json" '<mark>Export</mark> <mark>Control</mark>'
printf 'Notes <script>alert(1)</script> & "nuclear" security\n' >"$D/html.txt"
expect_ok "a text report with markup" r report add NLD --kind letter --date 2021-01-01 --language en --title Notes --file "$D/html.txt"
r search "nuclear security" --format json >"$T/h.json"
expect_match "the snippet escapes the page's text" "$T/h.json" '&lt;script&gt;alert\(1\)&lt;/script&gt; &amp; &quot;<mark>nuclear</mark>&quot; <mark>security</mark>'
expect_ok "text output" r search "controle exportation"
expect_match "text output: report, state, page and marked words" "$T/out" 'report [0-9]+  FRA  page 2'
expect_match "text output: the passage" "$T/out" '\*\*contrôles\*\* à \*\*l’exportation\*\*'

# Filters and paging
expect_eq "--lang fr" "$(hits 1540 --lang fr)" "$fr:1"
expect_eq "--state by alpha-2" "$(hits 1540 --state es)" "$es:1"
expect_eq "--kind letter" "$(hits "nuclear" --kind letter)" "$(r report list NLD --format json | jq -r '.[0].id'):1"
n1540=$(r search 1540 --format json | jq .total)
expect_eq "--from and --to" "$(r search 1540 --from 2020-01-01 --to 2030-01-01 --format json | jq .total) $(r search 1540 --to 2000-01-01 --format json | jq .total)" "$n1540 0"
expect_eq "--limit 2 --offset (total - 1): one hit, the same total" "$(r search 1540 --limit 2 --offset $((n1540 - 1)) --format json | jq -c '[.total, (.hits | length)]')" "[$n1540,1]"
expect_eq "past the end: no hits, the total" "$(r search 1540 --offset 50 --format json | jq -c '[.total, (.hits | length)]')" "[$n1540,0]"
expect_eq "every registry page up to the page limit" "$(r search registry --state JPN --format json | jq .total)" "100"

# Bad and hostile input: a clear error or no hit, and nothing changes
h=$(db_hash)
expect_fail "an empty query" 4 "no word to search for" r search ""
expect_fail "punctuation only" 4 "no word to search for" r search '*** ()'
expect_fail "an oversized query" 4 "longer than 500 bytes" r search "$(head -c 600 /dev/zero | tr '\0' 'a')"
expect_fail "a query that is not UTF-8" 4 "not one line of UTF-8" r search "$(printf 'a\377b')"
expect_fail "an unknown kind" 4 "kind: 'memo' is not a kind" r search x --kind memo
expect_fail "a date that is not a date" 4 "from: '2020-13-45' is not a date" r search x --from 2020-13-45
expect_fail "a language that is not a code" 4 "lang: 'fr;--' is not an ISO 639 code" r search x --lang 'fr;--'
expect_fail "an unknown state" 3 "" r search x --state XYZ
expect_fail "a limit over 100" 2 "" r search x --limit 1000
expect_eq "FTS5 syntax is only words" "$(r search 'export NEAR(control) OR "x* ^y' --format json | jq -c .hits)" "[]"
expect_eq "SQL in a query is only words" "$(r search "'; DROP TABLE report;--" --format json | jq .total)" "0"
expect_eq "seventeen words are refused" "$(r search "a b c d e f g h i j k l m n o p q" 2>&1 >/dev/null)" \
    "r1540 search: q: the query has more than 16 words."
expect_eq "searches change nothing" "$(db_hash)" "$h"

# reindex: progress on stderr, one audit entry, the same hits
before=$(audit_count)
r reindex --state FRA >"$T/out" 2>"$T/err"
expect_eq "reindex --state FRA: one report" "$(cat "$T/out")" "1 reports indexed"
expect_match "reindex prints a progress line" "$T/err" "^reindex: 1/1  report $fr FRA: text, 2 pages with text"
expect_eq "reindex: one audit entry" "$(($(audit_count) - before)) $(audit_last)" "1 report.reindex FRA"
expect_eq "the same hits after reindex" "$(hits "controle exportation" --state FRA)" "$fr:2"
# beneath r1540: a report whose text was never extracted (a database from
# before the search migration) is a state r1540 itself cannot make
beneath "DELETE FROM report_page WHERE report_id = $ru; DELETE FROM report_text WHERE report_id = $ru" >/dev/null
expect_eq "a report never extracted is found again after reindex --missing" \
    "$(hits "экспортный контроль")/$(r reindex --missing 2>/dev/null)/$(hits "экспортный контроль")" "/1 reports indexed/$ru:2"
expect_fail "reindex of an unknown state" 3 "" r reindex --state XYZ

# import and init --demo index what they load: found at once, nothing left
# for reindex --missing (no audit entry is added: the import's and the
# init's one entry stand for it)
r export --format json -o "$T/all.json" >/dev/null
DB2=$(new_db imported)
"$BIN" --db "$DB2" init >/dev/null
"$BIN" --db "$DB2" import "$T/all.json" >/dev/null 2>"$T/imp.err" || cat "$T/imp.err"
expect_eq "an imported report is found without reindex" \
    "$("$BIN" --db "$DB2" search "экспортный контроль" --format json | jq -c '[.hits[].report]')" "[$ru]"
expect_eq "an imported PDF keeps its pages" \
    "$("$BIN" --db "$DB2" search "controle exportation" --state FRA --format json | jq -c '[.hits[].page]')" "[2]"
expect_eq "nothing is left for reindex --missing after import" \
    "$("$BIN" --db "$DB2" reindex --missing 2>/dev/null)" "0 reports indexed"
DB3=$(new_db demo)
"$BIN" --db "$DB3" init --demo >/dev/null
expect_eq "init --demo: every demo report is found" \
    "$("$BIN" --db "$DB3" search placeholder --format json | jq .total)" \
    "$(DB=$DB3 beneath_read "SELECT count(*) FROM report WHERE document IS NOT NULL")"
expect_eq "init --demo: nothing left for reindex --missing" \
    "$("$BIN" --db "$DB3" reindex --missing 2>/dev/null)" "0 reports indexed"

done_testing
