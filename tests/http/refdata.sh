#!/bin/sh
# HTTP tests of the reference data as the web shows it (issue 12): the states
# page's search box finds a name whatever its case, accents or Arabic vowel
# marks; the UN's own names and M49 titles; the LDC flag of today from the
# dated memberships; hostile, malformed and oversized searches. The real
# server on a fresh database. TAP output.
cd "$(dirname "$0")/../.." || exit 2
. tests/http/lib.sh

r init >/dev/null 2>"$T/init.err" || { cat "$T/init.err"; echo "Bail out! init"; exit 1; }
start_server

# codes LANG QUERY: the alpha-3 codes the states page links to for that search.
codes() {
    req -G --data-urlencode "q=$2" "$B/$1/states"
    grep -o "href=\"/$1/states/[A-Z]\{3\}\"" "$T/body" | sed 's/.*states\/\([A-Z]*\)"/\1/' | sort | tr '\n' ' ' | sed 's/ $//'
}
expect_eq "the search box is on the states page" "$(req "$B/fr/states"; grep -c 'type="search" name="q"' "$T/body")" "1"
expect_eq "search: case and accents ignored (cote d'ivoire)" "$(codes en "cote d'IVOIRE")" "CIV"
expect_eq "search: accents typed, none in the name (Kénya)" "$(codes es "Kénya")" "KEN"
expect_eq "search: a part of the name (ivoire)" "$(codes fr ivoire)" "CIV"
expect_eq "search: Arabic with a shadda finds the name without (الصّين)" "$(codes ar "الصّين")" "CHN"
expect_eq "search: Arabic with harakat and tatweel (كِينيـا)" "$(codes ar "كِينيـا")" "KEN"
expect_eq "search: Arabic alef without hamza finds إندونيسيا" "$(codes ar "اندونيسيا")" "IDN"
expect_eq "search: a name in another language than the page's (Viet Nam on /zh)" "$(codes zh "viet nam")" "VNM"
expect_eq "search: an alpha-3 code, any case" "$(codes en deu)" "DEU"
expect_eq "search: the UN's Spanish name (Trinidad y Tabago)" "$(codes es "trinidad y tabago")" "TTO"
expect_eq "search: nothing for a name the UN does not use (Kenia)" "$(codes es Kenia)" ""
expect_eq "search: the page keeps what was typed" "$(req -G --data-urlencode "q=ivoire" "$B/en/states"; grep -c 'name="q" value="ivoire"' "$T/body")" "1"
expect "search: markup in the box is escaped" 200 -G --data-urlencode "q=<script>alert(1)</script>" "$B/en/states"
check "and shown escaped, finding nothing" body_has '&lt;script&gt;alert(1)&lt;/script&gt;'
check "no raw script tag" body_lacks '<script>alert(1)</script>'
expect_eq "search: SQL metacharacters find nothing and break nothing" "$(codes en "'; DROP TABLE state; --")" ""
expect_eq "search: over 100 bytes finds nothing" "$(codes en "$(printf 'a%.0s' $(seq 1 150))")" ""
expect "search: bytes that are not UTF-8 are answered" 200 "$B/en/states?q=%FF%FE"
check "and find nothing" sh -c "! grep -q 'href=\"/en/states/[A-Z]' '$T/body'"
expect_eq "the states are still all there" "$(json length state list)" "193"
api - GET "states?q=kyrgyz"
expect_eq "API: the search works there too" "$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print([s["code"] for s in d["states"]], d["count"])' "$T/body")" "['KGZ'] 1"

# The UN's names and the M49 standard's titles.
req "$B/ru/states/KGZ"
check "Russian UN name: Кыргызстан" body_has "Кыргызстан"
req "$B/es/states"
check "Spanish UN names: Kenya, Rwanda, Malawi, Arabia Saudita" sh -c "grep -q '>Kenya<' '$T/body' && grep -q '>Rwanda<' '$T/body' && grep -q '>Malawi<' '$T/body' && grep -q '>Arabia Saudita<' '$T/body'"
check "no general-purpose Spanish names (Kenia, Ruanda, Malaui)" sh -c "! grep -qE '>(Kenia|Ruanda|Malaui)<' '$T/body'"
req "$B/en/states"
check "M49 title: Latin America and the Caribbean" body_has "Latin America and the Caribbean"
check "no CLDR name 'Latin America' alone" sh -c "! grep -q '>Latin America<' '$T/body'"
req "$B/ar/states"
check "no Arabic vowel marks in the names on the page" sh -c "! grep -q '[ًٌٍَُِّْـ]' '$T/body'"

# The UN's terms (data/glossary.tsv): the Committee's official name, « tableau » in French.
req "$B/fr/"
check "French home page: the Committee's official name" body_has "Comité du Conseil de sécurité créé par la résolution 1540 (2004)"
check "French home page: « tableau », never « matrice »" sh -c "grep -q 'tableau' '$T/body' && ! grep -qi 'matrice' '$T/body'"
req "$B/zh/"
check "Chinese home page: the Committee's official name" body_has "安全理事会第1540(2004)号决议所设委员会"
req "$B/ar/"
check "Arabic home page: the Committee's official name" body_has "لجنة مجلس الأمن المنشأة عملا بالقرار 1540 (2004)"

# The LDC flag of today comes from the dated memberships.
api - GET "states/BGD"
expect_eq "Bangladesh is no longer an LDC (graduated 2026-11-24)" "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["state"]["ldc"])' "$T/body")" "False"
api - GET "states/SLB"
expect_eq "Solomon Islands still is (graduation scheduled)" "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["state"]["ldc"])' "$T/body")" "True"
req "$B/en/states?flag=ldc"
expect_eq "the LDC filter lists today's 41 LDCs" "$(grep -o 'href="/en/states/[A-Z]\{3\}"' "$T/body" | wc -l)" "41"

stop_server
expect_eq "the server stops cleanly" "$SRC" "0"
done_testing
