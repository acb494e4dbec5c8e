# init, reference data, state commands, help texts, and unusable databases.
. tests/cli/lib.sh

# (PostgreSQL: the database is there, made empty by tests/on_postgres.sh; r1540
# says it is no r1540 one yet)
expect_fail "no database yet: clear error" 6 "no database there|an empty database, not an r1540 one" r state list
init_db
expect_eq "193 member states" "$(r state list | wc -l)" "193"
expect_eq "states in the store" "$(json length state list)" "193"
expect_eq "no observer state (Holy See)" "$(r state list | grep -c VAT)" "0"
expect_eq "no observer state (Palestine)" "$(r state list | grep -c PSE)" "0"
expect_ok "state show by alpha-2, lower case" r state show tr
expect_match "UN short name: Türkiye" "$T/out" "Türkiye"
r state show kor >"$T/kor"
expect_match "UN short name: Republic of Korea" "$T/kor" "^Republic of Korea \\(KOR"
expect_match "Chinese UN short name" "$T/kor" "zh: 大韩民国"
expect_match "formal name beside the short name" "$T/kor" "en: Republic of Korea  \|  formal: Republic of Korea"
expect_match "region and group names" "$T/kor" "UN regional group: Group of Asia-Pacific States \\(APG\\)"
expect_match "M49 names" "$T/kor" "M49: Asia \\(142\\), Eastern Asia \\(030\\)"
r state show BOL >"$T/bol"
expect_match "UN short name: Bolivia (Plurinational State of)" "$T/bol" "Bolivia \\(Plurinational State of\\)"
r state show CIV >"$T/civ"
expect_match "Côte d'Ivoire" "$T/civ" "Côte d.Ivoire"
expect_eq "LDC count on 2026-11-23" "$(r state list --ldc --as-of 2026-11-23 | wc -l)" "44"
expect_eq "LDC count on 2026-11-24 (Bangladesh, Lao PDR, Nepal graduated)" "$(r state list --ldc --as-of 2026-11-24 | wc -l)" "41"
expect_eq "LDC count in 2020 (before Vanuatu, Bhutan, Sao Tome and Principe graduated)" "$(r state list --ldc --as-of 2020-01-01 | wc -l)" "47"
expect_eq "LDC count in 2005 (Cabo Verde, Maldives, Samoa and Equatorial Guinea still LDCs, South Sudan not yet a state)" "$(r state list --ldc --as-of 2005-01-01 | wc -l)" "50"
expect_eq "Bhutan an LDC in 2020" "$(r state list --ldc --as-of 2020-06-30 | grep -c '^BTN ')" "1"
expect_eq "Bhutan not an LDC in 2025" "$(r state list --ldc --as-of 2025-06-30 | grep -c '^BTN ')" "0"
expect_eq "Bhutan an LDC the day before its graduation" "$(r state list --ldc --as-of 2023-12-12 | grep -c '^BTN ')" "1"
expect_eq "Bhutan not an LDC on its graduation day" "$(r state list --ldc --as-of 2023-12-13 | grep -c '^BTN ')" "0"
expect_eq "SIDS: Bahrain until April 2023" "$(r state list --sids --as-of 2022-01-01 | wc -l) $(r state list --sids --as-of 2024-01-01 | wc -l)" "38 37"
expect_eq "LLDC: South Sudan from its admission" "$(r state list --lldc --as-of 2011-07-13 | wc -l) $(r state list --lldc --as-of 2011-07-14 | wc -l)" "31 32"
expect_eq "graduations in force today are applied: Bangladesh is no LDC" "$(r state list --ldc | grep -c '^BGD ')" "0"
r state show BGD >"$T/bgd"
expect_match "state show lists the LDC period and its end" "$T/bgd" "LDC +from \(before\) +to 2026-11-24 +past .*76/8"
r state show SLB >"$T/slb"
expect_match "a scheduled graduation shows as scheduled" "$T/slb" "LDC +from \(before\) +to 2027-12-13 +current, end scheduled"
expect_match "Solomon Islands is still an LDC" "$T/slb" "LDC: yes"
r state show BHR --format json >"$T/bhr.json"
expect_eq "state show --format json lists the memberships" "$(/usr/bin/python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print([(m["group"],m["to"],m["status"]) for m in d["memberships"]])' "$T/bhr.json")" "[('APG', '', 'current'), ('SIDS', '2023-04-01', 'past')]"
expect_fail "state list --as-of refuses a bad date" 2 "not a date" r state list --as-of 2026-02-30
expect_fail "state list --as-of refuses a hostile string" 2 "not a date" r state list --as-of "2020-01-01'; DROP TABLE state;--"
expect_eq "memberships in the store" "$(r export --format json --no-documents -o - | jq '.memberships | length')" "$(grep -vc '^#' data/states/memberships.tsv | awk '{print $1 - 1}')"
expect_eq "LLDC count" "$(r state list --lldc | wc -l)" "32"
expect_eq "African group" "$(r state list --group AFR | wc -l)" "54"
expect_eq "M49 Caribbean (029)" "$(r state list --region 029 | wc -l)" "13"
r state list --format json >"$T/states.json"
expect_eq "state list --format json parses" "$(/usr/bin/python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$T/states.json")" "193"
expect_fail "unknown state code" 3 "unknown state 'XYZ'" r state show XYZ
expect_fail "malformed state code" 3 "unknown state" r state show "A'; DROP TABLE state;--"
expect_eq "states survive the hostile code" "$(json length state list)" "193"
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

# Databases that cannot be used. The files below are SQLite paths on either
# backend: what r1540 does with a file that is no database.
printf 'this is not a database, just text that is long enough to look like a file header....' >"$T/notdb.db"
expect_fail "a file that is not SQLite" 6 "not an SQLite database|not a database" "$BIN" --db "$T/notdb.db" state list
expect_eq "the non-SQLite file is untouched" "$(head -c 17 "$T/notdb.db")" "this is not a dat"
# Another program's database, made and read beneath r1540 (sqlite3 or psql).
if on_sqlite; then
    sqlite_only "$T/other.db" 'create table t(x); insert into t values (1);'
    expect_fail "an SQLite database of another program" 6 "not an r1540 one" "$BIN" --db "$T/other.db" init
    expect_eq "the other database is untouched" "$(sqlite_only "$T/other.db" 'select count(*) from sqlite_schema')" "1"
    cp "$DB" "$T/newer.db"
    sqlite_only "$T/newer.db" "PRAGMA user_version = 99" # the SQLite backend's schema version
    NEWER=$T/newer.db
else
    OTHER=$(new_db other)
    (DB=$OTHER; beneath 'create table t(x integer); insert into t values (1);')
    expect_fail "a PostgreSQL database of another program" 6 "not an r1540 database" "$BIN" --db "$OTHER" init
    expect_eq "the other database is untouched" \
        "$(DB=$OTHER; beneath_value "select count(*) from pg_tables where schemaname = 'public'")" "1"
    NEWER=$(clone_db newer)
    (DB=$NEWER; beneath "UPDATE r1540_schema SET version = 99") # the PostgreSQL backend's schema version
fi
expect_fail "a database made by a newer r1540" 6 "made by a newer r1540" "$BIN" --db "$NEWER" status
expect_fail "a database in a missing folder" 6 "" "$BIN" --db "$T/missing/dir/x.db" init
: >"$T/empty.db"
expect_fail "an empty file is not a database" 6 "an empty file" "$BIN" --db "$T/empty.db" status
expect_eq "the empty file stays empty" "$(wc -c <"$T/empty.db")" "0"
expect_fail "init with missing reference data fails" 3 "m49-regions.tsv" env R1540_DATA="$T/nodata" "$BIN" --db "$T/new.db" init
expect_eq "and leaves no half-made database" "$(ls "$T" | grep -c '^new.db')" "0"
expect_fail "the same through a sqlite: path" 3 "m49-regions.tsv" env R1540_DATA="$T/nodata" "$BIN" --db "sqlite:$T/new2.db" init
expect_eq "leaves no half-made database either" "$(ls "$T" | grep -c '^new2.db')" "0"

# A database locked by another process: a writer holds the write lock until the
# refused write is over (a fixed 2 seconds was over before r1540 started on a busy machine).
h=$(json length report list)
hold_write_lock "$T/locked" "$T/release" &
holder=$!
while [ ! -e "$T/locked" ] && kill -0 $holder 2>/dev/null; do sleep 0.05; done
expect_fail "a database locked by another process" 6 "locked by another process" r report add FRA --kind letter --date 2020-01-01 --language fr --title "Lettre"
: >"$T/release"
wait $holder
expect_eq "the locked write left nothing" "$(json length report list)" "$h"
expect_ok "after the lock is gone the write works" r report add FRA --kind letter --date 2020-01-01 --language fr --title "Lettre"

# An empty or in-memory database path would make SQLite use a throw-away database.
expect_fail "--db '' is refused, not a throw-away database" 6 "not a database file name" "$BIN" --db '' init
expect_fail "--db :memory: is refused" 6 "not a database file name" "$BIN" --db sqlite::memory: init
expect_fail "--db without a PATH" 2 "--db needs a PATH" "$BIN" --db

done_testing
