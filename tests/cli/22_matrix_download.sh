# One matrix version as a reader downloads it (issue 13, item 6):
# `matrix show --format pdf|xlsx|csv -o FILE`. The PDF in the six languages
# (fonts embedded, the header dates, the caveat and the sources by report
# title in the extracted text, Arabic right to left); the CSV and the XLSX
# read back (python's csv and zipfile) and compared field by field with
# `matrix show --format json`; bad input refused with nothing written.
. tests/cli/lib.sh
PY=/usr/bin/python3

init_db --demo
V=$(r matrix list FRA --format json | $PY -c 'import json,sys; print([v["version"] for v in json.load(sys.stdin) if v["status"] == "published"][-1])')
r matrix show FRA "$V" --format json >"$T/fra.json"
r export --format json --no-documents --state FRA -o "$T/fra-all.json"
h=$(data_hash)

# ---- PDF in the six languages ----
for lg in en fr es ru zh ar; do
    expect_ok "PDF in $lg" r matrix show FRA "$V" --format pdf --lang "$lg" -o "$T/m-$lg.pdf"
    pdffonts "$T/m-$lg.pdf" | tail -n +3 >"$T/fonts-$lg"
    expect_eq "PDF in $lg: every font embedded" "$(awk '$(NF-4) != "yes"' "$T/fonts-$lg" | wc -l)" "0"
    pdftotext "$T/m-$lg.pdf" "$T/text-$lg.txt"
    expect_eq "PDF in $lg: the first report's and an addendum's dates on the cover" \
        "$(pdftotext -f 1 -l 1 "$T/m-$lg.pdf" - | grep -cE '2004-06-27|27-06-2004|2006-01-31|31-01-2006')" "2"
done
expect_match "PDF in Arabic: an Arabic font" "$T/fonts-ar" "NotoNaskhArabic"
expect_match "PDF in Chinese: a CJK font" "$T/fonts-zh" "NotoSansCJK|NotoSerifCJK"
expect_match "PDF in English: the caveat" "$T/text-en.txt" "not a tool for measuring"
expect_match "PDF in French: the caveat, translated" "$T/text-fr.txt" "respect des obligations"
expect_match "PDF in Chinese: the page of a source in Chinese" "$T/text-zh.txt" "第[0-9]*页"
expect_match "PDF in Russian: the title in Russian" "$T/text-ru.txt" "матрица 1540"
expect_match "PDF in Arabic: the title in Arabic" "$T/text-ar.txt" "مصفوفة"
# every source of the JSON appears in the English PDF by its report's title, never as "#id"
title=$($PY -c '
import json, sys
d = json.load(open(sys.argv[1])); reps = {r["id"]: r for r in d["reports"]}
e = [e for e in json.load(open(sys.argv[2]))["entries"] if e.get("source_report")][0]
print(reps[e["source_report"]]["date"])' "$T/fra-all.json" "$T/fra.json")
expect_match "PDF: a source named by its report's date (title (date), p. N)" "$T/text-en.txt" "\\($title\\), p\\."
expect_eq "PDF: no source shown as #id" "$(grep -c '#[0-9]' "$T/text-en.txt")" "0"
expect_match "PDF: a blank shown as —" "$T/text-en.txt" "—"
# Arabic right to left: the title line ends at the right margin and leaves the
# left one free; the English title starts at the left margin (pdftotext -bbox)
title_side() {
    pdftotext -f 1 -l 1 -bbox "$1" - | $PY -c '
import re, sys
ws = [tuple(float(g) for g in m.groups()) for m in re.finditer(r"<word xMin=\"([0-9.]+)\" yMin=\"([0-9.]+)\" xMax=\"([0-9.]+)\"", sys.stdin.read())]
line = [w for w in ws if w[1] == ws[0][1]]
left, right = min(w[0] for w in line), max(w[2] for w in line)
print("right" if right > 540 and left > 60 else "left" if left < 60 else "neither")'
}
expect_eq "PDF in Arabic: the title is set from the right margin" "$(title_side "$T/m-ar.pdf")" "right"
expect_eq "PDF in English: the title is set from the left margin" "$(title_side "$T/m-en.pdf")" "left"

# ---- CSV and XLSX read back and compared with the JSON ----
expect_ok "CSV" r matrix show FRA "$V" --format csv -o "$T/m.csv"
expect_ok "XLSX in French" r matrix show FRA "$V" --format xlsx --lang fr -o "$T/m.xlsx"
cmp_out=$($PY - "$T/fra.json" "$T/m.csv" "$T/m.xlsx" "$T/fra-all.json" <<'PYEOF'
import csv, json, re, sys, zipfile
show = json.load(open(sys.argv[1]))
full = json.load(open(sys.argv[4]))
reps = {r["id"]: r for r in full["reports"]}
want = {e["item"]: e for e in show["entries"]}
rows = list(csv.reader(open(sys.argv[2], encoding="utf-8", newline="")))
width = {len(r) for r in rows}
head = next(i for i, r in enumerate(rows) if r and r[0] == "item")
meta = {r[0]: r[1] for r in rows[:head] if r and r[0]}
cols = rows[head]
table = [dict(zip(cols, r)) for r in rows[head + 1:]]
problems = []
if len(width) != 1: problems.append("rows of different widths %s" % width)
if meta.get("Approved by the Committee") != show["approved"]: problems.append("approval date %r" % meta.get("Approved by the Committee"))
if meta.get("First national report") != "2004-06-27": problems.append("first report %r" % meta.get("First national report"))
if not any("not a tool for measuring compliance" in k for k in meta): problems.append("no caveat")
seen = set()
for t in table:
    e = want.get(t["item"])
    if e is None:
        if t["mark"]: problems.append("%s: mark %r not in the JSON" % (t["item"], t["mark"]))
        continue
    seen.add(t["item"])
    for k in ("mark", "legal_reference", "page", "remark", "source_url", "info", "signed", "ratified", "acceded"):
        if (e.get(k) or "") != t[k]: problems.append("%s.%s: %r != %r" % (t["item"], k, t[k], e.get(k)))
    sr = e.get("source_report") or ""
    if str(sr) != t["source_report"]: problems.append("%s.source_report" % t["item"])
    if sr and (t["source_title"], t["source_date"]) != (reps[sr]["title"], reps[sr]["date"]): problems.append("%s: source title/date" % t["item"])
missing = set(want) - seen
if missing: problems.append("entries missing from the CSV: %s" % sorted(missing)[:5])
# the XLSX: every entry's mark and legal reference in its shared strings, the caveat in French
z = zipfile.ZipFile(sys.argv[3])
strings = re.findall(r"<t[^>]*>([^<]*)</t>", z.read("xl/sharedStrings.xml").decode())
strings = [s.replace("&amp;", "&").replace("&quot;", '"').replace("&apos;", "'").replace("&lt;", "<").replace("&gt;", ">") for s in strings]
sset = set(strings)
for e in show["entries"]:
    if e["legal_reference"] and e["legal_reference"] not in sset: problems.append("xlsx lacks %r" % e["legal_reference"])
if not any("respect des obligations" in s for s in strings): problems.append("xlsx: no French caveat")
if "Référence juridique" not in sset: problems.append("xlsx: column titles not in French")
sheet = z.read("xl/worksheets/sheet1.xml").decode()
if sheet.count("<row ") < len(table) + 1: problems.append("xlsx has %d rows" % sheet.count("<row "))
print("%d rows, %d entries compared; " % (len(table), len(seen)) + ("; ".join(problems[:8]) if problems else "same"))
PYEOF
)
echo "$cmp_out" >"$T/cmp.out"
expect_match "CSV and XLSX read back: every item, the JSON's entries field by field, the header dates and caveat" "$T/cmp.out" "entries compared; same$"
items=$(r template list --version "$(json '.template_version' matrix show FRA "$V" --format json 2>/dev/null || echo 1)" --format json 2>/dev/null | $PY -c 'import json,sys; print(len(json.load(sys.stdin)))' 2>/dev/null)
expect_match "CSV: one row per template item ($items)" "$T/cmp.out" "^$items rows"
expect_eq "downloads change nothing in the database" "$(data_hash)" "$h"

# ---- the comments of a review round never go into a download ----
echo "secret-pw-123456" | r user add pocfra --role poc --state FRA >/dev/null
r matrix new FRA >/dev/null && D=$(r matrix list FRA --format json | $PY -c 'import json,sys; print(json.load(sys.stdin)[-1]["version"])')
r matrix send FRA "$D" >/dev/null
r --as pocfra matrix comment FRA "$D" --text "PRIVATE-COMMENT-TEXT please check OP1" >/dev/null
r matrix show FRA "$D" --format csv -o "$T/draft.csv" && r matrix show FRA "$D" --format pdf -o "$T/draft.pdf"
pdftotext "$T/draft.pdf" "$T/draft.txt"
expect_eq "a state's comment is in neither the CSV nor the PDF" "$(cat "$T/draft.csv" "$T/draft.txt" | grep -c PRIVATE-COMMENT)" "0"

# ---- bad input: a clear error, nothing written ----
expect_fail "a format without -o" 2 "needs -o FILE" r matrix show FRA "$V" --format pdf
expect_fail "an unknown language" 2 "not ar, zh" r matrix show FRA "$V" --format csv --lang de -o "$T/x.csv"
expect_fail "a version that does not exist" 3 "999" r matrix show FRA 999 --format xlsx -o "$T/x.xlsx"
expect_fail "a version that is not a number" 2 "VERSION" r matrix show FRA twelve --format csv -o "$T/x.csv"
expect_fail "a format with another verb" 2 "goes with show" r matrix list FRA --format pdf
expect_fail "an unknown state" 3 "ZZZ" r matrix show ZZZ --format csv -o "$T/x.csv"
expect_fail "a file in a folder that does not exist" 1 "" r matrix show FRA "$V" --format pdf -o "$T/nope/x.pdf"
expect_eq "nothing is left behind by the refused commands" "$(ls "$T" | grep -c '^x\.')" "0"
done_testing
