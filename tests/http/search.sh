#!/bin/sh
# HTTP tests of the search (issue 15): /api/v1/search (its JSON shape, its
# filters, bad and hostile input answered with 422 and changing nothing) and
# the /<lang>/search page (marked snippets escaped, "page N" links that open
# the PDF inline, the search box in the header, a report page that says its
# file has no text), then tests/browser/search.mjs in Chromium against the
# same server. One fresh database, no sign-in (every report is public).
cd "$(dirname "$0")/../.." || exit 2
. tests/http/lib.sh

r init >/dev/null 2>"$T/init.err" || { cat "$T/init.err"; echo "Bail out! init"; exit 1; }
D=$T/docs
mkdir -p "$D"
node tests/data/search/make_pdfs.mjs "$D" /work/shared/seeds/002_22a0e4b678b51700.txt >"$T/gen.err" 2>&1 &&
    /usr/bin/python3 tests/data/search/make_files.py "$D" --light >>"$T/gen.err" 2>&1 ||
    { cat "$T/gen.err"; echo "Bail out! test documents"; exit 1; }
add() { r report add "$1" --kind first-report --date 2020-01-15 --language "$2" --title "$4" --file "$D/$3"; }
en=$(add GBR en en.pdf "National report") && fr=$(add FRA fr fr.pdf "Rapport national") &&
    ar=$(add EGY ar ar.pdf "تقرير وطني") && zh=$(add CHN zh zh.pdf "国家报告") &&
    bad=$(add ITA en corrupt.pdf "Corrupt") || { echo "Bail out! report add"; exit 1; }
printf 'Notes <script>alert(1)</script> & "nuclear" security\n' >"$D/x.txt"
txt=$(r report add NLD --kind letter --date 2021-01-01 --language en --title '<b>Notes</b>' --file "$D/x.txt")
start_server
h=$(r fingerprint)

# ---- the API -------------------------------------------------------------------
search() { req -G "$@" "$B/api/v1/search"; }
jqe() { jq -e "$@" >/dev/null; }
search --data-urlencode "q=controle exportation" --data-urlencode lang=fr
expect_eq "api: 200" "$CODE" "200"
expect_eq "api: hits, total, the paging members and the matching practices" "$(jq -c keys "$T/body")" '["count","hits","page","pages","per_page","practices","total"]'
expect_eq "api: count is total, 20 a page unless asked" "$(jq -c '[.count == .total, .page, .per_page]' "$T/body")" "[true,1,20]"
expect_eq "api: a hit's keys" "$(jq -c '.hits[0] | keys_unsorted' "$T/body")" '["report","state","page","score","snippet"]'
expect_eq "api: the French report's page 2" "$(jq -r '.hits[] | "\(.report) \(.state) \(.page)"' "$T/body")" "$fr FRA 2"
check "api: the snippet marks the words" jqe '.hits[0].snippet | test("<mark>contrôles</mark>")' "$T/body"
search --data-urlencode "q=出口管制"
expect_eq "api: Chinese inside running text" "$(jq -r '[.hits[].report] | unique | join(" ")' "$T/body")" "$zh"
search --data-urlencode "q=nuclear security"
check "api: the page's markup is escaped in the snippet" jqe '.hits[0].snippet | contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;<mark>nuclear</mark>&quot;")' "$T/body"
search --data-urlencode "q=1540" --data-urlencode state=FR --data-urlencode kind=first-report --data-urlencode from=2020-01-01 --data-urlencode to=2020-12-31
expect_eq "api: filters (state by alpha-2, kind, dates)" "$(jq -r '[.hits[].state] | unique | join(" ")' "$T/body")" "FRA"
# paging as on every list call (paging.h): page, per_page, count, pages, Link
search --data-urlencode "q=1540" --data-urlencode per_page=1
N1540=$(jq -r .count "$T/body")
expect_eq "api: paging, one a page" "$(jq -c '[.count >= 4, .pages == .count, .page, .per_page, (.hits | length)]' "$T/body")" "[true,true,1,1,1]"
FIRST=$(jq -c '.hits[0]' "$T/body")
check "api: paging, a Link header to the next and last pages" sh -c 'echo "$1" | grep -q "</api/v1/search?q=1540&page=2&per_page=1>; rel=\"next\"" && echo "$1" | grep -q "page=$2&per_page=1>; rel=\"last\""' - "$(header Link)" "$N1540"
search --data-urlencode "q=1540" --data-urlencode per_page=1 --data-urlencode page=2
expect_eq "api: page 2 is another hit" "$(jq -c '[.page, (.hits | length), (.hits[0] != '"$FIRST"')]' "$T/body")" "[2,1,true]"
check "api: page 2 links back to page 1" sh -c 'echo "$1" | grep -q "page=1&per_page=1>; rel=\"prev\""' - "$(header Link)"
search --data-urlencode "q=1540" --data-urlencode per_page=1 --data-urlencode page=999999
expect_eq "api: a page past the last is the first" "$(jq -c '[.page, (.hits | length), .hits[0] == '"$FIRST"']' "$T/body")" "[1,1,true]"
search --data-urlencode "q=1540" --data-urlencode per_page=100
expect_eq "api: per_page 100, the most" "$CODE $(jq -c '[.per_page, .pages]' "$T/body")" "200 [100,1]"
for bad_q in "q=" "q=%20%20" "q=%FF%FE" "q=$(head -c 600 /dev/zero | tr '\0' a)" "q=a&kind=memo" "q=a&from=2020-02-30" "q=a&page=0" "q=a&page=-1" "q=a&page=x" "q=a&per_page=0" "q=a&per_page=101" "q=a&per_page=500" "q=a&per_page=99999999999999999999" "q=a&lang=fr%27--"; do
    req "$B/api/v1/search?$bad_q"
    expect_eq "api: bad input ${bad_q%%&*}${bad_q#*&} is a 422 with a message" "$CODE $(jq -r '.error.status' "$T/body")" "422 422"
done
for old_q in "offset=1" "limit=5" "offset=0&limit=20" "offset=-1" "limit=x"; do
    req "$B/api/v1/search?q=a&$old_q"
    expect_eq "api: the old $old_q is a 422 naming page and per_page" "$CODE $(jq -r '.error.message | test("page and per_page")' "$T/body")" "422 true"
done
req "$B/fr/search?q=1540&offset=1&limit=1"
expect_eq "the page keeps offset and limit (its own links)" "$CODE" "200"
req "$B/api/v1/search?q=a&state=XYZ"
expect_eq "api: an unknown state is a 404" "$CODE" "404"
search --data-urlencode 'q=NEAR(export) OR "x* ^y' 
expect_eq "api: FTS5 syntax is only words" "$CODE $(jq -c .hits "$T/body")" "200 []"

# ---- the page ----------------------------------------------------------------------
req "$B/en/"
check "the search box is in the header" grep -q 'class="search-box" method="get" action="/en/search"' "$T/body"
req "$B/en/search"
expect_eq "the empty search page" "$CODE" "200"
req -G --data-urlencode "q=export control" "$B/en/search"
check "page: the English report, page 2, opens the PDF there" grep -q "href=\"/en/reports/$en/file?view=1#page=2\"" "$T/body"
check "page: marked words" grep -q '<mark>Export</mark> <mark>Control</mark>' "$T/body"
req -G --data-urlencode 'q=nuclear <script>alert(1)</script>' "$B/fr/search"
check "page: the query is echoed escaped" grep -q 'value="nuclear &lt;script&gt;alert(1)&lt;/script&gt;"' "$T/body"
check "page: the page's text is escaped" grep -q '&lt;<mark>script</mark>&gt;<mark>alert</mark>(<mark>1</mark>)&lt;/<mark>script</mark>&gt; &amp; &quot;<mark>nuclear</mark>&quot;' "$T/body"
check "page: the report's title is escaped" grep -q '&lt;b&gt;Notes&lt;/b&gt;' "$T/body"
req -G --data-urlencode "q=a" --data-urlencode "kind=memo" "$B/en/search"
expect_eq "page: a bad filter is a 422 with the form again" "$CODE $(grep -c 'role="alert"' "$T/body")" "422 1"
req "$B/ar/search?q=%D8%A7%D9%84%D9%82%D8%A7%D9%86%D9%88%D9%86"
check "page: Arabic, right to left" grep -q "dir=\"rtl\"" "$T/body"
check "page: the Arabic report found" grep -q "/ar/reports/$ar\"" "$T/body"
req "$B/en/reports/$bad"
check "the report page says its file has no text" grep -q 'No text could be read from this file' "$T/body"
req "$B/en/reports/$en"
check "a readable report says its text is searchable" grep -q 'The text of this file is searchable' "$T/body"
req "$B/en/reports/$en/file?view=1"
expect_eq "a PDF opens inline with ?view=1" "$(header Content-Disposition | cut -d';' -f1)" "inline"
req "$B/en/reports/$txt/file?view=1"
expect_eq "any other file is still a download" "$(header Content-Disposition | cut -d';' -f1)" "attachment"
expect_eq "searches change nothing" "$(r fingerprint)" "$h"

# ---- the browser -----------------------------------------------------------------
if [ -d node_modules/playwright-core ] && [ -x "${CHROMIUM:-/usr/bin/chromium}" ]; then
    R1540_BASE=$B node tests/browser/search.mjs >"$T/walk.out" 2>&1
    sed "s/^\(not \)\{0,1\}ok [0-9]* - /&/" "$T/walk.out" | while IFS= read -r line; do
        case $line in "ok "* | "not ok "*) echo "$line" ;; *) echo "# $line" ;; esac
    done >"$T/walk.tap"
    # renumber the walk's lines after ours
    awk -v n="$N" '/^(not )?ok [0-9]+ - / { n++; sub(/ok [0-9]+ - /, "ok " n " - ") } { print } END { print "#n " n }' "$T/walk.tap" >"$T/walk.num"
    grep -v '^#n ' "$T/walk.num"
    N=$(sed -n 's/^#n //p' "$T/walk.num")
fi
stop_server
expect_eq "the server stops cleanly" "$SRC" "0"
done_testing
