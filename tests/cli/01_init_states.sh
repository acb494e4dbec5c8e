# init, reference data, state commands, help texts, and unusable databases.
. tests/cli/lib.sh

expect_fail "no database yet: clear error" 6 "no database there" r state list
init_db
expect_eq "193 member states" "$(r state list | wc -l)" "193"
expect_eq "states in the store" "$(sqlite3 "$DB" 'select count(*) from state')" "193"
expect_eq "no observer state (Holy See)" "$(r state list | grep -c VAT)" "0"
expect_eq "no observer state (Palestine)" "$(r state list | grep -c PSE)" "0"
expect_ok "state show by alpha-2, lower case" r state show tr
expect_match "UN short name override: Türkiye" "$T/out" "Türkiye"
r state show kor >"$T/kor"
expect_match "UN short name: Republic of Korea" "$T/kor" "^Republic of Korea \\(KOR"
expect_match "Chinese name from iso-codes" "$T/kor" "zh: 大韩民国|zh: 韩国"
expect_match "region and group names" "$T/kor" "UN regional group: Group of Asia-Pacific States \\(APG\\)"
expect_match "M49 names" "$T/kor" "M49: Asia \\(142\\), Eastern Asia \\(030\\)"
r state show BOL >"$T/bol"
expect_match "UN short name: Bolivia (Plurinational State of)" "$T/bol" "Bolivia \\(Plurinational State of\\)"
r state show CIV >"$T/civ"
expect_match "Côte d'Ivoire" "$T/civ" "Côte d.Ivoire"
expect_eq "LDC count (as of 2026-11-23)" "$(r state list --ldc | wc -l)" "44"
expect_eq "LLDC count" "$(r state list --lldc | wc -l)" "32"
expect_eq "African group" "$(r state list --group AFR | wc -l)" "54"
expect_eq "M49 Caribbean (029)" "$(r state list --region 029 | wc -l)" "13"
r state list --format json >"$T/states.json"
expect_eq "state list --format json parses" "$(/usr/bin/python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$T/states.json")" "193"
expect_fail "unknown state code" 3 "unknown state 'XYZ'" r state show XYZ
expect_fail "malformed state code" 3 "unknown state" r state show "A'; DROP TABLE state;--"
expect_eq "states survive the hostile code" "$(sqlite3 "$DB" 'select count(*) from state')" "193"
expect_fail "unknown subcommand" 2 "expected" r state frobnicate
expect_fail "unknown command" 2 "unknown command" r frobnicate
expect_fail "bad --format" 2 "not text or json" r state list --format xml

for c in init status state report matrix template import export; do
    expect_ok "$c --help" r $c --help
    expect_match "$c --help prints usage" "$T/out" "^usage: r1540 $c"
done
expect_ok "global --help" r --help

h=$(data_hash)
expect_ok "init again reloads reference data" r init
expect_eq "init twice changes nothing" "$(data_hash)" "$h"
expect_eq "template has a few hundred items" "$(r template list | wc -l | awk '$1 >= 300 && $1 <= 400 {print "yes"}')" "yes"
expect_eq "template list --section OP1 --lang zh" "$(r template list --section OP1 --lang zh | grep -c '不扩散核武器条约')" "1"
expect_fail "template list bad section" 2 "not OP1" r template list --section OP9

# Databases that cannot be used.
printf 'this is not a database, just text that is long enough to look like a file header....' >"$T/notdb.db"
expect_fail "a file that is not SQLite" 6 "not an SQLite database|not a database" "$BIN" --db "$T/notdb.db" state list
expect_eq "the non-SQLite file is untouched" "$(head -c 17 "$T/notdb.db")" "this is not a dat"
sqlite3 "$T/other.db" 'create table t(x); insert into t values (1);'
expect_fail "an SQLite database of another program" 6 "not an r1540 one" "$BIN" --db "$T/other.db" init
expect_eq "the other database is untouched" "$(sqlite3 "$T/other.db" 'select count(*) from sqlite_schema')" "1"
cp "$DB" "$T/newer.db"
sqlite3 "$T/newer.db" "PRAGMA user_version = 99"
expect_fail "a database made by a newer r1540" 6 "made by a newer r1540" "$BIN" --db "$T/newer.db" status
expect_fail "a database in a missing folder" 6 "" "$BIN" --db "$T/missing/dir/x.db" init
: >"$T/empty.db"
expect_fail "an empty file is not a database" 6 "an empty file" "$BIN" --db "$T/empty.db" status
expect_eq "the empty file stays empty" "$(wc -c <"$T/empty.db")" "0"
expect_fail "init with missing reference data fails" 3 "m49-regions.tsv" env R1540_DATA="$T/nodata" "$BIN" --db "$T/new.db" init
expect_eq "and leaves no half-made database" "$(ls "$T" | grep -c '^new.db')" "0"
expect_fail "the same through a sqlite: path" 3 "m49-regions.tsv" env R1540_DATA="$T/nodata" "$BIN" --db "sqlite:$T/new2.db" init
expect_eq "leaves no half-made database either" "$(ls "$T" | grep -c '^new2.db')" "0"

# A database locked by another process: a writer holds the write lock for 2 seconds.
/usr/bin/python3 -c '
import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("BEGIN IMMEDIATE"); open(sys.argv[2], "w").close(); time.sleep(2); c.execute("ROLLBACK")
' "$DB" "$T/locked" &
holder=$!
while [ ! -e "$T/locked" ]; do sleep 0.05; done
h=$(sqlite3 "$DB" 'select count(*) from report')
expect_fail "a database locked by another process" 6 "locked by another process" r report add FRA --kind letter --date 2020-01-01 --language fr --title "Lettre"
wait $holder
expect_eq "the locked write left nothing" "$(sqlite3 "$DB" 'select count(*) from report')" "$h"
expect_ok "after the lock is gone the write works" r report add FRA --kind letter --date 2020-01-01 --language fr --title "Lettre"

# An empty or in-memory database path would make SQLite use a throw-away database.
expect_fail "--db '' is refused, not a throw-away database" 6 "not a database file name" "$BIN" --db '' init
expect_fail "--db :memory: is refused" 6 "not a database file name" "$BIN" --db sqlite::memory: init
expect_fail "--db without a PATH" 2 "--db needs a PATH" "$BIN" --db

done_testing
