# Matrix template v2 (issue 12): its rows and notes, the crosswalk from v1
# (`matrix new --template v2` on every demo state, the round trip over the
# whole demo data set), the new entry fields (an official web address as
# source, OP1's relevant information with dates) and the import of published
# versions whose approval date is not public; hostile values are refused
# with a clear error and change nothing.
. tests/cli/lib.sh
init_db --demo

# ---- the template ------------------------------------------------------------
expect_eq "template v1 keeps its 363 items" "$(r template list --version 1 | wc -l)" "363"
expect_eq "template v2 has 437 items" "$(r template list --version 2 | wc -l)" "437"
expect_eq "new matrices still use v1 (data/template/current)" "$(r template list | wc -l)" "363"
expect_eq "v2 adds OP3 rows for means of delivery: 28 in (a)(b), 46 in (c)(d)" \
    "$(r template list --version 2 --section OP3AB | grep -c '^OP3AB-MD-') $(r template list --version 2 --section OP3CD | grep -c '^OP3CD-MD-')" "28 46"
expect_eq "v1 has no such rows" "$(r template list --version 1 | grep -c '^OP3[A-Z]*-MD-')" "0"
r template list --version 2 --lang fr >"$T/v2fr"
expect_match "the CTBT row carries its note, in French" "$T/v2fr" "^OP1-CTBT .*\\(pas encore en vigueur\\)$"
r template list --version 2 --format json >"$T/v2.json"
expect_eq "the note in six languages and the v1 item each v2 item carries, in JSON" "$(/usr/bin/python3 -c '
import json, sys
items = json.load(open(sys.argv[1]))
ctbt = [i for i in items if i["id"] == "OP1-CTBT"][0]
print(len(ctbt["note"]), ctbt["note"]["zh"], sum(1 for i in items if i.get("from") == i["id"]), sum(1 for i in items if "from" not in i))
' "$T/v2.json")" "6 尚未生效 363 74"

# ---- matrix new --template v2 on every state ------------------------------------
r export --format json -o "$T/before.json" >/dev/null
carried=0; lost=0; refused=0; made=0; bad=""
for s in $(r state list --format json | /usr/bin/python3 -c 'import json,sys; print(" ".join(s["alpha3"] for s in json.load(sys.stdin)))'); do
    if r matrix new "$s" --template v2 --date 2026-01-10 >"$T/new.out" 2>"$T/new.err"; then
        made=$((made + 1))
        set -- $(sed -n 's/.*template v2, \([0-9]*\) entries carried, \([0-9]*\) not carried$/\1 \2/p' "$T/new.out")
        carried=$((carried + ${1:-0})); lost=$((lost + ${2:-0}))
        [ -n "${1:-}" ] || bad="$bad $s"
    elif grep -q "already has a version in progress" "$T/new.err"; then
        refused=$((refused + 1))
    else
        bad="$bad $s:$(head -c 100 "$T/new.err")"
    fi
done
echo "# matrix new --template v2: $made states, $carried entries carried, $lost not carried, $refused refused (a version in progress)"
expect_eq "matrix new --template v2 succeeded or was refused for a version in progress, for all 193 states" "$((made + refused)) ${bad:-none}" "193 none"
r export --format json -o "$T/after.json" >/dev/null
expect_eq "every new v2 draft holds exactly the entries of the state's previous version, and the counts add up" "$(/usr/bin/python3 -c '
import json, sys
before = json.load(open(sys.argv[1])); after = json.load(open(sys.argv[2]))
latest = {}
for m in before["matrices"]:
    if m["state"] not in latest or m["version"] > latest[m["state"]]["version"]:
        latest[m["state"]] = m
new = [m for m in after["matrices"] if m["template_version"] == 2]
ok = all(sorted(map(json.dumps, m["entries"])) == sorted(map(json.dumps, latest[m["state"]]["entries"])) for m in new)
print(len(new), sum(len(m["entries"]) for m in new), ok)
' "$T/before.json" "$T/after.json")" "$made $carried True"
expect_eq "nothing was lost from v1 to v2" "$lost" "0"
expect_ok "the crosswalk round trip over the whole demo data set (v1 -> v2 -> v1, v2 -> v1 -> v2)" r template roundtrip
expect_match "the round trip counts every version and changes none" "$T/out" "^[0-9]{3,} versions, [0-9]+ entries: .* 0 versions changed by the round trip$"
expect_fail "--template takes a version number" 2 "--template" r matrix new AFG --template two

# A crosswalk that retires a row lists what it could not carry (a copy of data/).
cp -r "$ROOT/data" "$T/data"
sed -i 's/^OP1-NPT\tOP1-NPT\tsame$/OP1-NPT\t-\tretired/' "$T/data/template/v2/from-v1.tsv"
DB2=$T/retired.db
R1540_DATA=$T/data "$BIN" --db "$DB2" init >/dev/null 2>&1
"$BIN" --db "$DB2" report add KEN --kind first-report --date 2005-01-10 --language en --title R >/dev/null
"$BIN" --db "$DB2" matrix new KEN --date 2005-02-01 >/dev/null
"$BIN" --db "$DB2" matrix set KEN 1 OP1-NPT X --source 1 --page 3 >/dev/null
"$BIN" --db "$DB2" matrix set KEN 1 OP1-CWC X >/dev/null
printf 'a long enough passphrase\n' | "$BIN" --db "$DB2" user add ken-poc --role poc --state KEN >/dev/null
"$BIN" --db "$DB2" matrix send KEN 1 >/dev/null && "$BIN" --db "$DB2" --as ken-poc matrix accept KEN 1 >/dev/null &&
    "$BIN" --db "$DB2" matrix approve KEN 1 --date 2005-03-01 >/dev/null
DB_SAVED=$DB; DB=$DB2
expect_fail "a template version that does not exist" 3 "no template version 3" r matrix new KEN --template v3
DB=$DB_SAVED
"$BIN" --db "$DB2" matrix new KEN --template v2 >"$T/retired.out" 2>&1
expect_eq "an entry the crosswalk retires is listed, not carried" "$(cat "$T/retired.out")" "KEN version 2: draft with 1 entries
KEN version 2: template v2, 1 entries carried, 1 not carried
  not carried: OP1-NPT"

# ---- the new entry fields -------------------------------------------------------
D=KEN; r matrix new $D --template v1 >/dev/null 2>&1 || true
v=$(r matrix list $D --format json | /usr/bin/python3 -c 'import json,sys; print([m for m in json.load(sys.stdin) if m["status"] == "draft"][-1]["version"])')
audited "an OP1 entry with relevant information and its dates" matrix.set "matrix:KEN/$v" \
    r matrix set $D "$v" OP1-CTBT X --info "Signed; ratified" --signed 1996-09-24 --ratified 2000-11-30
audited "an entry sourced from an official web address" matrix.set "matrix:KEN/$v" \
    r matrix set $D "$v" OP1-CWC X --url "https://www.opcw.org/about-us/member-states"
r matrix show $D "$v" >"$T/show"
expect_match "show: the relevant information and its dates" "$T/show" "relevant information: Signed; ratified \\[signed 1996-09-24\\] \\[ratified 2000-11-30\\]"
expect_match "show: the web address" "$T/show" "source: https://www.opcw.org/about-us/member-states"
h=$(r fingerprint)
refused() { # NAME PATTERN ARGS...: refused with exit 4, nothing changed, no audit entry
    name=$1; pattern=$2; shift 2
    unaudited "$name" 4 "$pattern" r matrix set $D "$v" "$@"
    expect_eq "$name: nothing changed" "$(r fingerprint)" "$h"
}
refused "a javascript: address" "source_url: must be an http:// or https:// address" OP1-NPT X --url "javascript:alert(1)"
refused "a data: address" "source_url" OP1-NPT X --url "data:text/html,<script>alert(1)</script>"
refused "an address with a space" "source_url" OP1-NPT X --url "https://example.org/a b"
refused "an address without a host" "source_url" OP1-NPT X --url "https:///path"
refused "a 10 KB address" "at most 500 bytes" OP1-NPT X --url "https://example.org/$(head -c 10240 /dev/zero | tr '\0' a)"
refused "a day that does not exist" "signed: '2024-02-30' is not a date" OP1-NPT X --signed 2024-02-30
refused "a date in words" "ratified: 'yesterday' is not a date" OP1-NPT X --ratified yesterday
refused "a date in the future" "acceded: 2999-01-01 is in the future" OP1-NPT X --acceded 2999-01-01
refused "a ratification before the signature" "before the signature" OP1-NPT X --signed 2001-01-01 --ratified 2000-01-01
refused "relevant information on an OP2 row" "OP1 items only" OP2-NW-USE-LAW X --info "ratified"
refused "relevant information of 600 bytes" "info: must be one line of at most 500 bytes" OP1-NPT X --info "$(head -c 600 /dev/zero | tr '\0' i)"
refused "relevant information over two lines" "info: must be one line" OP1-NPT X --info "$(printf 'a\nb')"

# ---- import: published without an approval date, new fields, hostile values ------
r export --format json --state KEN -o "$T/ken.json" >/dev/null
edit() { # OUT PYTHON (d: the parsed KEN export; m: its first published or approved
          # version; dr: the draft edited above)
    /usr/bin/python3 -c "
import json, sys
d = json.load(open(sys.argv[1]))
m = [m for m in d['matrices'] if m['status'] in ('published', 'approved')][0]
dr = [m for m in d['matrices'] if m['status'] == 'draft'][-1]
$2
json.dump(d, open(sys.argv[2], 'w'), ensure_ascii=False)
" "$T/ken.json" "$T/$1"
}
DB=$T/import.db
init_db
edit nodate.json '
dr.update(status="published", approved=None, created="2011-01-01", published="2012-05-01", version=1)
d["matrices"] = [dr]
dr["entries"] = [e for e in dr["entries"] if e["item"] in ("OP1-CTBT", "OP1-CWC")]'
expect_ok "import of a published version whose approval date is not public" r import "$T/nodate.json"
expect_eq "it is published, with no approval date" "$(r matrix list KEN --format json | /usr/bin/python3 -c 'import json,sys; m=json.load(sys.stdin)[0]; print(m["status"], repr(m["approved"]), m["published"])')" "published '' 2012-05-01"
r matrix show KEN 1 --format json >"$T/imported.json"
expect_eq "the OP1 entry kept its relevant information and the other its web address" "$(/usr/bin/python3 -c '
import json, sys
e = {x["item"]: x for x in json.load(open(sys.argv[1]))["entries"]}
print(e["OP1-CTBT"]["info"], e["OP1-CWC"]["source_url"])' "$T/imported.json")" "{'text': 'Signed; ratified', 'signed': '1996-09-24', 'ratified': '2000-11-30'} https://www.opcw.org/about-us/member-states"
expect_ok "importing the same file again is allowed (nothing changes)" r import "$T/nodate.json"
r export --format csv -o "$T/csv" >/dev/null
expect_match "the CSV export has the new columns" "$T/csv/matrix_entries.csv" "^state,version,item,mark,legal_reference,source_report,page,remark,source_url,info,info_signed,info_ratified,info_acceded"
expect_match "and the web address" "$T/csv/matrix_entries.csv" ",https://www.opcw.org/about-us/member-states,"
DB=$T/csv.db
init_db
expect_ok "the CSV export imports into an empty database" r import "$T/csv"
expect_eq "with its empty approval date and its relevant information" "$(r matrix show KEN 1 --format json | /usr/bin/python3 -c 'import json,sys; d=json.load(sys.stdin); print(repr(d["approved"]), [e.get("info", {}).get("signed") for e in d["entries"]])')" "'' ['1996-09-24', None]"
mkdir "$T/oldcsv" && cp "$T/csv/states.csv" "$T/csv/reports.csv" "$T/csv/matrix_versions.csv" "$T/oldcsv/"
/usr/bin/python3 -c '
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))
w = csv.writer(open(sys.argv[2], "w", newline="", encoding="utf-8"), lineterminator="\r\n")
w.writerows([r[:8] for r in rows])' "$T/csv/matrix_entries.csv" "$T/oldcsv/matrix_entries.csv"
DB=$T/oldcsv.db
init_db
expect_ok "an entries file in the old eight-column form still imports (v1 files stay readable)" r import "$T/oldcsv"
expect_eq "its entries come without the new fields" "$(r matrix show KEN 1 --format json | /usr/bin/python3 -c 'import json,sys; d=json.load(sys.stdin); print(len(d["entries"]), any("info" in e or "source_url" in e for e in d["entries"]))')" "2 False"

DB=$T/import.db
h=$(r fingerprint)
bad() { # NAME PATTERN FILE: refused (exit 4), nothing changed
    expect_fail "$1" 4 "$2" r import "$T/$3"
    expect_eq "$1: nothing changed" "$(r fingerprint)" "$h"
}
edit js.json 'm["version"] = 9; m["entries"][0]["source_url"] = "javascript:alert(document.cookie)"'
bad "import of a javascript: address" "entries\\[0\\].*source_url: must be an http" js.json
edit long.json 'm["version"] = 9; m["entries"][0]["source_url"] = "https://example.org/" + "a" * 10240'
bad "import of a 10 KB address" "source_url: must be an http:// or https:// address of at most 500 bytes" long.json
edit baddate.json 'm["version"] = 9; m["entries"][0]["item"] = "OP1-NPT"; m["entries"][0]["info"] = {"text": "", "acceded": "2023-13-01"}'
bad "import of a relevant-information date that does not exist" "acceded: '2023-13-01' is not a date" baddate.json
edit longdate.json 'm["version"] = 9; m["entries"][0]["item"] = "OP1-NPT"; m["entries"][0]["info"] = {"signed": "1996-09-24T00:00:00Z"}'
bad "import of a date with a time" "signed: too long" longdate.json
edit infotype.json 'm["version"] = 9; m["entries"][0]["info"] = "ratified"'
bad "import of relevant information that is not an object" "info: must be an object" infotype.json
edit infokey.json 'm["version"] = 9; m["entries"][0]["info"] = {"text": "x", "withdrawn": "2001-01-01"}'
bad "import of an unknown relevant-information key" "withdrawn: unknown key" infokey.json
edit approvednodate.json 'm["version"] = 9; m["status"] = "approved"; m["approved"] = None; m["published"] = ""'
bad "an approved (not published) version still needs its approval date" "approved: a date when the status is approved" approvednodate.json
edit badapproved.json 'm["version"] = 9; m["approved"] = "2012-02-30"'
bad "an approval date that does not exist" "approved: a date" badapproved.json
mkdir "$T/badcsv" && cp "$T/csv/states.csv" "$T/csv/reports.csv" "$T/csv/matrix_versions.csv" "$T/csv/matrix_entries.csv" "$T/badcsv/"
sed -i 's|https://www.opcw.org/about-us/member-states|javascript:alert(1)|' "$T/badcsv/matrix_entries.csv"
expect_fail "CSV import of a javascript: address" 4 "matrix_entries.csv:[0-9]+: source_url: must be an http" r import "$T/badcsv"
expect_eq "CSV import of a javascript: address: nothing changed" "$(r fingerprint)" "$h"

# ---- memberships.csv: the dated group periods travel with the CSV export ---------
DB=$T/csv.db
r export --format csv -o "$T/mcsv" >/dev/null
expect_match "the CSV export has memberships.csv" "$T/mcsv/memberships.csv" "^state,group,from,to,source"
expect_match "with Bangladesh's LDC period ending on its graduation" "$T/mcsv/memberships.csv" "^BGD,LDC,,2026-11-24,"
expect_eq "one row per period of the reference data" "$(($(wc -l <"$T/mcsv/memberships.csv") - 1))" "$(grep -vc '^#\|^alpha3' "$ROOT/data/states/memberships.tsv")"
expect_ok "the whole CSV folder, memberships included, imports again" r import "$T/mcsv"
h=$(r fingerprint)
mbad() { # NAME PATTERN ROW: a memberships.csv with that row is refused, nothing changed
    mkdir -p "$T/mb" && printf 'state,group,from,to,source\r\n%s\r\n' "$3" >"$T/mb/memberships.csv"
    expect_fail "$1" 4 "$2" r import "$T/mb/memberships.csv"
    expect_eq "$1: nothing changed" "$(r fingerprint)" "$h"
}
mbad "a membership of an unknown group" "group: 'G77' is not LDC" "KEN,G77,2000-01-01,,x"
mbad "a membership with a bad date" "from: '2020-02-30' is not a date" "KEN,LDC,2020-02-30,,x"
mbad "a membership without a source" "source: must be one line" "KEN,LDC,2000-01-01,,"
mbad "a membership ending before it starts" "memberships.csv:2" "KEN,SIDS,2010-01-01,2000-01-01,x"
mbad "a membership of an unknown state" "unknown state 'ZZZ'" "ZZZ,LDC,2000-01-01,,x"
mbad "a membership overlapping a period of the reference data" "overlap" "BGD,LDC,2020-01-01,2021-01-01,x"

echo "1..$N"
