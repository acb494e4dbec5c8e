# Reference data (issue 12): dated LDC / LLDC / SIDS memberships in the review's
# "as of" figures, and reference files that init must refuse.
. tests/cli/lib.sh
PY=/usr/bin/python3

init_db --demo

# The coverage of the states in group G on DATE, counted here from the JSON
# export (every version, entry and membership period): per state
# the approved version in force on DATE (so the review runs with --include-approved:
# its default counts published versions only), counted only if a membership period of
# G holds on DATE (from <= DATE < to, empty bounds open).
r export --format json --no-documents -o "$T/demo.json"
# What the counts below read of the 18 MB export, parsed once: the
# memberships, and the approved and published versions with their marks.
$PY -c '
import json, sys
d = json.load(open(sys.argv[1]))
keep = ("state", "version", "status", "approved", "published")
json.dump({"memberships": d["memberships"],
           "matrices": [dict({k: v[k] for k in keep}, entries=[{"mark": e["mark"]} for e in v["entries"]])
                        for v in d["matrices"] if v["status"] in ("approved", "published")]},
          open(sys.argv[2], "w"))' "$T/demo.json" "$T/demo.small.json"
ex_group() {
    $PY -c '
import json, sys
d, grp, day = json.load(open(sys.argv[1])), sys.argv[2], sys.argv[3]
g = {m["state"] for m in d["memberships"] if m["group"] == grp
     and (m["from"] == "" or m["from"] <= day) and (m["to"] == "" or day < m["to"])}
best = {}
for v in d["matrices"]:
    when = v["approved"] or v["published"]
    if v["status"] in ("approved", "published") and when <= day and v["state"] in g:
        cand = (when, v["version"], v)
        best[v["state"]] = max(best.get(v["state"], cand), cand, key=lambda t: t[:2])
marks = [e["mark"] for _, _, v in best.values() for e in v["entries"]]
print(marks.count("X"), marks.count("NA"), len(best))' "$T/demo.small.json" "$1" "$2"
}
# x, na and the number of states behind them from the review's JSON
json_group() {
    $PY -c '
import json, sys
d = json.load(open(sys.argv[1]))
f = [g for g in d["coverage"]["by_flag"] if g["key"] == sys.argv[2]][0]
n = sum(1 for s in d["coverage"]["by_state"] if s["state"] in sys.argv[3].split())
print(f["x"], f["na"], n)' "$1" "$2" "$3"
}
members_on() {
    jq -r --arg g "$1" --arg d "$2" '[.memberships[] | select(.group == $g
        and (.from == "" or .from <= $d) and (.to == "" or $d < .to)) | .state] | join(" ")' "$T/demo.small.json"
}

for d in 2026-11-23 2026-11-24 2023-12-12 2023-12-13 2010-06-30; do
    r review --include-approved --as-of $d -o "$T/r$d.json" >/dev/null 2>&1
    expect_eq "review --as-of $d: LDC figures are those of the LDCs of that day" \
        "$(json_group "$T/r$d.json" LDC "$(members_on LDC $d)")" "$(ex_group LDC $d)"
done
expect_eq "the LDC figures change on Bangladesh's, Lao PDR's and Nepal's graduation day" \
    "$($PY -c 'import json,sys; f=lambda p: [g for g in json.load(open(p))["coverage"]["by_flag"] if g["key"]=="LDC"][0]["x"]; print(f(sys.argv[1]) > f(sys.argv[2]))' "$T/r2026-11-23.json" "$T/r2026-11-24.json")" "True"
expect_eq "Bhutan counts as an LDC the day before its graduation, not on the day" \
    "$(members_on LDC 2023-12-12 | grep -c BTN) $(members_on LDC 2023-12-13 | grep -c BTN)" "1 0"
r review --include-approved --as-of 2022-06-30 -o "$T/r2022.json" >/dev/null 2>&1
expect_eq "review --as-of 2022: SIDS figures include Bahrain" \
    "$(json_group "$T/r2022.json" SIDS "$(members_on SIDS 2022-06-30)")" "$(ex_group SIDS 2022-06-30)"

# The memberships travel with the JSON export and come back on import.
r export --format json --no-documents -o "$T/all.json"
expect_eq "the export carries every membership period" "$($PY -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["memberships"]))' "$T/all.json")" "$(grep -vc '^#' data/states/memberships.tsv | awk '{print $1 - 1}')"
# memberships: every stored period, sorted, from a fresh export
memberships() { r export --format json --no-documents -o - | jq -c '.memberships | sort_by(.state, .group, .from) | .[]'; }
memberships >"$T/m.before"
# No r1540 command deletes a period: the loss is made in the file.
beneath "delete from state_membership where state = 'BTN'" >/dev/null
expect_eq "BTN's periods are gone before the import" "$(grep -c '"state":"BTN"' "$T/m.before" | sed 's/^[1-9][0-9]*$/some/') $(memberships | grep -c '"state":"BTN"')" "some 0"
expect_ok "import the export back" r import "$T/all.json"
memberships >"$T/m.after"
expect_eq "the import restores the periods exactly" "$(cmp "$T/m.before" "$T/m.after" && echo same)" "same"
# Bad membership records: each import fails and changes nothing. The files
# are the export's states and memberships without its reports and matrices
# (import needs the three arrays, empty ones will do): the membership records
# are checked the same, without parsing and importing 18 MB thirteen times.
$PY -c '
import json, sys
d = json.load(open(sys.argv[1]))
d["reports"], d["matrices"] = [], []
for k in ("requests", "offers", "proposals", "events"):
    d.pop(k, None)
json.dump(d, open(sys.argv[2], "w"))' "$T/all.json" "$T/members.json"
expect_ok "a file of the states and memberships alone imports" r import "$T/members.json"
expect_eq "and changes nothing (they are those stored)" "$(memberships | cmp - "$T/m.after" && echo same)" "same"
h=$(data_hash) # each refused import below must leave the data as they are here
bad_import() { # NAME PYTHON-EXPRESSION-ON-m PATTERN
    $PY -c '
import json, sys
d = json.load(open(sys.argv[1]))
m = [x for x in d["memberships"] if x["state"] == "BTN" and x["group"] == "LDC"][0]
exec(sys.argv[2])
json.dump(d, open(sys.argv[3], "w"))' "$T/members.json" "$2" "$T/bad.json"
    expect_fail "import refuses $1" 4 "$3" r import "$T/bad.json"
    expect_eq "and changes nothing ($1)" "$(data_hash)" "$h"
}
bad_import "an unknown group" 'm["group"] = "G77"' "memberships\[[0-9]+\]: unknown group"
bad_import "a date that is no date" 'm["to"] = "2023-13-01"' "from and to must be dates"
bad_import "an overlapping period" 'd["memberships"].append(dict(m, **{"from": "2020-01-01", "to": ""}))' "overlaps"
bad_import "a period overlapping a stored one" 'd["memberships"] = [dict(m, **{"from": "2021-01-01", "to": "2024-01-01"})]' "overlaps the stored one"
bad_import "an unknown state" 'm["state"] = "XXX"' "unknown state 'XXX'"
bad_import "a hostile state" 'm["state"] = "B'"'"'T"' "unknown state"
bad_import "an empty source" 'm["source"] = ""' "no source"
bad_import "an oversized source" 'm["source"] = "x" * 5000' "source: longer than 1000"
bad_import "a source with a control character" 'm["source"] = "a\u0007b"' "source: must be text"
bad_import "an unknown key" 'm["note"] = "x"' "note"
bad_import "a missing key" 'del m["to"]' "to: missing"
bad_import "an over-long group" 'm["group"] = "L" * 50' "group: too long"
bad_import "memberships that are not an array" 'd["memberships"] = {}' "memberships: must be an array"

# init again with a corrected period: the old one does not stay behind.
ssd_ldc_from() { json '[.memberships[] | select(.group == "LDC") | .from] | join(",")' state show SSD; }
rm -rf "$T/data2"; cp -r "$ROOT/data" "$T/data2"
sed -i 's/^SSD\tLDC\t2012-12-17\t/SSD\tLDC\t2012-12-18\t/' "$T/data2/states/memberships.tsv"
expect_ok "init again with a corrected start date" env R1540_DATA="$T/data2" "$BIN" --db "$DB" init
expect_eq "the corrected period replaces the old one" "$(ssd_ldc_from)" "2012-12-18"
expect_ok "and init with the committed data restores it" r init
expect_eq "restored" "$(ssd_ldc_from)" "2012-12-17"

# Reference data that init must refuse, each in a copy of data/; nothing is created.
bad_data() { # NAME FILE SED-EXPRESSION PATTERN [EXIT CODE, default 4: bad input]
    rm -rf "$T/data" "$T/bad.db"
    cp -r "$ROOT/data" "$T/data"
    sed -i "$3" "$T/data/$2"
    expect_fail "init refuses $1" "${5:-4}" "$4" env R1540_DATA="$T/data" "$BIN" --db "$T/bad.db" init
    expect_eq "and creates no database ($1)" "$(ls "$T" | grep -c '^bad.db')" "0"
}
bad_data "an unknown group" states/memberships.tsv 's/^BTN\tLDC\t/BTN\tLDCX\t/' "unknown group .*for .BTN. in .LDCX."
bad_data "a date that is no date" states/memberships.tsv 's/^BTN\tLDC\t\t2023-12-13/BTN\tLDC\t\t2023-02-30/' "from and to must be dates"
bad_data "a period ending before it starts" states/memberships.tsv 's/^SSD\tLDC\t2012-12-17\t/SSD\tLDC\t2012-12-17\t2012-01-01/' "from before to"
bad_data "overlapping periods" states/memberships.tsv '/^BTN\tLDC\t/p' "overlaps an earlier one for 'BTN'"
bad_data "a period without a source" states/memberships.tsv 's/^\(BTN\tLDC\t\t2023-12-13\t\).*/\1/' "no source for 'BTN' in 'LDC'"
bad_data "an unknown state" states/memberships.tsv 's/^BTN\tLDC\t/XXX\tLDC\t/' "unknown state 'XXX'"
bad_data "a hostile state code" states/memberships.tsv "s/^BTN\tLDC\t/B'); DROP TABLE state;--\tLDC\t/" "unknown state"
bad_data "a regional group that contradicts states.tsv" states/memberships.tsv 's/^FRA\tWEOG\t/FRA\tEEG\t/' "no open WEOG period for FRA"
bad_data "a missing formal name" states/formal-names.tsv '/^FRA\t/d' "formal-names.tsv: 192 rows"
bad_data "an empty formal name" states/formal-names.tsv 's/^\(FRA\t[^\t]*\t\)[^\t]*/\1/' "missing formal name for 'FRA'"
bad_data "a memberships file of comments only" states/memberships.tsv '/^#/!d' "memberships.tsv"
bad_data "an unknown fact" facts/facts.tsv 's/^action_plans\t/action_plan\t/' "unknown or repeated key"
bad_data "a fact that is no count" facts/facts.tsv 's/^action_plans\t48\t/action_plans\tforty-eight\t/' "must be a count"
bad_data "a count over 193" facts/facts.tsv 's/^action_plans\t48\t/action_plans\t480\t/' "must be a count"
bad_data "a fact without a date" facts/facts.tsv 's/^action_plans\t48\t2022-11-30/action_plans\t48\tlately/' "as_of must be a date"
bad_data "a fact without a source" facts/facts.tsv 's/^\(action_plans\t48\t2022-11-30\t\).*/\1/' "no source"
bad_data "figures that do not add up to 193" facts/facts.tsv 's/^first_report_states\t185\t/first_report_states\t186\t/' "add up to the 193"
bad_data "a missing fact" facts/facts.tsv '/^states_with_matrix\t/d' "no row for states_with_matrix"
bad_data "a never-reported list shorter than the count" facts/never-reported.tsv '/^TCD\t/d' "7 states, but facts.tsv says never_reported_states 8"
bad_data "a never-reported state that is none" facts/never-reported.tsv 's/^TCD\t/XXX\t/' "not the alpha-3 code of a Member State"
bad_data "a hostile never-reported code" facts/never-reported.tsv "s/^TCD\t/T'D\t/" "not the alpha-3 code"
bad_data "a never-reported state twice" facts/never-reported.tsv 's/^SWZ\t/SOM\t/' "sorted by alpha3, each state once"

# The public figures and the demo data that follows them.
r status >"$T/status"
expect_match "status shows the Committee's public figures with their dates" "$T/status" "Never reported +8  \(as of 2024-07-01\): GIN GMB MLI MRT PRK SOM SWZ TCD"
expect_match "and says which figures are real in a demo database" "$T/status" "^data. Real: the states that never reported"
r status --format json >"$T/status.json"
expect_eq "status --format json: the public figures" "$($PY -c '
import json, sys
d = json.load(open(sys.argv[1]))
p = d["public_figures"]
print(p["first_report_states"]["value"], p["action_plans"]["value"], p["action_plan_states"]["value"], p["additional_information_states"]["value"], p["action_plans"]["as_of"], d["public_never_reported"])' "$T/status.json")" "185 48 39 124 2022-11-30 GIN GMB MLI MRT PRK SOM SWZ TCD"
expect_eq "the demo's never-reported states are the real ones" "$($PY -c 'import json,sys; print(" ".join(json.load(open(sys.argv[1]))["never_reported"]))' "$T/status.json")" "GIN GMB MLI MRT PRK SOM SWZ TCD"
expect_eq "no report at all for them in the demo" "$(json '[.[] | select(.state | IN("GIN","GMB","MLI","MRT","PRK","SOM","SWZ","TCD"))] | length' report list)" "0"
expect_eq "every Member State has an approved matrix in the demo" "$(jq '[.matrices[] | select(.status == "approved" or .status == "published") | .state] | unique | length' "$T/demo.json")" "193"
expect_eq "the matrices of never-reported states cite no report" "$(jq '[.matrices[] | select(.state == "PRK") | .entries[] | select(.source_report != null)] | length' "$T/demo.json")" "0"
done_testing
