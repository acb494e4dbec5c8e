# Shared helpers for the CLI tests: each test script sources this file, runs
# the real r1540 binary ($R1540_BIN) against databases in a fresh temporary
# folder, and prints TAP lines ("ok N - ...", "not ok N - ...").
set -u
BIN=${R1540_BIN:-./r1540}
case $BIN in /*) ;; *) BIN="$PWD/$BIN" ;; esac
ROOT=$PWD
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
# $T/test.db, or the database tests/on_postgres.sh gives
DB=${R1540_TEST_DB:-$T/test.db}
N=0
export R1540_DATA="$ROOT/data"
export R1540_BUSY_TIMEOUT_MS=200

r() { "$BIN" --db "$DB" "$@"; }

ok() { N=$((N + 1)); echo "ok $N - $1"; }
not_ok() { N=$((N + 1)); echo "not ok $N - $1"; shift; for l in "$@"; do echo "#   $l"; done; }

# expect_ok NAME CMD...: the command succeeds.
expect_ok() {
    name=$1; shift
    if "$@" >"$T/out" 2>"$T/err"; then ok "$name"; else not_ok "$name" "exit $?" "$(head -c 600 "$T/err")"; fi
}

# expect_fail NAME CODE PATTERN CMD...: exits with CODE and stderr matches PATTERN (grep -E).
expect_fail() {
    name=$1; code=$2; pattern=$3; shift 3
    "$@" >"$T/out" 2>"$T/err"
    rc=$?
    if [ "$rc" -eq "$code" ] && grep -qE -- "$pattern" "$T/err"; then
        ok "$name"
    else
        not_ok "$name" "exit $rc (wanted $code)" "stderr: $(head -c 600 "$T/err")" "wanted: $pattern"
    fi
}

# expect_sql_refused NAME PATTERN SQL: SQL run beneath r1540 (sqlite3, or
# psql on PostgreSQL) is refused by the backend's own constraints and
# triggers. The rules' own messages are the same on both; SQLite's names for
# constraint failures become PostgreSQL's.
expect_sql_refused() {
    name=$1; pattern=$2; shift 2
    if ! on_sqlite; then
        pattern=$(printf '%s' "$pattern" | sed -e 's/CHECK constraint failed/violates check constraint/' \
            -e 's/FOREIGN KEY constraint failed/violates foreign key constraint/' \
            -e 's/UNIQUE constraint failed/violates unique constraint/' \
            -e 's/NOT NULL constraint failed/violates not-null constraint/')
    fi
    beneath "$@" >"$T/out" 2>"$T/err"
    rc=$?
    if [ "$rc" -ne 0 ] && grep -qE -- "$pattern" "$T/err"; then
        ok "$name"
    else
        not_ok "$name" "exit $rc" "stderr: $(head -c 600 "$T/err")" "wanted: $pattern"
    fi
}

# expect_eq NAME ACTUAL EXPECTED
expect_eq() {
    if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1" "got:  $2" "want: $3"; fi
}

# expect_match NAME FILE PATTERN: the file matches the pattern (grep -E).
expect_match() {
    if grep -qE -- "$3" "$2"; then ok "$1"; else not_ok "$1" "no match for $3 in:" "$(head -c 600 "$2")"; fi
}

# Reads through r1540 (json, db_hash, audit_*) and the one way beneath it (sqlite_only).
. tests/store_access.sh

# The data without the audit log: a command that succeeds without changing the
# data (init again, a repeated import) still adds its audit entry. Read through
# r1540 (`fingerprint --data`), so the same on every backend.
data_hash() { "$BIN" --db "${1:-$DB}" fingerprint --data; }

# audited NAME ACTION OBJECT CMD...: the command succeeds and adds one entry ACTION OBJECT.
audited() {
    name=$1; action=$2; object=$3; shift 3
    before=$(audit_count)
    expect_ok "$name" "$@"
    expect_eq "$name: one audit entry, $action $object" "$(($(audit_count) - before)) $(audit_last)" "1 $action $object"
}
# unaudited NAME CODE PATTERN CMD...: expect_fail, and the command adds no audit entry.
unaudited() {
    before=$(audit_count)
    expect_fail "$@"
    expect_eq "$1: no audit entry" "$(audit_count)" "$before"
}

# The standard setup: a database with reference data only, or with demo data
# (init_demo: on SQLite a copy of the run's demo database).
init_db() {
    if [ "$*" = --demo ]; then init_demo; else r init "$@"; fi >/dev/null 2>"$T/init.err" ||
        { cat "$T/init.err"; exit 1; }
}

done_testing() { echo "1..$N"; }
