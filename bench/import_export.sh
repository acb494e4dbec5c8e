#!/bin/sh
# Import and export of the whole demo data set, against the sqlite3 tool.
#
#   r1540 import  : the JSON export of the demo data into a database holding the
#                   reference data (all checks, triggers and one transaction)
#   baseline      : the sqlite3 command-line tool importing the same rows as CSV
#                   (.import, one transaction) into the same tables and indexes,
#                   without r1540's validation triggers or foreign key checks
#                   (the CSV cannot say NULL, so an empty source_report would fail
#                   them; the offers, whose provider is a state or an organization
#                   and the other NULL, are loaded as INSERT statements instead):
#                   every table the import writes, that is the states,
#                   reports, matrix versions and entries, assistance requests,
#                   offers, proposals and their events, and the outreach events
#                   with their states and themes (checked: the two databases
#                   then hold the same number of rows in each)
#   r1540 export  : the whole database to JSON (documents inlined)
#   init --demo   : a new database with reference and demo data (target < 1 s)
#
# Each figure is the best of 5 runs, in milliseconds, on this machine.
set -eu
cd "$(dirname "$0")/.."
BIN=$PWD/r1540
O=$PWD/bench/out
rm -rf "$O" && mkdir -p "$O"
export R1540_DATA=$PWD/data
RUNS=${BENCH_RUNS:-5}

now_ms() { echo $(($(date +%s%N) / 1000000)); }

# best SETUP CMD: runs SETUP then times CMD, RUNS times; prints the fastest in ms.
best() {
    b=
    for i in $(seq "$RUNS"); do
        sh -c "$1" >/dev/null 2>&1
        s=$(now_ms)
        sh -c "$2" >/dev/null
        t=$(($(now_ms) - s))
        if [ -z "$b" ] || [ "$t" -lt "$b" ]; then b=$t; fi
    done
    echo "$b"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
rate() { awk -v n="$1" -v ms="$2" 'BEGIN { printf "%.0f", n / (ms / 1000.0) }'; }

# The data set.
"$BIN" --db "$O/demo.db" init --demo >/dev/null
"$BIN" --db "$O/demo.db" export --format json -o "$O/demo.json"
"$BIN" --db "$O/ref.db" init >/dev/null
# The tables r1540 import writes, in the order it writes them.
TABLES="state report matrix_version matrix_entry assistance_request assistance_request_code
    assistance_offer assistance_offer_code
    assistance_proposal assistance_event event event_state event_theme"
rows=$(for t in $TABLES; do sqlite3 "$O/demo.db" "select count(*) from $t"; done |
    awk '{ n += $1 } END { print n }')

# Baseline tables: the same schema without triggers, with the template loaded.
for t in $TABLES; do
    sqlite3 -csv "$O/demo.db" "select * from $t" >"$O/$t.csv"
done
sqlite3 -cmd ".mode insert assistance_offer" "$O/demo.db" "select * from assistance_offer" \
    >"$O/assistance_offer.sql"
cat >"$O/baseline-setup.sh" <<SETUP
rm -f "$O/base.db" "$O/base.db-wal" "$O/base.db-shm"
sqlite3 "$O/base.db" "PRAGMA journal_mode=WAL;" >/dev/null
sqlite3 "$O/demo.db" "select sql || ';' from sqlite_schema where type in ('table','index') and sql is not null" | sqlite3 "$O/base.db"
sqlite3 "$O/base.db" "ATTACH '$O/ref.db' AS r; INSERT INTO template_item SELECT * FROM r.template_item; INSERT INTO vocab SELECT * FROM r.vocab; INSERT INTO meta SELECT * FROM r.meta;"
SETUP
cat >"$O/baseline-import.sql" <<SQL
PRAGMA synchronous = FULL;
BEGIN;
$(for t in $TABLES; do
    if [ "$t" = assistance_offer ]; then echo ".read $O/$t.sql"; else echo ".import --csv $O/$t.csv $t"; fi
done)
COMMIT;
SQL

cat >"$O/import-setup.sh" <<SETUP
rm -f "$O/imp.db" "$O/imp.db-wal" "$O/imp.db-shm"
cp "$O/ref.db" "$O/imp.db"
SETUP

base_ms=$(best "sh $O/baseline-setup.sh" "sqlite3 $O/base.db <$O/baseline-import.sql 2>$O/baseline.err")
[ -s "$O/baseline.err" ] && { echo "baseline import failed:"; head -5 "$O/baseline.err"; exit 1; }
check=$(sqlite3 "$O/base.db" "select count(*) from matrix_entry")
imp_ms=$(best "sh $O/import-setup.sh" "$BIN --db $O/imp.db import $O/demo.json")
# the baseline is fair only if it loads what the import loads
for t in $TABLES; do
    a=$(sqlite3 "$O/base.db" "select count(*) from $t")
    b=$(sqlite3 "$O/imp.db" "select count(*) from $t")
    [ "$a" = "$b" ] || { echo "baseline and import differ in $t: $a vs $b rows"; exit 1; }
done
exp_ms=$(best "rm -f $O/again.json" "$BIN --db $O/imp.db export --format json -o $O/again.json")
cmp -s "$O/demo.json" "$O/again.json" || { echo "export after import differs!"; exit 1; }
init_ms=$(best "rm -f $O/init.db*" "$BIN --db $O/init.db init --demo")

echo "rows in the demo data set: $rows (matrix entries: $check), JSON $(($(wc -c <"$O/demo.json") / 1024)) KiB"
printf '%-34s %7s ms  %9s rows/s\n' "sqlite3 .import CSV (baseline)" "$base_ms" "$(rate "$rows" "$base_ms")"
printf '%-34s %7s ms  %9s rows/s  ratio to baseline %s (target <= 1.5)\n' "r1540 import JSON" "$imp_ms" "$(rate "$rows" "$imp_ms")" "$(ratio "$imp_ms" "$base_ms")"
printf '%-34s %7s ms  %9s rows/s  ratio to baseline %s\n' "r1540 export JSON" "$exp_ms" "$(rate "$rows" "$exp_ms")" "$(ratio "$exp_ms" "$base_ms")"
printf '%-34s %7s ms  (target < 1000)\n' "r1540 init --demo" "$init_ms"
