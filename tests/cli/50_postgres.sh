# The PostgreSQL backend (issue 14), as far as it is written: a throwaway
# cluster of this script's own (tests/pg_cluster.sh, stopped on EXIT also on
# failure), the experimental switch, connecting and refusing databases that
# are not r1540's, the schema's rules enforced by PostgreSQL itself, and the
# commands whose operations exist giving byte for byte what SQLite gives.
# Operations not written yet must refuse naming themselves, never answer.
. tests/cli/lib.sh
. tests/pg_cluster.sh
trap 'pg_cluster_stop; rm -rf "$T"' EXIT
if ! pg_cluster_start >"$T/pg.log" 2>&1; then
    not_ok "a throwaway PostgreSQL cluster starts" "$(head -c 600 "$T/pg.log")"
    echo "1..$N"
    exit 1
fi
ok "a throwaway PostgreSQL cluster starts (Unix socket only, in $PG_DIR)"
unset R1540_DB
PG=$PG_URL
p() { "$BIN" --db "$PG" "$@"; }

# ---- the switch, the URI, databases that are not r1540's ---------------------------
unset R1540_PG_EXPERIMENTAL
expect_fail "without R1540_PG_EXPERIMENTAL=1 the backend is refused" 6 \
    "experimental and incomplete; set R1540_PG_EXPERIMENTAL=1" p state list
export R1540_PG_EXPERIMENTAL=1
expect_fail "the switch must be 1, not anything" 6 "R1540_PG_EXPERIMENTAL=1" \
    env R1540_PG_EXPERIMENTAL=yes "$BIN" --db "$PG" state list
expect_fail "a malformed URI is refused" 6 "not a PostgreSQL connection URI" \
    "$BIN" --db "postgresql://[::1" state list
expect_fail "a database that does not exist" 6 "cannot connect" \
    "$BIN" --db "$(pg_url nosuchdb)" state list
expect_fail "postgres: works as a prefix too, and an empty database is not r1540's" 6 \
    "an empty database, not an r1540 one" "$BIN" --db "postgres:///r1540test?host=$PG_DIR" state list
expect_fail "a password in the URI never shows in a message" 6 "postgres database nosuchdb" \
    "$BIN" --db "postgresql://r1540:s3cr3t-pw@/nosuchdb?host=$PG_DIR" state list
if grep -q s3cr3t-pw "$T/err"; then not_ok "... and the password is not printed" "$(cat "$T/err")"; else ok "... and the password is not printed"; fi

pg_createdb other
pg_psql other -c "CREATE TABLE payroll (id int); INSERT INTO payroll VALUES (7)"
expect_fail "init refuses a database holding other tables" 6 "holds 1 other table, not an r1540 database" \
    "$BIN" --db "$(pg_url other)" init
expect_eq "... and leaves them alone" "$(pg_psql other -c "SELECT id FROM payroll; SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")" "7
1"

# ---- init, and what it loaded read back as SQLite reads it ------------------------------
expect_ok "init on an empty database" p init
init_db
r state list >"$T/sqlite_states" 2>&1
expect_ok "state list" p state list
expect_eq "state list is byte-identical to SQLite's" "$(sha256sum <"$T/out")" "$(sha256sum <"$T/sqlite_states")"
# the JSON form, and filters answered from the membership periods
for args in "--format json" "--ldc" "--sids --as-of 1995-01-01" "--group AFR --format json"; do
    # shellcheck disable=SC2086 # the options are split on purpose
    r state list $args >"$T/sqlite_states" 2>&1
    # shellcheck disable=SC2086
    expect_ok "state list $args" p state list $args
    expect_eq "... byte-identical to SQLite's" "$(sha256sum <"$T/out")" "$(sha256sum <"$T/sqlite_states")"
done
expect_ok "init again reloads the reference data" p init
expect_ok "audit verify" p audit verify
expect_match "... two entries in one unbroken chain" "$T/out" "intact: 2 entries"
expect_eq "the schema number is the backend's migration count" "$(pg_psql r1540test -c "SELECT version FROM r1540_schema")" "2"

# ---- the rules, enforced by PostgreSQL whoever writes -----------------------------------
refused() { # refused NAME PATTERN SQL: psql, bypassing r1540, is refused
    if pg_psql r1540test -c "$3" >"$T/out" 2>"$T/err"; then
        not_ok "$1" "psql accepted: $3"
    elif grep -qE -- "$2" "$T/err"; then ok "$1"
    else not_ok "$1" "$(head -c 600 "$T/err")" "wanted: $2"; fi
}
refused "the audit log: no UPDATE" "r1540: the audit log is append-only" "UPDATE audit SET actor = 'x'"
refused "the audit log: no DELETE" "r1540: the audit log is append-only" "DELETE FROM audit"
refused "the audit log: no TRUNCATE" "r1540: the audit log is append-only" "TRUNCATE audit"
refused "a state code has its shape" "state_alpha3_check" \
    "INSERT INTO state SELECT 'fr1', 'QQ', '999', un_group, m49_region, m49_subregion, m49_intermediate, ldc, lldc, sids, name_ar, name_zh, name_en, name_fr, name_ru, name_es FROM state WHERE alpha3 = 'FRA'"
refused "a membership names a known state" "foreign key" \
    "INSERT INTO state_membership VALUES ('ZZZ', 'LDC', '2000-01-01', '', 'test')"
expect_ok "audit verify still passes" p audit verify

# ---- what is not written yet says so -------------------------------------------------------
expect_fail "an operation not written yet refuses naming itself" 1 \
    "does not implement the operation 'user_list' yet" p user list

# ---- a failed first init removes what it made ------------------------------------------------
pg_createdb fresh
expect_fail "init --demo fails while its operations are missing" 1 "does not implement the operation" \
    "$BIN" --db "$(pg_url fresh)" init --demo
expect_eq "... and leaves the database empty as it found it" \
    "$(pg_psql fresh -c "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'; SELECT count(*) FROM pg_proc WHERE proname LIKE 'r1540%'")" "0
0"
expect_ok "... so that init can start again there" "$BIN" --db "$(pg_url fresh)" init

echo "1..$N"
