# Outreach events: add, list, show; a proposed workshop becomes a planned event;
# bad input gets a clear error and changes nothing.
. tests/cli/lib.sh
PY=/usr/bin/python3
init_db --demo
base=$(r event list | wc -l)
expect_eq "the demo data has events" "$((base > 20))" "1"

expect_ok "add a training course" r event add --kind training-course --title "PoC training, Latin America and the Caribbean" --start 2016-05-10 --end 2016-05-12 --place "Lima" --organizer "UNODA, UNLIREC" --status held --state PER,col --state BRA --theme border-control,export-control-regimes
expect_match "the new event's id" "$T/out" "^event $((base + 1)): training-course 2016-05-10, 3 states"
r event show $((base + 1)) --format json >"$T/e1.json"
expect_eq "show: states sorted as alpha-3, themes sorted" "$($PY -c '
import json, sys
e = json.load(open(sys.argv[1]))
print(e["states"], e["themes"], e["status"], e["end"])' "$T/e1.json")" "['BRA', 'COL', 'PER'] ['border-control', 'export-control-regimes'] held 2016-05-12"
expect_ok "a peer-review visit" r event add --kind peer-review-visit --title "Peer review" --start 2024-03-01 --state PHL --state SGP
expect_eq "list: two more events" "$(r event list | wc -l)" "$((base + 2))"
expect_eq "list --state SGP: the new one among them" "$(r event list --state sg | grep -c "^$((base + 2)) ")" "1"

h=$(db_hash)
expect_fail "an unknown kind" 4 "kind: 'party' is not one of" r event add --kind party --title x --start 2020-01-01 --state FRA
expect_fail "end before start" 4 "end: '2020-01-01' is not a date on or after the start 2020-02-01" r event add --kind round-table --title x --start 2020-02-01 --end 2020-01-01 --state FRA
expect_fail "a start date with a character too many is refused, not cut to fit" 2 "--start: '2020-01-011' is not a date" r event add --kind round-table --title x --start 2020-01-011 --state FRA
expect_fail "an end that is not a date" 2 "--end: '2020-1-2' is not a date" r event add --kind round-table --title x --start 2020-01-01 --end 2020-1-2 --state FRA
expect_fail "before 1540" 4 "start: '2003-01-01'" r event add --kind round-table --title x --start 2003-01-01 --state FRA
expect_fail "no state" 4 "at least one participating state" r event add --kind round-table --title x --start 2020-01-01
expect_fail "an unknown state" 4 "--state: unknown state 'XX'" r event add --kind round-table --title x --start 2020-01-01 --state XX
expect_fail "an unknown theme" 4 "themes: unknown theme 'parties'" r event add --kind round-table --title x --start 2020-01-01 --state FRA --theme parties
expect_fail "no title" 4 "title:" r event add --kind round-table --start 2020-01-01 --state FRA
expect_fail "no such event" 3 "no event with id 99" r event show 99
expect_fail "no such workshop" 3 "no proposed workshop 999" r event add --from-workshop 999 --as-of 2026-01-01 --title x --start 2027-01-01
expect_fail "a workshop brings its own states" 2 "leave out --state" r event add --from-workshop 1 --state FRA --title x --start 2027-01-01
expect_fail "--groups without --from-workshop is refused, not ignored" 2 "go with --from-workshop" r event add --kind round-table --title x --start 2020-01-01 --state FRA --groups 3
expect_eq "failed adds changed nothing" "$(db_hash)" "$h"

r review workshops --as-of 2026-01-01 --format json >"$T/w.json"
expect_ok "a proposed workshop becomes a planned event" r event add --from-workshop 2 --as-of 2026-01-01 --title "Regional workshop" --start 2027-03-01 --place "Suva"
r event show $((base + 3)) --format json >"$T/e3.json"
expect_eq "event add is in the audit log" "$(r audit list 2>/dev/null | grep -c 'event.add')" "3"
expect_ok "and the chain verifies" r audit verify
expect_eq "its states and themes are the proposal's" "$($PY -c '
import json, sys
w = json.load(open(sys.argv[1]))["workshops"][1]
e = json.load(open(sys.argv[2]))
print(e["states"] == sorted(w["states"]), e["themes"] == sorted(w["themes"]), e["kind"], e["status"])' "$T/w.json" "$T/e3.json")" "True True regional-workshop planned"
r export --format json -o "$T/all.json"
expect_match "events are in the JSON export" "$T/all.json" '^"events":\[$'
rm -f "$T/copy.db"
"$BIN" --db "$T/copy.db" init >/dev/null
expect_ok "import the export into a fresh database" "$BIN" --db "$T/copy.db" import "$T/all.json"
"$BIN" --db "$T/copy.db" export --format json -o "$T/again.json"
expect_eq "JSON round trip with events: byte-identical" "$(cmp -s "$T/all.json" "$T/again.json" && echo same)" "same"
expect_ok "importing it again changes nothing" "$BIN" --db "$T/copy.db" import "$T/all.json"
sed 's/"title":"Peer review"/"title":"Peer review, changed"/' "$T/all.json" >"$T/changed.json"
h=$(db_hash "$T/copy.db")
expect_fail "an event that exists with other content is refused" 4 "events\\[[0-9]+\\]: event [0-9]+ already exists with different content" "$BIN" --db "$T/copy.db" import "$T/changed.json"
expect_eq "and the refused import changed nothing" "$(db_hash "$T/copy.db")" "$h"
rm -f "$T/fresh.db"
"$BIN" --db "$T/fresh.db" init >/dev/null
sed 's/"states":\["BRA","COL","PER"\]/"states":["BRA","COL","XXX"]/' "$T/all.json" >"$T/unknown.json"
h=$(db_hash "$T/fresh.db")
expect_fail "an imported event with an unknown state is refused" 4 "events\\[[0-9]+\\]: states: unknown state 'XXX'" "$BIN" --db "$T/fresh.db" import "$T/unknown.json"
expect_eq "and that refused import changed nothing" "$(db_hash "$T/fresh.db")" "$h"
expect_sql_refused "the schema refuses an unknown kind" "CHECK constraint failed" "insert into event (id, kind, status, title, start, \"end\", place, organizer) values (999, 'party','planned','x','2020-01-01','2020-01-01','','')"
done_testing
