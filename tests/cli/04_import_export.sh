# Import and export: JSON and CSV round trips, XLSX, and every kind of bad file.
. tests/cli/lib.sh
init_db --demo
DEMO=$DB
h=$(db_hash)
expect_fail "demo data goes only into a new database" 5 "already holds reports" r init --demo
expect_eq "the refused demo run changed nothing" "$(db_hash)" "$h"
expect_fail "a bad --max-document-bytes" 2 "not a number" r init --max-document-bytes lots
r status >"$T/status"
expect_match "status says the data is demo data" "$T/status" "^DEMO DATA"
expect_match "status carries the compliance caveat" "$T/status" "not a measure of compliance"
expect_match "status counts the never-reporting states" "$T/status" "never reported: 8"
r status --format json >"$T/status.json"
expect_eq "status --format json" "$(/usr/bin/python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["states"], d["demo"], len(d["never_reported"]))' "$T/status.json")" "193 True 8"

expect_ok "export json" r export --format json -o "$T/a.json"
"$BIN" --db "$T/demo2.db" init --demo >/dev/null
"$BIN" --db "$T/demo2.db" export --format json -o "$T/demo2.json"
expect_eq "the demo data is deterministic: a second database exports the same bytes" "$(cmp "$T/a.json" "$T/demo2.json" && echo same)" "same"
expect_ok "export csv" r export --format csv -o "$T/csv1"
DB=$T/second.db
init_db
h0=$(db_hash)
expect_ok "import the json export into an empty database" r import "$T/a.json"
expect_ok "export it again" r export --format json -o "$T/b.json"
expect_eq "json export -> import -> export is byte-identical" "$(cmp "$T/a.json" "$T/b.json" && echo same)" "same"
h1=$(data_hash)
expect_ok "importing the same file again is allowed" r import "$T/a.json"
expect_eq "and changes nothing (but the audit log)" "$(data_hash)" "$h1"

DB=$T/third.db
init_db
expect_ok "import the csv folder into an empty database" r import "$T/csv1"
expect_ok "export csv again" r export --format csv -o "$T/csv2"
for f in states reports matrix_versions matrix_entries; do
    expect_eq "csv round trip of $f.csv is byte-identical" "$(cmp "$T/csv1/$f.csv" "$T/csv2/$f.csv" && echo same)" "same"
done

expect_ok "export one state as json" "$BIN" --db "$DEMO" export --format json --state fr -o "$T/fra.json"
expect_eq "one state's export holds only that state" "$(/usr/bin/python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(len(d["states"]), {m["state"] for m in d["matrices"]})' "$T/fra.json")" "1 {'FRA'}"
expect_ok "export json to standard output" r export --format json --no-documents -o -
expect_match "without documents" "$T/out" '"sha256"'
expect_eq "no document bytes" "$(grep -c '"document"' "$T/out")" "0"

expect_ok "xlsx of one state's matrix" r export --format xlsx --state FRA -o "$T/fra.xlsx"
expect_eq "the xlsx is a workbook" "$(unzip -l "$T/fra.xlsx" | grep -c 'xl/worksheets/sheet1.xml')" "1"
unzip -p "$T/fra.xlsx" xl/sharedStrings.xml >"$T/fra.strings"
expect_match "the matrix workbook names the state" "$T/fra.strings" "France"
expect_match "the matrix workbook carries the caveat" "$T/fra.strings" "not a tool for measuring compliance"
expect_ok "xlsx overview of all states in Chinese" r export --format xlsx --lang zh -o "$T/all.xlsx"
unzip -p "$T/all.xlsx" xl/sharedStrings.xml >"$T/all.strings"
expect_match "the overview has Chinese state names" "$T/all.strings" "法国"
expect_fail "xlsx in an unknown language" 2 "not ar, zh" r export --format xlsx --lang de -o "$T/x.xlsx"
expect_fail "export in an unknown format" 2 "not json, csv, xlsx or iati" r export --format pdf -o "$T/x.pdf"
expect_fail "xlsx of a version that does not exist" 3 "no matrix version 99" r export --format xlsx --state FRA --version 99 -o "$T/x.xlsx"
expect_fail "json export into a missing folder" 1 "No such file" r export --format json -o "$T/nowhere/x.json"
: >"$T/plainfile"
expect_fail "csv export onto a file that is not a folder" 1 "not a folder" r export --format csv -o "$T/plainfile"
expect_fail "template list of a version that does not exist" 3 "no template version 99" r template list --version 99
mkdir "$T/emptydir"
expect_fail "import of a folder without CSV files" 4 "no states.csv" r import "$T/emptydir"

# Every bad import names the file and the place, exits non-zero, and changes nothing.
DB=$T/second.db
h=$(db_hash)
hd=$(data_hash)
bad() { # NAME CODE PATTERN FILE
    expect_fail "$1" "$2" "$3" r import "$4"
    expect_eq "$1: database unchanged" "$(db_hash)" "$h"
}
head -c 100000 "$T/a.json" >"$T/truncated.json"
bad "truncated json" 4 "truncated.json:[0-9]+:[0-9]+:" "$T/truncated.json"
printf '{"format":"r1540",,}' >"$T/syntax.json"
bad "malformed json" 4 "syntax.json:1:[0-9]+:" "$T/syntax.json"
printf '' >"$T/empty.json"
bad "empty file" 4 "empty.json" "$T/empty.json"
printf '[1,2,3]' >"$T/array.json"
bad "json that is not an r1540 export" 4 "must be an object|not an r1540 export" "$T/array.json"

# Edits of the valid export, made with Debian's python, each breaking one thing.
edit() { # OUT PYTHON-STATEMENTS (d is the parsed export)
    /usr/bin/python3 -c "
import json, sys
d = json.load(open(sys.argv[1]))
$2
json.dump(d, open(sys.argv[2], 'w'), ensure_ascii=False)
" "$T/fra.json" "$T/$1"
}
edit unknown_state.json 'd["matrices"][0]["state"] = "ZZZ"'
bad "unknown state code" 3 "matrices\\[0\\].*unknown state 'ZZZ'" "$T/unknown_state.json"
edit unknown_item.json 'd["matrices"][0]["entries"][0]["item"] = "OP9-NOTHING"'
bad "unknown template item" 4 "unknown_item.json: matrices\\[0\\]: entries\\[0\\].item: 'OP9-NOTHING' is not an item" "$T/unknown_item.json"
edit dup_entry.json 'd["matrices"][0]["entries"].append(dict(d["matrices"][0]["entries"][0]))'
bad "duplicate entries" 4 "appears twice" "$T/dup_entry.json"
edit dup_report.json 'd["reports"].append(dict(d["reports"][0]))'
bad "duplicate report ids" 4 "report id [0-9]+ appears twice" "$T/dup_report.json"
edit bad_mark.json 'd["matrices"][0]["entries"][0]["mark"] = "maybe"'
bad "a bad mark" 4 "entries\\[0\\].mark: must be" "$T/bad_mark.json"
edit unknown_key.json 'd["reports"][0]["colour"] = "red"'
bad "an unknown key (a typo)" 4 "reports\\[0\\].colour: unknown key" "$T/unknown_key.json"
edit wrong_type.json 'd["matrices"][0]["version"] = "one"'
bad "a wrong type" 4 "matrices\\[0\\].version: must be an integer" "$T/wrong_type.json"
edit bad_sha.json 'd["reports"][0]["sha256"] = "0" * 64; d["reports"][0]["id"] = 999999'
bad "a document whose sha256 does not match" 4 "sha256: does not match" "$T/bad_sha.json"
edit bad_b64.json 'd["reports"][0]["document"] = "!!!not base64"'
bad "a document that is not base64" 4 "not valid base64" "$T/bad_b64.json"
edit changed_approved.json '
m = [m for m in d["matrices"] if m["status"] == "published"][0]
m["entries"][0]["mark"] = "NA" if m["entries"][0]["mark"] != "NA" else "X"'
bad "a change to an approved version" 5 "is published and cannot change" "$T/changed_approved.json"
edit late_error.json 'd["matrices"][-1]["entries"][-1]["item"] = "OP9-LATE"'
bad "an error in the last record rolls back the whole file" 4 "OP9-LATE" "$T/late_error.json"
edit future.json 'd["reports"][0]["date"] = "2999-01-01"; d["reports"][0]["id"] = 999998'
bad "a report dated in the future" 4 "reports\\[0\\].date: 2999-01-01 is in the future" "$T/future.json"
edit hostile.json 'd["reports"][0]["title"] = "x\u0000y"'
bad "a NUL byte in a string" 4 "hostile.json:1:[0-9]+: .*NUL" "$T/hostile.json"
R1540_IMPORT_MAX_BYTES=1000 expect_fail "an oversized import file" 5 "more than the import limit" r import "$T/a.json"
expect_eq "oversized: database unchanged" "$(db_hash)" "$h"
expect_fail "a file of another type" 2 "give a .json file" r import "$T/fra.xlsx"
expect_fail "a missing file" 3 "no such file" r import "$T/nothing.json"

edit shuffled.json '
for m in d["matrices"]:
    m["entries"].reverse()
    m["entries"].append({"item": "OP1-NPT" if all(e["item"] != "OP1-NPT" for e in m["entries"]) else "OP9-X", "mark": "", "legal_reference": "", "source_report": None, "page": "", "remark": ""})
d["matrices"] = [m for m in d["matrices"] if all(e["item"] != "OP9-X" for e in m["entries"])]'
expect_ok "re-importing approved versions listed in another order, with blank items spelled out" r import "$T/shuffled.json"
expect_eq "is accepted and changes nothing (but the audit log)" "$(data_hash)" "$hd"

# A draft in the database takes the import's entries and note.
/usr/bin/python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
m = [m for m in d["matrices"] if m["status"] == "draft"][0]
m["note"] = "revised by import"
m["entries"] = m["entries"][1:]
d["matrices"] = [m]; d["reports"] = []; d["states"] = []
json.dump(d, open(sys.argv[2], "w"))
print(m["state"], m["version"], len(m["entries"]))' "$T/a.json" "$T/draft.json" >"$T/draft.key"
read dstate dver dn <"$T/draft.key"
expect_ok "re-import a draft with one entry less and a new note" r import "$T/draft.json"
expect_eq "the draft holds the imported entries" "$(r matrix show "$dstate" "$dver" --format json | /usr/bin/python3 -c 'import json,sys; print(len(json.load(sys.stdin)["entries"]))')" "$dn"
r matrix list "$dstate" >"$T/dlist"
expect_match "and the imported note" "$T/dlist" "revised by import"
h=$(db_hash)

# A report imported first without its file (CSV) gets the file from a later JSON import.
DB=$T/third.db
rid=$(/usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["reports"][0]["id"])' "$T/fra.json")
expect_fail "a CSV-imported report has no file" 3 "has no stored file" r report get "$rid" -o "$T/doc1"
expect_ok "import the JSON with the files" r import "$T/fra.json"
expect_ok "now the file is there" r report get "$rid" -o "$T/doc1"
expect_match "and it is the document" "$T/doc1" "DEMO DATA"
DB=$T/second.db

# CSV: malformed files.
mkdir "$T/badcsv"
cp "$T/csv1/matrix_versions.csv" "$T/csv1/matrix_entries.csv" "$T/badcsv/"
printf 'state,version,item,mark,legal_reference,source_report,page,remark\r\nFRA,1,OP1-NPT,X,"unterminated,,,\r\n' >"$T/badcsv/matrix_entries.csv"
bad "csv with an unterminated quote" 4 "matrix_entries.csv:2:" "$T/badcsv"
printf 'alpha3,colour\r\nFRA,red\r\n' >"$T/weird.csv"
bad "csv with an unknown header" 4 "weird.csv:1: unrecognised header" "$T/weird.csv"
head -c 300 "$T/csv1/matrix_entries.csv" >"$T/badcsv/matrix_entries.csv"
printf '\n' >>"$T/badcsv/matrix_entries.csv"
bad "a truncated csv" 4 "matrix_entries.csv:[0-9]+" "$T/badcsv"
rm "$T/badcsv/matrix_entries.csv"
bad "matrix versions without their entries file" 4 "needs its matrix_entries.csv" "$T/badcsv"

# --public: only what the public may see (the server's /data/ files).
DB=$T/public.db
r init --demo >/dev/null 2>&1
pid=$(json '[.[] | select(.provider_answer == "")] | min_by(.id) | .id' assistance proposal list)
r assistance proposal accept "$pid" --by provider --note "PRIVATE-NOTE-7" >/dev/null
expect_ok "export --public --format json" r export --public --format json -o "$T/public.json"
expect_eq "... has no proposal, note or answer" "$(grep -c 'PRIVATE-NOTE-7\|provider_answer\|"history"' "$T/public.json")" 0
expect_eq "... only published versions" "$(grep -cE '"status":"(draft|with-state|approved)","created"' "$T/public.json")" 0
expect_eq "... all of them" "$(grep -c '"status":"published","created"' "$T/public.json")" \
    "$(r export --format json --no-documents -o - | jq '[.matrices[] | select(.status == "published")] | length')"
expect_ok "the full export keeps the note" r export --format json --no-documents -o "$T/full.json"
expect_match "... (it is there)" "$T/full.json" "PRIVATE-NOTE-7"
expect_ok "export --public --format csv" r export --public --format csv -o "$T/pubcsv"
expect_eq "... published versions only" "$(cut -d, -f4 "$T/pubcsv/matrix_versions.csv" | sort -u | tr '\n' ' ')" "published status "
expect_fail "--public with a state's XLSX matrix is refused" 2 "overview only" r export --public --format xlsx --state FRA -o "$T/x.xlsx"
expect_ok "export --public --format xlsx (the overview)" r export --public --format xlsx -o "$T/pub.xlsx"

done_testing
