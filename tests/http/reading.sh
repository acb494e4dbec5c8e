#!/bin/sh
# Reading one matrix on the web (issue 13, items 5 and 6): a state page opens
# with its summary card and contents; OP 2 and OP 3 come as the grid with a
# column per weapon type; a source is its report's title and date (escaped,
# even a hostile one), never "#id"; a blank is a visible "—" explained in the
# legend; the JSON API carries the same. A published version downloads as
# PDF, XLSX and CSV in the page's language; a draft, an unknown format or a
# malformed, hostile or oversized address is refused and nothing changes.
# The real server on a free loopback port, data made with the CLI. TAP output.
cd "$(dirname "$0")/../.." || exit 2
. tests/http/lib.sh

init_demo >/dev/null 2>"$T/init.err" || { cat "$T/init.err"; echo "Bail out! init"; exit 1; }
# a new published version of KEN citing a report with a hostile title
HOSTILE='<script>alert(1)</script> "Report" & <b>annex</b>'
rid=$(r report add KEN --kind additional-information --date 2026-03-01 --language en --title "$HOSTILE" 2>>"$T/init.err") &&
    r matrix new KEN --date 2026-03-02 >/dev/null &&
    v=$(r matrix list KEN --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)[-1]["version"])') &&
    r matrix set KEN "$v" OP1-NPT X --ref "Act 1" --source "$rid" --page "p. 12" >/dev/null &&
    r matrix set KEN "$v" OP2-NW-USE-LAW - >/dev/null &&
    echo "$PW" | r user add pocken --role poc --state KEN >/dev/null &&
    echo "$PW" | r user add expo --role expert >/dev/null &&
    r matrix send KEN "$v" >/dev/null && r --as pocken matrix accept KEN "$v" >/dev/null &&
    r matrix approve KEN "$v" --date 2026-03-10 >/dev/null && r matrix publish KEN "$v" --date 2026-03-11 >/dev/null ||
    { cat "$T/init.err"; echo "Bail out! workflow"; exit 1; }
# and a draft after it, with a state's comment
r matrix new KEN >/dev/null && d=$((v + 1)) && r matrix send KEN "$d" >/dev/null &&
    r --as pocken matrix comment KEN "$d" --text "PRIVATE-REVIEW-COMMENT" >/dev/null || { echo "Bail out! draft"; exit 1; }
start_server
page_login expo || { echo "Bail out! sign-in"; exit 1; } # once: Argon2 is slow
before=$(r fingerprint 2>/dev/null) # a sign-in writes; what follows must not

# ---- the state page ----
expect "the state page" 200 "$B/en/states/KEN"
check "a summary card with the first report, latest addendum and the version in force" \
    sh -c "grep -q 'class=\"card\"' '$T/body' && grep -q 'Latest additional information</dt><dd><bdi><time datetime=\"2026-03-01\">1[^<]*Mar[^<]*2026</time></bdi>' '$T/body' && grep -q 'versions/$v\">version $v</a>, approved <bdi><time datetime=\"2026-03-10\">10[^<]*Mar[^<]*2026</time></bdi>' '$T/body'"
check "the card counts the fields marked X in each of the four sections" test "$(grep -o '<meter ' "$T/body" | wc -l)" -eq 4
check "contents link the reports, versions, assistance and every section" \
    sh -c "for a in reports versions assistance matrix sec-OP1 sec-OP2 sec-OP3AB sec-OP3CD; do grep -q \"href=\\\"#\$a\\\"\" '$T/body' && grep -q \"id=\\\"\$a\\\"\" '$T/body' || exit 1; done"
check "OP 2, OP 3 (a)(b) and (c)(d) as grids with a column per weapon type" \
    sh -c "test \$(grep -o 'class=\"matrix grid\"' '$T/body' | wc -l) -eq 3 && grep -q '<th scope=\"col\">Biological weapons</th><th scope=\"col\">Means of delivery</th>' '$T/body'"
check "a grid cell links its field's row" grep -q '<a href="#OP2-NW-USE-LAW"><span title="blank: no information">—</span></a>' "$T/body"
check "a blank field shows — and the legend explains it" \
    sh -c "grep -q '<span class=\"mark blank\">—</span> blank: no information' '$T/body' && grep -q 'data-label=\"Mark\"><span title=\"blank: no information\">—</span>' '$T/body'"
check "a source is its report's title and date with the page, escaped" \
    grep -qF "reports/$rid\">&lt;script&gt;alert(1)&lt;/script&gt; &quot;Report&quot; &amp; &lt;b&gt;annex&lt;/b&gt;</a> (<bdi><time datetime=\"2026-03-01\">1$(printf '\302\240')Mar$(printf '\302\240')2026</time></bdi>), p. 12" "$T/body"
check "the hostile title is nowhere unescaped" sh -c "! grep -q '<script>alert' '$T/body'"
check "no source shown as #id" sh -c "! grep -qE 'reports/[0-9]+\">#[0-9]+' '$T/body'"
check "the draft's comment is not on the public page" sh -c "! grep -q PRIVATE-REVIEW '$T/body'"
expect "the state page in Chinese" 200 "$B/zh/states/KEN"
check "zh: the page's \"p.\" in Chinese" grep -q '(<bdi><time datetime="2026-03-01">2026年3月1日</time></bdi>), 第12页' "$T/body"
check "zh: the card and grid headings in Chinese" sh -c "grep -q '概况' '$T/body' && grep -q '按武器类型' '$T/body'"
expect "the state page in Arabic" 200 "$B/ar/states/KEN"
check "ar: right to left, the page in Arabic" sh -c "grep -q 'dir=\"rtl\"' '$T/body' && grep -q 'لمحة موجزة' '$T/body' && grep -q '(<bdi><time datetime=\"2026-03-01\">[^<]*</time></bdi>), ص 12' '$T/body'"

# ---- the version page and the API ----
expect "the published version page" 200 "$B/en/states/KEN/versions/$v"
check "the version page links its PDF, XLSX and CSV" \
    sh -c "for f in pdf xlsx csv; do grep -q \"href=\\\"/en/states/KEN/versions/$v/download/\$f\\\" download\" '$T/body' || exit 1; done"
expect "the draft's version page (public: not found)" 404 "$B/en/states/KEN/versions/$d"
expect "the version in the API" 200 "$B/api/v1/states/KEN/versions/$v"
check "API: an entry's source title and date, the page, blank, the grids and coverage" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))["matrix"]
es = {e["item"]: e for s in d["sections"] for t in s["tables"] for e in t["entries"]}
e = es["OP1-NPT"]
assert e["source_title"] == sys.argv[2] and e["source_date"] == "2026-03-01" and e["page_shown"] == "p. 12", e
assert es["OP2-NW-USE-LAW"]["blank"] is True and e["blank"] is False
g = [s["grid"] for s in d["sections"] if "grid" in s]
assert [x["code"] for x in g] == ["OP2", "OP3AB", "OP3CD"], [x["code"] for x in g]
assert all(len(row["cells"]) == 4 for x in g for row in x["rows"])
assert [c["code"] for c in d["coverage"]] == ["OP1", "OP2", "OP3AB", "OP3CD"]
assert sum(c["fields"] for c in d["coverage"]) == d["items"]' "$T/body" "$HOSTILE"

# ---- downloads ----
for f in pdf:application/pdf xlsx:application/vnd.openxmlformats-officedocument.spreadsheetml.sheet csv:text/csv; do
    fmt=${f%%:*}; type=${f#*:}
    expect "the $fmt download" 200 "$B/en/states/KEN/versions/$v/download/$fmt"
    check "$fmt: its type and file name" sh -c "case '$(header Content-Type)' in $type*) ;; *) exit 1;; esac && test '$(header Content-Disposition)' = 'attachment; filename=\"KEN-matrix-v$v-en.$fmt\"'"
    cp "$T/body" "$T/dl.$fmt"
done
check "pdf: a PDF whose text carries the header dates, the hostile title as text and the caveat" \
    sh -c "pdftotext '$T/dl.pdf' - | tr '\n' ' ' >'$T/dl.txt' && grep -q '2026-03-10' '$T/dl.txt' && grep -qF '<script>alert(1)</script>' '$T/dl.txt' && grep -q 'not a tool for measuring' '$T/dl.txt'"
check "csv: the hostile title as data, the entry's page, no review comment" python3 -c '
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8", newline="")))
h = next(i for i, r in enumerate(rows) if r and r[0] == "item")
t = {r[0]: dict(zip(rows[h], r)) for r in rows[h + 1:]}
assert t["OP1-NPT"]["source_title"] == sys.argv[2] and t["OP1-NPT"]["page"] == "p. 12"
assert t["OP2-NW-USE-LAW"]["mark"] == ""
assert "PRIVATE-REVIEW" not in open(sys.argv[1], encoding="utf-8").read()' "$T/dl.csv" "$HOSTILE"
check "xlsx: a workbook with the hostile title as a string" sh -c "unzip -p '$T/dl.xlsx' xl/sharedStrings.xml | grep -qF '&lt;script&gt;alert(1)&lt;/script&gt;'"
expect "the csv in Chinese" 200 "$B/zh/states/KEN/versions/$v/download/csv"
check "zh csv: the header facts named in Chinese" sh -c "grep -q '^委员会核准日期,2026-03-10' '$T/body' && test '$(header Content-Disposition)' = 'attachment; filename=\"KEN-matrix-v$v-zh.csv\"'"
expect "the same pdf again (from the answer cache)" 200 "$B/en/states/KEN/versions/$v/download/pdf"
check "the second download is the same file (dated by the version, so the same bytes)" cmp -s "$T/body" "$T/dl.pdf"

# ---- refused: a draft, an unknown format, malformed, hostile and oversized addresses ----
expect "a draft does not download" 404 "$B/en/states/KEN/versions/$d/download/pdf"
expect "a draft does not download for an expert either (who sees it)" 404 -b "$T/pjar.expo" "$B/en/states/KEN/versions/$d/download/csv"
check "... and the page says why" grep -q 'Only a published version can be downloaded.' "$T/body"
expect "the expert's version page has no download links for the draft" 200 -b "$T/pjar.expo" "$B/en/states/KEN/versions/$d"
check "... none" sh -c "! grep -q '/download/' '$T/body'"
expect "an unknown format" 404 "$B/en/states/KEN/versions/$v/download/exe"
expect "a format in capitals" 404 "$B/en/states/KEN/versions/$v/download/PDF"
expect "a version that is not a number" 404 "$B/en/states/KEN/versions/twelve/download/pdf"
expect "a version that does not exist" 404 "$B/en/states/KEN/versions/9999/download/pdf"
expect "a negative version" 404 "$B/en/states/KEN/versions/-1/download/pdf"
expect "an unknown state" 404 "$B/en/states/ZZZ/versions/1/download/pdf"
# MHD decoded %00 to a NUL that cut the path, so this served the PDF (server.c)
expect "a path with an encoded NUL matches no route" 404 "$B/en/states/KEN/versions/$v/download/pdf%00.html"
expect "... nor does one cut right after the format" 404 "$B/en/states/KEN/versions/$v/download/pdf%00"
expect "a path climbing out" 404 "$B/en/states/KEN/versions/$v/download/..%2f..%2fetc%2fpasswd"
long=$(python3 -c 'print("x" * 6000)')
req "$B/en/states/KEN/versions/$v/download/$long"
check "an oversized format name is refused (4xx)" sh -c "case $CODE in 4??) ;; *) exit 1;; esac"
expect "a POST to a download" 405 -X POST "$B/en/states/KEN/versions/$v/download/pdf"
check "nothing changed in the database" test "$(r fingerprint 2>/dev/null)" = "$before"
stop_server
expect_eq "the server stops cleanly" "$SRC" 0
done_testing
