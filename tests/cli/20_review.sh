# The review report: figures against counts over the JSON export, as-of
# dates, the six languages in PDF (rendered, fonts embedded, text extracted),
# HTML and XLSX, workshops, and bad input that changes nothing.
. tests/cli/lib.sh
PY=/usr/bin/python3

init_db
expect_fail "an empty database: nothing to review" 4 "no published matrix" r review
expect_fail "... nor with --include-approved" 4 "no approved matrix" r review --include-approved
rm -f "$DB"
init_db --demo

# Coverage totals as of DATE counted here from the JSON export (every version
# and entry): per state the approved version with the latest approval date on
# or before DATE; applicable = items - NA. A second argument "published" counts
# published versions only (the review's default basis). Nothing below writes
# to the database, so one export serves every check.
r export --format json --no-documents -o "$T/demo.json"
ITEMS=$(json length template list --version 1)
ex_totals() {
    $PY -c '
import json, sys
d, day, only = json.load(open(sys.argv[1])), sys.argv[2], sys.argv[3]
ok = ("published",) if only == "published" else ("approved", "published")
best = {}
for v in d["matrices"]:
    when = v["approved"] or v["published"]
    if v["status"] in ok and when <= day:
        cand = (when, v["version"], v)
        best[v["state"]] = max(best.get(v["state"], cand), cand, key=lambda t: t[:2])
marks = [e["mark"] for _, _, v in best.values() for e in v["entries"]]
print(marks.count("X"), marks.count("?"), len(best) * int(sys.argv[4]) - marks.count("NA"))' \
        "$T/demo.json" "$1" "${2:-}" "$ITEMS"
}
json_totals() {
    $PY -c 'import json,sys; t=json.load(open(sys.argv[1]))["coverage"]["total"]; print(t["x"], t["unsure"], t["applicable"])' "$1"
}

h=$(db_hash)
# The figures recomputed below count approved versions too (--include-approved);
# the default basis, published versions only, is checked at the end.
expect_ok "review --format json (stdout)" r review --include-approved --as-of 2026-01-01
cp "$T/out" "$T/r.json"
expect_eq "totals as of 2026-01-01 equal a count over the export" "$(json_totals "$T/r.json")" "$(ex_totals 2026-01-01)"
r review --include-approved --as-of 2009-06-30 -o "$T/r2009.json"
expect_eq "totals as of 2009-06-30 equal a count over the export" "$(json_totals "$T/r2009.json")" "$(ex_totals 2009-06-30)"
expect_eq "fewer states had a matrix in 2009" "$($PY -c 'import json,sys; a=json.load(open(sys.argv[1])); b=json.load(open(sys.argv[2])); print(a["states_with_matrix"] < b["states_with_matrix"])' "$T/r2009.json" "$T/r.json")" "True"
expect_eq "outreach events from --since to --as-of" "$($PY -c 'import json,sys; d=json.load(open(sys.argv[1])); print(len(d["events"]), d["since"])' "$T/r.json")" "$(jq '[.events[] | select(.start >= "2021-01-01" and .start <= "2026-01-01")] | length' "$T/demo.json") 2021-01-01"
expect_match "JSON carries the caveat" "$T/r.json" '"caveat":"The matrices are indicators of fact, not a measure'
expect_eq "section totals add up to the total" "$($PY -c '
import json, sys
d = json.load(open(sys.argv[1]))["coverage"]
print(sum(s["x"] for s in d["by_section"]) == d["total"]["x"],
      sum(s["applicable"] for s in d["by_state"]) == d["total"]["applicable"])' "$T/r.json")" "True True"
expect_eq "gaps are ranked lowest first" "$($PY -c '
import json, sys
g = json.load(open(sys.argv[1]))["gaps"]["themes"]
print(all(a["coverage"] <= b["coverage"] for a, b in zip(g, g[1:])), len(g))' "$T/r.json")" "True 10"
ex_assist() { # requests submitted by DATE and not withdrawn; offers open on DATE and their capacity
    jq -r --arg d "$1" '([.requests[] | select(.submitted <= $d and .status != "withdrawn")] | length) as $n
        | [.offers[] | select(.status == "open" and (.start == "" or .start <= $d) and (.end == "" or .end >= $d))]
        | "\($n) \(length) \(map(.capacity) | add // 0)"' "$T/demo.json"
}
json_assist() {
    $PY -c 'import json,sys; a=json.load(open(sys.argv[1]))["assistance"]; print(a["requests"], a["offers"], a["capacity"])' "$1"
}
expect_eq "assistance requests, open offers and their capacity as of 2026-01-01 equal counts over the export" "$(json_assist "$T/r.json")" "$(ex_assist 2026-01-01)"
expect_eq "assistance as of 2009-06-30: nothing submitted or open yet" "$(json_assist "$T/r2009.json")" "$(ex_assist 2009-06-30)"
expect_eq "assistance by theme: unmet within requests, one row per theme; every workshop lists its offers" "$($PY -c '
import json, sys
d = json.load(open(sys.argv[1]))
a = d["assistance"]
print(all(0 <= t["unmet"] <= t["requests"] for t in a["by_theme"]), len(a["by_theme"]) == len(d["coverage"]["by_theme"]),
      all("offers" in w for w in d["workshops"]), sum(r["requests"] for r in a["by_region"]) == a["requests"])' "$T/r.json")" "True True True True"
r export --format json --no-documents -o "$T/export.json"
$PY scripts/review_from_export.py "$T/export.json" data/template/v1/items.tsv 2026-01-01 >"$T/from-export"
review_lines() {
    $PY -c '
import json, sys
d = json.load(open(sys.argv[1]))["coverage"]
rows = [("total", d["total"])]
rows += [("region:" + r["key"], r) for r in d["by_region"]]
rows += [("section:" + r["key"], r) for r in d["by_section"]]
rows += [("theme:" + r["key"], r) for r in d["by_theme"] if r["applicable"]]
for k, r in sorted(rows):
    print(k, r["x"], r["applicable"])
a = json.load(open(sys.argv[1]))["assistance"]
print("assist:total", a["requests"], a["unmet"], a["withdrawn"], a["offers"], a["capacity"])
rows = [("theme:" + t["key"], [t["requests"], t["unmet"], t["offers"], t["capacity"]])
        for t in a["by_theme"] if t["requests"] or t["offers"]]
rows += [(g + ":" + r["key"], [r["requests"], r["unmet"]]) for g in ("region", "flag")
         for r in a["by_" + g] if r["requests"]]
for k, v in sorted(rows):
    print("assist:" + k, *v)
print("assist:oldest", *[r["id"] for r in a["oldest_unmet"]])
for k in ("time_to_first_proposal", "time_to_match"):
    t = a[k]
    print("assist:" + k.replace("time_", ""), t["requests"], "null" if t["median_days"] is None else "%.1f" % t["median_days"],
          "null" if t["mean_days"] is None else "%.1f" % t["mean_days"])' "$1"
}
review_lines "$T/r.json" >"$T/from-review"
expect_eq "every total, region, section and theme coverage figure and every assistance figure recomputed from the open-data export (docs/review.md)" "$(diff "$T/from-export" "$T/from-review" && wc -l <"$T/from-export")" "$(wc -l <"$T/from-review")"
# 2025-06-30 falls between the answers of the demo's 2025-03-15 matching round.
r review --include-approved --as-of 2025-06-30 -o "$T/r2025.json"
$PY scripts/review_from_export.py "$T/export.json" data/template/v1/items.tsv 2025-06-30 | grep '^assist:' >"$T/from-export-2025"
review_lines "$T/r2025.json" | grep '^assist:' >"$T/from-review-2025"
expect_eq "assistance figures as of 2025-06-30 recomputed from the export too" "$(diff "$T/from-export-2025" "$T/from-review-2025" && wc -l <"$T/from-export-2025")" "$(wc -l <"$T/from-review-2025")"
expect_eq "the demo's proposal history: matched requests and times to a match on both dates, fewer in 2025" "$($PY -c '
import json, sys
a, b = (json.load(open(f))["assistance"] for f in sys.argv[1:3])
print(0 < a["time_to_match"]["requests"] < b["time_to_match"]["requests"], a["unmet"] < a["requests"], b["time_to_first_proposal"]["median_days"] is not None)' "$T/r2025.json" "$T/r.json")" "True True True"
expect_eq "the demo's history went through the workflow: both accepts before every match, no event before its proposal or after 2026-11-01, requests follow" "$(jq -r '.proposals as $p
    | ([$p[] | select(.status == "accepted" or .status == "delivered")
        | select([.history[] | select(.event == "provider-accepted" or .event == "state-accepted")] | length != 2)] | length),
      ([$p[] | .created as $c | .history[] | select(.date < $c or .date > "2026-11-01")] | length),
      ([.requests[] | select(.status == "matched") | .id as $r
        | select([$p[] | select(.request == $r and .status == "accepted")] | length == 0)] | length),
      ([$p[].status] | unique | length)' "$T/demo.json" | paste -sd'|')" "0|0|0|4"
r review --include-approved --as-of 2026-01-01 -o "$T/again.json"
expect_eq "the same review twice: byte-identical JSON" "$(cmp -s "$T/r.json" "$T/again.json" && echo same)" "same"

# Numbers and dates as each language writes them (ICU, src/util/numfmt.c):
# 2026-01-01 in words, the applicable fields of the summary grouped in
# thousands (pdftotext gives no-break spaces as spaces), percentages with the
# language's decimal sign. Arabic keeps Western digits, as UN Arabic documents.
date_words() {
    case $1 in
    ar) echo "يناير" ;; zh) echo "2026年1月1日" ;; en) echo "1 January 2026" ;;
    fr) echo "1 janvier 2026" ;; ru) echo "1 января 2026 г." ;; es) echo "1 de enero de 2026" ;;
    esac
}
pct_pattern() {
    case $1 in
    fr | ru | es) echo '[0-9],[0-9] %' ;; *) echo '[0-9]\.[0-9]%' ;;
    esac
}
grouped_total() {
    $PY -c '
import json, sys
lg, n = sys.argv[1], json.load(open(sys.argv[2]))["coverage"]["total"]["applicable"]
sep = {"es": ".", "fr": " ", "ru": " "}.get(lg, ",")
text = open(sys.argv[3], encoding="utf-8").read().replace("\u00a0", " ").replace("\u202f", " ")
print(n >= 10000 and f"{n:,}".replace(",", sep) in text and str(n) not in text)' "$@"
}
r review --as-of 2026-01-01 -o "$T/pub.json"
for lg in ar zh en fr ru es; do
    expect_ok "PDF in $lg" r review --format pdf --lang $lg --as-of 2026-01-01 -o "$T/r-$lg.pdf"
    pdftoppm -r 20 -png -f 1 -l 2 "$T/r-$lg.pdf" "$T/page-$lg" 2>"$T/ppm.err"
    expect_eq "PDF in $lg renders (pdftoppm)" "$(ls "$T"/page-$lg-*.png 2>/dev/null | wc -l) $(wc -c <"$T/ppm.err")" "2 0"
    pdffonts "$T/r-$lg.pdf" | tail -n +3 >"$T/fonts-$lg"
    expect_eq "PDF in $lg embeds all its fonts, all Noto" "$(awk '$0 !~ / yes +yes +yes / || $1 !~ /Noto/' "$T/fonts-$lg" | wc -l) $(($(wc -l <"$T/fonts-$lg") > 0))" "0 1"
    pdftotext "$T/r-$lg.pdf" "$T/text-$lg.txt"
    expect_eq "PDF in $lg: bookmarks for the summary, the contents and every heading, each linked from the contents; /Lang ($lg)" "$($PY -c '
import re, sys
d = open(sys.argv[1], "rb").read()
outlines = re.search(rb"(\d+) 0 obj\n<< /Type /Outlines", d).group(1)
items = re.findall(rb"/Parent " + outlines + rb" 0 R", d)
links = len(re.findall(rb"/Subtype /Link", d))
print(len(items) >= 10, links == len(items) - 2, b"/Lang (" + sys.argv[2].encode() + b")" in d)' "$T/r-$lg.pdf" $lg)" "True True True"
    expect_eq "PDF in $lg: no date or item code split across lines (pdftotext)" \
        "$(grep -cE '[0-9]{4}-[0-9]{0,2}-?$|OP[0-9A-Z]*-$|-[A-Z]*-$' "$T/text-$lg.txt")" "0"
    expect_eq "PDF in $lg: the review date in the language's words, on one line; no Arabic-Indic digit" \
        "$(grep -cF "$(date_words $lg)" "$T/text-$lg.txt" | sed 's/^[1-9][0-9]*$/found/') $(grep -cF -e ٠ -e ١ -e ٢ -e ٣ -e ٤ -e ٥ -e ٦ -e ٧ -e ٨ -e ٩ "$T/text-$lg.txt")" "found 0"
    expect_eq "PDF in $lg: the applicable fields grouped in thousands as the language writes them, never ungrouped" \
        "$(grouped_total $lg "$T/pub.json" "$T/text-$lg.txt")" "True"
    expect_eq "PDF in $lg: percentages with the language's decimal sign" \
        "$(grep -cE "$(pct_pattern $lg)" "$T/text-$lg.txt" | sed 's/^[1-9][0-9]*$/found/')" "found"
    expect_eq "PDF in $lg: title and language in the metadata" "$(pdfinfo "$T/r-$lg.pdf" | awk '/^Keywords:/ { print $2 } /^Title:/ { t = 1 } END { print t }' | tr '\n' ' ')" "$lg 1 "
done
pdftotext -f 1 -l 1 "$T/r-en.pdf" "$T/cover.txt"
expect_match "PDF cover: the title" "$T/cover.txt" "^Review of the coverage of 1540"
expect_match "PDF cover: the as-of date" "$T/cover.txt" "^As of: 1 January 2026$"
expect_match "PDF cover: the basis, published matrices by default" "$T/cover.txt" "^Basis: published matrices only$"
expect_match "PDF cover: the report date" "$T/cover.txt" "^Report date: $(LC_ALL=C date -u '+%-d %B %Y')$"
pdftotext -f 2 -l 2 "$T/r-en.pdf" "$T/summary.txt"
expect_match "PDF page 2: the summary's headline figures" "$T/summary.txt" "^[0-9]+ of 193 states had a matrix in force on 1 January 2026\.$"
expect_match "PDF page 2: ... and the caveat" "$T/summary.txt" "indicators of fact"
pdftotext -layout -f 3 -l 3 "$T/r-en.pdf" "$T/contents.txt"
expect_match "PDF page 3: the contents, each heading with its page" "$T/contents.txt" "^Coverage over time +[0-9]+$"
page=$(awk '/^Coverage over time/ { print $NF }' "$T/contents.txt")
pdftotext -f "${page:-1}" -l "${page:-1}" "$T/r-en.pdf" "$T/section.txt"
expect_match "... the page it names holds that section" "$T/section.txt" "^Coverage over time$"
# A table that goes on over a page break starts the next page with its header
# row: every page with rows of the ranked theme tables shows "Rank" above its
# first row, and at least one page begins with it.
expect_eq "PDF: table headers repeated at the top of the next page" "$($PY -c '
import re, subprocess, sys
pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", sys.argv[1]], capture_output=True, text=True).stdout).group(1))
ok, starts = True, 0
for p in range(4, pages + 1):
    t = subprocess.run(["pdftotext", "-layout", "-f", str(p), "-l", str(p), sys.argv[1], "-"], capture_output=True, text=True).stdout
    lines = [l for l in t.splitlines() if l.strip()]
    rows = [i for i, l in enumerate(lines) if re.match(r"^\s+\d+ [A-Z][a-z]", l) and re.search(r"[0-9.]+%\s+[0-9.]+%", l)]
    if rows:
        ok &= any(l.lstrip().startswith("Rank") for l in lines[:rows[0]])
        starts += lines[0].lstrip().startswith("Rank")
print(ok, starts >= 1)' "$T/r-en.pdf")" "True True"
expect_ok "PDF with --include-approved" r review --format pdf --include-approved --as-of 2026-01-01 -o "$T/r-all.pdf"
pdftotext -f 1 -l 1 "$T/r-all.pdf" "$T/cover-all.txt"
expect_match "... says so on the cover" "$T/cover-all.txt" "^Basis: published matrices and approved ones awaiting"
# Arabic charts are mirrored: in the bar chart of coverage by region, every bar
# ends at the same x on the right and grows leftward (in English they all start
# at the same x on the left).
r review --format html --lang en --as-of 2026-01-01 -o "$T/r-en.html"
r review --format html --lang ar --as-of 2026-01-01 -o "$T/r-ar.html"
expect_eq "Arabic bar chart mirrored (SVG coordinates); English not" "$($PY -c '
import re, sys
def bars(path):
    svg = re.search(r"<svg.*?</svg>", open(path, encoding="utf-8").read(), re.S).group(0)
    out = []
    for d in re.findall(r"fill:rgb\(0%,44.7%,69.8%\)[^>]*d=\"M ([0-9.]+) [0-9.]+ L ([0-9.]+)", svg):
        out.append((round(float(d[0]), 1), round(float(d[1]), 1)))
    return out
ar, en = bars(sys.argv[1]), bars(sys.argv[2])
print(len(ar) > 3, len({r for l, r in ar}) == 1 and len({l for l, r in ar}) > 1,
      len({l for l, r in en}) == 1 and len({r for l, r in en}) > 1, min(l for l, r in ar) < 200 < min(l for l, r in en))' "$T/r-ar.html" "$T/r-en.html")" "True True True True"

expect_match "Arabic PDF: Naskh font" "$T/fonts-ar" "NotoNaskhArabic"
expect_match "Chinese PDF: CJK SC font" "$T/fonts-zh" "NotoSansCJKsc"
expect_match "text round trip: Arabic title" "$T/text-ar.txt" "استعراض"
expect_match "text round trip: Chinese title" "$T/text-zh.txt" "矩阵字段覆盖情况审查"
expect_match "text round trip: English caveat" "$T/text-en.txt" "The matrices are indicators of fact"
expect_match "text round trip: French" "$T/text-fr.txt" "Examen de la couverture des champs"
expect_match "text round trip: Russian" "$T/text-ru.txt" "Обзор охвата полей матрицы"
expect_match "text round trip: Spanish" "$T/text-es.txt" "Examen de la cobertura de los campos"
expect_match "text round trip: Chinese caveat" "$T/text-zh.txt" "矩阵是事实指标"
expect_match "text round trip: the assistance section in Chinese" "$T/text-zh.txt" "援助：需求与供给"
expect_match "text round trip: the assistance section in Russian" "$T/text-ru.txt" "Помощь: спрос и предложение"
expect_eq "no English sentence in the Chinese PDF" "$(grep -cE 'Coverage|States|indicators of fact|Proposed workshop' "$T/text-zh.txt")" "0"

expect_ok "HTML in Arabic" r review --format html --lang ar --as-of 2026-01-01 -o "$T/r.html"
expect_match "HTML: right to left" "$T/r.html" '<html lang="ar" dir="rtl">'
expect_match "HTML: inline SVG charts" "$T/r.html" '<svg'
expect_match "HTML: the caveat, in Arabic" "$T/r.html" 'class=caveat>المصفوفات مؤشرات على وقائع'
expect_eq "HTML: every inline SVG chart is well-formed XML (region, theme, trend, heat map, unmet share by theme)" "$($PY -c '
import re, sys, xml.etree.ElementTree as ET
svgs = re.findall(r"<svg.*?</svg>", open(sys.argv[1], encoding="utf-8").read(), re.S)
for s in svgs:
    ET.fromstring(s)
print(len(svgs))' "$T/r.html")" "5"
expect_eq "HTML: chart ids do not collide" "$(grep -o 'id="[^"]*"' "$T/r.html" | sort | uniq -d | wc -l)" "0"
expect_ok "XLSX" r review --format xlsx --lang fr --as-of 2026-01-01 -o "$T/r.xlsx"
expect_eq "XLSX: a text sheet, one sheet per table, native charts of region, theme and trend" "$($PY -c '
import sys, zipfile
n = [x for x in zipfile.ZipFile(sys.argv[1]).namelist() if x.startswith("xl/worksheets/sheet")]
z = zipfile.ZipFile(sys.argv[1]).namelist()
print(len(n) > 10, len([x for x in z if x.startswith("xl/charts/chart")]))' "$T/r.xlsx")" "True 3"

r review workshops --as-of 2026-01-01 --format json >"$T/w1.json"
r review workshops --as-of 2026-01-01 --format json >"$T/w2.json"
expect_eq "workshops: deterministic" "$(cmp -s "$T/w1.json" "$T/w2.json" && echo same)" "same"
expect_eq "workshops: each has states of one region, themes, and a group" "$($PY -c '
import json, sys
w = json.load(open(sys.argv[1]))
print(len(w["workshops"]) > 0 and all(len(x["states"]) >= 2 and len(x["themes"]) == 3 for x in w["workshops"]),
      sum(len(g["states"]) for g in w["groups"]))' "$T/w1.json")" "True 193"
expect_eq "workshops: each listed offer is open on the date, serves the region and covers a theme or a shared gap it names" "$($PY -c '
import csv, json, sys
w = json.load(open(sys.argv[1]))["workshops"]
x = json.load(open(sys.argv[2]))
rows = [l for l in open(sys.argv[3], encoding="utf-8") if not l.startswith("#")]
it = {r["id"]: set(r["themes"].split(",")) for r in csv.DictReader(rows, delimiter="\t")}
off = {o["id"]: o for o in x["offers"]}
st = {s["alpha3"]: s for s in x["states"]}
ok, n = True, 0
for ws in w:
    for f in ws["offers"]:
        o, n = off[f["id"]], n + 1
        themes = set(filter(None, o["themes"].split(","))).union(*[it.get(i, set()) for i in o["items"].split(",") if i])
        ok &= o["status"] == "open" and o["start"] <= "2026-01-01" and (o["end"] == "" or o["end"] >= "2026-01-01")
        regs = o["regions"].split(",")
        ok &= o["regions"] == "" or ws["region"] in regs or all(st[s]["m49_subregion"] in regs or st[s]["m49_intermediate"] in regs for s in ws["states"])
        ok &= bool(f["themes"] or f["shared_gaps"]) and set(f["themes"]) <= themes & set(ws["themes"])
        ok &= set(f["shared_gaps"]) <= set(o["items"].split(",")) & set(ws["shared_gaps"])
print(ok, n > 0)' "$T/w1.json" "$T/export.json" data/template/v1/items.tsv)" "True True"
expect_ok "workshops as text" r review workshops --lang es --as-of 2026-01-01
expect_match "workshops text in Spanish" "$T/out" "Taller propuesto 1"
# The plan (src/review/workshop_plan.c): sizes within the bounds, no state in
# two workshops, every workshop within one frame, for the default, custom
# bounds and the region frame; each workshop's value is its (state, shared gap)
# pairs, recomputed here from the export's matrices.
ws_check() { # ws_check FILE MIN MAX FRAME-KEY
    $PY -c '
import json, sys
w = json.load(open(sys.argv[1]))["workshops"]
x = json.load(open(sys.argv[5]))
lo, hi, key = int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
st = {s["alpha3"]: s for s in x["states"]}
for s in st.values():
    s["m49_finest"] = s["m49_intermediate"] or s["m49_subregion"]
for m in x["memberships"]:  # the UN regional group in force on the review date
    if m["group"] not in ("LDC", "LLDC", "SIDS") and m["from"] <= "2026-01-01" and (m["to"] == "" or "2026-01-01" < m["to"]):
        st[m["state"]]["group_on"] = m["group"]
seen = [s for ws in w for s in ws["states"]]
print(len(w) > 0, all(lo <= len(ws["states"]) <= hi for ws in w), len(seen) == len(set(seen)),
      all(len({st[s][key] for s in ws["states"]}) == 1 and st[ws["states"][0]][key] == ws["frame"] for ws in w),
      all(ws["value"] >= len(ws["shared_gaps"]) for ws in w))' "$1" "$2" "$3" "$4" "$T/export.json"
}
expect_eq "workshops: 5 to 20 states, none twice, one sub-region (or intermediate region) each" "$(ws_check "$T/w1.json" 5 20 m49_finest)" "True True True True True"
r review workshops --as-of 2026-01-01 --format json --min-size 3 --max-size 6 >"$T/w3.json"
expect_eq "workshops: --min-size 3 --max-size 6 keeps its bounds" "$(ws_check "$T/w3.json" 3 6 m49_finest)" "True True True True True"
r review workshops --as-of 2026-01-01 --format json --frame region --max-size 12 >"$T/w4.json"
expect_eq "workshops: --frame region draws within one M49 region" "$(ws_check "$T/w4.json" 5 12 m49_region)" "True True True True True"
expect_eq "plan: capacities kept across workshops, only open offers serving the workshop, gaps covered once, counts add up" "$($PY -c '
import collections, csv, json, sys
w = json.load(open(sys.argv[1]))["workshops"]
x = json.load(open(sys.argv[2]))
rows = [l for l in open(sys.argv[3], encoding="utf-8") if not l.startswith("#")]
it = {r["id"]: set(filter(None, r["themes"].split(","))) for r in csv.DictReader(rows, delimiter="\t")}
off = {o["id"]: o for o in x["offers"]}
st = {s["alpha3"]: s for s in x["states"]}
used = collections.Counter()
ok, n = True, 0
for ws in w:
    p = ws["plan"]
    got = [g for a in p["assigned"] for g in a["shared_gaps"]]
    left = [g for u in p["uncovered"] for g in u["shared_gaps"]]
    ok &= len(got) == len(set(got)) == p["covered"] and set(got) <= set(ws["shared_gaps"])
    ok &= p["shared"] == len(ws["shared_gaps"]) and p["covered"] + len(left) == p["shared"]
    for a in p["assigned"]:
        o, n = off[a["id"]], n + 1
        used[a["id"]] += len(a["sessions"])
        themes = set(filter(None, o["themes"].split(","))).union(*[it.get(i, set()) for i in o["items"].split(",") if i])
        ok &= o["status"] == "open" and (o["end"] == "" or o["end"] >= "2026-01-01")
        regs = o["regions"].split(",")
        ok &= o["regions"] == "" or ws["region"] in regs or all(st[s]["m49_subregion"] in regs or st[s]["m49_intermediate"] in regs for s in ws["states"])
        ok &= all(g in o["items"].split(",") or it.get(g, set()) & themes for g in a["shared_gaps"])
print(ok, n > 0, all(used[i] <= off[i]["capacity"] for i in used))' "$T/w1.json" "$T/export.json" data/template/v1/items.tsv)" "True True True"
expect_eq "the joint plan (src/review/workshop_joint.c): its figures add up, covered pairs within the bound and the workshops' values" "$($PY -c '
import json, sys
d = json.load(open(sys.argv[1]))
p, w = d["workshop_plan"], d["workshops"]
print(p["shared_gaps_covered"] == sum(x["plan"]["covered"] for x in w), p["shared_gaps"] == sum(x["plan"]["shared"] for x in w),
      0 < p["pairs_covered"] <= p["bound"], p["pairs_covered"] <= sum(x["value"] for x in w), p["optimal"] in (True, False),
      p["optimal"] or p["bound"] > p["pairs_covered"], p["candidates"] >= len(w))' "$T/w1.json")" "True True True True True True True"
expect_match "plan as text: covered of shared, assigned offers, what stays uncovered" "$T/out" "^  Lagunas compartidas cubiertas por las ofertas asignadas: [0-9]+ / [0-9]+$"
expect_fail "--min-size above --max-size" 2 "--min-size 9 is larger than --max-size 8" r review workshops --min-size 9 --max-size 8
expect_fail "--min-size 1" 2 "--min-size" r review workshops --min-size 1
expect_fail "--max-size too large" 2 "--max-size" r review workshops --max-size 100000000000000000000
r review workshops --as-of 2026-01-01 --format json --frame group >"$T/w5.json"
expect_eq "workshops: --frame group draws within one UN regional group" "$(ws_check "$T/w5.json" 5 20 group_on)" "True True True True True"
expect_eq "... named by the group, in the JSON and the text" "$($PY -c '
import json, sys
w = json.load(open(sys.argv[1]))["workshops"]
print(sorted({(x["frame_kind"], x["frame"], x["frame_name"]) for x in w if x["frame"] == "AFR"}))' "$T/w5.json")" "[('group', 'AFR', 'Group of African States')]"
expect_ok "workshops --frame group as text" r review workshops --as-of 2026-01-01 --frame group
expect_match "... names the group" "$T/out" "^Proposed workshop [0-9]+: Group of African States \\(group [0-9]+\\)$"
# The group frame follows the memberships in force on the review date: with
# reference data where every African state belonged to WEOG from 2010 to 2015
# (and to AFR before and after), a review as of 2012 has no African workshop
# and puts African states in WEOG workshops; as of 2016 the AFR frame is back.
rm -rf "$T/gdata" && cp -r "${R1540_DATA:-data}" "$T/gdata"
$PY - "$T/gdata/states/memberships.tsv" <<'EOF2'
import sys
out = []
for l in open(sys.argv[1], encoding="utf-8"):
    f = l.rstrip("\n").split("\t")
    if not l.startswith("#") and len(f) >= 5 and f[1] == "AFR" and f[2] == f[3] == "":
        out += [f"{f[0]}\tAFR\t\t2010-01-01\t{f[4]}\n", f"{f[0]}\tAFR\t2015-01-01\t\t{f[4]}\n",
                f"{f[0]}\tWEOG\t2010-01-01\t2015-01-01\ttest\n"]
    else:
        out.append(l)
open(sys.argv[1], "w", encoding="utf-8").writelines(out)
EOF2
R1540_DATA="$T/gdata" "$BIN" --db "$T/g.db" init --demo >/dev/null
frames_on() {
    R1540_DATA="$T/gdata" "$BIN" --db "$T/g.db" review workshops --include-approved --frame group --as-of "$1" --format json |
        $PY -c '
import json, sys
w = json.load(sys.stdin)["workshops"]
x = json.load(open(sys.argv[1]))
afr = {s["alpha3"] for s in x["states"] if s["un_group"] == "AFR"}
print(" ".join(sorted({ws["frame"] for ws in w})), any(afr & set(ws["states"]) for ws in w if ws["frame"] == "WEOG"))' "$T/export.json"
}
expect_eq "--frame group as of 2012-06-30: the memberships of that day (African states in WEOG)" "$(frames_on 2012-06-30)" "APG EEG GRULAC WEOG True"
expect_eq "--frame group as of 2016-06-30: AFR again, no African state in WEOG" "$(frames_on 2016-06-30)" "AFR APG EEG GRULAC WEOG False"
expect_fail "--frame unknown" 2 "--frame: 'continent' is not subregion, region or group" r review workshops --frame continent
expect_fail "--frame org (regional organizations: no sourced membership list)" 2 "--frame: 'org' is not" r review workshops --frame org
expect_fail "--frame empty" 2 "--frame: '' is not" r review workshops --frame ""
expect_fail "--frame hostile" 2 "is not subregion, region or group" r review workshops --frame "<script>'; DROP TABLE x"

expect_fail "an unknown language" 2 "--lang: 'xx' is not ar, zh, en, fr, ru or es" r review --lang xx
expect_fail "a date before 2004" 2 "before resolution 1540 was adopted" r review --as-of 2003-12-31
expect_fail "a date in the future" 2 "in the future" r review --as-of 2999-01-01
expect_fail "not a date" 2 "not a date" r review --as-of 2020-02-30
expect_fail "a date with a character too many" 2 "--since: '2010-01-011' is not a date" r review --since 2010-01-011
expect_fail "--since after --as-of" 2 "after the review date" r review --as-of 2010-01-01 --since 2012-01-01
expect_fail "an unknown format" 2 "is not json, html, pdf or xlsx" r review --format doc
expect_fail "PDF needs -o" 2 "needs -o FILE" r review --format pdf
expect_fail "an unwritable PDF" 1 "cannot write" r review --format pdf -o /nonexistent/r.pdf
# A refused PDF (a theme name with a private-use character no Noto font has)
# leaves the file that was at -o as it was, and no temporary file beside it.
GLYPH_DB=$(clone_db glyph)
# The theme name is changed in a copy of the database: r1540 has no command
# for it. U+E000: SQLite's char(), PostgreSQL's chr().
if on_sqlite; then pua='char(57344)'; else pua='chr(57344)'; fi
(DB=$GLYPH_DB; beneath "UPDATE vocab SET name_en = name_en || $pua WHERE kind = 'theme'") >/dev/null
echo before >"$T/kept.pdf"
expect_fail "a character without a glyph refuses the PDF" 1 "have no glyph" \
    "$BIN" --db "$GLYPH_DB" review --format pdf --as-of 2026-01-01 -o "$T/kept.pdf"
expect_eq "... and leaves the file that was there, and no .tmp" \
    "$(cat "$T/kept.pdf") $(ls "$T" | grep -c 'kept.pdf.tmp')" "before 0"
r review -o "$T/rpub.json"
expect_eq "by default, today's totals from the published versions only (the export)" \
    "$(json_totals "$T/rpub.json")" "$(ex_totals "$(date -u +%F)" published)"
expect_eq "... which differ from those with the approved ones" \
    "$(test "$(json_totals "$T/rpub.json")" != "$(ex_totals "$(date -u +%F)")" && echo differ)" differ
r review --published -o "$T/rpub2.json"
expect_eq "--published (kept for scripts) is the default" "$(cmp -s "$T/rpub.json" "$T/rpub2.json" && echo same)" same
expect_eq "the review changed nothing" "$(db_hash)" "$h"
done_testing
