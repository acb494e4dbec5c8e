# How tests read the store, sourced by tests/cli/lib.sh and tests/http/lib.sh
# (which define BIN, DB and r). Everything a test checks in a database goes
# through r1540's own reads, so that the same suites can run on another
# storage backend; what must go beneath r1540 goes through sqlite_only alone.

# ---- Reads through r1540 -----------------------------------------------------

# json FILTER ARGS...: `r1540 ARGS... --format json`, filtered by jq -r FILTER.
json() { f=$1; shift; r "$@" --format json | jq -r "$f"; }

# A fingerprint of everything a database (default $DB) holds: records and
# audit log, not sign-in sessions. Equal before and after a refused request or
# command proves it changed nothing.
db_hash() { "$BIN" --db "${1:-$DB}" fingerprint; }
fingerprint() { db_hash; }

# The audit log: its number of entries, its newest entry ("ACTION OBJECT") and
# that entry's detail.
audit_count() { json length audit list; }
audit_last() { json 'last | "\(.action) \(.object)"' audit list; }
audit_detail() { json 'last | .detail' audit list; }

# ---- Beneath r1540: the SQLite backend itself ---------------------------------
# sqlite_only DB SQL...: the sqlite3 tool on a database file. Every test that
# deliberately goes under r1540 calls this and nothing else, each call with a
# comment saying why: corrupting or tampering with the file, the SQLite
# backend's own constraints and triggers, a backup's bytes, recovery after
# kill -9, or setting up a state r1540 cannot make (an expired session, failed
# sign-ins). A suite run on another backend replaces exactly these calls.
# On PostgreSQL (tests/on_postgres.sh) it refuses, so that a step depending on
# it fails loudly unless the script guards it with on_sqlite.
on_sqlite() { [ "${R1540_TEST_BACKEND:-sqlite}" = sqlite ]; }
sqlite_only() {
    if on_sqlite; then sqlite3 "$@"; else echo "sqlite_only: the database is on PostgreSQL" >&2; return 1; fi
}

# beneath SQL: runs SQL on $DB beneath r1540, on either backend (sqlite3 on a
# file, psql on tests/on_postgres.sh's database): for the rules the database
# itself enforces, whoever writes. The SQL must be valid in both dialects.
beneath() {
    # SQLite's foreign keys are off per connection unless asked for;
    # PostgreSQL's are always on
    if on_sqlite; then sqlite3 "$DB" "$1"
    else psql -X -q -v ON_ERROR_STOP=1 -d "$DB" -c "${1#PRAGMA foreign_keys=ON; }"; fi
}

# beneath_read SQL: the rows of a query on $DB beneath r1540, on either
# backend, one line a row, columns joined by '|' and no header (sqlite3's
# default list output; psql -tA gives the same). For what r1540 does not show:
# a stored token's hash, a row's hidden flag. The SQL must be valid in both
# dialects ("user" quoted, no strftime or group_concat).
beneath_read() {
    if on_sqlite; then sqlite3 "$DB" "$1"
    else psql -X -q -tA -v ON_ERROR_STOP=1 -d "$DB" -c "$1"; fi
}

# new_db NAME: where a second, empty database of the suite's backend is: a
# file in $T on SQLite, a new database of the throwaway cluster on PostgreSQL.
new_db() {
    if on_sqlite; then echo "$T/$1.db"; else createdb "$1" && echo "postgresql:///$1?host=$PGHOST"; fi
}

# beneath_value SQL: the one value SQL selects from $DB beneath r1540, on
# either backend, bare (no header): what `sqlite3 DB SQL` prints.
beneath_value() {
    if on_sqlite; then sqlite3 "$DB" "$1"; else psql -X -q -A -t -v ON_ERROR_STOP=1 -d "$DB" -c "$1"; fi
}

# clone_db NAME: prints where an independent copy of $DB is (a copy of the
# file on SQLite, `createdb -T` on PostgreSQL), to tamper with beneath r1540
# without touching $DB. No r1540 may have $DB open meanwhile.
clone_db() {
    if on_sqlite; then cp "$DB" "$T/$1.db" && echo "$T/$1.db"
    else createdb -T "$(echo "$DB" | sed 's,^postgresql:///\([^?]*\).*,\1,')" "$1" &&
        echo "postgresql:///$1?host=$PGHOST"; fi
}

# hold_write_lock READY RELEASE: holds r1540's write lock on $DB (SQLite's
# BEGIN IMMEDIATE; on PostgreSQL the transaction-level advisory lock the
# backend's writers take, postgres.c: pg_advisory_xact_lock(1540, 1)) from
# another process; creates the file READY once it holds it, and lets go when
# the file RELEASE exists (at most 2 minutes). Run it in the background.
hold_write_lock() {
    if on_sqlite; then
        /usr/bin/python3 -c '
import os, sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("BEGIN IMMEDIATE"); open(sys.argv[2], "w").close()
for _ in range(2400):  # until the test is done with it (at most 2 minutes), not a fixed time
    if os.path.exists(sys.argv[3]): break
    time.sleep(0.05)
c.execute("ROLLBACK")
' "$DB" "$1" "$2"
    else
        {
            echo "BEGIN; SELECT pg_advisory_xact_lock(1540, 1);"
            echo "\\! touch '$1'"
            i=0
            while [ ! -e "$2" ] && [ $i -lt 2400 ]; do sleep 0.05; i=$((i + 1)); done
            echo "ROLLBACK;"
        } | psql -X -q -v ON_ERROR_STOP=1 -d "$DB" >/dev/null
    fi
}

# init_demo: makes $DB, which must not exist yet, a database with the demo
# data: `r1540 init --demo`, or on SQLite a copy of the one tests/run.sh made
# with the same build before the tests started (the folder R1540_TEST_DEMO,
# the file demo_file names). init --demo is deterministic and takes 1.5 s,
# 6 s under ASan, in each of about 30 scripts; the build's own init --demo
# still runs once a run. A script run on its own, or on PostgreSQL, runs
# init --demo itself, as does one whose build is newer than the copy.
init_demo() {
    if on_sqlite && [ -n "${R1540_TEST_DEMO:-}" ] && [ ! -e "$DB" ] &&
        [ -s "$R1540_TEST_DEMO/$(demo_file "$BIN")" ] && [ "$R1540_TEST_DEMO/$(demo_file "$BIN")" -nt "$BIN" ]; then
        cp "$R1540_TEST_DEMO/$(demo_file "$BIN")" "$DB"
    else
        r init --demo
    fi
}
# demo_file BIN: the name of BIN's demo database in R1540_TEST_DEMO (its real
# path, letters and digits kept)
demo_file() { echo "$(realpath "$1" | tr -c 'A-Za-z0-9\n' _).db"; }

# copy_db NAME: a copy of $DB (no server or command writing to it) as a
# second database of the suite's backend, and prints where it is: the file
# copied on SQLite, `r1540 copy` into new_db NAME on PostgreSQL (which leaves
# the sign-in sessions out: copy before anyone signs in).
copy_db() {
    if on_sqlite; then cp "$DB" "$T/$1.db" && echo "$T/$1.db"
    else c_url=$(new_db "$1") && "$BIN" --db "$DB" copy "$c_url" >/dev/null && echo "$c_url"; fi
}

# db_holds STRING: whether STRING is anywhere in what $DB stores: the bytes of
# the SQLite file and its journals, or a pg_dump of the PostgreSQL database
# (for "hashed at rest" checks: a token must never be stored as it is).
db_holds() {
    if on_sqlite; then cat "$DB"* 2>/dev/null | grep -qaF -- "$1"
    else pg_dump -d "$DB" >"$T/dump.sql" && grep -qaF -- "$1" "$T/dump.sql"; fi
}
